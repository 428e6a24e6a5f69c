// Wiping memory that held secrets, in a way the compiler may not elide. The handle layer
// wipes every object when its slot is freed (docs/ARCHITECTURE.md, "Memory").
//
// Word stores, not byte stores: a slot or a context is wiped in a quarter (32-bit) or an eighth
// (64-bit) of the stores, which is most of what a short call's destroy costs. The bytes before
// the first aligned word and after the last are stored one by one. The stores go through a
// may_alias word type, and an empty asm that takes the address and clobbers memory tells the
// compiler the zeroes are read afterwards, so it can neither drop nor narrow them.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <string.h>

namespace tinycapi::platform {

#if defined(__GNUC__) || defined(__clang__)
// At -Os (Cortex-M firmware) one out-of-line copy serves every wipe (issue 16: code size);
// elsewhere it is expanded where a constant length lets the compiler shorten it.
#if defined(__OPTIMIZE_SIZE__)
__attribute__((noinline))
#endif
inline void secure_wipe(void *memory, size_t length) {
#if defined(__x86_64__)
    // A key slot (928 bytes) is where the word loop, which gcc makes `rep stosq`, costs most:
    // one word a step, about 120 instructions. The C library's memset stores 32 bytes at a
    // time (AVX2), about 45; below 512 bytes its call and dispatch cost more than they save.
    // The length goes through an empty asm so that the compiler cannot expand it inline.
    if (length >= 512) {
        __asm__("" : "+r"(length));
        memset(memory, 0, length);
        __asm__ __volatile__("" : : "r"(memory) : "memory");
        return;
    }
#endif
    typedef uintptr_t __attribute__((__may_alias__)) Word;
    unsigned char *bytes = static_cast<unsigned char *>(memory);
    while (length != 0 && (reinterpret_cast<uintptr_t>(bytes) & (sizeof(Word) - 1)) != 0) {
        *bytes++ = 0;
        --length;
    }
    Word *words = static_cast<Word *>(static_cast<void *>(bytes));  // aligned by the loop above
    for (; length >= sizeof(Word); length -= sizeof(Word)) *words++ = 0;
    bytes = reinterpret_cast<unsigned char *>(words);
    while (length--) *bytes++ = 0;
    __asm__ __volatile__("" : : "r"(memory) : "memory");
}
#else
inline void secure_wipe(void *memory, size_t length) {
    volatile unsigned char *bytes = static_cast<volatile unsigned char *>(memory);
    while (length--) *bytes++ = 0;
}
#endif

}  // namespace tinycapi::platform
