// CryptEnumProviders, CryptEnumProviderTypes, CryptGetDefaultProvider, CryptSetProvider and
// CryptSetProviderEx, A and W. Windows' answers: Wine's dlls/advapi32/tests/crypt.c
// (test_enum_providers, test_enum_provider_types, test_get_default_provider,
// test_set_provider_ex); the rest follows Wine's advapi32 (docs/COMPATIBILITY.md, "Providers").
#include "api_result.hpp"
#include "objects/default_provider.hpp"
#include "objects/provider_registry.hpp"
#include "wide_text.hpp"

using namespace tinycapi::api;
namespace objects = tinycapi::objects;
using objects::TextArgument;

namespace {

// Longer than every provider name tinycapi knows, so truncation can only hit unknown names.
constexpr size_t kProviderNameBuffer = 96;

// The reserved-argument and flag checks both enumerations share (Windows-validated: a
// non-NULL pdwReserved is ERROR_INVALID_PARAMETER, dwFlags 5 is NTE_BAD_FLAGS).
Error check_enumeration(DWORD *reserved, DWORD flags, DWORD *type, DWORD *length) {
    if (reserved != nullptr || type == nullptr || length == nullptr) return Error::invalid_parameter;
    if (flags != 0) return Error::bad_flags;
    return Error::none;
}

template <typename Char>
BOOL enumerate_providers(const char *entry_point, DWORD index, DWORD *reserved, DWORD flags, DWORD *type, Char *name, DWORD *length) {
    if (Error e = ensure_port(entry_point); e != Error::none) return fail(e);
    if (Error e = check_enumeration(reserved, flags, type, length); e != Error::none) return fail(e);
    const objects::RegisteredProvider *provider = objects::provider_at(index);
    if (provider == nullptr) return fail(Error::no_more_items);
    if (Error e = objects::write_name(provider->name, name, length); e != Error::none) return fail(e);
    *type = provider->type;
    return TRUE;
}

template <typename Char>
BOOL enumerate_types(const char *entry_point, DWORD index, DWORD *reserved, DWORD flags, DWORD *type, Char *name, DWORD *length) {
    if (Error e = ensure_port(entry_point); e != Error::none) return fail(e);
    if (Error e = check_enumeration(reserved, flags, type, length); e != Error::none) return fail(e);
    const objects::RegisteredProviderType *entry = objects::provider_type_at(index);
    if (entry == nullptr) return fail(Error::no_more_items);
    if (Error e = objects::write_name(entry->type_name, name, length); e != Error::none) return fail(e);
    *type = entry->type;
    return TRUE;
}

template <typename Char>
BOOL get_default(const char *entry_point, DWORD type, DWORD *reserved, DWORD flags, Char *name, DWORD *length) {
    if (Error e = ensure_port(entry_point); e != Error::none) return fail(e);
    // Windows-validated: a non-NULL pdwReserved, then flags 0xdeadbeef (NTE_BAD_FLAGS), then
    // type 0xdeadbeef (NTE_BAD_PROV_TYPE or ERROR_INVALID_PARAMETER; Wine's order and code).
    if (reserved != nullptr || length == nullptr) return fail(Error::invalid_parameter);
    if ((flags & ~static_cast<DWORD>(CRYPT_USER_DEFAULT | CRYPT_MACHINE_DEFAULT)) != 0) return fail(Error::bad_flags);
    if (type > 999) return fail(Error::bad_prov_type);
    const objects::RegisteredProvider *provider;
    if (Error e = objects::get_default_provider(type, flags, &provider); e != Error::none) return fail(e);
    return finish(objects::write_name(provider->name, name, length));
}

BOOL set_default(const char *entry_point, TextArgument name, DWORD type, DWORD *reserved, DWORD flags) {
    if (Error e = ensure_port(entry_point); e != Error::none) return fail(e);
    // Windows-validated for pdwReserved; a NULL name is Wine's.
    if (name.text == nullptr || reserved != nullptr) return fail(Error::invalid_parameter);
    if (type > 999) return fail(Error::bad_prov_type);
    constexpr DWORD kKnownFlags = CRYPT_MACHINE_DEFAULT | CRYPT_USER_DEFAULT | CRYPT_DELETE_DEFAULT;
    if ((flags & ~kKnownFlags) != 0 || flags == CRYPT_DELETE_DEFAULT) return fail(Error::bad_flags);
    return finish(objects::set_default_provider(name, type, flags));
}

BOOL set_default_wide(const char *entry_point, LPCWSTR name, DWORD type, DWORD *reserved, DWORD flags) {
    char converted[kProviderNameBuffer];
    return set_default(entry_point, to_utf8(name, converted, sizeof converted), type, reserved, flags);
}

}  // namespace

extern "C" {

BOOL WINAPI CryptEnumProvidersA(DWORD dwIndex, DWORD *pdwReserved, DWORD dwFlags, DWORD *pdwProvType,
                                LPSTR szProvName, DWORD *pcbProvName) {
    return enumerate_providers(__func__, dwIndex, pdwReserved, dwFlags, pdwProvType, szProvName, pcbProvName);
}

BOOL WINAPI CryptEnumProvidersW(DWORD dwIndex, DWORD *pdwReserved, DWORD dwFlags, DWORD *pdwProvType,
                                LPWSTR szProvName, DWORD *pcbProvName) {
    return enumerate_providers(__func__, dwIndex, pdwReserved, dwFlags, pdwProvType, szProvName, pcbProvName);
}

BOOL WINAPI CryptEnumProviderTypesA(DWORD dwIndex, DWORD *pdwReserved, DWORD dwFlags, DWORD *pdwProvType,
                                    LPSTR szTypeName, DWORD *pcbTypeName) {
    return enumerate_types(__func__, dwIndex, pdwReserved, dwFlags, pdwProvType, szTypeName, pcbTypeName);
}

BOOL WINAPI CryptEnumProviderTypesW(DWORD dwIndex, DWORD *pdwReserved, DWORD dwFlags, DWORD *pdwProvType,
                                    LPWSTR szTypeName, DWORD *pcbTypeName) {
    return enumerate_types(__func__, dwIndex, pdwReserved, dwFlags, pdwProvType, szTypeName, pcbTypeName);
}

BOOL WINAPI CryptGetDefaultProviderA(DWORD dwProvType, DWORD *pdwReserved, DWORD dwFlags, LPSTR pszProvName,
                                     DWORD *pcbProvName) {
    return get_default(__func__, dwProvType, pdwReserved, dwFlags, pszProvName, pcbProvName);
}

BOOL WINAPI CryptGetDefaultProviderW(DWORD dwProvType, DWORD *pdwReserved, DWORD dwFlags, LPWSTR pszProvName,
                                     DWORD *pcbProvName) {
    return get_default(__func__, dwProvType, pdwReserved, dwFlags, pszProvName, pcbProvName);
}

// Documented: CryptSetProvider sets the current user's default.
BOOL WINAPI CryptSetProviderA(LPCSTR pszProvName, DWORD dwProvType) {
    return set_default(__func__, TextArgument{pszProvName, false}, dwProvType, nullptr, CRYPT_USER_DEFAULT);
}

BOOL WINAPI CryptSetProviderW(LPCWSTR pszProvName, DWORD dwProvType) {
    return set_default_wide(__func__, pszProvName, dwProvType, nullptr, CRYPT_USER_DEFAULT);
}

BOOL WINAPI CryptSetProviderExA(LPCSTR pszProvName, DWORD dwProvType, DWORD *pdwReserved, DWORD dwFlags) {
    return set_default(__func__, TextArgument{pszProvName, false}, dwProvType, pdwReserved, dwFlags);
}

BOOL WINAPI CryptSetProviderExW(LPCWSTR pszProvName, DWORD dwProvType, DWORD *pdwReserved, DWORD dwFlags) {
    return set_default_wide(__func__, pszProvName, dwProvType, pdwReserved, dwFlags);
}

}  // extern "C"
