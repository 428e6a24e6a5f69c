// The pools every object lives in, and typed pins on them for the API layer.
#pragma once

#include <tinycapi/wincrypt.h>

#include <type_traits>

#include "crypto/arena.hpp"
#include "error.hpp"
#include "handles/handle_table.hpp"
#include "hash_object.hpp"
#include "key_object.hpp"
#include "provider.hpp"

namespace tinycapi::objects {

using ProviderPool = handles::Pool<Provider>;
using HashPool = handles::Pool<Hash>;
using KeyPool = handles::Pool<Key>;

const ProviderPool &provider_pool();
const HashPool &hash_pool();
const KeyPool &key_pool();

// Windows' code for a failed handle operation: every bad handle is ERROR_INVALID_PARAMETER
// (reference §2.1); a full pool NTE_NO_MEMORY; a pinned object ERROR_BUSY.
Error error_of(handles::HandleStatus status);

// An object pinned for the duration of a call; the pin drops when it goes out of scope.
template <typename Pool, const Pool &(*pool)()>
class TINYCAPI_PIN_LAYOUT_TAG Pinned {
public:
    // The pin knows its pool: no call to pool() on the way to the object.
    auto &operator*() const { return *operator->(); }
    auto *operator->() const {
        using Object = std::remove_reference_t<decltype(pool().object(0))>;
        return static_cast<Object *>(pin.object());
    }
    handles::Pin pin;
};

using PinnedProvider = Pinned<ProviderPool, provider_pool>;
using PinnedHash = Pinned<HashPool, hash_pool>;
using PinnedKey = Pinned<KeyPool, key_pool>;

// CryptAcquireContext's new provider, pinned by `out`; no_memory when the pool is full.
Error create_provider(PinnedProvider *out);

// CryptReleaseContext's handle step: one reference less, and at the last the provider and
// every hash and key it owns destroyed (each shown to `observer` first, when given);
// invalid_parameter for a dead handle, busy (nothing changed) while a call uses any of them.
Error release_provider(HCRYPTPROV handle, const handles::OrphanObserver *observer);

// Pin a handle for a call: invalid_parameter if it is not a live object of that kind, busy if
// another call holds it.
Error pin_provider(HCRYPTPROV handle, PinnedProvider *out);
Error pin_hash(HCRYPTHASH handle, PinnedHash *out);
Error pin_key(HCRYPTKEY handle, PinnedKey *out);

// A new zeroed hash or key owned by `provider`, pinned by `out`; no_memory when the pool is
// full.
Error create_hash(const PinnedProvider &provider, PinnedHash *out);
Error create_key(const PinnedProvider &provider, PinnedKey *out);

// A new zeroed hash owned by the provider of `original` (CryptDuplicateHash), in one lock
// round trip (pin_owner and create_hash take two).
Error create_hash_beside(const PinnedHash &original, PinnedHash *out);

// CryptDuplicateHash's two handle steps: pin_hash of `handle` into `original`, then, when that
// succeeded, create_hash_beside into `copy`, whose answer goes to `*created`. Where speed is
// asked for, one lock round trip for both (handles::hot::pin_child_and_create_sibling).
Error pin_hash_and_create_copy(HCRYPTHASH handle, PinnedHash *original, PinnedHash *copy, Error *created);

// A new zeroed key owned by `provider` when the pinned hash `sibling` belongs to it too
// (CryptDeriveKey's usual case), in create_hash_beside's one expanded lock round trip;
// otherwise as create_key.
Error create_key_beside(const PinnedProvider &provider, const PinnedHash &sibling, PinnedKey *out);

// The provider that owns a pinned hash or key, pinned too.
template <typename Pinned>
Error pin_owner(const Pinned &child, PinnedProvider *out) {
    return error_of(handles::pin_owner_of(child.pin, provider_pool(), &out->pin));
}

// The handle of a newly created hash or key, once it is complete. The defaults record the
// entry point that calls this and its caller, for the leak report.
template <typename Pinned>
ULONG_PTR publish(const Pinned &created, const char *created_in = __builtin_FUNCTION(),
                  const void *created_by = __builtin_return_address(0)) {
    const ULONG_PTR handle = handles::publish(created.pin);
#if TINYCAPI_LEAK_REPORT
    // Still pinned by `created`: no other call can reach the object yet.
    (*created).origin = LeakOrigin{handle, created_in, created_by};
#else
    (void)created_in, (void)created_by;
#endif
    return handle;
}

// Give back a created object whose construction failed.
template <typename Pinned>
void discard(Pinned *created) {
    handles::discard(&created->pin);
}

// CryptDestroyHash / CryptDestroyKey: invalid_parameter for a dead handle, busy while a call
// uses it.
Error destroy_hash(HCRYPTHASH handle);
Error destroy_key(HCRYPTKEY handle);

}  // namespace tinycapi::objects

namespace tinycapi::objects {

// Statistics of the pool of one object kind; false if this build has no such pool.
bool pool_stats(handles::ObjectKind kind, handles::PoolStats *out);

#if TINYCAPI_ENABLE_RSA
// The bignum arena's statistics, read under its lock.
crypto::ArenaStats arena_usage();
#endif

}  // namespace tinycapi::objects
