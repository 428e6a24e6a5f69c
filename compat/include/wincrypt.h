/*
 * <wincrypt.h> for unchanged Windows source built against tinycapi (target tinycapi::compat).
 * The whole CryptoAPI surface lives in <tinycapi/wincrypt.h>; this name only forwards to it,
 * so `#include <windows.h>` and `#include <wincrypt.h>` work in either order.
 */
#ifndef TINYCAPI_COMPAT_WINCRYPT_H
#define TINYCAPI_COMPAT_WINCRYPT_H

#include <tinycapi/wincrypt.h>

#endif /* TINYCAPI_COMPAT_WINCRYPT_H */
