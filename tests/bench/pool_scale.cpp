// Issue 16, item 3: acquire + create hash + destroy + release costs the same instructions with
// pools of 4 and of 1024 slots. The pools' capacity is a compile-time knob and only core/handles
// ever looks at it (the layers above never loop over a pool), so this program runs that
// lifecycle's handle operations — create_provider, pin_provider, create_child, destroy_child,
// release_provider, as CryptAcquireContext, CryptCreateHash, CryptDestroyHash and
// CryptReleaseContext call them — on pools of each size, with the same objects (a hash slot's
// bytes). tools/bench counts its instructions under cachegrind with two repeat counts, as for
// the call patterns, and prints the two figures and their ratio (target within 2 %).
//
//   tinycapi_pool_scale SLOTS COUNT     SLOTS is 4 or 1024; COUNT lifecycles
//
// The library is the one firmware links: the tinycapi target with the posix port.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handles/handle_table.hpp"

namespace {

using namespace tinycapi::handles;

struct Provider {
    uint8_t bytes[92];  // a provider slot's object on a 32-bit core (docs/ARCHITECTURE.md)
};
struct Hash {
    uint8_t bytes[232];  // a hash slot's object, SHA-256 configuration (docs/ARCHITECTURE.md)
};

[[noreturn]] void die(const char *what) {
    fprintf(stderr, "tinycapi_pool_scale: %s failed\n", what);
    exit(2);
}

template <uint32_t Capacity>
struct Pools {
    PoolStorage<Provider, Capacity> provider_storage;
    PoolStorage<Hash, Capacity> hash_storage;
    Pool<Provider> providers = make_pool<ObjectKind::provider>(provider_storage);
    Pool<Hash> hashes = make_pool<ObjectKind::hash>(hash_storage);
    const PoolBase *children[1] = {&hashes};
};

template <uint32_t Capacity>
void run(long count) {
    static Pools<Capacity> pools;
    for (long i = 0; i < count; ++i) {
        Pin created;
        if (create_provider(pools.providers, &created) != HandleStatus::ok) die("create_provider");
        const uintptr_t provider = publish(created);
        created.unpin();
        uintptr_t hash;
        {
            Pin owner, child;
            if (pin_provider(pools.providers, provider, &owner) != HandleStatus::ok) die("pin_provider");
            if (create_child(pools.hashes, owner, &child) != HandleStatus::ok) die("create_child");
            memset(pools.hashes.object(child.index()).bytes, 0x5a, 64);  // the hash's work
            hash = publish(child);
        }
        if (destroy_child(pools.hashes, pools.providers, hash) != HandleStatus::ok) die("destroy_child");
        ReleaseOutcome outcome;
        if (release_provider(pools.providers, pools.children, 1, provider, &outcome) != HandleStatus::ok ||
            outcome != ReleaseOutcome::destroyed) {
            die("release_provider");
        }
    }
}

}  // namespace

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: tinycapi_pool_scale 4|1024 COUNT\n");
        return 1;
    }
    const long slots = strtol(argv[1], nullptr, 10), count = strtol(argv[2], nullptr, 10);
    if (slots == 4) {
        run<4>(count);
    } else if (slots == 1024) {
        run<1024>(count);
    } else {
        fprintf(stderr, "tinycapi_pool_scale: SLOTS is 4 or 1024\n");
        return 1;
    }
    return 0;
}
