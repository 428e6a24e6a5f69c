// PLAINTEXTKEYBLOB import and export (reference §6.1-6.3, §3.15-3.16), and the header checks
// every blob type shares.
#include <string.h>

#include "key_rules.hpp"
#include "blob_bytes.hpp"
#include "platform/secure_wipe.hpp"
#include "session_key_creation.hpp"
#include "size_query.hpp"

namespace tinycapi::objects {
namespace {

constexpr DWORD kPlaintextHeaderBytes = sizeof(BLOBHEADER) + sizeof(DWORD);  // 12



}  // namespace

namespace {

// The ciphers Windows' providers of this type offer, whether or not this build has them: an
// IPSEC HMAC key only names one (minizip-ng sends CALG_RC2) and never uses it.
bool windows_offers_cipher(const Provider &provider, ALG_ID algorithm) {
    switch (algorithm) {
        case CALG_RC2:
        case CALG_RC4:
        case CALG_DES:
        case CALG_3DES_112:
        case CALG_3DES: return true;
        case CALG_AES_128:
        case CALG_AES_192:
        case CALG_AES_256: return provider.personality->provider_type == PROV_RSA_AES;
        default: return false;
    }
}

}  // namespace

Error read_blob_header(const Provider &provider, const BYTE *blob, DWORD length, DWORD flags, BLOBHEADER *header) {
    if (length < sizeof(BLOBHEADER)) return Error::bad_data;
    header->bType = blob[0];
    header->bVersion = blob[1];
    header->reserved = static_cast<WORD>(blob[2] | blob[3] << 8);
    header->aiKeyAlg = read_dword(blob + 4);
    if (header->bVersion != CUR_BLOB_VERSION || header->reserved != 0) return Error::bad_data;
    switch (header->bType) {
        case SIMPLEBLOB:
        case PUBLICKEYBLOB:
        case PRIVATEKEYBLOB:
        case PLAINTEXTKEYBLOB: break;
        default: return Error::bad_type;
    }
    if (find_algorithm(*provider.personality, header->aiKeyAlg) != nullptr) return Error::none;
    const bool ipsec_hmac_key = header->bType == PLAINTEXTKEYBLOB && (flags & CRYPT_IPSEC_HMAC_KEY) != 0;
    if (ipsec_hmac_key && windows_offers_cipher(provider, header->aiKeyAlg)) return Error::none;
    return Error::bad_algid;
}

Error plan_plaintext_import(const Provider &provider, const BLOBHEADER &header, const BYTE *blob, DWORD length,
                            DWORD flags, KeyPlan *plan) {
    if (length < kPlaintextHeaderBytes) return Error::bad_data;
    const DWORD blob_key_length = read_dword(blob + sizeof(BLOBHEADER));
    if (length - kPlaintextHeaderBytes < blob_key_length) return Error::bad_data;
    plan->algorithm = header.aiKeyAlg;
    plan->source_length = blob_key_length;
    plan->flags = flags;
    plan->salt_length = 0;
    if (flags & CRYPT_IPSEC_HMAC_KEY) {
        // An HMAC key of any length, whatever aiKeyAlg names (Windows-validated up to 2048
        // bytes); tinycapi keeps up to TINYCAPI_MAX_HMAC_KEY_BYTES of them.
        if (blob_key_length > TINYCAPI_MAX_HMAC_KEY_BYTES) return Error::bad_len;
        plan->key_length = blob_key_length;
        return Error::none;
    }
    if (!is_session_key_algorithm(header.aiKeyAlg)) return Error::bad_algid;
    if (imported_key_bytes(*find_algorithm(*provider.personality, header.aiKeyAlg), blob_key_length,
                           &plan->key_length) != Error::none) {
        return Error::bad_data;
    }
    // Imported keys carry 11 zero salt bytes iff they are 40 bits (reference §5.3).
    plan->salt_length = salt_bytes_for(provider.personality->id, header.aiKeyAlg, plan->key_length, 0);
    return Error::none;
}

Error import_plaintext_key(const Provider &provider, const KeyPlan &plan, const BYTE *blob, Key &key) {
    const BYTE *key_data = blob + kPlaintextHeaderBytes;
    const bool exportable = (plan.flags & CRYPT_EXPORTABLE) != 0;
    if (plan.flags & CRYPT_IPSEC_HMAC_KEY) {
        key.algorithm = plan.algorithm;
        key.kind = KeyKind::hmac_only;
        key.personality = provider.personality->id;
        key.key_length = static_cast<uint16_t>(plan.key_length);
        memcpy(key.cipher.hmac_key, key_data, plan.key_length);
        key.effective_bits = key_bits(key);
        key.permissions = kDefaultPermissions | (exportable ? CRYPT_EXPORT : 0);
        return Error::none;
    }
    if (!TINYCAPI_ENABLE_DES || plan.key_length == plan.source_length) {
        // The key bytes as the blob holds them: key_init copies them, no copy of ours to wipe.
        return key_init(key, provider.personality->id, plan.algorithm, key_data, plan.key_length, nullptr,
                        plan.salt_length, exportable);
    }
    // 7-byte DES keys (14, 21 for 3DES) are the 8-byte keys without parity bits.
    uint8_t material[kMaxKeyBytes];
    for (size_t k = 0; k < plan.key_length / 8; ++k) expand_des_key(key_data + 7 * k, material + 8 * k);
    const Error e = key_init(key, provider.personality->id, plan.algorithm, material, plan.key_length, nullptr,
                             plan.salt_length, exportable);
    platform::secure_wipe(material, sizeof material);
    return e;
}

Error export_plaintext_key(const Key &key, BYTE *data, DWORD *length) {
    const KeyMaterial material = symmetric_material(key);
    if (material.bytes == nullptr) return Error::bad_key;  // session keys only
    if (!(key.permissions & CRYPT_EXPORT)) return Error::bad_key_state;  // checked before the size query
    const DWORD size = static_cast<DWORD>(kPlaintextHeaderBytes + material.length);
    if (Error answer; answers_without_value(size, data, length, &answer)) return answer;
    write_blob_header(data, PLAINTEXTKEYBLOB, key.algorithm);
    write_dword(data + 8, static_cast<DWORD>(material.length));
    memcpy(data + kPlaintextHeaderBytes, material.bytes, material.length);  // salt is never exported
    *length = size;
    return Error::none;
}

}  // namespace tinycapi::objects
