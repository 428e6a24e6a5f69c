// SIMPLEBLOB import and export (reference §6.2, §6.3, §3.16, §7.3): a session key's bytes
// wrapped under an RSA key-exchange key with PKCS#1 v1.5 type 2 (or OAEP), little-endian.
#include <string.h>

#include "key_rules.hpp"
#include "blob_bytes.hpp"
#include "platform/secure_wipe.hpp"
#include "rsa_blobs.hpp"
#include "session_key_creation.hpp"
#include "size_query.hpp"

namespace tinycapi::objects {

#if TINYCAPI_ENABLE_RSA

namespace {

constexpr DWORD kSimpleHeaderBytes = sizeof(BLOBHEADER) + sizeof(ALG_ID);  // 12
constexpr size_t kMaxModulus = (TINYCAPI_RSA_MAX_BITS + 7) / 8;
constexpr size_t kMaxLongRc2Bytes = 64;  // over-long RC2 keys Windows accepts (reference §6.3)

bool is_exchange_key(const Key *key) { return key && key->kind == KeyKind::rsa && key->algorithm == CALG_RSA_KEYX; }


}  // namespace

Error plan_simple_import(const Provider &provider, const BLOBHEADER &header, const BYTE *blob, DWORD length,
                         DWORD flags, Key *wrapping, KeyPlan *plan) {
    if (!is_exchange_key(wrapping) || !wrapping->cipher.rsa.has_private) return Error::bad_public_key;
    const size_t k = crypto::rsa_modulus_bytes(wrapping->cipher.rsa);
    if (length < kSimpleHeaderBytes + k) return Error::bad_data;  // aiWrapAlg is not checked
    const AlgorithmInfo *info = find_algorithm(*provider.personality, header.aiKeyAlg);
    if (!is_session_key_algorithm(header.aiKeyAlg)) return Error::bad_algid;
    uint8_t input[kMaxModulus], message[kMaxModulus];
    reverse_copy(input, blob + kSimpleHeaderBytes, k);
    size_t unwrapped = 0;
    const crypto::CryptoStatus status =
        crypto::rsa_decrypt_pkcs1(wrapping->cipher.rsa, (flags & CRYPT_OAEP) != 0, input, message, k, &unwrapped);
    // A failed unwrap is the blob's fault (NTE_BAD_DATA); a failed entropy source for the
    // blinding is not (NTE_FAIL, found by tests/misuse/fault_injection_test.cpp).
    Error e = status == crypto::CryptoStatus::ok                ? Error::none
              : status == crypto::CryptoStatus::no_memory       ? Error::no_memory
              : status == crypto::CryptoStatus::entropy_failure ? Error::fail
                                                                : Error::bad_data;
    if (e == Error::none) {
        plan->algorithm = header.aiKeyAlg;
        plan->flags = flags;
        plan->source_length = unwrapped;
        if (header.aiKeyAlg == CALG_RC2 && unwrapped * 8 > info->max_bits) {
            // Longer than the personality allows: imported all the same (17-64 bytes,
            // Windows-validated); it decrypts and MACs, but CryptEncrypt refuses it.
            if (unwrapped > kMaxLongRc2Bytes) e = Error::bad_data;
            plan->key_length = unwrapped;
        } else if (imported_key_bytes(*info, unwrapped, &plan->key_length) != Error::none) {
            e = Error::bad_data;
        }
    }
    if (e == Error::none) {
        memcpy(plan->material, message, unwrapped);
        // Salt is never carried in blobs: 11 zero bytes iff the key is 40 bits (Windows-validated).
        plan->salt_length = salt_bytes_for(provider.personality->id, header.aiKeyAlg, plan->key_length, 0);
    }
    platform::secure_wipe(input, sizeof input);
    platform::secure_wipe(message, sizeof message);
    return e;
}

Error import_simple_key(const Provider &provider, const KeyPlan &plan, Key &key) {
    uint8_t material[kMaxKeyBytes];
    if (!TINYCAPI_ENABLE_DES || plan.key_length == plan.source_length) {
        memcpy(material, plan.material, plan.key_length);
    } else {
        for (size_t k = 0; k < plan.key_length / 8; ++k) expand_des_key(plan.material + 7 * k, material + 8 * k);
    }
    Error e = key_init(key, provider.personality->id, plan.algorithm, material, plan.key_length, nullptr,
                       plan.salt_length, (plan.flags & CRYPT_EXPORTABLE) != 0);
    // Base keeps over-long RC2 keys at 40 effective bits (Windows-validated).
    if (e == Error::none && plan.algorithm == CALG_RC2 && provider.personality->id == PersonalityId::base &&
        plan.key_length * 8 > find_algorithm(*provider.personality, CALG_RC2)->max_bits) {
        key.effective_bits = 40;
        e = key_rekey(key);
    }
    platform::secure_wipe(material, sizeof material);
    return e;
}

Error export_simple_blob(const Key &key, Key *wrapping, DWORD flags, BYTE *data, DWORD *length) {
    if (!is_exchange_key(wrapping)) return Error::bad_public_key;  // the public part suffices
    if (key.kind != KeyKind::block && key.kind != KeyKind::stream) return Error::bad_key;
    if (!(key.permissions & CRYPT_EXPORT)) return Error::bad_key_state;
    const size_t k = crypto::rsa_modulus_bytes(wrapping->cipher.rsa);
    const DWORD size = static_cast<DWORD>(kSimpleHeaderBytes + k);
    if (Error answer; answers_without_value(size, data, length, &answer)) return answer;
    uint8_t wrapped[kMaxModulus];
    // The key bytes without salt (reference §6.2).
    const KeyMaterial material = symmetric_material(key);
    const crypto::CryptoStatus status = crypto::rsa_encrypt_pkcs1(wrapping->cipher.rsa, (flags & CRYPT_OAEP) != 0,
                                                                  material.bytes, material.length, wrapped);
    Error e = status == crypto::CryptoStatus::ok          ? Error::none
              : status == crypto::CryptoStatus::no_memory ? Error::no_memory
              : status == crypto::CryptoStatus::bad_data  ? Error::bad_len
                                                          : Error::fail;
    if (e == Error::none) {
        write_blob_header(data, SIMPLEBLOB, key.algorithm);
        write_dword(data + 8, CALG_RSA_KEYX);
        reverse_copy(data + kSimpleHeaderBytes, wrapped, k);
        *length = size;
    }
    platform::secure_wipe(wrapped, sizeof wrapped);
    return e;
}

#endif  // TINYCAPI_ENABLE_RSA

}  // namespace tinycapi::objects
