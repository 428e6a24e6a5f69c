// MD2 (RFC 1319), which Mbed TLS 3 no longer ships. Written from the RFC's description;
// incremental, constant memory, no heap. Only for Windows data that still names CALG_MD2:
// MD2 is broken and must not protect anything new.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace tinycapi::crypto::legacy {

inline constexpr size_t md2_digest_size = 16;
inline constexpr size_t md2_block_size = 16;

// The whole state of one MD2 computation. Plain data: all-zero is the state md2_init makes.
struct Md2Context {
    uint8_t state[48];     // X of RFC 1319 §3.4; the digest is its first 16 bytes
    uint8_t checksum[16];  // C of RFC 1319 §3.2
    uint8_t buffer[16];    // the part of a block not yet processed
    uint8_t buffered;      // bytes in buffer, 0..15
};

// Starts a computation. Cannot fail.
void md2_init(Md2Context& context);

// Feeds `length` bytes. `data` may be null when `length` is 0. Any split of the input gives
// the same digest. Cannot fail.
void md2_update(Md2Context& context, const uint8_t* data, size_t length);

// Pads, appends the checksum and writes the 16-byte digest. The context is then spent:
// md2_init it again before reuse, md2_wipe it when it dies. Cannot fail.
void md2_finish(Md2Context& context, uint8_t* digest);

// Zeroes the context (mbedtls_platform_zeroize, which the compiler may not elide).
void md2_wipe(Md2Context& context);

}  // namespace tinycapi::crypto::legacy
