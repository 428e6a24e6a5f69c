// ERROR_BUSY with real threads: a release that would pull a context from under a call in
// flight on another thread fails and changes nothing (docs/ARCHITECTURE.md, "Lifetimes").
// The mock port's storage gate holds a PP_ENUMCONTAINERS call inside the context.
#include <thread>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

using ContextBusyTest = CapiTest;

TEST_F(ContextBusyTest, LastReleaseDuringACallOnAnotherThreadIsBusyAndChangesNothing) {
    HCRYPTPROV holder;
    ASSERT_TRUE(CryptAcquireContextA(&holder, "busy", nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET));
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_FULL);

    tinycapi_mock_storage_gate_arm();
    BOOL in_flight_result = FALSE;
    std::thread in_flight([&] {
        char name[261];
        DWORD length = sizeof name;
        in_flight_result = CryptGetProvParam(prov, PP_ENUMCONTAINERS, reinterpret_cast<BYTE *>(name), &length, CRYPT_FIRST);
    });
    tinycapi_mock_storage_gate_wait_entered();

    EXPECT_FAILS_WITH(CryptReleaseContext(prov, 0), ERROR_BUSY);
    // Flags do not matter when nothing happens.
    EXPECT_FAILS_WITH(CryptReleaseContext(prov, 1), ERROR_BUSY);
    // Other calls on the same context may run alongside: contexts are shared.
    BYTE random[8];
    EXPECT_TRUE(CryptGenRandom(prov, sizeof random, random));
    ASSERT_TRUE(CryptContextAddRef(prov, nullptr, 0));
    EXPECT_TRUE(CryptReleaseContext(prov, 0)) << "a release that is not the last need not wait";

    tinycapi_mock_storage_gate_open();
    in_flight.join();
    EXPECT_TRUE(in_flight_result);
    EXPECT_TRUE(CryptReleaseContext(prov, 0)) << "the busy releases consumed no reference";
    EXPECT_FAILS_WITH(CryptReleaseContext(prov, 0), ERROR_INVALID_PARAMETER);
    EXPECT_TRUE(CryptReleaseContext(holder, 0));
    ASSERT_TRUE(CryptAcquireContextA(&holder, "busy", nullptr, PROV_RSA_FULL, CRYPT_DELETEKEYSET));
}

TEST_F(ContextBusyTest, LastErrorIsPerThread) {
    // §1.1 [documented]: last-error is per thread.
    SetLastError(0x1111);
    DWORD seen_by_other = 0;
    std::thread other([&] {
        seen_by_other = GetLastError();
        SetLastError(0x2222);
    });
    other.join();
    EXPECT_EQ(seen_by_other, 0u);
    EXPECT_EQ(GetLastError(), 0x1111u);
}

}  // namespace
}  // namespace tinycapi::testing
