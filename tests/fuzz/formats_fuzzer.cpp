// Key-format fuzzer (issue 12): the first byte picks a crypt32 structure type or a string
// format, the rest is the encoding or text. A DER input that decodes must encode again, and
// that encoding must decode and encode to itself (no half-parsed value survives); a text input
// is decoded in every format, and arbitrary bytes written as text read back unchanged. No
// crash, no sanitizer report, and every FALSE is one of the functions' documented errors.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include <vector>

#include <tinycapi/port_mock.h>
#include <tinycapi/wincrypt.h>

namespace {

constexpr DWORD kAsn = X509_ASN_ENCODING | PKCS_7_ASN_ENCODING;
constexpr uint32_t kTypes[] = {8, 19, 25, 27, 28, 38, 43, 44, 74};  // structures.cpp's list

void Check(bool condition) {
    if (!condition) abort();
}

bool IsDecodeError(DWORD error) { return (error & 0xFFFFFF00u) == 0x80093100u || error == E_INVALIDARG; }

std::vector<BYTE> Decode(LPCSTR type, const BYTE *data, size_t size) {
    DWORD needed = 0;
    if (!CryptDecodeObjectEx(kAsn, type, data, static_cast<DWORD>(size), 0, nullptr, nullptr, &needed)) {
        Check(IsDecodeError(GetLastError()));
        return {};
    }
    std::vector<BYTE> out(needed + 16, 0xa5);
    DWORD size_given = needed;
    Check(CryptDecodeObjectEx(kAsn, type, data, static_cast<DWORD>(size), 0, nullptr, out.data(), &size_given));
    Check(size_given == needed);
    for (size_t i = needed; i < out.size(); ++i) Check(out[i] == 0xa5);  // nothing past the size
    out.resize(needed);
    return out;
}

std::vector<BYTE> Encode(LPCSTR type, const void *info) {
    DWORD needed = 0;
    if (!CryptEncodeObjectEx(kAsn, type, info, 0, nullptr, nullptr, &needed)) {
        Check(IsDecodeError(GetLastError()));
        return {};
    }
    std::vector<BYTE> out(needed);
    Check(CryptEncodeObjectEx(kAsn, type, info, 0, nullptr, out.data(), &needed));
    Check(needed == out.size());
    return out;
}

void FuzzStructure(LPCSTR type, const BYTE *data, size_t size) {
    const std::vector<BYTE> decoded = Decode(type, data, size);
    if (decoded.empty()) return;
    const std::vector<BYTE> encoded = Encode(type, decoded.data());
    if (encoded.empty()) return;  // e.g. a decoded OID string longer arcs than encodable: an error, not a crash
    const std::vector<BYTE> again = Decode(type, encoded.data(), encoded.size());
    Check(!again.empty());
    Check(Encode(type, again.data()) == encoded);
}

void FuzzText(const BYTE *data, size_t size) {
    const std::string text(reinterpret_cast<const char *>(data), size);
    const std::wstring wide(text.begin(), text.end());
    for (DWORD format = 0; format <= 13; ++format) {
        BYTE out[256];
        DWORD length = sizeof out, skip = 0, used = 0;
        if (!CryptStringToBinaryA(text.c_str(), static_cast<DWORD>(size), format, out, &length, &skip, &used)) {
            const DWORD e = GetLastError();
            Check(e == ERROR_INVALID_DATA || e == ERROR_MORE_DATA || e == ERROR_INVALID_PARAMETER);
        }
        length = sizeof out;
        if (!CryptStringToBinaryW(wide.c_str(), static_cast<DWORD>(size), format, out, &length, &skip, &used)) {
            const DWORD e = GetLastError();
            Check(e == ERROR_INVALID_DATA || e == ERROR_MORE_DATA || e == ERROR_INVALID_PARAMETER);
        }
    }
    if (size == 0) return;
    for (DWORD format : {DWORD{CRYPT_STRING_BASE64}, DWORD{CRYPT_STRING_BASE64HEADER}, DWORD{CRYPT_STRING_HEX},
                         DWORD{CRYPT_STRING_HEXRAW}}) {
        for (DWORD line : {DWORD{0}, DWORD{CRYPT_STRING_NOCR}, DWORD{CRYPT_STRING_NOCRLF}}) {
            DWORD length = 0;
            Check(CryptBinaryToStringA(data, static_cast<DWORD>(size), format | line, nullptr, &length));
            std::vector<char> encoded(length);
            Check(CryptBinaryToStringA(data, static_cast<DWORD>(size), format | line, encoded.data(), &length));
            std::vector<BYTE> back(size);
            DWORD back_length = static_cast<DWORD>(size);
            const DWORD decode_format = format == CRYPT_STRING_HEXRAW ? DWORD{CRYPT_STRING_HEX} : format;
            Check(CryptStringToBinaryA(encoded.data(), length, decode_format, back.data(), &back_length, nullptr, nullptr));
            Check(back_length == size && memcmp(back.data(), data, size) == 0);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static bool initialised = false;
    if (!initialised) {
        tinycapi_mock_reset(0x7153'2024'0012ull);
        initialised = true;
    }
    if (size == 0) return 0;
    const uint8_t selector = data[0] % (sizeof kTypes / sizeof kTypes[0] + 1);
    if (selector < sizeof kTypes / sizeof kTypes[0]) {
        FuzzStructure(TINYCAPI_STRUCT_TYPE(kTypes[selector]), data + 1, size - 1);
    } else {
        FuzzText(data + 1, size - 1);
    }
    return 0;
}
