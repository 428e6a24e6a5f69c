// GoogleMock's mock of the CryptoAPI (crypto_api.hpp), and the action a failing Windows call
// needs: FailWith(NTE_BAD_KEY) sets the thread's last error and returns FALSE.
//
//   tinycapi::testing::MockCryptoApi api;
//   tinycapi::testing::ScopedCryptoApi installed(api);
//   EXPECT_CALL(api, CryptDecrypt(_, 0, TRUE, 0, _, _)).WillOnce(FailWith(NTE_BAD_DATA));
#pragma once

#include <gmock/gmock.h>

#include <tinycapi/testing/crypto_api.hpp>

namespace tinycapi::testing {

class MockCryptoApi : public CryptoApi {
public:
    MOCK_METHOD(BOOL, CryptAcquireContextA, (HCRYPTPROV *, LPCSTR, LPCSTR, DWORD, DWORD), (override));
    MOCK_METHOD(BOOL, CryptAcquireContextW, (HCRYPTPROV *, LPCWSTR, LPCWSTR, DWORD, DWORD), (override));
    MOCK_METHOD(BOOL, CryptReleaseContext, (HCRYPTPROV, DWORD), (override));
    MOCK_METHOD(BOOL, CryptContextAddRef, (HCRYPTPROV, DWORD *, DWORD), (override));
    MOCK_METHOD(BOOL, CryptGenRandom, (HCRYPTPROV, DWORD, BYTE *), (override));
    MOCK_METHOD(BOOL, CryptGetProvParam, (HCRYPTPROV, DWORD, BYTE *, DWORD *, DWORD), (override));
    MOCK_METHOD(BOOL, CryptSetProvParam, (HCRYPTPROV, DWORD, const BYTE *, DWORD), (override));
    MOCK_METHOD(BOOL, CryptCreateHash, (HCRYPTPROV, ALG_ID, HCRYPTKEY, DWORD, HCRYPTHASH *), (override));
    MOCK_METHOD(BOOL, CryptHashData, (HCRYPTHASH, const BYTE *, DWORD, DWORD), (override));
    MOCK_METHOD(BOOL, CryptGetHashParam, (HCRYPTHASH, DWORD, BYTE *, DWORD *, DWORD), (override));
    MOCK_METHOD(BOOL, CryptSetHashParam, (HCRYPTHASH, DWORD, const BYTE *, DWORD), (override));
    MOCK_METHOD(BOOL, CryptDuplicateHash, (HCRYPTHASH, DWORD *, DWORD, HCRYPTHASH *), (override));
    MOCK_METHOD(BOOL, CryptDestroyHash, (HCRYPTHASH), (override));
    MOCK_METHOD(BOOL, CryptHashSessionKey, (HCRYPTHASH, HCRYPTKEY, DWORD), (override));
    MOCK_METHOD(BOOL, CryptDeriveKey, (HCRYPTPROV, ALG_ID, HCRYPTHASH, DWORD, HCRYPTKEY *), (override));
    MOCK_METHOD(BOOL, CryptGenKey, (HCRYPTPROV, ALG_ID, DWORD, HCRYPTKEY *), (override));
    MOCK_METHOD(BOOL, CryptImportKey, (HCRYPTPROV, const BYTE *, DWORD, HCRYPTKEY, DWORD, HCRYPTKEY *), (override));
    MOCK_METHOD(BOOL, CryptExportKey, (HCRYPTKEY, HCRYPTKEY, DWORD, DWORD, BYTE *, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptEncrypt, (HCRYPTKEY, HCRYPTHASH, BOOL, DWORD, BYTE *, DWORD *, DWORD), (override));
    MOCK_METHOD(BOOL, CryptDecrypt, (HCRYPTKEY, HCRYPTHASH, BOOL, DWORD, BYTE *, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptGetKeyParam, (HCRYPTKEY, DWORD, BYTE *, DWORD *, DWORD), (override));
    MOCK_METHOD(BOOL, CryptSetKeyParam, (HCRYPTKEY, DWORD, const BYTE *, DWORD), (override));
    MOCK_METHOD(BOOL, CryptDuplicateKey, (HCRYPTKEY, DWORD *, DWORD, HCRYPTKEY *), (override));
    MOCK_METHOD(BOOL, CryptDestroyKey, (HCRYPTKEY), (override));
    MOCK_METHOD(BOOL, CryptGetUserKey, (HCRYPTPROV, DWORD, HCRYPTKEY *), (override));
    MOCK_METHOD(BOOL, CryptSignHashA, (HCRYPTHASH, DWORD, LPCSTR, DWORD, BYTE *, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptSignHashW, (HCRYPTHASH, DWORD, LPCWSTR, DWORD, BYTE *, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptVerifySignatureA, (HCRYPTHASH, const BYTE *, DWORD, HCRYPTKEY, LPCSTR, DWORD), (override));
    MOCK_METHOD(BOOL, CryptVerifySignatureW, (HCRYPTHASH, const BYTE *, DWORD, HCRYPTKEY, LPCWSTR, DWORD), (override));
    MOCK_METHOD(BOOL, CryptEnumProvidersA, (DWORD, DWORD *, DWORD, DWORD *, LPSTR, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptEnumProvidersW, (DWORD, DWORD *, DWORD, DWORD *, LPWSTR, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptEnumProviderTypesA, (DWORD, DWORD *, DWORD, DWORD *, LPSTR, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptEnumProviderTypesW, (DWORD, DWORD *, DWORD, DWORD *, LPWSTR, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptGetDefaultProviderA, (DWORD, DWORD *, DWORD, LPSTR, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptGetDefaultProviderW, (DWORD, DWORD *, DWORD, LPWSTR, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptSetProviderA, (LPCSTR, DWORD), (override));
    MOCK_METHOD(BOOL, CryptSetProviderW, (LPCWSTR, DWORD), (override));
    MOCK_METHOD(BOOL, CryptSetProviderExA, (LPCSTR, DWORD, DWORD *, DWORD), (override));
    MOCK_METHOD(BOOL, CryptSetProviderExW, (LPCWSTR, DWORD, DWORD *, DWORD), (override));
    MOCK_METHOD(BOOL, CryptStringToBinaryA, (LPCSTR, DWORD, DWORD, BYTE *, DWORD *, DWORD *, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptStringToBinaryW, (LPCWSTR, DWORD, DWORD, BYTE *, DWORD *, DWORD *, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptBinaryToStringA, (const BYTE *, DWORD, DWORD, LPSTR, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptBinaryToStringW, (const BYTE *, DWORD, DWORD, LPWSTR, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptEncodeObjectEx, (DWORD, LPCSTR, const void *, DWORD, PCRYPT_ENCODE_PARA, void *, DWORD *),
                (override));
    MOCK_METHOD(BOOL, CryptEncodeObject, (DWORD, LPCSTR, const void *, BYTE *, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptDecodeObjectEx,
                (DWORD, LPCSTR, const BYTE *, DWORD, DWORD, PCRYPT_DECODE_PARA, void *, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptDecodeObject, (DWORD, LPCSTR, const BYTE *, DWORD, DWORD, void *, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptImportPublicKeyInfo, (HCRYPTPROV, DWORD, PCERT_PUBLIC_KEY_INFO, HCRYPTKEY *), (override));
    MOCK_METHOD(BOOL, CryptImportPublicKeyInfoEx,
                (HCRYPTPROV, DWORD, PCERT_PUBLIC_KEY_INFO, ALG_ID, DWORD, void *, HCRYPTKEY *), (override));
    MOCK_METHOD(BOOL, CryptExportPublicKeyInfo,
                (HCRYPTPROV_OR_NCRYPT_KEY_HANDLE, DWORD, DWORD, PCERT_PUBLIC_KEY_INFO, DWORD *), (override));
    MOCK_METHOD(BOOL, CryptExportPublicKeyInfoEx,
                (HCRYPTPROV_OR_NCRYPT_KEY_HANDLE, DWORD, DWORD, LPSTR, DWORD, void *, PCERT_PUBLIC_KEY_INFO, DWORD *),
                (override));
};

// The action of a call that fails on Windows: `error` becomes GetLastError(), the call returns
// FALSE, and (as a real failure) it writes nothing through its pointer arguments.
inline auto FailWith(DWORD error) {
    return [error](auto &&...) -> BOOL {
        SetLastError(error);
        return FALSE;
    };
}

}  // namespace tinycapi::testing
