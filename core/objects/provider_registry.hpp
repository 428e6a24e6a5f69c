// The providers and provider types tinycapi offers, as Windows lists them from its registry
// (HKLM\Software\Microsoft\Cryptography\Defaults\Provider and \Provider Types): what
// CryptEnumProviders and CryptEnumProviderTypes walk, and the names CryptSetProviderEx takes.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <tinycapi/wincrypt.h>

#include "error.hpp"
#include "tinycapi_config.h"

namespace tinycapi::objects {

struct RegisteredProvider {
    const char *name;  // exactly as Windows spells it
    DWORD type;
};

struct RegisteredProviderType {
    DWORD type;
    const char *type_name;  // the registry's TypeName, exactly as Windows spells it
};

// The provider at `index` in Windows' enumeration order (the registry sorts key names), or
// null past the last one. The Windows XP name of the AES provider is accepted by name but
// not enumerated: no Windows registers both AES names.
const RegisteredProvider *provider_at(DWORD index);

// The provider type at `index` in enumeration order ("Type 001" < "Type 024"), or null.
const RegisteredProviderType *provider_type_at(DWORD index);

// A provider's number (1, 2, …; 0 = no such provider): what the default store keeps. Names
// compare ASCII case-insensitively, like registry keys; the XP AES name has a number too.
uint8_t provider_number(const char *name);

// The provider Windows' registry makes the machine default of a type after installation,
// or null if the type has none here (reference §4.1: PROV_RSA_FULL → Strong, PROV_RSA_AES →
// AES).
const RegisteredProvider *built_in_default_provider(DWORD type);

// The provider a number names, or null for 0 and unknown numbers.
const RegisteredProvider *provider_of_number(uint8_t number);

// The position of a provider type among provider_type_at's, or -1 if tinycapi has no
// provider of that type (Windows: no "Type nnn" registry key).
int provider_type_slot(DWORD type);
constexpr size_t kProviderTypeCount = (TINYCAPI_ENABLE_PROV_RSA_FULL ? 1 : 0) + (TINYCAPI_ENABLE_PROV_RSA_AES ? 1 : 0);

// The size-query protocol (reference §1.2) for a name returned as a string: the length
// counts the terminating NUL and, for the W functions, is in bytes of WCHAR.
Error write_name(const char *name, CHAR *buffer, DWORD *length);
Error write_name(const char *name, WCHAR *buffer, DWORD *length);

}  // namespace tinycapi::objects
