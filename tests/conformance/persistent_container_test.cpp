// Key containers over the flash record store, through the public API, across resets
// (tinycapi_mock_reset_store: RAM is lost, the flash is mounted again). The rules are those of
// reference §2.3 (containers and their pairs live until CRYPT_DELETEKEYSET) and §3.1
// (CRYPT_NEWKEYSET, CRYPT_DELETEKEYSET, CRYPT_MACHINE_KEYSET, PP_ENUMCONTAINERS), which
// Windows validated; here they must survive a reset.
#include <tinycapi/emulated_nor_flash.hpp>
#include <tinycapi/port.h>

#include <string.h>

#include <algorithm>
#include <string>
#include <vector>

#include "flash_record_store.hpp"
#include "test_bytes.hpp"
#include "tinycapi_test.hpp"

namespace tinycapi::testing::wine_rsaenh {
extern const BYTE kPlainPrivateKey[596];  // abPlainPrivateKey: 1024-bit CALG_RSA_KEYX pair (Wine rsaenh.c)
}

namespace tinycapi::testing {
namespace {

using tinycapi::mock::EmulatedNorFlash;
constexpr DWORD kPermissions = CRYPT_ENCRYPT | CRYPT_DECRYPT | CRYPT_READ | CRYPT_WRITE | CRYPT_MAC;  // 0x3B

class PersistentContainerTest : public CapiTest {
protected:
    void SetUp() override {
        CapiTest::SetUp();
        ASSERT_EQ(tinycapi_mock_use_flash(flash_.device()), TINYCAPI_PORT_OK);
    }
    void TearDown() override {
        EXPECT_EQ(flash_.violations(), 0u);
        tinycapi_mock_reset(kMockSeed);  // back to the RAM store before the flash dies
        CapiTest::TearDown();
    }

    static void Reset() { ASSERT_EQ(tinycapi_mock_reset_store(), TINYCAPI_PORT_OK); }

    static Bytes Export(HCRYPTKEY key, DWORD type) {
        DWORD length = 0;
        EXPECT_TRUE(CryptExportKey(key, 0, type, 0, nullptr, &length)) << std::hex << GetLastError();
        Bytes blob(length);
        EXPECT_TRUE(CryptExportKey(key, 0, type, 0, blob.data(), &length)) << std::hex << GetLastError();
        blob.resize(length);
        return blob;
    }

    static Bytes UserPublicKey(HCRYPTPROV prov, DWORD spec) {
        HCRYPTKEY key = 0;
        EXPECT_TRUE(CryptGetUserKey(prov, spec, &key)) << std::hex << GetLastError();
        Bytes blob = key ? Export(key, PUBLICKEYBLOB) : Bytes{};
        if (key) {
            EXPECT_TRUE(CryptDestroyKey(key));
        }
        return blob;
    }

    static DWORD Permissions(HCRYPTPROV prov, DWORD spec) {
        HCRYPTKEY key = 0;
        EXPECT_TRUE(CryptGetUserKey(prov, spec, &key));
        DWORD value = 0, length = sizeof value;
        EXPECT_TRUE(CryptGetKeyParam(key, KP_PERMISSIONS, reinterpret_cast<BYTE *>(&value), &length, 0));
        EXPECT_TRUE(CryptDestroyKey(key));
        return value;
    }

    static Bytes Sign(HCRYPTPROV prov, const Bytes &message) {
        HCRYPTHASH hash = 0;
        EXPECT_TRUE(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash));
        EXPECT_TRUE(CryptHashData(hash, message.data(), static_cast<DWORD>(message.size()), 0));
        BYTE signature[512];
        DWORD length = sizeof signature;
        EXPECT_TRUE(CryptSignHashA(hash, AT_SIGNATURE, nullptr, 0, signature, &length)) << std::hex << GetLastError();
        EXPECT_TRUE(CryptDestroyHash(hash));
        return Bytes(signature, signature + length);
    }

    static bool Verify(HCRYPTPROV prov, const Bytes &public_blob, const Bytes &message, const Bytes &signature) {
        HCRYPTKEY key = 0;
        EXPECT_TRUE(CryptImportKey(prov, public_blob.data(), static_cast<DWORD>(public_blob.size()), 0, 0, &key));
        HCRYPTHASH hash = 0;
        EXPECT_TRUE(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash));
        EXPECT_TRUE(CryptHashData(hash, message.data(), static_cast<DWORD>(message.size()), 0));
        const BOOL ok = CryptVerifySignatureA(hash, signature.data(), static_cast<DWORD>(signature.size()), key, nullptr, 0);
        EXPECT_TRUE(CryptDestroyHash(hash));
        EXPECT_TRUE(CryptDestroyKey(key));
        return ok != FALSE;
    }

    // A container with a generated exportable signature pair and the imported, non-exportable
    // Wine exchange pair.
    static void MakeContainer(const char *name, DWORD flags = 0, Bytes *signature_public = nullptr) {
        HCRYPTPROV prov = 0;
        ASSERT_TRUE(CryptAcquireContextA(&prov, name, nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET | flags)) << std::hex << GetLastError();
        HCRYPTKEY key = 0;
        ASSERT_TRUE(CryptGenKey(prov, AT_SIGNATURE, (1024 << 16) | CRYPT_EXPORTABLE, &key)) << std::hex << GetLastError();
        if (signature_public) *signature_public = Export(key, PUBLICKEYBLOB);
        EXPECT_TRUE(CryptDestroyKey(key));
        ASSERT_TRUE(CryptImportKey(prov, wine_rsaenh::kPlainPrivateKey, sizeof wine_rsaenh::kPlainPrivateKey, 0, 0, &key));
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }

    // A pair record as the container store holds it (the port contract, under no other lock).
    static Bytes StoredRecord(const char *container, unsigned record) {
        uint8_t buffer[TINYCAPI_CONTAINER_RECORD_MAX];
        size_t length = 0;
        EXPECT_EQ(tinycapi_port_container_read(0, container, record, buffer, sizeof buffer, &length), TINYCAPI_PORT_OK);
        return Bytes(buffer, buffer + length);
    }

    bool FlashHolds(const Bytes &needle) const {
        const Bytes &all = flash_.bytes();
        return std::search(all.begin(), all.end(), needle.begin(), needle.end()) != all.end();
    }

    EmulatedNorFlash flash_{4096, 4, 4};
};

TEST_F(PersistentContainerTest, ContainerAndBothPairsSurviveAReset) {
    Bytes signature_public;
    MakeContainer("device", 0, &signature_public);
    HCRYPTPROV prov = 0;
    ASSERT_TRUE(CryptAcquireContextA(&prov, "device", nullptr, PROV_RSA_AES, 0));
    const Bytes exchange_public = UserPublicKey(prov, AT_KEYEXCHANGE);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));

    Reset();
    // §3.1: CRYPT_NEWKEYSET on an existing container is NTE_EXISTS [Windows-validated].
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "device", nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET), NTE_EXISTS);
    ASSERT_TRUE(CryptAcquireContextA(&prov, "DEVICE", nullptr, PROV_RSA_AES, 0)) << "names ignore case (§3.1)";
    EXPECT_EQ(UserPublicKey(prov, AT_SIGNATURE), signature_public);
    EXPECT_EQ(UserPublicKey(prov, AT_KEYEXCHANGE), exchange_public);
    // The exportable flag travels with the pair (0x3F with CRYPT_EXPORTABLE, else 0x3B).
    EXPECT_EQ(Permissions(prov, AT_SIGNATURE), kPermissions | CRYPT_EXPORT);
    EXPECT_EQ(Permissions(prov, AT_KEYEXCHANGE), kPermissions);
    HCRYPTKEY exchange = 0;
    ASSERT_TRUE(CryptGetUserKey(prov, AT_KEYEXCHANGE, &exchange));
    DWORD length = 0;
    EXPECT_FAILS_WITH(CryptExportKey(exchange, 0, PRIVATEKEYBLOB, 0, nullptr, &length), NTE_BAD_KEY_STATE);
    EXPECT_TRUE(CryptDestroyKey(exchange));
    const Bytes message = Seq(100);
    const Bytes signature = Sign(prov, message);
    EXPECT_TRUE(Verify(prov, signature_public, message, signature));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    ASSERT_TRUE(CryptAcquireContextA(&prov, "device", nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET));
}

TEST_F(PersistentContainerTest, DeleteKeysetErasesThePairsAndTheNameForGood) {
    MakeContainer("doomed");
    HCRYPTPROV prov = 0;
    ASSERT_TRUE(CryptAcquireContextA(&prov, "doomed", nullptr, PROV_RSA_AES, 0));
    HCRYPTKEY key = 0;
    ASSERT_TRUE(CryptGetUserKey(prov, AT_SIGNATURE, &key));
    const Bytes private_blob = Export(key, PRIVATEKEYBLOB);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    // What the store keeps of the pair (sealed with TINYCAPI_ENCRYPT_KEYS_AT_REST, else p and q).
    const Bytes stored = StoredRecord("doomed", TINYCAPI_RECORD_SIGNATURE);
    const Bytes tail(stored.end() - 64, stored.end());
    EXPECT_TRUE(FlashHolds(tail)) << "the test looks for the wrong bytes";
    // PRIVATEKEYBLOB: 20-byte header, modulus (128), then prime1 (64), little-endian; the store
    // keeps the primes big-endian.
    Bytes prime1(private_blob.begin() + 20 + 128, private_blob.begin() + 20 + 128 + 64);
    std::reverse(prime1.begin(), prime1.end());
    EXPECT_EQ(FlashHolds(prime1), !TINYCAPI_ENCRYPT_KEYS_AT_REST) << "a sealed pair shows no prime";

    ASSERT_TRUE(CryptAcquireContextA(&prov, "doomed", nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET));
    EXPECT_FALSE(FlashHolds(tail)) << "CRYPT_DELETEKEYSET left the pair's record in flash";
    EXPECT_FALSE(FlashHolds(prime1)) << "CRYPT_DELETEKEYSET left the private key in flash";
    Reset();
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "doomed", nullptr, PROV_RSA_AES, 0), NTE_BAD_KEYSET);
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "doomed", nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET), NTE_BAD_KEYSET);
    // The name can be used again, empty.
    ASSERT_TRUE(CryptAcquireContextA(&prov, "doomed", nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET));
    EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_SIGNATURE, &key), NTE_NO_KEY);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    ASSERT_TRUE(CryptAcquireContextA(&prov, "doomed", nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET));
}

std::vector<std::string> EnumContainers(DWORD flags) {
    HCRYPTPROV prov = 0;
    EXPECT_TRUE(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT | flags));
    std::vector<std::string> names;
    char name[261];
    for (DWORD step = CRYPT_FIRST;; step = CRYPT_NEXT) {
        DWORD length = sizeof name;
        if (!CryptGetProvParam(prov, PP_ENUMCONTAINERS, reinterpret_cast<BYTE *>(name), &length, step)) {
            EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NO_MORE_ITEMS));
            break;
        }
        names.push_back(name);
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    std::sort(names.begin(), names.end());
    return names;
}

TEST_F(PersistentContainerTest, MachineAndUserKeysetsStaySeparateAndEnumerateAfterAReset) {
    HCRYPTPROV prov = 0;
    for (const char *name : {"u1", "u2"}) {
        ASSERT_TRUE(CryptAcquireContextA(&prov, name, nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
    ASSERT_TRUE(CryptAcquireContextA(&prov, "u1", nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET | CRYPT_MACHINE_KEYSET));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    Reset();
    EXPECT_EQ(EnumContainers(0), (std::vector<std::string>{"u1", "u2"}));
    EXPECT_EQ(EnumContainers(CRYPT_MACHINE_KEYSET), (std::vector<std::string>{"u1"}));
    // §3.1.5: a user keyset is not a machine keyset [Windows-validated].
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "u2", nullptr, PROV_RSA_AES, CRYPT_MACHINE_KEYSET), NTE_BAD_KEYSET);
    ASSERT_TRUE(CryptAcquireContextA(&prov, "u1", nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET | CRYPT_MACHINE_KEYSET));
    Reset();
    EXPECT_EQ(EnumContainers(0), (std::vector<std::string>{"u1", "u2"}));
    EXPECT_EQ(EnumContainers(CRYPT_MACHINE_KEYSET), std::vector<std::string>{});
    for (const char *name : {"u1", "u2"}) {
        ASSERT_TRUE(CryptAcquireContextA(&prov, name, nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET));
    }
}

TEST_F(PersistentContainerTest, VerifyContextPairsNeverReachTheFlash) {
    const Bytes before = flash_.bytes();
    const uint64_t steps = flash_.steps();
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTKEY key = 0;
    ASSERT_TRUE(CryptGenKey(prov, AT_SIGNATURE, 512 << 16, &key));
    ASSERT_TRUE(CryptImportKey(prov, wine_rsaenh::kPlainPrivateKey, sizeof wine_rsaenh::kPlainPrivateKey, 0, 0, &key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_EQ(flash_.steps(), steps) << "a verify context programmed or erased the flash";
    EXPECT_TRUE(flash_.bytes() == before);
}

TEST_F(PersistentContainerTest, AStorageFailureIsAWindowsErrorAndKeepsThePreviousPair) {
    Bytes signature_public;
    MakeContainer("steady", 0, &signature_public);
    HCRYPTPROV prov = 0;
    ASSERT_TRUE(CryptAcquireContextA(&prov, "steady", nullptr, PROV_RSA_AES, 0));
    // The power dies in the middle of the record that would replace the pair.
    HCRYPTKEY key = 0;
    flash_.cut_power_at_step(40);
    EXPECT_FAILS_WITH(CryptGenKey(prov, AT_SIGNATURE, 1024 << 16, &key), NTE_FAIL);
    EXPECT_TRUE(flash_.power_is_cut());
    EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_SIGNATURE, &key), NTE_FAIL);  // the device is dead
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    flash_.restore_power();
    Reset();
    ASSERT_TRUE(CryptAcquireContextA(&prov, "steady", nullptr, PROV_RSA_AES, 0));
    EXPECT_EQ(UserPublicKey(prov, AT_SIGNATURE), signature_public) << "the previous pair is readable";
    const Bytes message = Seq(33);
    EXPECT_TRUE(Verify(prov, signature_public, message, Sign(prov, message)));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    ASSERT_TRUE(CryptAcquireContextA(&prov, "steady", nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET));
}

TEST_F(PersistentContainerTest, ADamagedContainerIsNteKeysetEntryBadAndTheOthersStillSign) {
    Bytes good_public;
    MakeContainer("rotten");
    MakeContainer("healthy", 0, &good_public);
    uint32_t address = 0, size = 0;
    ASSERT_TRUE(tinycapi::port::flash_store::locate(0, "rotten", &address, &size));
    for (uint32_t offset : {5u, 30u, 200u}) {  // first header copy, second copy, a prime
        const Bytes image = flash_.bytes();
        flash_.flip_bit(address + offset, 6);
        Reset();
        HCRYPTPROV prov = 0;
        // NTE_KEYSET_ENTRY_BAD: "keyset as registered is invalid", Windows' code for a corrupt
        // key-container file.
        EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "rotten", nullptr, PROV_RSA_AES, 0), NTE_KEYSET_ENTRY_BAD);
        EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, "rotten", nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET), NTE_EXISTS);
        ASSERT_TRUE(CryptAcquireContextA(&prov, "healthy", nullptr, PROV_RSA_AES, 0));
        const Bytes message = Seq(10 + offset);
        EXPECT_TRUE(Verify(prov, good_public, message, Sign(prov, message)));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
        flash_.set_bytes(image);
    }
    flash_.flip_bit(address + 100, 1);
    Reset();
    HCRYPTPROV prov = 0;
    ASSERT_TRUE(CryptAcquireContextA(&prov, "rotten", nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET)) << "deleting repairs";
    ASSERT_TRUE(CryptAcquireContextA(&prov, "healthy", nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET));
}

#if TINYCAPI_ENCRYPT_KEYS_AT_REST
// Keys at rest (config/tinycapi_config.h, TINYCAPI_ENCRYPT_KEYS_AT_REST; the host-debug preset):
// what reaches the store is sealed with AES-256-GCM and bound to its container and slot.
TEST_F(PersistentContainerTest, SealedPairsShowNoKeyAndAnyTamperingIsNteKeysetEntryBad) {
    Bytes signature_public;
    MakeContainer("sealed", 0, &signature_public);
    MakeContainer("other");
    HCRYPTPROV prov = 0;
    ASSERT_TRUE(CryptAcquireContextA(&prov, "sealed", nullptr, PROV_RSA_AES, 0));
    HCRYPTKEY key = 0;
    ASSERT_TRUE(CryptGetUserKey(prov, AT_SIGNATURE, &key));
    const Bytes private_blob = Export(key, PRIVATEKEYBLOB);
    EXPECT_TRUE(CryptDestroyKey(key));
    for (int prime = 0; prime < 2; ++prime) {  // prime1 and prime2 of the 1024-bit pair
        Bytes p(private_blob.begin() + 148 + 64 * prime, private_blob.begin() + 148 + 64 * (prime + 1));
        std::reverse(p.begin(), p.end());
        EXPECT_FALSE(FlashHolds(p)) << "a prime is in flash in clear";
    }
    const Bytes sealed = StoredRecord("sealed", TINYCAPI_RECORD_SIGNATURE);
    ASSERT_EQ(sealed.size(), 8u + 128u + 29u) << "header, p, q, and 29 bytes of marker, nonce and tag";

    // One bit of the ciphertext, rewritten through a valid store write (so the store's CRC holds).
    for (size_t at : {size_t{0}, size_t{5}, size_t{40}, sealed.size() - 1}) {
        Bytes modified = sealed;
        modified[at] ^= 0x10;
        ASSERT_EQ(tinycapi_port_container_write(0, "sealed", TINYCAPI_RECORD_SIGNATURE, modified.data(), modified.size()),
                  TINYCAPI_PORT_OK);
        EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_SIGNATURE, &key), NTE_KEYSET_ENTRY_BAD);
        HCRYPTHASH hash = 0;
        ASSERT_TRUE(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash));
        BYTE signature[128];
        DWORD length = sizeof signature;
        EXPECT_FAILS_WITH(CryptSignHashA(hash, AT_SIGNATURE, nullptr, 0, signature, &length), NTE_KEYSET_ENTRY_BAD);
        EXPECT_TRUE(CryptDestroyHash(hash));
    }
    // A record moved to another container, or to the other slot, does not open either.
    ASSERT_EQ(tinycapi_port_container_write(0, "other", TINYCAPI_RECORD_SIGNATURE, sealed.data(), sealed.size()),
              TINYCAPI_PORT_OK);
    ASSERT_EQ(tinycapi_port_container_write(0, "sealed", TINYCAPI_RECORD_KEY_EXCHANGE, sealed.data(), sealed.size()),
              TINYCAPI_PORT_OK);
    HCRYPTPROV other = 0;
    ASSERT_TRUE(CryptAcquireContextA(&other, "other", nullptr, PROV_RSA_AES, 0));
    EXPECT_FAILS_WITH(CryptGetUserKey(other, AT_SIGNATURE, &key), NTE_KEYSET_ENTRY_BAD);
    EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_KEYEXCHANGE, &key), NTE_KEYSET_ENTRY_BAD);
    // Put back, it opens again; under another device key it does not.
    ASSERT_EQ(tinycapi_port_container_write(0, "sealed", TINYCAPI_RECORD_SIGNATURE, sealed.data(), sealed.size()),
              TINYCAPI_PORT_OK);
    Reset();
    EXPECT_EQ(UserPublicKey(prov, AT_SIGNATURE), signature_public);
    tinycapi_mock_set_device_key(0x11);
    EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_SIGNATURE, &key), NTE_KEYSET_ENTRY_BAD);
    tinycapi_mock_set_device_key(0xA5);
    EXPECT_TRUE(CryptReleaseContext(other, 0));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    ASSERT_TRUE(CryptAcquireContextA(&prov, "sealed", nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET));
    ASSERT_TRUE(CryptAcquireContextA(&prov, "other", nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET));
}
#endif

}  // namespace
}  // namespace tinycapi::testing
