// No secret outlives its call in dead stack on the target either, and no frame of a call that
// handles key material lies below its stack scrubs (core/platform/stack_scrub.hpp). The host's
// tests/misuse/stack_residue_test.cpp proves both for the host compilers; this proves them for
// arm-none-eabi-gcc at -Os with the Cortex-M ABI, where frames, spills and Mbed TLS's code paths
// differ, and prints how deep each call went.
//
// Each call runs below a frame that first painted the next TINYCAPI_TARGET_STACK_PROBE_BYTES of
// stack (the image defines it; only images with a stack that large, run by one task, have these
// tests) with interrupts masked, so nothing but the call writes there. Afterwards:
//   * the lowest 512 bytes the call wrote must be zero: its scrubs reached below every frame it
//     built (the shortest scrub, a cipher operation's, is 512 bytes);
//   * no 8-byte window of the call's secrets, in either byte order, is left in what it wrote.
// Buffers are static (.bss): nothing of the test itself lies in the probed stack.
#include <tinycapi/tinycapi.h>
#include <tinycapi/wincrypt.h>

#include "runner.hpp"
#include "tinycapi_config.h"

#if defined(TINYCAPI_TARGET_STACK_PROBE_BYTES) && defined(__arm__)

namespace {

constexpr uint8_t kPaint = 0xA5;
constexpr size_t kProbeBytes = TINYCAPI_TARGET_STACK_PROBE_BYTES;
constexpr size_t kZeroRun = 512;  // the shortest scrub, a cipher operation's

// What the last probed call left below the probing frame, bottom up: snapshot[i] is the byte
// that was kProbeBytes - i below that frame's stack pointer. Copied before anything else can
// write there (the test's own later calls run in the same stack), so the scan may wait until a
// secret is known, e.g. a generated key's, which only an export tells.
uint8_t snapshot[kProbeBytes];

// How deep one probed call wrote: its bytes are snapshot[kProbeBytes - depth, kProbeBytes).
struct Probe {
    size_t depth;
};

// Paints the probe area below this frame, runs `work` with interrupts masked and keeps what it
// left. Never inlined, so that the area is below every frame of the test itself; the loops call
// nothing, so no frame of this function lies in the area either.
__attribute__((noinline)) Probe run_probed(void (*work)()) {
    uint8_t *sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    uint32_t primask;
    __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask)::"memory");
    volatile uint8_t *const bottom = sp - kProbeBytes;
    for (volatile uint8_t *at = bottom; at < sp; ++at) *at = kPaint;
    work();
    for (size_t i = 0; i < kProbeBytes; ++i) snapshot[i] = bottom[i];
    __asm__ volatile("msr primask, %0" ::"r"(primask) : "memory");
    size_t untouched = 0;
    while (untouched < kProbeBytes && snapshot[untouched] == kPaint) ++untouched;
    return Probe{kProbeBytes - untouched};
}

// The number as decimal text at `text + at`; returns the new end.
size_t append_number(char *text, size_t at, size_t value) {
    char digits[12];
    size_t count = 0;
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (count > 0) text[at++] = digits[--count];
    return at;
}

size_t append(char *text, size_t at, const char *what) {
    while (*what) text[at++] = *what++;
    return at;
}

// "<call>: N bytes deep" through the runner: the figure, not a check.
void note_depth(const char *call, const Probe &probe) {
    char text[96];
    size_t at = append(text, 0, call);
    at = append(text, at, ": ");
    at = append_number(text, at, probe.depth);
    at = append(text, at, " bytes deep");
    text[at] = '\0';
    tinycapi::target::note(text);
}

// Whether an 8-byte window of `secret` (length >= 8), in either byte order, starts at `at`.
bool holds_window(const uint8_t *at, const BYTE *secret, size_t length) {
    for (size_t start = 0; start + 8 <= length; ++start) {
        bool forward = true;
        bool reversed = true;
        for (size_t i = 0; i < 8 && (forward || reversed); ++i) {
            forward = forward && at[i] == secret[start + i];
            reversed = reversed && at[i] == secret[length - 1 - start - i];
        }
        if (forward || reversed) return true;
    }
    return false;
}

struct Secret {
    const BYTE *bytes;
    size_t length;
};

// Checks what the last probed call left (snapshot) against its secrets. Every call here scrubs
// the stack it used (the hot paths through their cipher operation's own scrub).
void check_probe(const char *call, const Probe &probe, const Secret *secrets, size_t secret_count) {
    note_depth(call, probe);
    if (!CHECK(probe.depth > 0 && probe.depth < kProbeBytes)) return;  // wrote nothing, or the probe was short
    const uint8_t *const lowest = snapshot + (kProbeBytes - probe.depth);
    const uint8_t *const top = snapshot + kProbeBytes;
    size_t non_zero = 0;
    for (const uint8_t *at = lowest; at < lowest + kZeroRun && at < top; ++at) non_zero += *at != 0;
    CHECK_EQ(non_zero, 0u);  // a frame below the scrubs left its return address there
    size_t windows = 0;
    for (const uint8_t *at = lowest; at + 8 <= top; ++at) {
        for (size_t s = 0; s < secret_count; ++s) {
            if (!holds_window(at, secrets[s].bytes, secrets[s].length)) continue;
            if (++windows <= 4) {  // where, for a debugger's watchpoint on the next run
                char text[64];
                size_t end = append(text, 0, "  a window of secret ");
                end = append_number(text, end, s);
                end = append(text, end, " at ");
                end = append_number(text, end, static_cast<size_t>(top - at));
                end = append(text, end, " bytes below the frame");
                text[end] = '\0';
                tinycapi::target::note(text);
            }
        }
    }
    CHECK_EQ(windows, 0u);
}

void expect_no_residue(const char *call, void (*work)(), const Secret *secrets, size_t secret_count) {
    check_probe(call, run_probed(work), secrets, secret_count);
}

// ---- the calls' state: static, so that it is not on the probed stack ------------------------

HCRYPTPROV prov;
HCRYPTKEY key;
HCRYPTKEY second_key;
HCRYPTHASH hash;
BOOL result;
BYTE blob[400];
DWORD blob_length;
BYTE data[64];
DWORD data_length;

// PLAINTEXTKEYBLOB of an AES-256 key (reference §6.1); the key bytes are the secret.
const BYTE kAes256Blob[12 + 32] = {PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0, 0x10, 0x66, 0, 0, 32, 0, 0, 0,
                                   0x5b, 0x0e, 0xc7, 0x92, 0x31, 0xaa, 0x6d, 0xf4, 0x08, 0x9e, 0x53, 0xb7,
                                   0x2c, 0xe1, 0x46, 0x7f, 0xd8, 0x15, 0xa3, 0x6a, 0xbf, 0x27, 0x90, 0x4c,
                                   0xe8, 0x01, 0x7d, 0xc2, 0x59, 0x36, 0x8b, 0xf0};

void export_plaintext(HCRYPTKEY of) {
    blob_length = sizeof blob;
    result = CryptExportKey(of, 0, PLAINTEXTKEYBLOB, 0, blob, &blob_length);
}

HCRYPTPROV acquire() {
    HCRYPTPROV acquired = 0;
    CHECK_EQ(CryptAcquireContextA(&acquired, nullptr, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES, CRYPT_VERIFYCONTEXT), TRUE);
    return acquired;
}

uint32_t in_use(tinycapi_pool_id pool) {
    tinycapi_pool_stats stats{};
    return tinycapi_get_pool_stats(pool, &stats) == 0 ? stats.in_use : 0xffffffffu;
}

void release() {
    CHECK_EQ(CryptReleaseContext(prov, 0), TRUE);
    CHECK_EQ(in_use(TINYCAPI_POOL_KEYS), 0u);
    CHECK_EQ(in_use(TINYCAPI_POOL_HASHES), 0u);
}

}  // namespace

#if TINYCAPI_ENABLE_AES && TINYCAPI_ENABLE_SHA256
TINYCAPI_TARGET_TEST_ALONE(StackResidue, SessionKeyCallsLeaveNoKeyBytes) {
    prov = acquire();
    const Secret imported[] = {{kAes256Blob + 12, 32}};
    expect_no_residue("CryptImportKey(PLAINTEXTKEYBLOB AES-256)", [] {
        result = CryptImportKey(prov, kAes256Blob, sizeof kAes256Blob, 0, CRYPT_EXPORTABLE, &key);
    }, imported, 1);
    CHECK_EQ(result, TRUE);
    expect_no_residue("CryptExportKey(PLAINTEXTKEYBLOB)", [] { export_plaintext(key); }, imported, 1);
    CHECK_EQ(result, TRUE);
    // The hot paths: no 4 KiB scrub of the entry point, but the cipher's own 512 bytes here,
    // where its round keys spill (crypto/mbedtls3/block_cipher_mbedtls.cpp).
    expect_no_residue("CryptEncrypt(AES-256-CBC)", [] {
        data_length = 32;
        result = CryptEncrypt(key, 0, TRUE, 0, data, &data_length, sizeof data);
    }, imported, 1);
    CHECK_EQ(result, TRUE);
    expect_no_residue("CryptDecrypt(AES-256-CBC)", [] { result = CryptDecrypt(key, 0, TRUE, 0, data, &data_length); },
                      imported, 1);
    CHECK_EQ(result, TRUE);
    expect_no_residue("CryptDuplicateKey(AES-256)", [] { result = CryptDuplicateKey(key, nullptr, 0, &second_key); },
                      imported, 1);
    CHECK_EQ(result, TRUE);
    CHECK_EQ(CryptDestroyKey(second_key), TRUE);
    CHECK_EQ(CryptCreateHash(prov, CALG_HMAC, key, 0, &hash), TRUE);
    expect_no_residue("CryptSetHashParam(HP_HMAC_INFO)", [] {
        static HMAC_INFO info = {CALG_SHA_256, nullptr, 0, nullptr, 0};
        result = CryptSetHashParam(hash, HP_HMAC_INFO, reinterpret_cast<const BYTE *>(&info), 0);
    }, imported, 1);
    CHECK_EQ(result, TRUE);
    CHECK_EQ(CryptDestroyHash(hash), TRUE);
    CHECK_EQ(CryptDestroyKey(key), TRUE);

    // A derived key and a generated one: their bytes are known only from an export afterwards.
    static BYTE made_key[32];
    const Secret made[] = {{made_key, 32}};
    CHECK_EQ(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash), TRUE);
    CHECK_EQ(CryptHashData(hash, reinterpret_cast<const BYTE *>("passphrase"), 10, 0), TRUE);
    const Probe derived = run_probed([] { result = CryptDeriveKey(prov, CALG_AES_256, hash, CRYPT_EXPORTABLE, &key); });
    CHECK_EQ(result, TRUE);
    export_plaintext(key);
    for (int i = 0; i < 32; ++i) made_key[i] = blob[12 + i];
    check_probe("CryptDeriveKey(SHA-256 -> AES-256)", derived, made, 1);
    CHECK_EQ(CryptDestroyHash(hash), TRUE);
    CHECK_EQ(CryptDestroyKey(key), TRUE);
    const Probe generated = run_probed([] { result = CryptGenKey(prov, CALG_AES_256, CRYPT_EXPORTABLE, &key); });
    CHECK_EQ(result, TRUE);
    export_plaintext(key);
    for (int i = 0; i < 32; ++i) made_key[i] = blob[12 + i];
    check_probe("CryptGenKey(AES-256)", generated, made, 1);
    CHECK_EQ(CryptDestroyKey(key), TRUE);
    release();
}
#endif

#if TINYCAPI_ENABLE_RSA && TINYCAPI_ENABLE_SHA1
TINYCAPI_TARGET_TEST_ALONE(StackResidue, PrivateKeyCallsLeaveNoPrivateNumbers) {
    prov = acquire();
    // A 512-bit pair made here; its private numbers are known from its export.
    CHECK_EQ(CryptGenKey(prov, AT_KEYEXCHANGE, (512u << 16) | CRYPT_EXPORTABLE, &key), TRUE);
    blob_length = sizeof blob;
    CHECK_EQ(CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, blob, &blob_length), TRUE);
    CHECK_EQ(blob_length, 8u + 12u + 64u * 9u / 2u);
    // PRIVATEKEYBLOB (reference §6.3): header 8, RSAPUBKEY 12, n 64, p 32, q 32, dP 32, dQ 32,
    // qInv 32, d 64.
    static BYTE exported[8 + 12 + 288];
    for (DWORD i = 0; i < blob_length; ++i) exported[i] = blob[i];
    const Secret parts[] = {{exported + 84, 32}, {exported + 116, 32}, {exported + 148, 32},
                            {exported + 180, 32}, {exported + 212, 32}, {exported + 244, 64}};
    constexpr size_t kParts = sizeof parts / sizeof parts[0];
    CHECK_EQ(CryptDestroyKey(key), TRUE);

    expect_no_residue("CryptImportKey(PRIVATEKEYBLOB 512)", [] {
        result = CryptImportKey(prov, blob, blob_length, 0, CRYPT_EXPORTABLE, &key);
    }, parts, kParts);
    CHECK_EQ(result, TRUE);
    CHECK_EQ(CryptCreateHash(prov, CALG_SHA1, 0, 0, &hash), TRUE);
    CHECK_EQ(CryptHashData(hash, reinterpret_cast<const BYTE *>("stack"), 5, 0), TRUE);
    expect_no_residue("CryptSignHash(RSA-512)", [] {
        data_length = sizeof data;
        result = CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, data, &data_length);
    }, parts, kParts);
    CHECK_EQ(result, TRUE);
    CHECK_EQ(CryptDestroyHash(hash), TRUE);
    expect_no_residue("CryptExportKey(PRIVATEKEYBLOB)", [] {
        DWORD length = sizeof blob;
        result = CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, blob, &length);
    }, parts, kParts);
    CHECK_EQ(result, TRUE);
    expect_no_residue("CryptEncrypt(RSA) then CryptDecrypt(RSA)", [] {
        data_length = 16;
        result = CryptEncrypt(key, 0, TRUE, 0, data, &data_length, sizeof data) &&
                 CryptDecrypt(key, 0, TRUE, 0, data, &data_length);
    }, parts, kParts);
    CHECK_EQ(result, TRUE);
    CHECK_EQ(data_length, 16u);
    expect_no_residue("CryptDuplicateKey(RSA)", [] { result = CryptDuplicateKey(key, nullptr, 0, &second_key); }, parts,
                      kParts);
    CHECK_EQ(result, TRUE);
    CHECK_EQ(CryptDestroyKey(second_key), TRUE);
    CHECK_EQ(CryptDestroyKey(key), TRUE);
    release();
}
#endif

#endif  // TINYCAPI_TARGET_STACK_PROBE_BYTES && __arm__
