// MD4 (RFC 1320). Written from the RFC's prose (§3.1–3.5), not from its reference code or
// any other implementation; checked against the RFC's test suite (tests/unit/crypto_hash_test.cpp).
#include "crypto/legacy/md4.hpp"

#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_MD4

#include <string.h>

#include "crypto/mbedtls_build.hpp"

#include <mbedtls/platform_util.h>

namespace tinycapi::crypto::legacy {
namespace {

// RFC 1320 §3.4: the three auxiliary functions and the round constants.
constexpr uint32_t f(uint32_t x, uint32_t y, uint32_t z) { return (x & y) | (~x & z); }
constexpr uint32_t g(uint32_t x, uint32_t y, uint32_t z) {
    return (x & y) | (x & z) | (y & z);
}
constexpr uint32_t h(uint32_t x, uint32_t y, uint32_t z) { return x ^ y ^ z; }
constexpr uint32_t round2_constant = 0x5A827999;  // sqrt(2) · 2^30
constexpr uint32_t round3_constant = 0x6ED9EBA1;  // sqrt(3) · 2^30

constexpr uint32_t rotate_left(uint32_t value, unsigned bits) {
    return (value << bits) | (value >> (32 - bits));
}

// Message words in the order each round reads them, and each round's four shift amounts.
constexpr uint8_t round2_order[16] = {0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15};
constexpr uint8_t round3_order[16] = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};
constexpr unsigned round1_shifts[4] = {3, 7, 11, 19};
constexpr unsigned round2_shifts[4] = {3, 5, 9, 13};
constexpr unsigned round3_shifts[4] = {3, 9, 11, 15};

// §3.4 processes each 16-word block. The operation [abcd k s] of every round updates one of
// the four registers in turn (a, d, c, b), so the registers live in an array rotated by index:
// step i writes register (4 - i) mod 4 and reads the three after it.
void process(Md4Context& context, const uint8_t* block) {
    struct Working {
        uint32_t words[16];
        uint32_t registers[4];
    } w;
    // §3.2/3.4: words are little-endian, whatever the host's byte order.
    for (size_t i = 0; i < 16; ++i) {
        const uint8_t* p = block + 4 * i;
        w.words[i] = static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
                     (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
    }
    memcpy(w.registers, context.state, sizeof w.registers);
    uint32_t* r = w.registers;

    for (unsigned i = 0; i < 16; ++i) {  // round 1: [abcd k s] a = (a + F(b,c,d) + X[k]) <<< s
        const unsigned a = (4 - i % 4) % 4;
        r[a] = rotate_left(r[a] + f(r[(a + 1) % 4], r[(a + 2) % 4], r[(a + 3) % 4]) + w.words[i],
                           round1_shifts[i % 4]);
    }
    for (unsigned i = 0; i < 16; ++i) {  // round 2: a = (a + G(b,c,d) + X[k] + 5A827999) <<< s
        const unsigned a = (4 - i % 4) % 4;
        r[a] = rotate_left(r[a] + g(r[(a + 1) % 4], r[(a + 2) % 4], r[(a + 3) % 4]) +
                               w.words[round2_order[i]] + round2_constant,
                           round2_shifts[i % 4]);
    }
    for (unsigned i = 0; i < 16; ++i) {  // round 3: a = (a + H(b,c,d) + X[k] + 6ED9EBA1) <<< s
        const unsigned a = (4 - i % 4) % 4;
        r[a] = rotate_left(r[a] + h(r[(a + 1) % 4], r[(a + 2) % 4], r[(a + 3) % 4]) +
                               w.words[round3_order[i]] + round3_constant,
                           round3_shifts[i % 4]);
    }
    for (size_t i = 0; i < 4; ++i) {
        context.state[i] += r[i];
    }
    // The words are the caller's data (a password, for CryptDeriveKey): no copy outlives us.
    mbedtls_platform_zeroize(&w, sizeof w);
}

void store_le32(uint8_t* out, uint32_t value) {
    out[0] = static_cast<uint8_t>(value);
    out[1] = static_cast<uint8_t>(value >> 8);
    out[2] = static_cast<uint8_t>(value >> 16);
    out[3] = static_cast<uint8_t>(value >> 24);
}

}  // namespace

void md4_init(Md4Context& context) {
    memset(&context, 0, sizeof context);
    // RFC 1320 §3.3: A, B, C, D (bytes 01 23 45 67, 89 ab cd ef, ... read little-endian).
    context.state[0] = 0x67452301;
    context.state[1] = 0xEFCDAB89;
    context.state[2] = 0x98BADCFE;
    context.state[3] = 0x10325476;
}

void md4_update(Md4Context& context, const uint8_t* data, size_t length) {
    if (length == 0) {
        return;
    }
    size_t buffered = static_cast<size_t>(context.length % md4_block_size);
    context.length += length;
    if (buffered != 0) {
        const size_t room = md4_block_size - buffered;
        const size_t take = length < room ? length : room;
        memcpy(context.buffer + buffered, data, take);
        data += take;
        length -= take;
        if (take < room) {
            return;
        }
        process(context, context.buffer);
    }
    for (; length >= md4_block_size; data += md4_block_size, length -= md4_block_size) {
        process(context, data);
    }
    if (length != 0) {
        memcpy(context.buffer, data, length);
    }
}

void md4_finish(Md4Context& context, uint8_t* digest) {
    // RFC 1320 §3.1–3.2: a 1 bit, zeros up to 56 mod 64 bytes, then the bit length as a
    // 64-bit little-endian number (mod 2^64).
    const uint64_t bit_length = context.length << 3;
    size_t buffered = static_cast<size_t>(context.length % md4_block_size);
    context.buffer[buffered++] = 0x80;
    if (buffered > 56) {
        memset(context.buffer + buffered, 0, md4_block_size - buffered);
        process(context, context.buffer);
        buffered = 0;
    }
    memset(context.buffer + buffered, 0, 56 - buffered);
    store_le32(context.buffer + 56, static_cast<uint32_t>(bit_length));
    store_le32(context.buffer + 60, static_cast<uint32_t>(bit_length >> 32));
    process(context, context.buffer);
    // §3.5: A, B, C, D, low-order byte first.
    for (size_t i = 0; i < 4; ++i) {
        store_le32(digest + 4 * i, context.state[i]);
    }
}

void md4_wipe(Md4Context& context) {
    mbedtls_platform_zeroize(&context, sizeof context);
}

}  // namespace tinycapi::crypto::legacy

#endif  // TINYCAPI_ENABLE_MD4
