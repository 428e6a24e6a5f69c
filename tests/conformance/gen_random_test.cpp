// CryptGenRandom (reference §3.4): the DRBG seeded from the port's entropy source.
#include <string.h>

#include <vector>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

using GenRandomTest = CapiTest;

TEST_F(GenRandomTest, TwoCallsDiffer) {
    // Windows-validated: two calls give different bytes.
    HCRYPTPROV prov = AcquireVerify();
    BYTE a[32] = {}, b[32] = {};
    ASSERT_TRUE(CryptGenRandom(prov, sizeof a, a));
    ASSERT_TRUE(CryptGenRandom(prov, sizeof b, b));
    EXPECT_NE(memcmp(a, b, sizeof a), 0);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(GenRandomTest, ZeroLengthSucceedsEvenWithoutABuffer) {
    HCRYPTPROV prov = AcquireVerify();
    EXPECT_TRUE(CryptGenRandom(prov, 0, nullptr));
    BYTE untouched = 0x5A;
    EXPECT_TRUE(CryptGenRandom(prov, 0, &untouched));
    EXPECT_EQ(untouched, 0x5A);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(GenRandomTest, NullBufferWithALengthIsInvalidParameter) {
    HCRYPTPROV prov = AcquireVerify();
    EXPECT_FAILS_WITH(CryptGenRandom(prov, 16, nullptr), ERROR_INVALID_PARAMETER);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(GenRandomTest, DeadHandleIsCheckedBeforeTheBuffer) {
    EXPECT_FAILS_WITH(CryptGenRandom(0, 16, nullptr), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptGenRandom(0xdeadbeef, 16, nullptr), ERROR_INVALID_PARAMETER);
}

TEST_F(GenRandomTest, LargeRequestsSpanManyDrbgCallsAndFillEveryByte) {
    HCRYPTPROV prov = AcquireVerify();
    std::vector<BYTE> buffer(70000, 0);
    ASSERT_TRUE(CryptGenRandom(prov, static_cast<DWORD>(buffer.size()), buffer.data()));
    // A byte value that never appears in 70000 random bytes would be a 1-in-e^273 event.
    int histogram[256] = {};
    for (BYTE b : buffer) ++histogram[b];
    for (int count : histogram) EXPECT_GT(count, 0);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(GenRandomTest, ContextsOfEveryProviderDrawFromTheGenerator) {
    for (DWORD type : {static_cast<DWORD>(PROV_RSA_FULL), static_cast<DWORD>(PROV_RSA_AES)}) {
        HCRYPTPROV prov = AcquireVerify(type);
        BYTE b[8] = {};
        EXPECT_TRUE(CryptGenRandom(prov, sizeof b, b));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

}  // namespace
}  // namespace tinycapi::testing

namespace tinycapi::testing {
namespace {

// A request this long needs more DRBG calls than the reseed interval allows, so the
// generator must draw fresh entropy before its first byte, whatever state it is in.
constexpr size_t kRequestForcingAReseed = (TINYCAPI_DRBG_RESEED_INTERVAL + 1) * 1024;

TEST_F(GenRandomTest, EntropyFailureFailsTheCallAndWritesNothing) {
    // §3.4 and issue 2: an entropy failure is NTE_FAIL and claims no output.
    HCRYPTPROV prov = AcquireVerify();
    std::vector<BYTE> buffer(kRequestForcingAReseed, 0xC3);
    const unsigned calls_before = tinycapi_mock_entropy_calls();
    tinycapi_mock_fail_entropy(1);
    EXPECT_FAILS_WITH(CryptGenRandom(prov, static_cast<DWORD>(buffer.size()), buffer.data()), NTE_FAIL);
    EXPECT_EQ(tinycapi_mock_entropy_calls(), calls_before + 1) << "the source was asked";
    for (size_t i = 0; i < buffer.size(); i += 4096) ASSERT_EQ(buffer[i], 0xC3) << "byte " << i << " changed";
    EXPECT_EQ(buffer.back(), 0xC3);
    BYTE small[16] = {};
    EXPECT_TRUE(CryptGenRandom(prov, sizeof small, small)) << "the generator recovers once the source does";
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

}  // namespace
}  // namespace tinycapi::testing
