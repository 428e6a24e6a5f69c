/*
 * What a task links in each configuration of tools/footprint --table. Never run: it is linked
 * with --gc-sections against libtinycapi.a and Mbed TLS, and the map says what each part costs.
 *
 *   PROBE_LEVEL 0  minimal: SHA-256 through a verify context (config/examples/sha256_only_config.h)
 *   PROBE_LEVEL 1  hashes+HMAC+AES: SHA-1/SHA-256, HMAC keyed by an IPSEC key blob
 *                  (CryptDuplicateHash per iteration, as PBKDF2 code does), AES-128-CBC with an
 *                  IV (config/examples/hash_hmac_aes_config.h)
 *   PROBE_LEVEL 2  full with RSA: every entry point of <tinycapi/wincrypt.h>, default configuration
 */
#include <stddef.h>
#include <stdint.h>
#include <tinycapi/wincrypt.h>

/* The board's TRNG hook; a probe has none (CryptGenRandom would fail, which is fine unrun). */
int tinycapi_port_entropy(uint8_t *buffer, size_t length) {
    (void)buffer;
    (void)length;
    return -1;
}

volatile uintptr_t probe_sink;

static void sha256(HCRYPTPROV prov, const BYTE *data, DWORD length, BYTE digest[32]) {
    HCRYPTHASH hash = 0;
    DWORD size = 32;
    if (CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash)) {
        CryptHashData(hash, data, length, 0);
        CryptGetHashParam(hash, HP_HASHVAL, digest, &size, 0);
        CryptDestroyHash(hash);
    }
}

#if PROBE_LEVEL >= 1
static void hmac_and_aes(HCRYPTPROV prov, BYTE *buffer, DWORD length) {
    struct {
        BLOBHEADER header;
        DWORD size;
        BYTE key[16];
    } blob = {{PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, CALG_RC2}, 16, {0}};
    HCRYPTKEY password = 0, aes = 0;
    HCRYPTHASH keyed = 0, copy = 0;
    HMAC_INFO info = {CALG_SHA1, NULL, 0, NULL, 0};
    DWORD size = 20;
    if (CryptImportKey(prov, (const BYTE *)&blob, sizeof blob, 0, CRYPT_IPSEC_HMAC_KEY, &password) &&
        CryptCreateHash(prov, CALG_HMAC, password, 0, &keyed) &&
        CryptSetHashParam(keyed, HP_HMAC_INFO, (const BYTE *)&info, 0) &&
        CryptDuplicateHash(keyed, NULL, 0, &copy)) {
        CryptHashData(copy, buffer, length, 0);
        CryptGetHashParam(copy, HP_HASHVAL, buffer, &size, 0);
        CryptDestroyHash(copy);
    }
    CryptDestroyHash(keyed);
    CryptDestroyKey(password);
    blob.header.aiKeyAlg = CALG_AES_128;
    if (CryptImportKey(prov, (const BYTE *)&blob, sizeof blob, 0, 0, &aes)) {
        DWORD out = length;
        CryptSetKeyParam(aes, KP_IV, buffer, 0);
        CryptEncrypt(aes, 0, TRUE, 0, buffer, &out, length + 16);
        CryptDecrypt(aes, 0, TRUE, 0, buffer, &out);
        CryptDestroyKey(aes);
    }
}
#endif

#if PROBE_LEVEL >= 2
/* Every entry point: a full build's image links the whole API. */
static const void *const every_entry_point[] = {
    (const void *)CryptAcquireContextA, (const void *)CryptAcquireContextW, (const void *)CryptBinaryToStringA,
    (const void *)CryptBinaryToStringW, (const void *)CryptContextAddRef, (const void *)CryptCreateHash,
    (const void *)CryptDecodeObject, (const void *)CryptDecodeObjectEx, (const void *)CryptDecrypt,
    (const void *)CryptDeriveKey, (const void *)CryptDestroyHash, (const void *)CryptDestroyKey,
    (const void *)CryptDuplicateHash, (const void *)CryptDuplicateKey, (const void *)CryptEncodeObject,
    (const void *)CryptEncodeObjectEx, (const void *)CryptEncrypt, (const void *)CryptEnumProviderTypesA,
    (const void *)CryptEnumProviderTypesW, (const void *)CryptEnumProvidersA, (const void *)CryptEnumProvidersW,
    (const void *)CryptExportKey, (const void *)CryptExportPublicKeyInfo, (const void *)CryptExportPublicKeyInfoEx,
    (const void *)CryptGenKey, (const void *)CryptGenRandom, (const void *)CryptGetDefaultProviderA,
    (const void *)CryptGetDefaultProviderW, (const void *)CryptGetHashParam, (const void *)CryptGetKeyParam,
    (const void *)CryptGetProvParam, (const void *)CryptGetUserKey, (const void *)CryptHashData,
    (const void *)CryptHashSessionKey, (const void *)CryptImportKey, (const void *)CryptImportPublicKeyInfo,
    (const void *)CryptImportPublicKeyInfoEx, (const void *)CryptReleaseContext, (const void *)CryptSetHashParam,
    (const void *)CryptSetKeyParam, (const void *)CryptSetProvParam, (const void *)CryptSetProviderA,
    (const void *)CryptSetProviderExA, (const void *)CryptSetProviderExW, (const void *)CryptSetProviderW,
    (const void *)CryptSignHashA, (const void *)CryptSignHashW, (const void *)CryptStringToBinaryA,
    (const void *)CryptStringToBinaryW, (const void *)CryptVerifySignatureA, (const void *)CryptVerifySignatureW,
    (const void *)GetLastError, (const void *)SetLastError};
#endif

void probe_main(void) {
    static BYTE buffer[64];
    HCRYPTPROV prov = 0;
    if (!CryptAcquireContextA(&prov, NULL, NULL, PROV_RSA_AES, CRYPT_VERIFYCONTEXT)) return;
    sha256(prov, buffer, sizeof buffer, buffer);
#if PROBE_LEVEL >= 1
    hmac_and_aes(prov, buffer, 32);
#endif
#if PROBE_LEVEL >= 2
    for (size_t i = 0; i < sizeof every_entry_point / sizeof every_entry_point[0]; ++i) {
        probe_sink += (uintptr_t)every_entry_point[i];
    }
#endif
    CryptReleaseContext(prov, 0);
}
