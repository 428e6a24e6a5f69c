// RC2 (RFC 2268), which Mbed TLS 3 no longer ships. Written from the RFC's description
// (§2 key expansion, §3 encryption, §4 decryption); one 8-byte block at a time, no heap.
// Only for Windows data that still names CALG_RC2: RC2 is weak and must not protect anything
// new. The block cipher interface (crypto/block_cipher.hpp) adds the modes on top.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace tinycapi::crypto::legacy {

inline constexpr size_t rc2_block_size = 8;
inline constexpr size_t rc2_min_key_size = 1;      // bytes (RFC 2268 §2: T ≥ 1)
inline constexpr size_t rc2_max_key_size = 128;    // bytes (T ≤ 128)
inline constexpr unsigned rc2_min_effective_bits = 1;   // T1 ≥ 1
inline constexpr unsigned rc2_max_effective_bits = 1024;

// The expanded key K[0..63] of RFC 2268 §2, in host byte order. One schedule serves both
// directions. Plain data.
struct Rc2Key {
    uint16_t words[64];
};

// Expands `key_length` bytes of `key` with `effective_bits` (the RFC's T1) into `expanded`.
// Preconditions, which the caller has checked (nothing here re-checks them):
// rc2_min_key_size ≤ key_length ≤ rc2_max_key_size and
// rc2_min_effective_bits ≤ effective_bits ≤ rc2_max_effective_bits. T1 is independent of the
// key length (it may exceed 8·key_length). The working buffer is wiped before returning.
// Cannot fail.
void rc2_set_key(Rc2Key& expanded, const uint8_t* key, size_t key_length,
                 unsigned effective_bits);

// Encrypts (decrypts) one 8-byte block. `input` and `output` may be the same buffer; they
// must not overlap otherwise. Cannot fail.
void rc2_encrypt_block(const Rc2Key& expanded, const uint8_t* input, uint8_t* output);
void rc2_decrypt_block(const Rc2Key& expanded, const uint8_t* input, uint8_t* output);

// Zeroes the expanded key (mbedtls_platform_zeroize, which the compiler may not elide).
void rc2_wipe(Rc2Key& expanded);

}  // namespace tinycapi::crypto::legacy
