#include "tinycapi_config.h"

#if TINYCAPI_ENCRYPT_KEYS_AT_REST

#include "crypto/aead.hpp"
#include "crypto/mbedtls_build.hpp"

#include <mbedtls/gcm.h>
#include <mbedtls/platform_util.h>

namespace tinycapi::crypto {
namespace {

// The context lives on the stack for one call (about 600 bytes with AES-256) and is wiped.
struct Gcm {
    mbedtls_gcm_context context;
    Gcm() { mbedtls_gcm_init(&context); }
    ~Gcm() { mbedtls_gcm_free(&context); }
};

}  // namespace

CryptoStatus gcm_seal(const uint8_t key[32], const uint8_t nonce[kGcmNonceBytes], const uint8_t *aad,
                      size_t aad_length, const uint8_t *plain, size_t length, uint8_t *out,
                      uint8_t tag[kGcmTagBytes]) {
    Gcm gcm;
    if (mbedtls_gcm_setkey(&gcm.context, MBEDTLS_CIPHER_ID_AES, key, 256) != 0) return CryptoStatus::failure;
    if (mbedtls_gcm_crypt_and_tag(&gcm.context, MBEDTLS_GCM_ENCRYPT, length, nonce, kGcmNonceBytes, aad, aad_length,
                                  plain, out, kGcmTagBytes, tag) != 0) {
        return CryptoStatus::failure;
    }
    return CryptoStatus::ok;
}

CryptoStatus gcm_open(const uint8_t key[32], const uint8_t nonce[kGcmNonceBytes], const uint8_t *aad,
                      size_t aad_length, const uint8_t *cipher, size_t length, const uint8_t tag[kGcmTagBytes],
                      uint8_t *out) {
    Gcm gcm;
    if (mbedtls_gcm_setkey(&gcm.context, MBEDTLS_CIPHER_ID_AES, key, 256) != 0) return CryptoStatus::failure;
    const int result = mbedtls_gcm_auth_decrypt(&gcm.context, length, nonce, kGcmNonceBytes, aad, aad_length, tag,
                                                kGcmTagBytes, cipher, out);
    if (result == MBEDTLS_ERR_GCM_AUTH_FAILED) return CryptoStatus::bad_data;  // Mbed TLS wiped `out`
    return result == 0 ? CryptoStatus::ok : CryptoStatus::failure;
}

}  // namespace tinycapi::crypto

#endif  // TINYCAPI_ENCRYPT_KEYS_AT_REST
