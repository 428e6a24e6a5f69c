// MD2 (RFC 1319). Written from the RFC's prose (§3.1–3.5), not from its reference code or
// any other implementation; checked against the RFC's test suite (tests/unit/crypto_hash_test.cpp).
#include "crypto/legacy/md2.hpp"

#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_MD2

#include <string.h>

#include "crypto/mbedtls_build.hpp"

#include <mbedtls/platform_util.h>

namespace tinycapi::crypto::legacy {
namespace {

// S of RFC 1319 §3.2: the permutation of 0..255 "constructed from the digits of pi". Derived
// here from pi's decimal digits by the Durstenfeld shuffle Rivest described (for i = 2..256,
// swap S[i-1] with S[rand(i)], rand drawing 1–3 digits and rejecting out-of-range values);
// it starts 41, 46, 67 as the RFC's table does, and the RFC's seven digests confirm it.
constexpr uint8_t pi_substitution[256] = {
    0x29, 0x2E, 0x43, 0xC9, 0xA2, 0xD8, 0x7C, 0x01, 0x3D, 0x36, 0x54, 0xA1, 0xEC, 0xF0, 0x06, 0x13,
    0x62, 0xA7, 0x05, 0xF3, 0xC0, 0xC7, 0x73, 0x8C, 0x98, 0x93, 0x2B, 0xD9, 0xBC, 0x4C, 0x82, 0xCA,
    0x1E, 0x9B, 0x57, 0x3C, 0xFD, 0xD4, 0xE0, 0x16, 0x67, 0x42, 0x6F, 0x18, 0x8A, 0x17, 0xE5, 0x12,
    0xBE, 0x4E, 0xC4, 0xD6, 0xDA, 0x9E, 0xDE, 0x49, 0xA0, 0xFB, 0xF5, 0x8E, 0xBB, 0x2F, 0xEE, 0x7A,
    0xA9, 0x68, 0x79, 0x91, 0x15, 0xB2, 0x07, 0x3F, 0x94, 0xC2, 0x10, 0x89, 0x0B, 0x22, 0x5F, 0x21,
    0x80, 0x7F, 0x5D, 0x9A, 0x5A, 0x90, 0x32, 0x27, 0x35, 0x3E, 0xCC, 0xE7, 0xBF, 0xF7, 0x97, 0x03,
    0xFF, 0x19, 0x30, 0xB3, 0x48, 0xA5, 0xB5, 0xD1, 0xD7, 0x5E, 0x92, 0x2A, 0xAC, 0x56, 0xAA, 0xC6,
    0x4F, 0xB8, 0x38, 0xD2, 0x96, 0xA4, 0x7D, 0xB6, 0x76, 0xFC, 0x6B, 0xE2, 0x9C, 0x74, 0x04, 0xF1,
    0x45, 0x9D, 0x70, 0x59, 0x64, 0x71, 0x87, 0x20, 0x86, 0x5B, 0xCF, 0x65, 0xE6, 0x2D, 0xA8, 0x02,
    0x1B, 0x60, 0x25, 0xAD, 0xAE, 0xB0, 0xB9, 0xF6, 0x1C, 0x46, 0x61, 0x69, 0x34, 0x40, 0x7E, 0x0F,
    0x55, 0x47, 0xA3, 0x23, 0xDD, 0x51, 0xAF, 0x3A, 0xC3, 0x5C, 0xF9, 0xCE, 0xBA, 0xC5, 0xEA, 0x26,
    0x2C, 0x53, 0x0D, 0x6E, 0x85, 0x28, 0x84, 0x09, 0xD3, 0xDF, 0xCD, 0xF4, 0x41, 0x81, 0x4D, 0x52,
    0x6A, 0xDC, 0x37, 0xC8, 0x6C, 0xC1, 0xAB, 0xFA, 0x24, 0xE1, 0x7B, 0x08, 0x0C, 0xBD, 0xB1, 0x4A,
    0x78, 0x88, 0x95, 0x8B, 0xE3, 0x63, 0xE8, 0x6D, 0xE9, 0xCB, 0xD5, 0xFE, 0x3B, 0x00, 0x1D, 0x39,
    0xF2, 0xEF, 0xB7, 0x0E, 0x66, 0x58, 0xD0, 0xE4, 0xA6, 0x77, 0x72, 0xF8, 0xEB, 0x75, 0x4B, 0x0A,
    0x31, 0x44, 0x50, 0xB4, 0x8F, 0xED, 0x1F, 0x1A, 0xDB, 0x99, 0x8D, 0x33, 0x9F, 0x11, 0x83, 0x14,
};

// The 18-round transform of one 16-byte block into X (RFC 1319 §3.4).
void transform(Md2Context& context, const uint8_t* block) {
    uint8_t* x = context.state;
    for (size_t j = 0; j < 16; ++j) {
        x[16 + j] = block[j];
        x[32 + j] = static_cast<uint8_t>(x[16 + j] ^ x[j]);
    }
    uint8_t t = 0;
    for (unsigned round = 0; round < 18; ++round) {
        for (size_t k = 0; k < 48; ++k) {
            x[k] = static_cast<uint8_t>(x[k] ^ pi_substitution[t]);
            t = x[k];
        }
        t = static_cast<uint8_t>(t + round);
    }
}

// Folds one block into the checksum (RFC 1319 §3.2). L carries over from the previous block,
// where it ended as C[15]. The RFC's prose says "set C[j] to S[c xor L]"; its erratum and its
// reference code xor into C[j], and only that gives the RFC's test digests.
void add_to_checksum(Md2Context& context, const uint8_t* block) {
    uint8_t* c = context.checksum;
    uint8_t l = c[15];
    for (size_t j = 0; j < 16; ++j) {
        c[j] = static_cast<uint8_t>(c[j] ^ pi_substitution[block[j] ^ l]);
        l = c[j];
    }
}

void process(Md2Context& context, const uint8_t* block) {
    add_to_checksum(context, block);
    transform(context, block);
}

}  // namespace

void md2_init(Md2Context& context) {
    // RFC 1319 §3.3–3.4: C and X start as zeros, L as 0 (= C[15]).
    memset(&context, 0, sizeof context);
}

void md2_update(Md2Context& context, const uint8_t* data, size_t length) {
    if (length == 0) {
        return;
    }
    if (context.buffered != 0) {
        const size_t room = md2_block_size - context.buffered;
        const size_t take = length < room ? length : room;
        memcpy(context.buffer + context.buffered, data, take);
        context.buffered = static_cast<uint8_t>(context.buffered + take);
        data += take;
        length -= take;
        if (context.buffered < md2_block_size) {
            return;
        }
        process(context, context.buffer);
        context.buffered = 0;
    }
    for (; length >= md2_block_size; data += md2_block_size, length -= md2_block_size) {
        process(context, data);
    }
    if (length != 0) {
        memcpy(context.buffer, data, length);
        context.buffered = static_cast<uint8_t>(length);
    }
}

void md2_finish(Md2Context& context, uint8_t* digest) {
    // RFC 1319 §3.1: i bytes of value i, 1 <= i <= 16, bring the length to a multiple of 16.
    const uint8_t pad = static_cast<uint8_t>(md2_block_size - context.buffered);
    memset(context.buffer + context.buffered, pad, pad);
    process(context, context.buffer);
    // §3.2: the checksum is appended as one more block; it only passes through the transform
    // (a checksum of it would never be read).
    transform(context, context.checksum);
    memcpy(digest, context.state, md2_digest_size);
}

void md2_wipe(Md2Context& context) {
    mbedtls_platform_zeroize(&context, sizeof context);
}

}  // namespace tinycapi::crypto::legacy

#endif  // TINYCAPI_ENABLE_MD2
