// Keyed uses of a key read exactly the material the key holds, never the bytes around it
// (issue 17, defect 2, and its sweep). A key slot has room for the longest key of each kind;
// the bytes past a key's own length, and the whole symmetric area of a key pair, are filled
// with a marker through the slot itself (a white-box step), and every keyed use — HMAC with the
// default and with 128-byte pads, CALG_MAC, CryptHashSessionKey in both byte orders, a key
// duplicated first, PLAINTEXTKEYBLOB and SIMPLEBLOB export — must give the same answer whatever
// the marker is. A key pair has no symmetric material: keying an HMAC, a MAC or
// CryptHashSessionKey with it is NTE_BAD_KEY (library design; Windows untested:
// docs/COMPATIBILITY.md).
#include <string.h>

#include <string>
#include <vector>

#include "objects/object_pools.hpp"
#include "test_bytes.hpp"
#include "tinycapi_test.hpp"
#include "wine_rsaenh_keys.hpp"

namespace tinycapi::testing {
namespace {

using objects::Key;
using objects::KeyKind;

// Every byte of the slot that is not the key's material: past key_length in the material (or
// in the HMAC key of an IPSEC key, whose material and salt areas are unused), past salt_length
// in the salt. A key pair's symmetric areas are unused whole.
void FillAroundMaterial(HCRYPTKEY handle, uint8_t marker) {
    objects::PinnedKey pinned;
    ASSERT_EQ(objects::pin_key(handle, &pinned), objects::Error::none);
    Key &key = *pinned;
    if (key.kind == KeyKind::rsa) {
        memset(key.material, marker, sizeof key.material);
        memset(key.salt, marker, sizeof key.salt);
    } else if (key.kind == KeyKind::hmac_only) {
        memset(key.cipher.hmac_key + key.key_length, marker, sizeof key.cipher.hmac_key - key.key_length);
        memset(key.material, marker, sizeof key.material);
        memset(key.salt, marker, sizeof key.salt);
    } else {
        memset(key.material + key.key_length, marker, sizeof key.material - key.key_length);
        memset(key.salt + key.salt_length, marker, sizeof key.salt - key.salt_length);
    }
}

struct KeySpec {
    const char *name;
    ALG_ID algorithm;
    size_t length;  // bytes in the PLAINTEXTKEYBLOB
    DWORD flags;    // CRYPT_EXPORTABLE, | CRYPT_IPSEC_HMAC_KEY
};

const KeySpec kSpecs[] = {
    {"AES-128", CALG_AES_128, 16, CRYPT_EXPORTABLE},
    {"AES-192", CALG_AES_192, 24, CRYPT_EXPORTABLE},
    {"AES-256", CALG_AES_256, 32, CRYPT_EXPORTABLE},
    {"DES", CALG_DES, 8, CRYPT_EXPORTABLE},
    {"3DES-112", CALG_3DES_112, 16, CRYPT_EXPORTABLE},
    {"3DES", CALG_3DES, 24, CRYPT_EXPORTABLE},
    {"RC2-40 (salted)", CALG_RC2, 5, CRYPT_EXPORTABLE},
    {"RC2-128", CALG_RC2, 16, CRYPT_EXPORTABLE},
    {"RC4-40 (salted)", CALG_RC4, 5, CRYPT_EXPORTABLE},
    {"RC4-128", CALG_RC4, 16, CRYPT_EXPORTABLE},
    {"IPSEC HMAC 20", CALG_RC2, 20, CRYPT_EXPORTABLE | CRYPT_IPSEC_HMAC_KEY},
    {"IPSEC HMAC 100", CALG_RC2, 100, CRYPT_EXPORTABLE | CRYPT_IPSEC_HMAC_KEY},
};

class KeyMaterialTest : public ContextTest {
protected:
    void SetUp() override {
        ContextTest::SetUp();
        ASSERT_TRUE(CryptImportKey(prov_, wine_rsaenh::kPlainPrivateKey, sizeof wine_rsaenh::kPlainPrivateKey, 0, 0,
                                   &exchange_))
            << GetLastError();
    }
    void TearDown() override {
        EXPECT_TRUE(CryptDestroyKey(exchange_));
        ContextTest::TearDown();
    }

    HCRYPTKEY Import(const KeySpec &spec) {
        Bytes blob = Concat(Bytes{PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0}, Dword(spec.algorithm));
        blob = Concat(Concat(blob, Dword(static_cast<uint32_t>(spec.length))), Seq(spec.length, 0x61));
        HCRYPTKEY key = 0;
        EXPECT_TRUE(CryptImportKey(prov_, blob.data(), static_cast<DWORD>(blob.size()), 0, spec.flags, &key))
            << spec.name << ' ' << std::hex << GetLastError();
        return key;
    }

    // HMAC with HashAlgid and pads of `pad_length` bytes (0: the default 64-byte pads).
    Bytes Hmac(HCRYPTKEY key, ALG_ID hash_algorithm, size_t pad_length) {
        HCRYPTHASH hash;
        EXPECT_TRUE(CryptCreateHash(prov_, CALG_HMAC, key, 0, &hash)) << GetLastError();
        Bytes inner(pad_length, 0x36), outer(pad_length, 0x5C);
        HMAC_INFO info = {hash_algorithm, pad_length ? inner.data() : nullptr, static_cast<DWORD>(pad_length),
                          pad_length ? outer.data() : nullptr, static_cast<DWORD>(pad_length)};
        EXPECT_TRUE(CryptSetHashParam(hash, HP_HMAC_INFO, reinterpret_cast<const BYTE *>(&info), 0)) << GetLastError();
        const Bytes data = Seq(100);
        EXPECT_TRUE(CryptHashData(hash, data.data(), static_cast<DWORD>(data.size()), 0));
        return ValueOf(hash);
    }

    Bytes Mac(HCRYPTKEY key) {
        HCRYPTHASH hash;
        EXPECT_TRUE(CryptCreateHash(prov_, CALG_MAC, key, 0, &hash)) << GetLastError();
        const Bytes data = Seq(37);
        EXPECT_TRUE(CryptHashData(hash, data.data(), static_cast<DWORD>(data.size()), 0));
        return ValueOf(hash);
    }

    Bytes HashedSessionKey(HCRYPTKEY key, DWORD flags) {
        HCRYPTHASH hash;
        EXPECT_TRUE(CryptCreateHash(prov_, CALG_SHA_256, 0, 0, &hash));
        EXPECT_TRUE(CryptHashSessionKey(hash, key, flags)) << GetLastError();
        return ValueOf(hash);
    }

    static Bytes Export(HCRYPTKEY key, HCRYPTKEY wrapping, DWORD type) {
        BYTE blob[1024];
        DWORD length = sizeof blob;
        EXPECT_TRUE(CryptExportKey(key, wrapping, type, 0, blob, &length)) << std::hex << GetLastError();
        return Bytes(blob, blob + length);
    }

    // A SIMPLEBLOB's padding is random: what it carries is what an import of it exports.
    Bytes ThroughSimpleBlob(HCRYPTKEY key) {
        const Bytes simple = Export(key, exchange_, SIMPLEBLOB);
        HCRYPTKEY unwrapped = 0;
        EXPECT_TRUE(CryptImportKey(prov_, simple.data(), static_cast<DWORD>(simple.size()), exchange_, CRYPT_EXPORTABLE,
                                   &unwrapped))
            << std::hex << GetLastError();
        const Bytes plain = Export(unwrapped, 0, PLAINTEXTKEYBLOB);
        EXPECT_TRUE(CryptDestroyKey(unwrapped));
        return plain;
    }

    static Bytes ValueOf(HCRYPTHASH hash) {
        BYTE value[64];
        DWORD length = sizeof value;
        EXPECT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0)) << GetLastError();
        EXPECT_TRUE(CryptDestroyHash(hash));
        return Bytes(value, value + length);
    }

    // Every keyed use of `key`, in order; the key is filled with `marker` around its material.
    std::vector<Bytes> KeyedUses(HCRYPTKEY key, const KeySpec &spec, uint8_t marker) {
        FillAroundMaterial(key, marker);
        std::vector<Bytes> answers;
        answers.push_back(Hmac(key, CALG_SHA1, 0));
        answers.push_back(Hmac(key, CALG_SHA_256, 128));
        HCRYPTKEY copy;
        EXPECT_TRUE(CryptDuplicateKey(key, nullptr, 0, &copy));
        answers.push_back(Hmac(copy, CALG_MD5, 128));
        EXPECT_TRUE(CryptDestroyKey(copy));
        const bool ipsec = (spec.flags & CRYPT_IPSEC_HMAC_KEY) != 0;
        if (!ipsec && GET_ALG_TYPE(spec.algorithm) == ALG_TYPE_BLOCK) answers.push_back(Mac(key));
        answers.push_back(HashedSessionKey(key, 0));
        answers.push_back(HashedSessionKey(key, CRYPT_LITTLE_ENDIAN));
        answers.push_back(Export(key, 0, PLAINTEXTKEYBLOB));
        if (!ipsec) answers.push_back(ThroughSimpleBlob(key));
        return answers;
    }

    HCRYPTKEY exchange_ = 0;
};

// The defect as found: a 1024-bit pair keyed an HMAC, which read 128 bytes from a 64-byte
// array, so the pair and its duplicate gave different HMACs (issue 17, defect 2).
TEST_F(KeyMaterialTest, KeyPairCannotKeyAnHmacOrAMac) {
    HCRYPTKEY copy;
    ASSERT_TRUE(CryptDuplicateKey(exchange_, nullptr, 0, &copy));
    HCRYPTKEY public_key;
    ASSERT_TRUE(CryptImportKey(prov_, wine_rsaenh::kSignaturePublicKey, sizeof wine_rsaenh::kSignaturePublicKey, 0, 0,
                               &public_key));
    for (HCRYPTKEY pair : {exchange_, copy, public_key}) {
        HCRYPTHASH hash = 0xdeadbeef;
        EXPECT_FAILS_WITH(CryptCreateHash(prov_, CALG_HMAC, pair, 0, &hash), NTE_BAD_KEY);
        EXPECT_EQ(hash, 0u);
        EXPECT_FAILS_WITH(CryptCreateHash(prov_, CALG_MAC, pair, 0, &hash), NTE_BAD_KEY);
    }
    EXPECT_TRUE(CryptDestroyKey(public_key));
    EXPECT_TRUE(CryptDestroyKey(copy));
}

TEST_F(KeyMaterialTest, KeyPairHasNoSessionKeyBytesToHashOrExport) {
    HCRYPTHASH hash;
    ASSERT_TRUE(CryptCreateHash(prov_, CALG_SHA1, 0, 0, &hash));
    FillAroundMaterial(exchange_, 0xA5);
    EXPECT_FAILS_WITH(CryptHashSessionKey(hash, exchange_, 0), NTE_BAD_KEY);
    BYTE blob[1024];
    DWORD length = sizeof blob;
    EXPECT_FAILS_WITH(CryptExportKey(exchange_, 0, PLAINTEXTKEYBLOB, 0, blob, &length), NTE_BAD_KEY);
    EXPECT_FAILS_WITH(CryptExportKey(exchange_, exchange_, SIMPLEBLOB, 0, blob, &length), NTE_BAD_KEY);
    EXPECT_TRUE(CryptHashData(hash, blob, 1, 0)) << "the failed call left the hash usable";
    EXPECT_TRUE(CryptDestroyHash(hash));
}

TEST_F(KeyMaterialTest, EveryKeyedUseReadsOnlyTheKeysOwnMaterial) {
    for (const KeySpec &spec : kSpecs) {
        SCOPED_TRACE(spec.name);
        const HCRYPTKEY key = Import(spec);
        ASSERT_NE(key, 0u);
        const std::vector<Bytes> with_a5 = KeyedUses(key, spec, 0xA5);
        const std::vector<Bytes> with_5a = KeyedUses(key, spec, 0x5A);
        const std::vector<Bytes> with_zero = KeyedUses(key, spec, 0x00);
        EXPECT_EQ(with_a5, with_5a) << "a keyed use read bytes around the key";
        EXPECT_EQ(with_a5, with_zero) << "a keyed use read bytes around the key";
        // The exported key is the imported one, byte for byte.
        const Bytes exported = with_a5[with_a5.size() - ((spec.flags & CRYPT_IPSEC_HMAC_KEY) ? 1 : 2)];
        EXPECT_EQ(Bytes(exported.end() - static_cast<ptrdiff_t>(spec.length), exported.end()), Seq(spec.length, 0x61));
        EXPECT_TRUE(CryptDestroyKey(key));
    }
}

}  // namespace
}  // namespace tinycapi::testing
