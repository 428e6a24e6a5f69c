// RC2 (RFC 2268). Written from the RFC's prose (§2–§4), not from its examples' code or any
// other implementation; checked against every vector of RFC 2268 §5
// (tests/unit/crypto_cipher_test.cpp).
#include "crypto/legacy/rc2.hpp"

#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_RC2

#include "crypto/mbedtls_build.hpp"

#include <mbedtls/platform_util.h>

namespace tinycapi::crypto::legacy {
namespace {

// RFC 2268 §2: PITABLE, a permutation of 0..255 "based on the digits of pi".
constexpr uint8_t pitable[256] = {
    0xd9, 0x78, 0xf9, 0xc4, 0x19, 0xdd, 0xb5, 0xed, 0x28, 0xe9, 0xfd, 0x79, 0x4a, 0xa0, 0xd8, 0x9d,
    0xc6, 0x7e, 0x37, 0x83, 0x2b, 0x76, 0x53, 0x8e, 0x62, 0x4c, 0x64, 0x88, 0x44, 0x8b, 0xfb, 0xa2,
    0x17, 0x9a, 0x59, 0xf5, 0x87, 0xb3, 0x4f, 0x13, 0x61, 0x45, 0x6d, 0x8d, 0x09, 0x81, 0x7d, 0x32,
    0xbd, 0x8f, 0x40, 0xeb, 0x86, 0xb7, 0x7b, 0x0b, 0xf0, 0x95, 0x21, 0x22, 0x5c, 0x6b, 0x4e, 0x82,
    0x54, 0xd6, 0x65, 0x93, 0xce, 0x60, 0xb2, 0x1c, 0x73, 0x56, 0xc0, 0x14, 0xa7, 0x8c, 0xf1, 0xdc,
    0x12, 0x75, 0xca, 0x1f, 0x3b, 0xbe, 0xe4, 0xd1, 0x42, 0x3d, 0xd4, 0x30, 0xa3, 0x3c, 0xb6, 0x26,
    0x6f, 0xbf, 0x0e, 0xda, 0x46, 0x69, 0x07, 0x57, 0x27, 0xf2, 0x1d, 0x9b, 0xbc, 0x94, 0x43, 0x03,
    0xf8, 0x11, 0xc7, 0xf6, 0x90, 0xef, 0x3e, 0xe7, 0x06, 0xc3, 0xd5, 0x2f, 0xc8, 0x66, 0x1e, 0xd7,
    0x08, 0xe8, 0xea, 0xde, 0x80, 0x52, 0xee, 0xf7, 0x84, 0xaa, 0x72, 0xac, 0x35, 0x4d, 0x6a, 0x2a,
    0x96, 0x1a, 0xd2, 0x71, 0x5a, 0x15, 0x49, 0x74, 0x4b, 0x9f, 0xd0, 0x5e, 0x04, 0x18, 0xa4, 0xec,
    0xc2, 0xe0, 0x41, 0x6e, 0x0f, 0x51, 0xcb, 0xcc, 0x24, 0x91, 0xaf, 0x50, 0xa1, 0xf4, 0x70, 0x39,
    0x99, 0x7c, 0x3a, 0x85, 0x23, 0xb8, 0xb4, 0x7a, 0xfc, 0x02, 0x36, 0x5b, 0x25, 0x55, 0x97, 0x31,
    0x2d, 0x5d, 0xfa, 0x98, 0xe3, 0x8a, 0x92, 0xae, 0x05, 0xdf, 0x29, 0x10, 0x67, 0x6c, 0xba, 0xc9,
    0xd3, 0x00, 0xe6, 0xcf, 0xe1, 0x9e, 0xa8, 0x2c, 0x63, 0x16, 0x01, 0x3f, 0x58, 0xe2, 0x89, 0xa9,
    0x0d, 0x38, 0x34, 0x1b, 0xab, 0x33, 0xff, 0xb0, 0xbb, 0x48, 0x0c, 0x5f, 0xb9, 0xb1, 0xcd, 0x2e,
    0xc5, 0xf3, 0xdb, 0x47, 0xe5, 0xa5, 0x9c, 0x77, 0x0a, 0xa6, 0x20, 0x68, 0xfe, 0x7f, 0xc1, 0xad,
};

// §3: the words are 16 bits; every sum wraps modulo 2^16.
inline uint16_t rotate_left(uint16_t value, unsigned bits) {
    return static_cast<uint16_t>((value << bits) | (value >> (16 - bits)));
}
inline uint16_t rotate_right(uint16_t value, unsigned bits) {
    return static_cast<uint16_t>((value >> bits) | (value << (16 - bits)));
}
inline uint16_t add(uint16_t a, unsigned b) { return static_cast<uint16_t>(a + b); }
inline uint16_t subtract(uint16_t a, unsigned b) { return static_cast<uint16_t>(a - b); }

// §3 and §4 step 1: the block is R[0..3], each word little-endian.
inline uint16_t load_word(const uint8_t* bytes) {
    return static_cast<uint16_t>(bytes[0] | (bytes[1] << 8));
}
inline void store_word(uint8_t* bytes, uint16_t word) {
    bytes[0] = static_cast<uint8_t>(word);
    bytes[1] = static_cast<uint8_t>(word >> 8);
}

// Both directions run 16 mixing rounds with a mashing round after the 5th and the 11th
// (§3.5 / §4.5: five mix, mash, six mix, mash, five mix).
constexpr bool mash_after(unsigned round) { return round == 4 || round == 10; }

}  // namespace

void rc2_set_key(Rc2Key& expanded, const uint8_t* key, size_t key_length,
                 unsigned effective_bits) {
    // §2, in the RFC's names: T = key_length, T1 = effective_bits, T8 = bytes that carry the
    // effective bits, TM = the mask of the effective bits in the last of them.
    uint8_t l[128];
    const size_t t = key_length;
    const size_t t8 = (effective_bits + 7) / 8;
    const unsigned tm = 0xFFu >> (8 * t8 - effective_bits);

    for (size_t i = 0; i < t; ++i) {
        l[i] = key[i];
    }
    for (size_t i = t; i < 128; ++i) {
        // cppcheck-suppress uninitvar ; key_length >= 1 (rc2.hpp's precondition), so l[0 .. t-1] are set above
        l[i] = pitable[(l[i - 1] + l[i - t]) & 0xFF];
    }
    l[128 - t8] = pitable[l[128 - t8] & tm];
    for (size_t i = 128 - t8; i-- > 0;) {
        l[i] = pitable[l[i + 1] ^ l[i + t8]];
    }
    for (size_t i = 0; i < 64; ++i) {
        expanded.words[i] = load_word(l + 2 * i);  // K[i] = L[2i] + 256·L[2i+1]
    }
    mbedtls_platform_zeroize(l, sizeof l);
}

void rc2_encrypt_block(const Rc2Key& expanded, const uint8_t* input, uint8_t* output) {
    const uint16_t* k = expanded.words;
    uint16_t r0 = load_word(input);
    uint16_t r1 = load_word(input + 2);
    uint16_t r2 = load_word(input + 4);
    uint16_t r3 = load_word(input + 6);

    for (unsigned round = 0, j = 0; round < 16; ++round, j += 4) {
        // §3.1 "Mix up R[i]": R[i] += K[j] + (R[i-1] & R[i-2]) + (~R[i-1] & R[i-3]); j++;
        // R[i] rol s[i], with s = 1, 2, 3, 5 and indices mod 4 (§3.2: i = 0, 1, 2, 3).
        r0 = rotate_left(add(r0, k[j] + (r3 & r2) + (~r3 & r1)), 1);
        r1 = rotate_left(add(r1, k[j + 1] + (r0 & r3) + (~r0 & r2)), 2);
        r2 = rotate_left(add(r2, k[j + 2] + (r1 & r0) + (~r1 & r3)), 3);
        r3 = rotate_left(add(r3, k[j + 3] + (r2 & r1) + (~r2 & r0)), 5);
        if (mash_after(round)) {
            // §3.3 "Mash R[i]": R[i] += K[R[i-1] & 63], i = 0, 1, 2, 3 (§3.4).
            r0 = add(r0, k[r3 & 63]);
            r1 = add(r1, k[r0 & 63]);
            r2 = add(r2, k[r1 & 63]);
            r3 = add(r3, k[r2 & 63]);
        }
    }

    store_word(output, r0);
    store_word(output + 2, r1);
    store_word(output + 4, r2);
    store_word(output + 6, r3);
}

void rc2_decrypt_block(const Rc2Key& expanded, const uint8_t* input, uint8_t* output) {
    const uint16_t* k = expanded.words;
    uint16_t r0 = load_word(input);
    uint16_t r1 = load_word(input + 2);
    uint16_t r2 = load_word(input + 4);
    uint16_t r3 = load_word(input + 6);

    for (unsigned round = 0, j = 60; round < 16; ++round, j -= 4) {
        // §4.1 "R-Mix up R[i]": R[i] ror s[i]; R[i] -= K[j] + (R[i-1] & R[i-2]) +
        // (~R[i-1] & R[i-3]); j--, for i = 3, 2, 1, 0 (§4.2), j starting at 63.
        r3 = subtract(rotate_right(r3, 5), k[j + 3] + (r2 & r1) + (~r2 & r0));
        r2 = subtract(rotate_right(r2, 3), k[j + 2] + (r1 & r0) + (~r1 & r3));
        r1 = subtract(rotate_right(r1, 2), k[j + 1] + (r0 & r3) + (~r0 & r2));
        r0 = subtract(rotate_right(r0, 1), k[j] + (r3 & r2) + (~r3 & r1));
        if (mash_after(round)) {
            // §4.3 "R-Mash R[i]": R[i] -= K[R[i-1] & 63], i = 3, 2, 1, 0 (§4.4).
            r3 = subtract(r3, k[r2 & 63]);
            r2 = subtract(r2, k[r1 & 63]);
            r1 = subtract(r1, k[r0 & 63]);
            r0 = subtract(r0, k[r3 & 63]);
        }
    }

    store_word(output, r0);
    store_word(output + 2, r1);
    store_word(output + 4, r2);
    store_word(output + 6, r3);
}

void rc2_wipe(Rc2Key& expanded) {
    mbedtls_platform_zeroize(&expanded, sizeof expanded);
}

}  // namespace tinycapi::crypto::legacy

#endif  // TINYCAPI_ENABLE_RC2
