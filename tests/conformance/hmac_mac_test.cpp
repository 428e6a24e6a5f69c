// CALG_HMAC through HP_HMAC_INFO (reference §5.7, §3.7, §3.10) and CALG_MAC (§5.8): the RFC 2202
// and RFC 4231 vectors, Wine's Windows-validated HMAC vectors with custom pad strings, the HMAC
// states (HP_HASHSIZE, data before HP_HMAC_INFO, restarts, a destroyed key) and the CBC-MAC
// snapshot rules.
//
// Sources, cited next to each value: RFC 2202 §2-3 (HMAC-MD5, HMAC-SHA-1 test cases), RFC 4231
// §4 (HMAC-SHA-2), and Wine's conformance tests dlls/rsaenh/tests/rsaenh.c in wine-mirror/wine
// (test_hmac, test_mac, test_import_hmac, test_rc2_import), whose assertions that are neither
// todo_wine nor broken() record what Windows does. Values that no source gives (the 64-byte-pad
// HMAC-SHA-384/512 of §5.7, a CBC-MAC with AES) are computed in the test with Mbed TLS directly.
#include <mbedtls/aes.h>
#include <mbedtls/md5.h>
#include <mbedtls/sha512.h>
#include <string.h>

#include <algorithm>
#include <string>
#include <vector>

#include "test_bytes.hpp"
#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {


constexpr DWORD kEip = ERROR_INVALID_PARAMETER;



Bytes Text(const char *text) { return Bytes(text, text + strlen(text)); }



Bytes PlaintextBlob(ALG_ID algorithm, const Bytes &key) {
    Bytes blob = {PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0};
    blob = Concat(blob, Dword(algorithm));
    return Concat(Concat(blob, Dword(static_cast<DWORD>(key.size()))), key);
}

struct Provider {
    const char *name;
    DWORD type;
};
const Provider kProviders[] = {{MS_DEF_PROV_A, PROV_RSA_FULL},
                               {MS_STRONG_PROV_A, PROV_RSA_FULL},
                               {MS_ENHANCED_PROV_A, PROV_RSA_FULL},
                               {MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES}};

// H(outer' ‖ H(inner' ‖ data)) with MD5 or SHA-384/512 straight from Mbed TLS, where inner' and
// outer' are the pad strings (64 × 0x36 / 0x5C when empty) XORed with the key over the shorter
// of the two (reference §5.7). The independent model the HMAC hash is compared with.
enum class Model { md5, sha384, sha512 };

Bytes ModelDigest(Model model, const Bytes &data) {
    unsigned char out[64];
    if (model == Model::md5) {
        EXPECT_EQ(mbedtls_md5(data.data(), data.size(), out), 0);
        return Bytes(out, out + 16);
    }
    EXPECT_EQ(mbedtls_sha512(data.data(), data.size(), out, model == Model::sha384 ? 1 : 0), 0);
    return Bytes(out, out + (model == Model::sha384 ? 48 : 64));
}

Bytes ModelHmac(Model model, const Bytes &key, const Bytes &data, Bytes inner = {}, Bytes outer = {}) {
    if (inner.empty()) inner = Bytes(64, 0x36);
    if (outer.empty()) outer = Bytes(64, 0x5C);
    for (size_t i = 0; i < key.size() && i < inner.size(); ++i) inner[i] ^= key[i];
    for (size_t i = 0; i < key.size() && i < outer.size(); ++i) outer[i] ^= key[i];
    return ModelDigest(model, Concat(outer, ModelDigest(model, Concat(inner, data))));
}

class HmacMacTest : public CapiTest {
protected:
    static HCRYPTPROV Acquire(const Provider &provider) {
        HCRYPTPROV prov = 0;
        EXPECT_TRUE(CryptAcquireContextA(&prov, nullptr, provider.name, provider.type, CRYPT_VERIFYCONTEXT))
            << GetLastError();
        return prov;
    }

    // A PLAINTEXTKEYBLOB imported with CRYPT_IPSEC_HMAC_KEY and aiKeyAlg CALG_RC2, as Wine's
    // test_import_hmac does (reference §5.7).
    static HCRYPTKEY IpsecKey(HCRYPTPROV prov, const Bytes &key) {
        const Bytes blob = PlaintextBlob(CALG_RC2, key);
        HCRYPTKEY out = 0;
        EXPECT_TRUE(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, CRYPT_IPSEC_HMAC_KEY, &out))
            << GetLastError();
        return out;
    }

    static HCRYPTKEY Import(HCRYPTPROV prov, ALG_ID algorithm, const Bytes &key) {
        const Bytes blob = PlaintextBlob(algorithm, key);
        HCRYPTKEY out = 0;
        EXPECT_TRUE(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, CRYPT_EXPORTABLE, &out))
            << GetLastError();
        return out;
    }

    // Wine's derive_key(): DeriveKey((bits << 16) | CRYPT_EXPORTABLE) from MD2(SEQ(2000)).
    static HCRYPTKEY DeriveFromD2000(HCRYPTPROV prov, ALG_ID algorithm, DWORD bits) {
        HCRYPTHASH hash = 0;
        EXPECT_TRUE(CryptCreateHash(prov, CALG_MD2, 0, 0, &hash));
        const Bytes data = Seq(2000);
        EXPECT_TRUE(CryptHashData(hash, data.data(), 2000, 0));
        HCRYPTKEY key = 0;
        EXPECT_TRUE(CryptDeriveKey(prov, algorithm, hash, (bits << 16) | CRYPT_EXPORTABLE, &key)) << GetLastError();
        EXPECT_TRUE(CryptDestroyHash(hash));
        return key;
    }

    static HMAC_INFO Info(ALG_ID algorithm, const Bytes *inner = nullptr, const Bytes *outer = nullptr) {
        HMAC_INFO info = {};
        info.HashAlgid = algorithm;
        if (inner) {
            info.pbInnerString = const_cast<BYTE *>(inner->data());
            info.cbInnerString = static_cast<DWORD>(inner->size());
        }
        if (outer) {
            info.pbOuterString = const_cast<BYTE *>(outer->data());
            info.cbOuterString = static_cast<DWORD>(outer->size());
        }
        return info;
    }

    static BOOL SetInfo(HCRYPTHASH hash, const HMAC_INFO &info) {
        return CryptSetHashParam(hash, HP_HMAC_INFO, reinterpret_cast<const BYTE *>(&info), 0);
    }

    static HCRYPTHASH CreateHmac(HCRYPTPROV prov, HCRYPTKEY key) {
        HCRYPTHASH hash = 0;
        EXPECT_TRUE(CryptCreateHash(prov, CALG_HMAC, key, 0, &hash)) << GetLastError();
        return hash;
    }

    static Bytes Value(HCRYPTHASH hash) {
        BYTE value[64];
        DWORD length = sizeof value;
        if (!CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0)) {
            ADD_FAILURE() << "HP_HASHVAL failed: " << GetLastError();
            return {};
        }
        return Bytes(value, value + length);
    }

    static DWORD HashSize(HCRYPTHASH hash) {
        DWORD value = 0xdeadbeef, length = sizeof value;
        EXPECT_TRUE(CryptGetHashParam(hash, HP_HASHSIZE, reinterpret_cast<BYTE *>(&value), &length, 0)) << GetLastError();
        return value;
    }

    static BOOL Feed(HCRYPTHASH hash, const Bytes &data) {
        return CryptHashData(hash, data.data(), static_cast<DWORD>(data.size()), 0);
    }

    // The HMAC of `data` with `key`, HP_HMAC_INFO `info`, through a new hash.
    static Bytes Hmac(HCRYPTPROV prov, HCRYPTKEY key, const HMAC_INFO &info, const Bytes &data) {
        HCRYPTHASH hash = CreateHmac(prov, key);
        EXPECT_TRUE(SetInfo(hash, info)) << GetLastError();
        EXPECT_TRUE(Feed(hash, data)) << GetLastError();
        Bytes value = Value(hash);
        EXPECT_TRUE(CryptDestroyHash(hash));
        return value;
    }
};

struct RfcCase {
    Bytes key, data;
    const char *digest;
};

// RFC 2202 §2 (HMAC-MD5) test cases 1-7; cases 6 and 7 have 80-byte keys, longer than the
// 64-byte block, which CAPI hashes first for IPSEC keys (reference §5.7).
std::vector<RfcCase> Rfc2202Md5() {
    return {
        {Bytes(16, 0x0b), Text("Hi There"), "9294727a3638bb1c13f48ef8158bfc9d"},
        {Text("Jefe"), Text("what do ya want for nothing?"), "750c783e6ab0b503eaa86e310a5db738"},
        {Bytes(16, 0xaa), Bytes(50, 0xdd), "56be34521d144c88dbb8c733f0e8b3f6"},
        {Seq(25, 1), Bytes(50, 0xcd), "697eaf0aca3a3aea3a75164746ffaa79"},
        {Bytes(16, 0x0c), Text("Test With Truncation"), "56461ef2342edc00f9bab995690efd4c"},
        {Bytes(80, 0xaa), Text("Test Using Larger Than Block-Size Key - Hash Key First"), "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd"},
        {Bytes(80, 0xaa), Text("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
         "6f630fad67cda0ee1fb1f562db3aa53e"},
    };
}

// RFC 2202 §3 (HMAC-SHA-1) test cases 1-7, also Wine's test_import_hmac table (run on Windows).
std::vector<RfcCase> Rfc2202Sha1() {
    return {
        {Bytes(20, 0x0b), Text("Hi There"), "b617318655057264e28bc0b6fb378c8ef146be00"},
        {Text("Jefe"), Text("what do ya want for nothing?"), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
        {Bytes(20, 0xaa), Bytes(50, 0xdd), "125d7342b9ac11cd91a39af48aa17b4f63f175d3"},
        {Seq(25, 1), Bytes(50, 0xcd), "4c9007f4026250c6bc8414f9bf50c86c2d7235da"},
        {Bytes(20, 0x0c), Text("Test With Truncation"), "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"},
        {Bytes(80, 0xaa), Text("Test Using Larger Than Block-Size Key - Hash Key First"),
         "aa4ae5e15272d00e95705637ce8a3b55ed402112"},
        {Bytes(80, 0xaa), Text("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
         "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"},
    };
}

// RFC 4231 §4.2-4.8, HMAC-SHA-256. Case 5's RFC value is truncated to 128 bits; the full
// output's first 16 bytes are compared. Cases 6 and 7 have 131-byte keys.
std::vector<RfcCase> Rfc4231Sha256() {
    return {
        {Bytes(20, 0x0b), Text("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
        {Text("Jefe"), Text("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
        {Bytes(20, 0xaa), Bytes(50, 0xdd), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
        {Seq(25, 1), Bytes(50, 0xcd), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
        {Bytes(20, 0x0c), Text("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b"},
        {Bytes(131, 0xaa), Text("Test Using Larger Than Block-Size Key - Hash Key First"),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
        {Bytes(131, 0xaa),
         Text("This is a test using a larger than block-size key and a larger than block-size data. The key needs to "
              "be hashed before being used by the HMAC algorithm."),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
    };
}

void ExpectRfcCases(HCRYPTPROV prov, ALG_ID algorithm, const std::vector<RfcCase> &cases) {
    for (size_t i = 0; i < cases.size(); ++i) {
        SCOPED_TRACE(::testing::Message() << "test case " << i + 1);
        const RfcCase &c = cases[i];
        HCRYPTKEY key = 0;
        const Bytes blob = PlaintextBlob(CALG_RC2, c.key);
        ASSERT_TRUE(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, CRYPT_IPSEC_HMAC_KEY, &key))
            << GetLastError();
        HCRYPTHASH hash = 0;
        ASSERT_TRUE(CryptCreateHash(prov, CALG_HMAC, key, 0, &hash)) << GetLastError();
        HMAC_INFO info = {};
        info.HashAlgid = algorithm;
        ASSERT_TRUE(CryptSetHashParam(hash, HP_HMAC_INFO, reinterpret_cast<const BYTE *>(&info), 0)) << GetLastError();
        ASSERT_TRUE(CryptHashData(hash, c.data.data(), static_cast<DWORD>(c.data.size()), 0));
        BYTE value[64];
        DWORD length = sizeof value;
        ASSERT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0));
        const Bytes expected = Hex(c.digest);
        ASSERT_GE(length, expected.size());
        EXPECT_EQ(Bytes(value, value + expected.size()), expected);
        EXPECT_TRUE(CryptDestroyHash(hash));
        EXPECT_TRUE(CryptDestroyKey(key));
    }
}

// ===== HMAC (reference §5.7) =============================================================

using HmacTest = HmacMacTest;

TEST_F(HmacTest, Rfc2202HmacMd5AllSevenCasesOnEveryProvider) {
    for (const Provider &p : kProviders) {
        SCOPED_TRACE(p.name);
        HCRYPTPROV prov = Acquire(p);
        ExpectRfcCases(prov, CALG_MD5, Rfc2202Md5());
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(HmacTest, Rfc2202HmacSha1AllSevenCasesOnEveryProvider) {
    // Windows-validated: Wine test_import_hmac, keys imported as PLAINTEXTKEYBLOB with
    // CRYPT_IPSEC_HMAC_KEY and aiKeyAlg CALG_RC2, the 80-byte keys hashed first.
    for (const Provider &p : kProviders) {
        SCOPED_TRACE(p.name);
        HCRYPTPROV prov = Acquire(p);
        ExpectRfcCases(prov, CALG_SHA1, Rfc2202Sha1());
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(HmacTest, Rfc4231HmacSha256OnEveryProviderPlainRsaFullIncluded) {
    // Reference §3.10: SHA-256 is accepted as the HMAC hash on every personality, PROV_RSA_FULL
    // included, where CryptCreateHash(CALG_SHA_256) itself is NTE_BAD_ALGID (Windows-validated).
    for (const Provider &p : kProviders) {
        SCOPED_TRACE(p.name);
        HCRYPTPROV prov = Acquire(p);
        if (p.type == PROV_RSA_FULL) {
            HCRYPTHASH plain = 0;
            EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &plain), NTE_BAD_ALGID);
        }
        ExpectRfcCases(prov, CALG_SHA_256, Rfc4231Sha256());
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(HmacTest, Sha256HmacOnTheDefaultFullProvider) {
    // issue 4: widely used code computes HMAC-SHA-256 on a PROV_RSA_FULL context with no name.
    HCRYPTPROV prov = 0;
    ASSERT_TRUE(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT));
    ExpectRfcCases(prov, CALG_SHA_256, {Rfc4231Sha256()[1]});  // RFC 4231 test case 2
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HmacTest, Sha384And512UseSixtyFourBytePadsSoAreNotRfc4231Values) {
    // Reference §5.7: HMAC-SHA-384/512 with the default 64-byte strings are not RFC 4231 values
    // (their block is 128 bytes; Wine, kept). The expected value is the 64-byte-pad
    // construction computed here with mbedtls_sha512; the RFC 4231 §4.2 value must differ.
    HCRYPTPROV prov = Acquire(kProviders[3]);
    const struct {
        ALG_ID algorithm;
        Model model;
        const char *rfc4231_case1;
    } rows[] = {{CALG_SHA_384, Model::sha384,
                 "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"},
                {CALG_SHA_512, Model::sha512,
                 "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"}};
    for (const auto &row : rows) {
        SCOPED_TRACE(row.algorithm);
        // RFC 4231 test case 1 (20-byte key).
        HCRYPTKEY key = IpsecKey(prov, Bytes(20, 0x0b));
        const Bytes value = Hmac(prov, key, Info(row.algorithm), Text("Hi There"));
        EXPECT_EQ(value, ModelHmac(row.model, Bytes(20, 0x0b), Text("Hi There")));
        EXPECT_NE(value, Hex(row.rfc4231_case1));
        EXPECT_TRUE(CryptDestroyKey(key));
        // RFC 4231 test case 6 (131-byte key): the IPSEC key is hashed first with the HMAC's hash.
        key = IpsecKey(prov, Bytes(131, 0xaa));
        const Bytes data = Text("Test Using Larger Than Block-Size Key - Hash Key First");
        EXPECT_EQ(Hmac(prov, key, Info(row.algorithm), data),
                  ModelHmac(row.model, ModelDigest(row.model, Bytes(131, 0xaa)), data));
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HmacTest, CustomZeroPadStringsOfWine) {
    // Wine test_rc2_import, run on Windows on every provider: HMAC-MD5 with pbInnerString =
    // pbOuterString = `length` zero bytes (136, 256, 512, 1024), the key being min(length/8, 64)
    // bytes of 0xCC, data one 0x00 byte; hmac_results (DWORDs, little-endian). Wine's key is a
    // SIMPLEBLOB RC2 key, never hashed first; an IPSEC key of at most 64 bytes is not either
    // (reference §5.7), so the same bytes imported that way give the same HMAC.
    const struct {
        DWORD length;
        const char *digest;
    } rows[] = {{136, "6d58442f9f4cd07603fce8dabd70e827"},  // {0x2f44586d, 0x76d04c9f, 0xdae8fc03, 0x27e870bd}
                {256, "8631debcd52c89d9f5898c57e5a8cbc2"},  // {0xbcde3186, 0xd9892cd5, 0x578c89f5, 0xc2cba8e5}
                {512, "ccf12bad1f2c4eae679a59d102d86701"},  // {0xad2bf1cc, 0xae4e2c1f, 0xd1599a67, 0x0167d802}
                {1024, "6859e76ef5efa052850d34756249b687"}};  // {0x6ee75968, 0x52a0eff5, 0x75340d85, 0x87b64962}
    for (const Provider &p : kProviders) {
        SCOPED_TRACE(p.name);
        HCRYPTPROV prov = Acquire(p);
        for (const auto &row : rows) {
            SCOPED_TRACE(row.length);
            HCRYPTKEY key = IpsecKey(prov, Bytes(row.length / 8 < 64 ? row.length / 8 : 64, 0xCC));
            const Bytes zeros(row.length, 0);
            HCRYPTHASH hash = CreateHmac(prov, key);
            ASSERT_TRUE(SetInfo(hash, Info(CALG_MD5, &zeros, &zeros))) << GetLastError();
            ASSERT_TRUE(Feed(hash, Bytes(1, 0)));
            EXPECT_EQ(HashSize(hash), 16u);
            EXPECT_EQ(Value(hash), Hex(row.digest));
            EXPECT_TRUE(CryptDestroyHash(hash));
            EXPECT_TRUE(CryptDestroyKey(key));
        }
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(HmacTest, DefaultPadsAreSixtyFourBytesOfThirtySixAndFiftyC) {
    // Wine test_hmac (run on Windows): HMAC-MD5 with the RC2-56 D2000 key, default strings, over
    // SEQ(256) = 1a7d49c59b2d0b9ccf106bb67d0f1332 (reference §5.10). Spelling the default strings
    // out (64 × 0x36, 64 × 0x5C) gives the same value (§5.7).
    HCRYPTPROV prov = Acquire(kProviders[2]);
    HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC2, 56);
    const Bytes expected = Hex("1a7d49c59b2d0b9ccf106bb67d0f1332");
    EXPECT_EQ(Hmac(prov, key, Info(CALG_MD5), Seq(256)), expected);
    const Bytes inner(64, 0x36), outer(64, 0x5C);
    EXPECT_EQ(Hmac(prov, key, Info(CALG_MD5, &inner, &outer), Seq(256)), expected);
    EXPECT_EQ(Hmac(prov, key, Info(CALG_MD5, &inner), Seq(256)), expected);
    EXPECT_EQ(Hmac(prov, key, Info(CALG_MD5, nullptr, &outer), Seq(256)), expected);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HmacTest, PadStringsAreUsedLiterallyWithTheCallersLength) {
    // Reference §5.7: the caller's strings with the caller's length; inner[i] ^= K[i] and
    // outer[i] ^= K[i] for i < min(len(K), len(string)). Computed with mbedtls_md5.
    HCRYPTPROV prov = Acquire(kProviders[3]);
    const Bytes key_bytes = Seq(20, 0x40);
    HCRYPTKEY key = IpsecKey(prov, key_bytes);
    const Bytes data = Text("the quick brown fox");
    const struct {
        Bytes inner, outer;
    } rows[] = {
        {Bytes(10, 0x01), Bytes(3, 0x02)},    // strings shorter than the key: its tail is unused
        {Bytes(100, 0x11), Bytes(65, 0x22)},  // longer than the key and than a block
        {Seq(64, 7), Bytes(64, 0x5C)},
        {Bytes(1, 0xFF), Bytes(200, 0x00)},
    };
    for (const auto &row : rows) {
        SCOPED_TRACE(::testing::Message() << row.inner.size() << "/" << row.outer.size());
        EXPECT_EQ(Hmac(prov, key, Info(CALG_MD5, &row.inner, &row.outer), data),
                  ModelHmac(Model::md5, key_bytes, data, row.inner, row.outer));
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HmacTest, HashSizeIsZeroBeforeHmacInfoThenTheInnerHashSize) {
    // Reference §3.7 step 8 (Windows-validated: 0, then 16 for MD5) and §5.7.
    HCRYPTPROV prov = Acquire(kProviders[3]);
    HCRYPTKEY key = IpsecKey(prov, Seq(16));
    const struct {
        ALG_ID algorithm;
        DWORD size;
    } rows[] = {{CALG_MD2, 16}, {CALG_MD4, 16}, {CALG_MD5, 16}, {CALG_SHA1, 20}, {CALG_SHA_256, 32}, {CALG_SHA_384, 48}, {CALG_SHA_512, 64}};
    for (const auto &row : rows) {
        HCRYPTHASH hash = CreateHmac(prov, key);
        EXPECT_EQ(HashSize(hash), 0u);
        ASSERT_TRUE(SetInfo(hash, Info(row.algorithm))) << row.algorithm << ": " << GetLastError();
        EXPECT_EQ(HashSize(hash), row.size) << row.algorithm;
        EXPECT_EQ(Value(hash).size(), row.size);
        DWORD algorithm = 0, length = sizeof algorithm;
        ASSERT_TRUE(CryptGetHashParam(hash, HP_ALGID, reinterpret_cast<BYTE *>(&algorithm), &length, 0));
        EXPECT_EQ(algorithm, DWORD{CALG_HMAC});
        EXPECT_TRUE(CryptDestroyHash(hash));
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HmacTest, DataBeforeHmacInfoSucceedsAndIsDropped) {
    // Reference §3.8 step 6 and §3.9 (Wine, kept): CryptHashData before HP_HMAC_INFO returns TRUE
    // and hashes nothing; HP_HASHVAL before it is TRUE with 0 bytes.
    HCRYPTPROV prov = Acquire(kProviders[3]);
    HCRYPTKEY key = IpsecKey(prov, Bytes(20, 0x0b));
    HCRYPTHASH hash = CreateHmac(prov, key);
    ASSERT_TRUE(Feed(hash, Text("dropped, never hashed"))) << GetLastError();
    ASSERT_TRUE(SetInfo(hash, Info(CALG_SHA1)));
    ASSERT_TRUE(Feed(hash, Text("Hi There")));
    EXPECT_EQ(Value(hash), Hex("b617318655057264e28bc0b6fb378c8ef146be00")) << "RFC 2202 §3 test case 1";
    EXPECT_TRUE(CryptDestroyHash(hash));
    hash = CreateHmac(prov, key);
    BYTE value[64];
    DWORD length = sizeof value;
    ASSERT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0)) << GetLastError();
    EXPECT_EQ(length, 0u);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HmacTest, SettingHmacInfoAgainRestartsTheHmac) {
    // Reference §3.10 step 4 (Wine): also after the value was read.
    HCRYPTPROV prov = Acquire(kProviders[3]);
    HCRYPTKEY key = IpsecKey(prov, Bytes(20, 0x0b));
    HCRYPTHASH hash = CreateHmac(prov, key);
    ASSERT_TRUE(SetInfo(hash, Info(CALG_MD5)));
    ASSERT_TRUE(Feed(hash, Text("forgotten")));
    ASSERT_TRUE(SetInfo(hash, Info(CALG_SHA1)));
    ASSERT_TRUE(Feed(hash, Text("Hi There")));
    EXPECT_EQ(Value(hash), Hex("b617318655057264e28bc0b6fb378c8ef146be00")) << "RFC 2202 §3 test case 1";
    EXPECT_FAILS_WITH(Feed(hash, Text("x")), NTE_BAD_HASH_STATE);
    ASSERT_TRUE(SetInfo(hash, Info(CALG_SHA1))) << GetLastError();
    ASSERT_TRUE(Feed(hash, Text("Hi There"))) << "restarted: hashing again";
    EXPECT_EQ(Value(hash), Hex("b617318655057264e28bc0b6fb378c8ef146be00"));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HmacTest, AKeyDestroyedBeforeHmacInfoIsNteFail) {
    // Reference §3.10 step 4 (Wine): the hash's key destroyed since CryptCreateHash → NTE_FAIL.
    HCRYPTPROV prov = Acquire(kProviders[3]);
    HCRYPTKEY key = IpsecKey(prov, Bytes(20, 0x0b));
    HCRYPTHASH hash = CreateHmac(prov, key);
    ASSERT_TRUE(CryptDestroyKey(key));
    EXPECT_FAILS_WITH(SetInfo(hash, Info(CALG_SHA1)), NTE_FAIL);
    EXPECT_EQ(HashSize(hash), 0u) << "still waiting for its HP_HMAC_INFO";
    // A new key in the freed slot is not the HMAC's key.
    HCRYPTKEY other = IpsecKey(prov, Bytes(20, 0x0c));
    EXPECT_FAILS_WITH(SetInfo(hash, Info(CALG_SHA1)), NTE_FAIL);
    EXPECT_TRUE(CryptDestroyKey(other));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HmacTest, AFailedHmacInfoLeavesTheHmacAsItWas) {
    // style.md "Errors": a failed call leaves every object as it was. A finished HMAC stays
    // finished with its value; a running one keeps its data.
    HCRYPTPROV prov = Acquire(kProviders[3]);
    HCRYPTKEY key = IpsecKey(prov, Bytes(20, 0x0b));
    HCRYPTHASH finished = CreateHmac(prov, key);
    ASSERT_TRUE(SetInfo(finished, Info(CALG_SHA1)));
    ASSERT_TRUE(Feed(finished, Text("Hi There")));
    const Bytes value = Value(finished);
    EXPECT_EQ(value, Hex("b617318655057264e28bc0b6fb378c8ef146be00")) << "RFC 2202 §3 test case 1";
    HCRYPTHASH running = CreateHmac(prov, key);
    ASSERT_TRUE(SetInfo(running, Info(CALG_SHA1)));
    ASSERT_TRUE(Feed(running, Text("Hi ")));
    // An unsupported hash (library design: NTE_BAD_ALGID), then a destroyed key (NTE_FAIL).
    EXPECT_FAILS_WITH(SetInfo(finished, Info(CALG_RC4)), NTE_BAD_ALGID);
    EXPECT_FAILS_WITH(SetInfo(running, Info(CALG_RC4)), NTE_BAD_ALGID);
    ASSERT_TRUE(CryptDestroyKey(key));
    EXPECT_FAILS_WITH(SetInfo(finished, Info(CALG_SHA1)), NTE_FAIL);
    EXPECT_FAILS_WITH(SetInfo(running, Info(CALG_SHA1)), NTE_FAIL);
    EXPECT_FAILS_WITH(Feed(finished, Text("x")), NTE_BAD_HASH_STATE);
    EXPECT_EQ(Value(finished), value);
    EXPECT_EQ(HashSize(finished), 20u);
    ASSERT_TRUE(Feed(running, Text("There"))) << GetLastError();
    EXPECT_EQ(Value(running), value);
    EXPECT_TRUE(CryptDestroyHash(finished));
    EXPECT_TRUE(CryptDestroyHash(running));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HmacTest, HmacNeedsALiveKeyAndAHashAlgorithm) {
    // Reference §3.7: hKey 0 → NTE_BAD_KEY (Windows-validated: Wine test_hmac); a dead hKey → EIP.
    // §3.10: pbData NULL → EIP; HashAlgid not a hash → NTE_BAD_ALGID (library design); string
    // pointers NULL with a length → EIP (library design); HP_HMAC_INFO on another hash →
    // NTE_BAD_TYPE (docs/COMPATIBILITY.md).
    HCRYPTPROV prov = Acquire(kProviders[3]);
    HCRYPTHASH hash = 0;
    EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_HMAC, 0, 0, &hash), NTE_BAD_KEY);
    EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_HMAC, 0xdeadbeef, 0, &hash), kEip);
    HCRYPTKEY key = IpsecKey(prov, Seq(16));
    hash = CreateHmac(prov, key);
    EXPECT_FAILS_WITH(CryptSetHashParam(hash, HP_HMAC_INFO, nullptr, 0), kEip);
    for (ALG_ID algorithm : {ALG_ID{CALG_RC4}, ALG_ID{CALG_HMAC}, ALG_ID{CALG_MAC}, ALG_ID{CALG_SSL3_SHAMD5}, ALG_ID{0}}) {
        EXPECT_FAILS_WITH(SetInfo(hash, Info(algorithm)), NTE_BAD_ALGID);
    }
    HMAC_INFO info = Info(CALG_MD5);
    info.cbInnerString = 4;
    EXPECT_FAILS_WITH(SetInfo(hash, info), kEip);
    info = Info(CALG_MD5);
    info.cbOuterString = 4;
    EXPECT_FAILS_WITH(SetInfo(hash, info), kEip);
    EXPECT_EQ(HashSize(hash), 0u);
    EXPECT_TRUE(SetInfo(hash, Info(CALG_MD5))) << "still usable after the refusals";
    HCRYPTHASH md5 = 0;
    ASSERT_TRUE(CryptCreateHash(prov, CALG_MD5, 0, 0, &md5));
    EXPECT_FAILS_WITH(SetInfo(md5, Info(CALG_MD5)), NTE_BAD_TYPE);
    EXPECT_TRUE(CryptDestroyHash(md5));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HmacTest, TheKeyIsTheKeyBytesWithoutSalt) {
    // Reference §5.7: K = the key bytes, KP_KEYLEN/8, salt excluded (Windows-validated: a derived
    // 56-bit RC2 key gives its 7 bytes). A cipher key with a salt set gives the HMAC of its key
    // bytes alone, i.e. that of an IPSEC key of the same bytes.
    HCRYPTPROV prov = Acquire(kProviders[0]);
    HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC4, 40);  // key bytes d5e1a7e9ac
    CRYPT_INTEGER_BLOB salt = {11, nullptr};
    const Bytes salt_bytes = Seq(11, 0x80);
    salt.pbData = const_cast<BYTE *>(salt_bytes.data());
    ASSERT_TRUE(CryptSetKeyParam(key, KP_SALT_EX, reinterpret_cast<const BYTE *>(&salt), 0));
    HCRYPTKEY ipsec = IpsecKey(prov, Hex("d5e1a7e9ac"));
    const Bytes data = Seq(100);
    const Bytes expected = Hmac(prov, ipsec, Info(CALG_SHA1), data);
    EXPECT_EQ(Hmac(prov, key, Info(CALG_SHA1), data), expected);
    HCRYPTKEY salted_bytes = IpsecKey(prov, Concat(Hex("d5e1a7e9ac"), salt_bytes));
    EXPECT_NE(Hmac(prov, salted_bytes, Info(CALG_SHA1), data), expected) << "the salt would have changed it";
    for (HCRYPTKEY k : {key, ipsec, salted_bytes}) EXPECT_TRUE(CryptDestroyKey(k));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HmacTest, CipherKeysAreNeverHashedFirstIpsecKeysLongerThanABlockAre) {
    // Reference §5.7: an IPSEC key longer than 64 bytes is K = H(key) (Windows-validated: RFC
    // 2202 cases 6-7); non-IPSEC keys are never pre-hashed (Wine). The longest cipher key, a
    // 32-byte AES key, equals an IPSEC key of the same bytes; a 65-byte IPSEC key equals one of
    // its MD5 (16 bytes).
    HCRYPTPROV prov = Acquire(kProviders[3]);
    HCRYPTKEY aes = Import(prov, CALG_AES_256, Seq(32, 5));
    HCRYPTKEY same = IpsecKey(prov, Seq(32, 5));
    const Bytes data = Seq(77);
    EXPECT_EQ(Hmac(prov, aes, Info(CALG_MD5), data), Hmac(prov, same, Info(CALG_MD5), data));
    HCRYPTKEY sixty_four = IpsecKey(prov, Seq(64, 1));
    EXPECT_EQ(Hmac(prov, sixty_four, Info(CALG_MD5), data), ModelHmac(Model::md5, Seq(64, 1), data)) << "64: not hashed";
    HCRYPTKEY sixty_five = IpsecKey(prov, Seq(65, 1));
    EXPECT_EQ(Hmac(prov, sixty_five, Info(CALG_MD5), data), ModelHmac(Model::md5, ModelDigest(Model::md5, Seq(65, 1)), data));
    for (HCRYPTKEY k : {aes, same, sixty_four, sixty_five}) EXPECT_TRUE(CryptDestroyKey(k));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HmacTest, ADuplicatedHmacContinuesIndependently) {
    // Reference §3.11 step 4: an independent copy of the full state.
    HCRYPTPROV prov = Acquire(kProviders[3]);
    HCRYPTKEY key = IpsecKey(prov, Bytes(20, 0x0b));
    HCRYPTHASH hash = CreateHmac(prov, key);
    ASSERT_TRUE(SetInfo(hash, Info(CALG_SHA1)));
    ASSERT_TRUE(Feed(hash, Text("Hi ")));
    HCRYPTHASH copy = 0;
    ASSERT_TRUE(CryptDuplicateHash(hash, nullptr, 0, &copy));
    ASSERT_TRUE(Feed(copy, Text("There")));
    ASSERT_TRUE(Feed(hash, Text("Where")));
    EXPECT_EQ(Value(copy), Hex("b617318655057264e28bc0b6fb378c8ef146be00")) << "RFC 2202 §3 test case 1";
    EXPECT_NE(Value(hash), Value(copy));
    EXPECT_TRUE(CryptDestroyHash(copy));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== CALG_MAC (reference §5.8) =========================================================

using MacTest = HmacMacTest;

TEST_F(MacTest, NeedsALiveBlockCipherKey) {
    // Reference §3.7 step 6: hKey 0 → NTE_BAD_KEY; an RC4 key → NTE_BAD_KEY (Windows-validated:
    // Wine test_mac); an IPSEC HMAC key is no block cipher either; a dead hKey → EIP.
    HCRYPTPROV prov = Acquire(kProviders[2]);
    HCRYPTHASH hash = 0xdeadbeef;
    EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_MAC, 0, 0, &hash), NTE_BAD_KEY);
    EXPECT_EQ(hash, 0u);
    HCRYPTKEY rc4 = DeriveFromD2000(prov, CALG_RC4, 56);
    EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_MAC, rc4, 0, &hash), NTE_BAD_KEY);
    HCRYPTKEY ipsec = IpsecKey(prov, Seq(16));
    EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_MAC, ipsec, 0, &hash), NTE_BAD_KEY);
    EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_MAC, 0xdeadbeef, 0, &hash), kEip);
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_HASHES), 0u);
    EXPECT_TRUE(CryptDestroyKey(rc4));
    EXPECT_TRUE(CryptDestroyKey(ipsec));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(MacTest, HashSizeIsTheKeysBlockLength) {
    // Reference §3.7 step 8 and §5.8 (Windows-validated: 8 for RC2).
    HCRYPTPROV prov = Acquire(kProviders[3]);
    const struct {
        ALG_ID algorithm;
        size_t key_bytes;
        DWORD size;
    } rows[] = {{CALG_RC2, 5, 8}, {CALG_DES, 8, 8}, {CALG_3DES_112, 16, 8}, {CALG_3DES, 24, 8}, {CALG_AES_128, 16, 16}, {CALG_AES_256, 32, 16}};
    for (const auto &row : rows) {
        HCRYPTKEY key = Import(prov, row.algorithm, Seq(row.key_bytes));
        HCRYPTHASH mac = 0;
        ASSERT_TRUE(CryptCreateHash(prov, CALG_MAC, key, 0, &mac)) << GetLastError();
        EXPECT_EQ(HashSize(mac), row.size) << row.algorithm;
        EXPECT_EQ(Value(mac).size(), row.size);
        EXPECT_TRUE(CryptDestroyHash(mac));
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(MacTest, AMacIsASnapshotOfTheKey) {
    // Wine test_mac, Windows-validated on Windows 8 and later (reference §5.8): the RC2-40 D2000
    // key encrypts 256 bytes first; a MAC created on it, with the key then used to encrypt 8
    // bytes, over SEQ(256) = b7a246e91131e0ad; a second MAC fed 1+1+6+9 bytes of SEQ(17) while
    // the key encrypts and decrypts in between = ef220a3bd0ab4849.
    HCRYPTPROV prov = Acquire(kProviders[2]);
    HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC2, 40);
    Bytes scratch = Concat(Seq(256), Bytes(8, 0));
    DWORD length = 256;
    ASSERT_TRUE(CryptEncrypt(key, 0, TRUE, 0, scratch.data(), &length, 264));
    EXPECT_EQ(length, 264u);
    HCRYPTHASH mac = 0;
    ASSERT_TRUE(CryptCreateHash(prov, CALG_MAC, key, 0, &mac)) << GetLastError();
    length = 8;
    ASSERT_TRUE(CryptEncrypt(key, 0, FALSE, 0, scratch.data(), &length, 8));
    ASSERT_TRUE(Feed(mac, Seq(256)));
    EXPECT_EQ(Value(mac), Hex("b7a246e91131e0ad"));
    EXPECT_FAILS_WITH(Feed(mac, Seq(1)), NTE_BAD_HASH_STATE);  // Windows-validated
    EXPECT_TRUE(CryptDestroyHash(mac));

    ASSERT_TRUE(CryptCreateHash(prov, CALG_MAC, key, 0, &mac));
    const Bytes data = Seq(17);
    length = 8;
    ASSERT_TRUE(CryptEncrypt(key, 0, FALSE, 0, scratch.data(), &length, 8));
    ASSERT_TRUE(CryptHashData(mac, data.data(), 1, 0));
    length = 8;
    ASSERT_TRUE(CryptDecrypt(key, 0, FALSE, 0, scratch.data(), &length));
    ASSERT_TRUE(CryptHashData(mac, data.data() + 1, 1, 0));
    ASSERT_TRUE(CryptHashData(mac, data.data() + 2, 6, 0));
    ASSERT_TRUE(CryptHashData(mac, data.data() + 8, 9, 0));
    length = 8;
    ASSERT_TRUE(CryptDecrypt(key, 0, FALSE, 0, scratch.data(), &length));
    EXPECT_EQ(Value(mac), Hex("ef220a3bd0ab4849"));
    EXPECT_TRUE(CryptDestroyHash(mac));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(MacTest, ChangingOrDestroyingTheKeyAfterCreationDoesNotChangeTheMac) {
    // Reference §5.8: the hash takes a private copy of the schedule and of the IV at
    // CryptCreateHash. Expected value: §5.10, CALG_MAC on the RC2-40 D2000 key over SEQ(256).
    HCRYPTPROV prov = Acquire(kProviders[2]);
    HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC2, 40);
    HCRYPTHASH mac = 0;
    ASSERT_TRUE(CryptCreateHash(prov, CALG_MAC, key, 0, &mac));
    ASSERT_TRUE(Feed(mac, Seq(100)));
    const Bytes iv = Seq(8, 0x99);
    ASSERT_TRUE(CryptSetKeyParam(key, KP_IV, iv.data(), 0));
    DWORD value = CRYPT_MODE_ECB;
    ASSERT_TRUE(CryptSetKeyParam(key, KP_MODE, reinterpret_cast<const BYTE *>(&value), 0));
    value = 128;
    ASSERT_TRUE(CryptSetKeyParam(key, KP_EFFECTIVE_KEYLEN, reinterpret_cast<const BYTE *>(&value), 0));
    const Bytes salt = Seq(11, 1);
    ASSERT_TRUE(CryptSetKeyParam(key, KP_SALT, salt.data(), 0));
    ASSERT_TRUE(CryptDestroyKey(key));
    ASSERT_TRUE(Feed(mac, Seq(156, 100))) << GetLastError();
    EXPECT_EQ(Value(mac), Hex("b7a246e91131e0ad"));
    EXPECT_TRUE(CryptDestroyHash(mac));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(MacTest, TheValueIsTheLastCbcBlockAfterPkcs5Padding) {
    // Reference §5.8: buffered into blocks, CBC-encrypted from the key's IV; the value is the last
    // cipher block after PKCS#5 padding, a whole block when the data is aligned
    // (Windows-validated). AES-128 computed here with mbedtls_aes_crypt_cbc.
    HCRYPTPROV prov = Acquire(kProviders[3]);
    const Bytes key_bytes = Seq(16, 0x20);
    HCRYPTKEY key = Import(prov, CALG_AES_128, key_bytes);
    const Bytes iv = Seq(16, 0xC0);
    ASSERT_TRUE(CryptSetKeyParam(key, KP_IV, iv.data(), 0));
    for (size_t n : {size_t{0}, size_t{1}, size_t{15}, size_t{16}, size_t{33}, size_t{64}}) {
        SCOPED_TRACE(n);
        Bytes padded = Seq(n, 3);
        const size_t p = 16 - n % 16;
        padded.insert(padded.end(), p, static_cast<BYTE>(p));
        mbedtls_aes_context aes;
        mbedtls_aes_init(&aes);
        ASSERT_EQ(mbedtls_aes_setkey_enc(&aes, key_bytes.data(), 128), 0);
        unsigned char chain[16];
        memcpy(chain, iv.data(), 16);
        Bytes out(padded.size());
        ASSERT_EQ(mbedtls_aes_crypt_cbc(&aes, MBEDTLS_AES_ENCRYPT, padded.size(), chain, padded.data(), out.data()), 0);
        mbedtls_aes_free(&aes);
        HCRYPTHASH mac = 0;
        ASSERT_TRUE(CryptCreateHash(prov, CALG_MAC, key, 0, &mac));
        // Fed in uneven pieces: the MAC buffers partial blocks.
        const Bytes data = Seq(n, 3);
        for (size_t at = 0; at < n;) {
            const size_t piece = std::min<size_t>(n - at, 1 + at % 7);
            ASSERT_TRUE(CryptHashData(mac, data.data() + at, static_cast<DWORD>(piece), 0));
            at += piece;
        }
        EXPECT_EQ(Value(mac), Bytes(out.end() - 16, out.end()));
        EXPECT_TRUE(CryptDestroyHash(mac));
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(MacTest, TheMacEqualsTheLastBlockOfAFinalCbcEncryption) {
    // Reference §5.8 and §5.5: with the same key and IV, CryptEncrypt(Final) in CBC ends with the
    // block the MAC reports, for every block cipher (RC2 with its effective length included).
    HCRYPTPROV prov = Acquire(kProviders[3]);
    const struct {
        ALG_ID algorithm;
        size_t key_bytes;
    } rows[] = {{CALG_RC2, 16}, {CALG_DES, 8}, {CALG_3DES_112, 16}, {CALG_3DES, 24}, {CALG_AES_192, 24}};
    for (const auto &row : rows) {
        SCOPED_TRACE(row.algorithm);
        HCRYPTKEY key = Import(prov, row.algorithm, Seq(row.key_bytes, 0x33));
        if (row.algorithm == CALG_RC2) {
            DWORD bits = 77;
            ASSERT_TRUE(CryptSetKeyParam(key, KP_EFFECTIVE_KEYLEN, reinterpret_cast<const BYTE *>(&bits), 0));
        }
        for (size_t n : {size_t{5}, size_t{24}, size_t{50}}) {
            Bytes data = Seq(n, 0x61);
            DWORD length = static_cast<DWORD>(n);
            data.resize(n + 16);
            ASSERT_TRUE(CryptEncrypt(key, 0, TRUE, 0, data.data(), &length, static_cast<DWORD>(data.size())));
            HCRYPTHASH mac = 0;
            ASSERT_TRUE(CryptCreateHash(prov, CALG_MAC, key, 0, &mac));
            ASSERT_TRUE(Feed(mac, Seq(n, 0x61)));
            const Bytes value = Value(mac);
            EXPECT_EQ(value, Bytes(data.begin() + length - static_cast<long>(value.size()), data.begin() + length)) << n;
            EXPECT_TRUE(CryptDestroyHash(mac));
        }
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(MacTest, CreatingAMacResetsItsKey) {
    // Reference §5.6 (Wine): creating a CALG_MAC hash on a key resets the key.
    HCRYPTPROV prov = Acquire(kProviders[3]);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    Bytes data = Seq(32);
    DWORD length = 16;
    ASSERT_TRUE(CryptEncrypt(key, 0, FALSE, 0, data.data(), &length, 32));
    const Bytes first_block(data.begin(), data.begin() + 16);
    HCRYPTHASH mac = 0;
    ASSERT_TRUE(CryptCreateHash(prov, CALG_MAC, key, 0, &mac));
    data = Seq(32);
    length = 16;
    ASSERT_TRUE(CryptEncrypt(key, 0, FALSE, 0, data.data(), &length, 32));
    EXPECT_EQ(Bytes(data.begin(), data.begin() + 16), first_block) << "the key started again from its IV";
    EXPECT_TRUE(CryptDestroyHash(mac));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// An IPSEC HMAC key names a cipher only as a tag: any cipher the provider offers on Windows
// is accepted, compiled into this build or not (the target suite proves a build without RC2);
// AES on a provider without AES, or a cipher ALG_ID no provider knows, is NTE_BAD_ALGID as
// without the flag.
TEST_F(HmacMacTest, IpsecKeyBlobNamesAnyCipherTheProviderOffers) {
    HCRYPTPROV enhanced = 0;
    ASSERT_TRUE(CryptAcquireContextA(&enhanced, nullptr, MS_ENHANCED_PROV_A, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT));
    const Bytes key(20, 0x0b);
    for (ALG_ID tag : std::initializer_list<ALG_ID>{CALG_RC2, CALG_RC4, CALG_DES, CALG_3DES_112, CALG_3DES}) {
        const Bytes blob = PlaintextBlob(tag, key);
        HCRYPTKEY imported = 0;
        EXPECT_TRUE(CryptImportKey(enhanced, blob.data(), static_cast<DWORD>(blob.size()), 0, CRYPT_IPSEC_HMAC_KEY,
                                   &imported))
            << std::hex << tag << ": " << GetLastError();
        EXPECT_TRUE(CryptDestroyKey(imported));
    }
    for (ALG_ID tag : std::initializer_list<ALG_ID>{CALG_AES_128, ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_BLOCK | 0x7f}) {
        const Bytes blob = PlaintextBlob(tag, key);
        HCRYPTKEY imported = 0x77;
        EXPECT_FAILS_WITH(CryptImportKey(enhanced, blob.data(), static_cast<DWORD>(blob.size()), 0,
                                         CRYPT_IPSEC_HMAC_KEY, &imported),
                          NTE_BAD_ALGID);
    }
    EXPECT_TRUE(CryptReleaseContext(enhanced, 0));
}

}  // namespace
}  // namespace tinycapi::testing
