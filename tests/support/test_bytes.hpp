// Byte strings for the host tests: vectors written in hex, the SEQ(n) inputs of the
// reference (§5.10: bytes i & 0xFF), and hex for failure messages.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <algorithm>
#include <string>
#include <vector>

namespace tinycapi::testing {

using Bytes = std::vector<uint8_t>;

// "00a1ff" → {0x00, 0xA1, 0xFF}; spaces are skipped, so vectors can be grouped as published.
inline Bytes Hex(const char *hex) {
    Bytes out;
    int high = -1;
    for (const char *c = hex; *c; ++c) {
        if (*c == ' ') continue;
        const int digit = (*c >= '0' && *c <= '9') ? *c - '0' : ((*c | 0x20) - 'a' + 10);
        if (high < 0) {
            high = digit;
        } else {
            out.push_back(static_cast<uint8_t>(high << 4 | digit));
            high = -1;
        }
    }
    return out;
}

// SEQ(n) of the reference: n bytes (i + start) & 0xFF.
inline Bytes Seq(size_t n, size_t start = 0) {
    Bytes out;
    out.reserve(n);  // push_back, not out[i]: gcc -O3 warns falsely (stringop-overflow) on the latter
    for (size_t i = 0; i < n; ++i) out.push_back(static_cast<uint8_t>(i + start));
    return out;
}

// A test's byte array as Bytes.
template <size_t N>
Bytes B(const uint8_t (&array)[N]) {
    return Bytes(array, array + N);
}

// CryptoAPI stores big numbers little-endian: the published big-endian form, reversed.
inline Bytes Reversed(Bytes bytes) {
    std::reverse(bytes.begin(), bytes.end());
    return bytes;
}

inline Bytes Concat(Bytes a, const Bytes &b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// A DWORD as a blob holds it: 4 bytes, little-endian.
inline Bytes Dword(uint32_t value) {
    Bytes out;
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(value >> (8 * i)));
    return out;
}

inline std::string ToHex(const uint8_t *bytes, size_t length) {
    static const char kDigits[] = "0123456789abcdef";
    std::string out;
    for (size_t i = 0; i < length; ++i) {
        out.push_back(kDigits[bytes[i] >> 4]);
        out.push_back(kDigits[bytes[i] & 0xF]);
    }
    return out;
}

inline std::string ToHex(const Bytes &bytes) { return ToHex(bytes.data(), bytes.size()); }

}  // namespace tinycapi::testing
