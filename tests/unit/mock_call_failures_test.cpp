// The mock port's failure injection (tinycapi_mock_fail_call): a chosen Crypt* call fails with
// a chosen Windows error, changes nothing, and the rules count, skip and match names as
// <tinycapi/port_mock.h> says.
#include <string.h>

#include "test_bytes.hpp"
#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

class MockCallFailuresTest : public ContextTest {};

TEST_F(MockCallFailuresTest, NextCallFailsWithTheChosenErrorThenCallsSucceedAgain) {
    ASSERT_EQ(tinycapi_mock_fail_call("CryptCreateHash", 0, 1, NTE_NO_MEMORY), 0);
    HCRYPTHASH hash = 0x1234;
    EXPECT_FAILS_WITH(CryptCreateHash(prov_, CALG_SHA_256, 0, 0, &hash), NTE_NO_MEMORY);
    EXPECT_EQ(hash, 0x1234u) << "an injected failure changes nothing, not even the out-parameter";
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_HASHES), 0u);
    EXPECT_EQ(tinycapi_mock_injected_failures(), 1u);

    ASSERT_TRUE(CryptCreateHash(prov_, CALG_SHA_256, 0, 0, &hash)) << GetLastError();
    EXPECT_TRUE(CryptDestroyHash(hash));
}

TEST_F(MockCallFailuresTest, SkipLetsCallsThroughAndCountFailsThatMany) {
    HCRYPTHASH hash = 0;
    ASSERT_TRUE(CryptCreateHash(prov_, CALG_SHA1, 0, 0, &hash));
    const BYTE data[3] = {'a', 'b', 'c'};
    ASSERT_EQ(tinycapi_mock_fail_call("CryptHashData", 2, 3, NTE_BAD_HASH_STATE), 0);
    EXPECT_TRUE(CryptHashData(hash, data, 1, 0));
    EXPECT_TRUE(CryptHashData(hash, data + 1, 1, 0));
    for (int i = 0; i < 3; ++i) EXPECT_FAILS_WITH(CryptHashData(hash, data, sizeof data, 0), NTE_BAD_HASH_STATE);
    EXPECT_TRUE(CryptHashData(hash, data + 2, 1, 0));

    // The failed calls hashed nothing: the value is SHA-1("abc") (FIPS 180-2, appendix A.1).
    BYTE value[20];
    DWORD length = sizeof value;
    ASSERT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0));
    EXPECT_EQ(ToHex(value, length), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_EQ(tinycapi_mock_injected_failures(), 3u);
}

TEST_F(MockCallFailuresTest, DecryptFailureLeavesTheCiphertextAndTheKeyAsTheyWere) {
    HCRYPTKEY key = 0;
    ASSERT_TRUE(CryptGenKey(prov_, CALG_AES_128, 0, &key));
    BYTE buffer[32] = {0};
    DWORD length = 16;
    ASSERT_TRUE(CryptEncrypt(key, 0, TRUE, 0, buffer, &length, sizeof buffer));
    BYTE ciphertext[32];
    memcpy(ciphertext, buffer, sizeof buffer);

    ASSERT_EQ(tinycapi_mock_fail_call("CryptDecrypt", 0, 1, NTE_BAD_KEY), 0);
    DWORD decrypted_length = length;
    EXPECT_FAILS_WITH(CryptDecrypt(key, 0, TRUE, 0, buffer, &decrypted_length), NTE_BAD_KEY);
    EXPECT_EQ(decrypted_length, length);
    EXPECT_EQ(memcmp(buffer, ciphertext, sizeof buffer), 0);

    ASSERT_TRUE(CryptDecrypt(key, 0, TRUE, 0, buffer, &decrypted_length)) << GetLastError();
    EXPECT_EQ(decrypted_length, 16u);
    EXPECT_TRUE(CryptDestroyKey(key));
}

TEST_F(MockCallFailuresTest, GenericNameCoversTheAnsiAndWideForms) {
    ASSERT_EQ(tinycapi_mock_fail_call("CryptAcquireContext", 0, 2, NTE_PROVIDER_DLL_FAIL), 0);
    HCRYPTPROV prov = 0;
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT),
                      NTE_PROVIDER_DLL_FAIL);
    EXPECT_FAILS_WITH(CryptAcquireContextW(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT),
                      NTE_PROVIDER_DLL_FAIL);
    EXPECT_EQ(prov, 0u);
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_PROVIDERS), 1u) << "only the fixture's context";
}

TEST_F(MockCallFailuresTest, SpecificFormLeavesTheOtherFormAlone) {
    ASSERT_EQ(tinycapi_mock_fail_call("CryptEnumProvidersW", 0, 1, ERROR_NOT_ENOUGH_MEMORY), 0);
    DWORD type = 0;
    DWORD length = 0;
    EXPECT_TRUE(CryptEnumProvidersA(0, nullptr, 0, &type, nullptr, &length)) << GetLastError();
    EXPECT_FAILS_WITH(CryptEnumProvidersW(0, nullptr, 0, &type, nullptr, &length), ERROR_NOT_ENOUGH_MEMORY);
}

#if TINYCAPI_ENABLE_ENCODING
TEST_F(MockCallFailuresTest, Crypt32FunctionsFailTooEachUnderItsOwnName) {
    const char base64[] = "AAEC";
    BYTE binary[3] = {0xEE, 0xEE, 0xEE};
    DWORD length = sizeof binary;
    ASSERT_EQ(tinycapi_mock_fail_call("CryptStringToBinary", 0, 1, ERROR_INVALID_DATA), 0);
    EXPECT_FAILS_WITH(CryptStringToBinaryA(base64, 0, CRYPT_STRING_BASE64, binary, &length, nullptr, nullptr),
                      ERROR_INVALID_DATA);
    EXPECT_EQ(length, sizeof binary);
    EXPECT_EQ(binary[0], 0xEE);
    ASSERT_TRUE(CryptStringToBinaryA(base64, 0, CRYPT_STRING_BASE64, binary, &length, nullptr, nullptr));
    EXPECT_EQ(ToHex(binary, length), "000102");

    // The non-Ex form is a name of its own, though it runs through the Ex form.
    ASSERT_EQ(tinycapi_mock_fail_call("CryptDecodeObject", 0, 1, CRYPT_E_ASN1_EOD), 0);
    const BYTE der_integer[] = {0x02, 0x01, 0x05};
    int value = 0;
    DWORD size = sizeof value;
    EXPECT_TRUE(CryptDecodeObjectEx(X509_ASN_ENCODING, X509_INTEGER, der_integer, sizeof der_integer, 0, nullptr,
                                    &value, &size))
        << GetLastError();
    EXPECT_FAILS_WITH(
        CryptDecodeObject(X509_ASN_ENCODING, X509_INTEGER, der_integer, sizeof der_integer, 0, &value, &size),
        CRYPT_E_ASN1_EOD);
}
#endif

TEST_F(MockCallFailuresTest, ReleaseContextCanBeMadeToFailAndThenReleasesNothing) {
    HCRYPTPROV second = AcquireVerify();
    ASSERT_EQ(tinycapi_mock_fail_call("CryptReleaseContext", 0, 1, ERROR_BUSY), 0);
    EXPECT_FAILS_WITH(CryptReleaseContext(second, 0), ERROR_BUSY);
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_PROVIDERS), 2u);
    EXPECT_TRUE(CryptReleaseContext(second, 0));
}

TEST_F(MockCallFailuresTest, RulesForDifferentFunctionsRunSideBySide) {
    ASSERT_EQ(tinycapi_mock_fail_call("CryptGenRandom", 1, 1, NTE_FAIL), 0);
    ASSERT_EQ(tinycapi_mock_fail_call("CryptGenKey", 0, 1, NTE_BAD_ALGID), 0);
    BYTE random[8];
    HCRYPTKEY key = 0;
    EXPECT_FAILS_WITH(CryptGenKey(prov_, CALG_AES_256, 0, &key), NTE_BAD_ALGID);
    EXPECT_TRUE(CryptGenRandom(prov_, sizeof random, random));
    EXPECT_FAILS_WITH(CryptGenRandom(prov_, sizeof random, random), NTE_FAIL);
    EXPECT_TRUE(CryptGenRandom(prov_, sizeof random, random));
}

TEST_F(MockCallFailuresTest, TwoRulesOnOneFunctionFailOneCallEachInTurn) {
    ASSERT_EQ(tinycapi_mock_fail_call("CryptGenRandom", 0, 1, NTE_FAIL), 0);
    ASSERT_EQ(tinycapi_mock_fail_call("CryptGenRandom", 0, 1, NTE_BAD_UID), 0);
    BYTE random[8];
    EXPECT_FAILS_WITH(CryptGenRandom(prov_, sizeof random, random), NTE_FAIL);
    EXPECT_FAILS_WITH(CryptGenRandom(prov_, sizeof random, random), NTE_BAD_UID);
    EXPECT_TRUE(CryptGenRandom(prov_, sizeof random, random));
}

TEST_F(MockCallFailuresTest, BadRulesAreRefusedAndArmNothing) {
    EXPECT_EQ(tinycapi_mock_fail_call("CryptDecypt", 0, 1, NTE_BAD_KEY), -1) << "a misspelt name";
    EXPECT_EQ(tinycapi_mock_fail_call("CryptDecryptA", 0, 1, NTE_BAD_KEY), -1) << "no such form";
    EXPECT_EQ(tinycapi_mock_fail_call("GetLastError", 0, 1, NTE_FAIL), -1) << "cannot fail";
    EXPECT_EQ(tinycapi_mock_fail_call(nullptr, 0, 1, NTE_FAIL), -1);
    EXPECT_EQ(tinycapi_mock_fail_call("CryptDecrypt", 0, 0, NTE_BAD_KEY), -1) << "count 0";
    EXPECT_EQ(tinycapi_mock_fail_call("CryptDecrypt", 0, 1, 0), -1) << "error 0 is success";
    for (int i = 0; i < 8; ++i) ASSERT_EQ(tinycapi_mock_fail_call("CryptGetProvParam", 100, 1, NTE_FAIL), 0);
    EXPECT_EQ(tinycapi_mock_fail_call("CryptGetProvParam", 0, 1, NTE_FAIL), -1) << "eight rules at most";

    tinycapi_mock_clear_call_failures();
    BYTE random[4];
    EXPECT_TRUE(CryptGenRandom(prov_, sizeof random, random));
    EXPECT_EQ(tinycapi_mock_injected_failures(), 0u);
}

TEST_F(MockCallFailuresTest, ResetDisarmsEveryRule) {
    ASSERT_EQ(tinycapi_mock_fail_call("CryptGenRandom", 0, 5, NTE_FAIL), 0);
    tinycapi_mock_reset(kMockSeed);
    BYTE random[4];
    EXPECT_TRUE(CryptGenRandom(prov_, sizeof random, random)) << GetLastError();
}

}  // namespace
}  // namespace tinycapi::testing
