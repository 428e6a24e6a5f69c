// CryptAcquireContextA/W: every check of reference §3.1, in Windows' order, and the
// provider resolution of §4.1.
#include <string.h>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

using AcquireContextTest = CapiTest;

TEST_F(AcquireContextTest, ProviderTypeOutOfRangeIsCheckedBeforePhProv) {
    // Windows-validated (§3.1 step 1): types 0 and 1000, and 0 with a NULL phProv.
    HCRYPTPROV prov = 0x1234;
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, nullptr, nullptr, 0, CRYPT_VERIFYCONTEXT), NTE_BAD_PROV_TYPE);
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, nullptr, nullptr, 1000, CRYPT_VERIFYCONTEXT), NTE_BAD_PROV_TYPE);
    EXPECT_FAILS_WITH(CryptAcquireContextA(nullptr, nullptr, nullptr, 0, CRYPT_VERIFYCONTEXT), NTE_BAD_PROV_TYPE);
    EXPECT_EQ(prov, 0x1234u) << "*phProv is unchanged on failure (§1.3)";
}

TEST_F(AcquireContextTest, NullPhProvIsInvalidParameter) {
    EXPECT_FAILS_WITH(CryptAcquireContextA(nullptr, nullptr, nullptr, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT),
                      ERROR_INVALID_PARAMETER);
}

TEST_F(AcquireContextTest, TypeWithoutDefaultProviderIsNotDefined) {
    // §3.1 step 3 (Windows-validated for 999); PROV_DSS is a type tinycapi lacks (§4.1).
    HCRYPTPROV prov;
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, nullptr, nullptr, 999, CRYPT_VERIFYCONTEXT), NTE_PROV_TYPE_NOT_DEF);
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_DSS, CRYPT_VERIFYCONTEXT),
                      NTE_PROV_TYPE_NOT_DEF);
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, nullptr, "", PROV_DSS_DH, CRYPT_VERIFYCONTEXT),
                      NTE_PROV_TYPE_NOT_DEF);
}

TEST_F(AcquireContextTest, UnknownProviderNameIsKeysetNotDefined) {
    HCRYPTPROV prov;
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, nullptr, "Some Other Provider", PROV_RSA_FULL, CRYPT_VERIFYCONTEXT),
                      NTE_KEYSET_NOT_DEF);
}

TEST_F(AcquireContextTest, KnownNameOfAnotherTypeIsNoMatch) {
    // §3.1 step 3, Windows-validated.
    HCRYPTPROV prov;
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, nullptr, MS_ENH_RSA_AES_PROV_A, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT),
                      NTE_PROV_TYPE_NO_MATCH);
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, nullptr, MS_DEF_PROV_A, PROV_RSA_AES, CRYPT_VERIFYCONTEXT),
                      NTE_PROV_TYPE_NO_MATCH);
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, nullptr, MS_DEF_PROV_A, PROV_DSS, CRYPT_VERIFYCONTEXT),
                      NTE_PROV_TYPE_NO_MATCH);
}

std::string ProviderName(HCRYPTPROV prov) {
    char name[128];
    DWORD length = sizeof name;
    EXPECT_TRUE(CryptGetProvParam(prov, PP_NAME, reinterpret_cast<BYTE *>(name), &length, 0));
    return std::string(name, length ? length - 1 : 0);
}

TEST_F(AcquireContextTest, EveryNamedProviderResolvesToItsOwnName) {
    struct Case {
        const char *name;
        DWORD type;
    } cases[] = {{MS_DEF_PROV_A, PROV_RSA_FULL},
                 {MS_STRONG_PROV_A, PROV_RSA_FULL},
                 {MS_ENHANCED_PROV_A, PROV_RSA_FULL},
                 {MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES},
                 {MS_ENH_RSA_AES_PROV_XP_A, PROV_RSA_AES}};
    for (const Case &c : cases) {
        HCRYPTPROV prov = 0;
        ASSERT_TRUE(CryptAcquireContextA(&prov, nullptr, c.name, c.type, CRYPT_VERIFYCONTEXT)) << c.name;
        EXPECT_NE(prov, 0u);
        EXPECT_EQ(ProviderName(prov), c.name);
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(AcquireContextTest, ProviderNamesCompareCaseInsensitively) {
    // §3.1 step 3 [library design]: like Windows registry lookups.
    HCRYPTPROV prov;
    ASSERT_TRUE(CryptAcquireContextA(&prov, nullptr, "microsoft ENHANCED rsa and aes cryptographic provider",
                                     PROV_RSA_AES, CRYPT_VERIFYCONTEXT));
    EXPECT_EQ(ProviderName(prov), MS_ENH_RSA_AES_PROV_A);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(AcquireContextTest, DefaultProviderOfRsaFullIsStrongAndOfRsaAesIsAes) {
    // §4.1: documented default for type 1 is the Strong provider; type 24 works with NULL.
    HCRYPTPROV full = AcquireVerify(PROV_RSA_FULL);
    EXPECT_EQ(ProviderName(full), MS_STRONG_PROV_A);
    HCRYPTPROV aes = 0;
    ASSERT_TRUE(CryptAcquireContextA(&aes, nullptr, "", PROV_RSA_AES, CRYPT_VERIFYCONTEXT)) << "\"\" means default";
    EXPECT_EQ(ProviderName(aes), MS_ENH_RSA_AES_PROV_A);
    EXPECT_TRUE(CryptReleaseContext(full, 0));
    EXPECT_TRUE(CryptReleaseContext(aes, 0));
}

TEST_F(AcquireContextTest, SuccessSetsLastErrorToSuccess) {
    // §1.1: tinycapi reports ERROR_SUCCESS after a successful acquire.
    SetLastError(NTE_FAIL);
    HCRYPTPROV prov = AcquireVerify();
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_SUCCESS));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(AcquireContextTest, VerifyContextRejectsAContainerName) {
    // Windows-validated for RSA_FULL and AES (§3.1 step 4).
    HCRYPTPROV prov;
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "named", nullptr, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT), NTE_BAD_FLAGS);
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "named", nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT | CRYPT_NEWKEYSET),
                      NTE_BAD_FLAGS);
}

TEST_F(AcquireContextTest, VerifyContextWithNewKeysetIsAVerifyContext) {
    HCRYPTPROV prov;
    ASSERT_TRUE(CryptAcquireContextA(&prov, "", nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT | CRYPT_NEWKEYSET));
    char container[8] = "x";
    DWORD length = sizeof container;
    ASSERT_TRUE(CryptGetProvParam(prov, PP_CONTAINER, reinterpret_cast<BYTE *>(container), &length, 0));
    EXPECT_EQ(length, 1u) << "a verify context's container is \"\" (§4.4)";
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(AcquireContextTest, UndefinedKeysetFlagCombinationsAreBadFlags) {
    HCRYPTPROV prov;
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT | CRYPT_DELETEKEYSET),
                      NTE_BAD_FLAGS);
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_FULL, ~0u), NTE_BAD_FLAGS);
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "c", nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET | CRYPT_DELETEKEYSET),
                      NTE_BAD_FLAGS);
    // Part of CRYPT_VERIFYCONTEXT's four bits is not CRYPT_VERIFYCONTEXT.
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_FULL, 0x10000000), NTE_BAD_FLAGS);
}

TEST_F(AcquireContextTest, SilentAndUndefinedBitsAreIgnored) {
    HCRYPTPROV prov;
    ASSERT_TRUE(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_FULL,
                                     CRYPT_VERIFYCONTEXT | CRYPT_SILENT | CRYPT_DEFAULT_CONTAINER_OPTIONAL | 0x100));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(AcquireContextTest, OpeningAMissingContainerIsBadKeyset) {
    HCRYPTPROV prov = 0x55;
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "missing", nullptr, PROV_RSA_FULL, 0), NTE_BAD_KEYSET);
    EXPECT_EQ(prov, 0x55u);
}

TEST_F(AcquireContextTest, NewKeysetCreatesThenOpenFindsItAndNewAgainExists) {
    HCRYPTPROV created, opened, again;
    ASSERT_TRUE(CryptAcquireContextA(&created, "device", MS_ENHANCED_PROV_A, PROV_RSA_FULL, CRYPT_NEWKEYSET));
    EXPECT_FAILS_WITH(CryptAcquireContextA(&again, "device", MS_ENHANCED_PROV_A, PROV_RSA_FULL, CRYPT_NEWKEYSET),
                      NTE_EXISTS);
    ASSERT_TRUE(CryptAcquireContextA(&opened, "DEVICE", nullptr, PROV_RSA_AES, 0)) << "names ignore case; "
                                                                                    "any provider opens it";
    char name[32];
    DWORD length = sizeof name;
    ASSERT_TRUE(CryptGetProvParam(created, PP_CONTAINER, reinterpret_cast<BYTE *>(name), &length, 0));
    EXPECT_STREQ(name, "device");
    EXPECT_EQ(length, 7u);
    EXPECT_TRUE(CryptReleaseContext(created, 0));
    EXPECT_TRUE(CryptReleaseContext(opened, 0));
    HCRYPTPROV deleted = 0x77;
    ASSERT_TRUE(CryptAcquireContextA(&deleted, "device", nullptr, PROV_RSA_FULL, CRYPT_DELETEKEYSET));
    EXPECT_EQ(deleted, 0u) << "Windows-validated: *phProv = 0 after CRYPT_DELETEKEYSET";
}

TEST_F(AcquireContextTest, ContainersOutliveEveryContext) {
    // §2.3: a named container persists until CRYPT_DELETEKEYSET.
    HCRYPTPROV prov;
    ASSERT_TRUE(CryptAcquireContextA(&prov, "keep", nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET));
    ASSERT_TRUE(CryptReleaseContext(prov, 0));
    ASSERT_TRUE(CryptAcquireContextA(&prov, "keep", nullptr, PROV_RSA_FULL, 0));
    ASSERT_TRUE(CryptReleaseContext(prov, 0));
    ASSERT_TRUE(CryptAcquireContextA(&prov, "keep", nullptr, PROV_RSA_FULL, CRYPT_DELETEKEYSET));
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "keep", nullptr, PROV_RSA_FULL, 0), NTE_BAD_KEYSET);
}

TEST_F(AcquireContextTest, DeletingAMissingContainerIsBadKeyset) {
    HCRYPTPROV prov = 0x99;
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "nothing", nullptr, PROV_RSA_FULL, CRYPT_DELETEKEYSET), NTE_BAD_KEYSET);
    EXPECT_EQ(prov, 0x99u);
}

TEST_F(AcquireContextTest, MachineKeysetIsASeparateNamespace) {
    // Windows-validated (§3.1 step 5).
    HCRYPTPROV user, machine;
    ASSERT_TRUE(CryptAcquireContextA(&user, "shared-name", nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET));
    EXPECT_FAILS_WITH(CryptAcquireContextA(&machine, "shared-name", nullptr, PROV_RSA_FULL, CRYPT_MACHINE_KEYSET),
                      NTE_BAD_KEYSET);
    ASSERT_TRUE(CryptAcquireContextA(&machine, "shared-name", nullptr, PROV_RSA_FULL,
                                     CRYPT_NEWKEYSET | CRYPT_MACHINE_KEYSET));
    DWORD type = 0, length = sizeof type;
    ASSERT_TRUE(CryptGetProvParam(machine, PP_KEYSET_TYPE, reinterpret_cast<BYTE *>(&type), &length, 0));
    EXPECT_EQ(type, static_cast<DWORD>(CRYPT_MACHINE_KEYSET));
    ASSERT_TRUE(CryptGetProvParam(user, PP_KEYSET_TYPE, reinterpret_cast<BYTE *>(&type), &length, 0));
    EXPECT_EQ(type, 0u);
    EXPECT_TRUE(CryptReleaseContext(user, 0));
    EXPECT_TRUE(CryptReleaseContext(machine, 0));
}

TEST_F(AcquireContextTest, NoNameWithoutVerifyContextIsTheDefaultContainer) {
    // §3.1 step 6: a configurable name stands in for the Windows user name.
    HCRYPTPROV prov;
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_FULL, 0), NTE_BAD_KEYSET);
    ASSERT_TRUE(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET));
    char name[64];
    DWORD length = sizeof name;
    ASSERT_TRUE(CryptGetProvParam(prov, PP_CONTAINER, reinterpret_cast<BYTE *>(name), &length, 0));
    EXPECT_STREQ(name, TINYCAPI_DEFAULT_CONTAINER_NAME);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    HCRYPTPROV named;
    ASSERT_TRUE(CryptAcquireContextA(&named, TINYCAPI_DEFAULT_CONTAINER_NAME, nullptr, PROV_RSA_FULL, 0));
    EXPECT_TRUE(CryptReleaseContext(named, 0));
}

TEST_F(AcquireContextTest, ContainerNameLongerThanTheStoreAllowsIsBadKeysetParam) {
    std::string long_name(TINYCAPI_CONTAINER_NAME_MAX, 'n');
    HCRYPTPROV prov;
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, long_name.c_str(), nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET),
                      NTE_BAD_KEYSET_PARAM);
    long_name.pop_back();
    ASSERT_TRUE(CryptAcquireContextA(&prov, long_name.c_str(), nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET)) << "the limit "
                                                                                                           "fits";
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(AcquireContextTest, FullContainerStoreIsStorageFullAndChangesNothing) {
    HCRYPTPROV prov;
    for (int i = 0; i < TINYCAPI_MAX_CONTAINERS; ++i) {
        const std::string name = "c" + std::to_string(i);
        ASSERT_TRUE(CryptAcquireContextA(&prov, name.c_str(), nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET));
        ASSERT_TRUE(CryptReleaseContext(prov, 0));
    }
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "one-more", nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET),
                      NTE_TOKEN_KEYSET_STORAGE_FULL);
    ASSERT_TRUE(CryptAcquireContextA(&prov, "c0", nullptr, PROV_RSA_FULL, CRYPT_DELETEKEYSET));
    ASSERT_TRUE(CryptAcquireContextA(&prov, "one-more", nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(AcquireContextTest, StorageFailureIsFailAndCreatesNothing) {
    HCRYPTPROV prov;
    tinycapi_mock_fail_storage_writes(1);
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "torn", nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET), NTE_FAIL);
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "torn", nullptr, PROV_RSA_FULL, 0), NTE_BAD_KEYSET);
    ASSERT_TRUE(CryptAcquireContextA(&prov, "torn", nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    tinycapi_mock_fail_storage_writes(1);
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "torn", nullptr, PROV_RSA_FULL, CRYPT_DELETEKEYSET), NTE_FAIL);
    ASSERT_TRUE(CryptAcquireContextA(&prov, "torn", nullptr, PROV_RSA_FULL, 0)) << "the failed delete kept it";
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(AcquireContextTest, ExhaustedProviderPoolIsNoMemoryAndRecovers) {
    HCRYPTPROV held[TINYCAPI_MAX_PROVIDERS];
    for (HCRYPTPROV &h : held) h = AcquireVerify();
    HCRYPTPROV extra = 0x42;
    EXPECT_FAILS_WITH(CryptAcquireContextA(&extra, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT), NTE_NO_MEMORY);
    EXPECT_EQ(extra, 0x42u);
    // A NEWKEYSET that fails for want of a context slot creates no container either.
    EXPECT_FAILS_WITH(CryptAcquireContextA(&extra, "ghost", nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET), NTE_NO_MEMORY);
    ASSERT_TRUE(CryptReleaseContext(held[0], 0));
    EXPECT_FAILS_WITH(CryptAcquireContextA(&extra, "ghost", nullptr, PROV_RSA_AES, 0), NTE_BAD_KEYSET);
    held[0] = AcquireVerify();
    for (HCRYPTPROV h : held) EXPECT_TRUE(CryptReleaseContext(h, 0));
}

TEST_F(AcquireContextTest, WideVariantMatchesTheAnsiOne) {
    // §3.1 step 7: A and W differ only in string encoding.
    HCRYPTPROV prov;
    ASSERT_TRUE(CryptAcquireContextW(&prov, L"wide", MS_ENHANCED_PROV_W, PROV_RSA_FULL, CRYPT_NEWKEYSET));
    EXPECT_EQ(ProviderName(prov), MS_ENHANCED_PROV_A);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    ASSERT_TRUE(CryptAcquireContextA(&prov, "wide", nullptr, PROV_RSA_FULL, 0));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_FAILS_WITH(CryptAcquireContextW(&prov, L"wide", L"Unknown", PROV_RSA_FULL, 0), NTE_KEYSET_NOT_DEF);
    EXPECT_FAILS_WITH(CryptAcquireContextW(&prov, L"v", nullptr, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT), NTE_BAD_FLAGS);
    ASSERT_TRUE(CryptAcquireContextW(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    ASSERT_TRUE(CryptAcquireContextW(&prov, L"wide", nullptr, PROV_RSA_FULL, CRYPT_DELETEKEYSET));
}

TEST_F(AcquireContextTest, WideContainerNamesAreStoredAsUtf8) {
    HCRYPTPROV prov;
    ASSERT_TRUE(CryptAcquireContextW(&prov, L"K\u00e4se", nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    ASSERT_TRUE(CryptAcquireContextA(&prov, "K\xc3\xa4se", nullptr, PROV_RSA_FULL, 0));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    const std::wstring too_long(TINYCAPI_CONTAINER_NAME_MAX, L'w');
    EXPECT_FAILS_WITH(CryptAcquireContextW(&prov, too_long.c_str(), nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET),
                      NTE_BAD_KEYSET_PARAM);
    ASSERT_TRUE(CryptAcquireContextA(&prov, "K\xc3\xa4se", nullptr, PROV_RSA_FULL, CRYPT_DELETEKEYSET));
}

}  // namespace
}  // namespace tinycapi::testing
