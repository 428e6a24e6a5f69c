// Base64 and PEM text of CryptBinaryToString / CryptStringToBinary (text.hpp).
#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_ENCODING

#include "text.hpp"

namespace tinycapi::objects::formats {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr size_t kCharactersPerLine = 64;

bool is_space(DWORD c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

int value_of(DWORD c) {
    if (c >= 'A' && c <= 'Z') return static_cast<int>(c - 'A');
    if (c >= 'a' && c <= 'z') return static_cast<int>(c - 'a' + 26);
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0' + 52);
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

}  // namespace

size_t Text::find(size_t from, size_t to, const char *needle) const {
    size_t needle_length = 0;
    while (needle[needle_length] != '\0') ++needle_length;
    if (to > length_) to = length_;
    for (size_t at = from; at + needle_length <= to; ++at) {
        size_t i = 0;
        while (i < needle_length && this->at(at + i) == static_cast<unsigned char>(needle[i])) ++i;
        if (i == needle_length) return at;
    }
    return kNotFound;
}

const char *line_end(DWORD flags) {
    if (flags & CRYPT_STRING_NOCRLF) return "";
    if (flags & CRYPT_STRING_NOCR) return "\n";
    return "\r\n";
}

const char *pem_label(DWORD format) {
    switch (format) {
        case CRYPT_STRING_BASE64HEADER: return "CERTIFICATE";
        case CRYPT_STRING_BASE64REQUESTHEADER: return "NEW CERTIFICATE REQUEST";
        case CRYPT_STRING_BASE64X509CRLHEADER: return "X509 CRL";
        default: return nullptr;
    }
}

void render_base64(const BYTE *bytes, size_t count, const char *label, DWORD flags, TextSink &sink) {
    const char *end_of_line = line_end(flags);
    if (label != nullptr) {
        sink.put("-----BEGIN ");
        sink.put(label);
        sink.put("-----");
        sink.put(end_of_line);
    }
    size_t on_line = 0;
    for (size_t i = 0; i < count; i += 3) {
        const size_t left = count - i;
        const DWORD group = static_cast<DWORD>(bytes[i]) << 16 |
                            (left > 1 ? static_cast<DWORD>(bytes[i + 1]) << 8 : 0) |
                            (left > 2 ? static_cast<DWORD>(bytes[i + 2]) : 0);
        sink.put(kAlphabet[(group >> 18) & 63]);
        sink.put(kAlphabet[(group >> 12) & 63]);
        sink.put(left > 1 ? kAlphabet[(group >> 6) & 63] : '=');
        sink.put(left > 2 ? kAlphabet[group & 63] : '=');
        on_line += 4;
        if (on_line == kCharactersPerLine) {
            sink.put(end_of_line);
            on_line = 0;
        }
    }
    if (on_line != 0) sink.put(end_of_line);
    if (label != nullptr) {
        sink.put("-----END ");
        sink.put(label);
        sink.put("-----");
        sink.put(end_of_line);
    }
}

bool decode_base64(const Text &text, size_t begin, size_t end, BYTE *out, size_t *count) {
    size_t produced = 0;
    DWORD group = 0;
    int in_group = 0;
    auto emit = [&](DWORD byte) {
        if (out != nullptr) out[produced] = static_cast<BYTE>(byte);
        ++produced;
    };
    for (size_t i = begin; i < end; ++i) {
        const DWORD c = text.at(i);
        if (is_space(c)) continue;
        if (c == '=') {
            // Padding must complete the group it ends ("V=" is rejected, "V===" is "T"); what
            // follows it is not read (Wine's base64.c: "V===VVVV" gives "T").
            int padding = 0;
            for (size_t j = i; j < end && (text.at(j) == '=' || is_space(text.at(j))); ++j) {
                if (text.at(j) == '=') ++padding;
            }
            if (in_group != 0 && in_group + padding < 4) return false;
            break;
        }
        const int value = value_of(c);
        if (value < 0) return false;
        group = group << 6 | static_cast<DWORD>(value);
        if (++in_group == 4) {
            emit(group >> 16);
            emit(group >> 8);
            emit(group);
            group = 0;
            in_group = 0;
        }
    }
    // A short last group gives its whole bytes; one character gives one (Windows: "V" is "T").
    switch (in_group) {
        case 1: emit(group << 2); break;
        case 2: emit(group >> 4); break;
        case 3:
            emit(group >> 10);
            emit(group >> 2);
            break;
        default: break;
    }
    *count = produced;
    return true;
}

bool find_pem_body(const Text &text, size_t *skip, size_t *begin, size_t *end) {
    const size_t size = text.size();
    const size_t header = text.find(0, size, "-----BEGIN ");
    if (header == kNotFound) return false;
    const size_t header_close = text.find(header + 11, size, "-----");
    if (header_close == kNotFound) return false;
    const size_t body = header_close + 5;
    const size_t trailer = text.find(body, size, "-----END ");
    if (trailer == kNotFound) return false;
    if (text.find(trailer + 9, size, "-----") == kNotFound) return false;
    *skip = header;
    *begin = body;
    *end = trailer;
    return true;
}

}  // namespace tinycapi::objects::formats

#endif  // TINYCAPI_ENABLE_ENCODING
