#include "key_params.hpp"

#include <string.h>

#include "size_query.hpp"

namespace tinycapi::objects {
namespace {

constexpr DWORD kMaxEffectiveBits = 1024;
constexpr DWORD kBaseEffectiveBits = 40;  // the Base provider's only RC2 effective length

bool is_salted_cipher(const Key &key) {
    // Constant false in a build without both, so the salt code drops out of the image.
    return (TINYCAPI_ENABLE_RC2 || TINYCAPI_ENABLE_RC4) && key.kind != KeyKind::hmac_only &&
           (key.algorithm == CALG_RC2 || key.algorithm == CALG_RC4);
}

Error set_salt(Key &key, const BYTE *salt, size_t length) {
    memset(key.salt, 0, sizeof key.salt);
    if (length) memcpy(key.salt, salt, length);
    key.salt_length = static_cast<uint8_t>(length);
    return key_rekey(key);
}

// KP_EFFECTIVE_KEYLEN (reference §3.20, Windows-validated).
Error set_effective_length(Key &key, DWORD bits) {
    if (!TINYCAPI_ENABLE_RC2 || key.algorithm != CALG_RC2 || key.kind != KeyKind::block) return Error::bad_type;
    if (bits == 0 || bits > kMaxEffectiveBits) return Error::bad_data;
    if (key.personality == PersonalityId::base && bits != kBaseEffectiveBits) {
        // Base refuses any other length, and is left at 40 all the same.
        key.effective_bits = kBaseEffectiveBits;
        key_rekey(key);
        return Error::bad_data;
    }
    key.effective_bits = bits;
    return key_rekey(key);
}

}  // namespace

Error get_key_param(Key &key, DWORD param, BYTE *data, DWORD *length, DWORD flags) {
    if (flags != 0) return Error::bad_flags;
    switch (param) {
        case KP_ALGID: return copy_out_dword(key.algorithm, data, length);
        case KP_KEYLEN: return copy_out_dword(key_bits(key), data, length);
        case KP_EFFECTIVE_KEYLEN:
            return copy_out_dword(key.algorithm == CALG_RC2 ? key.effective_bits : key_bits(key), data, length);
        // RSA: the modulus length (documented); RC4 0 (Windows-validated).
        case KP_BLOCKLEN:
            return copy_out_dword(key.kind == KeyKind::rsa ? key_bits(key) : static_cast<DWORD>(key.block_length) * 8,
                                  data, length);
        // The configured IV, never the running vector; 0 bytes for RC4 (reference §3.19).
        case KP_IV: return copy_out(key.iv, key.block_length, data, length);
        // RC2/RC4 report their salt; the other session keys TRUE with 0 bytes (Windows-validated
        // for AES).
        case KP_SALT:
            if (key.kind == KeyKind::rsa) return Error::bad_key;  // Windows-validated
            return copy_out(key.salt, is_salted_cipher(key) ? key.salt_length : 0, data, length);
        case KP_PADDING: return copy_out_dword(PKCS5_PADDING, data, length);
        case KP_MODE: return copy_out_dword(key.mode, data, length);
        case KP_MODE_BITS: return copy_out_dword(key.mode_bits, data, length);
        case KP_PERMISSIONS: return copy_out_dword(key.permissions, data, length);
        default: return Error::bad_type;
    }
}

Error set_key_param(Key &key, DWORD param, const BYTE *data, DWORD flags) {
    if (flags != 0) return Error::bad_flags;
    DWORD value = 0;
    switch (param) {
        case KP_MODE:
        case KP_MODE_BITS:
        case KP_PADDING:
        case KP_PERMISSIONS:
        case KP_EFFECTIVE_KEYLEN: memcpy(&value, data, sizeof value); break;
        default: break;
    }
    switch (param) {
        case KP_IV:
            // bl bytes, no length argument (documented); a no-op for RC4 (reference §3.20).
            if (key.kind != KeyKind::block) return Error::none;
            memcpy(key.iv, data, key.block_length);
            key_reset(key);
            return Error::none;
        case KP_MODE:
            // Any value is stored; an unsupported one fails at CryptEncrypt (Windows-validated).
            key.mode = value;
            return Error::none;
        case KP_MODE_BITS: key.mode_bits = value; return Error::none;
        case KP_PADDING: return value == PKCS5_PADDING ? Error::none : Error::bad_data;
        case KP_PERMISSIONS:
            // EXPORT cannot be granted; clearing it "succeeds" without effect (Windows-validated).
            if ((value & CRYPT_EXPORT) && !(key.permissions & CRYPT_EXPORT)) return Error::bad_data;
            key.permissions = (value & ~static_cast<DWORD>(CRYPT_EXPORT)) | (key.permissions & CRYPT_EXPORT);
            return Error::none;
        case KP_SALT:
            if (!is_salted_cipher(key)) return Error::bad_key;
            // 11 bytes; Enhanced keeps no salt afterwards (Windows-validated: KP_SALT reads 0).
            return set_salt(key, data, key.personality == PersonalityId::enhanced ? 0 : kStandardSaltBytes);
        case KP_SALT_EX: {
            if (!is_salted_cipher(key)) return Error::bad_key;
            CRYPT_INTEGER_BLOB blob;
            memcpy(&blob, data, sizeof blob);
            if (blob.cbData > kMaxSaltBytes) return Error::bad_data;  // 25 fails (Windows-validated)
            if (blob.cbData && !blob.pbData) return Error::invalid_parameter;
            return set_salt(key, blob.pbData, blob.cbData);
        }
        case KP_EFFECTIVE_KEYLEN: return set_effective_length(key, value);
        default: return Error::bad_type;
    }
}

}  // namespace tinycapi::objects
