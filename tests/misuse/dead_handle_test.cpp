// Every function that takes a handle rejects zero, garbage, wrong-kind and released values
// with ERROR_INVALID_PARAMETER and touches nothing (reference §2.1; "dead → EIP" is
// Windows-validated for every function).
#include <vector>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

using DeadHandleTest = CapiTest;

std::vector<HCRYPTPROV> DeadProviders() {
    HCRYPTPROV released;
    EXPECT_TRUE(CryptAcquireContextA(&released, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT));
    EXPECT_TRUE(CryptReleaseContext(released, 0));
    return {0,
            0xdeadbeef,
            released,
            released ^ (1u << 28),                              // the same slot, a generation never issued
            (released & 0x1FFFFFFF) | (2u << 29),               // same slot, key kind tag
            static_cast<HCRYPTPROV>(~static_cast<uintptr_t>(0))};  // all ones
}

TEST_F(DeadHandleTest, ProviderFunctionsRejectDeadHandles) {
    BYTE buffer[16] = {};
    for (HCRYPTPROV dead : DeadProviders()) {
        SCOPED_TRACE(dead);
        DWORD length = sizeof buffer;
        EXPECT_FAILS_WITH(CryptReleaseContext(dead, 0), ERROR_INVALID_PARAMETER);
        EXPECT_FAILS_WITH(CryptContextAddRef(dead, nullptr, 0), ERROR_INVALID_PARAMETER);
        EXPECT_FAILS_WITH(CryptGenRandom(dead, sizeof buffer, buffer), ERROR_INVALID_PARAMETER);
        EXPECT_FAILS_WITH(CryptGetProvParam(dead, PP_NAME, buffer, &length, 0), ERROR_INVALID_PARAMETER);
        EXPECT_EQ(length, sizeof buffer) << "nothing written";
        EXPECT_FAILS_WITH(CryptSetProvParam(dead, PP_CLIENT_HWND, buffer, 0), ERROR_INVALID_PARAMETER);
    }
    for (BYTE b : buffer) EXPECT_EQ(b, 0);
}

TEST_F(DeadHandleTest, ALiveContextIsUntouchedByCallsOnDeadOnes) {
    HCRYPTPROV live = AcquireVerify();
    for (HCRYPTPROV dead : DeadProviders()) CryptReleaseContext(dead, 0);
    EXPECT_TRUE(CryptReleaseContext(live, 0)) << "its one reference is intact";
}

}  // namespace
}  // namespace tinycapi::testing
