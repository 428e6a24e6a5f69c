/*
 * The smallest useful build: SHA-256 and nothing else (no ciphers, no RSA, no crypt32 formats).
 * tools/footprint --table measures it as "minimal". Use it as TINYCAPI_USER_CONFIG_FILE.
 */
#ifndef TINYCAPI_SHA256_ONLY_CONFIG_H
#define TINYCAPI_SHA256_ONLY_CONFIG_H

#define TINYCAPI_MAX_PROVIDERS 2
#define TINYCAPI_MAX_KEYS 2
#define TINYCAPI_MAX_HASHES 4
#define TINYCAPI_MAX_CONTAINERS 1

#define TINYCAPI_ENABLE_MD2 0
#define TINYCAPI_ENABLE_MD4 0
#define TINYCAPI_ENABLE_MD5 0
#define TINYCAPI_ENABLE_SHA1 0
#define TINYCAPI_ENABLE_SHA384_512 0
#define TINYCAPI_ENABLE_AES 0
#define TINYCAPI_ENABLE_DES 0
#define TINYCAPI_ENABLE_RC2 0
#define TINYCAPI_ENABLE_RC4 0
#define TINYCAPI_ENABLE_RSA 0
#define TINYCAPI_ENABLE_ENCODING 0
#define TINYCAPI_ENABLE_MAC 0
#define TINYCAPI_ENABLE_CFB 0
#define TINYCAPI_ENABLE_NAMED_CONTAINERS 0

/* SHA-256 is offered by MS_ENH_RSA_AES_PROV (PROV_RSA_AES) alone: PROV_RSA_FULL's providers
 * would have no hash here but HMAC. */
#define TINYCAPI_ENABLE_PROV_RSA_FULL 0

#endif
