#include "object_pools.hpp"

#include "handles/handle_table_inline.hpp"
#include "key_pairs.hpp"
#include "platform/port_lock.hpp"

namespace tinycapi::objects {
namespace {

// Storage in .bss, descriptors in flash (core/handles/handle_pool.hpp).
handles::PoolStorage<Provider, TINYCAPI_MAX_PROVIDERS> provider_storage;
handles::PoolStorage<Hash, TINYCAPI_MAX_HASHES> hash_storage;
handles::PoolStorage<Key, TINYCAPI_MAX_KEYS> key_storage;
constexpr ProviderPool providers = handles::make_pool<handles::ObjectKind::provider>(provider_storage, destroy_provider_object);
constexpr HashPool hashes = handles::make_pool<handles::ObjectKind::hash>(hash_storage, nullptr, hash_wipe_extent);
// Only an RSA key holds anything outside its slot: without RSA the key pool needs no destroy
// hook, and CryptDestroyKey kills, wipes and frees a key in one lock round trip.
constexpr KeyPool keys =
    handles::make_pool<handles::ObjectKind::key>(key_storage, TINYCAPI_ENABLE_RSA ? destroy_key_object : nullptr);
constexpr const handles::PoolBase *children[] = {&hashes, &keys};

// The handle operations of every short call. Where speed is asked for, their bodies are
// expanded here, where the pools are constants (issue 16: PBKDF2's duplicate, hash, get
// value, destroy per iteration); an -Os build calls the one copy in handle_table.cpp.
#if defined(__OPTIMIZE_SIZE__)
namespace fast = handles;
#else
namespace fast = handles::hot;
#endif

}  // namespace

const ProviderPool &provider_pool() { return providers; }
const HashPool &hash_pool() { return hashes; }
const KeyPool &key_pool() { return keys; }

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

Error create_provider(PinnedProvider *out) { return error_of(handles::create_provider(providers, &out->pin)); }

Error release_provider(HCRYPTPROV handle, const handles::OrphanObserver *observer) {
    handles::ReleaseOutcome outcome;
    return error_of(
        handles::release_provider(providers, children, sizeof children / sizeof children[0], handle, &outcome, observer));
}

Error pin_provider(HCRYPTPROV handle, PinnedProvider *out) {
    return error_of(handles::pin_provider(providers, handle, &out->pin));
}

Error pin_hash(HCRYPTHASH handle, PinnedHash *out) {
    return error_of(fast::pin_child(hashes, providers, handle, &out->pin));
}

Error pin_key(HCRYPTKEY handle, PinnedKey *out) {
    return error_of(fast::pin_child(keys, providers, handle, &out->pin));
}

Error create_hash(const PinnedProvider &provider, PinnedHash *out) {
    return error_of(handles::create_child(hashes, provider.pin, &out->pin));
}

Error create_key(const PinnedProvider &provider, PinnedKey *out) {
    return error_of(handles::create_child(keys, provider.pin, &out->pin));
}

Error create_hash_beside(const PinnedHash &original, PinnedHash *out) {
    return error_of(fast::create_sibling(hashes, original.pin, &out->pin));
}

Error pin_hash_and_create_copy(HCRYPTHASH handle, PinnedHash *original, PinnedHash *copy, Error *created) {
#if defined(__OPTIMIZE_SIZE__)
    if (Error e = pin_hash(handle, original); e != Error::none) return e;
    *created = create_hash_beside(*original, copy);
    return Error::none;
#else
    handles::HandleStatus made = handles::HandleStatus::ok;
    const handles::HandleStatus pinned =
        handles::hot::pin_child_and_create_sibling(hashes, providers, handle, &original->pin, &copy->pin, &made);
    if (pinned != handles::HandleStatus::ok) return error_of(pinned);
    *created = error_of(made);
    return Error::none;
#endif
}

Error create_key_beside(const PinnedProvider &provider, const PinnedHash &sibling, PinnedKey *out) {
    // Both pins are held, so equal slot indexes are the same live provider.
    if (sibling.pin.owner_index() != provider.pin.index()) return create_key(provider, out);
    return error_of(fast::create_sibling(keys, sibling.pin, &out->pin));
}

Error destroy_hash(HCRYPTHASH handle) { return error_of(fast::destroy_child(hashes, providers, handle)); }

Error destroy_key(HCRYPTKEY handle) { return error_of(fast::destroy_child(keys, providers, handle)); }

}  // namespace tinycapi::objects

namespace tinycapi::objects {

bool pool_stats(handles::ObjectKind kind, handles::PoolStats *out) {
    switch (kind) {
        case handles::ObjectKind::provider: *out = handles::pool_stats(providers); return true;
        case handles::ObjectKind::hash: *out = handles::pool_stats(hashes); return true;
        case handles::ObjectKind::key: *out = handles::pool_stats(keys); return true;
        default: return false;
    }
}

#if TINYCAPI_ENABLE_RSA
crypto::ArenaStats arena_usage() {
    platform::LockGuard lock(TINYCAPI_LOCK_ARENA);
    return crypto::arena_stats();
}
#endif

}  // namespace tinycapi::objects
