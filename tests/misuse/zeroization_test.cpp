// Zeroization (issue 14, item 3): once a key, a hash, a context or a key container is gone, no
// byte of its secrets remains anywhere in tinycapi's memory.
//
// tinycapi's memory is static: the pools, the bignum arena, the container store, the DRBG. The
// test binary links tinycapi statically, so all of it lies between the executable's
// __data_start and _end, which the test scans whole for every 8-byte window of the secrets, in
// either byte order (tests/support/secret_scan.hpp). The call that ends the object runs on a
// painted stack, which is scanned too. The test itself keeps secrets only on the heap and in
// read-only memory (Wine's blobs), neither of which is scanned.
//
// CryptDestroyKey, CryptDestroyHash, the last CryptReleaseContext (with the keys and hashes it
// takes along) and CRYPT_DELETEKEYSET are each checked, after the objects were used for what
// copies key bytes around: encryption, HMAC and CALG_MAC keyed with them, duplication, export,
// signing.
#include <string.h>

#include <string>
#include <vector>

#include "objects/object_pools.hpp"
#include "secret_scan.hpp"
#include "tinycapi_config.h"
#include "test_bytes.hpp"
#include "tinycapi_test.hpp"
#include "wine_rsaenh_keys.hpp"

extern "C" char __data_start[];  // the start of the executable's writable data (glibc's crt)
extern "C" char _end[];          // the end of its .bss (the linker)

namespace tinycapi::testing {
namespace {

using namespace wine_rsaenh;

std::vector<Residue> ScanStaticMemory(const std::vector<Secret> &secrets) {
    const auto *start = reinterpret_cast<const volatile uint8_t *>(__data_start);
    return Scan(start, static_cast<size_t>(_end - __data_start), secrets);
}

std::string Describe(const std::vector<Residue> &residue) {
    std::string out;
    for (const Residue &r : residue) out += r.secret + " at +" + std::to_string(r.offset) + "; ";
    return out;
}

// Distinct bytes nobody else uses, on the heap.
Bytes SecretBytes(size_t length, uint8_t salt) {
    Bytes out;
    uint32_t x = 0x9E3779B9u * (salt + 1u);
    for (size_t i = 0; i < length; ++i) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        out.push_back(static_cast<uint8_t>(x >> 11));
    }
    return out;
}

Bytes PlaintextBlob(ALG_ID algorithm, const Bytes &key) {
    return Concat(Concat(Concat(Bytes{PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0}, Dword(algorithm)),
                         Dword(static_cast<uint32_t>(key.size()))),
                  key);
}

class ZeroizationTest : public CapiTest {
protected:
    // Ends an object on the painted stack and expects no window of `secrets` anywhere.
    void ExpectGone(const char *what, const std::function<void()> &end, const std::vector<Secret> &secrets) {
        ASSERT_TRUE(stack_.Run(end));
        const std::vector<Residue> in_memory = ScanStaticMemory(secrets);
        EXPECT_TRUE(in_memory.empty()) << "after " << what << ", tinycapi's memory still holds " << Describe(in_memory);
        const std::vector<Residue> on_stack = stack_.Scan(secrets);
        EXPECT_TRUE(on_stack.empty()) << what << " left on its stack " << Describe(on_stack);
    }

    // Uses `key` the ways that copy its bytes: a CBC encryption, an HMAC and (block ciphers)
    // a CALG_MAC keyed with it, a duplicate used once.
    static void UseKey(HCRYPTPROV prov, HCRYPTKEY key) {
        Bytes data = Seq(48);
        DWORD length = 40;
        EXPECT_TRUE(CryptEncrypt(key, 0, TRUE, 0, data.data(), &length, static_cast<DWORD>(data.size())));
        HCRYPTHASH hmac, mac;
        ASSERT_TRUE(CryptCreateHash(prov, CALG_HMAC, key, 0, &hmac));
        HMAC_INFO info = {CALG_SHA_256, nullptr, 0, nullptr, 0};
        EXPECT_TRUE(CryptSetHashParam(hmac, HP_HMAC_INFO, reinterpret_cast<const BYTE *>(&info), 0));
        EXPECT_TRUE(CryptHashData(hmac, data.data(), 16, 0));
        ASSERT_TRUE(CryptCreateHash(prov, CALG_MAC, key, 0, &mac));
        EXPECT_TRUE(CryptHashData(mac, data.data(), 20, 0));
        HCRYPTKEY copy;
        ASSERT_TRUE(CryptDuplicateKey(key, nullptr, 0, &copy));
        length = 16;
        EXPECT_TRUE(CryptEncrypt(copy, 0, FALSE, 0, data.data(), &length, static_cast<DWORD>(data.size())));
        for (HCRYPTHASH h : {hmac, mac}) EXPECT_TRUE(CryptDestroyHash(h));
        EXPECT_TRUE(CryptDestroyKey(copy));
    }

    PaintedStack stack_;
};

TEST_F(ZeroizationTest, DestroyKeyLeavesNoByteOfTheSessionKey) {
    const Bytes key_bytes = SecretBytes(32, 1);
    const Bytes blob = PlaintextBlob(CALG_AES_256, key_bytes);
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTKEY key;
    ASSERT_TRUE(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, CRYPT_EXPORTABLE, &key));
    UseKey(prov, key);
    // The precondition: the key is there while it lives (the scan can see it).
    EXPECT_FALSE(ScanStaticMemory({{"AES-256 key", key_bytes}}).empty()) << "the scan does not see the key slot";
    ExpectGone("CryptDestroyKey", [&] { EXPECT_TRUE(CryptDestroyKey(key)); }, {{"AES-256 key", key_bytes}});
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(ZeroizationTest, DestroyHashLeavesNoByteOfWhatWasHashedNorOfTheValue) {
    const Bytes password = SecretBytes(40, 2);  // less than a block: it stays in the hash state
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash, copy, running;
    ASSERT_TRUE(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash));
    ASSERT_TRUE(CryptHashData(hash, password.data(), static_cast<DWORD>(password.size()), 0));
    ASSERT_TRUE(CryptDuplicateHash(hash, nullptr, 0, &copy));
    ASSERT_TRUE(CryptCreateHash(prov, CALG_SHA1, 0, 0, &running));
    ASSERT_TRUE(CryptHashData(running, password.data(), static_cast<DWORD>(password.size()), 0));
    Bytes value(32);
    DWORD length = 32;
    ASSERT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, value.data(), &length, 0));
    EXPECT_FALSE(ScanStaticMemory({{"hashed data", password}}).empty()) << "the scan does not see the hash slots";
    const std::vector<Secret> secrets = {{"hashed data", password}, {"hash value", value}};
    ExpectGone("CryptDestroyHash of every hash", [&] {
        for (HCRYPTHASH h : {hash, copy, running}) EXPECT_TRUE(CryptDestroyHash(h));
    }, secrets);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// A finished hash's slot is wiped only as far as its value (issue 16: its states were wiped
// when it finished; handles::WipeExtentFunction). This holds only if nothing else of a finished
// hash is ever non-zero: every kind of hash, finished every way, leaves an all-zero slot.
TEST_F(ZeroizationTest, EveryDestroyedHashLeavesItsWholeSlotZero) {
    const Bytes key_bytes = SecretBytes(16, 6), data = SecretBytes(100, 7);
    HCRYPTPROV prov = AcquireVerify();
    const Bytes blob = PlaintextBlob(CALG_AES_128, key_bytes);
    HCRYPTKEY key;
    ASSERT_TRUE(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, 0, &key));
    const HMAC_INFO sha1 = {CALG_SHA1, nullptr, 0, nullptr, 0}, sha256 = {CALG_SHA_256, nullptr, 0, nullptr, 0};
    const auto info = [](const HMAC_INFO &i) { return reinterpret_cast<const BYTE *>(&i); };
    BYTE value[64];
    DWORD length;
    // One round of hashes, each finished (or not) its own way, then destroyed.
    const auto round = [&](int variant) {
        std::vector<HCRYPTHASH> hashes;
        HCRYPTHASH h, copy;
        ASSERT_TRUE(CryptCreateHash(prov, variant == 0 ? CALG_SHA_256 : CALG_MD5, 0, 0, &h));
        ASSERT_TRUE(CryptHashData(h, data.data(), static_cast<DWORD>(data.size()), 0));
        if (variant != 2) {  // finished, or (variant 2) destroyed while running
            length = sizeof value;
            ASSERT_TRUE(CryptGetHashParam(h, HP_HASHVAL, value, &length, 0));
        }
        ASSERT_TRUE(CryptDuplicateHash(h, nullptr, 0, &copy));  // a copy of a finished or running hash
        hashes.push_back(h), hashes.push_back(copy);
        ASSERT_TRUE(CryptCreateHash(prov, CALG_HMAC, key, 0, &h));
        ASSERT_TRUE(CryptSetHashParam(h, HP_HMAC_INFO, info(variant == 1 ? sha1 : sha256), 0));
        ASSERT_TRUE(CryptHashData(h, data.data(), 30, 0));
        length = sizeof value;
        ASSERT_TRUE(CryptGetHashParam(h, HP_HASHVAL, value, &length, 0));
        if (variant == 1) {  // restarted with another hash after it finished (reference §3.10), finished again
            ASSERT_TRUE(CryptSetHashParam(h, HP_HMAC_INFO, info(sha256), 0));
            ASSERT_TRUE(CryptHashData(h, data.data(), 10, 0));
            length = sizeof value;
            ASSERT_TRUE(CryptGetHashParam(h, HP_HASHVAL, value, &length, 0));
        }
        hashes.push_back(h);
        ASSERT_TRUE(CryptCreateHash(prov, CALG_HMAC, key, 0, &h));  // never keyed: a value of zeroes
        length = sizeof value;
        if (variant == 0) {
            ASSERT_TRUE(CryptGetHashParam(h, HP_HASHVAL, value, &length, 0));
        }
        hashes.push_back(h);
        ASSERT_TRUE(CryptCreateHash(prov, CALG_MAC, key, 0, &h));
        ASSERT_TRUE(CryptHashData(h, data.data(), 21, 0));
        length = sizeof value;
        if (variant != 2) {
            ASSERT_TRUE(CryptGetHashParam(h, HP_HASHVAL, value, &length, 0));
        }
        hashes.push_back(h);
        for (HCRYPTHASH each : hashes) EXPECT_TRUE(CryptDestroyHash(each));
    };
    for (int variant = 0; variant < 3; ++variant) {
        round(variant);
        const auto &pool = objects::hash_pool();
        for (uint32_t i = 0; i < pool.capacity; ++i) {
            const auto *bytes = reinterpret_cast<const volatile uint8_t *>(&pool.object(i));
            size_t nonzero = 0;
            for (size_t b = 0; b < sizeof(objects::Hash); ++b) nonzero += bytes[b] != 0;
            EXPECT_EQ(nonzero, 0u) << "variant " << variant << ": hash slot " << i << " keeps bytes after its destroy";
        }
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(ZeroizationTest, LastReleaseLeavesNoByteOfTheKeysAndHashesItTakesAlong) {
    const Bytes des3 = SecretBytes(24, 3), aes = SecretBytes(16, 4), password = SecretBytes(24, 5);
    HCRYPTPROV prov = AcquireVerify();
    ASSERT_TRUE(CryptContextAddRef(prov, nullptr, 0));
    HCRYPTKEY k1, k2;
    const Bytes b1 = PlaintextBlob(CALG_3DES, des3), b2 = PlaintextBlob(CALG_AES_128, aes);
    ASSERT_TRUE(CryptImportKey(prov, b1.data(), static_cast<DWORD>(b1.size()), 0, 0, &k1));
    ASSERT_TRUE(CryptImportKey(prov, b2.data(), static_cast<DWORD>(b2.size()), 0, 0, &k2));
    UseKey(prov, k1);
    HCRYPTHASH mac, hash;
    ASSERT_TRUE(CryptCreateHash(prov, CALG_MAC, k2, 0, &mac));
    ASSERT_TRUE(CryptCreateHash(prov, CALG_MD5, 0, 0, &hash));
    ASSERT_TRUE(CryptHashData(hash, password.data(), static_cast<DWORD>(password.size()), 0));
    const std::vector<Secret> secrets = {{"3DES key", des3}, {"AES-128 key", aes}, {"hashed data", password}};
    EXPECT_TRUE(CryptReleaseContext(prov, 0)) << "not the last reference: everything lives on";
    EXPECT_FALSE(ScanStaticMemory(secrets).empty());
    ExpectGone("the last CryptReleaseContext", [&] { EXPECT_TRUE(CryptReleaseContext(prov, 0)); }, secrets);
    EXPECT_FAILS_WITH(CryptDestroyKey(k1), ERROR_INVALID_PARAMETER);
}

TEST_F(ZeroizationTest, DeleteKeysetLeavesNoByteOfItsKeyPair) {
    const std::vector<Secret> parts = PrivateParts(kPlainPrivateKey, 1024);
    HCRYPTPROV prov;
    ASSERT_TRUE(CryptAcquireContextA(&prov, "zeroization", nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET));
    HCRYPTKEY pair, session;
    ASSERT_TRUE(CryptImportKey(prov, kPlainPrivateKey, sizeof kPlainPrivateKey, 0, CRYPT_EXPORTABLE, &pair));
    HCRYPTHASH hash;
    ASSERT_TRUE(CryptCreateHash(prov, CALG_SHA1, 0, 0, &hash));
    ASSERT_TRUE(CryptHashData(hash, reinterpret_cast<const BYTE *>("message"), 7, 0));
    Bytes signature(128);
    DWORD length = 128;
    ASSERT_TRUE(CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, signature.data(), &length));
    ASSERT_TRUE(CryptGenKey(prov, CALG_AES_128, CRYPT_EXPORTABLE, &session));
    Bytes simple(256);
    length = 256;
    ASSERT_TRUE(CryptExportKey(session, pair, SIMPLEBLOB, 0, simple.data(), &length));
    Bytes exported(1024);
    length = 1024;
    ASSERT_TRUE(CryptExportKey(pair, 0, PRIVATEKEYBLOB, 0, exported.data(), &length));
    for (HCRYPTKEY k : {pair, session}) EXPECT_TRUE(CryptDestroyKey(k));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    // The container keeps its pair after the release, as on Windows (reference §2.3); sealed at
    // rest, its record shows no byte of it.
#if TINYCAPI_ENCRYPT_KEYS_AT_REST
    EXPECT_TRUE(ScanStaticMemory(parts).empty()) << "a sealed record shows key bytes";
#else
    EXPECT_FALSE(ScanStaticMemory(parts).empty()) << "the scan does not see the container store";
#endif
    ExpectGone("CRYPT_DELETEKEYSET", [&] {
        HCRYPTPROV deleted;
        EXPECT_TRUE(CryptAcquireContextA(&deleted, "zeroization", nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET));
    }, parts);
}

TEST_F(ZeroizationTest, VerifyContextReleaseLeavesNoByteOfItsPairs) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTKEY imported, generated;
    ASSERT_TRUE(CryptImportKey(prov, kPlainPrivateKey, sizeof kPlainPrivateKey, 0, 0, &imported));
    ASSERT_TRUE(CryptGenKey(prov, AT_SIGNATURE, (512 << 16) | CRYPT_EXPORTABLE, &generated));
    Bytes blob(1024);
    DWORD length = 1024;
    ASSERT_TRUE(CryptExportKey(generated, 0, PRIVATEKEYBLOB, 0, blob.data(), &length));
    std::vector<Secret> secrets = PrivateParts(kPlainPrivateKey, 1024);
    for (const Secret &part : PrivateParts(blob.data(), 512)) secrets.push_back({"generated " + part.name, part.bytes});
    ExpectGone("the last CryptReleaseContext of a verify context", [&] {
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }, secrets);
}

}  // namespace
}  // namespace tinycapi::testing
