// Entry points whose implementation belongs to a later issue: they fail with
// ERROR_CALL_NOT_IMPLEMENTED until then (docs/COMPATIBILITY.md lists them).
#include "api_result.hpp"

using tinycapi::api::Error;
using tinycapi::api::fail;

extern "C" {

BOOL WINAPI CryptHashSessionKey(HCRYPTHASH, HCRYPTKEY, DWORD) { return fail(Error::not_implemented); }
BOOL WINAPI CryptDeriveKey(HCRYPTPROV, ALG_ID, HCRYPTHASH, DWORD, HCRYPTKEY *) { return fail(Error::not_implemented); }
BOOL WINAPI CryptGenKey(HCRYPTPROV, ALG_ID, DWORD, HCRYPTKEY *) { return fail(Error::not_implemented); }
BOOL WINAPI CryptImportKey(HCRYPTPROV, const BYTE *, DWORD, HCRYPTKEY, DWORD, HCRYPTKEY *) {
    return fail(Error::not_implemented);
}
BOOL WINAPI CryptExportKey(HCRYPTKEY, HCRYPTKEY, DWORD, DWORD, BYTE *, DWORD *) { return fail(Error::not_implemented); }
BOOL WINAPI CryptEncrypt(HCRYPTKEY, HCRYPTHASH, BOOL, DWORD, BYTE *, DWORD *, DWORD) {
    return fail(Error::not_implemented);
}
BOOL WINAPI CryptDecrypt(HCRYPTKEY, HCRYPTHASH, BOOL, DWORD, BYTE *, DWORD *) { return fail(Error::not_implemented); }
BOOL WINAPI CryptGetKeyParam(HCRYPTKEY, DWORD, BYTE *, DWORD *, DWORD) { return fail(Error::not_implemented); }
BOOL WINAPI CryptSetKeyParam(HCRYPTKEY, DWORD, const BYTE *, DWORD) { return fail(Error::not_implemented); }
BOOL WINAPI CryptDuplicateKey(HCRYPTKEY, DWORD *, DWORD, HCRYPTKEY *) { return fail(Error::not_implemented); }
BOOL WINAPI CryptDestroyKey(HCRYPTKEY) { return fail(Error::not_implemented); }
BOOL WINAPI CryptGetUserKey(HCRYPTPROV, DWORD, HCRYPTKEY *) { return fail(Error::not_implemented); }
BOOL WINAPI CryptSignHashA(HCRYPTHASH, DWORD, LPCSTR, DWORD, BYTE *, DWORD *) { return fail(Error::not_implemented); }
BOOL WINAPI CryptSignHashW(HCRYPTHASH, DWORD, LPCWSTR, DWORD, BYTE *, DWORD *) { return fail(Error::not_implemented); }
BOOL WINAPI CryptVerifySignatureA(HCRYPTHASH, const BYTE *, DWORD, HCRYPTKEY, LPCSTR, DWORD) {
    return fail(Error::not_implemented);
}
BOOL WINAPI CryptVerifySignatureW(HCRYPTHASH, const BYTE *, DWORD, HCRYPTKEY, LPCWSTR, DWORD) {
    return fail(Error::not_implemented);
}

}  // extern "C"
