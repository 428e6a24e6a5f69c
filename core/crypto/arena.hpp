// The fixed arena Mbed TLS's bignum code and PSA core, and the psa backend's RSA numbers,
// allocate from instead of the heap (docs/ARCHITECTURE.md, "Memory").
// TINYCAPI_MBEDTLS_ARENA_SIZE bytes of .bss, first fit with coalescing, 8-byte aligned.
//
// Not thread-safe by itself: every user (RSA on both backends, the PSA core) holds
// TINYCAPI_LOCK_ARENA around it, the destroy path of RSA keys included.
#pragma once

#include <stddef.h>

namespace tinycapi::crypto {

struct ArenaStats {
    size_t size;        // bytes the arena was built with
    size_t in_use;      // bytes handed out now, block headers included
    size_t high_water;  // the most ever in use at once
    size_t failures;    // allocations refused for want of room (or by arena_fail_after)
};

ArenaStats arena_stats();

// Forget the high-water mark (measurements of one operation at a time).
void arena_reset_high_water();

// Fault injection for tests: the allocation `count` allocations from now fails (1 = the
// next one); 0 cancels.
void arena_fail_after(unsigned count);

}  // namespace tinycapi::crypto

extern "C" {
// mbedtls_calloc / mbedtls_free (config/tinycapi_mbedtls_config.h routes them here).
void *tinycapi_arena_calloc(size_t count, size_t size);
void tinycapi_arena_free(void *memory);
}
