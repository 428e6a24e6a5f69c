// Provider enumeration and per-type defaults on the target, through the public API only:
// the Windows-validated rules of Wine's dlls/advapi32/tests/crypt.c (test_enum_providers,
// test_enum_provider_types, test_get_default_provider, test_set_provider_ex) and
// CryptAcquireContext with no name honouring the defaults. The host suite
// (tests/conformance/provider_registry_test.cpp) covers every rule; these are the few that
// prove the same code runs here. Each test restores the defaults a fresh device has.
#include <tinycapi/wincrypt.h>

#include "runner.hpp"
#include "tinycapi_config.h"

// The four providers and two types of a default build; a build without PROV_RSA_FULL is
// tested by lifecycle_tests.cpp (Acquire.WithoutRsaFullItsProvidersAreNotInstalled).
#if TINYCAPI_ENABLE_PROV_RSA_FULL && TINYCAPI_ENABLE_PROV_RSA_AES
namespace {

DWORD name_length(const char *name) {
    DWORD length = 0;
    while (name[length] != '\0') ++length;
    return length + 1;
}

bool same_text(const char *a, const char *b) {
    for (;; ++a, ++b) {
        if (*a != *b) return false;
        if (*a == '\0') return true;
    }
}

void restore_defaults() {
    CHECK_EQ(CryptSetProviderExA(MS_DEF_PROV_A, PROV_RSA_FULL, nullptr, CRYPT_USER_DEFAULT | CRYPT_DELETE_DEFAULT), TRUE);
    CHECK_EQ(CryptSetProviderExA(MS_STRONG_PROV_A, PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT), TRUE);
}

TINYCAPI_TARGET_TEST(ProviderRegistry, EnumerationWalksFourProvidersThenNoMoreItems) {
    // Windows-validated: reserved, flags, the size-query walk and ERROR_NO_MORE_ITEMS.
    DWORD reserved = 5, type = 0, length = 0;
    CHECK_EQ(CryptEnumProvidersA(0, &reserved, 0, &type, nullptr, &length), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    CHECK_EQ(CryptEnumProvidersA(0, nullptr, 5, &type, nullptr, &length), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_FLAGS);
    DWORD count = 0;
    while (CryptEnumProvidersA(count, nullptr, 0, &type, nullptr, &length) == TRUE) ++count;
    CHECK_EQ(GetLastError(), ERROR_NO_MORE_ITEMS);
    CHECK_EQ(count, 4u);
    char name[80];
    length = 0xdeadbeef;  // Windows-validated: the length is written, whatever came in
    CHECK_EQ(CryptEnumProvidersA(3, nullptr, 0, &type, name, &length), TRUE);
    CHECK(same_text(name, MS_STRONG_PROV_A));
    CHECK_EQ(length, name_length(MS_STRONG_PROV_A));
    CHECK_EQ(type, DWORD{PROV_RSA_FULL});
    char half[10];
    length = sizeof half;
    CHECK_EQ(CryptEnumProvidersA(0, nullptr, 0, &type, half, &length), FALSE);
    CHECK_EQ(GetLastError(), ERROR_MORE_DATA);
    CHECK_EQ(length, name_length(MS_DEF_PROV_A));
}

TINYCAPI_TARGET_TEST(ProviderRegistry, ProviderTypesAreRsaFullAndRsaAes) {
    DWORD type = 0, length = 0;
    char name[64];
    length = sizeof name;
    CHECK_EQ(CryptEnumProviderTypesA(1, nullptr, 0, &type, name, &length), TRUE);
    CHECK(same_text(name, "RSA Full and AES"));
    CHECK_EQ(type, DWORD{PROV_RSA_AES});
    CHECK_EQ(CryptEnumProviderTypesA(2, nullptr, 0, &type, nullptr, &length), FALSE);
    CHECK_EQ(GetLastError(), ERROR_NO_MORE_ITEMS);
}

TINYCAPI_TARGET_TEST_ALONE(ProviderRegistry, SetDefaultThenAcquireWithoutName) {
    // Windows-validated: delete the machine default, set MS_DEF_PROV, read it back.
    CHECK_EQ(CryptSetProviderExA(MS_DEF_PROV_A, PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT | CRYPT_DELETE_DEFAULT), TRUE);
    CHECK_EQ(CryptSetProviderExA(MS_DEF_PROV_A, PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT), TRUE);
    char name[80];
    DWORD length = 0;
    CHECK_EQ(CryptGetDefaultProviderA(PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT, nullptr, &length), TRUE);
    CHECK_EQ(length, name_length(MS_DEF_PROV_A));
    CHECK_EQ(CryptGetDefaultProviderA(PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT, name, &length), TRUE);
    CHECK(same_text(name, MS_DEF_PROV_A));
    // A NULL provider name now means Base; the user's default, once set, wins.
    HCRYPTPROV provider = 0;
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, nullptr, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT), TRUE);
    length = sizeof name;
    CHECK_EQ(CryptGetProvParam(provider, PP_NAME, reinterpret_cast<BYTE *>(name), &length, 0), TRUE);
    CHECK(same_text(name, MS_DEF_PROV_A));
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
    CHECK_EQ(CryptSetProviderA(MS_ENHANCED_PROV_A, PROV_RSA_FULL), TRUE);
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, nullptr, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT), TRUE);
    length = sizeof name;
    CHECK_EQ(CryptGetProvParam(provider, PP_NAME, reinterpret_cast<BYTE *>(name), &length, 0), TRUE);
    CHECK(same_text(name, MS_ENHANCED_PROV_A));
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
    DWORD reserved = 5;
    CHECK_EQ(CryptSetProviderExA(MS_DEF_PROV_A, PROV_RSA_FULL, &reserved, CRYPT_MACHINE_DEFAULT), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    CHECK_EQ(CryptGetDefaultProviderA(PROV_RSA_FULL, nullptr, 0xdeadbeef, nullptr, &length), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_FLAGS);
    restore_defaults();
}

}  // namespace
#endif
