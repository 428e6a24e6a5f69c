#include "key_rules.hpp"

#include "key_object.hpp"

namespace tinycapi::objects {
namespace {

// The DES family stores 64-bit DES keys; 56 bits is the same key without parity.
bool des_family_bytes(ALG_ID algorithm, size_t *per_key, size_t *keys) {
    if (!TINYCAPI_ENABLE_DES) return false;  // no DES key is ever made
    switch (algorithm) {
        case CALG_DES: *keys = 1; break;
        case CALG_3DES_112: *keys = 2; break;
        case CALG_3DES: *keys = 3; break;
        default: return false;
    }
    *per_key = 8;
    return true;
}

}  // namespace

Error requested_key_bytes(const AlgorithmInfo &info, DWORD bits, size_t *key_bytes) {
    if (bits == 0) bits = info.default_bits;
    size_t per_key, keys;
    if (des_family_bytes(info.algorithm, &per_key, &keys)) {
        // DES 56/64, 3DES_112 112/128, 3DES 168/192 (reference §3.13 step 5).
        if (bits != 56 * keys && bits != 64 * keys) return Error::bad_flags;
        *key_bytes = per_key * keys;
        return Error::none;
    }
    if (bits % 8 != 0 || bits < info.min_bits || bits > info.max_bits) return Error::bad_data;
    *key_bytes = bits / 8;
    return Error::none;
}

Error imported_key_bytes(const AlgorithmInfo &info, size_t blob_bytes, size_t *key_bytes) {
    size_t per_key, keys;
    if (des_family_bytes(info.algorithm, &per_key, &keys)) {
        if (blob_bytes != 7 * keys && blob_bytes != 8 * keys) return Error::bad_data;
        *key_bytes = per_key * keys;
        return Error::none;
    }
    // A blob's length is what it carries: 0 is no key, never "the default length" (which would
    // read key bytes the blob does not have).
    if (blob_bytes == 0) return Error::bad_data;
    // Longer than any key can be (16384 bits): refused before the length is counted in bits,
    // where it could overflow a DWORD and pass for a short key.
    if (blob_bytes > 16384 / 8) return Error::bad_data;
    return requested_key_bytes(info, static_cast<DWORD>(blob_bytes * 8), key_bytes) == Error::none ? Error::none
                                                                                                  : Error::bad_data;
}

size_t salted_cipher_salt_bytes(PersonalityId personality, ALG_ID algorithm, size_t key_bytes, DWORD flags) {
    if (algorithm != CALG_RC2 && algorithm != CALG_RC4) return 0;
    if (flags & CRYPT_CREATE_SALT) {
        switch (personality) {
            case PersonalityId::base:
            case PersonalityId::strong: return kStandardSaltBytes;  // whatever the key length
            case PersonalityId::enhanced: return 0;
            case PersonalityId::aes: return key_bytes == 5 ? kStandardSaltBytes : 16 - key_bytes;
        }
    }
    if (flags & CRYPT_NO_SALT) return 0;
    return key_bytes == 5 ? kStandardSaltBytes : 0;  // 40-bit keys carry 11 zero bytes
}

void expand_des_key(const uint8_t *packed, uint8_t *expanded) {
    uint32_t accumulator = 0;
    int bits = 0;
    size_t in = 0;
    for (size_t out = 0; out < 8; ++out) {
        if (bits < 7) {
            accumulator = (accumulator << 8) | packed[in++];
            bits += 8;
        }
        bits -= 7;
        expanded[out] = static_cast<uint8_t>(((accumulator >> bits) & 0x7F) << 1);
    }
}

}  // namespace tinycapi::objects
