// Natural-number arithmetic over limb arrays (crypto/bignum.hpp). The constant-time functions
// choose between results with masks, never with branches on the values.
#include "crypto/bignum.hpp"

namespace tinycapi::crypto::bignum {
namespace {

using Wide = uint64_t;

// All ones when `bit` (0 or 1) is 1, else zero.
Limb mask_of(Limb bit) { return static_cast<Limb>(0) - bit; }

// x >>= 1 over `size` limbs, `top` (0 or 1) entering at the most significant bit.
void halve(Limb *x, size_t size, Limb top) {
    for (size_t i = 0; i < size; ++i) {
        const Limb next = i + 1 < size ? x[i + 1] : top;
        x[i] = (x[i] >> 1) | (next << (limb_bits - 1));
    }
}

// x <<= 1; returns the bit shifted out.
Limb double_in_place(Limb *x, size_t size) {
    Limb carry = 0;
    for (size_t i = 0; i < size; ++i) {
        const Limb next = x[i] >> (limb_bits - 1);
        x[i] = (x[i] << 1) | carry;
        carry = next;
    }
    return carry;
}

// x -= m when `mask` is all ones (x ≥ m is the caller's business); returns the borrow.
Limb subtract_masked(Limb *x, const Limb *m, size_t size, Limb mask) {
    Limb borrow = 0;
    for (size_t i = 0; i < size; ++i) {
        const Wide difference = static_cast<Wide>(x[i]) - (m[i] & mask) - borrow;
        x[i] = static_cast<Limb>(difference);
        borrow = static_cast<Limb>(difference >> 32) & 1;
    }
    return borrow;
}

// The borrow of x - m, computed without storing the difference.
Limb borrow_of(const Limb *x, const Limb *m, size_t size) {
    Limb borrow = 0;
    for (size_t i = 0; i < size; ++i) {
        const Wide difference = static_cast<Wide>(x[i]) - m[i] - borrow;
        borrow = static_cast<Limb>(difference >> 32) & 1;
    }
    return borrow;
}

// -m^-1 mod 2^32 for an odd m0 (Newton's iteration: each step doubles the correct bits,
// from the 3 that m0 itself gives).
Limb montgomery_factor(Limb m0) {
    Limb inverse = m0;
    for (int i = 0; i < 4; ++i) inverse *= 2 - m0 * inverse;
    return static_cast<Limb>(0) - inverse;
}

// r = a · b · 2^(-32·size) mod m, for a, b < m (CIOS). r may be a or b. t: size + 2 limbs.
void montgomery_multiply(Limb *r, const Limb *a, const Limb *b, const Limb *m, size_t size, Limb factor, Limb *t) {
    set_zero(t, size + 2);
    for (size_t i = 0; i < size; ++i) {
        Wide carry = 0;
        for (size_t j = 0; j < size; ++j) {
            const Wide sum = static_cast<Wide>(a[i]) * b[j] + t[j] + carry;
            t[j] = static_cast<Limb>(sum);
            carry = sum >> 32;
        }
        Wide sum = static_cast<Wide>(t[size]) + carry;
        t[size] = static_cast<Limb>(sum);
        t[size + 1] = static_cast<Limb>(sum >> 32);

        const Limb u = t[0] * factor;
        sum = static_cast<Wide>(u) * m[0] + t[0];
        carry = sum >> 32;
        for (size_t j = 1; j < size; ++j) {
            sum = static_cast<Wide>(u) * m[j] + t[j] + carry;
            t[j - 1] = static_cast<Limb>(sum);
            carry = sum >> 32;
        }
        sum = static_cast<Wide>(t[size]) + carry;
        t[size - 1] = static_cast<Limb>(sum);
        t[size] = t[size + 1] + static_cast<Limb>(sum >> 32);
    }
    // t < 2m: r = t - m when t ≥ m (a carry out of the low limbs, or no borrow), else t.
    Limb borrow = 0;
    for (size_t i = 0; i < size; ++i) {
        const Wide difference = static_cast<Wide>(t[i]) - m[i] - borrow;
        r[i] = static_cast<Limb>(difference);
        borrow = static_cast<Limb>(difference >> 32) & 1;
    }
    const Limb keep_difference = mask_of((t[size] | (borrow ^ 1)) & 1);
    for (size_t i = 0; i < size; ++i) r[i] = (r[i] & keep_difference) | (t[i] & ~keep_difference);
}

// x = (x / 2) mod m for an odd m and x < m: (x + m) / 2 when x is odd.
void halve_modulo(Limb *x, const Limb *m, size_t size) {
    const Limb odd = mask_of(x[0] & 1);
    Limb carry = 0;
    for (size_t i = 0; i < size; ++i) {
        const Wide sum = static_cast<Wide>(x[i]) + (m[i] & odd) + carry;
        x[i] = static_cast<Limb>(sum);
        carry = static_cast<Limb>(sum >> 32);
    }
    halve(x, size, carry);
}

size_t trailing_zero_bits(const Limb *x, size_t size) {
    size_t count = 0;
    for (size_t i = 0; i < size; ++i) {
        if (x[i] == 0) {
            count += limb_bits;
            continue;
        }
        Limb limb = x[i];
        while ((limb & 1) == 0) {
            limb >>= 1;
            ++count;
        }
        return count;
    }
    return count;
}

void shift_right(Limb *x, size_t size, size_t bits) {
    for (; bits > 0; --bits) halve(x, size, 0);
}

}  // namespace

void set_zero(Limb *x, size_t size) {
    for (size_t i = 0; i < size; ++i) x[i] = 0;
}

void set_small(Limb *x, size_t size, Limb value) {
    set_zero(x, size);
    if (size > 0) x[0] = value;
}

void copy(Limb *destination, const Limb *source, size_t size) {
    for (size_t i = 0; i < size; ++i) destination[i] = source[i];
}

void resize(Limb *destination, size_t size, const Limb *source, size_t source_size) {
    for (size_t i = 0; i < size; ++i) destination[i] = i < source_size ? source[i] : 0;
}

bool read_big_endian(Limb *x, size_t size, const uint8_t *bytes, size_t length) {
    while (length > 0 && *bytes == 0) {
        ++bytes;
        --length;
    }
    if (length > size * limb_bytes) return false;
    set_zero(x, size);
    for (size_t i = 0; i < length; ++i) {
        const size_t position = length - 1 - i;  // byte position from the least significant end
        x[position / limb_bytes] |= static_cast<Limb>(bytes[i]) << (8 * (position % limb_bytes));
    }
    return true;
}

bool write_big_endian(const Limb *x, size_t size, uint8_t *bytes, size_t length) {
    if (byte_length(x, size) > length) return false;
    for (size_t i = 0; i < length; ++i) {
        const size_t position = length - 1 - i;
        const size_t limb = position / limb_bytes;
        bytes[i] = limb < size ? static_cast<uint8_t>(x[limb] >> (8 * (position % limb_bytes))) : 0;
    }
    return true;
}

size_t bit_length(const Limb *x, size_t size) {
    for (size_t i = size; i-- > 0;) {
        if (x[i] == 0) continue;
        size_t bits = limb_bits;
        while ((x[i] >> (bits - 1)) == 0) --bits;
        return i * limb_bits + bits;
    }
    return 0;
}

bool is_zero(const Limb *x, size_t size) {
    Limb any = 0;
    for (size_t i = 0; i < size; ++i) any |= x[i];
    return any == 0;
}

bool equals_small(const Limb *x, size_t size, Limb value) {
    if (size == 0) return value == 0;
    return x[0] == value && is_zero(x + 1, size - 1);
}

int compare(const Limb *a, const Limb *b, size_t size) {
    for (size_t i = size; i-- > 0;) {
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

Limb add(Limb *r, const Limb *a, const Limb *b, size_t size) {
    Limb carry = 0;
    for (size_t i = 0; i < size; ++i) {
        const Wide sum = static_cast<Wide>(a[i]) + b[i] + carry;
        r[i] = static_cast<Limb>(sum);
        carry = static_cast<Limb>(sum >> 32);
    }
    return carry;
}

Limb subtract(Limb *r, const Limb *a, const Limb *b, size_t size) {
    Limb borrow = 0;
    for (size_t i = 0; i < size; ++i) {
        const Wide difference = static_cast<Wide>(a[i]) - b[i] - borrow;
        r[i] = static_cast<Limb>(difference);
        borrow = static_cast<Limb>(difference >> 32) & 1;
    }
    return borrow;
}

Limb add_small(Limb *r, const Limb *a, size_t size, Limb value) {
    Limb carry = value;
    for (size_t i = 0; i < size; ++i) {
        const Wide sum = static_cast<Wide>(a[i]) + carry;
        r[i] = static_cast<Limb>(sum);
        carry = static_cast<Limb>(sum >> 32);
    }
    return carry;
}

Limb subtract_small(Limb *r, const Limb *a, size_t size, Limb value) {
    Limb borrow = value;
    for (size_t i = 0; i < size; ++i) {
        const Wide difference = static_cast<Wide>(a[i]) - borrow;
        r[i] = static_cast<Limb>(difference);
        borrow = static_cast<Limb>(difference >> 32) & 1;
    }
    return borrow;
}

void multiply(Limb *r, const Limb *a, size_t a_size, const Limb *b, size_t b_size) {
    set_zero(r, a_size + b_size);
    for (size_t i = 0; i < a_size; ++i) {
        Wide carry = 0;
        for (size_t j = 0; j < b_size; ++j) {
            const Wide sum = static_cast<Wide>(a[i]) * b[j] + r[i + j] + carry;
            r[i + j] = static_cast<Limb>(sum);
            carry = sum >> 32;
        }
        r[i + b_size] = static_cast<Limb>(carry);
    }
}

void multiply_small(Limb *r, const Limb *a, size_t size, Limb value) {
    Wide carry = 0;
    for (size_t i = 0; i < size; ++i) {
        const Wide product = static_cast<Wide>(a[i]) * value + carry;
        r[i] = static_cast<Limb>(product);
        carry = product >> 32;
    }
    r[size] = static_cast<Limb>(carry);
}

void divide(Limb *quotient, Limb *remainder, const Limb *a, size_t a_size, const Limb *m, size_t m_size,
            Limb *scratch) {
    // scratch holds the running remainder, below 2m after each doubling: m_size + 1 limbs,
    // the top one 0 or 1.
    Limb *running = scratch;
    set_zero(running, m_size + 1);
    if (quotient != nullptr) set_zero(quotient, a_size);
    for (size_t bit = a_size * limb_bits; bit-- > 0;) {
        double_in_place(running, m_size + 1);
        running[0] |= (a[bit / limb_bits] >> (bit % limb_bits)) & 1;
        // running ≥ m exactly when the top limb is set or the low limbs do not borrow.
        const Limb at_least_m = (running[m_size] | (borrow_of(running, m, m_size) ^ 1)) & 1;
        const Limb borrow = subtract_masked(running, m, m_size, mask_of(at_least_m));
        running[m_size] -= borrow;
        if (quotient != nullptr) quotient[bit / limb_bits] |= at_least_m << (bit % limb_bits);
    }
    copy(remainder, running, m_size);
}

Limb divide_small(Limb *quotient, const Limb *a, size_t size, Limb divisor) {
    Wide remainder = 0;
    for (size_t i = size; i-- > 0;) {
        const Wide current = (remainder << 32) | a[i];
        if (quotient != nullptr) quotient[i] = static_cast<Limb>(current / divisor);
        remainder = current % divisor;
    }
    return static_cast<Limb>(remainder);
}

void gcd(Limb *r, const Limb *a, const Limb *b, size_t size, Limb *scratch) {
    Limb *u = scratch;
    Limb *v = scratch + size;
    copy(u, a, size);
    copy(v, b, size);
    if (is_zero(u, size)) {
        copy(r, v, size);
        return;
    }
    if (is_zero(v, size)) {
        copy(r, u, size);
        return;
    }
    const size_t u_zeros = trailing_zero_bits(u, size);
    const size_t v_zeros = trailing_zero_bits(v, size);
    const size_t common = u_zeros < v_zeros ? u_zeros : v_zeros;
    shift_right(u, size, u_zeros);
    shift_right(v, size, v_zeros);
    // Both odd from here: the difference of the larger and the smaller is even.
    while (!is_zero(v, size)) {
        if (compare(u, v, size) > 0) {
            Limb *const larger = u;
            u = v;
            v = larger;
        }
        subtract(v, v, u, size);
        shift_right(v, size, trailing_zero_bits(v, size));
    }
    copy(r, u, size);
    for (size_t i = 0; i < common; ++i) double_in_place(r, size);
}

bool inverse_odd(Limb *r, const Limb *a, const Limb *m, size_t size, Limb *scratch) {
    // inverse_small's steps over limbs: x ≡ u·a and y ≡ v·a (mod m), y odd throughout. Each
    // step halves x·y < 2^(64·size), so 64·size steps bring x to 0 and leave y = gcd(a, m);
    // every step does the same work whatever the values.
    Limb *x = scratch;
    Limb *y = scratch + size;
    Limb *u = scratch + 2 * size;
    Limb *v = scratch + 3 * size;
    copy(x, a, size);
    copy(y, m, size);
    set_small(u, size, 1);
    set_zero(v, size);
    for (size_t step = 0; step < 2 * limb_bits * size; ++step) {
        const Limb odd = mask_of(x[0] & 1);
        const Limb swap = odd & mask_of(borrow_of(x, y, size));  // x odd and x < y
        for (size_t i = 0; i < size; ++i) {
            const Limb xy = (x[i] ^ y[i]) & swap;
            x[i] ^= xy;
            y[i] ^= xy;
            const Limb uv = (u[i] ^ v[i]) & swap;
            u[i] ^= uv;
            v[i] ^= uv;
        }
        subtract_masked(x, y, size, odd);
        // u = (u - v) mod m when x was odd.
        const Limb borrow = subtract_masked(u, v, size, odd);
        const Limb add_back = mask_of(borrow);
        Limb carry = 0;
        for (size_t i = 0; i < size; ++i) {
            const Wide sum = static_cast<Wide>(u[i]) + (m[i] & add_back) + carry;
            u[i] = static_cast<Limb>(sum);
            carry = static_cast<Limb>(sum >> 32);
        }
        halve(x, size, 0);
        halve_modulo(u, m, size);
    }
    if (!equals_small(y, size, 1)) return false;  // gcd(a, m) > 1: whether it is, is the answer
    copy(r, v, size);
    return true;
}

uint32_t inverse_small(uint32_t value, uint32_t modulus) {
    // a ≡ u·value and b ≡ v·value (mod modulus), b odd throughout. Each step halves a·b (a
    // odd: the larger minus the smaller, then halved), so 64 steps bring a to 0 and leave
    // b = gcd(value, modulus); the extra steps change only a and u.
    Wide a = value;
    Wide b = modulus;
    Wide u = 1;
    Wide v = 0;
    for (int step = 0; step < 66; ++step) {
        const Wide odd = static_cast<Wide>(0) - (a & 1);
        const Wide swap = odd & (static_cast<Wide>(0) - ((a - b) >> 63));  // a odd and a < b
        const Wide swapped_ab = (a ^ b) & swap;
        a ^= swapped_ab;
        b ^= swapped_ab;
        const Wide swapped_uv = (u ^ v) & swap;
        u ^= swapped_uv;
        v ^= swapped_uv;
        a -= b & odd;
        u = u + (modulus & odd) - (v & odd);  // u - v, kept in [0, 2·modulus)
        u -= modulus & (static_cast<Wide>(0) - static_cast<Wide>(u >= modulus));
        a >>= 1;
        u = (u + (modulus & (static_cast<Wide>(0) - (u & 1)))) >> 1;
    }
    return b == 1 ? static_cast<uint32_t>(v) : 0;
}

void mod_exp(Limb *r, const Limb *base, const Limb *exponent, size_t exponent_size, const Limb *m, size_t size,
             Limb *scratch) {
    constexpr size_t kWindowBits = 3;
    constexpr Limb kTableEntries = Limb{1} << kWindowBits;
    Limb *table = scratch;  // base^i · R mod m, i < 8
    Limb *accumulator = table + kTableEntries * size;
    Limb *selected = accumulator + size;
    Limb *r_squared = selected + size;
    Limb *t = r_squared + size;  // size + 2
    const Limb factor = montgomery_factor(m[0]);

    // R mod m (R = 2^(32·size) > m) is (R - m) mod m; R² mod m is that doubled 32·size times.
    set_zero(selected, size);
    subtract(selected, selected, m, size);
    divide(nullptr, accumulator, selected, size, m, size, t);
    copy(r_squared, accumulator, size);
    for (size_t i = 0; i < limb_bits * size; ++i) {
        const Limb carry = double_in_place(r_squared, size);
        const Limb at_least_m = (carry | (borrow_of(r_squared, m, size) ^ 1)) & 1;
        subtract_masked(r_squared, m, size, mask_of(at_least_m));
    }

    copy(table, accumulator, size);  // 1 · R
    montgomery_multiply(table + size, base, r_squared, m, size, factor, t);
    for (Limb i = 2; i < kTableEntries; ++i) {
        montgomery_multiply(table + i * size, table + (i - 1) * size, table + size, m, size, factor, t);
    }

    const size_t exponent_bits = exponent_size * limb_bits;
    for (size_t window = (exponent_bits + kWindowBits - 1) / kWindowBits; window-- > 0;) {
        Limb bits = 0;
        for (size_t i = kWindowBits; i-- > 0;) {
            const size_t bit = window * kWindowBits + i;
            const Limb value = bit < exponent_bits ? (exponent[bit / limb_bits] >> (bit % limb_bits)) & 1 : 0;
            bits = (bits << 1) | value;
            montgomery_multiply(accumulator, accumulator, accumulator, m, size, factor, t);
        }
        // Read every entry; keep the one the window names.
        set_zero(selected, size);
        for (Limb entry = 0; entry < kTableEntries; ++entry) {
            const Limb difference = entry ^ bits;
            const Limb match = mask_of(((difference | (static_cast<Limb>(0) - difference)) >> (limb_bits - 1)) ^ 1);
            for (size_t i = 0; i < size; ++i) selected[i] |= table[entry * size + i] & match;
        }
        montgomery_multiply(accumulator, accumulator, selected, m, size, factor, t);
    }
    set_small(selected, size, 1);
    montgomery_multiply(r, accumulator, selected, m, size, factor, t);
}

}  // namespace tinycapi::crypto::bignum
