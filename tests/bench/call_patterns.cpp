// The call patterns of issue 16, each done twice: through the CryptoAPI as ported Windows code
// does it, and with direct Mbed TLS code doing the same work. tools/bench runs this program
// under valgrind's cachegrind with two repeat counts and divides the difference of the
// instruction counts by the difference of the counts, so set-up and checks cancel out and
// what remains is the instructions of one repetition: deterministic, not a timing.
//
//   tinycapi_call_patterns PATTERN SIDE COUNT [RSA-BLOB-FILE]
//       SIDE is capi or direct. Before the COUNT repetitions, both sides are run once and must
//       produce the same bytes (the program exits with status 3 when they do not).
//   tinycapi_call_patterns --make-rsa-blob FILE
//       writes the PRIVATEKEYBLOB of a fresh RSA-2048 pair (the RSA patterns read it; made
//       once, natively, because generation under valgrind takes minutes).
//   tinycapi_call_patterns --list
//       the patterns, one per line: name, unit repeated, target ratio.
//   tinycapi_call_patterns --scaling [SECONDS]
//       issue 16's scaling figure, timed (not counted): operations per second of one thread and
//       of two threads, each thread on its own context and hashes, and their ratio.
//
// The library is the one firmware links: the tinycapi target with the posix port.
#include <mbedtls/aes.h>
#include <mbedtls/des.h>
#include <mbedtls/md5.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>
#include <tinycapi/wincrypt.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

namespace {

// ---- helpers ------------------------------------------------------------------------------

[[noreturn]] void die(const char *what) {
    fprintf(stderr, "tinycapi_call_patterns: %s failed (error 0x%lx)\n", what, static_cast<unsigned long>(GetLastError()));
    exit(2);
}

void check(bool ok, const char *what) {
    if (!ok) die(what);
}

void fill(BYTE *bytes, size_t length, unsigned seed) {
    for (size_t i = 0; i < length; ++i) bytes[i] = static_cast<BYTE>((i * 31u + seed) & 0xff);
}

void expect_same(const BYTE *a, const BYTE *b, size_t length, const char *pattern) {
    if (memcmp(a, b, length) != 0) {
        fprintf(stderr, "tinycapi_call_patterns: %s: the CryptoAPI and direct Mbed TLS produce different bytes\n", pattern);
        exit(3);
    }
}

// A fixed "random" source for Mbed TLS's blinding in the direct RSA code: deterministic counts.
int counter_random(void *state, unsigned char *out, size_t length) {
    uint32_t &counter = *static_cast<uint32_t *>(state);
    for (size_t i = 0; i < length; ++i) {
        counter = counter * 1664525u + 1013904223u;
        out[i] = static_cast<unsigned char>(counter >> 24);
    }
    return 0;
}

HCRYPTPROV acquire() {
    HCRYPTPROV prov = 0;
    check(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) != 0, "CryptAcquireContext");
    return prov;
}

// A session key from its bytes: PLAINTEXTKEYBLOB (reference §6.1). CBC with a zero IV.
HCRYPTKEY import_plain_key(HCRYPTPROV prov, ALG_ID algorithm, const BYTE *key, DWORD length, DWORD flags) {
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

BYTE g_input[16384];
BYTE g_output[4096];
volatile BYTE g_sink;

struct Sha256Lifecycle {
    HCRYPTPROV prov = acquire();
    BYTE digest[32];
    ~Sha256Lifecycle() { CryptReleaseContext(prov, 0); }
    void capi() {
        HCRYPTHASH hash = 0;
        check(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash) != 0, "CryptCreateHash");
        check(CryptHashData(hash, g_input, 64, 0) != 0, "CryptHashData");
        DWORD length = sizeof digest;
        check(CryptGetHashParam(hash, HP_HASHVAL, digest, &length, 0) != 0, "CryptGetHashParam");
        check(CryptDestroyHash(hash) != 0, "CryptDestroyHash");
    }
    void direct() {
        mbedtls_sha256_context context;
        mbedtls_sha256_init(&context);
        check(mbedtls_sha256_starts(&context, 0) == 0 && mbedtls_sha256_update(&context, g_input, 64) == 0 &&
                  mbedtls_sha256_finish(&context, digest) == 0,
              "mbedtls_sha256");
        mbedtls_sha256_free(&context);
    }
};

// ---- one update on a live hash (64 B, or 16 KiB for the bulk figures) ------------------------

struct LiveHash {
    ALG_ID algorithm;
    DWORD length;
    HCRYPTPROV prov = acquire();
    HCRYPTHASH hash = 0;
    mbedtls_sha256_context sha256;
    mbedtls_md5_context md5;
    LiveHash(ALG_ID alg, DWORD bytes) : algorithm(alg), length(bytes) {
        check(CryptCreateHash(prov, algorithm, 0, 0, &hash) != 0, "CryptCreateHash");
        mbedtls_sha256_init(&sha256);
        mbedtls_md5_init(&md5);
        check(mbedtls_sha256_starts(&sha256, 0) == 0 && mbedtls_md5_starts(&md5) == 0, "starts");
    }
    ~LiveHash() {
        CryptDestroyHash(hash);
        CryptReleaseContext(prov, 0);
    }
    void capi() { check(CryptHashData(hash, g_input, length, 0) != 0, "CryptHashData"); }
    void direct() {
        const int r = algorithm == CALG_MD5 ? mbedtls_md5_update(&md5, g_input, length)
                                            : mbedtls_sha256_update(&sha256, g_input, length);
        check(r == 0, "update");
    }
    // Same bytes: the value after the same updates.
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
        } else {
            mbedtls_sha256_context c;
            mbedtls_sha256_init(&c);
            mbedtls_sha256_clone(&c, &sha256);
            check(mbedtls_sha256_finish(&c, b) == 0, "sha256_finish");
        }
        expect_same(a, b, size, name);
    }
};

// ---- PBKDF2-HMAC-SHA-1, 1000 iterations, as minizip-ng's Windows backend does it -----------
// The password is a PLAINTEXTKEYBLOB naming CALG_RC2 imported with CRYPT_IPSEC_HMAC_KEY, the
// HMAC a CALG_HMAC hash keyed with it, and every iteration duplicates the keyed hash,
// hashes the previous U, reads the value and destroys the copy. The direct side keeps the
// two padded SHA-1 states and copies them per iteration: the same compressions.

constexpr int kPbkdf2Iterations = 1000;

struct Pbkdf2 {
    HCRYPTPROV prov = acquire();
    HCRYPTKEY password_key = 0;
    HCRYPTHASH keyed = 0;
    mbedtls_sha1_context inner_padded, outer_padded;
    BYTE password[16], salt[16];
    BYTE result[20];
    Pbkdf2() {
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
};

// ---- CryptDeriveKey SHA-256 -> AES-256 ---------------------------------------------------------
// Create the hash, hash a password, derive the key, destroy both. Direct: SHA-256 of the
// password, both AES schedules (tinycapi keys both directions), freed.

struct DeriveAes256 {
    HCRYPTPROV prov = acquire();
    BYTE block[16];
    void capi() {
        HCRYPTHASH hash = 0;
        HCRYPTKEY key = 0;
        check(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash) != 0, "CryptCreateHash");
        check(CryptHashData(hash, g_input, 12, 0) != 0, "CryptHashData");
        check(CryptDeriveKey(prov, CALG_AES_256, hash, 0, &key) != 0, "CryptDeriveKey");
        check(CryptDestroyKey(key) != 0, "CryptDestroyKey");
        check(CryptDestroyHash(hash) != 0, "CryptDestroyHash");
    }
    void direct() {
        BYTE key[32];
        mbedtls_sha256_context sha;
        mbedtls_sha256_init(&sha);
        check(mbedtls_sha256_starts(&sha, 0) == 0 && mbedtls_sha256_update(&sha, g_input, 12) == 0 &&
                  mbedtls_sha256_finish(&sha, key) == 0,
              "sha256");
        mbedtls_sha256_free(&sha);
        mbedtls_aes_context encrypt, decrypt;
        mbedtls_aes_init(&encrypt);
        mbedtls_aes_init(&decrypt);
        check(mbedtls_aes_setkey_enc(&encrypt, key, 256) == 0 && mbedtls_aes_setkey_dec(&decrypt, key, 256) == 0, "aes");
        check(mbedtls_aes_crypt_ecb(&encrypt, MBEDTLS_AES_ENCRYPT, g_input, block) == 0, "aes");
        mbedtls_aes_free(&encrypt);
        mbedtls_aes_free(&decrypt);
    }
    void compare() {
        // The derived key encrypts one block as AES-256 keyed with SHA-256(password) does.
        HCRYPTHASH hash = 0;
        HCRYPTKEY key = 0;
        check(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash) != 0, "CryptCreateHash");
        check(CryptHashData(hash, g_input, 12, 0) != 0, "CryptHashData");
        check(CryptDeriveKey(prov, CALG_AES_256, hash, 0, &key) != 0, "CryptDeriveKey");
        BYTE data[16];
        memcpy(data, g_input, 16);
        DWORD length = 16;
        check(CryptEncrypt(key, 0, FALSE, 0, data, &length, 16) != 0, "CryptEncrypt");
        check(CryptDestroyKey(key) != 0 && CryptDestroyHash(hash) != 0, "destroy");
        direct();  // CBC with a zero IV on the first block is ECB
        expect_same(data, block, 16, "derive-aes256");
    }
};

// ---- bulk ciphers: CryptEncrypt of 4 KiB (not final) on a live CBC key --------------------

struct LiveCipher {
    ALG_ID algorithm;
    HCRYPTPROV prov = acquire();
    HCRYPTKEY key = 0;
    BYTE key_bytes[32];
    DWORD key_length;
    BYTE iv[16] = {};
    BYTE direct_out[4096];
    mbedtls_aes_context aes;
    mbedtls_des3_context des3;
    LiveCipher(ALG_ID alg, DWORD length) : algorithm(alg), key_length(length) {
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
    void capi() {
        memcpy(g_output, g_input, sizeof g_output);
        DWORD length = sizeof g_output;
        check(CryptEncrypt(key, 0, FALSE, 0, g_output, &length, sizeof g_output) != 0, "CryptEncrypt");
    }
    // In place, as CryptEncrypt works: both sides copy the same input into their buffer first.
    void direct() {
        memcpy(direct_out, g_input, sizeof direct_out);
        const int r = algorithm == CALG_3DES
                          ? mbedtls_des3_crypt_cbc(&des3, MBEDTLS_DES_ENCRYPT, sizeof direct_out, iv, direct_out, direct_out)
                          : mbedtls_aes_crypt_cbc(&aes, MBEDTLS_AES_ENCRYPT, sizeof direct_out, iv, direct_out, direct_out);
        check(r == 0, "crypt_cbc");
    }
    void compare(const char *name) {
        capi();
        direct();
        expect_same(g_output, direct_out, sizeof direct_out, name);
    }
};

// ---- RSA-2048: sign, verify, import ------------------------------------------------------------

constexpr size_t kRsaBlobSize = 20 + 2 * 256 + 5 * 128;  // PRIVATEKEYBLOB of 2048 bits (§6.2)
BYTE g_rsa_blob[kRsaBlobSize];

void read_rsa_blob(const char *path) {
    FILE *file = path ? fopen(path, "rb") : nullptr;
    if (!file || fread(g_rsa_blob, 1, sizeof g_rsa_blob, file) != sizeof g_rsa_blob) die("reading the RSA blob file");
    fclose(file);
}

void big_endian(size_t offset, size_t length, BYTE *out) {
    for (size_t i = 0; i < length; ++i) out[i] = g_rsa_blob[offset + length - 1 - i];
}

// The pair as Mbed TLS takes it: big-endian n, p, q, d (§6.2 offsets), e = 65537.
void direct_import(mbedtls_rsa_context *context) {
    BYTE n[256], p[128], q[128], d[256];
    const BYTE e[] = {0x01, 0x00, 0x01};
    big_endian(20, 256, n);
    big_endian(276, 128, p);
    big_endian(404, 128, q);
    big_endian(916, 256, d);
    mbedtls_rsa_init(context);
    check(mbedtls_rsa_import_raw(context, n, 256, p, 128, q, 128, d, 256, e, 3) == 0 && mbedtls_rsa_complete(context) == 0,
          "mbedtls_rsa_import_raw");
}

struct Rsa {
    HCRYPTPROV prov = acquire();
    HCRYPTKEY pair = 0;
    HCRYPTKEY public_key = 0;
    mbedtls_rsa_context context;
    uint32_t counter = 1;
    BYTE capi_signature[256];
    BYTE direct_signature[256];  // big-endian, as Mbed TLS writes it
    Rsa() {
        check(CryptImportKey(prov, g_rsa_blob, sizeof g_rsa_blob, 0, 0, &pair) != 0, "CryptImportKey(PRIVATEKEYBLOB)");
        BYTE public_blob[20 + 256];
        DWORD length = sizeof public_blob;
        check(CryptExportKey(pair, 0, PUBLICKEYBLOB, 0, public_blob, &length) != 0, "CryptExportKey(PUBLICKEYBLOB)");
        check(CryptImportKey(prov, public_blob, length, 0, 0, &public_key) != 0, "CryptImportKey(PUBLICKEYBLOB)");
        direct_import(&context);
    }
    void capi_sign() {
        HCRYPTHASH hash = 0;
        check(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash) != 0, "CryptCreateHash");
        check(CryptHashData(hash, g_input, 64, 0) != 0, "CryptHashData");
        DWORD length = sizeof capi_signature;
        check(CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, capi_signature, &length) != 0, "CryptSignHash");
        check(CryptDestroyHash(hash) != 0, "CryptDestroyHash");
    }
    void direct_sign() {
        BYTE digest[32];
        check(mbedtls_sha256(g_input, 64, digest, 0) == 0, "sha256");
        check(mbedtls_rsa_pkcs1_sign(&context, counter_random, &counter, MBEDTLS_MD_SHA256, 32, digest, direct_signature) ==
                  0,
              "mbedtls_rsa_pkcs1_sign");
    }
    void capi_verify() {
        HCRYPTHASH hash = 0;
        check(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash) != 0, "CryptCreateHash");
        check(CryptHashData(hash, g_input, 64, 0) != 0, "CryptHashData");
        check(CryptVerifySignatureA(hash, capi_signature, 256, public_key, nullptr, 0) != 0, "CryptVerifySignature");
        check(CryptDestroyHash(hash) != 0, "CryptDestroyHash");
    }
    void direct_verify() {
        BYTE digest[32];
        check(mbedtls_sha256(g_input, 64, digest, 0) == 0, "sha256");
        check(mbedtls_rsa_pkcs1_verify(&context, MBEDTLS_MD_SHA256, 32, digest, direct_signature) == 0,
              "mbedtls_rsa_pkcs1_verify");
    }
    void capi_import() {
        HCRYPTKEY key = 0;
        check(CryptImportKey(prov, g_rsa_blob, sizeof g_rsa_blob, 0, 0, &key) != 0, "CryptImportKey(PRIVATEKEYBLOB)");
        check(CryptDestroyKey(key) != 0, "CryptDestroyKey");
    }
    void direct_import_free() {
        mbedtls_rsa_context c;
        direct_import(&c);
        mbedtls_rsa_free(&c);
    }
    void compare() {
        capi_sign();
        direct_sign();
        BYTE reversed[256];
        for (int i = 0; i < 256; ++i) reversed[i] = capi_signature[255 - i];  // CryptoAPI is little-endian (§7.1)
        expect_same(reversed, direct_signature, 256, "rsa2048-sign");
    }
};

int make_rsa_blob(const char *path) {
    HCRYPTPROV prov = acquire();
    HCRYPTKEY key = 0;
    check(CryptGenKey(prov, AT_KEYEXCHANGE, (2048u << 16) | CRYPT_EXPORTABLE, &key) != 0, "CryptGenKey");
    DWORD length = sizeof g_rsa_blob;
    check(CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, g_rsa_blob, &length) != 0 && length == sizeof g_rsa_blob,
          "CryptExportKey(PRIVATEKEYBLOB)");
    FILE *file = fopen(path, "wb");
    if (!file || fwrite(g_rsa_blob, 1, length, file) != length || fclose(file) != 0) die("writing the RSA blob file");
    CryptDestroyKey(key);
    CryptReleaseContext(prov, 0);
    return 0;
}

// ---- the table ------------------------------------------------------------------------------

struct Pattern {
    const char *name;
    const char *unit;
    double target;     // tinycapi / direct, at most
    bool needs_rsa;
};

constexpr Pattern kPatterns[] = {
    {"sha256-64-lifecycle", "CryptCreateHash + CryptHashData 64 B + HP_HASHVAL + CryptDestroyHash", 1.15, false},
    {"hashdata-64", "one CryptHashData of 64 B on a live SHA-256 hash", 1.05, false},
    {"pbkdf2-hmac-sha1", "PBKDF2-HMAC-SHA-1 of 1000 iterations, minizip-ng style", 1.25, false},
    {"derive-aes256", "CryptCreateHash + CryptHashData + CryptDeriveKey(AES-256) + destroys", 1.30, false},
    {"rsa2048-sign", "CryptCreateHash + CryptHashData 64 B + CryptSignHash + CryptDestroyHash", 1.10, true},
    {"rsa2048-verify", "CryptCreateHash + CryptHashData 64 B + CryptVerifySignature + CryptDestroyHash", 1.05, true},
    {"rsa2048-import", "CryptImportKey(PRIVATEKEYBLOB) + CryptDestroyKey", 1.20, true},
    {"sha256-16k", "one CryptHashData of 16 KiB on a live SHA-256 hash", 1.01, false},
    {"md5-16k", "one CryptHashData of 16 KiB on a live MD5 hash", 1.01, false},
    {"aes128-cbc-4k", "one CryptEncrypt of 4 KiB (not final), AES-128-CBC", 1.01, false},
    {"aes256-cbc-4k", "one CryptEncrypt of 4 KiB (not final), AES-256-CBC", 1.01, false},
    {"3des-cbc-4k", "one CryptEncrypt of 4 KiB (not final), 3DES-CBC", 1.01, false},
};

template <typename Capi, typename Direct>
void repeat(bool capi_side, long count, Capi capi, Direct direct) {
    for (long i = 0; i < count; ++i) {
        if (capi_side) capi();
        else direct();
    }
}

int run(const char *name, bool capi_side, long count) {
    fill(g_input, sizeof g_input, 1);
    const auto is = [name](const char *n) { return strcmp(name, n) == 0; };
    if (is("sha256-64-lifecycle")) {
        Sha256Lifecycle p;
        BYTE a[32];
        p.capi();
        memcpy(a, p.digest, 32);
        p.direct();
        expect_same(a, p.digest, 32, name);
        repeat(capi_side, count, [&] { p.capi(); }, [&] { p.direct(); });
        g_sink = p.digest[0];
    } else if (is("hashdata-64") || is("sha256-16k") || is("md5-16k")) {
        LiveHash p(is("md5-16k") ? CALG_MD5 : CALG_SHA_256, is("hashdata-64") ? 64 : 16384);
        p.capi();
        p.direct();
        p.compare(name);
        repeat(capi_side, count, [&] { p.capi(); }, [&] { p.direct(); });
    } else if (is("pbkdf2-hmac-sha1")) {
        Pbkdf2 p;
        BYTE a[20];
        p.capi();
        memcpy(a, p.result, 20);
        p.direct();
        expect_same(a, p.result, 20, name);
        repeat(capi_side, count, [&] { p.capi(); }, [&] { p.direct(); });
        g_sink = p.result[0];
    } else if (is("derive-aes256")) {
        DeriveAes256 p;
        p.compare();
        repeat(capi_side, count, [&] { p.capi(); }, [&] { p.direct(); });
    } else if (is("aes128-cbc-4k") || is("aes256-cbc-4k") || is("3des-cbc-4k")) {
        LiveCipher p(is("3des-cbc-4k") ? CALG_3DES : is("aes128-cbc-4k") ? CALG_AES_128 : CALG_AES_256,
                     is("3des-cbc-4k") ? 24 : is("aes128-cbc-4k") ? 16 : 32);
        p.compare(name);
        repeat(capi_side, count, [&] { p.capi(); }, [&] { p.direct(); });
    } else if (is("rsa2048-sign") || is("rsa2048-verify") || is("rsa2048-import")) {
        Rsa p;
        p.compare();
        p.capi_verify();
        p.direct_verify();
        if (is("rsa2048-sign")) {
            repeat(capi_side, count, [&] { p.capi_sign(); }, [&] { p.direct_sign(); });
        } else if (is("rsa2048-verify")) {
            repeat(capi_side, count, [&] { p.capi_verify(); }, [&] { p.direct_verify(); });
        } else {
            repeat(capi_side, count, [&] { p.capi_import(); }, [&] { p.direct_import_free(); });
        }
        mbedtls_rsa_free(&p.context);
    } else {
        fprintf(stderr, "tinycapi_call_patterns: no pattern %s (--list)\n", name);
        return 1;
    }
    return 0;
}

// ---- two threads on independent hashes (timed; tools/bench --scaling) ----------------------

// Operations per second of `threads` threads, each doing `operation` on its own objects for
// `seconds`, all started together: over the whole run (wall clock), and while every thread was
// running. On a machine shared with other work the threads are often descheduled, which lowers
// the first figure and hides contention; the second counts operations per 500 us window and
// takes the median over the windows inside stretches where every thread ran throughout (the
// scheduler's slices last milliseconds), so it measures what two cores running at once give.
struct Throughput {
    double per_second;
    double while_all_ran;  // operations per second; 0 if no window qualified
    long windows;          // how many windows qualified
};

constexpr double kWindowSeconds = 500e-6;

template <typename Make>
Throughput throughput(int threads, double seconds, Make make) {
    std::atomic<bool> go{false}, stop{false};
    std::atomic<long> total{0};
    const size_t window_count = static_cast<size_t>(seconds / kWindowSeconds) + 2;
    std::vector<uint32_t> windows[2] = {std::vector<uint32_t>(window_count), std::vector<uint32_t>(window_count)};
    std::chrono::steady_clock::time_point start;
    std::thread workers[2];
    for (int t = 0; t < threads; ++t) {
        workers[t] = std::thread([&, t] {
            auto operation = make();
            while (!go.load()) std::this_thread::yield();
            long done = 0;
            constexpr long kEvery = 8;  // a clock read per 8 operations: under 1 % of the lifecycle
            while (!stop.load(std::memory_order_relaxed)) {
                operation();
                if (++done % kEvery == 0) {
                    const double at = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                    const size_t w = static_cast<size_t>(at / kWindowSeconds);
                    if (w < window_count) windows[t][w] += kEvery;
                }
            }
            total += done;
        });
    }
    start = std::chrono::steady_clock::now();
    go = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (int t = 0; t < threads; ++t) workers[t].join();
    std::vector<uint32_t> sums;
    for (size_t w = 1; w + 1 < window_count; ++w) {
        bool all_ran = true;
        uint32_t sum = 0;
        for (int t = 0; t < threads; ++t) {
            all_ran = all_ran && windows[t][w - 1] != 0 && windows[t][w] != 0 && windows[t][w + 1] != 0;
            sum += windows[t][w];
        }
        if (all_ran) sums.push_back(sum);
    }
    double median = 0;
    if (!sums.empty()) {
        std::sort(sums.begin(), sums.end());
        median = sums[sums.size() / 2] / kWindowSeconds;
    }
    return Throughput{static_cast<double>(total.load()) / elapsed, median, static_cast<long>(sums.size())};
}

template <typename Make>
void scaling_row(const char *what, double seconds, Make make) {
    // Interleaved, best of three: other load on the machine only ever lowers a figure.
    Throughput one{0, 0, 0}, two{0, 0, 0};
    for (int round = 0; round < 3; ++round) {
        const Throughput a = throughput(1, seconds, make), b = throughput(2, seconds, make);
        one.per_second = a.per_second > one.per_second ? a.per_second : one.per_second;
        two.per_second = b.per_second > two.per_second ? b.per_second : two.per_second;
        if (a.windows > one.windows) one.while_all_ran = a.while_all_ran, one.windows = a.windows;
        if (b.windows > two.windows) two.while_all_ran = b.while_all_ran, two.windows = b.windows;
    }
    printf("  %-44s%12.0f%12.0f%8.2fx%12.0f%12.0f%8.2fx  (%ld/%ld windows)\n", what, one.per_second, two.per_second,
           two.per_second / one.per_second, one.while_all_ran, two.while_all_ran,
           one.while_all_ran > 0 ? two.while_all_ran / one.while_all_ran : 0.0, one.windows, two.windows);
}

int scaling(double seconds) {
    fill(g_input, sizeof g_input, 1);
    printf("Two threads on independent hashes, operations per second, best of 3 interleaved runs of\n");
    double load[1] = {-1};
    getloadavg(load, 1);  // other work on the machine lowers the wall-clock figures: say how much
    printf("%.1f s; %u hardware threads; load average %.2f. Target: 2 threads >= 1.8x one.\n", seconds,
           std::thread::hardware_concurrency(), load[0]);
    printf("Left: over the whole run. Right: while every thread ran (median of 500 us windows inside\n");
    printf("stretches where each thread ran throughout; the run of the 3 with most such windows), the\n");
    printf("figure that holds on a machine shared with other work.\n\n");
    printf("  %-44s%12s%12s%9s%12s%12s%9s\n", "operation", "1 thread", "2 threads", "ratio", "1 running", "2 running",
           "ratio");
    scaling_row("SHA-256 64 B: create, hash, get value, destroy", seconds, [] {
        return [p = std::make_shared<Sha256Lifecycle>()] { p->capi(); };
    });
    // Both threads on one context (one HCRYPTPROV, as threads sharing a global context do).
    static HCRYPTPROV shared = acquire();
    scaling_row("  the same, both threads on one context", seconds, [] {
        return [] {
            HCRYPTHASH hash = 0;
            BYTE digest[32];
            DWORD length = sizeof digest;
            check(CryptCreateHash(shared, CALG_SHA_256, 0, 0, &hash) != 0 && CryptHashData(hash, g_input, 64, 0) != 0 &&
                      CryptGetHashParam(hash, HP_HASHVAL, digest, &length, 0) != 0 && CryptDestroyHash(hash) != 0,
                  "lifecycle on a shared context");
        };
    });
    scaling_row("CryptHashData 64 B on a live SHA-256 hash", seconds, [] {
        return [p = std::make_shared<LiveHash>(CALG_SHA_256, 64)] { p->capi(); };
    });
    scaling_row("CryptHashData 1 KiB on a live SHA-256 hash", seconds, [] {
        return [p = std::make_shared<LiveHash>(CALG_SHA_256, 1024)] { p->capi(); };
    });
    // The same work with no tinycapi at all: what this machine gives two threads right now.
    scaling_row("control: direct Mbed TLS SHA-256 64 B lifecycle", seconds, [] {
        return [p = std::make_shared<Sha256Lifecycle>()] { p->direct(); };
    });
    CryptReleaseContext(shared, 0);
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "--scaling") == 0) return scaling(argc > 2 ? strtod(argv[2], nullptr) : 0.5);
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (const Pattern &p : kPatterns) printf("%s\t%.2f\t%d\t%s\n", p.name, p.target, p.needs_rsa ? 1 : 0, p.unit);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--make-rsa-blob") == 0) return make_rsa_blob(argv[2]);
    if (argc < 4 || (strcmp(argv[2], "capi") != 0 && strcmp(argv[2], "direct") != 0)) {
        fprintf(stderr, "usage: %s PATTERN capi|direct COUNT [RSA-BLOB-FILE] | --list | --make-rsa-blob FILE\n", argv[0]);
        return 1;
    }
    if (argc > 4) read_rsa_blob(argv[4]);
    return run(argv[1], strcmp(argv[2], "capi") == 0, strtol(argv[3], nullptr, 10));
}
