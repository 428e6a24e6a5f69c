// RSA paddings (RFC 8017), apart from the RSA operation that runs on them: the encoded message
// EM here is the k-byte big-endian integer the raw RSA operation takes or gives (k = the
// modulus length in bytes). Backend-neutral: both backends compile it, and it calls no crypto
// library except through crypto/hash.hpp (SHA-1 for OAEP). The mbedtls3 backend builds its
// signatures with encode_signature; the psa backend's keys that PSA refuses
// (psa/rsa_keys_psa.cpp) take all five.
//
// Memory: no heap; stack bounded by max_modulus_bytes (one such buffer, in the decoders) plus a
// HashState and a digest. Every local copy of secret bytes is wiped before a function returns.
// Not thread-affine: no state between calls, so any number of calls may run at once.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/crypto_status.hpp"
#include "crypto/random.hpp"
#include "crypto/rsa_arguments.hpp"
#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_RSA

namespace tinycapi::crypto::rsa_padding {

// The largest k any function here accepts: the largest modulus of the build.
inline constexpr size_t max_modulus_bytes = rsa_arguments::max_modulus_bytes;

// OAEP's hash, SHA-1, and its digest length: CryptoAPI's CRYPT_OAEP is RSAES-OAEP with SHA-1,
// MGF1-SHA-1 and an empty label (reference §7.3).
inline constexpr size_t oaep_hash_length = 20;

// The shortest padding each scheme needs around its message: the largest message is k minus it.
inline constexpr size_t pkcs1_overhead = 11;                     // 00 02 PS(>= 8) 00
inline constexpr size_t oaep_overhead = 2 * oaep_hash_length + 2;  // 00 seed lHash .. 01

// The padding's random bytes come from a RandomFill (crypto/random.hpp) the caller passes.

// EMSA-PKCS1-v1_5 (RFC 8017 §9.2): em = 00 01 FF..FF 00 ‖ prefix ‖ hash in k bytes, with at
// least eight FF bytes. `prefix` is the DigestInfo header (may be null when prefix_length is 0:
// CryptSignHash's CRYPT_NOHASHOID signs the bare hash). Returns false, with `em` untouched, when
// it does not fit in k bytes or k > max_modulus_bytes. Nothing here is secret; no wiping.
bool encode_signature(uint8_t *em, size_t k, const uint8_t *prefix, size_t prefix_length, const uint8_t *hash,
                      size_t hash_length);

// EME-PKCS1-v1_5 encoding (RFC 8017 §7.2.1 step 2): em = 00 02 ‖ PS ‖ 00 ‖ message in k bytes,
// PS k - 3 - length non-zero random bytes (at least 8). A zero byte from `random` is drawn
// again, byte by byte; a source that gives 64 zeros in a row for one byte is broken and fails.
// `message` may be null when `length` is 0; it must not overlap `em`.
// Returns ok; bad_data when k > max_modulus_bytes or length > k - pkcs1_overhead (em
// untouched); entropy_failure when `random` fails or is broken (em zeroed).
CryptoStatus encode_encryption_pkcs1(uint8_t *em, size_t k, const uint8_t *message, size_t length,
                                     RandomFill random, void *random_context);

// EME-OAEP encoding (RFC 8017 §7.1.1 step 2) with SHA-1, MGF1-SHA-1 and an empty label:
// em = 00 ‖ maskedSeed ‖ maskedDB in k bytes; the seed is oaep_hash_length bytes of `random`.
// `message` may be null when `length` is 0; it must not overlap `em`.
// Returns ok; bad_data when k > max_modulus_bytes or length > k - oaep_overhead (em
// untouched); entropy_failure when `random` fails, failure when SHA-1 does (not enabled in
// this build, or the hash backend failed) (em zeroed in both cases).
CryptoStatus encode_encryption_oaep(uint8_t *em, size_t k, const uint8_t *message, size_t length,
                                    RandomFill random, void *random_context);

// EME-PKCS1-v1_5 decoding (RFC 8017 §7.2.2 step 3): checks that em = 00 02 ‖ PS ‖ 00 ‖ M with
// PS at least 8 non-zero bytes, and copies M to `message`. On success writes M (its first
// *length bytes; the rest of `capacity` keeps its bytes) and *length, and returns ok.
// Every failure — k > max_modulus_bytes or k < pkcs1_overhead, a bad leading or block-type
// byte, no zero separator, PS shorter than 8 bytes, M longer than `capacity` — is bad_data,
// with `message` and *length unchanged.
// Constant time in the bytes of `em`: the time taken, and the memory touched, depend on k and
// `capacity` only, never on whether the padding is valid, which check failed or M's length.
// `message` is read and written back (unchanged on failure) over min(capacity, k - 11) bytes;
// it must not overlap `em`. `message` may be null when `capacity` is 0.
CryptoStatus decode_encryption_pkcs1(const uint8_t *em, size_t k, uint8_t *message, size_t capacity,
                                     size_t *length);

// EME-OAEP decoding (RFC 8017 §7.1.2 step 3) with SHA-1, MGF1-SHA-1 and an empty label:
// unmasks em = Y ‖ maskedSeed ‖ maskedDB and checks Y = 0 and DB = lHash ‖ 00..00 ‖ 01 ‖ M.
// The same contract as decode_encryption_pkcs1 (bad_data for every malformed `em`, for k >
// max_modulus_bytes or k < oaep_overhead, and for M longer than `capacity`; nothing written on
// failure; constant time in the bytes of `em`), over min(capacity, k - oaep_overhead) bytes of
// `message`; failure (nothing written) when SHA-1 fails (not enabled in this build, or the hash
// backend failed), which does not depend on `em`.
CryptoStatus decode_encryption_oaep(const uint8_t *em, size_t k, uint8_t *message, size_t capacity,
                                    size_t *length);

}  // namespace tinycapi::crypto::rsa_padding

#endif  // TINYCAPI_ENABLE_RSA
