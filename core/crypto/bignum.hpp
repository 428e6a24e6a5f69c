// Natural-number arithmetic for RSA key numbers, over caller-owned arrays of 32-bit limbs
// (least significant first): what the psa backend needs to make and check RSA keys without
// Mbed TLS's bignum module, which TF-PSA-Crypto and Mbed TLS 4 keep private
// (crypto/rsa_key_math.hpp builds the RSA rules on it).
//
// No allocation: every function works in the arrays it is given; those that need room for
// intermediate values take a `scratch` array of the size their comment states.
//
// Timing: division, reduction, Montgomery multiplication and exponentiation run in a time
// that depends on the operands' sizes only, never on their values, so they may handle secret
// numbers (primes, private exponents), and so do inverse_odd and inverse_small. compare,
// bit_length and gcd depend on values and are for public numbers, or for checks whose outcome
// is public anyway.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace tinycapi::crypto::bignum {

using Limb = uint32_t;
inline constexpr size_t limb_bits = 32;
inline constexpr size_t limb_bytes = 4;

constexpr size_t limbs_for_bytes(size_t bytes) { return (bytes + limb_bytes - 1) / limb_bytes; }
constexpr size_t limbs_for_bits(size_t bits) { return (bits + limb_bits - 1) / limb_bits; }

void set_zero(Limb *x, size_t size);
void set_small(Limb *x, size_t size, Limb value);
void copy(Limb *destination, const Limb *source, size_t size);
// `source` (source_size limbs) into `destination` (size limbs, size ≥ the value's limbs),
// zero-extended; the high limbs of source beyond `size` must be zero.
void resize(Limb *destination, size_t size, const Limb *source, size_t source_size);

// Big-endian bytes in and out. read_big_endian is false when the value does not fit in
// `size` limbs; write_big_endian is false when it does not fit in `length` bytes (then
// nothing is written). Leading zeros are allowed both ways.
bool read_big_endian(Limb *x, size_t size, const uint8_t *bytes, size_t length);
bool write_big_endian(const Limb *x, size_t size, uint8_t *bytes, size_t length);

size_t bit_length(const Limb *x, size_t size);
inline size_t byte_length(const Limb *x, size_t size) { return (bit_length(x, size) + 7) / 8; }
bool is_zero(const Limb *x, size_t size);
bool equals_small(const Limb *x, size_t size, Limb value);
inline bool is_odd(const Limb *x) { return (x[0] & 1) != 0; }
// -1, 0 or 1 as a < b, a = b, a > b.
int compare(const Limb *a, const Limb *b, size_t size);

// r = a ± b over `size` limbs; returns the carry or borrow. r may be a or b.
Limb add(Limb *r, const Limb *a, const Limb *b, size_t size);
Limb subtract(Limb *r, const Limb *a, const Limb *b, size_t size);
Limb add_small(Limb *r, const Limb *a, size_t size, Limb value);
Limb subtract_small(Limb *r, const Limb *a, size_t size, Limb value);

// r = a · b; r has a_size + b_size limbs and is neither a nor b.
void multiply(Limb *r, const Limb *a, size_t a_size, const Limb *b, size_t b_size);
// r = a · value; r has size + 1 limbs and may be a only if it starts at a.
void multiply_small(Limb *r, const Limb *a, size_t size, Limb value);

// remainder = a mod m (m_size limbs), quotient = a div m (a_size limbs, may be null); m ≠ 0.
// Neither output is a or m. One shift-and-subtract step per bit of a, so the time depends on
// a_size and m_size only. scratch: m_size + 1 limbs.
void divide(Limb *quotient, Limb *remainder, const Limb *a, size_t a_size, const Limb *m, size_t m_size,
            Limb *scratch);
// quotient = a div divisor (may be null, or a itself); returns a mod divisor. divisor ≠ 0.
Limb divide_small(Limb *quotient, const Limb *a, size_t size, Limb divisor);

// r = gcd(a, b) (binary GCD; a, b not both zero). scratch: 2·size limbs.
void gcd(Limb *r, const Limb *a, const Limb *b, size_t size, Limb *scratch);
// r = a^-1 mod m for an odd m > 1 and a < m; false when gcd(a, m) ≠ 1. A binary extended
// Euclid of a fixed 64·size steps. scratch: 4·size limbs.
bool inverse_odd(Limb *r, const Limb *a, const Limb *m, size_t size, Limb *scratch);
// value^-1 mod modulus for an odd modulus > 1 and value < modulus; 0 when gcd ≠ 1. A fixed
// number of steps, whatever the values.
uint32_t inverse_small(uint32_t value, uint32_t modulus);

// r = base^exponent mod m for an odd m > 1 and base < m (Montgomery multiplication, a fixed
// 3-bit window; every window multiplies and reads the whole table). exponent has
// exponent_size limbs; r may be base. scratch: mod_exp_scratch_limbs(size).
constexpr size_t mod_exp_scratch_limbs(size_t size) { return 12 * size + 2; }
void mod_exp(Limb *r, const Limb *base, const Limb *exponent, size_t exponent_size, const Limb *m, size_t size,
             Limb *scratch);

}  // namespace tinycapi::crypto::bignum
