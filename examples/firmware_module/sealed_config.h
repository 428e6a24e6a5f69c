/*
 * sealed_config — a firmware module that keeps its configuration sealed: AES-256-CBC for
 * secrecy, HMAC-SHA-256 over IV and ciphertext for integrity (encrypt-then-MAC), through the
 * Windows CryptoAPI. It is the kind of code firmware teams port from Windows, and the code the
 * tests beside it exercise on a PC: with the mock port and injected failures
 * (sealed_config_test.cpp), and with GoogleMock expectations (sealed_config_gmock_test.cpp).
 *
 * Sealed blob: IV (16) | ciphertext (padded to 16) | HMAC-SHA-256 (32).
 */
#ifndef SEALED_CONFIG_H
#define SEALED_CONFIG_H

#include <windows.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEALED_CONFIG_KEY_BYTES 64 /* 32 for AES-256, then 32 for HMAC-SHA-256 */
#define SEALED_CONFIG_OVERHEAD (16 + 16 + 32)

typedef enum sealed_config_status {
    SEALED_CONFIG_OK = 0,
    SEALED_CONFIG_BAD_ARGUMENT,  /* a NULL pointer, or an output buffer too small */
    SEALED_CONFIG_BAD_FORMAT,    /* not a sealed blob: too short or not a whole number of blocks */
    SEALED_CONFIG_TAMPERED,      /* the MAC does not match: refused before anything is decrypted */
    SEALED_CONFIG_CRYPTO_ERROR   /* a CryptoAPI call failed; GetLastError() says why */
} sealed_config_status;

/* Seals `plain` into `sealed` (room for plainLen + SEALED_CONFIG_OVERHEAD bytes); *sealedLen is
 * its size on entry and the blob's on return. */
sealed_config_status sealed_config_seal(const BYTE key[SEALED_CONFIG_KEY_BYTES], const BYTE *plain, DWORD plainLen,
                                        BYTE *sealed, DWORD *sealedLen);

/* Opens a blob of sealed_config_seal into `plain` (room for sealedLen bytes); *plainLen is its
 * size on entry and the configuration's on return. On any failure `plain` is left untouched. */
sealed_config_status sealed_config_open(const BYTE key[SEALED_CONFIG_KEY_BYTES], const BYTE *sealed, DWORD sealedLen,
                                        BYTE *plain, DWORD *plainLen);

#ifdef __cplusplus
}
#endif

#endif /* SEALED_CONFIG_H */
