// tinycapi::gmock: the Crypt* functions of a test binary that links it instead of tinycapi. Each
// forwards to the CryptoApi a ScopedCryptoApi installed (crypto_api.hpp); GetLastError and
// SetLastError keep a per-thread value, as Windows does.
#include <gtest/gtest.h>

#include <atomic>
#include <tinycapi/testing/crypto_api.hpp>

namespace tinycapi::testing {
namespace {

std::atomic<CryptoApi *> installed{nullptr};
thread_local DWORD last_error;

// Where calls go when nothing is installed: each fails (and installed_api fails the test).
CryptoApi nothing_installed;

CryptoApi *installed_api(const char *function) {
    CryptoApi *api = installed.load();
    if (api != nullptr) return api;
    ADD_FAILURE() << function << " was called with no tinycapi::testing::ScopedCryptoApi installed";
    return &nothing_installed;
}

}  // namespace

BOOL CryptoApi::not_implemented() {
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return FALSE;
}

ScopedCryptoApi::ScopedCryptoApi(CryptoApi &api) {
    CryptoApi *expected = nullptr;
    if (!installed.compare_exchange_strong(expected, &api)) {
        ADD_FAILURE() << "a ScopedCryptoApi is already installed";
    }
}

ScopedCryptoApi::~ScopedCryptoApi() { installed.store(nullptr); }

}  // namespace tinycapi::testing

using tinycapi::testing::installed_api;

extern "C" {

DWORD WINAPI GetLastError(void) { return tinycapi::testing::last_error; }

void WINAPI SetLastError(DWORD dwErrCode) { tinycapi::testing::last_error = dwErrCode; }

BOOL WINAPI CryptAcquireContextA(HCRYPTPROV *phProv, LPCSTR szContainer, LPCSTR szProvider, DWORD dwProvType,
                                 DWORD dwFlags) {
    return installed_api(__func__)->CryptAcquireContextA(phProv, szContainer, szProvider, dwProvType, dwFlags);
}

BOOL WINAPI CryptAcquireContextW(HCRYPTPROV *phProv, LPCWSTR szContainer, LPCWSTR szProvider, DWORD dwProvType,
                                 DWORD dwFlags) {
    return installed_api(__func__)->CryptAcquireContextW(phProv, szContainer, szProvider, dwProvType, dwFlags);
}

BOOL WINAPI CryptReleaseContext(HCRYPTPROV hProv, DWORD dwFlags) {
    return installed_api(__func__)->CryptReleaseContext(hProv, dwFlags);
}

BOOL WINAPI CryptContextAddRef(HCRYPTPROV hProv, DWORD *pdwReserved, DWORD dwFlags) {
    return installed_api(__func__)->CryptContextAddRef(hProv, pdwReserved, dwFlags);
}

BOOL WINAPI CryptGenRandom(HCRYPTPROV hProv, DWORD dwLen, BYTE *pbBuffer) {
    return installed_api(__func__)->CryptGenRandom(hProv, dwLen, pbBuffer);
}

BOOL WINAPI CryptGetProvParam(HCRYPTPROV hProv, DWORD dwParam, BYTE *pbData, DWORD *pdwDataLen, DWORD dwFlags) {
    return installed_api(__func__)->CryptGetProvParam(hProv, dwParam, pbData, pdwDataLen, dwFlags);
}

BOOL WINAPI CryptSetProvParam(HCRYPTPROV hProv, DWORD dwParam, const BYTE *pbData, DWORD dwFlags) {
    return installed_api(__func__)->CryptSetProvParam(hProv, dwParam, pbData, dwFlags);
}

BOOL WINAPI CryptCreateHash(HCRYPTPROV hProv, ALG_ID Algid, HCRYPTKEY hKey, DWORD dwFlags, HCRYPTHASH *phHash) {
    return installed_api(__func__)->CryptCreateHash(hProv, Algid, hKey, dwFlags, phHash);
}

BOOL WINAPI CryptHashData(HCRYPTHASH hHash, const BYTE *pbData, DWORD dwDataLen, DWORD dwFlags) {
    return installed_api(__func__)->CryptHashData(hHash, pbData, dwDataLen, dwFlags);
}

BOOL WINAPI CryptGetHashParam(HCRYPTHASH hHash, DWORD dwParam, BYTE *pbData, DWORD *pdwDataLen, DWORD dwFlags) {
    return installed_api(__func__)->CryptGetHashParam(hHash, dwParam, pbData, pdwDataLen, dwFlags);
}

BOOL WINAPI CryptSetHashParam(HCRYPTHASH hHash, DWORD dwParam, const BYTE *pbData, DWORD dwFlags) {
    return installed_api(__func__)->CryptSetHashParam(hHash, dwParam, pbData, dwFlags);
}

BOOL WINAPI CryptDuplicateHash(HCRYPTHASH hHash, DWORD *pdwReserved, DWORD dwFlags, HCRYPTHASH *phHash) {
    return installed_api(__func__)->CryptDuplicateHash(hHash, pdwReserved, dwFlags, phHash);
}

BOOL WINAPI CryptDestroyHash(HCRYPTHASH hHash) { return installed_api(__func__)->CryptDestroyHash(hHash); }

BOOL WINAPI CryptHashSessionKey(HCRYPTHASH hHash, HCRYPTKEY hKey, DWORD dwFlags) {
    return installed_api(__func__)->CryptHashSessionKey(hHash, hKey, dwFlags);
}

BOOL WINAPI CryptDeriveKey(HCRYPTPROV hProv, ALG_ID Algid, HCRYPTHASH hBaseData, DWORD dwFlags, HCRYPTKEY *phKey) {
    return installed_api(__func__)->CryptDeriveKey(hProv, Algid, hBaseData, dwFlags, phKey);
}

BOOL WINAPI CryptGenKey(HCRYPTPROV hProv, ALG_ID Algid, DWORD dwFlags, HCRYPTKEY *phKey) {
    return installed_api(__func__)->CryptGenKey(hProv, Algid, dwFlags, phKey);
}

BOOL WINAPI CryptImportKey(HCRYPTPROV hProv, const BYTE *pbData, DWORD dwDataLen, HCRYPTKEY hPubKey, DWORD dwFlags,
                           HCRYPTKEY *phKey) {
    return installed_api(__func__)->CryptImportKey(hProv, pbData, dwDataLen, hPubKey, dwFlags, phKey);
}

BOOL WINAPI CryptExportKey(HCRYPTKEY hKey, HCRYPTKEY hExpKey, DWORD dwBlobType, DWORD dwFlags, BYTE *pbData,
                           DWORD *pdwDataLen) {
    return installed_api(__func__)->CryptExportKey(hKey, hExpKey, dwBlobType, dwFlags, pbData, pdwDataLen);
}

BOOL WINAPI CryptEncrypt(HCRYPTKEY hKey, HCRYPTHASH hHash, BOOL Final, DWORD dwFlags, BYTE *pbData, DWORD *pdwDataLen,
                         DWORD dwBufLen) {
    return installed_api(__func__)->CryptEncrypt(hKey, hHash, Final, dwFlags, pbData, pdwDataLen, dwBufLen);
}

BOOL WINAPI CryptDecrypt(HCRYPTKEY hKey, HCRYPTHASH hHash, BOOL Final, DWORD dwFlags, BYTE *pbData, DWORD *pdwDataLen) {
    return installed_api(__func__)->CryptDecrypt(hKey, hHash, Final, dwFlags, pbData, pdwDataLen);
}

BOOL WINAPI CryptGetKeyParam(HCRYPTKEY hKey, DWORD dwParam, BYTE *pbData, DWORD *pdwDataLen, DWORD dwFlags) {
    return installed_api(__func__)->CryptGetKeyParam(hKey, dwParam, pbData, pdwDataLen, dwFlags);
}

BOOL WINAPI CryptSetKeyParam(HCRYPTKEY hKey, DWORD dwParam, const BYTE *pbData, DWORD dwFlags) {
    return installed_api(__func__)->CryptSetKeyParam(hKey, dwParam, pbData, dwFlags);
}

BOOL WINAPI CryptDuplicateKey(HCRYPTKEY hKey, DWORD *pdwReserved, DWORD dwFlags, HCRYPTKEY *phKey) {
    return installed_api(__func__)->CryptDuplicateKey(hKey, pdwReserved, dwFlags, phKey);
}

BOOL WINAPI CryptDestroyKey(HCRYPTKEY hKey) { return installed_api(__func__)->CryptDestroyKey(hKey); }

BOOL WINAPI CryptGetUserKey(HCRYPTPROV hProv, DWORD dwKeySpec, HCRYPTKEY *phUserKey) {
    return installed_api(__func__)->CryptGetUserKey(hProv, dwKeySpec, phUserKey);
}

BOOL WINAPI CryptSignHashA(HCRYPTHASH hHash, DWORD dwKeySpec, LPCSTR szDescription, DWORD dwFlags, BYTE *pbSignature,
                           DWORD *pdwSigLen) {
    return installed_api(__func__)->CryptSignHashA(hHash, dwKeySpec, szDescription, dwFlags, pbSignature, pdwSigLen);
}

BOOL WINAPI CryptSignHashW(HCRYPTHASH hHash, DWORD dwKeySpec, LPCWSTR szDescription, DWORD dwFlags, BYTE *pbSignature,
                           DWORD *pdwSigLen) {
    return installed_api(__func__)->CryptSignHashW(hHash, dwKeySpec, szDescription, dwFlags, pbSignature, pdwSigLen);
}

BOOL WINAPI CryptVerifySignatureA(HCRYPTHASH hHash, const BYTE *pbSignature, DWORD dwSigLen, HCRYPTKEY hPubKey,
                                  LPCSTR szDescription, DWORD dwFlags) {
    return installed_api(__func__)->CryptVerifySignatureA(hHash, pbSignature, dwSigLen, hPubKey, szDescription,
                                                          dwFlags);
}

BOOL WINAPI CryptVerifySignatureW(HCRYPTHASH hHash, const BYTE *pbSignature, DWORD dwSigLen, HCRYPTKEY hPubKey,
                                  LPCWSTR szDescription, DWORD dwFlags) {
    return installed_api(__func__)->CryptVerifySignatureW(hHash, pbSignature, dwSigLen, hPubKey, szDescription,
                                                          dwFlags);
}

BOOL WINAPI CryptEnumProvidersA(DWORD dwIndex, DWORD *pdwReserved, DWORD dwFlags, DWORD *pdwProvType, LPSTR szProvName,
                                DWORD *pcbProvName) {
    return installed_api(__func__)->CryptEnumProvidersA(dwIndex, pdwReserved, dwFlags, pdwProvType, szProvName,
                                                        pcbProvName);
}

BOOL WINAPI CryptEnumProvidersW(DWORD dwIndex, DWORD *pdwReserved, DWORD dwFlags, DWORD *pdwProvType, LPWSTR szProvName,
                                DWORD *pcbProvName) {
    return installed_api(__func__)->CryptEnumProvidersW(dwIndex, pdwReserved, dwFlags, pdwProvType, szProvName,
                                                        pcbProvName);
}

BOOL WINAPI CryptEnumProviderTypesA(DWORD dwIndex, DWORD *pdwReserved, DWORD dwFlags, DWORD *pdwProvType,
                                    LPSTR szTypeName, DWORD *pcbTypeName) {
    return installed_api(__func__)->CryptEnumProviderTypesA(dwIndex, pdwReserved, dwFlags, pdwProvType, szTypeName,
                                                            pcbTypeName);
}

BOOL WINAPI CryptEnumProviderTypesW(DWORD dwIndex, DWORD *pdwReserved, DWORD dwFlags, DWORD *pdwProvType,
                                    LPWSTR szTypeName, DWORD *pcbTypeName) {
    return installed_api(__func__)->CryptEnumProviderTypesW(dwIndex, pdwReserved, dwFlags, pdwProvType, szTypeName,
                                                            pcbTypeName);
}

BOOL WINAPI CryptGetDefaultProviderA(DWORD dwProvType, DWORD *pdwReserved, DWORD dwFlags, LPSTR pszProvName,
                                     DWORD *pcbProvName) {
    return installed_api(__func__)->CryptGetDefaultProviderA(dwProvType, pdwReserved, dwFlags, pszProvName,
                                                             pcbProvName);
}

BOOL WINAPI CryptGetDefaultProviderW(DWORD dwProvType, DWORD *pdwReserved, DWORD dwFlags, LPWSTR pszProvName,
                                     DWORD *pcbProvName) {
    return installed_api(__func__)->CryptGetDefaultProviderW(dwProvType, pdwReserved, dwFlags, pszProvName,
                                                             pcbProvName);
}

BOOL WINAPI CryptSetProviderA(LPCSTR pszProvName, DWORD dwProvType) {
    return installed_api(__func__)->CryptSetProviderA(pszProvName, dwProvType);
}

BOOL WINAPI CryptSetProviderW(LPCWSTR pszProvName, DWORD dwProvType) {
    return installed_api(__func__)->CryptSetProviderW(pszProvName, dwProvType);
}

BOOL WINAPI CryptSetProviderExA(LPCSTR pszProvName, DWORD dwProvType, DWORD *pdwReserved, DWORD dwFlags) {
    return installed_api(__func__)->CryptSetProviderExA(pszProvName, dwProvType, pdwReserved, dwFlags);
}

BOOL WINAPI CryptSetProviderExW(LPCWSTR pszProvName, DWORD dwProvType, DWORD *pdwReserved, DWORD dwFlags) {
    return installed_api(__func__)->CryptSetProviderExW(pszProvName, dwProvType, pdwReserved, dwFlags);
}

BOOL WINAPI CryptStringToBinaryA(LPCSTR pszString, DWORD cchString, DWORD dwFlags, BYTE *pbBinary, DWORD *pcbBinary,
                                 DWORD *pdwSkip, DWORD *pdwFlags) {
    return installed_api(__func__)->CryptStringToBinaryA(pszString, cchString, dwFlags, pbBinary, pcbBinary, pdwSkip,
                                                         pdwFlags);
}

BOOL WINAPI CryptStringToBinaryW(LPCWSTR pszString, DWORD cchString, DWORD dwFlags, BYTE *pbBinary, DWORD *pcbBinary,
                                 DWORD *pdwSkip, DWORD *pdwFlags) {
    return installed_api(__func__)->CryptStringToBinaryW(pszString, cchString, dwFlags, pbBinary, pcbBinary, pdwSkip,
                                                         pdwFlags);
}

BOOL WINAPI CryptBinaryToStringA(const BYTE *pbBinary, DWORD cbBinary, DWORD dwFlags, LPSTR pszString,
                                 DWORD *pcchString) {
    return installed_api(__func__)->CryptBinaryToStringA(pbBinary, cbBinary, dwFlags, pszString, pcchString);
}

BOOL WINAPI CryptBinaryToStringW(const BYTE *pbBinary, DWORD cbBinary, DWORD dwFlags, LPWSTR pszString,
                                 DWORD *pcchString) {
    return installed_api(__func__)->CryptBinaryToStringW(pbBinary, cbBinary, dwFlags, pszString, pcchString);
}

BOOL WINAPI CryptEncodeObjectEx(DWORD dwCertEncodingType, LPCSTR lpszStructType, const void *pvStructInfo,
                                DWORD dwFlags, PCRYPT_ENCODE_PARA pEncodePara, void *pvEncoded, DWORD *pcbEncoded) {
    return installed_api(__func__)->CryptEncodeObjectEx(dwCertEncodingType, lpszStructType, pvStructInfo, dwFlags,
                                                        pEncodePara, pvEncoded, pcbEncoded);
}

BOOL WINAPI CryptEncodeObject(DWORD dwCertEncodingType, LPCSTR lpszStructType, const void *pvStructInfo,
                              BYTE *pbEncoded, DWORD *pcbEncoded) {
    return installed_api(__func__)->CryptEncodeObject(dwCertEncodingType, lpszStructType, pvStructInfo, pbEncoded,
                                                      pcbEncoded);
}

BOOL WINAPI CryptDecodeObjectEx(DWORD dwCertEncodingType, LPCSTR lpszStructType, const BYTE *pbEncoded, DWORD cbEncoded,
                                DWORD dwFlags, PCRYPT_DECODE_PARA pDecodePara, void *pvStructInfo,
                                DWORD *pcbStructInfo) {
    return installed_api(__func__)->CryptDecodeObjectEx(dwCertEncodingType, lpszStructType, pbEncoded, cbEncoded,
                                                        dwFlags, pDecodePara, pvStructInfo, pcbStructInfo);
}

BOOL WINAPI CryptDecodeObject(DWORD dwCertEncodingType, LPCSTR lpszStructType, const BYTE *pbEncoded, DWORD cbEncoded,
                              DWORD dwFlags, void *pvStructInfo, DWORD *pcbStructInfo) {
    return installed_api(__func__)->CryptDecodeObject(dwCertEncodingType, lpszStructType, pbEncoded, cbEncoded, dwFlags,
                                                      pvStructInfo, pcbStructInfo);
}

BOOL WINAPI CryptImportPublicKeyInfo(HCRYPTPROV hCryptProv, DWORD dwCertEncodingType, PCERT_PUBLIC_KEY_INFO pInfo,
                                     HCRYPTKEY *phKey) {
    return installed_api(__func__)->CryptImportPublicKeyInfo(hCryptProv, dwCertEncodingType, pInfo, phKey);
}

BOOL WINAPI CryptImportPublicKeyInfoEx(HCRYPTPROV hCryptProv, DWORD dwCertEncodingType, PCERT_PUBLIC_KEY_INFO pInfo,
                                       ALG_ID aiKeyAlg, DWORD dwFlags, void *pvAuxInfo, HCRYPTKEY *phKey) {
    return installed_api(__func__)->CryptImportPublicKeyInfoEx(hCryptProv, dwCertEncodingType, pInfo, aiKeyAlg, dwFlags,
                                                               pvAuxInfo, phKey);
}

BOOL WINAPI CryptExportPublicKeyInfo(HCRYPTPROV_OR_NCRYPT_KEY_HANDLE hCryptProvOrNCryptKey, DWORD dwKeySpec,
                                     DWORD dwCertEncodingType, PCERT_PUBLIC_KEY_INFO pInfo, DWORD *pcbInfo) {
    return installed_api(__func__)->CryptExportPublicKeyInfo(hCryptProvOrNCryptKey, dwKeySpec, dwCertEncodingType,
                                                             pInfo, pcbInfo);
}

BOOL WINAPI CryptExportPublicKeyInfoEx(HCRYPTPROV_OR_NCRYPT_KEY_HANDLE hCryptProvOrNCryptKey, DWORD dwKeySpec,
                                       DWORD dwCertEncodingType, LPSTR pszPublicKeyObjId, DWORD dwFlags,
                                       void *pvAuxInfo, PCERT_PUBLIC_KEY_INFO pInfo, DWORD *pcbInfo) {
    return installed_api(__func__)->CryptExportPublicKeyInfoEx(hCryptProvOrNCryptKey, dwKeySpec, dwCertEncodingType,
                                                               pszPublicKeyObjId, dwFlags, pvAuxInfo, pInfo, pcbInfo);
}

}  // extern "C"
