#include "provider_lifecycle.hpp"

#include <string.h>
#include <tinycapi/port.h>

#include <atomic>

#include "default_provider.hpp"
#include "key_container.hpp"
#include "object_pools.hpp"
#include "tinycapi_config.h"

namespace tinycapi::objects {
namespace {

bool is_empty(const char *text) { return text == nullptr || text[0] == '\0'; }

// Reference §3.1 step 3: which provider a (name, type) pair means.
Error resolve_provider(TextArgument name, DWORD provider_type, const Personality **personality,
                       const char **provider_name) {
    if (is_empty(name.text) && !name.too_long) {
        // The user's default of the type, else the machine's (CryptSetProviderEx).
        const RegisteredProvider *provider = effective_default_provider(provider_type);
        *personality = provider == nullptr ? nullptr : find_personality(provider->name, provider_name);
        if (*personality == nullptr) return Error::prov_type_not_def;
        return Error::none;
    }
    *personality = name.too_long ? nullptr : find_personality(name.text, provider_name);
    if (*personality == nullptr) return Error::keyset_not_def;
    if ((*personality)->provider_type != provider_type) return Error::prov_type_no_match;
    return Error::none;
}

enum class KeysetAction { open, create, remove, verify };

// Names the ephemeral container of each verify context (key_pairs.cpp); wraps after 2^32.
std::atomic<uint32_t> next_ephemeral_id{1};

// Reference §3.1 step 4: only these combinations of the three keyset flags exist.
Error keyset_action(DWORD flags, bool container_named, KeysetAction *action) {
    switch (flags & (CRYPT_NEWKEYSET | CRYPT_VERIFYCONTEXT | CRYPT_DELETEKEYSET)) {
        case 0: *action = KeysetAction::open; return Error::none;
        case CRYPT_NEWKEYSET: *action = KeysetAction::create; return Error::none;
        case CRYPT_DELETEKEYSET: *action = KeysetAction::remove; return Error::none;
        case CRYPT_VERIFYCONTEXT:
        case CRYPT_VERIFYCONTEXT | CRYPT_NEWKEYSET:
            // Windows-validated for RSA_FULL and AES: a verify context takes no name.
            if (container_named) return Error::bad_flags;
            *action = KeysetAction::verify;
            return Error::none;
        default: return Error::bad_flags;
    }
}

}  // namespace

Error acquire_context(TextArgument container, TextArgument provider_name, DWORD provider_type, DWORD flags,
                      HCRYPTPROV *out) {
    const Personality *personality;
    const char *canonical_name;
    if (Error e = resolve_provider(provider_name, provider_type, &personality, &canonical_name); e != Error::none) {
        return e;
    }
    const bool container_named = container.too_long || !is_empty(container.text);
    KeysetAction action;
    if (Error e = keyset_action(flags, container_named, &action); e != Error::none) return e;

    const unsigned name_space = (flags & CRYPT_MACHINE_KEYSET) ? 1u : 0u;
    // No name without CRYPT_VERIFYCONTEXT means the default container (reference §3.1 step 6).
    const char *container_name = container_named ? container.text : TINYCAPI_DEFAULT_CONTAINER_NAME;
    if (action != KeysetAction::verify &&
        (container.too_long || strlen(container_name) >= TINYCAPI_CONTAINER_NAME_MAX)) {
        return Error::bad_keyset_param;
    }

#if !TINYCAPI_ENABLE_NAMED_CONTAINERS
    // No container exists and none can be made (key_container.cpp): fail before taking a slot,
    // as a store with no room would, and only verify contexts remain below.
    if (action == KeysetAction::create) return container_create(name_space, container_name);
    if (action != KeysetAction::verify) return container_open(name_space, container_name);
#endif
    if (action == KeysetAction::remove) {
        if (Error e = container_delete(name_space, container_name); e != Error::none) return e;
        *out = 0;  // Windows-validated: a successful delete hands back no context
        return Error::none;
    }

    PinnedProvider created;
    if (Error e = create_provider(&created); e != Error::none) return e;
    Error e = Error::none;
    if (action == KeysetAction::open) e = container_open(name_space, container_name);
    if (action == KeysetAction::create) e = container_create(name_space, container_name);
    if (e != Error::none) {
        handles::discard(&created.pin);
        return e;
    }
    Provider &provider = *created;
    provider.personality = personality;
    provider.provider_name = canonical_name;
    provider.name_space = name_space;
    provider.verify_context = action == KeysetAction::verify;
    if (provider.verify_context) provider.ephemeral_id = next_ephemeral_id.fetch_add(1, std::memory_order_relaxed);
#if TINYCAPI_ENABLE_NAMED_CONTAINERS
    if (!provider.verify_context) memcpy(provider.container, container_name, strlen(container_name) + 1);
#endif
    *out = handles::publish(created.pin);
    return Error::none;
}

Error add_context_reference(HCRYPTPROV handle) {
    return error_of(handles::add_reference(provider_pool(), handle));
}

#if TINYCAPI_LEAK_REPORT
namespace {

// The port hears of every key and hash the last release destroys: Windows code that forgets
// CryptDestroyKey/CryptDestroyHash leaks them on Windows until that release.
void report_orphan(const handles::PoolBase &pool, uint32_t index, void *context) {
    const HCRYPTPROV provider = *static_cast<const HCRYPTPROV *>(context);
    tinycapi_port_leak leak;
    if (&pool == &hash_pool()) {
        const Hash &hash = hash_pool().object(index);
        leak = tinycapi_port_leak{TINYCAPI_PORT_LEAKED_HASH, hash.algorithm,          hash.origin.handle,
                                  provider,                  hash.origin.created_in, hash.origin.created_by};
    } else {
        const Key &key = key_pool().object(index);
        leak = tinycapi_port_leak{TINYCAPI_PORT_LEAKED_KEY, key.algorithm,          key.origin.handle,
                                  provider,                 key.origin.created_in, key.origin.created_by};
    }
    tinycapi_port_report_leak(&leak);
}

}  // namespace
#endif

Error release_context(HCRYPTPROV handle) {
#if TINYCAPI_LEAK_REPORT
    const handles::OrphanObserver observer{report_orphan, &handle};
    return release_provider(handle, &observer);
#else
    return release_provider(handle, nullptr);
#endif
}

}  // namespace tinycapi::objects
