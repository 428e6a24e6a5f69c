// Hex text of CryptBinaryToString / CryptStringToBinary (text.hpp). Layouts and parsing rules
// are those Wine's dlls/crypt32/tests/base64.c checks on Windows (test_CryptBinaryToString's
// HEX/HEXRAW expectations, string_to_hex). Wine has no Windows answer for the dump layouts
// (HEXADDR, HEXASCII, HEXASCIIADDR); theirs follows the columns of Windows' output as the
// SysadminsLV Asn1Parser tests reproduce them (docs/COMPATIBILITY.md).
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

namespace {

constexpr size_t kDumpBytesPerLine = 16;
constexpr size_t kDumpHexColumns = 48;    // 16 bytes, 15 blanks and the blank between the halves
constexpr size_t kDumpAsciiGap = 3;       // blanks between the hex and the ASCII column
constexpr size_t kAddressMinDigits = 4;
constexpr size_t kAddressMaxDigits = 8;

void put_address(size_t offset, TextSink &sink) {
    size_t digits = kAddressMinDigits;
    while (digits < 2 * sizeof offset && (offset >> (4 * digits)) != 0) ++digits;
    while (digits-- > 0) sink.put(kDigits[(offset >> (4 * digits)) & 15]);
}

bool is_blank(DWORD c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

bool hex_dump_layout(DWORD format, HexDumpLayout *layout) {
    switch (format) {
        case CRYPT_STRING_HEXADDR: *layout = {true, false}; return true;
        case CRYPT_STRING_HEXASCII: *layout = {false, true}; return true;
        case CRYPT_STRING_HEXASCIIADDR: *layout = {true, true}; return true;
        default: return false;
    }
}

void render_hex_dump(const BYTE *bytes, size_t count, DWORD flags, HexDumpLayout layout, TextSink &sink) {
    // A dump is read line by line, so CRYPT_STRING_NOCRLF keeps a bare '\n' between lines.
    const bool no_line_end = (flags & CRYPT_STRING_NOCRLF) != 0;
    const char *separator = no_line_end ? "\n" : line_end(flags);
    for (size_t first = 0; first < count; first += kDumpBytesPerLine) {
        if (first != 0) sink.put(separator);
        const size_t in_line = count - first < kDumpBytesPerLine ? count - first : kDumpBytesPerLine;
        if (layout.address) {
            put_address(first, sink);
            sink.put("    ");
        }
        size_t column = 0;
        for (size_t i = 0; i < in_line; ++i) {
            if (i != 0) {
                sink.put(' ');
                ++column;
            }
            if (i == kDumpBytesPerLine / 2) {
                sink.put(' ');
                ++column;
            }
            put_byte(bytes[first + i], sink);
            column += 2;
        }
        if (layout.ascii) {
            for (; column < kDumpHexColumns + kDumpAsciiGap; ++column) sink.put(' ');
            for (size_t i = 0; i < in_line; ++i) {
                const BYTE b = bytes[first + i];
                sink.put(b >= 0x20 && b < 0x7f ? static_cast<char>(b) : '.');
            }
        }
    }
    if (!no_line_end) sink.put(line_end(flags));
}

HexResult decode_hex_dump(const Text &text, HexDumpLayout layout, BYTE *out, size_t capacity, size_t *count) {
    size_t parsed = 0;
    size_t at = 0;
    const size_t size = text.size();
    auto fail = [&] {
        *count = parsed;
        return HexResult::invalid_data;
    };
    while (at < size) {
        size_t line_end_at = at;
        while (line_end_at < size && text.at(line_end_at) != '\n') ++line_end_at;
        while (at < line_end_at && is_blank(text.at(at))) ++at;
        if (at < line_end_at && layout.address) {
            size_t digits = 0;
            while (at < line_end_at && digit_of(text.at(at)) >= 0) {
                ++at;
                ++digits;
            }
            if (digits < kAddressMinDigits || digits > kAddressMaxDigits) return fail();
            if (at < line_end_at && !is_blank(text.at(at))) return fail();
            while (at < line_end_at && is_blank(text.at(at))) ++at;
        }
        // The hex ends where the ASCII column starts, or with the line.
        size_t hex_end = line_end_at;
        if (layout.ascii && line_end_at - at > kDumpHexColumns) hex_end = at + kDumpHexColumns;
        size_t in_line = 0;
        while (true) {
            while (at < hex_end && is_blank(text.at(at))) ++at;
            if (at == hex_end) break;
            if (hex_end - at < 2) return fail();
            const int high = digit_of(text.at(at));
            const int low = digit_of(text.at(at + 1));
            if (high < 0 || low < 0 || ++in_line > kDumpBytesPerLine) return fail();
            at += 2;
            if (at < hex_end && !is_blank(text.at(at))) return fail();
            if (out != nullptr && parsed < capacity) out[parsed] = static_cast<BYTE>(high << 4 | low);
            ++parsed;
        }
        at = line_end_at + 1;  // the ASCII column, whatever it holds, and the '\n'
    }
    *count = parsed;
    return out != nullptr && parsed > capacity ? HexResult::more_data : HexResult::ok;
}

}  // namespace tinycapi::objects::formats

#endif  // TINYCAPI_ENABLE_ENCODING
