// MD4 (RFC 1320), which Mbed TLS 3 no longer ships. Written from the RFC's description;
// incremental, constant memory, no heap. Only for Windows data that still names CALG_MD4:
// MD4 is broken and must not protect anything new.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace tinycapi::crypto::legacy {

inline constexpr size_t md4_digest_size = 16;
inline constexpr size_t md4_block_size = 64;

// The whole state of one MD4 computation. Plain data.
struct Md4Context {
    uint32_t state[4];   // A, B, C, D of RFC 1320 §3.3
    uint64_t length;     // bytes fed so far (the bit length is taken mod 2^64, §3.2)
    uint8_t buffer[64];  // the part of a block not yet processed
};

// Starts a computation. Cannot fail.
void md4_init(Md4Context& context);

// Feeds `length` bytes. `data` may be null when `length` is 0. Any split of the input gives
// the same digest. Cannot fail.
void md4_update(Md4Context& context, const uint8_t* data, size_t length);

// Pads, appends the length and writes the 16-byte digest. The context is then spent:
// md4_init it again before reuse, md4_wipe it when it dies. Cannot fail.
void md4_finish(Md4Context& context, uint8_t* digest);

// Zeroes the context (mbedtls_platform_zeroize, which the compiler may not elide).
void md4_wipe(Md4Context& context);

}  // namespace tinycapi::crypto::legacy
