// The argument checks of crypto/rsa.hpp's key functions, shared by both backends so that they
// refuse the same inputs with the same status (bad_data) before any arithmetic.
#pragma once

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "tinycapi_config.h"

namespace tinycapi::crypto::rsa_arguments {

// The longest modulus of the build, in bytes.
inline constexpr size_t max_modulus_bytes = (TINYCAPI_RSA_MAX_BITS + 7) / 8;

// The significant bytes of a big-endian number: leading zeros are allowed at the interface but
// would cost memory.
inline const uint8_t *skip_leading_zeros(const uint8_t *number, size_t &length) {
    while (length > 0 && *number == 0) {
        ++number;
        --length;
    }
    return number;
}

// rsa_generate's: a multiple of 8 bits from Windows' 384 to TINYCAPI_RSA_MAX_BITS; e odd, from
// 3 to INT_MAX (Mbed TLS takes e as an int).
inline bool generation_valid(unsigned bits, uint32_t exponent) {
    return bits % 8 == 0 && bits >= 384 && bits <= TINYCAPI_RSA_MAX_BITS && exponent >= 3 && exponent % 2 == 1 &&
           exponent <= static_cast<uint32_t>(INT_MAX);
}

// rsa_import_public's, after skipping n's leading zeros: some n, no longer than the build's
// longest modulus (any value: Windows imports any modulus), and e ≠ 0.
inline bool public_import_valid(const uint8_t *&modulus, size_t &modulus_length, uint32_t exponent) {
    if (modulus == nullptr) return false;
    modulus = skip_leading_zeros(modulus, modulus_length);
    return modulus_length != 0 && modulus_length <= max_modulus_bytes && exponent != 0;
}

// rsa_import_private's numbers, their leading zeros skipped by private_import_valid.
struct PrivateImport {
    const uint8_t *modulus;  // may be null: n is then p·q, which must be expected_length bytes long
    size_t modulus_length;
    size_t expected_length;
    const uint8_t *p;
    size_t p_length;
    const uint8_t *q;
    size_t q_length;
};

// rsa_import_private's: p and q given and not zero, n (or its expected length) no longer than
// the build's longest modulus, and e odd (an even e has no inverse modulo the even
// lcm(p-1, q-1)). Fills `numbers` with the significant bytes.
inline bool private_import_valid(const uint8_t *modulus, size_t modulus_length, uint32_t exponent, const uint8_t *p,
                                 const uint8_t *q, size_t prime_length, PrivateImport *numbers) {
    if (p == nullptr || q == nullptr) return false;
    *numbers = {modulus, modulus_length, modulus_length, p, prime_length, q, prime_length};
    if (modulus != nullptr) numbers->modulus = skip_leading_zeros(modulus, numbers->modulus_length);
    numbers->p = skip_leading_zeros(p, numbers->p_length);
    numbers->q = skip_leading_zeros(q, numbers->q_length);
    return numbers->modulus_length != 0 && numbers->modulus_length <= max_modulus_bytes && numbers->p_length != 0 &&
           numbers->q_length != 0 && exponent % 2 == 1;
}

}  // namespace tinycapi::crypto::rsa_arguments
