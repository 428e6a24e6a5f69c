/*
 * The TF-PSA-Crypto 1.x configuration tinycapi builds a user's TF-PSA-Crypto checkout with
 * (TF_PSA_CRYPTO_CONFIG_FILE; cmake/TinycapiTfPsaCrypto.cmake, -DTINYCAPI_TF_PSA_CRYPTO_DIR).
 *
 * The counterpart of config/tinycapi_mbedtls_config.h for the psa backend: TF-PSA-Crypto is
 * configured with PSA_WANT_xxx and a few MBEDTLS_xxx platform options; the legacy module
 * options (MBEDTLS_AES_C, MBEDTLS_SHA256_C, MBEDTLS_RSA_C ...) are derived from PSA_WANT_xxx and
 * may no longer be set here (its generated configuration checks refuse them).
 */
#ifndef TINYCAPI_TF_PSA_CRYPTO_CONFIG_H
#define TINYCAPI_TF_PSA_CRYPTO_CONFIG_H

#include "tinycapi_config.h"

/* The PSA core, drawing its random numbers from CryptGenRandom's generator through
 * mbedtls_psa_external_get_random (core/crypto/psa/psa_session.cpp): no entropy module, no
 * PSA-owned DRBG. Key slots: a fixed table (no MBEDTLS_PSA_KEY_STORE_DYNAMIC), key material
 * and operation contexts in tinycapi's arena. No threading layer: tinycapi serialises the PSA
 * core on TINYCAPI_LOCK_ARENA (docs/ARCHITECTURE.md, "Crypto backends"). */
#define MBEDTLS_PSA_CRYPTO_C
#define MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG
#define MBEDTLS_PSA_ASSUME_EXCLUSIVE_BUFFERS
#ifndef MBEDTLS_PSA_KEY_SLOT_COUNT
#define MBEDTLS_PSA_KEY_SLOT_COUNT 8
#endif

/* CryptGenRandom's CTR_DRBG (core/crypto/random_ctr_drbg.cpp) and the private DRBGs of the
 * PSA sessions and RSA calls (core/crypto/private_drbg.cpp). TF-PSA-Crypto 1.0 keeps the module
 * but made its interface private (mbedtls/private/ctr_drbg.h, used with
 * MBEDTLS_DECLARE_PRIVATE_IDENTIFIERS; config/tf_psa_crypto/include/mbedtls/ctr_drbg.h). */
#define MBEDTLS_CTR_DRBG_C
#define PSA_WANT_KEY_TYPE_AES /* also the DRBG's block cipher: derives the builtin AES */
#define PSA_WANT_ALG_ECB_NO_PADDING
/* AES tables in flash, not 8 KiB of RAM: MCU RAM is scarcer than flash. */
#define MBEDTLS_AES_ROM_TABLES
#define MBEDTLS_AES_FEWER_TABLES

#if TINYCAPI_ENABLE_AES
#define PSA_WANT_ALG_CBC_NO_PADDING /* the tests' independent AES-CBC model (mbedtls_aes_crypt_cbc) */
#endif
#if TINYCAPI_ENCRYPT_KEYS_AT_REST
#define PSA_WANT_ALG_GCM /* key pairs at rest: AES-256-GCM */
#endif
/* DES/3DES: TF-PSA-Crypto 1.0 has none; tinycapi's own (core/crypto/legacy/des) serves. */
#if TINYCAPI_ENABLE_MD5
#define PSA_WANT_ALG_MD5
#endif
#if TINYCAPI_ENABLE_SHA1
#define PSA_WANT_ALG_SHA_1
#endif
#if TINYCAPI_ENABLE_SHA256
#define PSA_WANT_ALG_SHA_256
#endif
#if TINYCAPI_ENABLE_SHA384_512
#define PSA_WANT_ALG_SHA_384
#define PSA_WANT_ALG_SHA_512
#endif

#if TINYCAPI_ENABLE_RSA
/* PSA RSA keys and algorithms (core/crypto/psa/rsa_psa.cpp), with the builtin RSA and bignum
 * modules of PSA's RSA driver. */
#define PSA_WANT_KEY_TYPE_RSA_PUBLIC_KEY
#define PSA_WANT_KEY_TYPE_RSA_KEY_PAIR_BASIC
#define PSA_WANT_KEY_TYPE_RSA_KEY_PAIR_IMPORT
#define PSA_WANT_KEY_TYPE_RSA_KEY_PAIR_EXPORT
#define PSA_WANT_KEY_TYPE_RSA_KEY_PAIR_GENERATE
#define PSA_WANT_ALG_RSA_PKCS1V15_CRYPT
#define PSA_WANT_ALG_RSA_PKCS1V15_SIGN
#define PSA_WANT_ALG_RSA_OAEP
#define PSA_WANT_ALG_SHA_1 /* OAEP and MGF1 are SHA-1 in CryptoAPI */
#define MBEDTLS_MPI_MAX_SIZE ((TINYCAPI_RSA_MAX_BITS + 7) / 8)
/* Windows generates RSA keys down to 384 bits; the default minimum is 1024. */
#define MBEDTLS_RSA_GEN_KEY_MIN_BITS 384
#endif

/* Key material, operation contexts and bignum limbs come from tinycapi's fixed arena, chosen at
 * compile time so that no heap function is ever referenced (core/crypto/arena.hpp). */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_PLATFORM_CALLOC_MACRO tinycapi_arena_calloc
#define MBEDTLS_PLATFORM_FREE_MACRO tinycapi_arena_free
#define TINYCAPI_MBEDTLS_USES_ARENA 1
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif
void *tinycapi_arena_calloc(size_t count, size_t size);
void tinycapi_arena_free(void *memory);
#ifdef __cplusplus
}
#endif

#endif /* TINYCAPI_TF_PSA_CRYPTO_CONFIG_H */
