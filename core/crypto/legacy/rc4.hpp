// RC4 ("ARCFOUR"), which Mbed TLS 3 no longer ships: the standard key schedule and output
// generator with no discarded prefix, as CryptoAPI uses it (reference §5.2). Written from the
// published description of the algorithm; checked against RFC 6229. Only for Windows data
// that still names CALG_RC4: RC4 is broken and must not protect anything new. The stream
// cipher interface (crypto/stream_cipher.hpp) is what the objects layer calls.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace tinycapi::crypto::legacy {

inline constexpr size_t rc4_min_key_size = 1;    // bytes
inline constexpr size_t rc4_max_key_size = 256;  // bytes: longer keys would be truncated

// The whole RC4 state: the permutation S and the two indices. Plain data; a byte copy is an
// independent duplicate that continues the same keystream.
struct Rc4State {
    uint8_t s[256];
    uint8_t i;
    uint8_t j;
};

// Runs the key schedule over `key_length` bytes of `key` and positions the keystream at its
// first byte (no bytes discarded). Precondition, which the caller has checked:
// rc4_min_key_size ≤ key_length ≤ rc4_max_key_size. Cannot fail.
void rc4_set_key(Rc4State& state, const uint8_t* key, size_t key_length);

// XORs the next `length` keystream bytes into `input` and writes the result to `output`
// (encryption and decryption are the same operation). `input` and `output` may be the same
// buffer; they must not overlap otherwise. Either may be null when `length` is 0. The state
// advances by `length`: any split of the data into calls gives the same bytes. Cannot fail.
void rc4_crypt(Rc4State& state, const uint8_t* input, uint8_t* output, size_t length);

// Zeroes the state (mbedtls_platform_zeroize, which the compiler may not elide).
void rc4_wipe(Rc4State& state);

}  // namespace tinycapi::crypto::legacy
