// The pools every object lives in, and typed pins on them for the API layer.
#pragma once

#include <tinycapi/wincrypt.h>

#include "error.hpp"
#include "handles/handle_table.hpp"
#include "provider.hpp"

namespace tinycapi::objects {

using ProviderPool = handles::HandlePool<Provider, handles::ObjectKind::provider, TINYCAPI_MAX_PROVIDERS>;

ProviderPool &provider_pool();

// The pools of objects a provider owns and destroys on its last release.
struct ChildPools {
    handles::PoolBase *const *pools;
    size_t count;
};
ChildPools child_pools();

// Windows' code for a failed handle operation: every bad handle is ERROR_INVALID_PARAMETER
// (reference §2.1); a full pool NTE_NO_MEMORY; a pinned object ERROR_BUSY.
Error error_of(handles::HandleStatus status);

// A provider pinned for the duration of a call.
class PinnedProvider {
public:
    Provider &operator*() { return provider_pool().object(pin.index()); }
    Provider *operator->() { return &provider_pool().object(pin.index()); }
    handles::Pin pin;
};

// Pin hProv for a call: invalid_parameter if it is not a live context, busy if it cannot be
// pinned.
Error pin_provider(HCRYPTPROV handle, PinnedProvider *out);

}  // namespace tinycapi::objects

namespace tinycapi::objects {

// Statistics of the pool of one object kind; false if this build has no such pool.
bool pool_stats(handles::ObjectKind kind, handles::PoolStats *out);

}  // namespace tinycapi::objects
