// Key pairs at rest (TINYCAPI_ENCRYPT_KEYS_AT_REST): a pair record is sealed with AES-256-GCM
// under the port's device key before the container store sees it, and opened after a read.
// Sealed record: marker 0xE1, 12-byte random nonce, ciphertext, 16-byte tag. The associated
// data binds it to its place: "TCKR", namespace, key spec record, lower-case container name, so
// a record copied into another container or slot is rejected like a modified one.
// Verify-context pairs (namespace 2) never leave RAM and are not sealed.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "error.hpp"
#include "tinycapi_config.h"

namespace tinycapi::objects {

constexpr size_t kSealOverhead = TINYCAPI_ENCRYPT_KEYS_AT_REST ? 1 + 12 + 16 : 0;

// Whether records of this namespace are sealed.
bool record_sealed(unsigned name_space);

// Seals `plain` (`length` bytes) into `out` (`length` + kSealOverhead bytes). fail when the
// device key or the random nonce is unavailable.
Error seal_record(unsigned name_space, const char *name, unsigned record, const uint8_t *plain, size_t length,
                  uint8_t *out);

// Opens a sealed record in place: on success the plaintext is at `buffer`, *plain_length long.
// keyset_entry_bad when it does not authenticate (modified, transplanted, another device key).
Error open_record(unsigned name_space, const char *name, unsigned record, uint8_t *buffer, size_t length,
                  size_t *plain_length);

}  // namespace tinycapi::objects
