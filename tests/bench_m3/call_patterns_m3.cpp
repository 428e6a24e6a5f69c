// Issue 16's call patterns on the Cortex-M3 (QEMU mps2-an385), each done twice: through the
// CryptoAPI as ported Windows code does it, and with direct Mbed TLS code doing the same work
// (the work of each pattern is tests/bench/call_pattern_work.hpp, which the host's
// tests/bench/call_patterns.cpp counts with cachegrind). Every pattern
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
#include <stdint.h>
#include <string.h>

#include "call_pattern_work.hpp"
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

}  // namespace

void bench::check(bool ok, const char *what) {
    if (!ok) die(what);
}

void bench::expect_same(const BYTE *a, const BYTE *b, size_t length, const char *pattern) {
    if (memcmp(a, b, length) != 0) {
        put("\ntinycapi_bench_m3: ");
        put(pattern);
        put(": the CryptoAPI and direct Mbed TLS produce different bytes\n");
        semihosting_exit(3);
    }
}

namespace {

using bench::check;

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

HCRYPTPROV g_prov = 0;

// ---- the table ----------------------------------------------------------------------------

using bench::PatternRow;

bool g_quick = false;
unsigned g_met = 0, g_rows = 0;

// The row of `name` in the shared table.
const PatternRow &row_of(const char *name) {
    for (const PatternRow &row : bench::kPatternRows) {
        if (strcmp(row.name, name) == 0) return row;
    }
    check(false, name);
    return bench::kPatternRows[0];
}

// Counts the instructions of `count` repetitions of each side, prints the row.
template <typename Capi, typename Direct>
void measure(const char *name, long count, Capi capi, Direct direct) {
    const PatternRow &row = row_of(name);
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

// ---- the patterns (their work: tests/bench/call_pattern_work.hpp) ---------------------------

BYTE g_digest[32];

void sha256_lifecycle() {
    BYTE a[32];
    bench::sha256_lifecycle_capi(g_prov, a);
    bench::sha256_lifecycle_direct(g_digest);
    bench::expect_same(a, g_digest, 32, "sha256-64-lifecycle");
    measure("sha256-64-lifecycle", 1000, [&] { bench::sha256_lifecycle_capi(g_prov, a); },
            [] { bench::sha256_lifecycle_direct(g_digest); });
}

bench::LiveHash g_live_hash;

void live_hash(const char *name, ALG_ID algorithm, DWORD length, long count) {
    bench::LiveHash &p = g_live_hash;
    p.set_up(g_prov, algorithm, length);
    measure(name, count, [&] { p.capi(); }, [&] { p.direct(); });
    p.compare(name);
    p.tear_down();
}

bench::Pbkdf2 g_pbkdf2;

void pbkdf2() {
    bench::Pbkdf2 &p = g_pbkdf2;
    p.set_up(g_prov);
    p.compare("pbkdf2-hmac-sha1");
    measure("pbkdf2-hmac-sha1", 2, [&] { p.capi(); }, [&] { p.direct(); });
    p.tear_down();
}

BYTE g_derive_block[16];

void derive_aes256() {
    bench::derive_compare(g_prov, "derive-aes256");
    measure("derive-aes256", 200, [] { bench::derive_capi(g_prov, nullptr); },
            [] { bench::derive_direct(g_derive_block); });
}

bench::LiveCipher g_live_cipher;

void live_cipher(const char *name, ALG_ID algorithm, DWORD key_length, long count) {
    bench::LiveCipher &p = g_live_cipher;
    p.set_up(g_prov, algorithm, key_length);
    p.compare(name);
    measure(name, count, [&] { p.capi(); }, [&] { p.direct(); });
    p.compare(name);  // both chains went on by the same number of blocks: the next block agrees
    p.tear_down();
}

#if TINYCAPI_ENABLE_RSA
bench::Rsa g_rsa;

void rsa() {
    bench::Rsa &p = g_rsa;
    p.set_up(g_prov, kBenchRsa2048PrivateKeyBlob);
    p.compare(g_prov, "rsa2048-sign");
    measure("rsa2048-sign", 4, [&] { p.capi_sign(g_prov); }, [&] { p.direct_sign(); });
    measure("rsa2048-verify", 20, [&] { p.capi_verify(g_prov); }, [&] { p.direct_verify(); });
    measure("rsa2048-import", 4, [&] { p.capi_import(g_prov); }, [&] { p.direct_import(); });
    p.tear_down();
}
#endif

}  // namespace

// The profile's cut points (a symbol of its own in QEMU's trace); does nothing.
extern "C" __attribute__((noinline, used)) void bench_profile_mark() { __asm__ volatile(""); }

int main() {
    g_quick = command_line_says("quick");
    bench::fill(bench::input, sizeof bench::input, 1);
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
        g_pbkdf2.set_up(g_prov);
        bench::sha256_lifecycle_capi(g_prov, digest);
        bench::sha256_lifecycle_direct(digest);
        g_pbkdf2.capi_hmac(bench::input, 20, digest);
        g_pbkdf2.direct_hmac(bench::input, 20, digest);
        bench_profile_mark();
        bench::sha256_lifecycle_capi(g_prov, digest);
        bench_profile_mark();
        bench::sha256_lifecycle_direct(digest);
        bench_profile_mark();
        g_pbkdf2.capi_hmac(bench::input, 20, digest);
        bench_profile_mark();
        g_pbkdf2.direct_hmac(bench::input, 20, digest);
        bench_profile_mark();
        put("profile run done\n");
        return 0;
    }
    calibrate();
    check(CryptAcquireContextA(&g_prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) != 0, "CryptAcquireContext");
    put("  pattern                     tinycapi        direct    ratio   target\n");
    sha256_lifecycle();
    live_hash("hashdata-64", CALG_SHA_256, 64, 1000);
    pbkdf2();
    derive_aes256();
#if TINYCAPI_ENABLE_RSA
    rsa();
#endif
    live_hash("sha256-16k", CALG_SHA_256, 16384, 20);
    live_hash("md5-16k", CALG_MD5, 16384, 20);
    live_cipher("aes128-cbc-4k", CALG_AES_128, 16, 40);
    live_cipher("aes256-cbc-4k", CALG_AES_256, 32, 40);
    live_cipher("3des-cbc-4k", CALG_3DES, 24, 20);
    check(CryptReleaseContext(g_prov, 0) != 0, "CryptReleaseContext");
    put("\n  ");
    put_number(g_met, 0);
    put(" of ");
    put_number(g_rows, 0);
    put(" targets met. One repetition is:\n");
    for (const PatternRow &row : bench::kPatternRows) {
        if (row.needs_rsa && !TINYCAPI_ENABLE_RSA) continue;
        put("    ");
        put_padded(row.name, 22);
        put(row.unit);
        put("\n");
    }
    put("Both sides gave the same bytes in every pattern.\n");
    return 0;
}
