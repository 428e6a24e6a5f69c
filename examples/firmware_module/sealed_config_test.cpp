// Unit tests of the sealed_config firmware module on a PC, over tinycapi's mock port: real
// cryptography, deterministic randomness, and the failures a device can produce injected on
// demand (tinycapi_mock_fail_call). Each test also checks that the module destroyed every key
// and hash it made and released its context (the pools are empty, and the leak report — on
// when the build sets TINYCAPI_LEAK_REPORT — heard of nothing).
#include <gtest/gtest.h>
#include <tinycapi/port_mock.h>
#include <tinycapi/tinycapi.h>

#include <string.h>

#include "sealed_config.h"

namespace {

const BYTE kKey[SEALED_CONFIG_KEY_BYTES] = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
    0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f};
const char kConfig[] = "wifi.ssid=plant-7;wifi.psk=s3cr3t;mqtt.host=10.0.0.2";

unsigned in_use(tinycapi_pool_id pool) {
    tinycapi_pool_stats stats{};
    return tinycapi_get_pool_stats(pool, &stats) == 0 ? stats.in_use : 0;
}

class SealedConfigTest : public ::testing::Test {
protected:
    void SetUp() override { tinycapi_mock_reset(2026); }

    void TearDown() override {
        EXPECT_EQ(in_use(TINYCAPI_POOL_PROVIDERS), 0u) << "the module kept a context";
        EXPECT_EQ(in_use(TINYCAPI_POOL_KEYS), 0u) << "the module kept a key";
        EXPECT_EQ(in_use(TINYCAPI_POOL_HASHES), 0u) << "the module kept a hash";
        EXPECT_EQ(tinycapi_mock_leak_count(), 0u) << "the module forgot to destroy a key or hash";
    }

    // A sealed copy of kConfig.
    DWORD Seal(BYTE *sealed, DWORD capacity) {
        DWORD length = capacity;
        EXPECT_EQ(sealed_config_seal(kKey, reinterpret_cast<const BYTE *>(kConfig), sizeof kConfig, sealed, &length),
                  SEALED_CONFIG_OK)
            << GetLastError();
        return length;
    }
};

TEST_F(SealedConfigTest, SealsAndOpens) {
    BYTE sealed[sizeof kConfig + SEALED_CONFIG_OVERHEAD];
    const DWORD sealed_length = Seal(sealed, sizeof sealed);
    EXPECT_EQ(sealed_length, 16u + 64u + 32u) << "IV, 53 bytes padded to 64, MAC";
    EXPECT_EQ(memmem(sealed, sealed_length, "s3cr3t", 6), nullptr) << "the secret is not in the clear";

    BYTE plain[128];
    DWORD plain_length = sizeof plain;
    ASSERT_EQ(sealed_config_open(kKey, sealed, sealed_length, plain, &plain_length), SEALED_CONFIG_OK);
    EXPECT_EQ(plain_length, sizeof kConfig);
    EXPECT_STREQ(reinterpret_cast<const char *>(plain), kConfig);
}

TEST_F(SealedConfigTest, EveryChangedByteIsCaughtByTheMac) {
    BYTE sealed[sizeof kConfig + SEALED_CONFIG_OVERHEAD];
    const DWORD sealed_length = Seal(sealed, sizeof sealed);
    for (DWORD i = 0; i < sealed_length; ++i) {
        sealed[i] ^= 0x20;
        BYTE plain[128];
        memset(plain, 0xEE, sizeof plain);
        DWORD plain_length = sizeof plain;
        EXPECT_EQ(sealed_config_open(kKey, sealed, sealed_length, plain, &plain_length), SEALED_CONFIG_TAMPERED)
            << "byte " << i;
        EXPECT_EQ(plain[0], 0xEE) << "nothing was written";
        sealed[i] ^= 0x20;
    }
}

TEST_F(SealedConfigTest, ADecryptFailureIsReportedWithItsWindowsErrorAndWritesNothing) {
    BYTE sealed[sizeof kConfig + SEALED_CONFIG_OVERHEAD];
    const DWORD sealed_length = Seal(sealed, sizeof sealed);
    ASSERT_EQ(tinycapi_mock_fail_call("CryptDecrypt", 0, 1, NTE_BAD_KEY), 0);

    BYTE plain[128];
    memset(plain, 0xEE, sizeof plain);
    DWORD plain_length = sizeof plain;
    EXPECT_EQ(sealed_config_open(kKey, sealed, sealed_length, plain, &plain_length), SEALED_CONFIG_CRYPTO_ERROR);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_BAD_KEY)) << "the module keeps the error through its cleanup";
    EXPECT_EQ(plain_length, sizeof plain);
    EXPECT_EQ(plain[0], 0xEE);
}

TEST_F(SealedConfigTest, OutOfHashObjectsIsAnErrorNotACrashOrALeak) {
    BYTE sealed[sizeof kConfig + SEALED_CONFIG_OVERHEAD];
    const DWORD sealed_length = Seal(sealed, sizeof sealed);
    ASSERT_EQ(tinycapi_mock_fail_call("CryptCreateHash", 0, 1, NTE_NO_MEMORY), 0);
    BYTE plain[128];
    DWORD plain_length = sizeof plain;
    EXPECT_EQ(sealed_config_open(kKey, sealed, sealed_length, plain, &plain_length), SEALED_CONFIG_CRYPTO_ERROR);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_NO_MEMORY));
}

TEST_F(SealedConfigTest, EachCallOfASealFailingInTurnLeavesNoPlaintextAndNoObjects) {
    // Every CryptoAPI call a seal makes, failed one at a time.
    const char *const calls[] = {"CryptAcquireContext", "CryptImportKey",   "CryptGenRandom",  "CryptSetKeyParam",
                                 "CryptEncrypt",        "CryptCreateHash",  "CryptSetHashParam", "CryptHashData",
                                 "CryptGetHashParam"};
    for (const char *call : calls) {
        for (unsigned skip = 0; skip < 2; ++skip) {
            tinycapi_mock_clear_call_failures();
            ASSERT_EQ(tinycapi_mock_fail_call(call, skip, 1, NTE_FAIL), 0) << call;
            BYTE sealed[sizeof kConfig + SEALED_CONFIG_OVERHEAD];
            DWORD length = sizeof sealed;
            const sealed_config_status status =
                sealed_config_seal(kKey, reinterpret_cast<const BYTE *>(kConfig), sizeof kConfig, sealed, &length);
            if (tinycapi_mock_injected_failures() == 0) continue;  // the call is made once only
            EXPECT_EQ(status, SEALED_CONFIG_CRYPTO_ERROR) << call << " #" << skip + 1;
            EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_FAIL)) << call;
            EXPECT_EQ(memmem(sealed, sizeof sealed, "s3cr3t", 6), nullptr) << call;
            EXPECT_EQ(in_use(TINYCAPI_POOL_KEYS) + in_use(TINYCAPI_POOL_HASHES), 0u) << call;
            tinycapi_mock_reset(2026);
        }
    }
}

TEST_F(SealedConfigTest, MalformedBlobsAreRefusedBeforeAnyCryptography) {
    BYTE blob[SEALED_CONFIG_OVERHEAD + 1] = {0};
    BYTE plain[16];
    DWORD plain_length = sizeof plain;
    EXPECT_EQ(sealed_config_open(kKey, blob, SEALED_CONFIG_OVERHEAD - 1, plain, &plain_length),
              SEALED_CONFIG_BAD_FORMAT);
    EXPECT_EQ(sealed_config_open(kKey, blob, SEALED_CONFIG_OVERHEAD + 1, plain, &plain_length),
              SEALED_CONFIG_BAD_FORMAT);
    EXPECT_EQ(sealed_config_open(kKey, nullptr, SEALED_CONFIG_OVERHEAD, plain, &plain_length),
              SEALED_CONFIG_BAD_ARGUMENT);
}

}  // namespace
