/*
 * A task that hashes (SHA-1, SHA-256), computes HMACs and encrypts with AES-CBC through the
 * CryptoAPI, e.g. a zip library's PBKDF2 and AES: no RSA, no legacy algorithms, no crypt32
 * formats. tools/footprint --table measures it as "hashes+HMAC+AES".
 */
#ifndef TINYCAPI_HASH_HMAC_AES_CONFIG_H
#define TINYCAPI_HASH_HMAC_AES_CONFIG_H

#define TINYCAPI_MAX_PROVIDERS 2
#define TINYCAPI_MAX_KEYS 4
#define TINYCAPI_MAX_HASHES 4
#define TINYCAPI_MAX_CONTAINERS 1

#define TINYCAPI_ENABLE_MD2 0
#define TINYCAPI_ENABLE_MD4 0
#define TINYCAPI_ENABLE_MD5 0
#define TINYCAPI_ENABLE_SHA384_512 0
#define TINYCAPI_ENABLE_DES 0
#define TINYCAPI_ENABLE_RC2 0
#define TINYCAPI_ENABLE_RC4 0
#define TINYCAPI_ENABLE_RSA 0
#define TINYCAPI_ENABLE_ENCODING 0
#define TINYCAPI_ENABLE_MAC 0
#define TINYCAPI_ENABLE_CFB 0
#define TINYCAPI_ENABLE_NAMED_CONTAINERS 0

/* The task acquires MS_ENH_RSA_AES_PROV / PROV_RSA_AES only (as a zip library does). */
#define TINYCAPI_ENABLE_PROV_RSA_FULL 0

#endif
