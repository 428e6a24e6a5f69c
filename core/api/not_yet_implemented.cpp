// Entry points whose implementation belongs to a later issue: they fail with
// ERROR_CALL_NOT_IMPLEMENTED until then (docs/COMPATIBILITY.md lists them).
#include "api_result.hpp"

using tinycapi::api::Error;
using tinycapi::api::fail;

extern "C" {

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
