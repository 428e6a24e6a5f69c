// Where the per-type default providers (CryptSetProviderEx, CryptGetDefaultProvider) are
// kept: one small code per (scope, provider type). Today in RAM (default_provider_store.cpp),
// so defaults last until the device resets; a persistent container store can implement
// these two calls to make them survive one. The semantics live in default_provider.cpp.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace tinycapi::objects {

enum class DefaultScope : unsigned char { user = 0, machine = 1 };

// Codes: 0 = nothing stored (for the machine scope: Windows' built-in default applies),
// kDefaultDeleted = removed with CRYPT_DELETE_DEFAULT, otherwise a provider_number().
constexpr uint8_t kDefaultDeleted = 0xFF;

// `type_slot` is provider_type_slot() of the type, always valid. Neither call blocks, takes a
// lock or fails; each is atomic with respect to the other.
uint8_t load_default_code(DefaultScope scope, size_t type_slot);
void store_default_code(DefaultScope scope, size_t type_slot, uint8_t code);

}  // namespace tinycapi::objects
