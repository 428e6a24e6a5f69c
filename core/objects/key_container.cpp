#include "key_container.hpp"

#include <tinycapi/port.h>

#include "pair_cache.hpp"
#include "platform/port_lock.hpp"
#include "tinycapi_config.h"

namespace tinycapi::objects {

#if TINYCAPI_ENABLE_NAMED_CONTAINERS

namespace {

// A failing medium is NTE_FAIL: Windows has no closer code for a storage fault. A container
// whose stored bytes fail their integrity check is NTE_KEYSET_ENTRY_BAD ("keyset as registered
// is invalid"), what Windows reports for a corrupt key-container file.
Error storage_error(tinycapi_port_status status, Error not_found, Error exists, Error full) {
    switch (status) {
        case TINYCAPI_PORT_OK: return Error::none;
        case TINYCAPI_PORT_NOT_FOUND: return not_found;
        case TINYCAPI_PORT_EXISTS: return exists;
        case TINYCAPI_PORT_FULL: return full;
        case TINYCAPI_PORT_DAMAGED: return Error::keyset_entry_bad;
        case TINYCAPI_PORT_IO_ERROR: break;
    }
    return Error::fail;
}

}  // namespace

Error container_open(unsigned name_space, const char *name) {
    platform::LockGuard lock(TINYCAPI_LOCK_STORAGE);
    return storage_error(tinycapi_port_container_find(name_space, name), Error::bad_keyset, Error::fail,
                         Error::fail);
}

Error container_create(unsigned name_space, const char *name) {
    platform::LockGuard lock(TINYCAPI_LOCK_STORAGE);
    return storage_error(tinycapi_port_container_create(name_space, name), Error::fail, Error::exists,
                         Error::keyset_storage_full);
}

Error container_delete(unsigned name_space, const char *name) {
    tinycapi_port_status status;
    {
        platform::LockGuard lock(TINYCAPI_LOCK_STORAGE);
        status = tinycapi_port_container_delete(name_space, name);
    }
#if TINYCAPI_ENABLE_RSA
    if (status == TINYCAPI_PORT_OK) forget_cached_pairs(name_space, name);  // its pairs leave RAM with it (pair_cache.hpp)
#endif
    return storage_error(status, Error::bad_keyset, Error::fail, Error::fail);
}

Error container_name_at(unsigned name_space, size_t index, char *buffer, size_t capacity) {
    platform::LockGuard lock(TINYCAPI_LOCK_STORAGE);
    return storage_error(tinycapi_port_container_name_at(name_space, index, buffer, capacity),
                         Error::no_more_items, Error::fail, Error::more_data);
}

#endif  // TINYCAPI_ENABLE_NAMED_CONTAINERS (without, the answers are inline in key_container.hpp)

}  // namespace tinycapi::objects
