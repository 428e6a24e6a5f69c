// The same module tested with GoogleMock expectations instead of real cryptography: the test
// binary links tinycapi::gmock, whose Crypt* functions call the MockCryptoApi installed below.
// Expectations suit questions about *how* the module talks to the API — here, that it cleans
// up on every path and passes the Windows error on.
#include <gmock/gmock.h>
#include <tinycapi/testing/mock_crypto_api.hpp>

#include "sealed_config.h"

namespace {

using ::testing::_;
using ::testing::DoAll;
using ::testing::NiceMock;
using ::testing::Return;
using ::testing::SetArgPointee;
using tinycapi::testing::FailWith;
using tinycapi::testing::MockCryptoApi;
using tinycapi::testing::ScopedCryptoApi;

constexpr HCRYPTPROV kProv = 0x1001;
constexpr HCRYPTKEY kAesKey = 0x2001;
constexpr HCRYPTKEY kMacKey = 0x2002;
const BYTE kKey[SEALED_CONFIG_KEY_BYTES] = {0};

class SealedConfigGmockTest : public ::testing::Test {
protected:
    SealedConfigGmockTest() : installed_(api_) {
        ON_CALL(api_, CryptAcquireContextA(_, nullptr, _, PROV_RSA_AES, CRYPT_VERIFYCONTEXT))
            .WillByDefault(DoAll(SetArgPointee<0>(kProv), Return(TRUE)));
    }

    NiceMock<MockCryptoApi> api_;
    ScopedCryptoApi installed_;
};

TEST_F(SealedConfigGmockTest, AFailedImportReleasesTheContextOnceAndKeepsTheError) {
    EXPECT_CALL(api_, CryptImportKey(kProv, _, 12u + 32u, 0, 0, _))
        .WillOnce(DoAll(SetArgPointee<5>(kAesKey), Return(TRUE)));
    EXPECT_CALL(api_, CryptImportKey(kProv, _, 12u + 32u, 0, CRYPT_IPSEC_HMAC_KEY, _))
        .WillOnce(FailWith(NTE_BAD_ALGID));
    EXPECT_CALL(api_, CryptDestroyKey(kAesKey)).WillOnce(Return(TRUE));
    EXPECT_CALL(api_, CryptDestroyKey(kMacKey)).Times(0);
    EXPECT_CALL(api_, CryptReleaseContext(kProv, 0)).WillOnce(Return(TRUE));

    BYTE sealed[16 + 16 + 32];
    DWORD length = sizeof sealed;
    const BYTE config[4] = {1, 2, 3, 4};
    EXPECT_EQ(sealed_config_seal(kKey, config, sizeof config, sealed, &length), SEALED_CONFIG_CRYPTO_ERROR);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_BAD_ALGID));
}

TEST_F(SealedConfigGmockTest, ATamperedBlobIsNeverDecrypted) {
    ON_CALL(api_, CryptImportKey(_, _, _, _, 0, _)).WillByDefault(DoAll(SetArgPointee<5>(kAesKey), Return(TRUE)));
    ON_CALL(api_, CryptImportKey(_, _, _, _, CRYPT_IPSEC_HMAC_KEY, _))
        .WillByDefault(DoAll(SetArgPointee<5>(kMacKey), Return(TRUE)));
    ON_CALL(api_, CryptCreateHash(kProv, CALG_HMAC, kMacKey, 0, _))
        .WillByDefault(DoAll(SetArgPointee<4>(0x3001), Return(TRUE)));
    ON_CALL(api_, CryptSetHashParam(_, _, _, _)).WillByDefault(Return(TRUE));
    ON_CALL(api_, CryptHashData(_, _, _, _)).WillByDefault(Return(TRUE));
    // The MAC the API computes (all 0xAB) differs from the blob's (all zero).
    ON_CALL(api_, CryptGetHashParam(_, HP_HASHVAL, _, _, 0)).WillByDefault([](HCRYPTHASH, DWORD, BYTE *data, DWORD *length, DWORD) {
        memset(data, 0xAB, *length);
        return TRUE;
    });
    EXPECT_CALL(api_, CryptDecrypt(_, _, _, _, _, _)).Times(0);
    EXPECT_CALL(api_, CryptDestroyHash(0x3001)).WillOnce(Return(TRUE));
    EXPECT_CALL(api_, CryptDestroyKey(_)).Times(2).WillRepeatedly(Return(TRUE));
    EXPECT_CALL(api_, CryptReleaseContext(kProv, 0)).WillOnce(Return(TRUE));

    BYTE blob[16 + 16 + 32] = {0};
    BYTE plain[16];
    DWORD plain_length = sizeof plain;
    EXPECT_EQ(sealed_config_open(kKey, blob, sizeof blob, plain, &plain_length), SEALED_CONFIG_TAMPERED);
}

}  // namespace
