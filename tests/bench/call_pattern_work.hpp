// The work of issue 16's call patterns, each done two ways: through the CryptoAPI as ported
// Windows code does it, and as direct Mbed TLS code doing the same work. Shared by the host's
// cachegrind program (call_patterns.cpp) and the Cortex-M3 image (bench_m3/call_patterns_m3.cpp),
// so that both count the same code; each program supplies how a failed call or a mismatch ends
// it (bench::check, bench::expect_same) and the loops and counting around this work.
#pragma once

#include <mbedtls/aes.h>
#include <mbedtls/des.h>
#include <mbedtls/md5.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>
#include <tinycapi/wincrypt.h>

#include <stdint.h>
#include <string.h>

namespace bench {

// Defined by each program: a failed call ends it (exit status 2), and so do two sides that
// give different bytes (exit status 3).
void check(bool ok, const char *what);
void expect_same(const BYTE *a, const BYTE *b, size_t length, const char *pattern);

// ---- the table --------------------------------------------------------------------------------

struct PatternRow {
    const char *name;
    const char *unit;
    unsigned target_thousandths;  // tinycapi / direct, at most (issue 16's targets)
    bool needs_rsa;
};

inline constexpr PatternRow kPatternRows[] = {
    {"sha256-64-lifecycle", "CryptCreateHash + CryptHashData 64 B + HP_HASHVAL + CryptDestroyHash", 1150, false},
    {"hashdata-64", "one CryptHashData of 64 B on a live SHA-256 hash", 1050, false},
    {"pbkdf2-hmac-sha1", "PBKDF2-HMAC-SHA-1 of 1000 iterations, minizip-ng style", 1250, false},
    {"derive-aes256", "CryptCreateHash + CryptHashData + CryptDeriveKey(AES-256) + destroys", 1300, false},
    {"rsa2048-sign", "CryptCreateHash + CryptHashData 64 B + CryptSignHash + CryptDestroyHash", 1100, true},
    {"rsa2048-verify", "CryptCreateHash + CryptHashData 64 B + CryptVerifySignature + CryptDestroyHash", 1050, true},
    {"rsa2048-import", "CryptImportKey(PRIVATEKEYBLOB) + CryptDestroyKey", 1200, true},
    {"sha256-16k", "one CryptHashData of 16 KiB on a live SHA-256 hash", 1010, false},
    {"md5-16k", "one CryptHashData of 16 KiB on a live MD5 hash", 1010, false},
    {"aes128-cbc-4k", "one CryptEncrypt of 4 KiB (not final), AES-128-CBC", 1010, false},
    {"aes256-cbc-4k", "one CryptEncrypt of 4 KiB (not final), AES-256-CBC", 1010, false},
    {"3des-cbc-4k", "one CryptEncrypt of 4 KiB (not final), 3DES-CBC", 1010, false},
};

// ---- shared buffers and helpers -------------------------------------------------------------

inline BYTE input[16384];  // fill(input, sizeof input, 1) before any pattern
inline BYTE capi_output[4096];
inline BYTE direct_output[4096];

inline void fill(BYTE *bytes, size_t length, unsigned seed) {
    for (size_t i = 0; i < length; ++i) bytes[i] = static_cast<BYTE>((i * 31u + seed) & 0xff);
}

// A fixed "random" source for Mbed TLS's blinding in the direct RSA code: deterministic counts.
inline int counter_random(void *state, unsigned char *out, size_t length) {
    uint32_t &counter = *static_cast<uint32_t *>(state);
    for (size_t i = 0; i < length; ++i) {
        counter = counter * 1664525u + 1013904223u;
        out[i] = static_cast<unsigned char>(counter >> 24);
    }
    return 0;
}

// A session key from its bytes: PLAINTEXTKEYBLOB (reference §6.1). CBC with a zero IV.
inline HCRYPTKEY import_plain_key(HCRYPTPROV prov, ALG_ID algorithm, const BYTE *key, DWORD length, DWORD flags) {
    BYTE blob[12 + 64];
    BLOBHEADER header = {PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, algorithm};
    memcpy(blob, &header, sizeof header);
    memcpy(blob + 8, &length, 4);
    memcpy(blob + 12, key, length);
    HCRYPTKEY handle = 0;
    check(CryptImportKey(prov, blob, 12 + length, 0, flags, &handle) != 0, "CryptImportKey(PLAINTEXTKEYBLOB)");
    return handle;
}

// ---- SHA-256 of 64 bytes: create, hash, get value, destroy ----------------------------------

inline void sha256_lifecycle_capi(HCRYPTPROV prov, BYTE *digest) {
    HCRYPTHASH hash = 0;
    check(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash) != 0, "CryptCreateHash");
    check(CryptHashData(hash, input, 64, 0) != 0, "CryptHashData");
    DWORD length = 32;
    check(CryptGetHashParam(hash, HP_HASHVAL, digest, &length, 0) != 0, "CryptGetHashParam");
    check(CryptDestroyHash(hash) != 0, "CryptDestroyHash");
}

inline void sha256_lifecycle_direct(BYTE *digest) {
    mbedtls_sha256_context context;
    mbedtls_sha256_init(&context);
    check(mbedtls_sha256_starts(&context, 0) == 0 && mbedtls_sha256_update(&context, input, 64) == 0 &&
              mbedtls_sha256_finish(&context, digest) == 0,
          "mbedtls_sha256");
    mbedtls_sha256_free(&context);
}

// ---- updates on a live hash: 64 B SHA-256, 16 KiB SHA-256 and MD5 ----------------------------

struct LiveHash {
    ALG_ID algorithm = 0;
    DWORD length = 0;
    HCRYPTHASH hash = 0;
    mbedtls_sha256_context sha256;
    mbedtls_md5_context md5;

    void set_up(HCRYPTPROV prov, ALG_ID hash_algorithm, DWORD update_length) {
        algorithm = hash_algorithm;
        length = update_length;
        check(CryptCreateHash(prov, algorithm, 0, 0, &hash) != 0, "CryptCreateHash");
        mbedtls_sha256_init(&sha256);
        mbedtls_md5_init(&md5);
        check(mbedtls_sha256_starts(&sha256, 0) == 0 && mbedtls_md5_starts(&md5) == 0, "starts");
    }
    void tear_down() {
        check(CryptDestroyHash(hash) != 0, "CryptDestroyHash");
        mbedtls_sha256_free(&sha256);
        mbedtls_md5_free(&md5);
    }
    void capi() { check(CryptHashData(hash, input, length, 0) != 0, "CryptHashData"); }
    void direct() {
        const int r = algorithm == CALG_MD5 ? mbedtls_md5_update(&md5, input, length)
                                            : mbedtls_sha256_update(&sha256, input, length);
        check(r == 0, "update");
    }
    // Same bytes: the values after the same updates, read from copies so both go on.
    void compare(const char *name) {
        BYTE a[32], b[32];
        DWORD size = sizeof a;
        HCRYPTHASH copy = 0;
        check(CryptDuplicateHash(hash, nullptr, 0, &copy) != 0, "CryptDuplicateHash");
        check(CryptGetHashParam(copy, HP_HASHVAL, a, &size, 0) != 0, "CryptGetHashParam");
        check(CryptDestroyHash(copy) != 0, "CryptDestroyHash");
        if (algorithm == CALG_MD5) {
            mbedtls_md5_context c;
            mbedtls_md5_init(&c);
            mbedtls_md5_clone(&c, &md5);
            check(mbedtls_md5_finish(&c, b) == 0, "md5_finish");
            mbedtls_md5_free(&c);
        } else {
            mbedtls_sha256_context c;
            mbedtls_sha256_init(&c);
            mbedtls_sha256_clone(&c, &sha256);
            check(mbedtls_sha256_finish(&c, b) == 0, "sha256_finish");
            mbedtls_sha256_free(&c);
        }
        expect_same(a, b, size, name);
    }
};

// ---- PBKDF2-HMAC-SHA-1, 1000 iterations, as minizip-ng's Windows backend does it -----------
// The password is a PLAINTEXTKEYBLOB naming CALG_RC2 imported with CRYPT_IPSEC_HMAC_KEY, the
// HMAC a CALG_HMAC hash keyed with it; every iteration duplicates the keyed hash, hashes the
// previous U, reads the value and destroys the copy. The direct side keeps the two padded
// SHA-1 states and copies them per iteration: the same compressions.

inline constexpr int kPbkdf2Iterations = 1000;

struct Pbkdf2 {
    HCRYPTKEY password_key = 0;
    HCRYPTHASH keyed = 0;
    mbedtls_sha1_context inner_padded, outer_padded;
    BYTE password[16], salt[16];
    BYTE result[20];

    void set_up(HCRYPTPROV prov) {
        fill(password, sizeof password, 7);
        fill(salt, sizeof salt, 11);
        password_key = import_plain_key(prov, CALG_RC2, password, sizeof password, CRYPT_IPSEC_HMAC_KEY);
        check(CryptCreateHash(prov, CALG_HMAC, password_key, 0, &keyed) != 0, "CryptCreateHash(CALG_HMAC)");
        HMAC_INFO info = {};
        info.HashAlgid = CALG_SHA1;
        check(CryptSetHashParam(keyed, HP_HMAC_INFO, reinterpret_cast<const BYTE *>(&info), 0) != 0, "HP_HMAC_INFO");
        BYTE pad[64];
        mbedtls_sha1_init(&inner_padded);
        mbedtls_sha1_init(&outer_padded);
        for (int i = 0; i < 64; ++i) pad[i] = static_cast<BYTE>((i < 16 ? password[i] : 0) ^ 0x36);
        check(mbedtls_sha1_starts(&inner_padded) == 0 && mbedtls_sha1_update(&inner_padded, pad, 64) == 0, "sha1");
        for (int i = 0; i < 64; ++i) pad[i] = static_cast<BYTE>((i < 16 ? password[i] : 0) ^ 0x5c);
        check(mbedtls_sha1_starts(&outer_padded) == 0 && mbedtls_sha1_update(&outer_padded, pad, 64) == 0, "sha1");
    }
    void tear_down() {
        check(CryptDestroyHash(keyed) != 0 && CryptDestroyKey(password_key) != 0, "destroy");
        mbedtls_sha1_free(&inner_padded);
        mbedtls_sha1_free(&outer_padded);
    }
    void capi_hmac(const BYTE *data, DWORD length, BYTE *out) {
        HCRYPTHASH copy = 0;
        check(CryptDuplicateHash(keyed, nullptr, 0, &copy) != 0, "CryptDuplicateHash");
        check(CryptHashData(copy, data, length, 0) != 0, "CryptHashData");
        DWORD size = 20;
        check(CryptGetHashParam(copy, HP_HASHVAL, out, &size, 0) != 0, "CryptGetHashParam");
        check(CryptDestroyHash(copy) != 0, "CryptDestroyHash");
    }
    void direct_hmac(const BYTE *data, size_t length, BYTE *out) {
        mbedtls_sha1_context c;
        BYTE inner[20];
        mbedtls_sha1_init(&c);
        mbedtls_sha1_clone(&c, &inner_padded);
        check(mbedtls_sha1_update(&c, data, length) == 0 && mbedtls_sha1_finish(&c, inner) == 0, "sha1");
        mbedtls_sha1_clone(&c, &outer_padded);
        check(mbedtls_sha1_update(&c, inner, 20) == 0 && mbedtls_sha1_finish(&c, out) == 0, "sha1");
        mbedtls_sha1_free(&c);
    }
    template <typename Hmac>
    void derive(Hmac hmac) {
        BYTE u[20];
        BYTE block[20];  // salt ‖ INT(1)
        memcpy(block, salt, 16);
        block[16] = 0, block[17] = 0, block[18] = 0, block[19] = 1;
        hmac(block, 20, u);
        memcpy(result, u, 20);
        for (int i = 1; i < kPbkdf2Iterations; ++i) {
            hmac(u, 20, u);
            for (int k = 0; k < 20; ++k) result[k] ^= u[k];
        }
    }
    void capi() {
        derive([this](const BYTE *d, size_t n, BYTE *o) { capi_hmac(d, static_cast<DWORD>(n), o); });
    }
    void direct() {
        derive([this](const BYTE *d, size_t n, BYTE *o) { direct_hmac(d, n, o); });
    }
    // Same bytes: both sides derive the same 20 bytes.
    void compare(const char *name) {
        BYTE a[20];
        capi();
        memcpy(a, result, 20);
        direct();
        expect_same(a, result, 20, name);
    }
};

// ---- CryptDeriveKey SHA-256 -> AES-256 ---------------------------------------------------------
// Create the hash, hash a password, derive the key, destroy both. Direct: SHA-256 of the
// password, both AES schedules (tinycapi keys both directions), freed.

// `encrypted_block`, when given, receives the first 16 input bytes encrypted with the key.
inline void derive_capi(HCRYPTPROV prov, BYTE *encrypted_block) {
    HCRYPTHASH hash = 0;
    HCRYPTKEY key = 0;
    check(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash) != 0, "CryptCreateHash");
    check(CryptHashData(hash, input, 12, 0) != 0, "CryptHashData");
    check(CryptDeriveKey(prov, CALG_AES_256, hash, 0, &key) != 0, "CryptDeriveKey");
    if (encrypted_block) {
        memcpy(encrypted_block, input, 16);
        DWORD length = 16;
        check(CryptEncrypt(key, 0, FALSE, 0, encrypted_block, &length, 16) != 0, "CryptEncrypt");
    }
    check(CryptDestroyKey(key) != 0, "CryptDestroyKey");
    check(CryptDestroyHash(hash) != 0, "CryptDestroyHash");
}

// `encrypted_block` receives the first 16 input bytes encrypted with the key (ECB, which is
// what CBC with a zero IV does to a first block).
inline void derive_direct(BYTE *encrypted_block) {
    BYTE key[32];
    mbedtls_sha256_context sha;
    mbedtls_sha256_init(&sha);
    check(mbedtls_sha256_starts(&sha, 0) == 0 && mbedtls_sha256_update(&sha, input, 12) == 0 &&
              mbedtls_sha256_finish(&sha, key) == 0,
          "sha256");
    mbedtls_sha256_free(&sha);
    mbedtls_aes_context encrypt, decrypt;
    mbedtls_aes_init(&encrypt);
    mbedtls_aes_init(&decrypt);
    check(mbedtls_aes_setkey_enc(&encrypt, key, 256) == 0 && mbedtls_aes_setkey_dec(&decrypt, key, 256) == 0, "aes");
    check(mbedtls_aes_crypt_ecb(&encrypt, MBEDTLS_AES_ENCRYPT, input, encrypted_block) == 0, "aes");
    mbedtls_aes_free(&encrypt);
    mbedtls_aes_free(&decrypt);
}

inline void derive_compare(HCRYPTPROV prov, const char *name) {
    BYTE a[16], b[16];
    derive_capi(prov, a);
    derive_direct(b);
    expect_same(a, b, 16, name);
}

// ---- bulk ciphers: CryptEncrypt of 4 KiB (not final) on a live CBC key --------------------

struct LiveCipher {
    ALG_ID algorithm = 0;
    HCRYPTKEY key = 0;
    BYTE iv[16] = {};
    mbedtls_aes_context aes;
    mbedtls_des3_context des3;

    void set_up(HCRYPTPROV prov, ALG_ID cipher, DWORD key_length) {
        algorithm = cipher;
        memset(iv, 0, sizeof iv);  // the chain of a key imported just now
        BYTE key_bytes[32];
        fill(key_bytes, sizeof key_bytes, 3);
        key = import_plain_key(prov, algorithm, key_bytes, key_length, 0);
        mbedtls_aes_init(&aes);
        mbedtls_des3_init(&des3);
        if (algorithm == CALG_3DES) {
            check(mbedtls_des3_set3key_enc(&des3, key_bytes) == 0, "des3_set3key_enc");
        } else {
            check(mbedtls_aes_setkey_enc(&aes, key_bytes, key_length * 8) == 0, "aes_setkey_enc");
        }
    }
    void tear_down() {
        check(CryptDestroyKey(key) != 0, "CryptDestroyKey");
        mbedtls_aes_free(&aes);
        mbedtls_des3_free(&des3);
    }
    void capi() {
        memcpy(capi_output, input, sizeof capi_output);
        DWORD length = sizeof capi_output;
        check(CryptEncrypt(key, 0, FALSE, 0, capi_output, &length, sizeof capi_output) != 0, "CryptEncrypt");
    }
    // In place, as CryptEncrypt works: both sides copy the same plaintext into their buffer
    // first (on the M3 that copy is about 1 % of an AES-128 pass).
    void direct() {
        memcpy(direct_output, input, sizeof direct_output);
        const int r = algorithm == CALG_3DES ? mbedtls_des3_crypt_cbc(&des3, MBEDTLS_DES_ENCRYPT, sizeof direct_output, iv,
                                                                      direct_output, direct_output)
                                             : mbedtls_aes_crypt_cbc(&aes, MBEDTLS_AES_ENCRYPT, sizeof direct_output, iv,
                                                                     direct_output, direct_output);
        check(r == 0, "crypt_cbc");
    }
    // Same bytes: both chains have gone on by the same number of blocks.
    void compare(const char *name) {
        capi();
        direct();
        expect_same(capi_output, direct_output, sizeof capi_output, name);
    }
};

// ---- RSA-2048: sign, verify, import ------------------------------------------------------------

// A PRIVATEKEYBLOB of 2048 bits (reference §6.2): header, n, p, q, dp, dq, qinv, d.
inline constexpr DWORD kRsa2048BlobSize = 20 + 2 * 256 + 5 * 128;

struct Rsa {
    const BYTE *blob = nullptr;  // kRsa2048BlobSize bytes, e = 65537
    HCRYPTKEY pair = 0;
    HCRYPTKEY public_key = 0;
    mbedtls_rsa_context context;
    uint32_t counter = 1;
    BYTE capi_signature[256];
    BYTE direct_signature[256];  // big-endian, as Mbed TLS writes it

    void set_up(HCRYPTPROV prov, const BYTE *private_key_blob) {
        blob = private_key_blob;
        check(CryptImportKey(prov, blob, kRsa2048BlobSize, 0, 0, &pair) != 0, "CryptImportKey(PRIVATEKEYBLOB)");
        static BYTE public_blob[20 + 256];
        DWORD length = sizeof public_blob;
        check(CryptExportKey(pair, 0, PUBLICKEYBLOB, 0, public_blob, &length) != 0, "CryptExportKey(PUBLICKEYBLOB)");
        check(CryptImportKey(prov, public_blob, length, 0, 0, &public_key) != 0, "CryptImportKey(PUBLICKEYBLOB)");
        import_direct(&context);
    }
    void tear_down() {
        check(CryptDestroyKey(public_key) != 0 && CryptDestroyKey(pair) != 0, "CryptDestroyKey");
        mbedtls_rsa_free(&context);
    }
    void capi_sign(HCRYPTPROV prov) {
        HCRYPTHASH hash = 0;
        check(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash) != 0, "CryptCreateHash");
        check(CryptHashData(hash, input, 64, 0) != 0, "CryptHashData");
        DWORD length = sizeof capi_signature;
        check(CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, capi_signature, &length) != 0, "CryptSignHash");
        check(CryptDestroyHash(hash) != 0, "CryptDestroyHash");
    }
    void direct_sign() {
        BYTE digest[32];
        check(mbedtls_sha256(input, 64, digest, 0) == 0, "sha256");
        check(mbedtls_rsa_pkcs1_sign(&context, counter_random, &counter, MBEDTLS_MD_SHA256, 32, digest,
                                     direct_signature) == 0,
              "mbedtls_rsa_pkcs1_sign");
    }
    void capi_verify(HCRYPTPROV prov) {
        HCRYPTHASH hash = 0;
        check(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash) != 0, "CryptCreateHash");
        check(CryptHashData(hash, input, 64, 0) != 0, "CryptHashData");
        check(CryptVerifySignatureA(hash, capi_signature, 256, public_key, nullptr, 0) != 0, "CryptVerifySignature");
        check(CryptDestroyHash(hash) != 0, "CryptDestroyHash");
    }
    void direct_verify() {
        BYTE digest[32];
        check(mbedtls_sha256(input, 64, digest, 0) == 0, "sha256");
        check(mbedtls_rsa_pkcs1_verify(&context, MBEDTLS_MD_SHA256, 32, digest, direct_signature) == 0,
              "mbedtls_rsa_pkcs1_verify");
    }
    void capi_import(HCRYPTPROV prov) {
        HCRYPTKEY key = 0;
        check(CryptImportKey(prov, blob, kRsa2048BlobSize, 0, 0, &key) != 0, "CryptImportKey(PRIVATEKEYBLOB)");
        check(CryptDestroyKey(key) != 0, "CryptDestroyKey");
    }
    void direct_import() {
        mbedtls_rsa_context c;
        import_direct(&c);
        mbedtls_rsa_free(&c);
    }
    // Same bytes: the same signature (PKCS#1 v1.5 is deterministic), and each side verifies it.
    void compare(HCRYPTPROV prov, const char *name) {
        capi_sign(prov);
        direct_sign();
        BYTE reversed[256];
        for (int i = 0; i < 256; ++i) reversed[i] = capi_signature[255 - i];  // CryptoAPI is little-endian (§7.1)
        expect_same(reversed, direct_signature, 256, name);
        capi_verify(prov);
        direct_verify();
    }

private:
    void big_endian(size_t offset, size_t length, BYTE *out) const {
        for (size_t i = 0; i < length; ++i) out[i] = blob[offset + length - 1 - i];
    }
    // The pair as Mbed TLS takes it: big-endian n, p, q, d (§6.2 offsets), e = 65537. Static
    // buffers: the Cortex-M3 image's stack is small.
    void import_direct(mbedtls_rsa_context *c) const {
        static BYTE n[256], p[128], q[128], d[256];
        const BYTE e[] = {0x01, 0x00, 0x01};
        big_endian(20, 256, n);
        big_endian(276, 128, p);
        big_endian(404, 128, q);
        big_endian(916, 256, d);
        mbedtls_rsa_init(c);
        check(mbedtls_rsa_import_raw(c, n, 256, p, 128, q, 128, d, 256, e, 3) == 0 && mbedtls_rsa_complete(c) == 0,
              "mbedtls_rsa_import_raw");
    }
};

}  // namespace bench
