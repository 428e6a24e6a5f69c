// The leak report (TINYCAPI_LEAK_REPORT, on in the host-debug build): the last
// CryptReleaseContext reports each key and hash the program forgot to destroy, with the entry
// point that made it and the address of its caller; the mock port collects the reports.
#include <string.h>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

#if TINYCAPI_LEAK_REPORT

class LeakReportTest : public CapiTest {};

// Where the leak report must say a hash came from: the return address of the call below.
__attribute__((noinline)) HCRYPTHASH CreateSha256(HCRYPTPROV prov, const void **return_address) {
    HCRYPTHASH hash = 0;
    EXPECT_TRUE(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash));
    *return_address = __builtin_return_address(0);
    return hash;
}

TEST_F(LeakReportTest, NothingIsReportedWhenEverythingIsDestroyed) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = 0;
    HCRYPTKEY key = 0;
    ASSERT_TRUE(CryptCreateHash(prov, CALG_MD5, 0, 0, &hash));
    ASSERT_TRUE(CryptGenKey(prov, CALG_AES_128, 0, &key));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_EQ(tinycapi_mock_leak_count(), 0u);
}

TEST_F(LeakReportTest, LastReleaseReportsEachForgottenObjectWithItsOrigin) {
    HCRYPTPROV prov = AcquireVerify();
    const void *caller_site = nullptr;
    const HCRYPTHASH hash = CreateSha256(prov, &caller_site);
    HCRYPTKEY key = 0;
    ASSERT_TRUE(CryptGenKey(prov, CALG_AES_256, 0, &key));
    HCRYPTKEY copy = 0;
    ASSERT_TRUE(CryptDuplicateKey(key, nullptr, 0, &copy));
    ASSERT_TRUE(CryptDestroyKey(key));

    ASSERT_TRUE(CryptContextAddRef(prov, nullptr, 0));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_EQ(tinycapi_mock_leak_count(), 0u) << "a release that is not the last destroys nothing";
    EXPECT_TRUE(CryptReleaseContext(prov, 0));

    ASSERT_EQ(tinycapi_mock_leak_count(), 2u);
    tinycapi_port_leak leaks[2];
    ASSERT_EQ(tinycapi_mock_leak_at(0, &leaks[0]), 0);
    ASSERT_EQ(tinycapi_mock_leak_at(1, &leaks[1]), 0);
    EXPECT_EQ(tinycapi_mock_leak_at(2, &leaks[1]), -1);
    const tinycapi_port_leak &hash_leak = leaks[0].kind == TINYCAPI_PORT_LEAKED_HASH ? leaks[0] : leaks[1];
    const tinycapi_port_leak &key_leak = leaks[0].kind == TINYCAPI_PORT_LEAKED_HASH ? leaks[1] : leaks[0];

    EXPECT_EQ(hash_leak.kind, TINYCAPI_PORT_LEAKED_HASH);
    EXPECT_EQ(hash_leak.algorithm, static_cast<uint32_t>(CALG_SHA_256));
    EXPECT_EQ(hash_leak.handle, hash);
    EXPECT_EQ(hash_leak.context, prov);
    EXPECT_STREQ(hash_leak.created_in, "CryptCreateHash");
    EXPECT_NE(hash_leak.created_by, nullptr);

    EXPECT_EQ(key_leak.kind, TINYCAPI_PORT_LEAKED_KEY);
    EXPECT_EQ(key_leak.algorithm, static_cast<uint32_t>(CALG_AES_256));
    EXPECT_EQ(key_leak.handle, copy);
    EXPECT_STREQ(key_leak.created_in, "CryptDuplicateKey");
    (void)caller_site;
}

TEST_F(LeakReportTest, CreatorAddressPointsIntoTheCallingFunction) {
    HCRYPTPROV prov = AcquireVerify();
    const void *after_helper_call = nullptr;
    CreateSha256(prov, &after_helper_call);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    ASSERT_EQ(tinycapi_mock_leak_count(), 1u);
    tinycapi_port_leak leak;
    ASSERT_EQ(tinycapi_mock_leak_at(0, &leak), 0);
    // The creator address is inside CreateSha256: after its start, before the address it
    // returns to in this test (functions are laid out in source order in this file, and it is
    // not inlined). A loose bound, but one a wrong frame would miss.
    const auto created_by = reinterpret_cast<uintptr_t>(leak.created_by);
    EXPECT_GT(created_by, reinterpret_cast<uintptr_t>(&CreateSha256));
    EXPECT_LT(created_by, reinterpret_cast<uintptr_t>(&CreateSha256) + 4096);
}

TEST_F(LeakReportTest, EveryCreatingEntryPointIsNamed) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = 0;
    ASSERT_TRUE(CryptCreateHash(prov, CALG_SHA1, 0, 0, &hash));
    const BYTE password[] = "password";
    ASSERT_TRUE(CryptHashData(hash, password, sizeof password - 1, 0));
    HCRYPTHASH duplicate = 0;
    ASSERT_TRUE(CryptDuplicateHash(hash, nullptr, 0, &duplicate));
    HCRYPTKEY derived = 0;
    ASSERT_TRUE(CryptDeriveKey(prov, CALG_RC4, hash, 0, &derived));
    // A PLAINTEXTKEYBLOB of a 16-byte AES key (reference §4.2).
    BYTE blob[12 + 16] = {PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0, 0x0e, 0x66, 0, 0, 16, 0, 0, 0};
    HCRYPTKEY imported = 0;
    ASSERT_TRUE(CryptImportKey(prov, blob, sizeof blob, 0, 0, &imported)) << GetLastError();
    EXPECT_TRUE(CryptReleaseContext(prov, 0));

    ASSERT_EQ(tinycapi_mock_leak_count(), 4u);
    bool seen_create = false, seen_duplicate = false, seen_derive = false, seen_import = false;
    for (size_t i = 0; i < 4; ++i) {
        tinycapi_port_leak leak;
        ASSERT_EQ(tinycapi_mock_leak_at(i, &leak), 0);
        seen_create |= strcmp(leak.created_in, "CryptCreateHash") == 0 && leak.handle == hash;
        seen_duplicate |= strcmp(leak.created_in, "CryptDuplicateHash") == 0 && leak.handle == duplicate;
        seen_derive |= strcmp(leak.created_in, "CryptDeriveKey") == 0 && leak.handle == derived;
        seen_import |= strcmp(leak.created_in, "CryptImportKey") == 0 && leak.handle == imported;
    }
    EXPECT_TRUE(seen_create && seen_duplicate && seen_derive && seen_import);
}

TEST_F(LeakReportTest, ResetForgetsCollectedReports) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTKEY key = 0;
    ASSERT_TRUE(CryptGenKey(prov, CALG_AES_128, 0, &key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_EQ(tinycapi_mock_leak_count(), 1u);
    tinycapi_mock_clear_leaks();
    EXPECT_EQ(tinycapi_mock_leak_count(), 0u);
}

#else

TEST(LeakReportTest, OffInThisBuildSoNothingIsEverReported) {
    tinycapi_mock_reset(kMockSeed);
    HCRYPTPROV prov = 0;
    ASSERT_TRUE(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT));
    HCRYPTKEY key = 0;
    ASSERT_TRUE(CryptGenKey(prov, CALG_AES_128, 0, &key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_EQ(tinycapi_mock_leak_count(), 0u);
}

#endif

}  // namespace
}  // namespace tinycapi::testing
