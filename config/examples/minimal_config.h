/*
 * A small build: SHA-1/SHA-256, MD5 and AES only, no RSA and no legacy algorithms. The
 * cortex-m4 preset builds with it, so every switch combination this file sets keeps compiling.
 * Use it as TINYCAPI_USER_CONFIG_FILE, or copy it as the start of your own.
 */
#ifndef TINYCAPI_MINIMAL_CONFIG_H
#define TINYCAPI_MINIMAL_CONFIG_H

#define TINYCAPI_MAX_PROVIDERS 2
#define TINYCAPI_MAX_KEYS 4
#define TINYCAPI_MAX_HASHES 4
#define TINYCAPI_MAX_CONTAINERS 2

#define TINYCAPI_ENABLE_MD2 0
#define TINYCAPI_ENABLE_MD4 0
#define TINYCAPI_ENABLE_SHA384_512 0
#define TINYCAPI_ENABLE_DES 0
#define TINYCAPI_ENABLE_RC2 0
#define TINYCAPI_ENABLE_RC4 0
#define TINYCAPI_ENABLE_RSA 0

/* The firmware brings its own GetLastError/SetLastError (boards/cortex-m4-generic shows it). */
#define TINYCAPI_ENABLE_LAST_ERROR_FUNCTIONS 0

#endif
