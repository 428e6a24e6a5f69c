// CryptAcquireContextA/W, CryptContextAddRef, CryptReleaseContext (reference §2, §3.1-3.3).
#include <string.h>

#include "api_result.hpp"
#include "objects/provider_lifecycle.hpp"
#include "tinycapi_config.h"
#include "wide_text.hpp"

using tinycapi::objects::TextArgument;

namespace tinycapi::api {

std::atomic<bool> port_initialised{false};

namespace {

// Longer than every provider name tinycapi knows, so truncation can only hit unknown names.
constexpr size_t kProviderNameBuffer = 96;

BOOL acquire(const char *entry_point, HCRYPTPROV *phProv, TextArgument container, TextArgument provider,
             DWORD dwProvType, DWORD dwFlags) {
    if (Error e = ensure_port(entry_point); e != Error::none) return fail(e);
    // Windows-validated: the type range is checked before phProv.
    if (dwProvType < 1 || dwProvType > 999) return fail(Error::bad_prov_type);
    if (phProv == nullptr) return fail(Error::invalid_parameter);
    if (Error e = objects::acquire_context(container, provider, dwProvType, dwFlags, phProv); e != Error::none) {
        return fail(e);
    }
    // After a successful acquire Windows leaves one of several codes; tinycapi says
    // ERROR_SUCCESS (reference §1.1).
    SetLastError(ERROR_SUCCESS);
    return TRUE;
}

}  // namespace
}  // namespace tinycapi::api

using namespace tinycapi::api;

extern "C" {

BOOL WINAPI CryptAcquireContextA(HCRYPTPROV *phProv, LPCSTR szContainer, LPCSTR szProvider, DWORD dwProvType,
                                 DWORD dwFlags) {
    return acquire(__func__, phProv, TextArgument{szContainer, false}, TextArgument{szProvider, false}, dwProvType, dwFlags);
}

BOOL WINAPI CryptAcquireContextW(HCRYPTPROV *phProv, LPCWSTR szContainer, LPCWSTR szProvider, DWORD dwProvType,
                                 DWORD dwFlags) {
    char container[TINYCAPI_CONTAINER_NAME_MAX];
    char provider[kProviderNameBuffer];
    return acquire(__func__, phProv, to_utf8(szContainer, container, sizeof container),
                   to_utf8(szProvider, provider, sizeof provider), dwProvType, dwFlags);
}

BOOL WINAPI CryptContextAddRef(HCRYPTPROV hProv, DWORD *pdwReserved, DWORD dwFlags) {
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    // Both a dead handle and non-zero reserved arguments are ERROR_INVALID_PARAMETER, so
    // checking the arguments first cannot change the result; it keeps them from counting.
    if (pdwReserved != nullptr || dwFlags != 0) return fail(Error::invalid_parameter);
    return finish(tinycapi::objects::add_context_reference(hProv));
}

BOOL WINAPI CryptReleaseContext(HCRYPTPROV hProv, DWORD dwFlags) {
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    if (Error e = tinycapi::objects::release_context(hProv); e != Error::none) return fail(e);
    // Documented and Windows-validated: non-zero flags fail the call, but the reference is
    // released all the same (reference §2.3).
    if (dwFlags != 0) return fail(Error::bad_flags);
    return TRUE;
}

}  // extern "C"
