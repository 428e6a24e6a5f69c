// CryptContextAddRef and CryptReleaseContext: the whole contract of reference §2.2-2.3.
#include <set>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

using ContextLifetimeTest = CapiTest;

TEST_F(ContextLifetimeTest, WindowsValidatedReleaseSequence) {
    // §2.3 step 5: Acquire → AddRef → Release(0)=TRUE → Release(~0)=FALSE/NTE_BAD_FLAGS →
    // Release(0)=FALSE/EIP → Release(~0)=FALSE/EIP.
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_FULL);
    ASSERT_TRUE(CryptContextAddRef(prov, nullptr, 0));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_FAILS_WITH(CryptReleaseContext(prov, ~0u), NTE_BAD_FLAGS);
    EXPECT_FAILS_WITH(CryptReleaseContext(prov, 0), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptReleaseContext(prov, ~0u), ERROR_INVALID_PARAMETER);
}

TEST_F(ContextLifetimeTest, NonZeroFlagsOnANonFinalReleaseFailButConsumeTheReference) {
    // §2.3 step 3: documented "returns FALSE but the CSP is released".
    HCRYPTPROV prov = AcquireVerify();
    ASSERT_TRUE(CryptContextAddRef(prov, nullptr, 0));
    EXPECT_FAILS_WITH(CryptReleaseContext(prov, 1), NTE_BAD_FLAGS);
    BYTE b;
    EXPECT_TRUE(CryptGenRandom(prov, 1, &b)) << "one reference left: still usable";
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_FAILS_WITH(CryptGenRandom(prov, 1, &b), ERROR_INVALID_PARAMETER);
}

TEST_F(ContextLifetimeTest, NonZeroFlagsOnTheLastReleaseStillRelease) {
    HCRYPTPROV prov = AcquireVerify();
    EXPECT_FAILS_WITH(CryptReleaseContext(prov, 0x10), NTE_BAD_FLAGS);
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_PROVIDERS), 0u) << "released nonetheless";
    EXPECT_FAILS_WITH(CryptReleaseContext(prov, 0), ERROR_INVALID_PARAMETER);
}

TEST_F(ContextLifetimeTest, AddRefCountsEveryReference) {
    HCRYPTPROV prov = AcquireVerify();
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(CryptContextAddRef(prov, nullptr, 0));
    for (int i = 0; i < 10; ++i) {
        ASSERT_TRUE(CryptReleaseContext(prov, 0)) << i;
        DWORD type, length = sizeof type;
        ASSERT_TRUE(CryptGetProvParam(prov, PP_PROVTYPE, reinterpret_cast<BYTE *>(&type), &length, 0));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_FAILS_WITH(CryptReleaseContext(prov, 0), ERROR_INVALID_PARAMETER);
}

TEST_F(ContextLifetimeTest, AddRefWithReservedArgumentsIsInvalidAndAddsNothing) {
    // §2.2 step 2 [documented]: pdwReserved NULL and dwFlags 0, EIP the only error.
    HCRYPTPROV prov = AcquireVerify();
    DWORD reserved = 0;
    EXPECT_FAILS_WITH(CryptContextAddRef(prov, &reserved, 0), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptContextAddRef(prov, nullptr, 1), ERROR_INVALID_PARAMETER);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_PROVIDERS), 0u) << "no reference was added";
}

TEST_F(ContextLifetimeTest, AddRefOnDeadHandlesIsInvalidParameter) {
    // §2.2 step 1, Windows-validated: 0, 0xdeadbeef, released.
    EXPECT_FAILS_WITH(CryptContextAddRef(0, nullptr, 0), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptContextAddRef(0xdeadbeef, nullptr, 0), ERROR_INVALID_PARAMETER);
    HCRYPTPROV prov = AcquireVerify();
    ASSERT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_FAILS_WITH(CryptContextAddRef(prov, nullptr, 0), ERROR_INVALID_PARAMETER);
}

TEST_F(ContextLifetimeTest, ReleaseOfZeroAndGarbageHandlesIsInvalidParameter) {
    // §2.3 step 1, Windows-validated: (0,0), (0,~0).
    EXPECT_FAILS_WITH(CryptReleaseContext(0, 0), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptReleaseContext(0, ~0u), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptReleaseContext(0xdeadbeef, 0), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptReleaseContext(static_cast<HCRYPTPROV>(~static_cast<uintptr_t>(0)), 0),
                      ERROR_INVALID_PARAMETER);
}

TEST_F(ContextLifetimeTest, CallsOnAReleasedContextAreInvalidParameter) {
    // §2.3, Windows-validated for GenRandom, AddRef, GetProvParam, SetProvParam.
    HCRYPTPROV prov = AcquireVerify();
    ASSERT_TRUE(CryptReleaseContext(prov, 0));
    BYTE buffer[4];
    DWORD length = sizeof buffer;
    EXPECT_FAILS_WITH(CryptGenRandom(prov, sizeof buffer, buffer), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptGetProvParam(prov, PP_NAME, buffer, &length, 0), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptSetProvParam(prov, PP_CLIENT_HWND, buffer, 0), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptContextAddRef(prov, nullptr, 0), ERROR_INVALID_PARAMETER);
}

TEST_F(ContextLifetimeTest, StaleHandleNeverReachesTheContextThatReusesItsSlot) {
    HCRYPTPROV old = AcquireVerify(PROV_RSA_FULL);
    ASSERT_TRUE(CryptReleaseContext(old, 0));
    HCRYPTPROV fresh[TINYCAPI_MAX_PROVIDERS];
    for (HCRYPTPROV &h : fresh) h = AcquireVerify();
    EXPECT_FAILS_WITH(CryptContextAddRef(old, nullptr, 0), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptReleaseContext(old, 0), ERROR_INVALID_PARAMETER);
    for (HCRYPTPROV h : fresh) {
        EXPECT_NE(h, old);
        EXPECT_TRUE(CryptReleaseContext(h, 0)) << "the stale release took nothing from it";
    }
}

TEST_F(ContextLifetimeTest, HandlesDoNotAliasAcrossThousandsOfAcquireReleaseCycles) {
    std::set<HCRYPTPROV> seen;
    for (int i = 0; i < 20000; ++i) {
        HCRYPTPROV prov;
        ASSERT_TRUE(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT));
        ASSERT_TRUE(seen.insert(prov).second) << "handle reissued at cycle " << i;
        ASSERT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(ContextLifetimeTest, AHandleIsNeverAPointer) {
    // §2.1: handles are 32-bit tag|generation|index values, never addresses.
    HCRYPTPROV prov = AcquireVerify();
    EXPECT_LE(prov, 0xFFFFFFFFu);
    EXPECT_NE(prov, 0u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

}  // namespace
}  // namespace tinycapi::testing
