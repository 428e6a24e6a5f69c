// CryptStringToBinaryA/W and CryptBinaryToStringA/W: checks and size rules in Windows' order;
// the text formats themselves are in core/objects/formats (text.hpp). Windows' behaviour comes
// from Wine's dlls/crypt32/tests/base64.c, which runs on Windows; docs/COMPATIBILITY.md ("Keys
// in standard formats") lists what tinycapi decides where Windows is not recorded.
#include "tinycapi_config.h"

#include "api_result.hpp"

#if TINYCAPI_ENABLE_ENCODING

#include <string.h>

#include "objects/formats/text.hpp"

using namespace tinycapi::api;
using tinycapi::objects::formats::HexResult;
using tinycapi::objects::formats::Text;
using tinycapi::objects::formats::TextSink;
namespace formats = tinycapi::objects::formats;

namespace {

size_t text_length(const char *text) { return strlen(text); }
size_t text_length(const WCHAR *text) {
    size_t length = 0;
    while (text[length] != 0) ++length;
    return length;
}

// Decodes base64 into the caller's buffer: a size query, ERROR_MORE_DATA without touching
// buffer or length when it is short (Wine's base64.c, "Too small buffer"), or the bytes.
BOOL finish_base64(const Text &text, size_t begin, size_t end, BYTE *out, DWORD *out_length, DWORD skipped,
                   DWORD used_format, DWORD *skip, DWORD *format) {
    size_t count = 0;
    if (!formats::decode_base64(text, begin, end, nullptr, &count)) return fail(Error::invalid_data);
    if (out != nullptr) {
        if (count > *out_length) return fail(Error::more_data);
        formats::decode_base64(text, begin, end, out, &count);
    }
    *out_length = static_cast<DWORD>(count);
    if (skip != nullptr) *skip = skipped;
    if (format != nullptr) *format = used_format;
    return TRUE;
}

template <typename Char>
BOOL string_to_binary(const char *entry_point, const Char *string, DWORD length, DWORD flags, BYTE *out, DWORD *out_length, DWORD *skip,
                      DWORD *used_format) {
    if (Error e = ensure_port(entry_point); e != Error::none) return fail(e);
    if (string == nullptr || out_length == nullptr) return fail(Error::invalid_parameter);
    const bool wide = sizeof(Char) != 1;
    const size_t characters = length != 0 ? length : text_length(string);
    const Text text(string, characters);
    size_t skipped = 0, begin = 0, end = 0;
    switch (flags) {  // the whole value: CRYPT_STRING_NOCR and other bits are not formats here
        case CRYPT_STRING_BASE64:
            return finish_base64(text, 0, characters, out, out_length, 0, flags, skip, used_format);
        case CRYPT_STRING_BASE64HEADER:
        case CRYPT_STRING_BASE64REQUESTHEADER:
        case CRYPT_STRING_BASE64X509CRLHEADER:
            if (!formats::find_pem_body(text, &skipped, &begin, &end)) return fail(Error::invalid_data);
            return finish_base64(text, begin, end, out, out_length, static_cast<DWORD>(skipped), flags, skip,
                                 used_format);
        case CRYPT_STRING_BASE64_ANY:
        case CRYPT_STRING_ANY: {
            if (formats::find_pem_body(text, &skipped, &begin, &end)) {
                return finish_base64(text, begin, end, out, out_length, static_cast<DWORD>(skipped),
                                     CRYPT_STRING_BASE64HEADER, skip, used_format);
            }
            size_t count = 0;
            if (formats::decode_base64(text, 0, characters, nullptr, &count) || flags == CRYPT_STRING_BASE64_ANY) {
                return finish_base64(text, 0, characters, out, out_length, 0, CRYPT_STRING_BASE64, skip,
                                     used_format);
            }
        }
            [[fallthrough]];  // CRYPT_STRING_ANY: what is not base64 is taken as it is
        case CRYPT_STRING_BINARY: {
            const size_t bytes = characters * sizeof(Char);
            if (bytes > 0xffffffffu) return fail(Error::invalid_parameter);
            if (out != nullptr) {
                if (bytes > *out_length) return fail(Error::more_data);
                memcpy(out, string, bytes);
            }
            *out_length = static_cast<DWORD>(bytes);
            if (skip != nullptr) *skip = 0;
            if (used_format != nullptr) *used_format = CRYPT_STRING_BINARY;
            return TRUE;
        }
        case CRYPT_STRING_HEX:
        case CRYPT_STRING_HEXRAW:
        case CRYPT_STRING_HEX_ANY:
        case CRYPT_STRING_HEXADDR:
        case CRYPT_STRING_HEXASCII:
        case CRYPT_STRING_HEXASCIIADDR: {
            // Wine's base64.c (string_to_hex): an empty wide string is a bad parameter; skip and
            // format are cleared first and stay cleared on failure; a short buffer keeps the
            // bytes that fitted and its length; a failed size query reports 0. The dump
            // layouts follow the same rules (docs/COMPATIBILITY.md).
            if (wide && characters == 0) return fail(Error::invalid_parameter);
            if (skip != nullptr) *skip = 0;
            if (used_format != nullptr) *used_format = 0;
            size_t count = 0;
            formats::HexDumpLayout dump{};
            const bool is_dump = formats::hex_dump_layout(flags, &dump);
            const HexResult result = is_dump ? formats::decode_hex_dump(text, dump, out, *out_length, &count)
                                             : formats::decode_hex(text, out, *out_length, &count);
            switch (result) {
                case HexResult::invalid_data:
                    if (out == nullptr) *out_length = 0;
                    return fail(Error::invalid_data);
                case HexResult::more_data: return fail(Error::more_data);
                case HexResult::ok: break;
            }
            *out_length = static_cast<DWORD>(count);
            if (used_format != nullptr) *used_format = is_dump ? flags : DWORD{CRYPT_STRING_HEX};
            return TRUE;
        }
        default: return fail(Error::invalid_data);
    }
}

constexpr DWORD kLongestInput = 0x30000000;  // its longest text (a dump, < 5 characters a byte) fits a DWORD

template <typename Char>
BOOL binary_to_string(const char *entry_point, const BYTE *binary, DWORD count, DWORD flags, Char *out, DWORD *out_length) {
    if (Error e = ensure_port(entry_point); e != Error::none) return fail(e);
    if (out_length == nullptr || binary == nullptr) return fail(Error::invalid_parameter);
    if (count > kLongestInput) return fail(Error::invalid_parameter);
    const DWORD format = flags & CRYPT_STRING_ENCODEMASK;
    if (format == CRYPT_STRING_BINARY) {
        // The bytes themselves, counted in bytes for W too (Wine's base64.c checks Windows).
        if (out != nullptr) {
            if (*out_length < count) {
                *out_length = count;
                return fail(Error::more_data);
            }
            memcpy(out, binary, count);
        }
        *out_length = count;
        return TRUE;
    }
    const bool base64 = format == CRYPT_STRING_BASE64 || formats::pem_label(format) != nullptr;
    formats::HexDumpLayout dump{};
    const bool is_dump = formats::hex_dump_layout(format, &dump);
    if (!base64 && !is_dump && format != CRYPT_STRING_HEX && format != CRYPT_STRING_HEXRAW) {
        return fail(Error::invalid_parameter);
    }
    auto render = [&](TextSink &sink) {
        if (is_dump) {
            formats::render_hex_dump(binary, count, flags, dump, sink);
        } else if (base64) {
            formats::render_base64(binary, count, formats::pem_label(format), flags, sink);
        } else if (format == CRYPT_STRING_HEX) {
            formats::render_hex(binary, count, flags, sink);
        } else {
            formats::render_hex_raw(binary, count, flags, sink);
        }
    };
    TextSink counter(static_cast<Char *>(nullptr), 0);
    render(counter);
    const DWORD needed = static_cast<DWORD>(counter.length() + 1);  // with the NUL
    if (out == nullptr) {
        *out_length = needed;
        return TRUE;
    }
    if (*out_length < needed) {
        if (base64) {
            // Windows reports the size; the A form has written what fitted, W nothing
            // (Wine's base64.c, "Partially filled output buffer").
            if (sizeof(Char) == 1) {
                TextSink partial(out, *out_length);
                render(partial);
            }
            *out_length = needed;
        } else if (format == CRYPT_STRING_HEXRAW && sizeof(Char) == 1 && *out_length >= 3) {
            // HEXRAW's A form keeps the whole bytes that fit, then a NUL; the length stays.
            const DWORD whole_bytes = (*out_length - 1) / 2;
            TextSink partial(out, whole_bytes * 2);
            formats::render_hex_raw(binary, whole_bytes, CRYPT_STRING_NOCRLF, partial);
            out[static_cast<size_t>(whole_bytes) * 2] = 0;
        }
        return fail(Error::more_data);
    }
    TextSink sink(out, needed);
    render(sink);
    out[needed - 1] = 0;
    *out_length = needed - 1;
    return TRUE;
}

}  // namespace

extern "C" {

BOOL WINAPI CryptStringToBinaryA(LPCSTR pszString, DWORD cchString, DWORD dwFlags, BYTE *pbBinary,
                                 DWORD *pcbBinary, DWORD *pdwSkip, DWORD *pdwFlags) {
    return string_to_binary(__func__, pszString, cchString, dwFlags, pbBinary, pcbBinary, pdwSkip, pdwFlags);
}

BOOL WINAPI CryptStringToBinaryW(LPCWSTR pszString, DWORD cchString, DWORD dwFlags, BYTE *pbBinary,
                                 DWORD *pcbBinary, DWORD *pdwSkip, DWORD *pdwFlags) {
    return string_to_binary(__func__, pszString, cchString, dwFlags, pbBinary, pcbBinary, pdwSkip, pdwFlags);
}

BOOL WINAPI CryptBinaryToStringA(const BYTE *pbBinary, DWORD cbBinary, DWORD dwFlags, LPSTR pszString,
                                 DWORD *pcchString) {
    return binary_to_string(__func__, pbBinary, cbBinary, dwFlags, pszString, pcchString);
}

BOOL WINAPI CryptBinaryToStringW(const BYTE *pbBinary, DWORD cbBinary, DWORD dwFlags, LPWSTR pszString,
                                 DWORD *pcchString) {
    return binary_to_string(__func__, pbBinary, cbBinary, dwFlags, pszString, pcchString);
}

}  // extern "C"

#else  // !TINYCAPI_ENABLE_ENCODING

using namespace tinycapi::api;

extern "C" {

BOOL WINAPI CryptStringToBinaryA(LPCSTR, DWORD, DWORD, BYTE *, DWORD *, DWORD *, DWORD *) {
    return fail(Error::not_implemented);
}
BOOL WINAPI CryptStringToBinaryW(LPCWSTR, DWORD, DWORD, BYTE *, DWORD *, DWORD *, DWORD *) {
    return fail(Error::not_implemented);
}
BOOL WINAPI CryptBinaryToStringA(const BYTE *, DWORD, DWORD, LPSTR, DWORD *) { return fail(Error::not_implemented); }
BOOL WINAPI CryptBinaryToStringW(const BYTE *, DWORD, DWORD, LPWSTR, DWORD *) { return fail(Error::not_implemented); }

}  // extern "C"

#endif  // TINYCAPI_ENABLE_ENCODING
