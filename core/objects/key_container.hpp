// Key containers as the objects layer sees them: named entries of the port's store, each
// call made under TINYCAPI_LOCK_STORAGE and mapped to the error Windows gives
// (reference §3.1). Containers outlive every context (reference §2.3).
#pragma once

#include <stddef.h>

#include "error.hpp"
#include "tinycapi_config.h"

namespace tinycapi::objects {

#if TINYCAPI_ENABLE_NAMED_CONTAINERS
// Open: bad_keyset when the container does not exist.
Error container_open(unsigned name_space, const char *name);
// CRYPT_NEWKEYSET: exists when it is there already; keyset_storage_full when the store has
// no room for another one.
Error container_create(unsigned name_space, const char *name);
// CRYPT_DELETEKEYSET: bad_keyset when it does not exist.
Error container_delete(unsigned name_space, const char *name);
// PP_ENUMCONTAINERS: the name at `index` into `buffer`; no_more_items past the last.
Error container_name_at(unsigned name_space, size_t index, char *buffer, size_t capacity);
#else
// A store with room for no container, and Windows' answers for one (tinycapi_config.h), where
// the callers see them (issue 16: code size).
inline Error container_open(unsigned, const char *) { return Error::bad_keyset; }
inline Error container_create(unsigned, const char *) { return Error::keyset_storage_full; }
inline Error container_delete(unsigned, const char *) { return Error::bad_keyset; }
inline Error container_name_at(unsigned, size_t, char *, size_t) { return Error::no_more_items; }
#endif

}  // namespace tinycapi::objects
