// The context lifecycle on the target, through the public API only: CryptAcquireContext,
// CryptContextAddRef, CryptReleaseContext, CryptGenRandom and CryptGetProvParam against the
// Windows contract of the behaviour reference (capi-behaviour.md §1-§4; "§" below). Each
// expectation names the section it comes from and, where the reference tags it, whether
// Windows validated it or it is the library's own design.
//
// Every test releases what it acquired and ends by checking that no provider slot is in use
// (tinycapi_get_pool_stats), so a leak is reported by the test that leaked, not by the pool
// test that would trip over it later.
#include <tinycapi/tinycapi.h>
#include <tinycapi/wincrypt.h>

#include "runner.hpp"
#include "tinycapi_config.h"

namespace {

constexpr DWORD kAllFlags = ~DWORD{0};
constexpr HCRYPTPROV kGarbageHandle = 0xdeadbeef;
// Written into an output handle before a call that must fail, to see that it stays put.
constexpr HCRYPTPROV kUntouched = 0x5a5a5a5a;

uint32_t providers_in_use() {
    tinycapi_pool_stats stats{};
    if (tinycapi_get_pool_stats(TINYCAPI_POOL_PROVIDERS, &stats) != 0) {
        return 0xffffffffu;
    }
    return stats.in_use;
}

// A fresh CRYPT_VERIFYCONTEXT on the AES provider, or 0 (with the failure recorded).
HCRYPTPROV acquire_verify_context() {
    HCRYPTPROV provider = 0;
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                  CRYPT_VERIFYCONTEXT),
             TRUE);
    CHECK(provider != 0);
    return provider;
}

bool bytes_equal(const BYTE *a, const BYTE *b, size_t length) {
    for (size_t i = 0; i < length; ++i) {
        if (a[i] != b[i]) {
            return false;
        }
    }
    return true;
}

bool text_equals(const BYTE *data, DWORD length, const char *expected) {
    DWORD i = 0;
    for (; expected[i] != '\0'; ++i) {
        if (i >= length || data[i] != static_cast<BYTE>(expected[i])) {
            return false;
        }
    }
    return i + 1 == length && data[i] == 0;  // the NUL is part of the value (§4.4)
}

// A dead handle is rejected by every context function with ERROR_INVALID_PARAMETER and
// touches nothing (§2.1, §2.3 "calls on the released hProv itself").
void check_dead_everywhere(HCRYPTPROV dead) {
    BYTE buffer[8] = {0};
    DWORD length = sizeof buffer;
    CHECK_EQ(CryptGenRandom(dead, sizeof buffer, buffer), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    CHECK_EQ(CryptContextAddRef(dead, nullptr, 0), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    CHECK_EQ(CryptGetProvParam(dead, PP_NAME, buffer, &length, 0), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    CHECK_EQ(length, sizeof buffer);
    CHECK_EQ(CryptReleaseContext(dead, 0), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    CHECK_EQ(CryptReleaseContext(dead, kAllFlags), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
}

}  // namespace

// ---- CryptAcquireContext (§3.1) --------------------------------------------------------

TINYCAPI_TARGET_TEST(Acquire, VerifyContextOnAesProviderSucceeds) {
    HCRYPTPROV provider = 0;
    SetLastError(0x1234);
    // §3.1.4 VERIFYCONTEXT: an ephemeral context [Windows-validated].
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                  CRYPT_VERIFYCONTEXT),
             TRUE);
    CHECK(provider != 0);  // §2.1: 0 is never a valid handle [Windows-validated]
    CHECK_EQ(GetLastError(), ERROR_SUCCESS);  // §1.1, §3.1.7: the library sets ERROR_SUCCESS
    CHECK_IN_USE(providers_in_use(), 1u);
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);  // §2.3.4
    CHECK_IN_USE(providers_in_use(), 0u);
}

TINYCAPI_TARGET_TEST(Acquire, WideVariantAcceptsTheSameProvider) {
    HCRYPTPROV provider = 0;
    // §3.1.7: A and W differ only in string encoding [Wine-only].
    CHECK_EQ(CryptAcquireContextW(&provider, nullptr, MS_ENH_RSA_AES_PROV_W, PROV_RSA_AES,
                                  CRYPT_VERIFYCONTEXT),
             TRUE);
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
    CHECK_EQ(CryptAcquireContextW(&provider, nullptr, L"No Such Provider", PROV_RSA_AES,
                                  CRYPT_VERIFYCONTEXT),
             FALSE);
    CHECK_EQ(GetLastError(), NTE_KEYSET_NOT_DEF);  // §3.1.3
    CHECK_IN_USE(providers_in_use(), 0u);
}

TINYCAPI_TARGET_TEST(Acquire, NullNameSelectsTheDefaultProviderOfTheType) {
    BYTE name[96];
    DWORD length = sizeof name;
    HCRYPTPROV provider = 0;
    // §4.1: type 24 → the AES provider [Windows-validated: a NULL name works].
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT),
             TRUE);
    CHECK_EQ(CryptGetProvParam(provider, PP_NAME, name, &length, 0), TRUE);
    CHECK(text_equals(name, length, MS_ENH_RSA_AES_PROV_A));
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
#if TINYCAPI_ENABLE_PROV_RSA_FULL
    // §4.1: type 1 → Strong [documented; Wine uses Enhanced]. "" is the same as NULL (§3.1.3).
    length = sizeof name;
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, "", PROV_RSA_FULL, CRYPT_VERIFYCONTEXT), TRUE);
    CHECK_EQ(CryptGetProvParam(provider, PP_NAME, name, &length, 0), TRUE);
    CHECK(text_equals(name, length, MS_STRONG_PROV_A));
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
#endif
    CHECK_IN_USE(providers_in_use(), 0u);
}

#if !TINYCAPI_ENABLE_PROV_RSA_FULL
TINYCAPI_TARGET_TEST(Acquire, WithoutRsaFullItsProvidersAreNotInstalled) {
    // TINYCAPI_ENABLE_PROV_RSA_FULL 0 (docs/COMPATIBILITY.md): the answers Windows gives for
    // providers it has not installed (§3.1.3): a name it does not know → NTE_KEYSET_NOT_DEF
    // [Windows-validated]; a type with no default provider → NTE_PROV_TYPE_NOT_DEF
    // [Windows-validated: 999]. No slot is taken and *phProv is untouched.
    static const char *const names[] = {MS_DEF_PROV_A, MS_STRONG_PROV_A, MS_ENHANCED_PROV_A};
    HCRYPTPROV provider = kUntouched;
    for (const char *name : names) {
        CHECK_EQ(CryptAcquireContextA(&provider, nullptr, name, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT), FALSE);
        CHECK_EQ(GetLastError(), NTE_KEYSET_NOT_DEF);
    }
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, nullptr, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT), FALSE);
    CHECK_EQ(GetLastError(), NTE_PROV_TYPE_NOT_DEF);
    CHECK_EQ(provider, kUntouched);
    // The registry lists the AES provider and its type alone; the type has no defaults to get
    // (NTE_PROV_TYPE_NOT_DEF) or set (NTE_BAD_PROVIDER), as for any type tinycapi lacks.
    char name[80];
    DWORD type = 0, length = sizeof name;
    CHECK_EQ(CryptEnumProvidersA(0, nullptr, 0, &type, name, &length), TRUE);
    CHECK(text_equals(reinterpret_cast<const BYTE *>(name), length, MS_ENH_RSA_AES_PROV_A));
    CHECK_EQ(type, DWORD{PROV_RSA_AES});
    CHECK_EQ(CryptEnumProvidersA(1, nullptr, 0, &type, nullptr, &length), FALSE);
    CHECK_EQ(GetLastError(), ERROR_NO_MORE_ITEMS);
    length = sizeof name;
    CHECK_EQ(CryptEnumProviderTypesA(0, nullptr, 0, &type, name, &length), TRUE);
    CHECK_EQ(type, DWORD{PROV_RSA_AES});
    CHECK_EQ(CryptEnumProviderTypesA(1, nullptr, 0, &type, nullptr, &length), FALSE);
    CHECK_EQ(GetLastError(), ERROR_NO_MORE_ITEMS);
    CHECK_EQ(CryptGetDefaultProviderA(PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT, nullptr, &length), FALSE);
    CHECK_EQ(GetLastError(), NTE_PROV_TYPE_NOT_DEF);
    CHECK_EQ(CryptSetProviderExA(MS_DEF_PROV_A, PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_PROVIDER);
    CHECK_IN_USE(providers_in_use(), 0u);
}
#endif

TINYCAPI_TARGET_TEST(Acquire, ProviderTypeIsCheckedBeforePhProv) {
    HCRYPTPROV provider = kUntouched;
    // §3.1.1: type < 1 or > 999 → NTE_BAD_PROV_TYPE, before phProv [Windows-validated: 0, 1000,
    // and 0 with phProv NULL].
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, nullptr, 0, CRYPT_VERIFYCONTEXT), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_PROV_TYPE);
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, nullptr, 1000, CRYPT_VERIFYCONTEXT), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_PROV_TYPE);
    CHECK_EQ(CryptAcquireContextA(nullptr, nullptr, nullptr, 0, CRYPT_VERIFYCONTEXT), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_PROV_TYPE);
    // §1.3: *phProv is unchanged when the call fails [Wine-only].
    CHECK_EQ(provider, kUntouched);
    CHECK_IN_USE(providers_in_use(), 0u);
}

TINYCAPI_TARGET_TEST(Acquire, NullPhProvIsInvalidParameter) {
    // §3.1.2: phProv NULL → ERROR_INVALID_PARAMETER.
    CHECK_EQ(CryptAcquireContextA(nullptr, nullptr, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                  CRYPT_VERIFYCONTEXT),
             FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    CHECK_IN_USE(providers_in_use(), 0u);
}

TINYCAPI_TARGET_TEST(Acquire, ProviderResolutionErrors) {
    HCRYPTPROV provider = kUntouched;
    // §3.1.3: an unknown name → NTE_KEYSET_NOT_DEF [Windows-validated].
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, "No Such Provider", PROV_RSA_AES,
                                  CRYPT_VERIFYCONTEXT),
             FALSE);
    CHECK_EQ(GetLastError(), NTE_KEYSET_NOT_DEF);
    // §3.1.3: a known name registered with another type → NTE_PROV_TYPE_NO_MATCH
    // [Windows-validated].
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, MS_ENH_RSA_AES_PROV_A, PROV_RSA_FULL,
                                  CRYPT_VERIFYCONTEXT),
             FALSE);
    CHECK_EQ(GetLastError(), NTE_PROV_TYPE_NO_MATCH);
    // §3.1.3: a type without a default provider → NTE_PROV_TYPE_NOT_DEF [Windows-validated: 999].
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, nullptr, 999, CRYPT_VERIFYCONTEXT), FALSE);
    CHECK_EQ(GetLastError(), NTE_PROV_TYPE_NOT_DEF);
    // §4.1: PROV_DSS is not offered → NTE_PROV_TYPE_NOT_DEF [library design].
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, nullptr, PROV_DSS, CRYPT_VERIFYCONTEXT), FALSE);
    CHECK_EQ(GetLastError(), NTE_PROV_TYPE_NOT_DEF);
    // §3.1.3: names compare case-insensitively [library design].
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr,
                                  "microsoft enhanced rsa and aes cryptographic provider",
                                  PROV_RSA_AES, CRYPT_VERIFYCONTEXT),
             TRUE);
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
    CHECK_IN_USE(providers_in_use(), 0u);
}

TINYCAPI_TARGET_TEST(Acquire, VerifyContextWithContainerNameIsBadFlags) {
    HCRYPTPROV provider = kUntouched;
    // §3.1.4: VERIFYCONTEXT (also with NEWKEYSET) and a container name → NTE_BAD_FLAGS
    // [Windows-validated].
    CHECK_EQ(CryptAcquireContextA(&provider, "tinycapi-target", MS_ENH_RSA_AES_PROV_A,
                                  PROV_RSA_AES, CRYPT_VERIFYCONTEXT),
             FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_FLAGS);
    CHECK_EQ(CryptAcquireContextA(&provider, "tinycapi-target", MS_ENH_RSA_AES_PROV_A,
                                  PROV_RSA_AES, CRYPT_VERIFYCONTEXT | CRYPT_NEWKEYSET),
             FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_FLAGS);
    // §3.1.4: VERIFYCONTEXT | DELETEKEYSET, or every flag → NTE_BAD_FLAGS [Wine-only].
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                  CRYPT_VERIFYCONTEXT | CRYPT_DELETEKEYSET),
             FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_FLAGS);
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                  kAllFlags),
             FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_FLAGS);
    CHECK_EQ(provider, kUntouched);
    CHECK_IN_USE(providers_in_use(), 0u);
}

#if TINYCAPI_ENABLE_NAMED_CONTAINERS
TINYCAPI_TARGET_TEST_ALONE(Acquire, NewKeysetThenDeleteKeyset) {
    const char *const name = "tinycapi-target";
    HCRYPTPROV provider = 0;
    // §3.1.4 NEWKEYSET on a missing container: created, and a context on it.
    CHECK_EQ(CryptAcquireContextA(&provider, name, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                  CRYPT_NEWKEYSET),
             TRUE);
    BYTE container[64];
    DWORD length = sizeof container;
    // §4.4 PP_CONTAINER: the container name plus NUL [Windows-validated].
    CHECK_EQ(CryptGetProvParam(provider, PP_CONTAINER, container, &length, 0), TRUE);
    CHECK(text_equals(container, length, name));
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);

    // §2.3 "not destroyed by release": the container outlives its contexts [Windows-validated].
    CHECK_EQ(CryptAcquireContextA(&provider, name, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES, 0), TRUE);
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);

    // §3.1.4: NEWKEYSET on an existing container → NTE_EXISTS [documented].
    provider = kUntouched;
    CHECK_EQ(CryptAcquireContextA(&provider, name, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                  CRYPT_NEWKEYSET),
             FALSE);
    CHECK_EQ(GetLastError(), NTE_EXISTS);
    CHECK_EQ(provider, kUntouched);

    // §3.1.4, §1.3 DELETEKEYSET: TRUE, *phProv = 0, no context [Windows-validated].
    CHECK_EQ(CryptAcquireContextA(&provider, name, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                  CRYPT_DELETEKEYSET),
             TRUE);
    CHECK_EQ(provider, 0u);
    CHECK_IN_USE(providers_in_use(), 0u);

    // §3.1.4: opening or deleting a missing container → NTE_BAD_KEYSET [Windows-validated].
    CHECK_EQ(CryptAcquireContextA(&provider, name, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES, 0), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_KEYSET);
    CHECK_EQ(CryptAcquireContextA(&provider, name, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                  CRYPT_DELETEKEYSET),
             FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_KEYSET);
    CHECK_IN_USE(providers_in_use(), 0u);
}

TINYCAPI_TARGET_TEST_ALONE(Acquire, MachineKeysetIsASeparateNamespace) {
    const char *const name = "tinycapi-machine";
    HCRYPTPROV provider = 0;
    // §3.1.5: CRYPT_MACHINE_KEYSET selects a separate namespace [Windows-validated].
    CHECK_EQ(CryptAcquireContextA(&provider, name, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                  CRYPT_NEWKEYSET | CRYPT_MACHINE_KEYSET),
             TRUE);
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
    CHECK_EQ(CryptAcquireContextA(&provider, name, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES, 0), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_KEYSET);
    CHECK_EQ(CryptAcquireContextA(&provider, name, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                  CRYPT_MACHINE_KEYSET),
             TRUE);
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
    CHECK_EQ(CryptAcquireContextA(&provider, name, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                  CRYPT_DELETEKEYSET | CRYPT_MACHINE_KEYSET),
             TRUE);
    CHECK_IN_USE(providers_in_use(), 0u);
}
#else
TINYCAPI_TARGET_TEST_ALONE(Acquire, WithoutNamedContainersTheStoreHasRoomForNone) {
    // TINYCAPI_ENABLE_NAMED_CONTAINERS 0 (docs/COMPATIBILITY.md): the answers Windows gives for
    // a store that holds no container and has room for none (§3.1.4): open and delete of a
    // missing container, the default one included, are NTE_BAD_KEYSET [Windows-validated];
    // NEWKEYSET is NTE_TOKEN_KEYSET_STORAGE_FULL. No slot is taken and *phProv is untouched.
    const char *const names[] = {"tinycapi-target", nullptr};
    for (const char *name : names) {
        static const DWORD namespaces[] = {0, CRYPT_MACHINE_KEYSET};
        for (DWORD machine : namespaces) {
            HCRYPTPROV provider = kUntouched;
            CHECK_EQ(CryptAcquireContextA(&provider, name, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES, machine), FALSE);
            CHECK_EQ(GetLastError(), NTE_BAD_KEYSET);
            CHECK_EQ(CryptAcquireContextA(&provider, name, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                          CRYPT_NEWKEYSET | machine),
                     FALSE);
            CHECK_EQ(GetLastError(), NTE_TOKEN_KEYSET_STORAGE_FULL);
            CHECK_EQ(CryptAcquireContextA(&provider, name, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                          CRYPT_DELETEKEYSET | machine),
                     FALSE);
            CHECK_EQ(GetLastError(), NTE_BAD_KEYSET);
            CHECK_EQ(provider, kUntouched);
        }
    }
    // A verify context still works, and enumerates no container (PP_ENUMCONTAINERS, §4.4).
    HCRYPTPROV provider = 0;
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES, CRYPT_VERIFYCONTEXT),
             TRUE);
    BYTE name[64];
    DWORD length = sizeof name;
    CHECK_EQ(CryptGetProvParam(provider, PP_ENUMCONTAINERS, name, &length, CRYPT_FIRST), FALSE);
    CHECK_EQ(GetLastError(), ERROR_NO_MORE_ITEMS);
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
    CHECK_IN_USE(providers_in_use(), 0u);
}
#endif

// ---- CryptContextAddRef (§2.2) ---------------------------------------------------------

TINYCAPI_TARGET_TEST(AddRef, EachReferenceNeedsItsOwnRelease) {
    const HCRYPTPROV provider = acquire_verify_context();
    if (provider == 0) return;
    // §2.2.3: refcount++; §2.3.3: while the count stays above 0 the context is fully usable.
    CHECK_EQ(CryptContextAddRef(provider, nullptr, 0), TRUE);
    CHECK_EQ(CryptContextAddRef(provider, nullptr, 0), TRUE);
    BYTE random[4];
    for (int reference = 0; reference < 2; ++reference) {
        CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
        CHECK_EQ(CryptGenRandom(provider, sizeof random, random), TRUE);
    }
    CHECK_IN_USE(providers_in_use(), 1u);  // AddRef takes no slot [library design]
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
    check_dead_everywhere(provider);  // §2.3.5
    CHECK_IN_USE(providers_in_use(), 0u);
}

TINYCAPI_TARGET_TEST(AddRef, ReservedArgumentsAreInvalidParameterAndAddNothing) {
    const HCRYPTPROV provider = acquire_verify_context();
    if (provider == 0) return;
    DWORD reserved = 0;
    // §2.2.2: pdwReserved != NULL or dwFlags != 0 → ERROR_INVALID_PARAMETER, no reference
    // added [documented; Wine counts it].
    CHECK_EQ(CryptContextAddRef(provider, &reserved, 0), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    CHECK_EQ(CryptContextAddRef(provider, nullptr, 1), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    // So the one reference of the acquire is the only one: its release is the last.
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
    CHECK_EQ(CryptReleaseContext(provider, 0), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    CHECK_IN_USE(providers_in_use(), 0u);
}

// ---- CryptReleaseContext (§2.3) --------------------------------------------------------

TINYCAPI_TARGET_TEST(Release, WindowsValidatedSequence) {
    const HCRYPTPROV provider = acquire_verify_context();
    if (provider == 0) return;
    // §2.3.5, verbatim: Acquire → AddRef → Release(0)=TRUE → Release(~0)=FALSE/NTE_BAD_FLAGS
    // → Release(0)=FALSE/EIP → Release(~0)=FALSE/EIP [Windows-validated].
    CHECK_EQ(CryptContextAddRef(provider, nullptr, 0), TRUE);
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
    CHECK_EQ(CryptReleaseContext(provider, kAllFlags), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_FLAGS);
    CHECK_EQ(CryptReleaseContext(provider, 0), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    CHECK_EQ(CryptReleaseContext(provider, kAllFlags), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    CHECK_IN_USE(providers_in_use(), 0u);
}

TINYCAPI_TARGET_TEST(Release, FlagsOnTheLastReferenceStillRelease) {
    const HCRYPTPROV provider = acquire_verify_context();
    if (provider == 0) return;
    // §2.3.4: the last release with dwFlags != 0 releases unconditionally, then FALSE +
    // NTE_BAD_FLAGS [Windows-validated: "Nonzero flags, which allow release nonetheless"].
    CHECK_EQ(CryptReleaseContext(provider, 1), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_FLAGS);
    CHECK_IN_USE(providers_in_use(), 0u);
    check_dead_everywhere(provider);
}

TINYCAPI_TARGET_TEST(Release, FlagsWhileReferencesRemainConsumeOne) {
    const HCRYPTPROV provider = acquire_verify_context();
    if (provider == 0) return;
    CHECK_EQ(CryptContextAddRef(provider, nullptr, 0), TRUE);
    // §2.3.3: count still > 0 and dwFlags != 0 → FALSE + NTE_BAD_FLAGS, the reference is
    // still consumed [documented; Wine returns TRUE].
    CHECK_EQ(CryptReleaseContext(provider, kAllFlags), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_FLAGS);
    BYTE random[4];
    CHECK_EQ(CryptGenRandom(provider, sizeof random, random), TRUE);  // still usable
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);                 // the last one
    check_dead_everywhere(provider);
    CHECK_IN_USE(providers_in_use(), 0u);
}

TINYCAPI_TARGET_TEST(Release, ZeroAndGarbageHandlesAreInvalidParameter) {
    // §2.1, §2.3.1: 0 and 0xdeadbeef → ERROR_INVALID_PARAMETER everywhere, never dereferenced
    // [Windows-validated: (0,0), (0,~0)].
    check_dead_everywhere(0);
    check_dead_everywhere(kGarbageHandle);
    check_dead_everywhere(~HCRYPTPROV{0});
    CHECK_IN_USE(providers_in_use(), 0u);
}

TINYCAPI_TARGET_TEST_ALONE(Release, StaleHandleNeverReachesTheContextReusingItsSlot) {
    HCRYPTPROV previous = acquire_verify_context();
    if (previous == 0) return;
    CHECK_EQ(CryptReleaseContext(previous, 0), TRUE);
    // §2.1: a slot is never reused with the same generation, so a stale handle stays dead
    // after the slot holds a new context, and releasing it leaves that context alone
    // [library design]. Many cycles through the same slot: no handle ever comes back.
    static HCRYPTPROV seen[256];
    for (size_t cycle = 0; cycle < sizeof seen / sizeof seen[0]; ++cycle) {
        const HCRYPTPROV current = acquire_verify_context();
        if (current == 0) return;
        seen[cycle] = current;
        if (!CHECK(current != previous)) break;
        check_dead_everywhere(previous);
        BYTE random[4];
        CHECK_EQ(CryptGenRandom(current, sizeof random, random), TRUE);
        CHECK_EQ(CryptReleaseContext(current, 0), TRUE);
        previous = current;
    }
    unsigned repeats = 0;
    for (size_t i = 0; i < sizeof seen / sizeof seen[0]; ++i) {
        for (size_t j = i + 1; j < sizeof seen / sizeof seen[0]; ++j) {
            repeats += seen[i] == seen[j] ? 1u : 0u;
        }
    }
    CHECK_EQ(repeats, 0u);
    CHECK_IN_USE(providers_in_use(), 0u);
}

// ---- CryptGenRandom (§3.4) -------------------------------------------------------------

TINYCAPI_TARGET_TEST(GenRandom, ZeroLengthSucceeds) {
    const HCRYPTPROV provider = acquire_verify_context();
    if (provider == 0) return;
    BYTE buffer[4] = {1, 2, 3, 4};
    // §3.4.3: dwLen == 0 → TRUE; nothing is written.
    CHECK_EQ(CryptGenRandom(provider, 0, buffer), TRUE);
    CHECK_EQ(buffer[0], 1);
    CHECK_EQ(buffer[3], 4);
    // §3.4.2: the NULL-buffer check applies only when dwLen > 0 [library design].
    CHECK_EQ(CryptGenRandom(provider, 0, nullptr), TRUE);
    CHECK_EQ(CryptGenRandom(provider, 1, nullptr), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
    CHECK_IN_USE(providers_in_use(), 0u);
}

TINYCAPI_TARGET_TEST(GenRandom, TwoCallsDiffer) {
    const HCRYPTPROV provider = acquire_verify_context();
    if (provider == 0) return;
    BYTE first[32] = {0};
    BYTE second[32] = {0};
    static const BYTE zeros[32] = {0};
    SetLastError(0x1234);
    // §3.4.3: two calls differ [Windows-validated].
    CHECK_EQ(CryptGenRandom(provider, sizeof first, first), TRUE);
    CHECK_EQ(CryptGenRandom(provider, sizeof second, second), TRUE);
    CHECK(!bytes_equal(first, second, sizeof first));
    CHECK(!bytes_equal(first, zeros, sizeof first));
    // §1.1: functions other than CryptAcquireContext leave last-error alone on success
    // [library design].
    CHECK_EQ(GetLastError(), 0x1234u);
    // A second context draws from the same generator and still never repeats it.
    const HCRYPTPROV other = acquire_verify_context();
    BYTE third[32] = {0};
    CHECK_EQ(CryptGenRandom(other, sizeof third, third), TRUE);
    CHECK(!bytes_equal(first, third, sizeof first));
    CHECK(!bytes_equal(second, third, sizeof second));
    CHECK_EQ(CryptReleaseContext(other, 0), TRUE);
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
    CHECK_IN_USE(providers_in_use(), 0u);
}

// ---- CryptGetProvParam (§3.5, §4.4, §1.2) ----------------------------------------------

TINYCAPI_TARGET_TEST(GetProvParam, NameFollowsTheSizeQueryProtocol) {
    const HCRYPTPROV provider = acquire_verify_context();
    if (provider == 0) return;
    const DWORD required = sizeof MS_ENH_RSA_AES_PROV_A;  // the name plus NUL (§4.4)
    // §1.2: pbData NULL → TRUE and the size [documented].
    DWORD length = 0;
    CHECK_EQ(CryptGetProvParam(provider, PP_NAME, nullptr, &length, 0), TRUE);
    CHECK_EQ(length, required);
    // §1.2: too small → FALSE, ERROR_MORE_DATA, the size, buffer untouched [documented].
    BYTE name[96];
    for (BYTE &byte : name) byte = 0xa5;
    length = 10;
    CHECK_EQ(CryptGetProvParam(provider, PP_NAME, name, &length, 0), FALSE);
    CHECK_EQ(GetLastError(), ERROR_MORE_DATA);
    CHECK_EQ(length, required);
    CHECK_EQ(name[0], 0xa5);
    // §1.2: large enough → the value, and *pdwDataLen = its length [documented].
    length = sizeof name;
    CHECK_EQ(CryptGetProvParam(provider, PP_NAME, name, &length, 0), TRUE);
    CHECK(text_equals(name, length, MS_ENH_RSA_AES_PROV_A));
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
    CHECK_IN_USE(providers_in_use(), 0u);
}

TINYCAPI_TARGET_TEST(GetProvParam, ProvTypeAndKeySpec) {
    HCRYPTPROV provider = acquire_verify_context();
    if (provider == 0) return;
    DWORD value = 0;
    DWORD length = sizeof value;
    // §4.4 PP_PROVTYPE: 24 for the AES provider [library design; Wine always says 1].
    CHECK_EQ(CryptGetProvParam(provider, PP_PROVTYPE, reinterpret_cast<BYTE *>(&value), &length, 0),
             TRUE);
    CHECK_EQ(length, sizeof value);
    CHECK_EQ(value, PROV_RSA_AES);
    // §4.4 PP_KEYSPEC: AT_KEYEXCHANGE | AT_SIGNATURE, even for VERIFYCONTEXT [Windows-validated].
    length = sizeof value;
    CHECK_EQ(CryptGetProvParam(provider, PP_KEYSPEC, reinterpret_cast<BYTE *>(&value), &length, 0),
             TRUE);
    CHECK_EQ(value, AT_KEYEXCHANGE | AT_SIGNATURE);
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);

#if TINYCAPI_ENABLE_PROV_RSA_FULL
    // §4.4 PP_PROVTYPE: 1 for RSA_FULL [Windows-validated].
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, MS_ENHANCED_PROV_A, PROV_RSA_FULL,
                                  CRYPT_VERIFYCONTEXT),
             TRUE);
    length = sizeof value;
    CHECK_EQ(CryptGetProvParam(provider, PP_PROVTYPE, reinterpret_cast<BYTE *>(&value), &length, 0),
             TRUE);
    CHECK_EQ(value, PROV_RSA_FULL);
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
#endif
    CHECK_IN_USE(providers_in_use(), 0u);
}

TINYCAPI_TARGET_TEST(GetProvParam, ArgumentErrors) {
    const HCRYPTPROV provider = acquire_verify_context();
    if (provider == 0) return;
    BYTE data[8];
    DWORD length = sizeof data;
    // §3.5.2: pdwDataLen NULL → ERROR_INVALID_PARAMETER.
    CHECK_EQ(CryptGetProvParam(provider, PP_NAME, data, nullptr, 0), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    // §3.5.3, §4.4: an unknown parameter → NTE_BAD_TYPE [documented].
    CHECK_EQ(CryptGetProvParam(provider, 0x7fff, data, &length, 0), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_TYPE);
    CHECK_EQ(CryptReleaseContext(provider, 0), TRUE);
    CHECK_IN_USE(providers_in_use(), 0u);
}

// ---- The provider pool (architecture "Handles"; §2.1) ----------------------------------

TINYCAPI_TARGET_TEST_ALONE(Pool, ExhaustionIsNoMemoryAndRecovers) {
    tinycapi_pool_stats stats{};
    if (!CHECK_EQ(tinycapi_get_pool_stats(TINYCAPI_POOL_PROVIDERS, &stats), 0)) return;
    if (!CHECK_EQ(stats.in_use, 0u)) return;
    static HCRYPTPROV held[64];
    const uint32_t capacity = stats.capacity;
    if (!CHECK(capacity >= 1 && capacity <= sizeof held / sizeof held[0])) return;

    for (uint32_t i = 0; i < capacity; ++i) {
        held[i] = acquire_verify_context();
    }
    // A full pool fails with NTE_NO_MEMORY and changes nothing [library design].
    HCRYPTPROV provider = kUntouched;
    CHECK_EQ(CryptAcquireContextA(&provider, nullptr, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                  CRYPT_VERIFYCONTEXT),
             FALSE);
    CHECK_EQ(GetLastError(), NTE_NO_MEMORY);
    CHECK_EQ(provider, kUntouched);
#if TINYCAPI_ENABLE_NAMED_CONTAINERS
    // ... including the container store: a NEWKEYSET that found no slot created nothing.
    CHECK_EQ(CryptAcquireContextA(&provider, "tinycapi-pool", MS_ENH_RSA_AES_PROV_A,
                                  PROV_RSA_AES, CRYPT_NEWKEYSET),
             FALSE);
    CHECK_EQ(GetLastError(), NTE_NO_MEMORY);
#endif
    // A reference count needs no slot: AddRef still works on a full pool.
    CHECK_EQ(CryptContextAddRef(held[0], nullptr, 0), TRUE);
    CHECK_EQ(CryptReleaseContext(held[0], 0), TRUE);

    // Recovery: one release frees one slot for the next acquire.
    CHECK_EQ(CryptReleaseContext(held[capacity - 1], 0), TRUE);
    held[capacity - 1] = acquire_verify_context();
    CHECK(held[capacity - 1] != 0);
    for (uint32_t i = 0; i < capacity; ++i) {
        CHECK_EQ(CryptReleaseContext(held[i], 0), TRUE);
    }
    CHECK_EQ(CryptAcquireContextA(&provider, "tinycapi-pool", MS_ENH_RSA_AES_PROV_A,
                                  PROV_RSA_AES, 0),
             FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_KEYSET);

    if (!CHECK_EQ(tinycapi_get_pool_stats(TINYCAPI_POOL_PROVIDERS, &stats), 0)) return;
    CHECK_EQ(stats.in_use, 0u);
    CHECK_EQ(stats.high_water, capacity);
}
