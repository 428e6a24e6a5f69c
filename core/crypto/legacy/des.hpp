// DES (FIPS 46-3) and triple DES (SP 800-67), which the PSA Crypto API of Mbed TLS 4 and
// TF-PSA-Crypto no longer offers. Written from the standards' description; one 8-byte block at
// a time, no heap. Only for Windows data that still names CALG_DES, CALG_3DES or
// CALG_3DES_112: DES is broken and 3DES is withdrawn for new protection (SP 800-131A).
// The block cipher interface (crypto/block_cipher.hpp) adds the modes on top.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace tinycapi::crypto::legacy {

inline constexpr size_t des_block_size = 8;
inline constexpr size_t des_key_size = 8;           // bytes, parity bits included (ignored)
inline constexpr size_t des3_two_key_size = 16;     // K1 ‖ K2, used as K1, K2, K1 (keying option 2)
inline constexpr size_t des3_three_key_size = 24;   // K1 ‖ K2 ‖ K3 (keying option 1)

// The 16 round keys of one DES key in encryption order, each 48-bit round key held in two
// 32-bit words in whatever packing the implementation's round function wants. Decryption runs
// them in reverse, so one schedule serves both directions. Plain data.
struct DesKey {
    uint32_t round_keys[32];
};

// Three DES keys for E_K3(D_K2(E_K1(P))) (SP 800-67 §3.2). Plain data.
struct Des3Key {
    DesKey keys[3];
};

// Schedules the 8-byte `key`. The parity bits (the low bit of each byte) are neither checked
// nor fixed, as CryptoAPI keys carry them as given (reference §5.1). Cannot fail.
void des_set_key(DesKey& schedule, const uint8_t* key);

// Encrypts (decrypts) one 8-byte block. `input` and `output` may be the same buffer; they
// must not overlap otherwise. Cannot fail.
void des_encrypt_block(const DesKey& schedule, const uint8_t* input, uint8_t* output);
void des_decrypt_block(const DesKey& schedule, const uint8_t* input, uint8_t* output);

// Schedules a triple-DES key of `key_length` bytes: des3_two_key_size (K3 = K1) or
// des3_three_key_size. Precondition, which the caller has checked: the length is one of the
// two. Cannot fail.
void des3_set_key(Des3Key& schedule, const uint8_t* key, size_t key_length);

// Encrypts E_K3(D_K2(E_K1(P))) / decrypts D_K1(E_K2(D_K3(C))) one 8-byte block. Same buffer
// rules as des_encrypt_block. Cannot fail.
void des3_encrypt_block(const Des3Key& schedule, const uint8_t* input, uint8_t* output);
void des3_decrypt_block(const Des3Key& schedule, const uint8_t* input, uint8_t* output);

// Zero the schedule (mbedtls_platform_zeroize, which the compiler may not elide).
void des_wipe(DesKey& schedule);
void des3_wipe(Des3Key& schedule);

}  // namespace tinycapi::crypto::legacy
