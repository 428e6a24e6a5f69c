/*
 * <tinycapi/tinycapi.h> — tinycapi's own functions, beyond the Windows surface: version and
 * the pool statistics an integrator sizes TINYCAPI_MAX_* with.
 */
#ifndef TINYCAPI_TINYCAPI_H
#define TINYCAPI_TINYCAPI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TINYCAPI_VERSION_MAJOR 0
#define TINYCAPI_VERSION_MINOR 1
#define TINYCAPI_VERSION_PATCH 0

/* "major.minor.patch". Never null; static storage. */
const char *tinycapi_version(void);

typedef enum tinycapi_pool_id {
    TINYCAPI_POOL_PROVIDERS = 0, /* HCRYPTPROV, TINYCAPI_MAX_PROVIDERS */
    TINYCAPI_POOL_KEYS = 1,      /* HCRYPTKEY, TINYCAPI_MAX_KEYS */
    TINYCAPI_POOL_HASHES = 2     /* HCRYPTHASH, TINYCAPI_MAX_HASHES */
} tinycapi_pool_id;

typedef struct tinycapi_pool_stats {
    uint32_t capacity;   /* slots the pool was built with */
    uint32_t in_use;     /* slots holding an object now (live, or being wiped) */
    uint32_t high_water; /* the most slots ever in use at once */
    uint32_t retired;    /* slots retired for good (TINYCAPI_HANDLE_RETIRE_EXHAUSTED_SLOTS) */
    uint32_t slot_bytes; /* RAM one slot costs: the object and its bookkeeping */
} tinycapi_pool_stats;

/* Fill *stats for one pool. Returns 0, or -1 if `pool` is not a pool of this build (or
 * stats is null). Thread-safe; takes the handle lock for a few instructions. */
int tinycapi_get_pool_stats(tinycapi_pool_id pool, tinycapi_pool_stats *stats);

typedef struct tinycapi_arena_stats {
    uint32_t size;       /* bytes of the Mbed TLS arena (TINYCAPI_MBEDTLS_ARENA_SIZE) */
    uint32_t in_use;     /* bytes held now by RSA keys and operations, block headers included */
    uint32_t high_water; /* the most ever in use at once */
    uint32_t failures;   /* allocations refused for want of room (each one an NTE_NO_MEMORY) */
} tinycapi_arena_stats;

/* Fill *stats for the arena RSA's bignum code allocates from. Returns 0, or -1 if this build
 * has no RSA (or stats is null). Thread-safe; waits for an RSA operation in progress. */
int tinycapi_get_arena_stats(tinycapi_arena_stats *stats);

#ifdef __cplusplus
}
#endif

#endif /* TINYCAPI_TINYCAPI_H */
