// Zeroing dead stack: the secrets left in frames by code tinycapi does not control.
//
// tinycapi wipes every named buffer of its own that held a secret before it returns. What it
// cannot name are the copies others make: Mbed TLS's key expansion and bignum code leave key
// words and limbs of p, q, d and the CRT values in their frames, and an optimising compiler
// spills a register holding key bytes into a stack slot of any function. So:
//   * every RSA primitive and every Mbed TLS key schedule ends by zeroing the stack below its
//     own frame, where Mbed TLS ran (scrub_stack<N>);
//   * every entry point that handles key material ends by zeroing the stack below its frame,
//     where the objects and crypto layers ran (ScrubStackOnReturn).
// tests/misuse/stack_residue_test.cpp paints the stack, runs every call that touches a secret,
// and proves that no 8-byte window of one is left, in every host build.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tinycapi_config.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace tinycapi::platform {

// A scrub zeroes `Bytes` of stack just below the caller's frame, contiguously: one frame, never
// inlined, holding one array (the call itself overwrites the return-address and saved-register
// slots between the caller's frame and the array), uninstrumented by AddressSanitizer, whose
// redzones would leave gaps. The stack must have that much room.
// The widest plain stores the target has, several per step: a byte loop made the 4 KiB of
// CryptDeriveKey cost twice the derivation itself, and each doubling of the store width halves
// what is left (issue 16). Volatile and no library call, so ASan's memset interceptor never
// checks the (possibly stale-poisoned) dead stack.

// No sanitizer may add a call to it either (ThreadSanitizer's function entry and exit hooks,
// its per-store checks, UndefinedBehaviorSanitizer's pointer-overflow checks): those frames
// would lie below the zeroed area, where the stack residue test checks that nothing of the call
// is left. Even a check that never fires costs a slot there: 32-bit x86's position-independent
// code spills its GOT pointer below the array for the handler's call.
#if defined(__has_attribute)
#if __has_attribute(disable_sanitizer_instrumentation)
#define TINYCAPI_SCRUB_UNINSTRUMENTED __attribute__((disable_sanitizer_instrumentation))
#endif
#endif
#ifndef TINYCAPI_SCRUB_UNINSTRUMENTED
#define TINYCAPI_SCRUB_UNINSTRUMENTED __attribute__((no_sanitize("address", "thread", "undefined")))
#endif

#if defined(__SSE2__)
using ScrubWord = __m128i;  // 16-byte stores on every x86-64
#else
using ScrubWord = uintptr_t;
#endif

// Stores per loop step: 512 bytes a step on x86-64 (the loop's compare and branch then cost a
// sixteenth or less of its stores: 4 KiB in 280 instructions with SSE2's 16-byte stores instead
// of 352 with 8 a step, and the cipher calls' 512-byte scrubs are one step), 8 words elsewhere
// (a Cortex-M's code size counts more).
constexpr size_t scrub_stores_per_step(size_t word_bytes) { return word_bytes >= 16 ? 512 / word_bytes : 8; }

// Words of `word_bytes` zeroed for `bytes`: whole steps.
constexpr size_t scrub_words(size_t bytes, size_t word_bytes = sizeof(ScrubWord)) {
    return (bytes + scrub_stores_per_step(word_bytes) * word_bytes - 1) / (scrub_stores_per_step(word_bytes) * word_bytes) *
           scrub_stores_per_step(word_bytes);
}

// Everything the scrubbing frame does is written out in it: it must make no call, since a
// callee's frame would lie below the zeroed area.
#if defined(__OPTIMIZE_SIZE__)
// At -Os (Cortex-M firmware) one copy serves every size: the same one array just below this
// function's saved registers, its length chosen at run time (three sizes were three 50-byte
// copies on a Cortex-M3, issue 16). `words` is a whole number of steps.
__attribute__((noinline)) TINYCAPI_SCRUB_UNINSTRUMENTED inline void scrub_stack_sized(size_t words) {
    constexpr size_t kStores = scrub_stores_per_step(sizeof(ScrubWord));
    volatile ScrubWord *area = static_cast<volatile ScrubWord *>(__builtin_alloca(words * sizeof(ScrubWord)));
    const ScrubWord zero{};
    for (volatile ScrubWord *word = area; word != area + words; word += kStores) {
#pragma GCC unroll 32
        for (size_t i = 0; i < kStores; ++i) word[i] = zero;
    }
    __asm__ volatile("" : : "r"(area) : "memory");  // the zeroes are the point: keep them
}

template <size_t Bytes>
__attribute__((always_inline)) inline void scrub_stack_words() {
    scrub_stack_sized(scrub_words(Bytes));
}
#else
template <size_t Bytes>
__attribute__((noinline)) TINYCAPI_SCRUB_UNINSTRUMENTED void scrub_stack_words() {
    constexpr size_t kStores = scrub_stores_per_step(sizeof(ScrubWord));
    volatile ScrubWord area[scrub_words(Bytes)];
    const ScrubWord zero{};
    for (volatile ScrubWord *word = area; word != area + scrub_words(Bytes); word += kStores) {
#pragma GCC unroll 32
        for (size_t i = 0; i < kStores; ++i) word[i] = zero;
    }
    __asm__ volatile("" : : "r"(area) : "memory");  // the zeroes are the point: keep them
}
#endif

// x86-64 hosts built for plain SSE2 (the default) scrub with AVX's 32-byte stores when the CPU
// and the OS have it: half the stores. The array keeps SSE2's 16-byte words, so the frame needs
// no realigning (whose padding, between the caller's frame and the array, nobody would zero),
// and the stores are unaligned ones; written out here, since a template deducing the unaligned
// vector type would drop its alignment attribute (clang).
#if defined(__x86_64__) && defined(__SSE2__) && !defined(__AVX__) && (defined(__GNUC__) || defined(__clang__))
#define TINYCAPI_SCRUB_WITH_AVX 1

template <size_t Bytes>
__attribute__((noinline, target("avx"))) TINYCAPI_SCRUB_UNINSTRUMENTED void scrub_stack_wide_words() {
    constexpr size_t kWideWords = scrub_words(Bytes, sizeof(__m128i)) / 2;
    volatile __m128i area[kWideWords * 2];
    volatile __m256i_u *const wide = reinterpret_cast<volatile __m256i_u *>(area);
    const __m256i zero = _mm256_setzero_si256();
#pragma GCC unroll 128  // straight stores for up to 4 KiB: host code, where a loop's cost shows
    for (size_t i = 0; i < kWideWords; ++i) wide[i] = zero;
    __asm__ volatile("" : : "r"(area) : "memory");  // the zeroes are the point: keep them
}
#endif

// Zero `Bytes` (rounded up to whole steps) of stack just below the caller's frame.
// Always inlined, so that the scrubbing frame lies right below the caller's.
template <size_t Bytes>
__attribute__((always_inline)) inline void scrub_stack() {
#if defined(TINYCAPI_SCRUB_WITH_AVX)
    if (__builtin_cpu_supports("avx")) {  // a load and a bit test of libgcc's CPU model
        scrub_stack_wide_words<Bytes>();
        return;
    }
#endif
    scrub_stack_words<Bytes>();
}

// Bytes zeroed below each block cipher operation when it ends, on both backends: Mbed TLS's and
// crypto/legacy's C ciphers spill round keys into their frames on a CPU short of registers, and
// those frames and the chaining loop's stay well within this (tests/target/stack_residue_tests.cpp).
constexpr size_t kCipherCallScrubBytes = 512;

// Declared first in an entry point, so that it runs last: zeroes TINYCAPI_STACK_SCRUB_BYTES
// below the entry point's frame when it returns, on every path.
class ScrubStackOnReturn {
public:
    explicit ScrubStackOnReturn(bool active = true) : active_(active) {}
    ~ScrubStackOnReturn() {
        if (active_) scrub_stack<TINYCAPI_STACK_SCRUB_BYTES>();
    }
    ScrubStackOnReturn(const ScrubStackOnReturn &) = delete;
    ScrubStackOnReturn &operator=(const ScrubStackOnReturn &) = delete;

private:
    bool active_;
};

}  // namespace tinycapi::platform
