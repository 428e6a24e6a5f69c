// Hex text of CryptBinaryToString / CryptStringToBinary (text.hpp). Layouts and parsing rules
// are those Wine's dlls/crypt32/tests/base64.c checks on Windows (test_CryptBinaryToString's
// HEX/HEXRAW expectations, string_to_hex).
#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_ENCODING

#include "text.hpp"

namespace tinycapi::objects::formats {

namespace {

constexpr char kDigits[] = "0123456789abcdef";

void put_byte(BYTE byte, TextSink &sink) {
    sink.put(kDigits[byte >> 4]);
    sink.put(kDigits[byte & 15]);
}

bool is_separator(DWORD c) {
    return c == '-' || c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int digit_of(DWORD c) {
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
    return -1;
}

// The text's code units in order; the end reads as 0, and a NUL inside the text as a
// character no rule accepts (Windows rejects "01\0 02" given with its length).
class Reader {
public:
    explicit Reader(const Text &text) : text_(text) {}
    DWORD next() {
        if (at_ == text_.size()) return 0;
        const DWORD c = text_.at(at_++);
        return c != 0 ? c : 0xffff;
    }

private:
    const Text &text_;
    size_t at_ = 0;
};

}  // namespace

void render_hex(const BYTE *bytes, size_t count, DWORD flags, TextSink &sink) {
    const bool lines = (flags & CRYPT_STRING_NOCRLF) == 0;
    for (size_t i = 0; i < count; ++i) {
        put_byte(bytes[i], sink);
        if (i + 1 == count) break;
        if (lines) {
            if ((i + 1) % 16 == 0) {
                sink.put(line_end(flags));
                continue;
            }
            if ((i + 1) % 8 == 0) sink.put(' ');  // two spaces between the halves of a line
        }
        sink.put(' ');
    }
    sink.put(line_end(flags));
}

void render_hex_raw(const BYTE *bytes, size_t count, DWORD flags, TextSink &sink) {
    for (size_t i = 0; i < count; ++i) put_byte(bytes[i], sink);
    sink.put(line_end(flags));
}

HexResult decode_hex(const Text &text, BYTE *out, size_t capacity, size_t *count) {
    Reader reader(text);
    size_t parsed = 0;
    DWORD c;
    while ((c = reader.next()) != 0 && is_separator(c)) {
    }
    int high;
    while ((high = digit_of(c)) >= 0) {
        const int low = digit_of(reader.next());
        if (low < 0) {
            *count = parsed;
            return HexResult::invalid_data;
        }
        if (out != nullptr && parsed < capacity) out[parsed] = static_cast<BYTE>(high << 4 | low);
        ++parsed;
        // Between bytes Windows skips '-' and ','; tinycapi also skips white space, so the
        // "xx xx  xx" lines CryptBinaryToString writes read back (no Windows-validated string
        // has white space between bytes; docs/COMPATIBILITY.md).
        do {
            c = reader.next();
        } while (is_separator(c));
    }
    for (; c != 0; c = reader.next()) {
        if (!is_separator(c)) {
            *count = parsed;
            return HexResult::invalid_data;
        }
    }
    *count = parsed;
    return out != nullptr && parsed > capacity ? HexResult::more_data : HexResult::ok;
}

}  // namespace tinycapi::objects::formats

#endif  // TINYCAPI_ENABLE_ENCODING
