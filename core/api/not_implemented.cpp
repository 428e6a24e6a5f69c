// The functions of the SDK's CryptoAPI 1.0 part (wincrypt.h) that tinycapi declares but does
// not implement: they fail with ERROR_CALL_NOT_IMPLEMENTED and change nothing
// (docs/COMPATIBILITY.md lists them).
#include "api_result.hpp"

using namespace tinycapi::api;

extern "C" {

// An undocumented advapi32 export (decrypts the SChannel provider's registry data), which
// the SDK declares; there is no SChannel provider here.
BOOL GetEncSChannel(BYTE **pData, DWORD *dwDecSize) {
    static_cast<void>(pData);
    static_cast<void>(dwDecSize);
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    return fail(Error::not_implemented);
}

}  // extern "C"
