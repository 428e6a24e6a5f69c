// RSA keys on the psa backend: their numbers (psa/rsa_keys_psa.cpp, on tinycapi's own
// arithmetic, crypto/rsa_key_math.hpp) as the PSA operations of psa/rsa_psa.cpp read them, and
// the operations for the keys Mbed TLS's PSA core refuses and Windows accepts.
#pragma once

#include "crypto/rsa.hpp"

#if TINYCAPI_ENABLE_RSA

namespace tinycapi::crypto::psa_backend {

// A key's numbers, each with its size in limbs; the private ones are null for a public key.
struct RsaNumbers {
    const bignum::Limb *n;
    const bignum::Limb *d;
    const bignum::Limb *p;
    const bignum::Limb *q;
    const bignum::Limb *dp;
    const bignum::Limb *dq;
    const bignum::Limb *qinv;
    size_t modulus_limbs;
    size_t prime_limbs;
};
RsaNumbers rsa_numbers(const RsaKey &key);

// The four operations of crypto/rsa.hpp, with their contracts, run on tinycapi's arithmetic
// (a fixed-window exponentiation, no CRT) for keys PSA will not import: a modulus that is
// even, not a whole number of bytes or below 128 bits; e = 1; e ≥ n (psa/rsa_psa.cpp,
// psa_takes). Each takes the arena lock itself.
namespace own_rsa {
CryptoStatus sign_pkcs1(RsaKey &key, const uint8_t *prefix, size_t prefix_length, const uint8_t *hash,
                        size_t hash_length, uint8_t *signature);
CryptoStatus verify_pkcs1(RsaKey &key, const uint8_t *signature, const uint8_t *prefix, size_t prefix_length,
                          const uint8_t *hash, size_t hash_length, bool or_bare_hash);
CryptoStatus encrypt_pkcs1(RsaKey &key, bool oaep, const uint8_t *message, size_t length, uint8_t *output);
CryptoStatus decrypt_pkcs1(RsaKey &key, bool oaep, const uint8_t *input, uint8_t *message, size_t capacity,
                           size_t *length);
}  // namespace own_rsa

}  // namespace tinycapi::crypto::psa_backend

#endif  // TINYCAPI_ENABLE_RSA
