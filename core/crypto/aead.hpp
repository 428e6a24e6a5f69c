// AES-256-GCM sealing of small records (the key pairs at rest, TINYCAPI_ENCRYPT_KEYS_AT_REST).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto_status.hpp"

namespace tinycapi::crypto {

constexpr size_t kGcmNonceBytes = 12;
constexpr size_t kGcmTagBytes = 16;

// `out` receives `length` bytes of ciphertext (it may be `plain`), `tag` the 16-byte tag.
// Both functions: no_memory when the arena is full (only the psa backend, whose PSA key and
// cipher context live there, allocates), failure for any other failure of the backend.
CryptoStatus gcm_seal(const uint8_t key[32], const uint8_t nonce[kGcmNonceBytes], const uint8_t *aad,
                      size_t aad_length, const uint8_t *plain, size_t length, uint8_t *out,
                      uint8_t tag[kGcmTagBytes]);

// bad_data when the tag does not authenticate the ciphertext and the associated data; `out`
// (which may be `cipher`) is then wiped, as it is after no_memory or failure.
CryptoStatus gcm_open(const uint8_t key[32], const uint8_t nonce[kGcmNonceBytes], const uint8_t *aad,
                      size_t aad_length, const uint8_t *cipher, size_t length, const uint8_t tag[kGcmTagBytes],
                      uint8_t *out);

}  // namespace tinycapi::crypto
