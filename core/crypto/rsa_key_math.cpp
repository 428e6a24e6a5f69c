// RSA key numbers on tinycapi's bignum (crypto/rsa_key_math.hpp).
//
// d = e^-1 mod L (L = (p-1)(q-1) or lcm(p-1, q-1)) without a big modular inverse: e is at
// most 32 bits, so with j = -L^-1 mod e (a small inverse), j·L + 1 is a multiple of e and
// d = (j·L + 1) / e is the inverse, below L since j < e.
#include "crypto/rsa_key_math.hpp"

#if TINYCAPI_ENABLE_RSA

namespace tinycapi::crypto::rsa_key_math {
namespace {

using namespace bignum;

// Hands out consecutive pieces of the caller's scratch.
class Scratch {
public:
    explicit Scratch(Limb *area) : next_(area) {}
    Limb *take(size_t limbs) {
        Limb *const piece = next_;
        next_ += limbs;
        return piece;
    }

private:
    Limb *next_;
};

// d = e^-1 mod modulus (`size` limbs) into `d` (size + 1 limbs, the top one ends 0); false
// when e has no inverse. e is odd and ≥ 3.
bool small_exponent_inverse(Limb *d, const Limb *modulus, size_t size, uint32_t e) {
    const uint32_t inverse = inverse_small(divide_small(nullptr, modulus, size, e), e);
    if (inverse == 0) return false;
    const uint32_t j = e - inverse;  // -modulus^-1 mod e, in 1..e-1
    multiply_small(d, modulus, size, j);
    add_small(d, d, size + 1, 1);
    divide_small(d, d, size + 1, e);  // exact: the remainder is 0
    return true;
}

// Whether a `size`-limb number equals a 32-bit one: compares with e as a number.
bool below_small_or_equal(const Limb *x, size_t size, uint32_t value) {
    return size == 0 || (x[0] <= value && is_zero(x + 1, size - 1));
}

// Clears every bit of x (`size` limbs) from bit `bits` up: random limbs cut to a bit length.
void keep_low_bits(Limb *x, size_t size, size_t bits) {
    for (size_t i = 0; i < size; ++i) {
        const size_t low_bit = i * limb_bits;
        if (low_bit >= bits) {
            x[i] = 0;
        } else if (bits - low_bit < limb_bits) {
            x[i] &= (Limb{1} << (bits - low_bit)) - 1;
        }
    }
}

// Miller-Rabin odd-composite detection rounds for a random candidate of `bits` bits, error
// below 2^-80 (Damgård, Landrock, Pomerance; the table Mbed TLS's prime generation uses).
int miller_rabin_rounds(size_t bits) {
    if (bits >= 1300) return 2;
    if (bits >= 850) return 3;
    if (bits >= 650) return 4;
    if (bits >= 350) return 8;
    if (bits >= 250) return 12;
    if (bits >= 150) return 18;
    return 27;
}

// The odd primes below 1024, for trial division of prime candidates.
constexpr size_t kSmallPrimeCount = 171;
struct SmallPrimes {
    uint16_t values[kSmallPrimeCount];
};
constexpr SmallPrimes make_small_primes() {
    SmallPrimes primes{};
    size_t count = 0;
    for (uint16_t candidate = 3; count < kSmallPrimeCount; candidate += 2) {
        bool prime = true;
        for (uint16_t divisor = 3; divisor * divisor <= candidate; divisor += 2) {
            if (candidate % divisor == 0) prime = false;
        }
        if (prime) primes.values[count++] = candidate;
    }
    return primes;
}
constexpr SmallPrimes kSmallPrimes = make_small_primes();
static_assert(kSmallPrimes.values[kSmallPrimeCount - 1] == 1021, "the odd primes below 1024");

enum class Primality { composite, probable_prime, random_failed };

// Miller-Rabin on an odd x > 3 of `size` limbs with random bases 1 < a < x - 1.
// scratch: 15·size + 2 limbs.
Primality miller_rabin(const Limb *x, size_t size, int rounds, RandomFill random, void *random_context,
                       Limb *scratch_area) {
    Scratch scratch(scratch_area);
    Limb *x_minus_1 = scratch.take(size);
    Limb *odd_part = scratch.take(size);
    Limb *a = scratch.take(size);
    Limb *exponentiation = scratch.take(mod_exp_scratch_limbs(size));
    subtract_small(x_minus_1, x, size, 1);
    copy(odd_part, x_minus_1, size);
    size_t twos = 0;
    while (!is_odd(odd_part)) {
        // odd_part >>= 1
        for (size_t i = 0; i < size; ++i) odd_part[i] = (odd_part[i] >> 1) | (i + 1 < size ? odd_part[i + 1] << 31 : 0);
        ++twos;
    }
    const size_t bits = bit_length(x, size);
    const Limb two[1] = {2};
    for (int round = 0; round < rounds; ++round) {
        do {
            if (!random(random_context, reinterpret_cast<uint8_t *>(a), size * limb_bytes)) {
                return Primality::random_failed;
            }
            keep_low_bits(a, size, bits);
        } while (below_small_or_equal(a, size, 1) || compare(a, x_minus_1, size) >= 0);

        mod_exp(a, a, odd_part, size, x, size, exponentiation);
        if (equals_small(a, size, 1) || compare(a, x_minus_1, size) == 0) continue;
        bool witness = true;
        for (size_t j = 1; j < twos && witness; ++j) {
            mod_exp(a, a, two, 1, x, size, exponentiation);
            if (compare(a, x_minus_1, size) == 0) witness = false;
            if (equals_small(a, size, 1)) break;
        }
        if (witness) return Primality::composite;
    }
    return Primality::probable_prime;
}

// A random probable prime of exactly `bits` bits with its top two bits set (so that two of
// them multiply to exactly 2·bits bits) and p - 1 coprime to e: a random odd start, then the
// next candidates up by 2, each trial-divided by the small primes (remainders kept
// incrementally) before Miller-Rabin. scratch: 15·size + 2 limbs.
CryptoStatus random_prime(Limb *x, size_t size, size_t bits, uint32_t e, RandomFill random, void *random_context,
                          Limb *scratch) {
    const int rounds = miller_rabin_rounds(bits);
    uint16_t remainders[kSmallPrimeCount];
    for (;;) {
        if (!random(random_context, reinterpret_cast<uint8_t *>(x), size * limb_bytes)) {
            return CryptoStatus::entropy_failure;
        }
        keep_low_bits(x, size, bits);
        x[(bits - 1) / limb_bits] |= Limb{1} << ((bits - 1) % limb_bits);
        x[(bits - 2) / limb_bits] |= Limb{1} << ((bits - 2) % limb_bits);
        x[0] |= 1;
        for (size_t i = 0; i < kSmallPrimeCount; ++i) {
            remainders[i] = static_cast<uint16_t>(divide_small(nullptr, x, size, kSmallPrimes.values[i]));
        }
        // Up to 4·bits candidates from this start (primes near 2^bits are about ln(2^bits)/2
        // odd numbers apart), while x keeps its bit length.
        for (size_t step = 0; step < 4 * bits && bit_length(x, size) == bits; ++step) {
            bool divisible = false;
            for (size_t i = 0; i < kSmallPrimeCount; ++i) divisible |= remainders[i] == 0;
            if (!divisible) {
                const uint32_t x_mod_e = divide_small(nullptr, x, size, e);
                const bool coprime = inverse_small((x_mod_e + e - 1) % e, e) != 0;  // gcd(x - 1, e) = 1
                if (coprime) {
                    const Primality primality = miller_rabin(x, size, rounds, random, random_context, scratch);
                    if (primality == Primality::random_failed) return CryptoStatus::entropy_failure;
                    if (primality == Primality::probable_prime) return CryptoStatus::ok;
                }
            }
            add_small(x, x, size, 2);
            for (size_t i = 0; i < kSmallPrimeCount; ++i) {
                remainders[i] = static_cast<uint16_t>((remainders[i] + 2) % kSmallPrimes.values[i]);
            }
        }
    }
}

}  // namespace

CryptoStatus complete_private(const Limb *p, const Limb *q, size_t prime_size, uint32_t e, const Limb *given_d,
                              PrivateExponent form, const PrivateNumbers &numbers, PrivateExponent *chosen,
                              Limb *scratch_area) {
    const size_t s = prime_size;
    const size_t w = 2 * prime_size;
    // Mbed TLS's rules: p, q > 1 (its private exponent deduction) and odd (its key check).
    if (bit_length(p, s) <= 1 || bit_length(q, s) <= 1 || !is_odd(p) || !is_odd(q)) return CryptoStatus::bad_data;
    if (e == 0 || e % 2 == 0) return CryptoStatus::bad_data;

    Scratch scratch(scratch_area);
    Limb *p_minus_1 = scratch.take(s);
    Limb *q_minus_1 = scratch.take(s);
    Limb *totient = scratch.take(w);
    Limb *totient_d = scratch.take(w + 1);
    Limb *carmichael_d = scratch.take(w + 1);
    Limb *common = scratch.take(s);
    Limb *lcm = scratch.take(w);
    Limb *work = scratch.take(4 * s + 2);  // gcd, divide, inverse_odd (each in turn)
    Limb *q_mod_p = scratch.take(s);

    multiply(numbers.n, p, s, q, s);
    subtract_small(p_minus_1, p, s, 1);
    subtract_small(q_minus_1, q, s, 1);
    multiply(totient, p_minus_1, s, q_minus_1, s);

    const Limb *d = nullptr;
    if (e == 1) {
        // d = 1: its own inverse modulo anything (the "exponent of one" key).
        set_small(totient_d, w, 1);
        d = totient_d;
        *chosen = given_d == nullptr ? form
                  : equals_small(given_d, w, 1) ? PrivateExponent::carmichael
                                                : PrivateExponent::totient;
    } else {
        if (!small_exponent_inverse(totient_d, totient, w, e)) return CryptoStatus::bad_data;
        if (given_d != nullptr && compare(given_d, totient_d, w) == 0) {
            // Windows' own d, kept without the range check below (as the mbedtls3 backend).
            d = totient_d;
            *chosen = PrivateExponent::totient;
        } else {
            gcd(common, p_minus_1, q_minus_1, s, work);
            divide(lcm, work, totient, w, common, s, work + s);
            // Mbed TLS deduces d only for 1 < e < lcm(p-1, q-1).
            if (below_small_or_equal(lcm, w, e)) return CryptoStatus::bad_data;
            if (!small_exponent_inverse(carmichael_d, lcm, w, e)) return CryptoStatus::bad_data;
            if (given_d != nullptr) {
                form = compare(given_d, carmichael_d, w) == 0 ? PrivateExponent::carmichael : PrivateExponent::totient;
            }
            *chosen = form;
            d = form == PrivateExponent::carmichael ? carmichael_d : totient_d;
        }
    }
    copy(numbers.d, d, w);

    // The CRT values. d mod (p-1) and d mod (q-1) are the same for both forms of d.
    divide(nullptr, numbers.dp, d, w, p_minus_1, s, work);
    divide(nullptr, numbers.dq, d, w, q_minus_1, s, work);
    if (is_zero(numbers.dp, s) || is_zero(numbers.dq, s)) return CryptoStatus::bad_data;

    // qInv = q^-1 mod p (Mbed TLS's key completion requires it to exist).
    divide(nullptr, q_mod_p, q, s, p, s, work);
    if (!inverse_odd(numbers.qinv, q_mod_p, p, s, work)) return CryptoStatus::bad_data;
    return CryptoStatus::ok;
}

CryptoStatus generate(unsigned bits, uint32_t e, RandomFill random, void *random_context, Limb *p, Limb *q,
                      const PrivateNumbers &numbers, Limb *scratch) {
    if (bits % 2 != 0 || bits < 64 || e < 3 || e % 2 == 0) return CryptoStatus::bad_data;
    const size_t prime_bits = bits / 2;
    const size_t s = limbs_for_bits(prime_bits);
    for (;;) {
        CryptoStatus status = random_prime(p, s, prime_bits, e, random, random_context, scratch);
        if (status == CryptoStatus::ok) status = random_prime(q, s, prime_bits, e, random, random_context, scratch);
        if (status != CryptoStatus::ok) return status;
        if (compare(p, q, s) < 0) {
            for (size_t i = 0; i < s; ++i) {
                const Limb larger = q[i];
                q[i] = p[i];
                p[i] = larger;
            }
        }
        // FIPS 186-4 B.3.3: |p - q| > 2^(bits/2 - 100).
        Limb *difference = scratch;
        subtract(difference, p, q, s);
        if (bits >= 200 && bit_length(difference, s) <= prime_bits - 99) continue;
        PrivateExponent chosen;
        status = complete_private(p, q, s, e, nullptr, PrivateExponent::totient, numbers, &chosen, scratch);
        if (status != CryptoStatus::ok) continue;
        // FIPS 186-4 B.3.1: d above 2^(bits/2).
        if (bit_length(numbers.n, 2 * s) != bits || bit_length(numbers.d, 2 * s) <= prime_bits) continue;
        return CryptoStatus::ok;
    }
}

}  // namespace tinycapi::crypto::rsa_key_math

#endif  // TINYCAPI_ENABLE_RSA
