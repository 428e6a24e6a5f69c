/* sealed_config: see sealed_config.h. Windows CryptoAPI code as it is written for Windows. */
#include "sealed_config.h"

#include <wincrypt.h>

#define IV_BYTES 16
#define MAC_BYTES 32
#define MAX_CONFIG_BYTES 512

/* The session keys of one seal or open, and the context they live in. */
typedef struct crypto_session {
    HCRYPTPROV hProv;
    HCRYPTKEY hAes;
    HCRYPTKEY hMacKey;
} crypto_session;

/* A PLAINTEXTKEYBLOB of `length` key bytes for `algorithm` (BLOBHEADER, DWORD length, bytes). */
static BOOL import_raw_key(HCRYPTPROV hProv, ALG_ID algorithm, DWORD flags, const BYTE *bytes, DWORD length,
                           HCRYPTKEY *phKey) {
    BYTE blob[sizeof(BLOBHEADER) + sizeof(DWORD) + 32];
    BLOBHEADER header;
    BOOL ok;
    header.bType = PLAINTEXTKEYBLOB;
    header.bVersion = CUR_BLOB_VERSION;
    header.reserved = 0;
    header.aiKeyAlg = algorithm;
    memcpy(blob, &header, sizeof header);
    memcpy(blob + sizeof header, &length, sizeof length);
    memcpy(blob + sizeof header + sizeof length, bytes, length);
    ok = CryptImportKey(hProv, blob, (DWORD)(sizeof header + sizeof length + length), 0, flags, phKey);
    SecureZeroMemory(blob, sizeof blob);
    return ok;
}

static void close_session(crypto_session *session) {
    DWORD error = GetLastError(); /* cleanup keeps the error that made us stop */
    if (session->hMacKey) CryptDestroyKey(session->hMacKey);
    if (session->hAes) CryptDestroyKey(session->hAes);
    if (session->hProv) CryptReleaseContext(session->hProv, 0);
    SetLastError(error);
}

static BOOL open_session(const BYTE key[SEALED_CONFIG_KEY_BYTES], crypto_session *session) {
    session->hProv = 0;
    session->hAes = 0;
    session->hMacKey = 0;
    if (!CryptAcquireContext(&session->hProv, NULL, MS_ENH_RSA_AES_PROV, PROV_RSA_AES, CRYPT_VERIFYCONTEXT)) {
        session->hProv = 0;
        return FALSE;
    }
    /* HMAC keys travel as RC2 PLAINTEXTKEYBLOBs with CRYPT_IPSEC_HMAC_KEY, as on Windows. */
    if (!import_raw_key(session->hProv, CALG_AES_256, 0, key, 32, &session->hAes) ||
        !import_raw_key(session->hProv, CALG_RC2, CRYPT_IPSEC_HMAC_KEY, key + 32, 32, &session->hMacKey)) {
        close_session(session);
        return FALSE;
    }
    return TRUE;
}

/* HMAC-SHA-256 of `data` under the session's MAC key. */
static BOOL compute_mac(const crypto_session *session, const BYTE *data, DWORD length, BYTE mac[MAC_BYTES]) {
    HCRYPTHASH hHash = 0;
    HMAC_INFO info;
    DWORD macLen = MAC_BYTES;
    BOOL ok;
    memset(&info, 0, sizeof info);
    info.HashAlgid = CALG_SHA_256;
    ok = CryptCreateHash(session->hProv, CALG_HMAC, session->hMacKey, 0, &hHash) &&
         CryptSetHashParam(hHash, HP_HMAC_INFO, (const BYTE *)&info, 0) && CryptHashData(hHash, data, length, 0) &&
         CryptGetHashParam(hHash, HP_HASHVAL, mac, &macLen, 0);
    if (hHash) {
        DWORD error = GetLastError();
        CryptDestroyHash(hHash);
        SetLastError(error);
    }
    return ok;
}

/* Compares in time independent of where the first difference is. */
static BOOL same_mac(const BYTE *a, const BYTE *b) {
    BYTE difference = 0;
    int i;
    for (i = 0; i < MAC_BYTES; ++i) difference |= (BYTE)(a[i] ^ b[i]);
    return difference == 0;
}

sealed_config_status sealed_config_seal(const BYTE key[SEALED_CONFIG_KEY_BYTES], const BYTE *plain, DWORD plainLen,
                                        BYTE *sealed, DWORD *sealedLen) {
    crypto_session session;
    DWORD cipherLen = plainLen;
    DWORD blobLen;
    sealed_config_status status = SEALED_CONFIG_CRYPTO_ERROR;

    if (key == NULL || plain == NULL || sealed == NULL || sealedLen == NULL || plainLen > MAX_CONFIG_BYTES) {
        return SEALED_CONFIG_BAD_ARGUMENT;
    }
    blobLen = IV_BYTES + (plainLen / 16 + 1) * 16 + MAC_BYTES;
    if (*sealedLen < blobLen) return SEALED_CONFIG_BAD_ARGUMENT;
    if (!open_session(key, &session)) return SEALED_CONFIG_CRYPTO_ERROR;

    memcpy(sealed + IV_BYTES, plain, plainLen);
    if (CryptGenRandom(session.hProv, IV_BYTES, sealed) &&
        CryptSetKeyParam(session.hAes, KP_IV, sealed, 0) &&
        CryptEncrypt(session.hAes, 0, TRUE, 0, sealed + IV_BYTES, &cipherLen, blobLen - IV_BYTES - MAC_BYTES) &&
        compute_mac(&session, sealed, IV_BYTES + cipherLen, sealed + IV_BYTES + cipherLen)) {
        *sealedLen = IV_BYTES + cipherLen + MAC_BYTES;
        status = SEALED_CONFIG_OK;
    } else {
        SecureZeroMemory(sealed, blobLen); /* no plaintext left behind in a failed seal */
    }
    close_session(&session);
    return status;
}

sealed_config_status sealed_config_open(const BYTE key[SEALED_CONFIG_KEY_BYTES], const BYTE *sealed, DWORD sealedLen,
                                        BYTE *plain, DWORD *plainLen) {
    crypto_session session;
    BYTE mac[MAC_BYTES];
    BYTE work[MAX_CONFIG_BYTES + 16];
    DWORD cipherLen;
    DWORD length;
    sealed_config_status status = SEALED_CONFIG_CRYPTO_ERROR;

    if (key == NULL || sealed == NULL || plain == NULL || plainLen == NULL) return SEALED_CONFIG_BAD_ARGUMENT;
    if (sealedLen < SEALED_CONFIG_OVERHEAD || (sealedLen - IV_BYTES - MAC_BYTES) % 16 != 0 ||
        sealedLen - IV_BYTES - MAC_BYTES > sizeof work) {
        return SEALED_CONFIG_BAD_FORMAT;
    }
    cipherLen = sealedLen - IV_BYTES - MAC_BYTES;
    if (!open_session(key, &session)) return SEALED_CONFIG_CRYPTO_ERROR;

    if (!compute_mac(&session, sealed, IV_BYTES + cipherLen, mac)) {
        status = SEALED_CONFIG_CRYPTO_ERROR;
    } else if (!same_mac(mac, sealed + IV_BYTES + cipherLen)) {
        status = SEALED_CONFIG_TAMPERED;
    } else {
        memcpy(work, sealed + IV_BYTES, cipherLen);
        length = cipherLen;
        if (CryptSetKeyParam(session.hAes, KP_IV, sealed, 0) &&
            CryptDecrypt(session.hAes, 0, TRUE, 0, work, &length)) {
            if (length <= *plainLen) {
                memcpy(plain, work, length);
                *plainLen = length;
                status = SEALED_CONFIG_OK;
            } else {
                status = SEALED_CONFIG_BAD_ARGUMENT;
            }
        }
        SecureZeroMemory(work, sizeof work);
    }
    close_session(&session);
    return status;
}
