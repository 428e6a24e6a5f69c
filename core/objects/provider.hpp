// The provider object behind an HCRYPTPROV: which Microsoft provider it impersonates, which
// key container it opened, and its enumeration cursors (reference §3.1, §4).
#pragma once

#include <stdint.h>

#include <atomic>

#include "personality.hpp"
#include "tinycapi_config.h"

namespace tinycapi::objects {

// Namespace of the port store that holds the key pairs of verify contexts (port.h).
constexpr unsigned kEphemeralNamespace = 2;

struct Provider {
    const Personality *personality;
    const char *provider_name;     // as PP_NAME reports it
    unsigned name_space;           // 0 user keysets, 1 machine keysets (CRYPT_MACHINE_KEYSET)
    bool verify_context;           // CRYPT_VERIFYCONTEXT: an ephemeral, unnamed container
    uint32_t ephemeral_id;         // verify contexts: names their ephemeral container
    // Calls share a provider (it takes many pins), so what they change of it is atomic.
    std::atomic<uint16_t> enum_algorithms_next;  // PP_ENUMALGS / PP_ENUMALGS_EX cursor
    std::atomic<uint16_t> enum_containers_next;  // PP_ENUMCONTAINERS cursor
    std::atomic<bool> ephemeral_in_use;          // a key pair was put in the ephemeral container
    // "" for a verify context; without named containers every context is one.
    char container[TINYCAPI_ENABLE_NAMED_CONTAINERS ? TINYCAPI_CONTAINER_NAME_MAX : 1];
};

// Where a provider's key pairs are stored: its named container, or for a verify context an
// ephemeral one named after the context. `name` has TINYCAPI_CONTAINER_NAME_MAX bytes.
void pair_container_of(const Provider &provider, unsigned *name_space, char *name);

}  // namespace tinycapi::objects
