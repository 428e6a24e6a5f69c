/*
 * The Mbed TLS 3.6 configuration tinycapi builds Mbed TLS with (MBEDTLS_CONFIG_FILE).
 *
 * Only what tinycapi calls is enabled, derived from the algorithm switches of
 * tinycapi_config.h, so a switched-off algorithm costs no flash. No PSA, no TLS, no file
 * system, no platform entropy (entropy comes from the tinycapi port), no threading layer
 * (tinycapi serialises the shared DRBG itself).
 *
 * Bringing your own Mbed TLS build instead: see config/tinycapi_mbedtls_check.h, which names
 * each option this file turns on that your build lacks.
 */
#ifndef TINYCAPI_MBEDTLS_CONFIG_H
#define TINYCAPI_MBEDTLS_CONFIG_H

#include "tinycapi_config.h"

/* Always: CryptGenRandom's CTR_DRBG (AES-256) and secret wiping. */
#define MBEDTLS_AES_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_NO_PLATFORM_ENTROPY
/* AES tables in flash, not 8 KiB of RAM: MCU RAM is scarcer than flash. On an x86-64 host
 * (TINYCAPI_HOST_AES_ACCELERATION), AES-NI and the four-table software fallback instead. */
#define MBEDTLS_AES_ROM_TABLES
#if TINYCAPI_HOST_AES_ACCELERATION
#define MBEDTLS_HAVE_ASM
#define MBEDTLS_AESNI_C
#else
#define MBEDTLS_AES_FEWER_TABLES
#endif

#if TINYCAPI_ENABLE_AES
#define MBEDTLS_CIPHER_MODE_CBC
#endif
#if TINYCAPI_ENCRYPT_KEYS_AT_REST
#define MBEDTLS_GCM_C /* key pairs at rest: AES-256-GCM over the block-cipher layer */
#endif
/* psa: the library's DES is crypto/legacy/des and never references Mbed TLS's, which stays
 * in the archive as the tests' independent model (the linker drops it from firmware). */
#if TINYCAPI_ENABLE_DES
#define MBEDTLS_DES_C
#define MBEDTLS_CIPHER_MODE_CBC
#endif
#if TINYCAPI_ENABLE_MD5
#define MBEDTLS_MD5_C
#endif
#if TINYCAPI_ENABLE_SHA1
#define MBEDTLS_SHA1_C
#endif
#if TINYCAPI_ENABLE_SHA256
#define MBEDTLS_SHA256_C
#endif
#if TINYCAPI_ENABLE_SHA384_512
#define MBEDTLS_SHA384_C
#define MBEDTLS_SHA512_C
#endif

/* The psa backend (core/crypto/psa): Mbed TLS 3.6's own PSA core, with the builtin drivers
 * that the legacy options above and below enable. Its random numbers come from CryptGenRandom's
 * CTR_DRBG (core/crypto/psa/psa_core.cpp); it never copies caller buffers into the arena; its
 * key slots are a fixed table, and the key material in them lives in the arena. No
 * MBEDTLS_THREADING_C: tinycapi serialises every PSA call that touches the key slots on
 * TINYCAPI_LOCK_ARENA (docs/ARCHITECTURE.md, "Crypto backends"). */
#if TINYCAPI_CRYPTO_BACKEND_PSA
#define MBEDTLS_PSA_CRYPTO_C
#define MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG
#define MBEDTLS_PSA_ASSUME_EXCLUSIVE_BUFFERS
#define MBEDTLS_CIPHER_C
#ifndef MBEDTLS_PSA_KEY_SLOT_COUNT
#define MBEDTLS_PSA_KEY_SLOT_COUNT 8
#endif
#define TINYCAPI_MBEDTLS_USES_ARENA 1
#endif
#if TINYCAPI_ENABLE_RSA
#define TINYCAPI_MBEDTLS_USES_ARENA 1
#endif

#if TINYCAPI_ENABLE_RSA
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_RSA_C
#define MBEDTLS_GENPRIME
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PKCS1_V21
#define MBEDTLS_MD_C
#define MBEDTLS_OID_C
#define MBEDTLS_SHA1_C /* OAEP and MGF1 are SHA-1 in CryptoAPI */
#define MBEDTLS_MPI_MAX_SIZE ((TINYCAPI_RSA_MAX_BITS + 7) / 8)
/* Windows generates RSA keys down to 384 bits; Mbed TLS refuses below 1024 by default. */
#define MBEDTLS_RSA_GEN_KEY_MIN_BITS 384
#if TINYCAPI_CRYPTO_BACKEND_PSA
#define MBEDTLS_ASN1_PARSE_C /* PSA's RSA keys cross its API as PKCS#1 DER */
#define MBEDTLS_ASN1_WRITE_C
#endif
#endif

#ifdef TINYCAPI_MBEDTLS_USES_ARENA
/* Bignum memory, and the PSA core's key material and cipher contexts, come from tinycapi's
 * fixed arena, chosen at compile time so that no heap function is ever referenced
 * (core/crypto/arena.hpp). */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_PLATFORM_CALLOC_MACRO tinycapi_arena_calloc
#define MBEDTLS_PLATFORM_FREE_MACRO tinycapi_arena_free
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif
void *tinycapi_arena_calloc(size_t count, size_t size);
void tinycapi_arena_free(void *memory);
#ifdef __cplusplus
}
#endif
#endif

#endif /* TINYCAPI_MBEDTLS_CONFIG_H */
