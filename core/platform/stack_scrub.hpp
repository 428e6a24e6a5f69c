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

namespace tinycapi::platform {

// Zero `Bytes` of stack just below the caller's frame, contiguously: one frame holding one
// array (the call itself overwrites the return-address and saved-register slots between the
// caller's frame and the array), uninstrumented by AddressSanitizer, whose redzones would leave
// gaps. The stack must have that much room. Never inlined.
// The widest plain stores the target has, several per step (a byte loop made the 4 KiB of
// CryptDeriveKey cost twice the derivation itself; SSE2's 16-byte stores halve the 8-byte
// ones' count on x86-64 hosts); volatile and no library call, so ASan's memset interceptor
// never checks the (possibly stale-poisoned) dead stack.
// Always inlined: scrub_stack makes no call, whose frame would lie below the zeroed area
// (an -O0 build would otherwise call this and leave its return address there).
#if defined(__SSE2__)
using ScrubWord = __m128i;
__attribute__((always_inline)) inline ScrubWord scrub_zero() { return _mm_setzero_si128(); }
#else
using ScrubWord = uintptr_t;
__attribute__((always_inline)) inline ScrubWord scrub_zero() { return 0; }
#endif

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

// Stores per loop step: 32 of SSE2's 16 bytes (one step is 512 bytes, the loop's own compare
// and branch an eighth of what 8 stores a step cost: 4 KiB in 280 instructions instead of 352,
// issue 16's CryptDeriveKey), 8 words elsewhere (a Cortex-M's code size counts more).
#if defined(__SSE2__)
constexpr size_t kScrubStoresPerStep = 32;
#else
constexpr size_t kScrubStoresPerStep = 8;
#endif

// Words zeroed for `Bytes`: whole steps.
constexpr size_t scrub_words(size_t bytes) {
    return (bytes + kScrubStoresPerStep * sizeof(ScrubWord) - 1) / (kScrubStoresPerStep * sizeof(ScrubWord)) *
           kScrubStoresPerStep;
}

#if defined(__OPTIMIZE_SIZE__)
// At -Os (Cortex-M firmware) one copy serves every size: the same one array just below this
// function's saved registers, its length chosen at run time (three sizes were three 50-byte
// copies on a Cortex-M3, issue 16). `words` is a whole number of steps.
__attribute__((noinline)) TINYCAPI_SCRUB_UNINSTRUMENTED inline void scrub_stack_words(size_t words) {
    volatile ScrubWord *area = static_cast<volatile ScrubWord *>(__builtin_alloca(words * sizeof(ScrubWord)));
    const ScrubWord zero = scrub_zero();
    for (volatile ScrubWord *word = area; word != area + words; word += kScrubStoresPerStep) {
#pragma GCC unroll 32
        for (size_t i = 0; i < kScrubStoresPerStep; ++i) word[i] = zero;
    }
    __asm__ volatile("" : : "r"(area) : "memory");  // the zeroes are the point: keep them
}

template <size_t Bytes>
__attribute__((always_inline)) inline void scrub_stack() {
    scrub_stack_words(scrub_words(Bytes));
}
#else
template <size_t Bytes>
__attribute__((noinline)) TINYCAPI_SCRUB_UNINSTRUMENTED void scrub_stack() {
    constexpr size_t kWords = scrub_words(Bytes);
    volatile ScrubWord area[kWords];
    const ScrubWord zero = scrub_zero();
    for (volatile ScrubWord *word = area; word != area + kWords; word += kScrubStoresPerStep) {
#pragma GCC unroll 32
        for (size_t i = 0; i < kScrubStoresPerStep; ++i) word[i] = zero;
    }
    __asm__ volatile("" : : "r"(area) : "memory");  // the zeroes are the point: keep them
}
#endif

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
