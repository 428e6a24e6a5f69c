// The stream cipher primitives of core/crypto: one state type and five functions. RC4 is
// the only stream cipher CryptoAPI has; its code lives in crypto/legacy because Mbed TLS 3
// dropped it. The objects layer (Key objects: CryptEncrypt/CryptDecrypt of CALG_RC4, and the
// restart on Final of reference §5.6) builds on this and never calls crypto/legacy directly.
//
// No heap. An algorithm switched off in tinycapi_config.h is compiled out: its state leaves
// the union and set_key() refuses it.
//
// Not thread-safe per state: the caller serialises calls on one StreamCipher (the handle
// layer pins the key object). Distinct states are independent.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "crypto/crypto_status.hpp"
#include "crypto/mbedtls_build.hpp"
#include "tinycapi_config.h"

#include <mbedtls/platform_util.h>

#if TINYCAPI_ENABLE_RC4
#include "crypto/legacy/rc4.hpp"
#endif

namespace tinycapi::crypto {

// Every stream algorithm of the interface, enabled or not. 0 is deliberately no algorithm: a
// zeroed (wiped, never keyed, .bss) StreamCipher is refused by crypt().
enum class StreamAlgorithm : uint8_t {
    rc4 = 1,
};

// True when `algorithm` is compiled in (its TINYCAPI_ENABLE_* switch is 1). Only an enabled
// algorithm can be keyed.
constexpr bool is_enabled(StreamAlgorithm algorithm) {
    switch (algorithm) {
    case StreamAlgorithm::rc4: return TINYCAPI_ENABLE_RC4 != 0;
    }
    return false;
}

// Key lengths in bytes that set_key() accepts, enabled or not. RC4 takes 1..256 bytes
// (CryptoAPI hands it key ‖ salt, reference §5.2).
constexpr size_t min_key_size(StreamAlgorithm algorithm) {
    return algorithm == StreamAlgorithm::rc4 ? 1 : 0;
}
constexpr size_t max_key_size(StreamAlgorithm algorithm) {
    return algorithm == StreamAlgorithm::rc4 ? 256 : 0;
}

// One keyed stream cipher with its keystream position. Plain data with no constructor:
// all-zero (e.g. a pool slot in .bss) is a valid "not keyed" state. A byte copy (or clone())
// is an independent duplicate that continues from the same position (CryptDuplicateKey).
struct StreamCipher {
    union State {
#if TINYCAPI_ENABLE_RC4
        legacy::Rc4State rc4;
#endif
        unsigned char none;  // keeps the union well-formed when every stream cipher is off
    } state;
    StreamAlgorithm algorithm;  // which member of `state` is live; 0 when none is
};

// Keys `cipher` with `key_length` bytes of `key` and puts it at the start of the keystream
// (also the way to restart it: CryptoAPI restarts RC4 from the key on Final, §5.6).
// Returns ok; bad_data when key_length is outside [min_key_size, max_key_size] (the cipher is
// then unchanged); failure when `algorithm` is not enabled (unchanged as well).
// The whole state is overwritten first, so nothing of an earlier key remains.
inline CryptoStatus set_key(StreamCipher& cipher, StreamAlgorithm algorithm,
                            const uint8_t* key, size_t key_length) {
    if (!is_enabled(algorithm)) {
        return CryptoStatus::failure;
    }
    if (key_length < min_key_size(algorithm) || key_length > max_key_size(algorithm)) {
        return CryptoStatus::bad_data;
    }
    memset(&cipher, 0, sizeof cipher);
#if TINYCAPI_ENABLE_RC4
    legacy::rc4_set_key(cipher.state.rc4, key, key_length);
#else
    (void)key;
#endif
    cipher.algorithm = algorithm;
    return CryptoStatus::ok;
}

// Encrypts or decrypts (the same operation) `length` bytes from `input` to `output` with the
// next bytes of the keystream, and advances it: any split of the data into calls gives the
// same bytes. `input` and `output` may be the same buffer and must not overlap otherwise;
// either may be null when `length` is 0. Returns ok, or failure (nothing written) when the
// cipher is not keyed.
inline CryptoStatus crypt(StreamCipher& cipher, const uint8_t* input, uint8_t* output,
                          size_t length) {
    switch (cipher.algorithm) {
#if TINYCAPI_ENABLE_RC4
    case StreamAlgorithm::rc4:
        legacy::rc4_crypt(cipher.state.rc4, input, output, length);
        return CryptoStatus::ok;
#endif
    default:
        (void)input;
        (void)output;
        (void)length;
        return CryptoStatus::failure;
    }
}

// Makes `destination` an independent copy of `source`, keystream position included.
// `destination` and `source` being the same object is allowed. Cannot fail.
inline void clone(StreamCipher& destination, const StreamCipher& source) {
    if (&destination != &source) {
        memcpy(&destination, &source, sizeof destination);
    }
}

// Zeroes every byte of `cipher` with mbedtls_platform_zeroize (which the compiler may not
// elide); it is then not keyed. Safe on a zeroed cipher. Call it where the key dies.
inline void wipe(StreamCipher& cipher) {
    mbedtls_platform_zeroize(&cipher, sizeof cipher);
}

}  // namespace tinycapi::crypto
