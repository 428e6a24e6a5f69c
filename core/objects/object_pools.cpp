#include "object_pools.hpp"

namespace tinycapi::objects {
namespace {

ProviderPool providers;

}  // namespace

}  // namespace tinycapi::objects

namespace tinycapi::objects {

ProviderPool &provider_pool() { return providers; }

ChildPools child_pools() { return ChildPools{nullptr, 0}; }

Error error_of(handles::HandleStatus status) {
    switch (status) {
        case handles::HandleStatus::ok: return Error::none;
        case handles::HandleStatus::invalid_handle: return Error::invalid_parameter;
        case handles::HandleStatus::busy: return Error::busy;
        case handles::HandleStatus::pool_full: return Error::no_memory;
        case handles::HandleStatus::reference_limit: return Error::fail;
    }
    return Error::fail;
}

Error pin_provider(HCRYPTPROV handle, PinnedProvider *out) {
    return error_of(handles::pin_provider(providers, handle, &out->pin));
}

}  // namespace tinycapi::objects

namespace tinycapi::objects {

bool pool_stats(handles::ObjectKind kind, handles::PoolStats *out) {
    switch (kind) {
        case handles::ObjectKind::provider: *out = handles::pool_stats(providers); return true;
        default: return false;
    }
}

}  // namespace tinycapi::objects
