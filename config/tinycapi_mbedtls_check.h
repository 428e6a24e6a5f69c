/*
 * Compile-time check of an Mbed TLS build that tinycapi did not configure itself (a user's
 * installed package or source tree with its own configuration): each option tinycapi needs
 * for the algorithms enabled in tinycapi_config.h is named when it is missing.
 * Included by core/crypto after <mbedtls/build_info.h>.
 */
#ifndef TINYCAPI_MBEDTLS_CHECK_H
#define TINYCAPI_MBEDTLS_CHECK_H

#include "tinycapi_config.h"

#if defined(TF_PSA_CRYPTO_VERSION_MAJOR)
/* TF-PSA-Crypto 1.x (-DTINYCAPI_TF_PSA_CRYPTO_DIR): the psa backend only. */
#if TF_PSA_CRYPTO_VERSION_MAJOR != 1 || !TINYCAPI_CRYPTO_BACKEND_PSA
#error "tinycapi builds on TF-PSA-Crypto 1.x with the psa backend only"
#endif
#elif !defined(MBEDTLS_VERSION_MAJOR) || MBEDTLS_VERSION_MAJOR != 3 || MBEDTLS_VERSION_MINOR < 6
#error "tinycapi needs Mbed TLS 3.6 LTS"
#endif
#if !defined(MBEDTLS_AES_C)
#error "tinycapi needs MBEDTLS_AES_C (CryptGenRandom's CTR_DRBG)"
#endif
#if !defined(MBEDTLS_CTR_DRBG_C)
#error "tinycapi needs MBEDTLS_CTR_DRBG_C (CryptGenRandom)"
#endif
#if defined(MBEDTLS_CTR_DRBG_USE_128_BIT_KEY)
#error "tinycapi needs the AES-256 CTR_DRBG: undefine MBEDTLS_CTR_DRBG_USE_128_BIT_KEY"
#endif
#if TINYCAPI_ENCRYPT_KEYS_AT_REST && !defined(MBEDTLS_GCM_C)
#error "tinycapi with TINYCAPI_ENCRYPT_KEYS_AT_REST needs MBEDTLS_GCM_C (key pairs at rest)"
#endif
#if TINYCAPI_ENABLE_AES && !defined(MBEDTLS_CIPHER_MODE_CBC)
#error "tinycapi with TINYCAPI_ENABLE_AES needs MBEDTLS_CIPHER_MODE_CBC"
#endif
#if TINYCAPI_ENABLE_AES && defined(MBEDTLS_AES_ONLY_128_BIT_KEY_LENGTH)
#error "tinycapi with TINYCAPI_ENABLE_AES needs AES-192/256: undefine MBEDTLS_AES_ONLY_128_BIT_KEY_LENGTH"
#endif
#if (TINYCAPI_ENABLE_AES || TINYCAPI_ENABLE_DES) && defined(MBEDTLS_BLOCK_CIPHER_NO_DECRYPT)
#error "tinycapi decrypts with ECB and CBC: undefine MBEDTLS_BLOCK_CIPHER_NO_DECRYPT"
#endif
#if TINYCAPI_ENABLE_DES && !TINYCAPI_CRYPTO_BACKEND_PSA && !(defined(MBEDTLS_DES_C) && defined(MBEDTLS_CIPHER_MODE_CBC))
#error "tinycapi with TINYCAPI_ENABLE_DES needs MBEDTLS_DES_C and MBEDTLS_CIPHER_MODE_CBC"
#endif
#if TINYCAPI_ENABLE_MD5 && !defined(MBEDTLS_MD5_C)
#error "tinycapi with TINYCAPI_ENABLE_MD5 needs MBEDTLS_MD5_C"
#endif
#if TINYCAPI_ENABLE_SHA1 && !defined(MBEDTLS_SHA1_C)
#error "tinycapi with TINYCAPI_ENABLE_SHA1 needs MBEDTLS_SHA1_C"
#endif
#if TINYCAPI_ENABLE_SHA256 && !defined(MBEDTLS_SHA256_C)
#error "tinycapi with TINYCAPI_ENABLE_SHA256 needs MBEDTLS_SHA256_C"
#endif
#if TINYCAPI_ENABLE_SHA384_512 && !(defined(MBEDTLS_SHA384_C) && defined(MBEDTLS_SHA512_C))
#error "tinycapi with TINYCAPI_ENABLE_SHA384_512 needs MBEDTLS_SHA384_C and MBEDTLS_SHA512_C"
#endif
#if TINYCAPI_ENABLE_RSA && !(defined(MBEDTLS_RSA_C) && defined(MBEDTLS_BIGNUM_C) && \
                             defined(MBEDTLS_GENPRIME) && defined(MBEDTLS_PKCS1_V15) && \
                             defined(MBEDTLS_PKCS1_V21))
#error "tinycapi with TINYCAPI_ENABLE_RSA needs MBEDTLS_RSA_C, MBEDTLS_BIGNUM_C, MBEDTLS_GENPRIME, MBEDTLS_PKCS1_V15 and MBEDTLS_PKCS1_V21"
#endif

#if TINYCAPI_ENABLE_RSA && MBEDTLS_RSA_GEN_KEY_MIN_BITS > 384
#error "tinycapi with TINYCAPI_ENABLE_RSA generates keys from 384 bits as Windows does: set MBEDTLS_RSA_GEN_KEY_MIN_BITS to 384"
#endif
#if TINYCAPI_ENABLE_RSA && (defined(MBEDTLS_RSA_ALT) || defined(MBEDTLS_RSA_NO_CRT))
#error "tinycapi with TINYCAPI_ENABLE_RSA needs Mbed TLS's own RSA with CRT: undefine MBEDTLS_RSA_ALT and MBEDTLS_RSA_NO_CRT"
#endif
#if TINYCAPI_ENABLE_RSA && !defined(MBEDTLS_PLATFORM_MEMORY)
#error "tinycapi with TINYCAPI_ENABLE_RSA needs MBEDTLS_PLATFORM_MEMORY (bignum memory comes from tinycapi's arena)"
#endif
#if TINYCAPI_CRYPTO_BACKEND_PSA && !(defined(MBEDTLS_PSA_CRYPTO_C) && defined(MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG))
#error "tinycapi's psa backend needs MBEDTLS_PSA_CRYPTO_C and MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG (PSA draws from CryptGenRandom's generator)"
#endif
#if TINYCAPI_CRYPTO_BACKEND_PSA && !defined(MBEDTLS_PSA_ASSUME_EXCLUSIVE_BUFFERS)
#error "tinycapi's psa backend needs MBEDTLS_PSA_ASSUME_EXCLUSIVE_BUFFERS (no arena copy of every CryptEncrypt buffer)"
#endif

#endif /* TINYCAPI_MBEDTLS_CHECK_H */
