// The RSA engine: Mbed TLS's rsa and bignum modules, compiled by both backends
// (rsa_engine.cpp). It keeps every RsaKey's numbers (RsaKeyState) and implements the rsa_*
// functions of crypto/rsa.hpp that make, read, copy and free them. It also runs the four
// operations below, with the contracts of their rsa_* namesakes in crypto/rsa.hpp: the
// mbedtls3 backend's rsa_*_pkcs1 are these; the psa backend runs its operations over PSA and
// comes here only for the keys Mbed TLS's PSA core refuses and Windows accepts
// (psa/rsa_psa.cpp).
#pragma once

#include "crypto/rsa.hpp"

#if TINYCAPI_ENABLE_RSA

namespace tinycapi::crypto::rsa_engine {

CryptoStatus sign_pkcs1(RsaKey &key, const uint8_t *prefix, size_t prefix_length, const uint8_t *hash,
                        size_t hash_length, uint8_t *signature);
CryptoStatus verify_pkcs1(RsaKey &key, const uint8_t *signature, const uint8_t *prefix, size_t prefix_length,
                          const uint8_t *hash, size_t hash_length, bool or_bare_hash);
CryptoStatus encrypt_pkcs1(RsaKey &key, bool oaep, const uint8_t *message, size_t length, uint8_t *output);
CryptoStatus decrypt_pkcs1(RsaKey &key, bool oaep, const uint8_t *input, uint8_t *message, size_t capacity,
                           size_t *length);

}  // namespace tinycapi::crypto::rsa_engine

#endif  // TINYCAPI_ENABLE_RSA
