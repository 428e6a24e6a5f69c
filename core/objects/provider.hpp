// The provider object behind an HCRYPTPROV: which Microsoft provider it impersonates, which
// key container it opened, and its enumeration cursors (reference §3.1, §4).
#pragma once

#include <stdint.h>

#include "personality.hpp"
#include "tinycapi_config.h"

namespace tinycapi::objects {

struct Provider {
    const Personality *personality;
    const char *provider_name;     // as PP_NAME reports it
    unsigned name_space;           // 0 user keysets, 1 machine keysets (CRYPT_MACHINE_KEYSET)
    bool verify_context;           // CRYPT_VERIFYCONTEXT: an ephemeral, unnamed container
    uint16_t enum_algorithms_next; // PP_ENUMALGS / PP_ENUMALGS_EX cursor, one per context
    uint16_t enum_containers_next; // PP_ENUMCONTAINERS cursor
    char container[TINYCAPI_CONTAINER_NAME_MAX];  // "" for a verify context
};

}  // namespace tinycapi::objects
