// The functions of <tinycapi/tinycapi.h>.
#include <tinycapi/tinycapi.h>

#include "objects/object_pools.hpp"

#define TINYCAPI_STRINGIFY_(x) #x
#define TINYCAPI_STRINGIFY(x) TINYCAPI_STRINGIFY_(x)

extern "C" {

const char *tinycapi_version(void) {
    return TINYCAPI_STRINGIFY(TINYCAPI_VERSION_MAJOR) "." TINYCAPI_STRINGIFY(
        TINYCAPI_VERSION_MINOR) "." TINYCAPI_STRINGIFY(TINYCAPI_VERSION_PATCH);
}

int tinycapi_get_pool_stats(tinycapi_pool_id pool, tinycapi_pool_stats *stats) {
    using tinycapi::handles::ObjectKind;
    if (stats == nullptr) return -1;
    ObjectKind kind;
    switch (pool) {
        case TINYCAPI_POOL_PROVIDERS: kind = ObjectKind::provider; break;
        case TINYCAPI_POOL_KEYS: kind = ObjectKind::key; break;
        case TINYCAPI_POOL_HASHES: kind = ObjectKind::hash; break;
        default: return -1;
    }
    tinycapi::handles::PoolStats s;
    if (!tinycapi::objects::pool_stats(kind, &s)) return -1;
    stats->capacity = s.capacity;
    stats->in_use = s.in_use;
    stats->high_water = s.high_water;
    stats->retired = s.retired;
    stats->slot_bytes = static_cast<uint32_t>(s.slot_bytes);
    return 0;
}

int tinycapi_get_arena_stats(tinycapi_arena_stats *stats) {
#if TINYCAPI_ENABLE_RSA
    if (stats == nullptr) return -1;
    const tinycapi::crypto::ArenaStats s = tinycapi::objects::arena_usage();
    stats->size = static_cast<uint32_t>(s.size);
    stats->in_use = static_cast<uint32_t>(s.in_use);
    stats->high_water = static_cast<uint32_t>(s.high_water);
    stats->failures = static_cast<uint32_t>(s.failures);
    return 0;
#else
    (void)stats;
    return -1;
#endif
}

}  // extern "C"
