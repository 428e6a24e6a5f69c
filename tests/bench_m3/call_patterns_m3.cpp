// Issue 16's call patterns on the Cortex-M3 (QEMU mps2-an385), each done twice: through the
// CryptoAPI as ported Windows code does it, and with direct Mbed TLS code doing the same work
// (the host's twin is tests/bench/call_patterns.cpp, counted there by cachegrind). Every pattern
// first runs both sides once and checks that they give the same bytes; then it counts the
// instructions of COUNT repetitions of each side and prints them per repetition, their ratio
// and the ratio's target. Figures, not a pass/fail test: the image fails (exit status 3) only
// when the two sides disagree, or (2) when a call fails.
//
// The count: QEMU run with `-icount shift=0` advances its virtual clock by exactly 1 ns per
// guest instruction, and the CMSDK APB timer 0 (0x40000000) counts that clock down at the
// board's 25 MHz, one tick per 40 instructions. The image calibrates the tick first, on a loop
// of known length (two instructions an iteration), and prints the figure it found; a run
// without -icount gives host-speed-dependent figures, which the calibration line says. QEMU 7.2
// does not model the DWT cycle counter (DWT_CYCCNT reads 0), so the timer is the only source.
// Each pattern's count is large enough that the tick's 40 instructions are below 0.1 % of it.
//
// Command line (semihosting, QEMU's -semihosting-config ...,arg=...): "quick" runs one
// repetition of each side (the ctest's check that the image still builds, runs and agrees);
// otherwise the full counts. "dwt" also prints what the DWT cycle counter reads; "profile"
// runs one repetition of two short patterns and stops (for a per-instruction trace).
#include <mbedtls/aes.h>
#include <mbedtls/des.h>
#include <mbedtls/md5.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>
#include <tinycapi/wincrypt.h>

#include <stdint.h>
#include <string.h>

#include "rsa2048_bench_key.h"
#include "semihosting.h"
#include "tinycapi_config.h"

namespace {

// ---- console ------------------------------------------------------------------------------

void put(const char *text) { board_console_write(text, strlen(text)); }

// `value` right-aligned in `width` columns, with thousands separators.
void put_number(uint64_t value, unsigned width) {
    char digits[32];
    unsigned n = 0, group = 0;
    do {
        if (group == 3) digits[n++] = ',', group = 0;
        digits[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
        ++group;
    } while (value != 0);
    char line[40];
    unsigned length = 0;
    while (length + n < width && length < sizeof line - n) line[length++] = ' ';
    while (n != 0) line[length++] = digits[--n];
    board_console_write(line, length);
}

// A ratio given in thousandths as "1.234x" (or with another suffix), right-aligned in `width`.
void put_ratio(uint64_t thousandths, unsigned width, char suffix = 'x') {
    char text[24];
    unsigned n = 0;
    const uint64_t whole = thousandths / 1000, fraction = thousandths % 1000;
    char digits[20];
    unsigned d = 0;
    uint64_t w = whole;
    do {
        digits[d++] = static_cast<char>('0' + w % 10);
        w /= 10;
    } while (w != 0);
    while (d != 0) text[n++] = digits[--d];
    text[n++] = '.';
    text[n++] = static_cast<char>('0' + fraction / 100);
    text[n++] = static_cast<char>('0' + fraction / 10 % 10);
    text[n++] = static_cast<char>('0' + fraction % 10);
    if (suffix != '\0') text[n++] = suffix;
    for (unsigned pad = n; pad < width; ++pad) put(" ");
    board_console_write(text, n);
}

void put_padded(const char *text, unsigned width) {
    put(text);
    for (size_t pad = strlen(text); pad < width; ++pad) put(" ");
}

[[noreturn]] void die(const char *what) {
    put("\ntinycapi_bench_m3: ");
    put(what);
    put(" failed (error ");
    semihosting_put_hex(static_cast<uint32_t>(GetLastError()), 8);
    put(")\n");
    semihosting_exit(2);
}

void check(bool ok, const char *what) {
    if (!ok) die(what);
}

void expect_same(const BYTE *a, const BYTE *b, size_t length, const char *pattern) {
    if (memcmp(a, b, length) != 0) {
        put("\ntinycapi_bench_m3: ");
        put(pattern);
        put(": the CryptoAPI and direct Mbed TLS produce different bytes\n");
        semihosting_exit(3);
    }
}

// ---- the command line (semihosting SYS_GET_CMDLINE) -----------------------------------------

bool command_line_says(const char *word) {
    static char line[128];
    struct {
        char *buffer;
        uint32_t length;
    } block = {line, sizeof line - 1};
    register uint32_t operation __asm__("r0") = 0x15;  // SYS_GET_CMDLINE
    register void *argument __asm__("r1") = &block;
    __asm__ volatile("bkpt 0xab" : "+r"(operation) : "r"(argument) : "memory");
    if (operation != 0) return false;
    line[block.length < sizeof line ? block.length : sizeof line - 1] = '\0';
    return strstr(line, word) != nullptr;
}

// ---- the instruction count ----------------------------------------------------------------

// CMSDK APB timer 0 (ARM DDI 0479, "APB timer"): a 32-bit down counter at the board's PCLK.
volatile uint32_t &timer_ctrl = *reinterpret_cast<volatile uint32_t *>(0x40000000u);
volatile uint32_t &timer_value = *reinterpret_cast<volatile uint32_t *>(0x40000004u);
volatile uint32_t &timer_reload = *reinterpret_cast<volatile uint32_t *>(0x40000008u);

void start_timer() {
    timer_ctrl = 0;
    timer_reload = 0xffffffffu;
    timer_value = 0xffffffffu;
    timer_ctrl = 1;  // enable, internal clock, no interrupt
}

uint32_t now() { return timer_value; }

// Instructions per tick, as a fraction calibration_instructions / calibration_ticks.
uint64_t calibration_instructions = 40, calibration_ticks = 1;

// Exactly two instructions per iteration (subs, bne).
__attribute__((noinline)) void spin(uint32_t iterations) {
    __asm__ volatile("1: subs %0, %0, #1\n\tbne 1b" : "+r"(iterations) : : "cc");
}

// "dwt" on the command line: shows whether this QEMU models the DWT cycle counter (QEMU 7.2:
// DWT_CTRL and DWT_CYCCNT read 0 after enabling it, so it cannot replace the timer).
void probe_dwt() {
    volatile uint32_t &demcr = *reinterpret_cast<volatile uint32_t *>(0xe000edfcu);
    volatile uint32_t &dwt_ctrl = *reinterpret_cast<volatile uint32_t *>(0xe0001000u);
    volatile uint32_t &dwt_cyccnt = *reinterpret_cast<volatile uint32_t *>(0xe0001004u);
    demcr = demcr | (1u << 24);  // TRCENA
    dwt_cyccnt = 0;
    dwt_ctrl = dwt_ctrl | 1u;  // CYCCNTENA
    spin(1000);
    put("DWT: CTRL ");
    semihosting_put_hex(dwt_ctrl, 8);
    put(" CYCCNT ");
    semihosting_put_hex(dwt_cyccnt, 8);
    put("\n");
}

void calibrate() {
    constexpr uint32_t kIterations = 5000000;
    const uint32_t before = now();
    spin(kIterations);
    const uint32_t ticks = before - now();
    calibration_instructions = 2ull * kIterations;
    calibration_ticks = ticks != 0 ? ticks : 1;
    const uint64_t per_tick_thousandths = calibration_instructions * 1000 / calibration_ticks;
    put("Calibration: a loop of ");
    put_number(calibration_instructions, 0);
    put(" instructions took ");
    put_number(ticks, 0);
    put(" ticks of CMSDK timer 0, ");
    put_ratio(per_tick_thousandths, 0, '\0');
    put(" instructions a tick");
    if (per_tick_thousandths < 39900 || per_tick_thousandths > 40100) {
        put("\n  NOT 40: QEMU was not run with -icount shift=0; the figures below are host-time, not instructions");
    } else {
        put(" (40 expected at -icount shift=0 and 25 MHz)");
    }
    put("\n\n");
}

uint64_t instructions_of(uint32_t ticks) { return ticks * calibration_instructions / calibration_ticks; }

// ---- shared state -------------------------------------------------------------------------

BYTE g_input[16384];
BYTE g_output[4096];
BYTE g_direct_output[4096];

void fill(BYTE *bytes, size_t length, unsigned seed) {
    for (size_t i = 0; i < length; ++i) bytes[i] = static_cast<BYTE>((i * 31u + seed) & 0xff);
}

// A fixed "random" source for Mbed TLS's blinding in the direct RSA code (deterministic counts).
int counter_random(void *state, unsigned char *out, size_t length) {
    uint32_t &counter = *static_cast<uint32_t *>(state);
    for (size_t i = 0; i < length; ++i) {
        counter = counter * 1664525u + 1013904223u;
        out[i] = static_cast<unsigned char>(counter >> 24);
    }
    return 0;
}

HCRYPTPROV g_prov = 0;

// A session key from its bytes: PLAINTEXTKEYBLOB (reference §6.1). CBC with a zero IV.
HCRYPTKEY import_plain_key(ALG_ID algorithm, const BYTE *key, DWORD length, DWORD flags) {
    BYTE blob[12 + 64];
    BLOBHEADER header = {PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, algorithm};
    memcpy(blob, &header, sizeof header);
    memcpy(blob + 8, &length, 4);
    memcpy(blob + 12, key, length);
    HCRYPTKEY handle = 0;
    check(CryptImportKey(g_prov, blob, 12 + length, 0, flags, &handle) != 0, "CryptImportKey(PLAINTEXTKEYBLOB)");
    return handle;
}

// ---- the table ----------------------------------------------------------------------------

struct Row {
    const char *name;
    unsigned target_thousandths;
    const char *unit;
};

bool g_quick = false;
unsigned g_met = 0, g_rows = 0;

// Counts the instructions of `count` repetitions of each side, prints the row.
template <typename Capi, typename Direct>
void measure(const Row &row, long count, Capi capi, Direct direct) {
    if (g_quick) count = 1;
    uint32_t start = now();
    for (long i = 0; i < count; ++i) capi();
    const uint64_t capi_total = instructions_of(start - now());
    start = now();
    for (long i = 0; i < count; ++i) direct();
    const uint64_t direct_total = instructions_of(start - now());
    const uint64_t ratio = direct_total != 0 ? (capi_total * 1000 + direct_total / 2) / direct_total : 0;
    put("  ");
    put_padded(row.name, 22);
    put_number(capi_total / static_cast<uint64_t>(count), 14);
    put_number(direct_total / static_cast<uint64_t>(count), 14);
    put_ratio(ratio, 9);
    put_ratio(row.target_thousandths, 9);
    put(ratio <= row.target_thousandths ? "   met\n" : "   NOT met\n");
    g_met += ratio <= row.target_thousandths;
    ++g_rows;
}

// ---- SHA-256 of 64 bytes: create, hash, get value, destroy ----------------------------------

void sha256_lifecycle_capi(BYTE *digest) {
    HCRYPTHASH hash = 0;
    check(CryptCreateHash(g_prov, CALG_SHA_256, 0, 0, &hash) != 0, "CryptCreateHash");
    check(CryptHashData(hash, g_input, 64, 0) != 0, "CryptHashData");
    DWORD length = 32;
    check(CryptGetHashParam(hash, HP_HASHVAL, digest, &length, 0) != 0, "CryptGetHashParam");
    check(CryptDestroyHash(hash) != 0, "CryptDestroyHash");
}

void sha256_lifecycle_direct(BYTE *digest) {
    mbedtls_sha256_context context;
    mbedtls_sha256_init(&context);
    check(mbedtls_sha256_starts(&context, 0) == 0 && mbedtls_sha256_update(&context, g_input, 64) == 0 &&
              mbedtls_sha256_finish(&context, digest) == 0,
          "mbedtls_sha256");
    mbedtls_sha256_free(&context);
}

void sha256_lifecycle(const Row &row) {
    BYTE a[32], b[32];
    sha256_lifecycle_capi(a);
    sha256_lifecycle_direct(b);
    expect_same(a, b, 32, row.name);
    measure(row, 1000, [&] { sha256_lifecycle_capi(a); }, [&] { sha256_lifecycle_direct(b); });
}

// ---- updates on a live hash: 64 B SHA-256, 16 KiB SHA-256 and MD5 ----------------------------

void live_hash(const Row &row, ALG_ID algorithm, DWORD length, long count) {
    HCRYPTHASH hash = 0;
    check(CryptCreateHash(g_prov, algorithm, 0, 0, &hash) != 0, "CryptCreateHash");
    mbedtls_sha256_context sha256;
    mbedtls_md5_context md5;
    mbedtls_sha256_init(&sha256);
    mbedtls_md5_init(&md5);
    check(mbedtls_sha256_starts(&sha256, 0) == 0 && mbedtls_md5_starts(&md5) == 0, "starts");
    const auto capi = [&] { check(CryptHashData(hash, g_input, length, 0) != 0, "CryptHashData"); };
    const auto direct = [&] {
        const int r = algorithm == CALG_MD5 ? mbedtls_md5_update(&md5, g_input, length)
                                            : mbedtls_sha256_update(&sha256, g_input, length);
        check(r == 0, "update");
    };
    measure(row, count, capi, direct);
    // Same bytes: the value after the same updates on both sides.
    BYTE a[32], b[32];
    DWORD size = sizeof a;
    check(CryptGetHashParam(hash, HP_HASHVAL, a, &size, 0) != 0, "CryptGetHashParam");
    check(CryptDestroyHash(hash) != 0, "CryptDestroyHash");
    check((algorithm == CALG_MD5 ? mbedtls_md5_finish(&md5, b) : mbedtls_sha256_finish(&sha256, b)) == 0, "finish");
    expect_same(a, b, size, row.name);
    mbedtls_sha256_free(&sha256);
    mbedtls_md5_free(&md5);
}

// ---- PBKDF2-HMAC-SHA-1, 1000 iterations, as minizip-ng's Windows backend does it -----------
// The password is a PLAINTEXTKEYBLOB naming CALG_RC2 imported with CRYPT_IPSEC_HMAC_KEY, the
// HMAC a CALG_HMAC hash keyed with it; every iteration duplicates the keyed hash, hashes the
// previous U, reads the value and destroys the copy. The direct side keeps the two padded
// SHA-1 states and copies them per iteration: the same compressions.

constexpr int kPbkdf2Iterations = 1000;

struct Pbkdf2 {
    HCRYPTKEY password_key = 0;
    HCRYPTHASH keyed = 0;
    mbedtls_sha1_context inner_padded, outer_padded;
    BYTE password[16], salt[16];
    BYTE result[20];
    void set_up() {
        fill(password, sizeof password, 7);
        fill(salt, sizeof salt, 11);
        password_key = import_plain_key(CALG_RC2, password, sizeof password, CRYPT_IPSEC_HMAC_KEY);
        check(CryptCreateHash(g_prov, CALG_HMAC, password_key, 0, &keyed) != 0, "CryptCreateHash(CALG_HMAC)");
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
};

Pbkdf2 g_pbkdf2;

void pbkdf2(const Row &row) {
    Pbkdf2 &p = g_pbkdf2;
    p.set_up();
    BYTE a[20];
    p.capi();
    memcpy(a, p.result, 20);
    p.direct();
    expect_same(a, p.result, 20, row.name);
    measure(row, 2, [&] { p.capi(); }, [&] { p.direct(); });
    p.tear_down();
}

// ---- CryptDeriveKey SHA-256 -> AES-256 ---------------------------------------------------------
// Create the hash, hash a password, derive the key, destroy both. Direct: SHA-256 of the
// password, both AES schedules (tinycapi keys both directions), freed.

BYTE g_derive_block[16];

void derive_capi(BYTE *encrypted_block) {
    HCRYPTHASH hash = 0;
    HCRYPTKEY key = 0;
    check(CryptCreateHash(g_prov, CALG_SHA_256, 0, 0, &hash) != 0, "CryptCreateHash");
    check(CryptHashData(hash, g_input, 12, 0) != 0, "CryptHashData");
    check(CryptDeriveKey(g_prov, CALG_AES_256, hash, 0, &key) != 0, "CryptDeriveKey");
    if (encrypted_block) {
        memcpy(encrypted_block, g_input, 16);
        DWORD length = 16;
        check(CryptEncrypt(key, 0, FALSE, 0, encrypted_block, &length, 16) != 0, "CryptEncrypt");
    }
    check(CryptDestroyKey(key) != 0, "CryptDestroyKey");
    check(CryptDestroyHash(hash) != 0, "CryptDestroyHash");
}

void derive_direct() {
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
    check(mbedtls_aes_crypt_ecb(&encrypt, MBEDTLS_AES_ENCRYPT, g_input, g_derive_block) == 0, "aes");
    mbedtls_aes_free(&encrypt);
    mbedtls_aes_free(&decrypt);
}

void derive_aes256(const Row &row) {
    // The derived key encrypts one block as AES-256 keyed with SHA-256(password) does (CBC with
    // a zero IV on the first block is ECB).
    BYTE block[16];
    derive_capi(block);
    derive_direct();
    expect_same(block, g_derive_block, 16, row.name);
    measure(row, 200, [] { derive_capi(nullptr); }, [] { derive_direct(); });
}

// ---- bulk ciphers: CryptEncrypt of 4 KiB (not final) on a live CBC key --------------------

mbedtls_aes_context g_aes;
mbedtls_des3_context g_des3;

void live_cipher(const Row &row, ALG_ID algorithm, DWORD key_length, long count) {
    BYTE key_bytes[32];
    BYTE iv[16] = {};
    fill(key_bytes, sizeof key_bytes, 3);
    const HCRYPTKEY key = import_plain_key(algorithm, key_bytes, key_length, 0);
    mbedtls_aes_init(&g_aes);
    mbedtls_des3_init(&g_des3);
    if (algorithm == CALG_3DES) {
        check(mbedtls_des3_set3key_enc(&g_des3, key_bytes) == 0, "des3_set3key_enc");
    } else {
        check(mbedtls_aes_setkey_enc(&g_aes, key_bytes, key_length * 8) == 0, "aes_setkey_enc");
    }
    const auto capi = [&] {
        memcpy(g_output, g_input, sizeof g_output);
        DWORD length = sizeof g_output;
        check(CryptEncrypt(key, 0, FALSE, 0, g_output, &length, sizeof g_output) != 0, "CryptEncrypt");
    };
    // In place on both sides, as CryptEncrypt works: each copies the plaintext in first (on the
    // M3 that copy is about 1 % of an AES-128 pass, so only one side doing it would skew the ratio).
    const auto direct = [&] {
        memcpy(g_direct_output, g_input, sizeof g_direct_output);
        const int r = algorithm == CALG_3DES
                          ? mbedtls_des3_crypt_cbc(&g_des3, MBEDTLS_DES_ENCRYPT, sizeof g_direct_output, iv,
                                                   g_direct_output, g_direct_output)
                          : mbedtls_aes_crypt_cbc(&g_aes, MBEDTLS_AES_ENCRYPT, sizeof g_direct_output, iv,
                                                  g_direct_output, g_direct_output);
        check(r == 0, "crypt_cbc");
    };
    capi();
    direct();
    expect_same(g_output, g_direct_output, sizeof g_output, row.name);
    measure(row, count, capi, direct);
    // Both chains went on by the same number of blocks: the next block still agrees.
    capi();
    direct();
    expect_same(g_output, g_direct_output, sizeof g_output, row.name);
    check(CryptDestroyKey(key) != 0, "CryptDestroyKey");
    mbedtls_aes_free(&g_aes);
    mbedtls_des3_free(&g_des3);
}

// ---- RSA-2048: sign, verify, import ------------------------------------------------------------

#if TINYCAPI_ENABLE_RSA
const BYTE *const g_rsa_blob = kBenchRsa2048PrivateKeyBlob;
constexpr DWORD kRsaBlobSize = sizeof kBenchRsa2048PrivateKeyBlob;

void big_endian(size_t offset, size_t length, BYTE *out) {
    for (size_t i = 0; i < length; ++i) out[i] = g_rsa_blob[offset + length - 1 - i];
}

// The pair as Mbed TLS takes it: big-endian n, p, q, d (§6.2 offsets), e = 65537.
void direct_import(mbedtls_rsa_context *context) {
    static BYTE n[256], p[128], q[128], d[256];
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
    HCRYPTKEY pair = 0;
    HCRYPTKEY public_key = 0;
    mbedtls_rsa_context context;
    uint32_t counter = 1;
    BYTE capi_signature[256];
    BYTE direct_signature[256];  // big-endian, as Mbed TLS writes it
    void set_up() {
        check(CryptImportKey(g_prov, g_rsa_blob, kRsaBlobSize, 0, 0, &pair) != 0, "CryptImportKey(PRIVATEKEYBLOB)");
        static BYTE public_blob[20 + 256];
        DWORD length = sizeof public_blob;
        check(CryptExportKey(pair, 0, PUBLICKEYBLOB, 0, public_blob, &length) != 0, "CryptExportKey(PUBLICKEYBLOB)");
        check(CryptImportKey(g_prov, public_blob, length, 0, 0, &public_key) != 0, "CryptImportKey(PUBLICKEYBLOB)");
        direct_import(&context);
    }
    void tear_down() {
        check(CryptDestroyKey(public_key) != 0 && CryptDestroyKey(pair) != 0, "CryptDestroyKey");
        mbedtls_rsa_free(&context);
    }
    void capi_sign() {
        HCRYPTHASH hash = 0;
        check(CryptCreateHash(g_prov, CALG_SHA_256, 0, 0, &hash) != 0, "CryptCreateHash");
        check(CryptHashData(hash, g_input, 64, 0) != 0, "CryptHashData");
        DWORD length = sizeof capi_signature;
        check(CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, capi_signature, &length) != 0, "CryptSignHash");
        check(CryptDestroyHash(hash) != 0, "CryptDestroyHash");
    }
    void direct_sign() {
        BYTE digest[32];
        check(mbedtls_sha256(g_input, 64, digest, 0) == 0, "sha256");
        check(mbedtls_rsa_pkcs1_sign(&context, counter_random, &counter, MBEDTLS_MD_SHA256, 32, digest,
                                     direct_signature) == 0,
              "mbedtls_rsa_pkcs1_sign");
    }
    void capi_verify() {
        HCRYPTHASH hash = 0;
        check(CryptCreateHash(g_prov, CALG_SHA_256, 0, 0, &hash) != 0, "CryptCreateHash");
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
        check(CryptImportKey(g_prov, g_rsa_blob, kRsaBlobSize, 0, 0, &key) != 0, "CryptImportKey(PRIVATEKEYBLOB)");
        check(CryptDestroyKey(key) != 0, "CryptDestroyKey");
    }
    void direct_import_free() {
        mbedtls_rsa_context c;
        direct_import(&c);
        mbedtls_rsa_free(&c);
    }
    void compare(const char *name) {
        capi_sign();
        direct_sign();
        BYTE reversed[256];
        for (int i = 0; i < 256; ++i) reversed[i] = capi_signature[255 - i];  // CryptoAPI is little-endian (§7.1)
        expect_same(reversed, direct_signature, 256, name);
        capi_verify();
        direct_verify();
    }
};

Rsa g_rsa;
#endif

const Row kRows[] = {
    {"sha256-64-lifecycle", 1150, "CryptCreateHash + CryptHashData 64 B + HP_HASHVAL + CryptDestroyHash"},
    {"hashdata-64", 1050, "one CryptHashData of 64 B on a live SHA-256 hash"},
    {"pbkdf2-hmac-sha1", 1250, "PBKDF2-HMAC-SHA-1 of 1000 iterations, minizip-ng style"},
    {"derive-aes256", 1300, "CryptCreateHash + CryptHashData + CryptDeriveKey(AES-256) + destroys"},
    {"rsa2048-sign", 1100, "CryptCreateHash + CryptHashData 64 B + CryptSignHash + CryptDestroyHash"},
    {"rsa2048-verify", 1050, "CryptCreateHash + CryptHashData 64 B + CryptVerifySignature + CryptDestroyHash"},
    {"rsa2048-import", 1200, "CryptImportKey(PRIVATEKEYBLOB) + CryptDestroyKey"},
    {"sha256-16k", 1010, "one CryptHashData of 16 KiB on a live SHA-256 hash"},
    {"md5-16k", 1010, "one CryptHashData of 16 KiB on a live MD5 hash"},
    {"aes128-cbc-4k", 1010, "one CryptEncrypt of 4 KiB (not final), AES-128-CBC"},
    {"aes256-cbc-4k", 1010, "one CryptEncrypt of 4 KiB (not final), AES-256-CBC"},
    {"3des-cbc-4k", 1010, "one CryptEncrypt of 4 KiB (not final), 3DES-CBC"},
};

}  // namespace

// The profile's cut points (a symbol of its own in QEMU's trace); does nothing.
extern "C" __attribute__((noinline, used)) void bench_profile_mark() { __asm__ volatile(""); }

int main() {
    g_quick = command_line_says("quick");
    fill(g_input, sizeof g_input, 1);
    start_timer();
    put("Issue 16's call patterns on the Cortex-M3 (QEMU mps2-an385), CryptoAPI vs direct Mbed TLS doing the\n");
    put("same work, instructions per repetition; every pattern first checks that both sides give the same bytes.\n");
    if (g_quick) put("Quick run: one repetition of each side (the figures include first-call effects).\n");
    if (command_line_says("dwt")) probe_dwt();
    if (command_line_says("profile")) {
        // One repetition of each side of the 64-byte lifecycle and of one HMAC of PBKDF2 (each
        // after a first, unprofiled run), between calls of bench_profile_mark, then stop: short
        // enough for QEMU's per-instruction trace (-d exec,nochain -singlestep), which
        // tools/bench --cortex-m3 --profile cuts at the marks into a profile per side. (The
        // calibration's 10 million instructions would swamp it.)
        check(CryptAcquireContextA(&g_prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) != 0, "CryptAcquireContext");
        BYTE digest[32];
        g_pbkdf2.set_up();
        sha256_lifecycle_capi(digest);
        sha256_lifecycle_direct(digest);
        g_pbkdf2.capi_hmac(g_input, 20, digest);
        g_pbkdf2.direct_hmac(g_input, 20, digest);
        bench_profile_mark();
        sha256_lifecycle_capi(digest);
        bench_profile_mark();
        sha256_lifecycle_direct(digest);
        bench_profile_mark();
        g_pbkdf2.capi_hmac(g_input, 20, digest);
        bench_profile_mark();
        g_pbkdf2.direct_hmac(g_input, 20, digest);
        bench_profile_mark();
        put("profile run done\n");
        return 0;
    }
    calibrate();
    check(CryptAcquireContextA(&g_prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) != 0, "CryptAcquireContext");
    put("  pattern                     tinycapi        direct    ratio   target\n");
    sha256_lifecycle(kRows[0]);
    live_hash(kRows[1], CALG_SHA_256, 64, 1000);
    pbkdf2(kRows[2]);
    derive_aes256(kRows[3]);
#if TINYCAPI_ENABLE_RSA
    g_rsa.set_up();
    g_rsa.compare(kRows[4].name);
    measure(kRows[4], 4, [] { g_rsa.capi_sign(); }, [] { g_rsa.direct_sign(); });
    measure(kRows[5], 20, [] { g_rsa.capi_verify(); }, [] { g_rsa.direct_verify(); });
    measure(kRows[6], 4, [] { g_rsa.capi_import(); }, [] { g_rsa.direct_import_free(); });
    g_rsa.tear_down();
#endif
    live_hash(kRows[7], CALG_SHA_256, 16384, 20);
    live_hash(kRows[8], CALG_MD5, 16384, 20);
    live_cipher(kRows[9], CALG_AES_128, 16, 40);
    live_cipher(kRows[10], CALG_AES_256, 32, 40);
    live_cipher(kRows[11], CALG_3DES, 24, 20);
    check(CryptReleaseContext(g_prov, 0) != 0, "CryptReleaseContext");
    put("\n  ");
    put_number(g_met, 0);
    put(" of ");
    put_number(g_rows, 0);
    put(" targets met. One repetition is:\n");
    for (const Row &row : kRows) {
#if !TINYCAPI_ENABLE_RSA
        if (strncmp(row.name, "rsa", 3) == 0) continue;
#endif
        put("    ");
        put_padded(row.name, 22);
        put(row.unit);
        put("\n");
    }
    put("Both sides gave the same bytes in every pattern.\n");
    return 0;
}
