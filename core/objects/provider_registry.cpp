#include "provider_registry.hpp"

#include <string.h>

#include "ascii_names.hpp"
#include "tinycapi_config.h"

namespace tinycapi::objects {
namespace {

// Windows 10's registry lists these four among its providers, in this order (the order of
// CryptEnumProviders: a listing from mimikatz's crypto::providers, and Wine's
// test_enum_providers, which compares index 0 with the registry's first key). The DSS,
// Diffie-Hellman, SChannel and smart-card providers Windows also lists are not offered here.
// A provider type switched off (TINYCAPI_ENABLE_PROV_*) is not installed: neither listed nor
// known by name.
constexpr RegisteredProvider kProviders[] = {
#if TINYCAPI_ENABLE_PROV_RSA_FULL
    {MS_DEF_PROV_A, PROV_RSA_FULL},
    {MS_ENHANCED_PROV_A, PROV_RSA_FULL},
#endif
#if TINYCAPI_ENABLE_PROV_RSA_AES
    {MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES},
#endif
#if TINYCAPI_ENABLE_PROV_RSA_FULL
    {MS_STRONG_PROV_A, PROV_RSA_FULL},
#endif
};
constexpr size_t kEnumeratedProviders = sizeof kProviders / sizeof kProviders[0];

// The row of a provider name, at compile time (kEnumeratedProviders if it has none).
constexpr size_t row_of(const char *name) {
    for (size_t i = 0; i < kEnumeratedProviders; ++i) {
        const char *a = kProviders[i].name;
        const char *b = name;
        while (*a != '\0' && *a == *b) ++a, ++b;
        if (*a == *b) return i;
    }
    return kEnumeratedProviders;
}

#if TINYCAPI_ENABLE_PROV_RSA_AES
// Accepted by name (reference §4.1), never enumerated.
constexpr RegisteredProvider kAesXp{MS_ENH_RSA_AES_PROV_XP_A, PROV_RSA_AES};
#endif

// The TypeName values of Windows' "Provider Types" keys for the types above. Arrays of their
// own, not literals: a literal would share its translation unit's one string section with the
// provider names, and an image that never enumerates types would keep them too (55 bytes).
#if TINYCAPI_ENABLE_PROV_RSA_FULL
constexpr char kRsaFullTypeName[] = "RSA Full (Signature and Key Exchange)";
#endif
#if TINYCAPI_ENABLE_PROV_RSA_AES
constexpr char kRsaAesTypeName[] = "RSA Full and AES";
#endif
constexpr RegisteredProviderType kTypes[] = {
#if TINYCAPI_ENABLE_PROV_RSA_FULL
    {PROV_RSA_FULL, kRsaFullTypeName},
#endif
#if TINYCAPI_ENABLE_PROV_RSA_AES
    {PROV_RSA_AES, kRsaAesTypeName},
#endif
};
static_assert(sizeof kTypes / sizeof kTypes[0] == kProviderTypeCount, "kProviderTypeCount");

// Length in bytes, with the NUL, of `name` in characters of `unit` bytes (the names are short
// constants, so it always fits a DWORD).
DWORD name_size(const char *name, size_t unit) { return static_cast<DWORD>((strlen(name) + 1) * unit); }

// The size-query protocol (reference §1.2). The names are ASCII, so each character widens on
// its own for the W functions.
template <typename Char>
Error write_name_as(const char *name, Char *buffer, DWORD *length) {
    const DWORD size = name_size(name, sizeof(Char));
    if (buffer == nullptr || *length < size) {
        *length = size;
        return buffer == nullptr ? Error::none : Error::more_data;
    }
    for (size_t i = 0;; ++i) {
        buffer[i] = static_cast<Char>(static_cast<unsigned char>(name[i]));
        if (name[i] == '\0') break;
    }
    *length = size;
    return Error::none;
}

}  // namespace

const RegisteredProvider *provider_at(DWORD index) {
    return index < kEnumeratedProviders ? &kProviders[index] : nullptr;
}

const RegisteredProviderType *provider_type_at(DWORD index) {
    return index < kProviderTypeCount ? &kTypes[index] : nullptr;
}

uint8_t provider_number(const char *name) {
    if (name == nullptr) return 0;
    for (size_t i = 0; i < kEnumeratedProviders; ++i) {
        if (equal_ignoring_ascii_case(kProviders[i].name, name)) return static_cast<uint8_t>(i + 1);
    }
#if TINYCAPI_ENABLE_PROV_RSA_AES
    if (equal_ignoring_ascii_case(kAesXp.name, name)) return static_cast<uint8_t>(kEnumeratedProviders + 1);
#endif
    return 0;
}

const RegisteredProvider *built_in_default_provider(DWORD type) {
    // Rows fixed at compile time, not a lookup of a personality's name: no string comparison
    // on the way of every CryptAcquireContext without a provider name.
    switch (type) {
#if TINYCAPI_ENABLE_PROV_RSA_FULL
        case PROV_RSA_FULL: {
            constexpr size_t row = row_of(MS_STRONG_PROV_A);
            static_assert(row < kEnumeratedProviders, "MS_STRONG_PROV is listed");
            return &kProviders[row];
        }
#endif
#if TINYCAPI_ENABLE_PROV_RSA_AES
        case PROV_RSA_AES: {
            constexpr size_t row = row_of(MS_ENH_RSA_AES_PROV_A);
            static_assert(row < kEnumeratedProviders, "MS_ENH_RSA_AES_PROV is listed");
            return &kProviders[row];
        }
#endif
        default: return nullptr;
    }
}

const RegisteredProvider *provider_of_number(uint8_t number) {
    if (number >= 1 && number <= kEnumeratedProviders) return &kProviders[number - 1];
#if TINYCAPI_ENABLE_PROV_RSA_AES
    if (number == kEnumeratedProviders + 1) return &kAesXp;
#endif
    return nullptr;
}

int provider_type_slot(DWORD type) {
    for (size_t i = 0; i < kProviderTypeCount; ++i) {
        if (kTypes[i].type == type) return static_cast<int>(i);
    }
    return -1;
}

Error write_name(const char *name, CHAR *buffer, DWORD *length) { return write_name_as(name, buffer, length); }

Error write_name(const char *name, WCHAR *buffer, DWORD *length) { return write_name_as(name, buffer, length); }

}  // namespace tinycapi::objects
