// AES-256-GCM sealing of the key pairs at rest (crypto/aead.hpp) over PSA's multipart AEAD
// operation: one volatile key and one operation per call, inside a PSA session (the arena
// lock; crypto/psa/psa_session.hpp). Multipart, because the interface keeps the tag apart from
// the ciphertext, which PSA's one-shot calls append to it.
#include "tinycapi_config.h"

#if TINYCAPI_CRYPTO_BACKEND_PSA && TINYCAPI_ENCRYPT_KEYS_AT_REST

#include "crypto/aead.hpp"

#include <mbedtls/platform_util.h>

#include "crypto/psa/psa_session.hpp"

namespace tinycapi::crypto {
namespace {

using psa_backend::status_of;

// The session, the volatile AES-256 key and the GCM operation of one call.
class GcmCall {
public:
    GcmCall(const uint8_t key[32], bool sealing, const uint8_t nonce[kGcmNonceBytes], const uint8_t *aad,
            size_t aad_length) {
        status_ = session_.status();
        if (status_ != CryptoStatus::ok) return;
        psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
        psa_set_key_type(&attributes, PSA_KEY_TYPE_AES);
        psa_set_key_usage_flags(&attributes, sealing ? PSA_KEY_USAGE_ENCRYPT : PSA_KEY_USAGE_DECRYPT);
        psa_set_key_algorithm(&attributes, PSA_ALG_GCM);
        psa_status_t status = psa_import_key(&attributes, key, 32, &key_);
        if (status == PSA_SUCCESS) {
            status = sealing ? psa_aead_encrypt_setup(&operation_, key_, PSA_ALG_GCM)
                             : psa_aead_decrypt_setup(&operation_, key_, PSA_ALG_GCM);
        }
        if (status == PSA_SUCCESS) status = psa_aead_set_nonce(&operation_, nonce, kGcmNonceBytes);
        if (status == PSA_SUCCESS) status = psa_aead_update_ad(&operation_, aad, aad_length);
        status_ = status == PSA_SUCCESS ? CryptoStatus::ok
                  : status_of(status) == CryptoStatus::no_memory ? CryptoStatus::no_memory
                                                                : CryptoStatus::failure;
    }
    ~GcmCall() {
        (void)psa_aead_abort(&operation_);
        (void)psa_destroy_key(key_);
    }
    GcmCall(const GcmCall &) = delete;
    GcmCall &operator=(const GcmCall &) = delete;

    CryptoStatus status() const { return status_; }
    psa_aead_operation_t &operation() { return operation_; }

private:
    psa_backend::PsaSession session_;
    CryptoStatus status_ = CryptoStatus::failure;
    mbedtls_svc_key_id_t key_ = MBEDTLS_SVC_KEY_ID_INIT;
    psa_aead_operation_t operation_ = PSA_AEAD_OPERATION_INIT;
};

}  // namespace

CryptoStatus gcm_seal(const uint8_t key[32], const uint8_t nonce[kGcmNonceBytes], const uint8_t *aad,
                      size_t aad_length, const uint8_t *plain, size_t length, uint8_t *out,
                      uint8_t tag[kGcmTagBytes]) {
    GcmCall call(key, true, nonce, aad, aad_length);
    if (call.status() != CryptoStatus::ok) return call.status();  // no_memory: the arena is full
    size_t written = 0, tail = 0, tag_length = 0;
    // GCM writes exactly what it reads (no block held back), so `out` needs no slack.
    if (psa_aead_update(&call.operation(), plain, length, out, length, &written) != PSA_SUCCESS ||
        written != length ||
        psa_aead_finish(&call.operation(), out + length, 0, &tail, tag, kGcmTagBytes, &tag_length) != PSA_SUCCESS ||
        tag_length != kGcmTagBytes) {
        return CryptoStatus::failure;
    }
    return CryptoStatus::ok;
}

CryptoStatus gcm_open(const uint8_t key[32], const uint8_t nonce[kGcmNonceBytes], const uint8_t *aad,
                      size_t aad_length, const uint8_t *cipher, size_t length, const uint8_t tag[kGcmTagBytes],
                      uint8_t *out) {
    GcmCall call(key, false, nonce, aad, aad_length);
    if (call.status() != CryptoStatus::ok) {
        mbedtls_platform_zeroize(out, length);  // as after a refused tag: `out` may be `cipher`
        return call.status();
    }
    size_t written = 0, tail = 0;
    if (psa_aead_update(&call.operation(), cipher, length, out, length, &written) != PSA_SUCCESS ||
        written != length) {
        mbedtls_platform_zeroize(out, length);
        return CryptoStatus::failure;
    }
    const psa_status_t verified = psa_aead_verify(&call.operation(), out + length, 0, &tail, tag, kGcmTagBytes);
    if (verified != PSA_SUCCESS) {
        mbedtls_platform_zeroize(out, length);  // nothing unauthenticated leaves
        return verified == PSA_ERROR_INVALID_SIGNATURE ? CryptoStatus::bad_data : CryptoStatus::failure;
    }
    return CryptoStatus::ok;
}

}  // namespace tinycapi::crypto

#endif  // TINYCAPI_CRYPTO_BACKEND_PSA && TINYCAPI_ENCRYPT_KEYS_AT_REST
