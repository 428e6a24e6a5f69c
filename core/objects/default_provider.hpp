// Per-type default providers: CryptGetDefaultProvider, CryptSetProvider(Ex), and the provider
// CryptAcquireContext uses when it is given no name. Windows keeps them in the registry
// (HKCU for the user's, HKLM for the machine's); tinycapi in default_provider_store.hpp.
#pragma once

#include <tinycapi/wincrypt.h>

#include "error.hpp"
#include "provider_lifecycle.hpp"
#include "provider_registry.hpp"

namespace tinycapi::objects {

// CryptGetDefaultProvider after the argument checks: the default of `type` in the scope
// `flags` selects (CRYPT_USER_DEFAULT: the user's; otherwise the machine's), or
// NTE_PROV_TYPE_NOT_DEF when that scope has none.
Error get_default_provider(DWORD type, DWORD flags, const RegisteredProvider **provider);

// CryptSetProviderEx after the argument checks (pointers, type range, flags), in Windows'
// order: the type, then (unless CRYPT_DELETE_DEFAULT) the provider name.
Error set_default_provider(TextArgument name, DWORD type, DWORD flags);

// The provider a NULL or empty name means for CryptAcquireContext: the user's default of the
// type, else the machine's; null when there is none (NTE_PROV_TYPE_NOT_DEF).
const RegisteredProvider *effective_default_provider(DWORD type);

}  // namespace tinycapi::objects
