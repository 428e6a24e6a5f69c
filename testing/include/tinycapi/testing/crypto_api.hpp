// A C++ interface over the CryptoAPI functions tinycapi exports, for tests that prefer
// GoogleMock expectations to the mock port's failure injection.
//
// Link the test with tinycapi::gmock *instead of* tinycapi: its Crypt* functions (and
// GetLastError/SetLastError) call whatever CryptoApi a ScopedCryptoApi installed, usually a
// tinycapi::testing::MockCryptoApi (<tinycapi/testing/mock_crypto_api.hpp>). The code under test
// is compiled once and calls the C API as it would on a device or on Windows.
#pragma once

#include <tinycapi/wincrypt.h>

namespace tinycapi::testing {

// One method per exported Crypt* function, same name, same parameters. Each one that a
// subclass does not override fails with ERROR_CALL_NOT_IMPLEMENTED, so a hand-written fake
// needs only the calls its test makes.
class CryptoApi {
public:
    virtual ~CryptoApi() = default;

    virtual BOOL CryptAcquireContextA(HCRYPTPROV *, LPCSTR, LPCSTR, DWORD, DWORD) { return not_implemented(); }
    virtual BOOL CryptAcquireContextW(HCRYPTPROV *, LPCWSTR, LPCWSTR, DWORD, DWORD) { return not_implemented(); }
    virtual BOOL CryptReleaseContext(HCRYPTPROV, DWORD) { return not_implemented(); }
    virtual BOOL CryptContextAddRef(HCRYPTPROV, DWORD *, DWORD) { return not_implemented(); }
    virtual BOOL CryptGenRandom(HCRYPTPROV, DWORD, BYTE *) { return not_implemented(); }
    virtual BOOL CryptGetProvParam(HCRYPTPROV, DWORD, BYTE *, DWORD *, DWORD) { return not_implemented(); }
    virtual BOOL CryptSetProvParam(HCRYPTPROV, DWORD, const BYTE *, DWORD) { return not_implemented(); }
    virtual BOOL CryptCreateHash(HCRYPTPROV, ALG_ID, HCRYPTKEY, DWORD, HCRYPTHASH *) { return not_implemented(); }
    virtual BOOL CryptHashData(HCRYPTHASH, const BYTE *, DWORD, DWORD) { return not_implemented(); }
    virtual BOOL CryptGetHashParam(HCRYPTHASH, DWORD, BYTE *, DWORD *, DWORD) { return not_implemented(); }
    virtual BOOL CryptSetHashParam(HCRYPTHASH, DWORD, const BYTE *, DWORD) { return not_implemented(); }
    virtual BOOL CryptDuplicateHash(HCRYPTHASH, DWORD *, DWORD, HCRYPTHASH *) { return not_implemented(); }
    virtual BOOL CryptDestroyHash(HCRYPTHASH) { return not_implemented(); }
    virtual BOOL CryptHashSessionKey(HCRYPTHASH, HCRYPTKEY, DWORD) { return not_implemented(); }
    virtual BOOL CryptDeriveKey(HCRYPTPROV, ALG_ID, HCRYPTHASH, DWORD, HCRYPTKEY *) { return not_implemented(); }
    virtual BOOL CryptGenKey(HCRYPTPROV, ALG_ID, DWORD, HCRYPTKEY *) { return not_implemented(); }
    virtual BOOL CryptImportKey(HCRYPTPROV, const BYTE *, DWORD, HCRYPTKEY, DWORD, HCRYPTKEY *) {
        return not_implemented();
    }
    virtual BOOL CryptExportKey(HCRYPTKEY, HCRYPTKEY, DWORD, DWORD, BYTE *, DWORD *) { return not_implemented(); }
    virtual BOOL CryptEncrypt(HCRYPTKEY, HCRYPTHASH, BOOL, DWORD, BYTE *, DWORD *, DWORD) { return not_implemented(); }
    virtual BOOL CryptDecrypt(HCRYPTKEY, HCRYPTHASH, BOOL, DWORD, BYTE *, DWORD *) { return not_implemented(); }
    virtual BOOL CryptGetKeyParam(HCRYPTKEY, DWORD, BYTE *, DWORD *, DWORD) { return not_implemented(); }
    virtual BOOL CryptSetKeyParam(HCRYPTKEY, DWORD, const BYTE *, DWORD) { return not_implemented(); }
    virtual BOOL CryptDuplicateKey(HCRYPTKEY, DWORD *, DWORD, HCRYPTKEY *) { return not_implemented(); }
    virtual BOOL CryptDestroyKey(HCRYPTKEY) { return not_implemented(); }
    virtual BOOL CryptGetUserKey(HCRYPTPROV, DWORD, HCRYPTKEY *) { return not_implemented(); }
    virtual BOOL CryptSignHashA(HCRYPTHASH, DWORD, LPCSTR, DWORD, BYTE *, DWORD *) { return not_implemented(); }
    virtual BOOL CryptSignHashW(HCRYPTHASH, DWORD, LPCWSTR, DWORD, BYTE *, DWORD *) { return not_implemented(); }
    virtual BOOL CryptVerifySignatureA(HCRYPTHASH, const BYTE *, DWORD, HCRYPTKEY, LPCSTR, DWORD) {
        return not_implemented();
    }
    virtual BOOL CryptVerifySignatureW(HCRYPTHASH, const BYTE *, DWORD, HCRYPTKEY, LPCWSTR, DWORD) {
        return not_implemented();
    }
    virtual BOOL CryptEnumProvidersA(DWORD, DWORD *, DWORD, DWORD *, LPSTR, DWORD *) { return not_implemented(); }
    virtual BOOL CryptEnumProvidersW(DWORD, DWORD *, DWORD, DWORD *, LPWSTR, DWORD *) { return not_implemented(); }
    virtual BOOL CryptEnumProviderTypesA(DWORD, DWORD *, DWORD, DWORD *, LPSTR, DWORD *) { return not_implemented(); }
    virtual BOOL CryptEnumProviderTypesW(DWORD, DWORD *, DWORD, DWORD *, LPWSTR, DWORD *) { return not_implemented(); }
    virtual BOOL CryptGetDefaultProviderA(DWORD, DWORD *, DWORD, LPSTR, DWORD *) { return not_implemented(); }
    virtual BOOL CryptGetDefaultProviderW(DWORD, DWORD *, DWORD, LPWSTR, DWORD *) { return not_implemented(); }
    virtual BOOL CryptSetProviderA(LPCSTR, DWORD) { return not_implemented(); }
    virtual BOOL CryptSetProviderW(LPCWSTR, DWORD) { return not_implemented(); }
    virtual BOOL CryptSetProviderExA(LPCSTR, DWORD, DWORD *, DWORD) { return not_implemented(); }
    virtual BOOL CryptSetProviderExW(LPCWSTR, DWORD, DWORD *, DWORD) { return not_implemented(); }
    virtual BOOL CryptStringToBinaryA(LPCSTR, DWORD, DWORD, BYTE *, DWORD *, DWORD *, DWORD *) {
        return not_implemented();
    }
    virtual BOOL CryptStringToBinaryW(LPCWSTR, DWORD, DWORD, BYTE *, DWORD *, DWORD *, DWORD *) {
        return not_implemented();
    }
    virtual BOOL CryptBinaryToStringA(const BYTE *, DWORD, DWORD, LPSTR, DWORD *) { return not_implemented(); }
    virtual BOOL CryptBinaryToStringW(const BYTE *, DWORD, DWORD, LPWSTR, DWORD *) { return not_implemented(); }
    virtual BOOL CryptEncodeObjectEx(DWORD, LPCSTR, const void *, DWORD, PCRYPT_ENCODE_PARA, void *, DWORD *) {
        return not_implemented();
    }
    virtual BOOL CryptEncodeObject(DWORD, LPCSTR, const void *, BYTE *, DWORD *) { return not_implemented(); }
    virtual BOOL CryptDecodeObjectEx(DWORD, LPCSTR, const BYTE *, DWORD, DWORD, PCRYPT_DECODE_PARA, void *, DWORD *) {
        return not_implemented();
    }
    virtual BOOL CryptDecodeObject(DWORD, LPCSTR, const BYTE *, DWORD, DWORD, void *, DWORD *) {
        return not_implemented();
    }
    virtual BOOL CryptImportPublicKeyInfo(HCRYPTPROV, DWORD, PCERT_PUBLIC_KEY_INFO, HCRYPTKEY *) {
        return not_implemented();
    }
    virtual BOOL CryptImportPublicKeyInfoEx(HCRYPTPROV, DWORD, PCERT_PUBLIC_KEY_INFO, ALG_ID, DWORD, void *,
                                            HCRYPTKEY *) {
        return not_implemented();
    }
    virtual BOOL CryptExportPublicKeyInfo(HCRYPTPROV_OR_NCRYPT_KEY_HANDLE, DWORD, DWORD, PCERT_PUBLIC_KEY_INFO,
                                          DWORD *) {
        return not_implemented();
    }
    virtual BOOL CryptExportPublicKeyInfoEx(HCRYPTPROV_OR_NCRYPT_KEY_HANDLE, DWORD, DWORD, LPSTR, DWORD, void *,
                                            PCERT_PUBLIC_KEY_INFO, DWORD *) {
        return not_implemented();
    }

protected:
    static BOOL not_implemented();
};

// While it lives, every Crypt* call of the program goes to `api`. One at a time: installing a
// second while one is installed is a test failure, as is a Crypt* call with none installed.
class ScopedCryptoApi {
public:
    explicit ScopedCryptoApi(CryptoApi &api);
    ~ScopedCryptoApi();
    ScopedCryptoApi(const ScopedCryptoApi &) = delete;
    ScopedCryptoApi &operator=(const ScopedCryptoApi &) = delete;
};

}  // namespace tinycapi::testing
