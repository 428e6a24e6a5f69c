#include "wide_text.hpp"

#include <stdint.h>

namespace tinycapi::api {
namespace {

constexpr uint32_t kReplacement = 0xFFFD;

// One code point from a wchar_t string; lone surrogates become U+FFFD.
uint32_t next_code_point(const WCHAR *&text) {
    uint32_t unit = static_cast<uint32_t>(*text++);  // NOLINT(bugprone-signed-char-misuse,cert-str34-c): a wchar_t code unit, not a char; a negative one lands above 0x10FFFF and becomes U+FFFD
    if (sizeof(WCHAR) == 2 && unit >= 0xD800 && unit <= 0xDBFF) {
        const uint32_t low = static_cast<uint32_t>(*text);  // NOLINT(bugprone-signed-char-misuse,cert-str34-c): a wchar_t code unit; only 0xDC00..0xDFFF is used
        if (low >= 0xDC00 && low <= 0xDFFF) {
            ++text;
            return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        }
        return kReplacement;
    }
    if ((unit >= 0xD800 && unit <= 0xDFFF) || unit > 0x10FFFF) return kReplacement;
    return unit;
}

size_t encode_utf8(uint32_t cp, char out[4]) {
    if (cp < 0x80) {
        out[0] = static_cast<char>(cp);
        return 1;
    }
    if (cp < 0x800) {
        out[0] = static_cast<char>(0xC0 | (cp >> 6));
        out[1] = static_cast<char>(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = static_cast<char>(0xE0 | (cp >> 12));
        out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out[2] = static_cast<char>(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = static_cast<char>(0xF0 | (cp >> 18));
    out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (cp & 0x3F));
    return 4;
}

}  // namespace

objects::TextArgument to_utf8(const WCHAR *text, char *buffer, size_t capacity) {
    if (text == nullptr) return {nullptr, false};
    size_t used = 0;
    while (*text != 0) {
        char bytes[4];
        const size_t n = encode_utf8(next_code_point(text), bytes);
        if (used + n >= capacity) return {buffer, true};  // keep room for the NUL
        for (size_t i = 0; i < n; ++i) buffer[used++] = bytes[i];
    }
    buffer[used] = '\0';
    return {buffer, false};
}

}  // namespace tinycapi::api
