// The hash primitives of core/crypto: one state type and six functions over every hash
// algorithm tinycapi offers. The objects layer (Hash objects, CryptDeriveKey, signatures)
// builds on this; it never calls Mbed TLS or the legacy code directly.
//
// No heap: a HashState holds the backend's context (crypto/mbedtls3/hash_state.hpp: Mbed
// TLS's direct contexts; crypto/psa/hash_state.hpp: a PSA hash operation) and the legacy
// MD2/MD4 contexts in one union, so it costs the largest enabled context plus a tag. An algorithm switched off in tinycapi_config.h is compiled out: its
// context leaves the union and start() refuses it.
//
// Not thread-safe per state: the caller serialises calls on one HashState (the handle layer
// pins the hash object). Distinct states are independent.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/crypto_status.hpp"
#include "crypto/mbedtls_build.hpp"
#include "tinycapi_config.h"

// The backend's state types (HashContext): TINYCAPI_CRYPTO_BACKEND picks one directory.
#if TINYCAPI_CRYPTO_BACKEND_PSA
#include "crypto/psa/hash_state.hpp"
#else
#include "crypto/mbedtls3/hash_state.hpp"
#endif

namespace tinycapi::crypto {

// Every hash algorithm of the interface, enabled or not. 0 is deliberately no algorithm: a
// zeroed (wiped, never started, .bss) HashState is refused by update() and finish().
enum class HashAlgorithm : uint8_t {
    md2 = 1,
    md4,
    md5,
    sha1,
    sha256,
    sha384,
    sha512,
};

// Largest digest_size() of any algorithm (SHA-512): a buffer this big fits every digest.
inline constexpr size_t max_digest_size = 64;

// True when `algorithm` is compiled in (its TINYCAPI_ENABLE_* switch is 1). Only an enabled
// algorithm can be started.
constexpr bool is_enabled(HashAlgorithm algorithm) {
    switch (algorithm) {
    case HashAlgorithm::md2: return TINYCAPI_ENABLE_MD2 != 0;  // NOLINT(bugprone-branch-clone): each case reads its own TINYCAPI_ENABLE_* switch; equal only in some builds
    case HashAlgorithm::md4: return TINYCAPI_ENABLE_MD4 != 0;
    case HashAlgorithm::md5: return TINYCAPI_ENABLE_MD5 != 0;
    case HashAlgorithm::sha1: return TINYCAPI_ENABLE_SHA1 != 0;
    case HashAlgorithm::sha256: return TINYCAPI_ENABLE_SHA256 != 0;
    case HashAlgorithm::sha384:
    case HashAlgorithm::sha512: return TINYCAPI_ENABLE_SHA384_512 != 0;
    }
    return false;
}

// Digest length in bytes, enabled or not (a property of the algorithm, not of the build);
// 0 for a value that is not an algorithm.
constexpr size_t digest_size(HashAlgorithm algorithm) {
    switch (algorithm) {
    case HashAlgorithm::md2:
    case HashAlgorithm::md4:
    case HashAlgorithm::md5: return 16;
    case HashAlgorithm::sha1: return 20;
    case HashAlgorithm::sha256: return 32;
    case HashAlgorithm::sha384: return 48;
    case HashAlgorithm::sha512: return 64;
    }
    return 0;
}

// Input block length in bytes (what HMAC pads its key to), enabled or not; 0 for a value
// that is not an algorithm.
constexpr size_t block_size(HashAlgorithm algorithm) {
    switch (algorithm) {
    case HashAlgorithm::md2: return 16;
    case HashAlgorithm::md4:
    case HashAlgorithm::md5:
    case HashAlgorithm::sha1:
    case HashAlgorithm::sha256: return 64;
    case HashAlgorithm::sha384:
    case HashAlgorithm::sha512: return 128;
    }
    return 0;
}

// One hash computation. Plain data with no constructor: all-zero (e.g. a pool slot in .bss)
// is a valid "nothing started" state. Use start/update/finish/clone/wipe, not the fields;
// copy it only with clone().
struct HashState {
    HashContext context;  // the backend's (crypto/<backend>/hash_state.hpp)
    HashAlgorithm algorithm;  // which member of `context` is live; 0 when none is
};

// Starts a new computation of `algorithm` in `state`, discarding whatever the state held
// (its bytes are overwritten first, so no trace of an earlier algorithm's context remains).
// Returns ok, or failure when `algorithm` is not enabled or the backend refused; on failure
// the state is left zeroed (no algorithm).
CryptoStatus start(HashState& state, HashAlgorithm algorithm);

// Feeds `length` bytes of `data` into a started, unfinished state. `data` may be null when
// `length` is 0. Any split of the input into update() calls gives the same digest.
// Returns ok, or failure when the state holds no algorithm (zeroed) or the backend failed
// (possible only with an Mbed TLS *_ALT accelerator); the state is then unusable: wipe it.
// The hot path: a switch on the algorithm and the direct backend call, nothing else. The
// caller (the API boundary) has validated the arguments; nothing here re-checks them.
CryptoStatus update(HashState& state, const uint8_t* data, size_t length);

// Completes the computation and writes digest_size(state.algorithm) bytes to `digest`
// (never more: max_digest_size always suffices). The state is then spent: only start() or
// wipe() may follow. Its context is not wiped here (the caller keeps the digest alongside it
// anyway); wipe() it when the state dies.
// Returns ok, or failure when the state holds no algorithm or the backend failed (then
// `digest` holds nothing meaningful).
CryptoStatus finish(HashState& state, uint8_t* digest);

// Makes `destination` an independent full copy of `source` (CryptDuplicateHash): from here
// on, feeding one never changes the other. `destination` is overwritten whole first, as by
// start(), unless it holds no algorithm: such a state is zeroed (all-zero is "nothing
// started"), so it is not cleared again (that clear was a third of a CryptDuplicateHash). A
// zeroed source gives a zeroed destination. `destination` and `source` being the same object
// is allowed and changes nothing. Cannot fail.
void clone(HashState& destination, const HashState& source);

// Releases the computation and zeroes every byte of `state` that can be non-zero, in a way
// the compiler may not elide (the mbedtls3 backend: the live member and the tag, as start()
// and clone() keep the rest of the union zero). The state then holds no algorithm. Safe on a
// state that is already zeroed. Call it where the state dies (slot freed, stack state going
// out of scope).
void wipe(HashState& state);

// HMAC's last step (RFC 2104): finishes `inner`, feeds its digest to `outer`, finishes `outer`
// into `digest` (digest_size bytes; `digest` holds at least max_digest_size) and wipes both
// states, whatever happened. Both run the same algorithm. One call for the five steps that
// every HMAC value costs (PBKDF2 pays them per iteration). Returns ok, or failure when a state
// holds no algorithm, the two differ, or the backend failed (`digest` then means nothing).
CryptoStatus finish_hmac(HashState& inner, HashState& outer, uint8_t* digest);

// finish_hmac through the general calls above, as every backend does it where it has no
// faster path of its own.
inline CryptoStatus finish_hmac_in_steps(HashState& inner, HashState& outer, uint8_t* digest) {
    const size_t size = digest_size(inner.algorithm);
    const bool good = inner.algorithm == outer.algorithm && size != 0 && finish(inner, digest) == CryptoStatus::ok &&
                      update(outer, digest, size) == CryptoStatus::ok && finish(outer, digest) == CryptoStatus::ok;
    wipe(inner);
    wipe(outer);
    return good ? CryptoStatus::ok : CryptoStatus::failure;
}

}  // namespace tinycapi::crypto
