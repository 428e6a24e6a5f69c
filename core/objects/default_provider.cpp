#include "default_provider.hpp"

#include "default_provider_store.hpp"

namespace tinycapi::objects {
namespace {

// Wine's rule (Windows untested): CRYPT_USER_DEFAULT selects the user's default, any other
// accepted combination the machine's.
DefaultScope scope_of(DWORD flags) {
    return (flags & CRYPT_USER_DEFAULT) != 0 ? DefaultScope::user : DefaultScope::machine;
}

const RegisteredProvider *stored_default(DefaultScope scope, DWORD type) {
    const int slot = provider_type_slot(type);
    if (slot < 0) return nullptr;
    const uint8_t code = load_default_code(scope, static_cast<size_t>(slot));
    if (code == 0) return scope == DefaultScope::machine ? built_in_default_provider(type) : nullptr;
    return provider_of_number(code);  // null for kDefaultDeleted
}

}  // namespace

Error get_default_provider(DWORD type, DWORD flags, const RegisteredProvider **provider) {
    *provider = stored_default(scope_of(flags), type);
    return *provider == nullptr ? Error::prov_type_not_def : Error::none;
}

Error set_default_provider(TextArgument name, DWORD type, DWORD flags) {
    // Windows opens the type's registry key first; tinycapi has keys for its own types only.
    const int slot = provider_type_slot(type);
    if (slot < 0) return Error::bad_provider;
    if ((flags & CRYPT_DELETE_DEFAULT) != 0) {
        // The name is not looked at (Windows-validated with MS_DEF_PROV, Wine's test_set_provider_ex).
        store_default_code(scope_of(flags), static_cast<size_t>(slot), kDefaultDeleted);
        return Error::none;
    }
    const uint8_t number = name.too_long ? 0 : provider_number(name.text);
    if (number == 0) return Error::bad_provider;
    // A default of another type could never be acquired (NTE_PROV_TYPE_NO_MATCH there), so
    // tinycapi refuses to record it; Windows' answer is untested.
    if (provider_of_number(number)->type != type) return Error::prov_type_no_match;
    store_default_code(scope_of(flags), static_cast<size_t>(slot), number);
    return Error::none;
}

const RegisteredProvider *effective_default_provider(DWORD type) {
    const RegisteredProvider *user = stored_default(DefaultScope::user, type);
    return user != nullptr ? user : stored_default(DefaultScope::machine, type);
}

}  // namespace tinycapi::objects
