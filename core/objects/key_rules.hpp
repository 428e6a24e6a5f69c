// How long a new session key is and how much salt it carries, by personality (reference
// §3.13 step 5, §4.2, §5.3). Shared by CryptDeriveKey, CryptGenKey and CryptImportKey.
#pragma once

#include <stddef.h>

#include "error.hpp"
#include "personality.hpp"
#include "tinycapi_config.h"

namespace tinycapi::objects {

// CryptDeriveKey and CryptGenKey pass the key length in bits in the upper 16 bits of
// dwFlags (reference §1.4) and the flags proper in the lower 16.
inline DWORD length_bits_of(DWORD flags) { return flags >> 16; }
inline DWORD key_flags_of(DWORD flags) { return flags & 0xFFFF; }

// Key bytes for a request of `bits` (0: the personality's default) when deriving or
// generating: DES family lengths outside their two accepted values → bad_flags, other
// algorithms' lengths off the 8-bit grid or outside [min, max] → bad_data.
Error requested_key_bytes(const AlgorithmInfo &info, DWORD bits, size_t *key_bytes);

// Key bytes an imported PLAINTEXTKEYBLOB of `blob_bytes` gives (DES family: 7 or 8 bytes per
// DES key, the 7-byte forms expanded with parity bits), or bad_data.
Error imported_key_bytes(const AlgorithmInfo &info, size_t blob_bytes, size_t *key_bytes);

// Salt bytes of a new RC2/RC4 key (0 for every other algorithm), from the low-word flags of
// CryptDeriveKey/CryptGenKey (CRYPT_CREATE_SALT, CRYPT_NO_SALT; imports pass 0).
size_t salted_cipher_salt_bytes(PersonalityId personality, ALG_ID algorithm, size_t key_bytes, DWORD flags);

// The same; a build without RC2 and RC4 has no salt to count, and no call to make (issue 16:
// code size).
inline size_t salt_bytes_for(PersonalityId personality, ALG_ID algorithm, size_t key_bytes, DWORD flags) {
    if (!(TINYCAPI_ENABLE_RC2 || TINYCAPI_ENABLE_RC4)) return 0;
    return salted_cipher_salt_bytes(personality, algorithm, key_bytes, flags);
}

// A 7-byte DES key (56 bits) spread over 8 bytes, 7 bits each, the low (parity) bit 0.
void expand_des_key(const uint8_t *packed, uint8_t *expanded);

}  // namespace tinycapi::objects
