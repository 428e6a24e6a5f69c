/*
 * A configuration for parts with 16 KiB of RAM, stack included: the BBC micro:bit's nRF51822
 * (Cortex-M0). The qemu-microbit board (preset cortex-m0-microbit) runs the on-target suite
 * and the demo in it; the tests of what it switches off drop out through these same macros.
 *
 * SHA-1, SHA-256, HMAC and AES: what a small device needs for integrity, key derivation and
 * encryption. No RSA (its bignum arena alone would be 16 KiB), no MD2/MD4/MD5, no DES, RC2,
 * RC4 or SHA-384/512, no CALG_MAC or CFB mode, no named containers (verify contexts only), and
 * only the provider that offers SHA-256 and AES: MS_ENH_RSA_AES_PROV (PROV_RSA_AES).
 */
#ifndef TINYCAPI_RAM16K_CONFIG_H
#define TINYCAPI_RAM16K_CONFIG_H

#define TINYCAPI_MAX_PROVIDERS 2
#define TINYCAPI_MAX_KEYS 4
#define TINYCAPI_MAX_HASHES 4
#define TINYCAPI_MAX_CONTAINERS 2

#define TINYCAPI_ENABLE_MD2 0
#define TINYCAPI_ENABLE_MD4 0
#define TINYCAPI_ENABLE_MD5 0
#define TINYCAPI_ENABLE_SHA384_512 0
#define TINYCAPI_ENABLE_DES 0
#define TINYCAPI_ENABLE_RC2 0
#define TINYCAPI_ENABLE_RC4 0
#define TINYCAPI_ENABLE_RSA 0
#define TINYCAPI_ENABLE_MAC 0 /* the on-target runner proves the switches' errors */
#define TINYCAPI_ENABLE_CFB 0
#define TINYCAPI_ENABLE_NAMED_CONTAINERS 0
#define TINYCAPI_ENABLE_PROV_RSA_FULL 0

/* Without RSA a container holds no key pair: its records need no room (the default reserves
 * a 2048-bit pair, 272 bytes, twice per container). Container names stay Windows-sized. */
#define TINYCAPI_CONTAINER_RECORD_MAX 16

#endif
