/*
 * Issue 16's call patterns as plain Windows code: only wincrypt.h calls, built twice from this
 * one source. Natively over tinycapi (target tinycapi_wincrypt_patterns of the host-release
 * build), and with mingw-w64 as a Windows program that Wine runs over its rsaenh.dll
 * (`tools/bench --wine` does both, runs them in turn and prints the ratio of their times).
 * The patterns are those of tests/bench/call_patterns.cpp; here they are timed, not counted,
 * because Wine's code cannot run under cachegrind as a separate side.
 *
 *   wincrypt_patterns [PATTERN...]
 *       For each pattern (all when none is named): one line
 *           NAME <tab> NANOSECONDS-PER-REPETITION <tab> HEX-OF-THE-BYTES-IT-PRODUCED
 *       The bytes (a digest, a PBKDF2 result, a ciphertext's last block, a signature's first
 *       32 bytes) come from a first run before the timing; tools/bench compares the two
 *       builds' bytes. The time is the best of 60 rounds, each at least 2 ms long.
 *       A pattern the provider refuses prints NAME <tab> failed <tab> the error code.
 *
 * C99 and plain C on purpose: it is Windows code that compiles unchanged against both.
 */
#include <windows.h>
#include <wincrypt.h>

#include <stdio.h>
#include <string.h>

#ifdef _WIN32
static double seconds_now(void) {
    LARGE_INTEGER counter, frequency;
    QueryPerformanceCounter(&counter);
    QueryPerformanceFrequency(&frequency);
    return (double)counter.QuadPart / (double)frequency.QuadPart;
}
#else
#include <time.h>
static double seconds_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}
#endif

#include "rsa2048_bench_key.h" /* tests/bench_m3: a throw-away RSA-2048 PRIVATEKEYBLOB */

static BYTE g_input[16384];
static BYTE g_buffer[4096];
static HCRYPTPROV g_prov;
static BYTE g_check[64];
static DWORD g_check_length;
static DWORD g_failure;

#define CHECK(call)                           \
    do {                                      \
        if (!(call)) {                        \
            g_failure = GetLastError();       \
            if (g_failure == 0) g_failure = 1; \
            return FALSE;                     \
        }                                     \
    } while (0)

static void fill(BYTE *bytes, size_t length, unsigned seed) {
    size_t i;
    for (i = 0; i < length; ++i) bytes[i] = (BYTE)((i * 31u + seed) & 0xff);
}

static void keep(const BYTE *bytes, DWORD length) {
    if (length > sizeof g_check) length = sizeof g_check;
    memcpy(g_check, bytes, length);
    g_check_length = length;
}

/* A session key from its bytes: PLAINTEXTKEYBLOB. */
static BOOL import_plain_key(ALG_ID algorithm, const BYTE *key, DWORD length, DWORD flags, HCRYPTKEY *out) {
    BYTE blob[12 + 64];
    BLOBHEADER header;
    header.bType = PLAINTEXTKEYBLOB;
    header.bVersion = CUR_BLOB_VERSION;
    header.reserved = 0;
    header.aiKeyAlg = algorithm;
    memcpy(blob, &header, sizeof header);
    memcpy(blob + 8, &length, 4);
    memcpy(blob + 12, key, length);
    return CryptImportKey(g_prov, blob, 12 + length, 0, flags, out);
}

/* ---- the patterns: each a step that one repetition runs, and its set-up ---------------- */

/* SHA-256 of 64 bytes: create, hash, get value, destroy. */
static BOOL sha256_lifecycle(void) {
    HCRYPTHASH hash = 0;
    BYTE digest[32];
    DWORD length = sizeof digest;
    CHECK(CryptCreateHash(g_prov, CALG_SHA_256, 0, 0, &hash));
    CHECK(CryptHashData(hash, g_input, 64, 0));
    CHECK(CryptGetHashParam(hash, HP_HASHVAL, digest, &length, 0));
    CHECK(CryptDestroyHash(hash));
    keep(digest, length);
    return TRUE;
}

/* Updates on a live hash; the check bytes are the value after the first one. */
static HCRYPTHASH g_live_hash;
static DWORD g_live_length;
static BOOL live_hash_set_up(ALG_ID algorithm, DWORD length) {
    HCRYPTHASH copy = 0;
    BYTE value[32];
    DWORD size = sizeof value;
    g_live_length = length;
    CHECK(CryptCreateHash(g_prov, algorithm, 0, 0, &g_live_hash));
    CHECK(CryptHashData(g_live_hash, g_input, length, 0));
    CHECK(CryptDuplicateHash(g_live_hash, NULL, 0, &copy));
    CHECK(CryptGetHashParam(copy, HP_HASHVAL, value, &size, 0));
    CHECK(CryptDestroyHash(copy));
    keep(value, size);
    return TRUE;
}
static BOOL hashdata_set_up(void) { return live_hash_set_up(CALG_SHA_256, 64); }
static BOOL sha256_16k_set_up(void) { return live_hash_set_up(CALG_SHA_256, 16384); }
static BOOL md5_16k_set_up(void) { return live_hash_set_up(CALG_MD5, 16384); }
static BOOL live_hash_step(void) {
    CHECK(CryptHashData(g_live_hash, g_input, g_live_length, 0));
    return TRUE;
}
static void live_hash_tear_down(void) { CryptDestroyHash(g_live_hash); }

/* PBKDF2-HMAC-SHA-1, 1000 iterations, as minizip-ng's Windows backend does it: the password a
 * PLAINTEXTKEYBLOB naming CALG_RC2 imported with CRYPT_IPSEC_HMAC_KEY, a CALG_HMAC hash keyed
 * with it, and per iteration CryptDuplicateHash, CryptHashData, HP_HASHVAL, CryptDestroyHash. */
static HCRYPTKEY g_password_key;
static HCRYPTHASH g_keyed;
static BOOL pbkdf2_set_up(void) {
    BYTE password[16];
    HMAC_INFO info;
    fill(password, sizeof password, 7);
    CHECK(import_plain_key(CALG_RC2, password, sizeof password, CRYPT_IPSEC_HMAC_KEY, &g_password_key));
    CHECK(CryptCreateHash(g_prov, CALG_HMAC, g_password_key, 0, &g_keyed));
    memset(&info, 0, sizeof info);
    info.HashAlgid = CALG_SHA1;
    CHECK(CryptSetHashParam(g_keyed, HP_HMAC_INFO, (const BYTE *)&info, 0));
    return TRUE;
}
static BOOL hmac(const BYTE *data, DWORD length, BYTE *out) {
    HCRYPTHASH copy = 0;
    DWORD size = 20;
    CHECK(CryptDuplicateHash(g_keyed, NULL, 0, &copy));
    CHECK(CryptHashData(copy, data, length, 0));
    CHECK(CryptGetHashParam(copy, HP_HASHVAL, out, &size, 0));
    CHECK(CryptDestroyHash(copy));
    return TRUE;
}
static BOOL pbkdf2_step(void) {
    BYTE u[20], block[20], result[20];
    int i, k;
    fill(block, 16, 11); /* salt ‖ INT(1) */
    block[16] = 0, block[17] = 0, block[18] = 0, block[19] = 1;
    if (!hmac(block, 20, u)) return FALSE;
    memcpy(result, u, 20);
    for (i = 1; i < 1000; ++i) {
        if (!hmac(u, 20, u)) return FALSE;
        for (k = 0; k < 20; ++k) result[k] ^= u[k];
    }
    keep(result, 20);
    return TRUE;
}
static void pbkdf2_tear_down(void) {
    CryptDestroyHash(g_keyed);
    CryptDestroyKey(g_password_key);
}

/* CryptDeriveKey SHA-256 -> AES-256: create the hash, hash a password, derive, destroy both.
 * The check bytes: the first block of g_input encrypted under the derived key (first run). */
static BOOL derive_step(void) {
    HCRYPTHASH hash = 0;
    HCRYPTKEY key = 0;
    CHECK(CryptCreateHash(g_prov, CALG_SHA_256, 0, 0, &hash));
    CHECK(CryptHashData(hash, g_input, 12, 0));
    CHECK(CryptDeriveKey(g_prov, CALG_AES_256, hash, 0, &key));
    if (g_check_length == 0) {
        BYTE block[16];
        DWORD length = 16;
        memcpy(block, g_input, 16);
        CHECK(CryptEncrypt(key, 0, FALSE, 0, block, &length, 16));
        keep(block, 16);
    }
    CHECK(CryptDestroyKey(key));
    CHECK(CryptDestroyHash(hash));
    return TRUE;
}

/* CryptEncrypt of 4 KiB, not final, on a live CBC key (zero IV); check bytes: the last block of
 * the first call's ciphertext. */
static HCRYPTKEY g_cipher_key;
static BOOL cipher_set_up(ALG_ID algorithm, DWORD key_length) {
    BYTE key[32];
    DWORD length = sizeof g_buffer;
    fill(key, sizeof key, 3);
    CHECK(import_plain_key(algorithm, key, key_length, 0, &g_cipher_key));
    memcpy(g_buffer, g_input, sizeof g_buffer);
    CHECK(CryptEncrypt(g_cipher_key, 0, FALSE, 0, g_buffer, &length, sizeof g_buffer));
    keep(g_buffer + sizeof g_buffer - 16, 16);
    return TRUE;
}
static BOOL aes128_set_up(void) { return cipher_set_up(CALG_AES_128, 16); }
static BOOL aes256_set_up(void) { return cipher_set_up(CALG_AES_256, 32); }
static BOOL des3_set_up(void) { return cipher_set_up(CALG_3DES, 24); }
static BOOL cipher_step(void) {
    DWORD length = sizeof g_buffer;
    memcpy(g_buffer, g_input, sizeof g_buffer);
    CHECK(CryptEncrypt(g_cipher_key, 0, FALSE, 0, g_buffer, &length, sizeof g_buffer));
    return TRUE;
}
static void cipher_tear_down(void) { CryptDestroyKey(g_cipher_key); }

/* RSA-2048: the pair imported into the (verify-only) context is its AT_KEYEXCHANGE pair. Sign
 * and verify each include creating, hashing 64 bytes into and destroying a SHA-256 hash.
 * PKCS #1 v1.5 is deterministic: the check bytes are the signature's first 32. */
static HCRYPTKEY g_pair, g_public_key;
static BYTE g_signature[256];
static BOOL rsa_set_up(void) {
    BYTE public_blob[20 + 256];
    DWORD length = sizeof public_blob;
    CHECK(CryptImportKey(g_prov, kBenchRsa2048PrivateKeyBlob, sizeof kBenchRsa2048PrivateKeyBlob, 0, 0, &g_pair));
    CHECK(CryptExportKey(g_pair, 0, PUBLICKEYBLOB, 0, public_blob, &length));
    CHECK(CryptImportKey(g_prov, public_blob, length, 0, 0, &g_public_key));
    return TRUE;
}
static BOOL rsa_sign_step(void) {
    HCRYPTHASH hash = 0;
    DWORD length = sizeof g_signature;
    CHECK(CryptCreateHash(g_prov, CALG_SHA_256, 0, 0, &hash));
    CHECK(CryptHashData(hash, g_input, 64, 0));
    CHECK(CryptSignHashA(hash, AT_KEYEXCHANGE, NULL, 0, g_signature, &length));
    CHECK(CryptDestroyHash(hash));
    keep(g_signature, 32);
    return TRUE;
}
static BOOL rsa_verify_step(void) {
    HCRYPTHASH hash = 0;
    CHECK(CryptCreateHash(g_prov, CALG_SHA_256, 0, 0, &hash));
    CHECK(CryptHashData(hash, g_input, 64, 0));
    CHECK(CryptVerifySignatureA(hash, g_signature, 256, g_public_key, NULL, 0));
    CHECK(CryptDestroyHash(hash));
    return TRUE;
}
static BOOL rsa_verify_set_up(void) { return rsa_set_up() && rsa_sign_step(); }
static BOOL rsa_import_step(void) {
    HCRYPTKEY key = 0;
    CHECK(CryptImportKey(g_prov, kBenchRsa2048PrivateKeyBlob, sizeof kBenchRsa2048PrivateKeyBlob, 0, 0, &key));
    CHECK(CryptDestroyKey(key));
    return TRUE;
}
static BOOL rsa_import_set_up(void) {
    BYTE public_blob[20 + 256];
    DWORD length = sizeof public_blob;
    HCRYPTKEY key = 0;
    CHECK(CryptImportKey(g_prov, kBenchRsa2048PrivateKeyBlob, sizeof kBenchRsa2048PrivateKeyBlob, 0, 0, &key));
    CHECK(CryptExportKey(key, 0, PUBLICKEYBLOB, 0, public_blob, &length));
    CHECK(CryptDestroyKey(key));
    keep(public_blob + 20, 32); /* the modulus' low bytes: the import read the blob as both do */
    return TRUE;
}
static void rsa_tear_down(void) {
    if (g_public_key) CryptDestroyKey(g_public_key);
    if (g_pair) CryptDestroyKey(g_pair);
    g_public_key = g_pair = 0;
}
static void nothing(void) {}

struct pattern {
    const char *name;
    BOOL (*set_up)(void); /* NULL: none; the first step gives the check bytes */
    BOOL (*step)(void);
    void (*tear_down)(void);
};

static const struct pattern k_patterns[] = {
    {"sha256-64-lifecycle", NULL, sha256_lifecycle, nothing},
    {"hashdata-64", hashdata_set_up, live_hash_step, live_hash_tear_down},
    {"pbkdf2-hmac-sha1", pbkdf2_set_up, pbkdf2_step, pbkdf2_tear_down},
    {"derive-aes256", NULL, derive_step, nothing},
    {"rsa2048-sign", rsa_set_up, rsa_sign_step, rsa_tear_down},
    {"rsa2048-verify", rsa_verify_set_up, rsa_verify_step, rsa_tear_down},
    {"rsa2048-import", rsa_import_set_up, rsa_import_step, nothing},
    {"sha256-16k", sha256_16k_set_up, live_hash_step, live_hash_tear_down},
    {"md5-16k", md5_16k_set_up, live_hash_step, live_hash_tear_down},
    {"aes128-cbc-4k", aes128_set_up, cipher_step, cipher_tear_down},
    {"aes256-cbc-4k", aes256_set_up, cipher_step, cipher_tear_down},
    {"3des-cbc-4k", des3_set_up, cipher_step, cipher_tear_down},
};

/* Seconds for `count` steps, or a negative number when a step failed. */
static double timed(const struct pattern *p, long count) {
    long i;
    const double start = seconds_now();
    for (i = 0; i < count; ++i) {
        if (!p->step()) return -1.0;
    }
    return seconds_now() - start;
}

static void run(const struct pattern *p) {
    long count = 1;
    double best = 0.0;
    int round;
    DWORD i;
    g_check_length = 0;
    g_failure = 0;
    if ((p->set_up && !p->set_up()) || (!p->set_up && !p->step())) {
        printf("%s\tfailed\t0x%08lx\n", p->name, (unsigned long)g_failure);
        p->tear_down();
        return;
    }
    /* Grow the count until a round lasts 2 ms, then take the best of 60 rounds: short rounds so
     * that some run without being preempted on a busy machine (the best is the one that did). */
    for (;;) {
        const double elapsed = timed(p, count);
        if (elapsed < 0) break;
        if (elapsed >= 0.002 || count >= (1L << 24)) break;
        count *= elapsed < 0.0002 ? 8 : 2;
    }
    for (round = 0; round < 60 && g_failure == 0; ++round) {
        const double elapsed = timed(p, count);
        if (elapsed < 0) break;
        if (round == 0 || elapsed < best) best = elapsed;
    }
    p->tear_down();
    if (g_failure != 0) {
        printf("%s\tfailed\t0x%08lx\n", p->name, (unsigned long)g_failure);
        return;
    }
    printf("%s\t%.1f\t", p->name, best / (double)count * 1e9);
    for (i = 0; i < g_check_length; ++i) printf("%02x", g_check[i]);
    printf("\n");
    fflush(stdout);
}

int main(int argc, char **argv) {
    size_t i;
    int a;
    fill(g_input, sizeof g_input, 1);
    if (!CryptAcquireContextA(&g_prov, NULL, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES, CRYPT_VERIFYCONTEXT)) {
        printf("CryptAcquireContext failed 0x%08lx\n", (unsigned long)GetLastError());
        return 2;
    }
    for (i = 0; i < sizeof k_patterns / sizeof k_patterns[0]; ++i) {
        int chosen = argc < 2;
        for (a = 1; a < argc; ++a) chosen |= strcmp(argv[a], k_patterns[i].name) == 0;
        if (chosen) run(&k_patterns[i]);
    }
    CryptReleaseContext(g_prov, 0);
    return 0;
}
