// The RSA operations of the mbedtls3 backend (crypto/rsa.hpp): the RSA engine's own
// (crypto/rsa_engine.cpp, which also keeps the keys on both backends).
#include "crypto/rsa_engine.hpp"

#if TINYCAPI_ENABLE_RSA

namespace tinycapi::crypto {

CryptoStatus rsa_sign_pkcs1(RsaKey &key, const uint8_t *prefix, size_t prefix_length, const uint8_t *hash,
                            size_t hash_length, uint8_t *signature) {
    return rsa_engine::sign_pkcs1(key, prefix, prefix_length, hash, hash_length, signature);
}

CryptoStatus rsa_verify_pkcs1(RsaKey &key, const uint8_t *signature, const uint8_t *prefix, size_t prefix_length,
                              const uint8_t *hash, size_t hash_length, bool or_bare_hash) {
    return rsa_engine::verify_pkcs1(key, signature, prefix, prefix_length, hash, hash_length, or_bare_hash);
}

CryptoStatus rsa_encrypt_pkcs1(RsaKey &key, bool oaep, const uint8_t *message, size_t length, uint8_t *output) {
    return rsa_engine::encrypt_pkcs1(key, oaep, message, length, output);
}

CryptoStatus rsa_decrypt_pkcs1(RsaKey &key, bool oaep, const uint8_t *input, uint8_t *message, size_t capacity,
                               size_t *length) {
    return rsa_engine::decrypt_pkcs1(key, oaep, input, message, capacity, length);
}

}  // namespace tinycapi::crypto

#endif  // TINYCAPI_ENABLE_RSA
