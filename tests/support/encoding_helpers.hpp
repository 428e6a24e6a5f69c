// CryptEncodeObjectEx / CryptDecodeObjectEx as the host tests use them: a size query, then
// the call into a buffer of that size (std::vector's storage is aligned for any structure).
#pragma once

#include <gtest/gtest.h>
#include <tinycapi/wincrypt.h>

#include <vector>

#include "test_bytes.hpp"

namespace tinycapi::testing {

constexpr DWORD kAsn = X509_ASN_ENCODING | PKCS_7_ASN_ENCODING;

inline Bytes EncodeObject(LPCSTR type, const void *info) {
    DWORD size = 0;
    EXPECT_TRUE(CryptEncodeObjectEx(kAsn, type, info, 0, nullptr, nullptr, &size)) << std::hex << GetLastError();
    Bytes out(size);
    EXPECT_TRUE(CryptEncodeObjectEx(kAsn, type, info, 0, nullptr, out.data(), &size)) << std::hex << GetLastError();
    out.resize(size);
    return out;
}

// The decoded structure's bytes, or an empty vector (and the error in GetLastError()).
inline std::vector<BYTE> DecodeObject(LPCSTR type, const Bytes &der) {
    DWORD size = 0;
    if (!CryptDecodeObjectEx(kAsn, type, der.data(), static_cast<DWORD>(der.size()), 0, nullptr, nullptr, &size)) {
        return {};
    }
    std::vector<BYTE> out(size);
    if (!CryptDecodeObjectEx(kAsn, type, der.data(), static_cast<DWORD>(der.size()), 0, nullptr, out.data(), &size)) {
        return {};
    }
    return out;
}

template <typename T>
const T &As(const std::vector<BYTE> &decoded) {
    return *reinterpret_cast<const T *>(decoded.data());
}

}  // namespace tinycapi::testing
