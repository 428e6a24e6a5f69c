// The caller's text for crypt32's string functions: char (A) or WCHAR (W) code units, read
// and written one at a time, so one codec serves both (CryptStringToBinaryA/W,
// CryptBinaryToStringA/W).
#pragma once

#include <stddef.h>

#include <tinycapi/wincrypt.h>

namespace tinycapi::objects::formats {

constexpr size_t kNotFound = static_cast<size_t>(-1);

// Read-only text of a known length (the API layer resolves cchString 0 to the NUL).
class Text {
public:
    Text(const char *text, size_t length) : narrow_(text), wide_(nullptr), length_(length) {}
    Text(const WCHAR *text, size_t length) : narrow_(nullptr), wide_(text), length_(length) {}

    size_t size() const { return length_; }
    bool is_wide() const { return wide_ != nullptr; }
    DWORD at(size_t index) const {
        return wide_ != nullptr ? static_cast<DWORD>(wide_[index])
                                : static_cast<DWORD>(static_cast<unsigned char>(narrow_[index]));
    }
    // First position in [from, to) where the ASCII `needle` starts, or kNotFound.
    size_t find(size_t from, size_t to, const char *needle) const;

private:
    const char *narrow_;
    const WCHAR *wide_;
    size_t length_;
};

// Where generated text goes: it always counts, and writes while there is room (a null
// destination only counts, for the size query).
class TextSink {
public:
    TextSink(char *out, size_t capacity) : narrow_(out), wide_(nullptr), capacity_(out ? capacity : 0) {}
    TextSink(WCHAR *out, size_t capacity) : narrow_(nullptr), wide_(out), capacity_(out ? capacity : 0) {}

    void put(char c) {
        if (length_ < capacity_) {
            if (wide_ != nullptr) {
                wide_[length_] = static_cast<WCHAR>(static_cast<unsigned char>(c));
            } else {
                narrow_[length_] = c;
            }
        }
        ++length_;
    }
    void put(const char *text) {
        while (*text != '\0') put(*text++);
    }
    size_t length() const { return length_; }

private:
    char *narrow_;
    WCHAR *wide_;
    size_t capacity_;
    size_t length_ = 0;
};

// The line end CryptBinaryToString writes: "\r\n", "\n" with CRYPT_STRING_NOCR, none with
// CRYPT_STRING_NOCRLF.
const char *line_end(DWORD flags);

// ---- base64 (base64_text.cpp) ------------------------------------------------------------

// The PEM label CryptBinaryToString writes for a base64 format ("CERTIFICATE", ...), or
// nullptr for plain CRYPT_STRING_BASE64.
const char *pem_label(DWORD format);

// Base64 in lines of 64 characters, each ended by line_end(flags), between
// "-----BEGIN <label>-----" and "-----END <label>-----" lines when label is not null.
void render_base64(const BYTE *bytes, size_t count, const char *label, DWORD flags, TextSink &sink);

// Decodes the base64 in [begin, end): whitespace anywhere; the first '=' ends the data (it
// must complete a 4-character group); a last group of 1-3 characters gives its whole bytes
// (reference: Wine's dlls/crypt32/tests/base64.c, which runs on Windows). Writes to `out`
// when it is not null; *count receives the byte count. false: not base64 (ERROR_INVALID_DATA).
bool decode_base64(const Text &text, size_t begin, size_t end, BYTE *out, size_t *count);

// Locates "-----BEGIN <anything>-----" ... "-----END <anything>-----": *skip is where the
// header starts, [*begin, *end) the base64 between. false when either line is missing.
bool find_pem_body(const Text &text, size_t *skip, size_t *begin, size_t *end);

// ---- hex (hex_text.cpp) --------------------------------------------------------------------

// CRYPT_STRING_HEX: "xx xx ... xx  xx ... xx" 16 bytes a line, or one line of single-spaced
// bytes with CRYPT_STRING_NOCRLF; each line ended by line_end(flags).
void render_hex(const BYTE *bytes, size_t count, DWORD flags, TextSink &sink);
// CRYPT_STRING_HEXRAW: the digits alone, then line_end(flags).
void render_hex_raw(const BYTE *bytes, size_t count, DWORD flags, TextSink &sink);

enum class HexResult { ok, invalid_data, more_data };

// The dump layouts: CRYPT_STRING_HEXADDR, CRYPT_STRING_HEXASCII and CRYPT_STRING_HEXASCIIADDR.
struct HexDumpLayout {
    bool address;  // each line starts with the offset of its first byte
    bool ascii;    // each line ends with its bytes as characters
};
// The layout of `format`; false when it is not a dump format.
bool hex_dump_layout(DWORD format, HexDumpLayout *layout);

// 16 bytes a line laid out as CRYPT_STRING_HEX lays them out, preceded by the offset (at least
// four lowercase hex digits, then four spaces) and/or followed by the ASCII column (the hex
// padded to 48 columns, three spaces, then each byte as itself when printable, else '.').
// Lines are separated by line_end(flags) (a bare '\n' with CRYPT_STRING_NOCRLF) and the last one
// ends with line_end(flags).
void render_hex_dump(const BYTE *bytes, size_t count, DWORD flags, HexDumpLayout layout, TextSink &sink);

// Reads what render_hex_dump writes: per line an offset of 4 to 8 hex digits (not checked
// against the position), up to 16 two-digit bytes separated by blanks, and with `ascii` a
// character column that starts 51 columns after the first byte and is ignored. Blank lines are
// skipped. Buffer rules and results as decode_hex.
HexResult decode_hex_dump(const Text &text, HexDumpLayout layout, BYTE *out, size_t capacity, size_t *count);

// CryptStringToBinary's CRYPT_STRING_HEX, as Windows does it: separators ' ', '\t', '\r',
// '\n', ',' and '-' around bytes, two digits a byte with nothing inside; bytes are stored as they are parsed while
// they fit `capacity` (Windows leaves the ones before an error in the buffer). *count receives
// the number of bytes parsed. Returns none, invalid_data or more_data.
HexResult decode_hex(const Text &text, BYTE *out, size_t capacity, size_t *count);

}  // namespace tinycapi::objects::formats
