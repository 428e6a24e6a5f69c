// RSA through the public API: every RSA check of the reference in its order (§3.14-3.18 RSA
// parts, §3.23-3.25, the §6.3 blob rules, §7), key pairs in key containers (§2.3, §2.4), and
// keys of a released provider. Tags of the reference say whether Windows validated a rule; a
// failed call must change nothing (style.md, "Errors").
//
// Sources of expected values, cited next to each: the reference, and Wine's conformance test
// dlls/rsaenh/tests/rsaenh.c in wine-mirror/wine (test_rsa_encrypt, test_import_private,
// test_verify_signature, test_import_export, test_null_provider, test_key_initialization,
// test_key_permissions, test_rsa_round_trip, test_rc2_import, test_hashes), whose assertions
// that are neither todo_wine nor broken() record what Windows does.
//
// The Windows-made key blobs come from rsa_vectors_test.cpp (namespace wine_rsaenh), which
// cites the Wine array each one is.
#include <string.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "test_bytes.hpp"
#include "tinycapi_test.hpp"
#include "wine_rsaenh_keys.hpp"


namespace tinycapi::testing {
namespace {

using namespace wine_rsaenh;

constexpr DWORD kEip = ERROR_INVALID_PARAMETER;
constexpr DWORD kPermissions = CRYPT_ENCRYPT | CRYPT_DECRYPT | CRYPT_READ | CRYPT_WRITE | CRYPT_MAC;  // 0x3B
constexpr HCRYPTPROV kGarbageProvider = 0xdeadbeef;
constexpr HCRYPTKEY kGarbageKey = 0xdeadbeef;
constexpr HCRYPTHASH kGarbageHash = 0xdeadbeef;
constexpr char kContainer[] = "rsa-calls";


Bytes Text(const char *text) { return Bytes(text, text + strlen(text)); }




// A blob header (§6.1) followed by `tail`.
Bytes Blob(BYTE type, ALG_ID algorithm, const Bytes &tail, BYTE version = CUR_BLOB_VERSION, WORD reserved = 0) {
    Bytes blob = {type, version, static_cast<BYTE>(reserved), static_cast<BYTE>(reserved >> 8)};
    return Concat(Concat(blob, Dword(algorithm)), tail);
}

// A PUBLICKEYBLOB of `bits` whose modulus bytes are all 0x11, like abPlainPublicKey.
Bytes ElevensPublicBlob(ALG_ID algorithm, DWORD bits) {
    return Blob(PUBLICKEYBLOB, algorithm,
                Concat(Concat(Dword(0x31415352), Dword(bits)), Concat(Dword(65537), Bytes(bits / 8, 0x11))));
}

// The first `length` bytes of `blob` in a heap block of exactly that size: AddressSanitizer
// reports any read past `length`.
std::unique_ptr<BYTE[]> ExactCopy(const Bytes &blob, size_t length) {
    std::unique_ptr<BYTE[]> copy(new BYTE[length]);
    std::copy(blob.begin(), blob.begin() + static_cast<ptrdiff_t>(length), copy.get());
    return copy;
}

// The SIMPLEBLOB CryptExportKey would write for `key_bytes` wrapped by `wrapped` (§6.2).
Bytes SimpleBlob(ALG_ID algorithm, const Bytes &wrapped) {
    return Blob(SIMPLEBLOB, algorithm, Concat(Dword(CALG_RSA_KEYX), wrapped));
}

class RsaCallsTest : public CapiTest {
protected:
    static HCRYPTPROV Acquire(const char *provider = MS_ENHANCED_PROV_A, DWORD type = PROV_RSA_FULL) {
        HCRYPTPROV prov = 0;
        EXPECT_TRUE(CryptAcquireContextA(&prov, nullptr, provider, type, CRYPT_VERIFYCONTEXT)) << GetLastError();
        return prov;
    }

    static HCRYPTPROV AcquireNamed(DWORD flags, const char *provider = MS_ENHANCED_PROV_A) {
        HCRYPTPROV prov = 0;
        EXPECT_TRUE(CryptAcquireContextA(&prov, kContainer, provider, PROV_RSA_FULL, flags)) << GetLastError();
        return prov;
    }

    static void DeleteNamed(const char *provider = MS_ENHANCED_PROV_A) {
        HCRYPTPROV prov = 1;
        EXPECT_TRUE(CryptAcquireContextA(&prov, kContainer, provider, PROV_RSA_FULL, CRYPT_DELETEKEYSET))
            << GetLastError();
    }

    // A released context: its handle is dead (§2.3).
    static HCRYPTPROV Released() {
        HCRYPTPROV prov = Acquire();
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
        return prov;
    }

    static HCRYPTKEY Import(HCRYPTPROV prov, const Bytes &blob, DWORD flags = 0, HCRYPTKEY wrapping = 0) {
        HCRYPTKEY key = 0;
        EXPECT_TRUE(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), wrapping, flags, &key))
            << GetLastError();
        return key;
    }

    static HCRYPTKEY Generate(HCRYPTPROV prov, ALG_ID algorithm, DWORD flags) {
        HCRYPTKEY key = 0;
        EXPECT_TRUE(CryptGenKey(prov, algorithm, flags, &key)) << std::hex << algorithm << ": " << GetLastError();
        return key;
    }

    static HCRYPTKEY UserKey(HCRYPTPROV prov, DWORD key_spec) {
        HCRYPTKEY key = 0;
        EXPECT_TRUE(CryptGetUserKey(prov, key_spec, &key)) << GetLastError();
        return key;
    }

    static Bytes Export(HCRYPTKEY key, DWORD type, HCRYPTKEY wrapping = 0, DWORD flags = 0) {
        DWORD length = 0;
        EXPECT_TRUE(CryptExportKey(key, wrapping, type, flags, nullptr, &length)) << GetLastError();
        Bytes blob(length);
        if (!CryptExportKey(key, wrapping, type, flags, blob.data(), &length)) {
            ADD_FAILURE() << "CryptExportKey: " << GetLastError();
            return {};
        }
        blob.resize(length);
        return blob;
    }

    static Bytes PublicOf(HCRYPTKEY key) { return Export(key, PUBLICKEYBLOB); }

    // The public blob of the container's pair for `key_spec`.
    static Bytes PairPublic(HCRYPTPROV prov, DWORD key_spec) {
        HCRYPTKEY key = UserKey(prov, key_spec);
        const Bytes blob = key ? PublicOf(key) : Bytes{};
        if (key) {
            EXPECT_TRUE(CryptDestroyKey(key));
        }
        return blob;
    }

    static HCRYPTHASH HashOf(HCRYPTPROV prov, ALG_ID algorithm, const Bytes &data) {
        HCRYPTHASH hash = 0;
        EXPECT_TRUE(CryptCreateHash(prov, algorithm, 0, 0, &hash)) << GetLastError();
        if (!data.empty()) {
            EXPECT_TRUE(CryptHashData(hash, data.data(), static_cast<DWORD>(data.size()), 0));
        }
        return hash;
    }

    static Bytes Sign(HCRYPTHASH hash, DWORD key_spec, DWORD flags = 0, const char *description = nullptr) {
        BYTE signature[512];
        DWORD length = sizeof signature;
        if (!CryptSignHashA(hash, key_spec, description, flags, signature, &length)) {
            ADD_FAILURE() << "CryptSignHash: " << std::hex << GetLastError();
            return {};
        }
        return Bytes(signature, signature + length);
    }

    // A signature of `data` under `algorithm` by the pair `key_spec` of `prov`.
    static Bytes SignData(HCRYPTPROV prov, ALG_ID algorithm, const Bytes &data, DWORD key_spec, DWORD flags = 0) {
        HCRYPTHASH hash = HashOf(prov, algorithm, data);
        const Bytes signature = Sign(hash, key_spec, flags);
        EXPECT_TRUE(CryptDestroyHash(hash));
        return signature;
    }

    static BOOL Verify(HCRYPTHASH hash, const Bytes &signature, HCRYPTKEY key, DWORD flags = 0,
                       const char *description = nullptr) {
        return CryptVerifySignatureA(hash, signature.data(), static_cast<DWORD>(signature.size()), key, description,
                                     flags);
    }

    // Whether `signature` verifies over `data` (fresh hash) under `key`.
    static bool VerifiesData(HCRYPTPROV prov, ALG_ID algorithm, const Bytes &data, const Bytes &signature,
                             HCRYPTKEY key, DWORD flags = 0) {
        HCRYPTHASH hash = HashOf(prov, algorithm, data);
        const bool ok = Verify(hash, signature, key, flags) != FALSE;
        EXPECT_TRUE(CryptDestroyHash(hash));
        return ok;
    }

    static DWORD KeyDword(HCRYPTKEY key, DWORD param) {
        DWORD value = 0xdeadbeef, length = sizeof value;
        EXPECT_TRUE(CryptGetKeyParam(key, param, reinterpret_cast<BYTE *>(&value), &length, 0)) << GetLastError();
        return value;
    }

    static Bytes HashValue(HCRYPTHASH hash) {
        BYTE value[64];
        DWORD length = sizeof value;
        EXPECT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0)) << GetLastError();
        return Bytes(value, value + length);
    }

    static Bytes RsaEncrypt(HCRYPTKEY key, const Bytes &message, DWORD flags = 0, BOOL final = TRUE) {
        Bytes buffer = message;
        buffer.resize(std::max<size_t>(message.size(), 512));
        DWORD length = static_cast<DWORD>(message.size());
        EXPECT_TRUE(CryptEncrypt(key, 0, final, flags, buffer.data(), &length, static_cast<DWORD>(buffer.size())))
            << GetLastError();
        buffer.resize(length);
        return buffer;
    }

    static Bytes Decrypt(HCRYPTKEY key, Bytes data, DWORD flags = 0, BOOL final = TRUE) {
        DWORD length = static_cast<DWORD>(data.size());
        EXPECT_TRUE(CryptDecrypt(key, 0, final, flags, data.data(), &length)) << GetLastError();
        data.resize(length);
        return data;
    }

    // Encrypt SEQ(13) with Final (for session keys: 16 bytes of a block cipher, 13 of RC4).
    static Bytes EncryptSeq13(HCRYPTKEY key) {
        Bytes data = Seq(13);
        data.resize(32);
        DWORD length = 13;
        EXPECT_TRUE(CryptEncrypt(key, 0, TRUE, 0, data.data(), &length, 32)) << GetLastError();
        data.resize(length);
        return data;
    }
};

// =============================================================================================
// CryptGenKey (§3.14)
// =============================================================================================

TEST_F(RsaCallsTest, GenKeyWithDeadProviderIsInvalidParameter) {
    // §3.14 step 1: 0, garbage and released contexts (Windows-validated for released).
    for (HCRYPTPROV dead : {HCRYPTPROV{0}, kGarbageProvider, Released()}) {
        HCRYPTKEY key = 0;
        EXPECT_FAILS_WITH(CryptGenKey(dead, AT_KEYEXCHANGE, 512 << 16, &key), kEip);
    }
}

TEST_F(RsaCallsTest, GenKeyWithNullOutputIsInvalidParameterBeforeTheLengthRules) {
    // §3.14 step 2 comes before the length check of step 3.
    HCRYPTPROV prov = Acquire();
    EXPECT_FAILS_WITH(CryptGenKey(prov, AT_KEYEXCHANGE, 512 << 16, nullptr), kEip);
    EXPECT_FAILS_WITH(CryptGenKey(prov, AT_KEYEXCHANGE, 516 << 16, nullptr), kEip);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, GenKeyOfExchangeSpecOrRsaKeyxFillsOnlyTheExchangeSlot) {
    // §3.14 step 3 (Windows-validated, Wine test_null_provider): AT_KEYEXCHANGE and
    // CALG_RSA_KEYX make the exchange pair; the signature slot stays empty.
    for (ALG_ID algorithm : {ALG_ID{AT_KEYEXCHANGE}, ALG_ID{CALG_RSA_KEYX}}) {
        HCRYPTPROV prov = Acquire();
        HCRYPTKEY key = Generate(prov, algorithm, 512 << 16);
        EXPECT_EQ(KeyDword(key, KP_ALGID), static_cast<DWORD>(CALG_RSA_KEYX));
        EXPECT_EQ(ToHex(PairPublic(prov, AT_KEYEXCHANGE)), ToHex(PublicOf(key)));
        HCRYPTKEY none = 1;
        EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_SIGNATURE, &none), NTE_NO_KEY);
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(RsaCallsTest, GenKeyOfSignatureSpecOrRsaSignFillsOnlyTheSignatureSlot) {
    // §3.14 step 3 (Windows-validated, Wine test_null_provider).
    for (ALG_ID algorithm : {ALG_ID{AT_SIGNATURE}, ALG_ID{CALG_RSA_SIGN}}) {
        HCRYPTPROV prov = Acquire();
        HCRYPTKEY key = Generate(prov, algorithm, 512 << 16);
        EXPECT_EQ(KeyDword(key, KP_ALGID), static_cast<DWORD>(CALG_RSA_SIGN));
        EXPECT_EQ(ToHex(PairPublic(prov, AT_SIGNATURE)), ToHex(PublicOf(key)));
        HCRYPTKEY none = 1;
        EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_KEYEXCHANGE, &none), NTE_NO_KEY);
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(RsaCallsTest, GenKeyLengthComesFromTheUpperSixteenBits) {
    // §1.4, §3.14 step 3: (bits << 16) | flags; KP_KEYLEN = modulus bits (Wine-only, §3.19),
    // PUBLICKEYBLOB 20 + k bytes (§3.16).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Generate(prov, AT_SIGNATURE, (392 << 16) | CRYPT_EXPORTABLE);
    EXPECT_EQ(KeyDword(key, KP_KEYLEN), 392u);
    EXPECT_EQ(PublicOf(key).size(), 20u + 49);
    EXPECT_EQ(Export(key, PRIVATEKEYBLOB).size(), 20u + 2 * 49 + 5 * 25);  // 20 + 2k + 5⌈k/2⌉
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, GenKeyWithoutLengthUsesThePersonalityDefault) {
    // §4.2: 512 bits on Base for both pairs, 1024 on the others.
    const struct {
        const char *provider;
        DWORD type;
        ALG_ID algorithm;
        DWORD bits;
    } cases[] = {
        {MS_DEF_PROV_A, PROV_RSA_FULL, AT_KEYEXCHANGE, 512},
        {MS_DEF_PROV_A, PROV_RSA_FULL, AT_SIGNATURE, 512},
        {MS_ENHANCED_PROV_A, PROV_RSA_FULL, AT_KEYEXCHANGE, 1024},
        {MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES, AT_SIGNATURE, 1024},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(::testing::Message() << c.provider << ", spec " << c.algorithm);
        HCRYPTPROV prov = Acquire(c.provider, c.type);
        HCRYPTKEY key = Generate(prov, c.algorithm, 0);
        EXPECT_EQ(KeyDword(key, KP_KEYLEN), c.bits);
        EXPECT_EQ(PublicOf(key).size(), 20 + c.bits / 8);
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(RsaCallsTest, GenKeyLengthNotAMultipleOfEightOrOutOfRangeIsBadData) {
    // §3.14 step 3, §4.2 (lengths step by 8, 384 at least; Base exchange pairs at most 1024;
    // the build's TINYCAPI_RSA_MAX_BITS caps the rest).
    const struct {
        const char *provider;
        ALG_ID algorithm;
        DWORD bits;
    } cases[] = {
        {MS_ENHANCED_PROV_A, AT_KEYEXCHANGE, 516},
        {MS_ENHANCED_PROV_A, AT_SIGNATURE, 1020},
        {MS_ENHANCED_PROV_A, AT_SIGNATURE, 376},
        {MS_ENHANCED_PROV_A, CALG_RSA_KEYX, 8},
        {MS_ENHANCED_PROV_A, AT_KEYEXCHANGE, TINYCAPI_RSA_MAX_BITS + 8},
        {MS_ENHANCED_PROV_A, AT_SIGNATURE, 16384},
        {MS_DEF_PROV_A, AT_KEYEXCHANGE, 1032},
        {MS_DEF_PROV_A, CALG_RSA_KEYX, 2048},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(::testing::Message() << c.provider << ", " << c.bits << " bits");
        HCRYPTPROV prov = Acquire(c.provider);
        HCRYPTKEY key = 1;
        EXPECT_FAILS_WITH(CryptGenKey(prov, c.algorithm, c.bits << 16, &key), NTE_BAD_DATA);
        EXPECT_EQ(key, 0u) << "the output handle is 0 on failure (§1.3)";
        HCRYPTKEY none = 1;
        EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_KEYEXCHANGE, &none), NTE_NO_KEY);
        EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_SIGNATURE, &none), NTE_NO_KEY);
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(RsaCallsTest, GenKeyOnBaseAllowsExchangePairsUpTo1024Bits) {
    // §4.2: CALG_RSA_KEYX on Base is 512 [384-1024].
    HCRYPTPROV prov = Acquire(MS_DEF_PROV_A);
    HCRYPTKEY key = Generate(prov, AT_KEYEXCHANGE, 1024 << 16);
    EXPECT_EQ(KeyDword(key, KP_KEYLEN), 1024u);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, GenKeyPublicExponentIs65537) {
    // §3.14 step 3, §7.4: e = 65537, bytes 16-19 of the exported blob (little-endian).
    HCRYPTPROV prov = Acquire();
    for (ALG_ID algorithm : {ALG_ID{AT_KEYEXCHANGE}, ALG_ID{AT_SIGNATURE}}) {
        HCRYPTKEY key = Generate(prov, algorithm, 512 << 16);
        const Bytes blob = PublicOf(key);
        ASSERT_EQ(blob.size(), 84u);
        EXPECT_EQ(ToHex(Bytes(blob.begin() + 16, blob.begin() + 20)), ToHex(Dword(65537)));
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, GenKeyPermissionsAre3BOr3FWithExportable) {
    // §3.14 step 3 (Windows-validated, Wine test_rsa_encrypt and test_key_permissions): 0x3B,
    // or 0x3F with CRYPT_EXPORTABLE, also on the handle CryptGetUserKey gives; only the
    // exportable pair exports a PRIVATEKEYBLOB.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY plain = Generate(prov, AT_KEYEXCHANGE, 512 << 16);
    HCRYPTKEY exportable = Generate(prov, AT_SIGNATURE, (512 << 16) | CRYPT_EXPORTABLE);
    EXPECT_EQ(KeyDword(plain, KP_PERMISSIONS), kPermissions);
    EXPECT_EQ(KeyDword(exportable, KP_PERMISSIONS), kPermissions | CRYPT_EXPORT);
    HCRYPTKEY user_plain = UserKey(prov, AT_KEYEXCHANGE);
    HCRYPTKEY user_exportable = UserKey(prov, AT_SIGNATURE);
    EXPECT_EQ(KeyDword(user_plain, KP_PERMISSIONS), kPermissions);
    EXPECT_EQ(KeyDword(user_exportable, KP_PERMISSIONS), kPermissions | CRYPT_EXPORT);
    DWORD length = 0;
    EXPECT_FAILS_WITH(CryptExportKey(user_plain, 0, PRIVATEKEYBLOB, 0, nullptr, &length), NTE_BAD_KEY_STATE);
    EXPECT_TRUE(CryptExportKey(user_exportable, 0, PRIVATEKEYBLOB, 0, nullptr, &length));
    EXPECT_EQ(length, 308u);
    for (HCRYPTKEY key : {plain, exportable, user_plain, user_exportable}) EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, GenKeyReplacesThePairInTheSlot) {
    // §3.14 step 3: the new pair replaces the one in the slot; the other slot is untouched.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY first = Generate(prov, AT_KEYEXCHANGE, 512 << 16);
    HCRYPTKEY signature = Generate(prov, AT_SIGNATURE, 512 << 16);
    HCRYPTKEY second = Generate(prov, AT_KEYEXCHANGE, 512 << 16);
    EXPECT_NE(ToHex(PublicOf(first)), ToHex(PublicOf(second)));
    EXPECT_EQ(ToHex(PairPublic(prov, AT_KEYEXCHANGE)), ToHex(PublicOf(second)));
    EXPECT_EQ(ToHex(PairPublic(prov, AT_SIGNATURE)), ToHex(PublicOf(signature)));
    for (HCRYPTKEY key : {first, signature, second}) EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, DestroyingTheGeneratedHandleLeavesThePairInTheContainer) {
    // §2.4 (Windows-validated: GenKey → DestroyKey → GetUserKey succeeds). The handle from
    // CryptGetUserKey is a separate reference too.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Generate(prov, AT_KEYEXCHANGE, 512 << 16);
    const Bytes blob = PublicOf(key);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_FAILS_WITH(CryptExportKey(key, 0, PUBLICKEYBLOB, 0, nullptr, nullptr), kEip);
    HCRYPTKEY user = UserKey(prov, AT_KEYEXCHANGE);
    EXPECT_EQ(ToHex(PublicOf(user)), ToHex(blob));
    EXPECT_TRUE(CryptDestroyKey(user));
    EXPECT_EQ(ToHex(PairPublic(prov, AT_KEYEXCHANGE)), ToHex(blob));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// =============================================================================================
// CryptGetUserKey (§3.23)
// =============================================================================================

TEST_F(RsaCallsTest, GetUserKeyWithDeadProviderIsInvalidParameter) {
    // §3.23 step 1 (Windows-validated for released contexts).
    for (HCRYPTPROV dead : {HCRYPTPROV{0}, kGarbageProvider, Released()}) {
        HCRYPTKEY key = 0;
        EXPECT_FAILS_WITH(CryptGetUserKey(dead, AT_KEYEXCHANGE, &key), kEip);
    }
}

TEST_F(RsaCallsTest, GetUserKeyWithNullOutputIsInvalidParameterBeforeTheSpec) {
    // §3.23 step 2 precedes step 3.
    HCRYPTPROV prov = Acquire();
    EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_KEYEXCHANGE, nullptr), kEip);
    EXPECT_FAILS_WITH(CryptGetUserKey(prov, 7, nullptr), kEip);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, GetUserKeyOfAnotherSpecIsBadKey) {
    // §3.23 step 3 (documented; Wine gives NTE_NO_KEY), even with both pairs present; the
    // output handle is 0 (§1.3).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY pair = Import(prov, B(kPlainPrivateKey));
    for (DWORD spec : {DWORD{0}, DWORD{3}, DWORD{CALG_RSA_KEYX}, DWORD{0xdeadbeef}}) {
        HCRYPTKEY key = 1;
        EXPECT_FAILS_WITH(CryptGetUserKey(prov, spec, &key), NTE_BAD_KEY);
        EXPECT_EQ(key, 0u);
    }
    EXPECT_TRUE(CryptDestroyKey(pair));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, GetUserKeyOfEmptySlotIsNoKeyInFreshAndVerifyContainers) {
    // §3.23 step 4 (Windows-validated, Wine test_null_provider).
    HCRYPTPROV fresh = AcquireNamed(CRYPT_NEWKEYSET);
    HCRYPTPROV verify = Acquire();
    for (HCRYPTPROV prov : {fresh, verify}) {
        for (DWORD spec : {DWORD{AT_KEYEXCHANGE}, DWORD{AT_SIGNATURE}}) {
            HCRYPTKEY key = 1;
            EXPECT_FAILS_WITH(CryptGetUserKey(prov, spec, &key), NTE_NO_KEY);
            EXPECT_EQ(key, 0u);
        }
    }
    EXPECT_TRUE(CryptReleaseContext(verify, 0));
    EXPECT_TRUE(CryptReleaseContext(fresh, 0));
    DeleteNamed();
}

// =============================================================================================
// Key pairs belong to the key container (§2.3, §2.4)
// =============================================================================================

TEST_F(RsaCallsTest, NamedContainerPairSurvivesReleaseAndIsFoundByTheNextAcquire) {
    // §2.3 (Windows-validated, Wine test_null_provider "the bug in accessing the user key in a
    // container"): GenKey, release, acquire the container again: the same pair.
    HCRYPTPROV prov = AcquireNamed(CRYPT_NEWKEYSET);
    HCRYPTKEY key = Generate(prov, AT_KEYEXCHANGE, 512 << 16);
    const Bytes blob = PublicOf(key);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    prov = AcquireNamed(0);
    EXPECT_EQ(ToHex(PairPublic(prov, AT_KEYEXCHANGE)), ToHex(blob));
    HCRYPTKEY none = 1;
    EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_SIGNATURE, &none), NTE_NO_KEY);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    DeleteNamed();
}

TEST_F(RsaCallsTest, ImportedPairIsFoundByAnotherContextOfTheSameContainer) {
    // Wine test_key_initialization (Windows-validated): prov1 imports abPlainPrivateKey and a
    // SIMPLEBLOB under it; prov2 of the same container, acquired while prov1 lives, gets the
    // exchange pair, and the pair signs there as it does in prov1.
    HCRYPTPROV first = AcquireNamed(CRYPT_NEWKEYSET);
    HCRYPTKEY pair = Import(first, B(kPlainPrivateKey));
    HCRYPTKEY session = Import(first, B(kRc4SimpleBlob), 0, pair);
    HCRYPTPROV second = AcquireNamed(0);
    HCRYPTKEY found = UserKey(second, AT_KEYEXCHANGE);
    EXPECT_EQ(ToHex(PublicOf(found)), ToHex(PublicOf(pair)));
    EXPECT_EQ(ToHex(SignData(second, CALG_SHA1, Seq(12), AT_KEYEXCHANGE)), ToHex(SignData(first, CALG_SHA1, Seq(12), AT_KEYEXCHANGE)));
    EXPECT_TRUE(CryptDestroyKey(found));
    EXPECT_TRUE(CryptReleaseContext(second, 0));
    EXPECT_TRUE(CryptDestroyKey(session));
    EXPECT_TRUE(CryptDestroyKey(pair));
    EXPECT_TRUE(CryptReleaseContext(first, 0));
    DeleteNamed();
}

TEST_F(RsaCallsTest, VerifyContextPairDiesWithTheContext) {
    // §2.3 (documented): a CRYPT_VERIFYCONTEXT container and its pairs die with the last
    // release; the next verify context starts empty.
    HCRYPTPROV prov = Acquire();
    EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kPlainPrivateKey))));
    EXPECT_TRUE(CryptDestroyKey(Generate(prov, AT_SIGNATURE, 512 << 16)));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    prov = Acquire();
    HCRYPTKEY none = 1;
    EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_KEYEXCHANGE, &none), NTE_NO_KEY);
    EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_SIGNATURE, &none), NTE_NO_KEY);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, TwoVerifyContextsHaveSeparateContainers) {
    // §3.1 step 4: each verify context has its own ephemeral container.
    HCRYPTPROV first = Acquire();
    HCRYPTPROV second = Acquire();
    EXPECT_TRUE(CryptDestroyKey(Import(first, B(kPlainPrivateKey))));
    HCRYPTKEY none = 1;
    EXPECT_FAILS_WITH(CryptGetUserKey(second, AT_KEYEXCHANGE, &none), NTE_NO_KEY);
    EXPECT_TRUE(CryptReleaseContext(second, 0));
    EXPECT_TRUE(CryptReleaseContext(first, 0));
}

TEST_F(RsaCallsTest, DeleteKeysetDestroysTheContainersPairs) {
    // §3.1 step 4: CRYPT_DELETEKEYSET removes the container; a new one of the same name is
    // empty (Windows-validated: NEWKEYSET gives NTE_NO_KEY).
    HCRYPTPROV prov = AcquireNamed(CRYPT_NEWKEYSET);
    EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kPlainPrivateKey))));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    DeleteNamed();
    prov = AcquireNamed(CRYPT_NEWKEYSET);
    HCRYPTKEY none = 1;
    EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_KEYEXCHANGE, &none), NTE_NO_KEY);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    DeleteNamed();
}

TEST_F(RsaCallsTest, ReleasingTheContextInvalidatesItsRsaKeysAndHashes) {
    // §2.3 (Windows-validated for key and hash calls after release): the handles of a
    // released context — a generated pair, CryptGetUserKey's handle, a public key, a session
    // key unwrapped from a SIMPLEBLOB and a hash — give ERROR_INVALID_PARAMETER everywhere,
    // CryptDestroyKey/CryptDestroyHash included. The named container keeps its pair.
    HCRYPTPROV prov = AcquireNamed(CRYPT_NEWKEYSET);
    HCRYPTKEY pair = Import(prov, B(kPlainPrivateKey));
    HCRYPTKEY generated = Generate(prov, AT_SIGNATURE, 512 << 16);
    HCRYPTKEY user = UserKey(prov, AT_KEYEXCHANGE);
    HCRYPTKEY public_key = Import(prov, B(kSignaturePublicKey));
    HCRYPTKEY session = Import(prov, B(kRc4SimpleBlob), 0, pair);
    HCRYPTHASH hash = HashOf(prov, CALG_SHA1, Seq(12));
    const Bytes pair_blob = PublicOf(pair);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));

    BYTE buffer[256] = {};
    DWORD length = 12;
    for (HCRYPTKEY key : {pair, generated, user, public_key, session}) {
        EXPECT_FAILS_WITH(CryptExportKey(key, 0, PUBLICKEYBLOB, 0, nullptr, &length), kEip);
        EXPECT_FAILS_WITH(CryptEncrypt(key, 0, TRUE, 0, buffer, &length, sizeof buffer), kEip);
        EXPECT_FAILS_WITH(CryptDecrypt(key, 0, TRUE, 0, buffer, &length), kEip);
        EXPECT_FAILS_WITH(CryptGetKeyParam(key, KP_ALGID, buffer, &length, 0), kEip);
        EXPECT_FAILS_WITH(CryptVerifySignatureA(hash, buffer, 128, key, nullptr, 0), kEip);
        EXPECT_FAILS_WITH(CryptDestroyKey(key), kEip);
    }
    length = sizeof buffer;
    EXPECT_FAILS_WITH(CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, buffer, &length), kEip);
    EXPECT_FAILS_WITH(CryptDestroyHash(hash), kEip);

    prov = AcquireNamed(0);
    EXPECT_EQ(ToHex(PairPublic(prov, AT_KEYEXCHANGE)), ToHex(pair_blob));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    DeleteNamed();
}

// =============================================================================================
// CryptImportKey of RSA blobs (§3.15, §6.3)
// =============================================================================================

TEST_F(RsaCallsTest, PrivateKeyBlobInstallsIntoTheSlotOfItsAlgId) {
    // §6.3 (Windows-validated, Wine test_null_provider): abPlainPrivateKey (CALG_RSA_KEYX)
    // gives access to the exchange pair only, signBlob (CALG_RSA_SIGN) to the signature pair
    // only; the imported pair is the blob's.
    HCRYPTPROV prov = AcquireNamed(CRYPT_NEWKEYSET);
    HCRYPTKEY exchange = Import(prov, B(kPlainPrivateKey));
    EXPECT_EQ(ToHex(PairPublic(prov, AT_KEYEXCHANGE)), ToHex(PublicOf(exchange)));
    HCRYPTKEY none = 1;
    EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_SIGNATURE, &none), NTE_NO_KEY);
    EXPECT_TRUE(CryptDestroyKey(exchange));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    DeleteNamed();

    prov = AcquireNamed(CRYPT_NEWKEYSET);
    HCRYPTKEY signature = Import(prov, B(kSignBlob));
    EXPECT_EQ(ToHex(PairPublic(prov, AT_SIGNATURE)), ToHex(PublicOf(signature)));
    EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_KEYEXCHANGE, &none), NTE_NO_KEY);
    EXPECT_TRUE(CryptDestroyKey(signature));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    DeleteNamed();
}

TEST_F(RsaCallsTest, PrivateKeyBlobImportReplacesTheGeneratedPair) {
    // §6.3 (Windows-validated, Wine test_import_export: after importing abPlainPrivateKey,
    // GetUserKey(AT_KEYEXCHANGE) exports the imported key's public blob).
    HCRYPTPROV prov = Acquire();
    EXPECT_TRUE(CryptDestroyKey(Generate(prov, AT_KEYEXCHANGE, 512 << 16)));
    HCRYPTKEY imported = Import(prov, B(kPlainPrivateKey));
    EXPECT_EQ(ToHex(PairPublic(prov, AT_KEYEXCHANGE)), ToHex(PublicOf(imported)));
    EXPECT_EQ(PublicOf(imported).size(), 148u);
    EXPECT_TRUE(CryptDestroyKey(imported));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, PublicKeyBlobNeverInstallsIntoTheContainer) {
    // §6.3 (Windows-validated, Wine test_import_export "importing a public key doesn't update
    // key container at all"): the exchange pair is unchanged, an empty slot stays empty.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY pair = Import(prov, B(kPlainPrivateKey));
    const Bytes before = PairPublic(prov, AT_KEYEXCHANGE);
    EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kAllElevensPublicKey))));
    EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kSignaturePublicKey))));
    EXPECT_EQ(ToHex(PairPublic(prov, AT_KEYEXCHANGE)), ToHex(before));
    HCRYPTKEY none = 1;
    EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_SIGNATURE, &none), NTE_NO_KEY);
    EXPECT_TRUE(CryptDestroyKey(pair));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, ImportedPrivateKeyIsExportableOnlyWithCryptExportable) {
    // §3.15 step 5, §6.3 (Windows-validated): permissions 0x3B / 0x3F, and PRIVATEKEYBLOB
    // export refused with NTE_BAD_KEY_STATE without the flag; the container's handle agrees.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY plain = Import(prov, B(kPlainPrivateKey));
    HCRYPTKEY exportable = Import(prov, B(kPrivateKeyWithHighBit), CRYPT_EXPORTABLE);
    EXPECT_EQ(KeyDword(plain, KP_PERMISSIONS), kPermissions);
    EXPECT_EQ(KeyDword(exportable, KP_PERMISSIONS), kPermissions | CRYPT_EXPORT);
    DWORD length = 0;
    EXPECT_FAILS_WITH(CryptExportKey(plain, 0, PRIVATEKEYBLOB, 0, nullptr, &length), NTE_BAD_KEY_STATE);
    HCRYPTKEY user = UserKey(prov, AT_SIGNATURE);
    EXPECT_EQ(KeyDword(user, KP_PERMISSIONS), kPermissions | CRYPT_EXPORT);
    EXPECT_EQ(Export(user, PRIVATEKEYBLOB).size(), 596u);
    for (HCRYPTKEY key : {plain, exportable, user}) EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, ImportHandleAndPointerChecksComeBeforeTheBlob) {
    // §3.15 steps 1-3: a dead provider, a dead hPubKey, then pbData NULL, dwDataLen 0 or phKey
    // NULL → ERROR_INVALID_PARAMETER, whatever the blob.
    const Bytes blob = B(kPlainPrivateKey);
    HCRYPTKEY key = 0;
    for (HCRYPTPROV dead : {HCRYPTPROV{0}, kGarbageProvider, Released()}) {
        EXPECT_FAILS_WITH(CryptImportKey(dead, blob.data(), 596, 0, 0, &key), kEip);
    }
    HCRYPTPROV prov = Acquire();
    EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), 596, kGarbageKey, 0, &key), kEip);
    EXPECT_FAILS_WITH(CryptImportKey(prov, nullptr, 596, 0, 0, &key), kEip);
    EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), 0, 0, 0, &key), kEip);
    EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), 596, 0, 0, nullptr), kEip);
    HCRYPTKEY none = 1;
    EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_KEYEXCHANGE, &none), NTE_NO_KEY);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, RsaBlobValidationFollowsTheOrderOfSection63) {
    // §6.3, in order. Common: bVersion ≠ 2 or reserved ≠ 0 → NTE_BAD_DATA, unknown bType →
    // NTE_BAD_TYPE, aiKeyAlg not in the personality → NTE_BAD_ALGID; CRYPT_IPSEC_HMAC_KEY →
    // NTE_BAD_FLAGS; then the lengths and the magic (all Wine-only). A failed import installs
    // nothing.
    HCRYPTPROV prov = Acquire();
    const Bytes good_private = B(kPlainPrivateKey);
    const Bytes good_public = B(kSignaturePublicKey);
    auto with = [](Bytes blob, size_t at, BYTE value) {
        blob[at] = value;
        return blob;
    };
    const struct {
        const char *what;
        Bytes blob;
        DWORD flags;
        DWORD error;
    } cases[] = {
        {"private, version 1", with(good_private, 1, 1), 0, NTE_BAD_DATA},
        {"private, reserved 1", with(good_private, 2, 1), 0, NTE_BAD_DATA},
        {"public, reserved high byte", with(good_public, 3, 1), 0, NTE_BAD_DATA},
        {"bType 0x42", with(good_private, 0, 0x42), 0, NTE_BAD_TYPE},
        {"aiKeyAlg CALG_DSS_SIGN", with(with(good_private, 5, 0x22), 4, 0x00), 0, NTE_BAD_ALGID},
        {"private with CRYPT_IPSEC_HMAC_KEY", good_private, CRYPT_IPSEC_HMAC_KEY, NTE_BAD_FLAGS},
        {"public with CRYPT_IPSEC_HMAC_KEY", good_public, CRYPT_IPSEC_HMAC_KEY, NTE_BAD_FLAGS},
        {"private with magic RSA1", with(good_private, 11, '1'), 0, NTE_BAD_DATA},
        {"public with magic RSA2", with(good_public, 11, '2'), 0, NTE_BAD_DATA},
        {"private, 12 bytes", Bytes(good_private.begin(), good_private.begin() + 12), 0, NTE_BAD_DATA},
        {"public, 19 bytes", Bytes(good_public.begin(), good_public.begin() + 19), 0, NTE_BAD_DATA},
        {"public, 20 + k - 1 bytes", Bytes(good_public.begin(), good_public.end() - 1), 0, NTE_BAD_DATA},
        {"public, bitlen 1028", with(good_public, 12, 0x04), 0, NTE_BAD_DATA},
    };
    for (const auto &c : cases) {
        HCRYPTKEY key = 1;
        SetLastError(0);
        EXPECT_FALSE(CryptImportKey(prov, c.blob.data(), static_cast<DWORD>(c.blob.size()), 0, c.flags, &key))
            << c.what;
        EXPECT_EQ(GetLastError(), c.error) << c.what;
        EXPECT_EQ(key, 0u) << c.what;
    }
    HCRYPTKEY none = 1;
    EXPECT_FAILS_WITH(CryptGetUserKey(prov, AT_KEYEXCHANGE, &none), NTE_NO_KEY);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, RsaBlobLengthOutsideThePersonalityRangeIsBadData) {
    // §6.3 (Wine-only) and §4.2: a 376-bit key, a 2048-bit exchange key on Base (at most 1024),
    // and a key beyond the build's TINYCAPI_RSA_MAX_BITS are NTE_BAD_DATA; the same 2048-bit
    // public key imports on Enhanced (modulus unchecked, §6.3) and the cap itself imports.
    HCRYPTPROV base = Acquire(MS_DEF_PROV_A);
    HCRYPTPROV enhanced = Acquire(MS_ENHANCED_PROV_A);
    const struct {
        HCRYPTPROV prov;
        Bytes blob;
    } refused[] = {
        {enhanced, ElevensPublicBlob(CALG_RSA_KEYX, 376)},
        {base, ElevensPublicBlob(CALG_RSA_KEYX, 2048)},
        {enhanced, ElevensPublicBlob(CALG_RSA_SIGN, TINYCAPI_RSA_MAX_BITS + 8)},
    };
    for (const auto &c : refused) {
        HCRYPTKEY key = 1;
        EXPECT_FAILS_WITH(CryptImportKey(c.prov, c.blob.data(), static_cast<DWORD>(c.blob.size()), 0, 0, &key),
                          NTE_BAD_DATA);
    }
    for (const Bytes &blob : {ElevensPublicBlob(CALG_RSA_KEYX, 2048), ElevensPublicBlob(CALG_RSA_SIGN, TINYCAPI_RSA_MAX_BITS)}) {
        HCRYPTKEY key = Import(enhanced, blob);
        EXPECT_EQ(ToHex(PublicOf(key)), ToHex(blob));
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(enhanced, 0));
    EXPECT_TRUE(CryptReleaseContext(base, 0));
}

TEST_F(RsaCallsTest, TrailingBytesAfterAnRsaBlobAreIgnored) {
    // §6.3 common rule (Windows-validated for a SIMPLEBLOB passed with 8 extra bytes).
    HCRYPTPROV prov = Acquire();
    const Bytes padded = Concat(B(kPlainPrivateKey), Bytes(40, 0x5a));
    HCRYPTKEY key = Import(prov, padded);
    HCRYPTKEY reference = Import(prov, B(kPlainPrivateKey));
    EXPECT_EQ(ToHex(PublicOf(key)), ToHex(PublicOf(reference)));
    EXPECT_TRUE(CryptDestroyKey(reference));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, TruncatedPrivateExponentImportsAndSignsIdentically) {
    // §6.3 (Windows-validated, Wine test_import_private): every length from 20 + bitlen/2
    // (532 for abPlainPrivateKey) up to the full 596 bytes imports; the key then signs exactly
    // as the full blob's (PKCS#1 v1.5 is deterministic).
    HCRYPTPROV prov = Acquire();
    EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kPlainPrivateKey))));
    const Bytes expected = SignData(prov, CALG_SHA1, Text("Wine rocks!"), AT_KEYEXCHANGE);
    ASSERT_EQ(expected.size(), 128u);
    const Bytes blob = B(kPlainPrivateKey);
    for (size_t length = 20 + 1024 / 2; length <= blob.size(); ++length) {
        SCOPED_TRACE(::testing::Message() << "length " << length);
        auto copy = ExactCopy(blob, length);
        HCRYPTKEY key = 0;
        ASSERT_TRUE(CryptImportKey(prov, copy.get(), static_cast<DWORD>(length), 0, 0, &key)) << GetLastError();
        EXPECT_EQ(ToHex(SignData(prov, CALG_SHA1, Text("Wine rocks!"), AT_KEYEXCHANGE)), ToHex(expected));
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, PrivateKeyBlobImportOfEveryTruncationImportsOrIsBadDataWithinTheLength) {
    // A PRIVATEKEYBLOB cut at every length from 0 to 596, each in a heap block of exactly that
    // size (AddressSanitizer catches a read past it): length 0 is ERROR_INVALID_PARAMETER
    // (§3.15 step 3); below Wine's 20 + k + 5·⌊(bitlen + 8)/16⌋ = 468 it is NTE_BAD_DATA (§6.3,
    // Wine-only); from 532 on it imports (Windows-validated); in between either. A failed
    // import leaves the slot's pair as it was.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY previous = Import(prov, B(kPrivateExchangeBlob));  // a 512-bit exchange pair
    const Bytes before = PublicOf(previous);
    EXPECT_TRUE(CryptDestroyKey(previous));
    const Bytes blob = B(kPlainPrivateKey);
    for (size_t length = 0; length <= blob.size(); ++length) {
        SCOPED_TRACE(::testing::Message() << "length " << length);
        auto copy = ExactCopy(blob, length);
        HCRYPTKEY key = 1;
        SetLastError(0);
        const BOOL imported = CryptImportKey(prov, copy.get(), static_cast<DWORD>(length), 0, 0, &key);
        if (imported) {
            EXPECT_GE(length, 468u);
            EXPECT_EQ(PublicOf(key).size(), 148u);
            EXPECT_TRUE(CryptDestroyKey(key));
            // Put the 512-bit pair back so that a later failure can be told from success.
            EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kPrivateExchangeBlob))));
            continue;
        }
        EXPECT_EQ(GetLastError(), length == 0 ? kEip : static_cast<DWORD>(NTE_BAD_DATA));
        EXPECT_LT(length, 532u) << "Windows imports every length from 532 on";
        EXPECT_EQ(key, length == 0 ? 1u : 0u);
        EXPECT_EQ(ToHex(PairPublic(prov, AT_KEYEXCHANGE)), ToHex(before));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, PublicKeyAndSimpleBlobImportOfEveryTruncationStaysWithinTheLength) {
    // The same for abPubKey (148 bytes: NTE_BAD_DATA below 20 + k, §6.3) and abSessionKey
    // (140 bytes: NTE_BAD_DATA below 12 + k, §6.3).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY exchange = Import(prov, B(kPlainPrivateKey));
    const struct {
        Bytes blob;
        HCRYPTKEY wrapping;
    } cases[] = {{B(kSignaturePublicKey), 0}, {Bytes(kRc4SimpleBlob, kRc4SimpleBlob + 140), exchange}};
    for (const auto &c : cases) {
        for (size_t length = 0; length <= c.blob.size(); ++length) {
            SCOPED_TRACE(::testing::Message() << c.blob.size() << "-byte blob cut at " << length);
            auto copy = ExactCopy(c.blob, length);
            HCRYPTKEY key = 1;
            SetLastError(0);
            const BOOL imported = CryptImportKey(prov, copy.get(), static_cast<DWORD>(length), c.wrapping, 0, &key);
            EXPECT_EQ(imported != FALSE, length == c.blob.size());
            if (imported) {
                EXPECT_TRUE(CryptDestroyKey(key));
            } else {
                EXPECT_EQ(GetLastError(), length == 0 ? kEip : static_cast<DWORD>(NTE_BAD_DATA));
            }
        }
    }
    EXPECT_TRUE(CryptDestroyKey(exchange));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, InconsistentPrivateKeyBlobIsBadData) {
    // §6.3 (library design): p·q ≠ n, or dP, dQ, qInv not those of p and q → NTE_BAD_DATA,
    // and the slot keeps its pair. Offsets in abPlainPrivateKey: n at 20, p at 148, q at 212,
    // dP at 276, dQ at 340, qInv at 404 (§6.2; the low byte of each is changed).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY previous = Import(prov, B(kPrivateExchangeBlob));
    const Bytes before = PublicOf(previous);
    EXPECT_TRUE(CryptDestroyKey(previous));
    for (size_t at : {size_t{20}, size_t{148}, size_t{212}, size_t{276}, size_t{340}, size_t{404}}) {
        SCOPED_TRACE(::testing::Message() << "byte " << at);
        Bytes blob = B(kPlainPrivateKey);
        blob[at] ^= 0x02;
        HCRYPTKEY key = 1;
        EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, 0, &key),
                          NTE_BAD_DATA);
        EXPECT_EQ(key, 0u);
        EXPECT_EQ(ToHex(PairPublic(prov, AT_KEYEXCHANGE)), ToHex(before));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// =============================================================================================
// CryptExportKey of RSA keys and SIMPLEBLOBs (§3.16)
// =============================================================================================

TEST_F(RsaCallsTest, ExportHandleChecksComeFirst) {
    // §3.16 steps 1-3: hKey dead (0, garbage, destroyed), hExpKey ≠ 0 and dead (Windows-
    // validated: 0xdeadbeef), then pdwDataLen NULL.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kPlainPrivateKey));
    HCRYPTKEY destroyed = Import(prov, B(kSignaturePublicKey));
    EXPECT_TRUE(CryptDestroyKey(destroyed));
    DWORD length = 0;
    for (HCRYPTKEY dead : {HCRYPTKEY{0}, kGarbageKey, destroyed}) {
        EXPECT_FAILS_WITH(CryptExportKey(dead, 0, PUBLICKEYBLOB, 0, nullptr, &length), kEip);
    }
    EXPECT_FAILS_WITH(CryptExportKey(key, kGarbageKey, PUBLICKEYBLOB, 0, nullptr, &length), kEip);
    EXPECT_FAILS_WITH(CryptExportKey(key, kGarbageKey, SIMPLEBLOB, 0, nullptr, nullptr), kEip);
    EXPECT_FAILS_WITH(CryptExportKey(key, 0, PUBLICKEYBLOB, 0, nullptr, nullptr), kEip);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, PublicKeyBlobIsTwentyPlusKBytesWithoutPermissionCheck) {
    // §3.16 PUBLICKEYBLOB (Windows-validated: 84 and 148, and a non-exportable pair exports
    // its public key, Wine test_rsa_encrypt).
    HCRYPTPROV prov = Acquire();
    for (const Bytes &blob : {B(kPlainPrivateKey), B(kSignBlob)}) {
        HCRYPTKEY key = Import(prov, blob);
        const DWORD k = (blob[12] | blob[13] << 8) / 8u;
        DWORD length = 0;
        EXPECT_TRUE(CryptExportKey(key, 0, PUBLICKEYBLOB, 0, nullptr, &length)) << GetLastError();
        EXPECT_EQ(length, 20 + k);
        EXPECT_EQ(PublicOf(key).size(), 20u + k);
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, RsaBlobExportShortBufferIsMoreDataWithTheSize) {
    // §1.2: *pdwDataLen < required → ERROR_MORE_DATA, the size, the buffer untouched.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kPlainPrivateKey), CRYPT_EXPORTABLE);
    for (DWORD type : {DWORD{PUBLICKEYBLOB}, DWORD{PRIVATEKEYBLOB}}) {
        const DWORD size = type == PUBLICKEYBLOB ? 148 : 596;
        Bytes buffer(size, 0xaa);
        DWORD length = size - 1;
        EXPECT_FAILS_WITH(CryptExportKey(key, 0, type, 0, buffer.data(), &length), ERROR_MORE_DATA);
        EXPECT_EQ(length, size);
        EXPECT_EQ(ToHex(buffer), ToHex(Bytes(size, 0xaa)));
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, PublicOrPrivateKeyBlobWithAnExportKeyIsBadKey) {
    // §3.16: PUBLICKEYBLOB with hExpKey ≠ 0 → NTE_BAD_KEY (Wine-only); PRIVATEKEYBLOB with
    // hExpKey ≠ 0 (an encrypted private blob) is not offered → NTE_BAD_KEY (library design).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kPlainPrivateKey), CRYPT_EXPORTABLE);
    HCRYPTKEY other = Import(prov, B(kSignaturePublicKey));
    DWORD length = 0;
    EXPECT_FAILS_WITH(CryptExportKey(key, other, PUBLICKEYBLOB, 0, nullptr, &length), NTE_BAD_KEY);
    EXPECT_FAILS_WITH(CryptExportKey(key, other, PRIVATEKEYBLOB, 0, nullptr, &length), NTE_BAD_KEY);
    EXPECT_TRUE(CryptDestroyKey(other));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, PrivateKeyBlobOfNonExportableKeyIsBadKeyStateBeforeTheSizeQuery) {
    // §3.16 PRIVATEKEYBLOB (Windows-validated, Wine test_rsa_encrypt: a size query with pbData
    // NULL already fails), for CryptGetUserKey's handle and the imported one alike.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY imported = Import(prov, B(kPlainPrivateKey));
    HCRYPTKEY user = UserKey(prov, AT_KEYEXCHANGE);
    for (HCRYPTKEY key : {imported, user}) {
        DWORD length = 0;
        EXPECT_FAILS_WITH(CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, nullptr, &length), NTE_BAD_KEY_STATE);
        BYTE buffer[600];
        length = sizeof buffer;
        EXPECT_FAILS_WITH(CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, buffer, &length), NTE_BAD_KEY_STATE);
    }
    EXPECT_TRUE(CryptDestroyKey(user));
    EXPECT_TRUE(CryptDestroyKey(imported));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, PrivateKeyBlobSizeIs596For1024BitsAnd308For512) {
    // §3.16, §6.2: 20 + 2k + 5⌈k/2⌉ (Windows-validated: 596).
    HCRYPTPROV prov = Acquire();
    for (const Bytes &blob : {B(kPlainPrivateKey), B(kPrivateExchangeBlob)}) {
        HCRYPTKEY key = Import(prov, blob, CRYPT_EXPORTABLE);
        DWORD length = 0;
        EXPECT_TRUE(CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, nullptr, &length)) << GetLastError();
        EXPECT_EQ(length, blob.size());
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, PrivateKeyBlobOfAPublicKeyOrSessionKeyIsBadKey) {
    // §3.16: hKey not an RSA private key → NTE_BAD_KEY (Wine-only for session keys).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY public_key = Import(prov, B(kSignaturePublicKey), CRYPT_EXPORTABLE);
    HCRYPTKEY session = Generate(prov, CALG_RC4, CRYPT_EXPORTABLE);
    DWORD length = 0;
    EXPECT_FAILS_WITH(CryptExportKey(public_key, 0, PRIVATEKEYBLOB, 0, nullptr, &length), NTE_BAD_KEY);
    EXPECT_FAILS_WITH(CryptExportKey(session, 0, PRIVATEKEYBLOB, 0, nullptr, &length), NTE_BAD_KEY);
    EXPECT_FAILS_WITH(CryptExportKey(session, 0, PUBLICKEYBLOB, 0, nullptr, &length), NTE_BAD_KEY);
    EXPECT_TRUE(CryptDestroyKey(session));
    EXPECT_TRUE(CryptDestroyKey(public_key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, SimpleBlobNeedsALiveKeyExchangeKeyWhosePublicPartSuffices) {
    // §3.16 SIMPLEBLOB: hExpKey 0, a signature pair, a signature public key or a session key
    // → NTE_BAD_PUBLIC_KEY (Wine-only); an exchange public key alone wraps (Windows-validated,
    // Wine test_RC4_session_key exports under PUBLIC_EXCH_blob).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY session = Generate(prov, CALG_RC4, CRYPT_EXPORTABLE);
    HCRYPTKEY signature_pair = Import(prov, B(kSignBlob));
    HCRYPTKEY signature_public = Import(prov, B(kSignaturePublicKey));
    HCRYPTKEY other_session = Generate(prov, CALG_RC2, CRYPT_EXPORTABLE);
    DWORD length = 0;
    for (HCRYPTKEY wrapping : {HCRYPTKEY{0}, signature_pair, signature_public, other_session}) {
        EXPECT_FAILS_WITH(CryptExportKey(session, wrapping, SIMPLEBLOB, 0, nullptr, &length), NTE_BAD_PUBLIC_KEY);
    }
    HCRYPTKEY exchange_public = Import(prov, B(kPublicExchangeBlob));
    EXPECT_TRUE(CryptExportKey(session, exchange_public, SIMPLEBLOB, 0, nullptr, &length)) << GetLastError();
    for (HCRYPTKEY key : {session, signature_pair, signature_public, other_session, exchange_public}) {
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, SimpleBlobOfAnRsaKeyIsBadKey) {
    // §3.16 SIMPLEBLOB: hKey not a session key → NTE_BAD_KEY (Wine-only).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY exchange = Import(prov, B(kPlainPrivateKey), CRYPT_EXPORTABLE);
    HCRYPTKEY signature = Import(prov, B(kSignBlob), CRYPT_EXPORTABLE);
    DWORD length = 0;
    EXPECT_FAILS_WITH(CryptExportKey(signature, exchange, SIMPLEBLOB, 0, nullptr, &length), NTE_BAD_KEY);
    EXPECT_FAILS_WITH(CryptExportKey(exchange, exchange, SIMPLEBLOB, 0, nullptr, &length), NTE_BAD_KEY);
    EXPECT_TRUE(CryptDestroyKey(signature));
    EXPECT_TRUE(CryptDestroyKey(exchange));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, SimpleBlobOfNonExportableSessionKeyIsBadKeyStateBeforeTheSizeQuery) {
    // §3.16 SIMPLEBLOB (documented; Wine does not check).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY exchange = Import(prov, B(kPlainPrivateKey));
    HCRYPTKEY session = Generate(prov, CALG_RC4, 0);
    DWORD length = 0;
    EXPECT_FAILS_WITH(CryptExportKey(session, exchange, SIMPLEBLOB, 0, nullptr, &length), NTE_BAD_KEY_STATE);
    EXPECT_TRUE(CryptDestroyKey(session));
    EXPECT_TRUE(CryptDestroyKey(exchange));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, SimpleBlobIsTwelvePlusKBytesWithShortBufferMoreData) {
    // §3.16, §6.2: 12 + k (140 under a 1024-bit key, 76 under a 512-bit one); §1.2 for a
    // short buffer.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY session = Generate(prov, CALG_RC4, CRYPT_EXPORTABLE);
    for (const Bytes &pair : {B(kPlainPrivateKey), B(kPrivateExchangeBlob)}) {
        HCRYPTKEY exchange = Import(prov, pair);
        const DWORD size = 12 + (pair[12] | pair[13] << 8) / 8u;
        DWORD length = 0;
        EXPECT_TRUE(CryptExportKey(session, exchange, SIMPLEBLOB, 0, nullptr, &length)) << GetLastError();
        EXPECT_EQ(length, size);
        Bytes buffer(size, 0xaa);
        length = size - 1;
        EXPECT_FAILS_WITH(CryptExportKey(session, exchange, SIMPLEBLOB, 0, buffer.data(), &length), ERROR_MORE_DATA);
        EXPECT_EQ(length, size);
        EXPECT_EQ(ToHex(buffer), ToHex(Bytes(size, 0xaa)));
        EXPECT_EQ(Export(session, SIMPLEBLOB, exchange).size(), size);
        EXPECT_TRUE(CryptDestroyKey(exchange));
    }
    EXPECT_TRUE(CryptDestroyKey(session));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, UnknownBlobTypeIsBadType) {
    // §3.16: any other type → NTE_BAD_TYPE (Wine-only).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kPlainPrivateKey), CRYPT_EXPORTABLE);
    DWORD length = 0;
    for (DWORD type : {DWORD{0}, DWORD{OPAQUEKEYBLOB}, DWORD{PUBLICKEYBLOBEX}, DWORD{0x42}}) {
        EXPECT_FAILS_WITH(CryptExportKey(key, 0, type, 0, nullptr, &length), NTE_BAD_TYPE);
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// =============================================================================================
// SIMPLEBLOB import (§6.3) and round trips
// =============================================================================================

TEST_F(RsaCallsTest, SimpleBlobRoundTripsEverySessionKeyAlgorithmWithBothPaddings) {
    // §6.2, §7.3: a session key exported as a SIMPLEBLOB (PKCS#1 v1.5, or OAEP with
    // CRYPT_OAEP) imports, with the same flag, as a key that encrypts like the original; the
    // blob under the other padding is NTE_BAD_DATA (§6.3).
    HCRYPTPROV prov = Acquire(MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES);
    HCRYPTKEY exchange = Import(prov, B(kPlainPrivateKey));
    const struct {
        ALG_ID algorithm;
        DWORD bits;
    } keys[] = {{CALG_RC2, 40},     {CALG_RC2, 128},      {CALG_RC4, 40},  {CALG_RC4, 128},
                {CALG_DES, 0},      {CALG_3DES_112, 0},   {CALG_3DES, 0},  {CALG_AES_128, 0},
                {CALG_AES_192, 0},  {CALG_AES_256, 0}};
    for (const auto &k : keys) {
        for (DWORD padding : {DWORD{0}, DWORD{CRYPT_OAEP}}) {
            SCOPED_TRACE(::testing::Message() << "ALG_ID 0x" << std::hex << k.algorithm << std::dec << ", "
                                              << k.bits << " bits, flags " << padding);
            HCRYPTKEY original = Generate(prov, k.algorithm, (k.bits << 16) | CRYPT_EXPORTABLE);
            const Bytes blob = Export(original, SIMPLEBLOB, exchange, padding);
            ASSERT_EQ(blob.size(), 140u);
            EXPECT_EQ(ToHex(Bytes(blob.begin() + 4, blob.begin() + 12)), ToHex(Concat(Dword(k.algorithm), Dword(CALG_RSA_KEYX))));
            HCRYPTKEY imported = Import(prov, blob, padding, exchange);
            EXPECT_EQ(KeyDword(imported, KP_KEYLEN), KeyDword(original, KP_KEYLEN));
            EXPECT_EQ(ToHex(EncryptSeq13(imported)), ToHex(EncryptSeq13(original)));
            HCRYPTKEY wrong = 1;
            EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), exchange,
                                             padding ^ CRYPT_OAEP, &wrong),
                              NTE_BAD_DATA);
            EXPECT_TRUE(CryptDestroyKey(imported));
            EXPECT_TRUE(CryptDestroyKey(original));
        }
    }
    EXPECT_TRUE(CryptDestroyKey(exchange));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, SimpleBlobImportNeedsAPrivateKeyExchangeKey) {
    // §6.3 SIMPLEBLOB (Wine-only): hPubKey 0, an exchange public key alone, a signature pair
    // → NTE_BAD_PUBLIC_KEY; CRYPT_IPSEC_HMAC_KEY → NTE_BAD_FLAGS.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY exchange = Import(prov, B(kPlainPrivateKey));
    HCRYPTKEY exchange_public = Import(prov, Export(exchange, PUBLICKEYBLOB));
    HCRYPTKEY signature = Import(prov, B(kPrivateKeyWithHighBit));
    const Bytes blob = B(kRc4SimpleBlob);
    HCRYPTKEY key = 1;
    for (HCRYPTKEY wrapping : {HCRYPTKEY{0}, exchange_public, signature}) {
        EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), 140, wrapping, 0, &key), NTE_BAD_PUBLIC_KEY);
    }
    EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), 140, exchange, CRYPT_IPSEC_HMAC_KEY, &key), NTE_BAD_FLAGS);
    for (HCRYPTKEY k : {exchange, exchange_public, signature}) EXPECT_TRUE(CryptDestroyKey(k));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, SimpleBlobWithBadCiphertextIsBadData) {
    // §6.3 SIMPLEBLOB: a wrapped value that does not unpad → NTE_BAD_DATA (Wine-only).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY exchange = Import(prov, B(kPlainPrivateKey));
    Bytes blob(kRc4SimpleBlob, kRc4SimpleBlob + 140);
    for (size_t at : {size_t{12}, size_t{80}, size_t{138}}) {
        Bytes corrupted = blob;
        corrupted[at] ^= 0x40;
        HCRYPTKEY key = 1;
        EXPECT_FAILS_WITH(CryptImportKey(prov, corrupted.data(), 140, exchange, 0, &key), NTE_BAD_DATA);
    }
    EXPECT_TRUE(CryptDestroyKey(exchange));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, OverlongRc2SimpleBlobKeysImportDecryptButDoNotEncrypt) {
    // §6.3 SIMPLEBLOB, §3.17 step 5, §3.18 step 7 (Windows-validated, Wine test_rc2_import):
    // an RC2 key of 17 to 64 bytes, longer than any personality allows, imports; KP_KEYLEN is
    // bytes·8; CryptEncrypt is NTE_BAD_KEY whatever Final is; CryptDecrypt works; on Base the
    // effective length is 40, elsewhere bytes·8. A key shorter than the minimum (4 bytes, 32
    // bits) is NTE_BAD_DATA.
    for (const char *provider : {MS_ENHANCED_PROV_A, MS_DEF_PROV_A}) {
        const bool base = strcmp(provider, MS_DEF_PROV_A) == 0;
        HCRYPTPROV prov = Acquire(provider);
        HCRYPTKEY exchange = Import(prov, B(kPlainPrivateKey));
        for (size_t bytes = 17; bytes <= 64; ++bytes) {
            SCOPED_TRACE(::testing::Message() << provider << ", " << bytes << " bytes");
            const Bytes blob = SimpleBlob(CALG_RC2, RsaEncrypt(exchange, Seq(bytes, 1)));
            HCRYPTKEY key = Import(prov, blob, 0, exchange);
            if (key == 0) continue;
            EXPECT_EQ(KeyDword(key, KP_KEYLEN), bytes * 8);
            EXPECT_EQ(KeyDword(key, KP_EFFECTIVE_KEYLEN), base ? 40u : bytes * 8);
            BYTE data[16] = {};
            for (BOOL final : {FALSE, TRUE}) {
                DWORD length = 8;
                EXPECT_FAILS_WITH(CryptEncrypt(key, 0, final, 0, data, &length, sizeof data), NTE_BAD_KEY);
                EXPECT_EQ(length, 8u);
            }
            DWORD length = 8;
            EXPECT_TRUE(CryptDecrypt(key, 0, FALSE, 0, data, &length)) << GetLastError();
            EXPECT_EQ(length, 8u);
            EXPECT_TRUE(CryptDestroyKey(key));
        }
        const Bytes short_blob = SimpleBlob(CALG_RC2, RsaEncrypt(exchange, Seq(4, 1)));
        HCRYPTKEY key = 1;
        EXPECT_FAILS_WITH(CryptImportKey(prov, short_blob.data(), 140, exchange, 0, &key), NTE_BAD_DATA);
        EXPECT_TRUE(CryptDestroyKey(exchange));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(RsaCallsTest, SimpleBlobSessionKeyHasPermissions3BOr3FWithExportable) {
    // §6.3 SIMPLEBLOB (Windows-validated, Wine test_import_private): 0x3B, plus EXPORT with
    // CRYPT_EXPORTABLE.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY exchange = Import(prov, B(kPlainPrivateKey));
    HCRYPTKEY plain = Import(prov, B(kRc4SimpleBlob), 0, exchange);
    HCRYPTKEY exportable = Import(prov, B(kRc4SimpleBlob), CRYPT_EXPORTABLE, exchange);
    EXPECT_EQ(KeyDword(plain, KP_PERMISSIONS), kPermissions);
    EXPECT_EQ(KeyDword(exportable, KP_PERMISSIONS), kPermissions | CRYPT_EXPORT);
    for (HCRYPTKEY key : {plain, exportable, exchange}) EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// =============================================================================================
// CryptSignHash (§3.24)
// =============================================================================================

TEST_F(RsaCallsTest, SignHashWithDeadHashIsInvalidParameter) {
    // §3.24 step 1: 0, garbage, destroyed.
    HCRYPTPROV prov = Acquire();
    EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kPlainPrivateKey))));
    HCRYPTHASH destroyed = HashOf(prov, CALG_SHA1, Seq(3));
    EXPECT_TRUE(CryptDestroyHash(destroyed));
    for (HCRYPTHASH dead : {HCRYPTHASH{0}, kGarbageHash, destroyed}) {
        DWORD length = 0;
        EXPECT_FAILS_WITH(CryptSignHashA(dead, AT_KEYEXCHANGE, nullptr, 0, nullptr, &length), kEip);
        EXPECT_FAILS_WITH(CryptSignHashW(dead, AT_KEYEXCHANGE, nullptr, 0, nullptr, &length), kEip);
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, SignHashOrderIsLengthPointerFlagsThenKey) {
    // §3.24 steps 2-4: pdwSigLen NULL → ERROR_INVALID_PARAMETER; undefined flags (including
    // CRYPT_TYPE2_FORMAT) → NTE_BAD_FLAGS, before NTE_NO_KEY of an empty slot or a spec that
    // is no key spec (Wine-only).
    HCRYPTPROV prov = Acquire();
    HCRYPTHASH hash = HashOf(prov, CALG_SHA1, Seq(3));
    DWORD length = 0;
    EXPECT_FAILS_WITH(CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0x40, nullptr, nullptr), kEip);
    for (DWORD flags : {DWORD{CRYPT_TYPE2_FORMAT}, DWORD{8}, DWORD{0x100}, ~DWORD{0}}) {
        EXPECT_FAILS_WITH(CryptSignHashA(hash, 7, nullptr, flags, nullptr, &length), NTE_BAD_FLAGS);
    }
    for (DWORD spec : {DWORD{AT_KEYEXCHANGE}, DWORD{AT_SIGNATURE}, DWORD{0}, DWORD{3}}) {
        EXPECT_FAILS_WITH(CryptSignHashA(hash, spec, nullptr, 0, nullptr, &length), NTE_NO_KEY);
    }
    EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kPlainPrivateKey))));
    EXPECT_FAILS_WITH(CryptSignHashA(hash, AT_SIGNATURE, nullptr, 0, nullptr, &length), NTE_NO_KEY);
    EXPECT_TRUE(CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, nullptr, &length));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, SignHashSizeQueryGivesKAndLeavesTheHashUnfinished) {
    // §3.24 step 5 (Windows-validated: 128; Wine-only that the hash stays open): after the
    // size query more data can still be hashed, and the signature covers all of it.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY pair = Import(prov, B(kPlainPrivateKey));
    HCRYPTHASH hash = HashOf(prov, CALG_SHA1, Seq(6));
    DWORD length = 0;
    EXPECT_TRUE(CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, nullptr, &length)) << GetLastError();
    EXPECT_EQ(length, 128u);
    const Bytes rest = Seq(6, 6);
    EXPECT_TRUE(CryptHashData(hash, rest.data(), 6, 0)) << GetLastError();
    const Bytes signature = Sign(hash, AT_KEYEXCHANGE);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_EQ(ToHex(signature), ToHex(SignData(prov, CALG_SHA1, Seq(12), AT_KEYEXCHANGE)));
    EXPECT_TRUE(CryptDestroyKey(pair));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, SignHashShortBufferIsMoreDataWithKAndChangesNothing) {
    // §3.24 step 6 (documented), §1.2: ERROR_MORE_DATA, *pdwSigLen = k, the buffer untouched,
    // the hash still open.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY pair = Import(prov, B(kPlainPrivateKey));
    HCRYPTHASH hash = HashOf(prov, CALG_SHA1, Seq(6));
    Bytes buffer(128, 0xaa);
    DWORD length = 127;
    EXPECT_FAILS_WITH(CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, buffer.data(), &length), ERROR_MORE_DATA);
    EXPECT_EQ(length, 128u);
    EXPECT_EQ(ToHex(buffer), ToHex(Bytes(128, 0xaa)));
    const Bytes rest = Seq(6, 6);
    EXPECT_TRUE(CryptHashData(hash, rest.data(), 6, 0)) << GetLastError();
    EXPECT_EQ(ToHex(Sign(hash, AT_KEYEXCHANGE)), ToHex(SignData(prov, CALG_SHA1, Seq(12), AT_KEYEXCHANGE)));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(pair));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, SignHashOfMacOrHmacIsBadAlgid) {
    // §3.24 step 8 (Wine-only): a hash with no signature encoding.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY pair = Import(prov, B(kPlainPrivateKey));
    HCRYPTKEY rc2 = Generate(prov, CALG_RC2, 0);
    HCRYPTHASH mac = 0, hmac = 0;
    ASSERT_TRUE(CryptCreateHash(prov, CALG_MAC, rc2, 0, &mac)) << GetLastError();
    ASSERT_TRUE(CryptCreateHash(prov, CALG_HMAC, rc2, 0, &hmac)) << GetLastError();
    HMAC_INFO info{CALG_SHA1, nullptr, 0, nullptr, 0};
    EXPECT_TRUE(CryptSetHashParam(hmac, HP_HMAC_INFO, reinterpret_cast<BYTE *>(&info), 0));
    for (HCRYPTHASH hash : {mac, hmac}) {
        BYTE signature[128];
        DWORD length = sizeof signature;
        EXPECT_FAILS_WITH(CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, signature, &length), NTE_BAD_ALGID);
        EXPECT_TRUE(CryptDestroyHash(hash));
    }
    EXPECT_TRUE(CryptDestroyKey(rc2));
    EXPECT_TRUE(CryptDestroyKey(pair));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, SignHashWithNoHashOidLeavesTheDigestInfoOut) {
    // §3.24, §7.2 (Windows-validated encodings): the CRYPT_NOHASHOID signature differs from the
    // DigestInfo one; CryptVerifySignature accepts it with and without the flag, and refuses
    // the DigestInfo signature with the flag (§3.25 step 7, Wine-only).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY pair = Import(prov, B(kPlainPrivateKey));
    const Bytes data = Text("Wine rocks!");
    const Bytes with_oid = SignData(prov, CALG_MD5, data, AT_KEYEXCHANGE);
    const Bytes without_oid = SignData(prov, CALG_MD5, data, AT_KEYEXCHANGE, CRYPT_NOHASHOID);
    EXPECT_NE(ToHex(with_oid), ToHex(without_oid));
    EXPECT_TRUE(VerifiesData(prov, CALG_MD5, data, without_oid, pair));
    EXPECT_TRUE(VerifiesData(prov, CALG_MD5, data, without_oid, pair, CRYPT_NOHASHOID));
    EXPECT_TRUE(VerifiesData(prov, CALG_MD5, data, with_oid, pair));
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, data);
    EXPECT_FAILS_WITH(Verify(hash, with_oid, pair, CRYPT_NOHASHOID), NTE_BAD_SIGNATURE);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(pair));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, SignHashDescriptionIsHashedFirstAsUtf16Le) {
    // §3.24 step 7 (Wine-only): a description is hashed as UTF-16LE without its terminator
    // (the A variant converts): signing "data" with description "Tag" equals signing
    // "data" ‖ 54 00 61 00 67 00 with none, for CryptSignHashA and CryptSignHashW alike, and
    // CryptVerifySignature needs the same description.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY pair = Import(prov, B(kPlainPrivateKey));
    const Bytes data = Text("data");
    const Bytes expected = SignData(prov, CALG_SHA1, Concat(data, Bytes{'T', 0, 'a', 0, 'g', 0}), AT_KEYEXCHANGE);
    HCRYPTHASH hash = HashOf(prov, CALG_SHA1, data);
    EXPECT_EQ(ToHex(Sign(hash, AT_KEYEXCHANGE, 0, "Tag")), ToHex(expected));
    EXPECT_TRUE(CryptDestroyHash(hash));
    hash = HashOf(prov, CALG_SHA1, data);
    BYTE signature[128];
    DWORD length = sizeof signature;
    EXPECT_TRUE(CryptSignHashW(hash, AT_KEYEXCHANGE, L"Tag", 0, signature, &length)) << GetLastError();
    EXPECT_EQ(ToHex(Bytes(signature, signature + length)), ToHex(expected));
    EXPECT_TRUE(CryptDestroyHash(hash));

    hash = HashOf(prov, CALG_SHA1, data);
    EXPECT_TRUE(CryptVerifySignatureW(hash, expected.data(), 128, pair, L"Tag", 0)) << GetLastError();
    EXPECT_TRUE(CryptDestroyHash(hash));
    hash = HashOf(prov, CALG_SHA1, data);
    EXPECT_TRUE(Verify(hash, expected, pair, 0, "Tag")) << GetLastError();
    EXPECT_TRUE(CryptDestroyHash(hash));
    hash = HashOf(prov, CALG_SHA1, data);
    EXPECT_FAILS_WITH(Verify(hash, expected, pair), NTE_BAD_SIGNATURE);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(pair));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, DescriptionOnAFinishedHashIsBadHashStateAndChangesNothing) {
    // §3.24 step 7 and §3.25 step 6 hash the description like CryptHashData (Wine: CPSignHash
    // calls CPHashData), and a finished hash takes no more data: NTE_BAD_HASH_STATE (§3.8,
    // Windows-validated for CryptHashData after HP_HASHVAL). The value stays what it was, and
    // signing it without a description still works.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY pair = Import(prov, B(kPlainPrivateKey));
    HCRYPTHASH hash = HashOf(prov, CALG_SHA1, Text("data"));
    const Bytes value = HashValue(hash);
    BYTE signature[128];
    DWORD length = sizeof signature;
    EXPECT_FAILS_WITH(CryptSignHashA(hash, AT_KEYEXCHANGE, "Tag", 0, signature, &length), NTE_BAD_HASH_STATE);
    EXPECT_FAILS_WITH(CryptSignHashW(hash, AT_KEYEXCHANGE, L"Tag", 0, signature, &length), NTE_BAD_HASH_STATE);
    const Bytes plain = SignData(prov, CALG_SHA1, Text("data"), AT_KEYEXCHANGE);
    EXPECT_FAILS_WITH(Verify(hash, plain, pair, 0, "Tag"), NTE_BAD_HASH_STATE);
    EXPECT_EQ(ToHex(HashValue(hash)), ToHex(value));
    EXPECT_EQ(ToHex(Sign(hash, AT_KEYEXCHANGE)), ToHex(plain));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(pair));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, EitherPairMaySign) {
    // §3.24 step 4 (Windows-validated for AT_KEYEXCHANGE, Wine test_hashes), §7.4: each pair
    // signs with its own key, which its public key verifies.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY exchange = Import(prov, B(kPlainPrivateKey));
    HCRYPTKEY signature = Import(prov, B(kPrivateKeyWithHighBit));
    const Bytes data = Seq(40);
    const Bytes by_exchange = SignData(prov, CALG_SHA1, data, AT_KEYEXCHANGE);
    const Bytes by_signature = SignData(prov, CALG_SHA1, data, AT_SIGNATURE);
    EXPECT_NE(ToHex(by_exchange), ToHex(by_signature));
    EXPECT_TRUE(VerifiesData(prov, CALG_SHA1, data, by_exchange, exchange));
    EXPECT_TRUE(VerifiesData(prov, CALG_SHA1, data, by_signature, signature));
    EXPECT_FALSE(VerifiesData(prov, CALG_SHA1, data, by_exchange, signature));
    EXPECT_TRUE(CryptDestroyKey(signature));
    EXPECT_TRUE(CryptDestroyKey(exchange));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, SignatureEncodingThatDoesNotFitIsBadLen) {
    // §7.2 (library design): SHA-512's DigestInfo (19 + 64 bytes) and 11 bytes of padding do
    // not fit a 512-bit key's 64 bytes → NTE_BAD_LEN; SHA-256's (19 + 32 + 11 = 62) does.
    HCRYPTPROV prov = Acquire(MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES);
    HCRYPTKEY pair = Import(prov, B(kSignBlob));
    HCRYPTHASH hash = HashOf(prov, CALG_SHA_512, Seq(10));
    BYTE signature[64];
    DWORD length = sizeof signature;
    EXPECT_FAILS_WITH(CryptSignHashA(hash, AT_SIGNATURE, nullptr, 0, signature, &length), NTE_BAD_LEN);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(VerifiesData(prov, CALG_SHA_256, Seq(10), SignData(prov, CALG_SHA_256, Seq(10), AT_SIGNATURE), pair));
    EXPECT_TRUE(CryptDestroyKey(pair));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// =============================================================================================
// CryptVerifySignature (§3.25)
// =============================================================================================

TEST_F(RsaCallsTest, VerifyWithDeadHashOrKeyIsInvalidParameter) {
    // §3.25 step 1 (Windows-validated: each alone and both).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kSignaturePublicKey));
    HCRYPTHASH hash = HashOf(prov, CALG_SHA1, Seq(3));
    const Bytes signature(128, 1);
    EXPECT_FAILS_WITH(CryptVerifySignatureA(kGarbageHash, signature.data(), 128, key, nullptr, 0), kEip);
    EXPECT_FAILS_WITH(CryptVerifySignatureA(hash, signature.data(), 128, kGarbageKey, nullptr, 0), kEip);
    EXPECT_FAILS_WITH(CryptVerifySignatureA(kGarbageHash, signature.data(), 128, kGarbageKey, nullptr, 0), kEip);
    EXPECT_FAILS_WITH(CryptVerifySignatureW(0, signature.data(), 128, key, nullptr, 0), kEip);
    EXPECT_FAILS_WITH(CryptVerifySignatureW(hash, signature.data(), 128, 0, nullptr, 0), kEip);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, VerifyOrderIsFlagsThenKeyThenLengthThenPointer) {
    // §3.25 steps 2-5: undefined flags → NTE_BAD_FLAGS; a session key → NTE_BAD_KEY
    // (Wine-only); a length other than k → NTE_BAD_SIGNATURE before the pointer is looked at
    // (Windows-validated: lengths 0, 1 and 64); NULL with length k → ERROR_INVALID_PARAMETER
    // (Windows-validated: NULL with 128). None of these finishes the hash.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kSignaturePublicKey));
    HCRYPTKEY session = Generate(prov, CALG_RC4, 0);
    HCRYPTHASH hash = HashOf(prov, CALG_SHA1, Seq(3));
    const Bytes signature(129, 1);
    EXPECT_FAILS_WITH(CryptVerifySignatureA(hash, nullptr, 0, key, nullptr, CRYPT_TYPE2_FORMAT), NTE_BAD_FLAGS);
    EXPECT_FAILS_WITH(CryptVerifySignatureA(hash, nullptr, 0, session, nullptr, 0), NTE_BAD_KEY);
    for (DWORD length : {DWORD{0}, DWORD{1}, DWORD{64}, DWORD{127}, DWORD{129}}) {
        EXPECT_FAILS_WITH(CryptVerifySignatureA(hash, signature.data(), length, key, nullptr, 0), NTE_BAD_SIGNATURE);
    }
    EXPECT_FAILS_WITH(CryptVerifySignatureA(hash, nullptr, 64, key, nullptr, 0), NTE_BAD_SIGNATURE);
    EXPECT_FAILS_WITH(CryptVerifySignatureA(hash, nullptr, 128, key, nullptr, 0), kEip);
    const Bytes more = Seq(3, 3);
    EXPECT_TRUE(CryptHashData(hash, more.data(), 3, 0)) << "the hash is still open: " << GetLastError();
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(session));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, CorruptedSignatureIsBadSignature) {
    // §3.25 step 8 (Windows-validated): any changed bit, the big-endian byte order, a value not
    // below n, or other data → NTE_BAD_SIGNATURE.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY pair = Import(prov, B(kPlainPrivateKey));
    const Bytes data = Seq(20);
    const Bytes good = SignData(prov, CALG_SHA1, data, AT_KEYEXCHANGE);
    ASSERT_TRUE(VerifiesData(prov, CALG_SHA1, data, good, pair));
    std::vector<Bytes> bad;
    for (size_t at : {size_t{0}, size_t{1}, size_t{64}, size_t{126}, size_t{127}}) {
        Bytes corrupted = good;
        corrupted[at] ^= 0x01;
        bad.push_back(corrupted);
    }
    bad.push_back(Reversed(good));
    bad.push_back(Bytes(128, 0xff));
    bad.push_back(Bytes(128, 0));
    for (const Bytes &signature : bad) {
        HCRYPTHASH hash = HashOf(prov, CALG_SHA1, data);
        EXPECT_FAILS_WITH(Verify(hash, signature, pair), NTE_BAD_SIGNATURE);
        EXPECT_TRUE(CryptDestroyHash(hash));
    }
    HCRYPTHASH other = HashOf(prov, CALG_SHA1, Seq(21));
    EXPECT_FAILS_WITH(Verify(other, good, pair), NTE_BAD_SIGNATURE);
    EXPECT_TRUE(CryptDestroyHash(other));
    EXPECT_TRUE(CryptDestroyKey(pair));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, SignThenVerifyForEveryHashUnderThePublicKeyAlone) {
    // §7.2: every hash with a DigestInfo prefix, and CALG_SSL3_SHAMD5 (36-byte value, no
    // prefix, §5.9), signed by a pair, verifies under its PUBLICKEYBLOB imported elsewhere.
    HCRYPTPROV signer = Acquire(MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES);
    HCRYPTPROV verifier = Acquire(MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES);
    HCRYPTKEY pair = Import(signer, B(kPrivateKeyWithHighBit));
    HCRYPTKEY public_key = Import(verifier, Export(pair, PUBLICKEYBLOB));
    const Bytes data = Seq(1000);
    for (ALG_ID algorithm : {ALG_ID{CALG_MD2}, ALG_ID{CALG_MD4}, ALG_ID{CALG_MD5}, ALG_ID{CALG_SHA1},
                             ALG_ID{CALG_SHA_256}, ALG_ID{CALG_SHA_384}, ALG_ID{CALG_SHA_512}}) {
        SCOPED_TRACE(::testing::Message() << "ALG_ID 0x" << std::hex << algorithm);
        for (DWORD flags : {DWORD{0}, DWORD{CRYPT_NOHASHOID}}) {
            const Bytes signature = SignData(signer, algorithm, data, AT_SIGNATURE, flags);
            EXPECT_EQ(signature.size(), 128u);
            EXPECT_TRUE(VerifiesData(verifier, algorithm, data, signature, public_key, flags)) << GetLastError();
        }
    }
    const Bytes value = Seq(36, 100);
    HCRYPTHASH hash = 0;
    ASSERT_TRUE(CryptCreateHash(signer, CALG_SSL3_SHAMD5, 0, 0, &hash));
    ASSERT_TRUE(CryptSetHashParam(hash, HP_HASHVAL, value.data(), 0));
    const Bytes signature = Sign(hash, AT_SIGNATURE);
    EXPECT_TRUE(CryptDestroyHash(hash));
    ASSERT_TRUE(CryptCreateHash(verifier, CALG_SSL3_SHAMD5, 0, 0, &hash));
    ASSERT_TRUE(CryptSetHashParam(hash, HP_HASHVAL, value.data(), 0));
    EXPECT_TRUE(Verify(hash, signature, public_key)) << GetLastError();
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(public_key));
    EXPECT_TRUE(CryptDestroyKey(pair));
    EXPECT_TRUE(CryptReleaseContext(verifier, 0));
    EXPECT_TRUE(CryptReleaseContext(signer, 0));
}

// =============================================================================================
// RSA CryptEncrypt / CryptDecrypt (§3.17, §3.18, §7.3)
// =============================================================================================

TEST_F(RsaCallsTest, SignatureKeyRefusesToEncryptAndDecrypt) {
    // §3.17 (Windows-validated, Wine test_rsa_encrypt), §3.18 (Wine-only): NTE_BAD_KEY.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY pair = Import(prov, B(kPrivateKeyWithHighBit));
    HCRYPTKEY public_key = Import(prov, B(kSignaturePublicKey));
    BYTE data[256] = "Wine rocks!";
    for (HCRYPTKEY key : {pair, public_key}) {
        DWORD length = 12;
        EXPECT_FAILS_WITH(CryptEncrypt(key, 0, TRUE, 0, data, &length, sizeof data), NTE_BAD_KEY);
        EXPECT_FAILS_WITH(CryptEncrypt(key, 0, TRUE, 0, nullptr, &length, sizeof data), NTE_BAD_KEY);
    }
    DWORD length = 128;
    EXPECT_FAILS_WITH(CryptDecrypt(pair, 0, TRUE, 0, data, &length), NTE_BAD_KEY);
    EXPECT_TRUE(CryptDestroyKey(public_key));
    EXPECT_TRUE(CryptDestroyKey(pair));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, RsaEncryptSizeQueryGivesK) {
    // §3.17 (Windows-validated: 12 bytes → 128), for both paddings.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kPlainPrivateKey));
    for (DWORD flags : {DWORD{0}, DWORD{CRYPT_OAEP}}) {
        DWORD length = 12;
        EXPECT_TRUE(CryptEncrypt(key, 0, TRUE, flags, nullptr, &length, 2048)) << GetLastError();
        EXPECT_EQ(length, 128u);
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, RsaEncryptShortBufferIsMoreDataWithK) {
    // §3.17 (the code Windows-validated, Wine test_rsa_encrypt: 1 byte, OAEP, dwBufLen 42;
    // documented that *pdwDataLen becomes k), the data untouched.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kPlainPrivateKey));
    for (const auto &c : {std::pair<DWORD, DWORD>{1, CRYPT_OAEP}, std::pair<DWORD, DWORD>{12, 0}}) {
        Bytes data(128, 0x61);
        DWORD length = c.first;
        const DWORD buffer = c.second ? 20 * 2 + 2 : 127;
        EXPECT_FAILS_WITH(CryptEncrypt(key, 0, TRUE, c.second, data.data(), &length, buffer), ERROR_MORE_DATA);
        EXPECT_EQ(length, 128u);
        EXPECT_EQ(ToHex(data), ToHex(Bytes(128, 0x61)));
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, RsaEncryptLongerThanThePaddingAllowsIsBadLen) {
    // §3.17, §7.3: PKCS#1 v1.5 more than k − 11 (Wine-only), OAEP more than k − 42
    // (Windows-validated, Wine test_rsa_encrypt: 2048 − 42 + 1 bytes in a 2048-byte buffer).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kPlainPrivateKey));
    Bytes data(2048, 0x61);
    for (const auto &c : {std::pair<DWORD, DWORD>{118, 0}, std::pair<DWORD, DWORD>{87, CRYPT_OAEP},
                          std::pair<DWORD, DWORD>{2048 - 42 + 1, CRYPT_OAEP}}) {
        DWORD length = c.first;
        EXPECT_FAILS_WITH(CryptEncrypt(key, 0, TRUE, c.second, data.data(), &length, 2048), NTE_BAD_LEN);
        EXPECT_EQ(length, c.first);
    }
    EXPECT_EQ(ToHex(Decrypt(key, RsaEncrypt(key, Bytes(117, 0x61)))), ToHex(Bytes(117, 0x61)));
    EXPECT_EQ(ToHex(Decrypt(key, RsaEncrypt(key, Bytes(86, 0x61), CRYPT_OAEP), CRYPT_OAEP)), ToHex(Bytes(86, 0x61)));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, RsaEncryptDecryptRoundTripsBothPaddings) {
    // §3.17, §3.18 (Windows-validated, Wine test_rsa_encrypt: "Wine rocks!" with its NUL, 12
    // bytes, both paddings): k bytes out, the message back with its length. Encryption is
    // randomised: two ciphertexts of one message differ. RSA always behaves as Final
    // (Wine-only): Final FALSE works the same.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kPlainPrivateKey));
    const Bytes message(reinterpret_cast<const BYTE *>("Wine rocks!"), reinterpret_cast<const BYTE *>("Wine rocks!") + 12);
    for (DWORD flags : {DWORD{0}, DWORD{CRYPT_OAEP}}) {
        const Bytes first = RsaEncrypt(key, message, flags);
        const Bytes second = RsaEncrypt(key, message, flags, FALSE);
        EXPECT_EQ(first.size(), 128u);
        EXPECT_NE(ToHex(first), ToHex(second));
        EXPECT_EQ(ToHex(Decrypt(key, first, flags)), ToHex(message));
        EXPECT_EQ(ToHex(Decrypt(key, second, flags, FALSE)), ToHex(message));
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, RsaEncryptUnderThePublicKeyDecryptsWithThePair) {
    // Wine test_rsa_round_trip (Windows-validated): what one key encrypts, an imported copy of
    // the pair decrypts; here the public key encrypts, as a remote sender would.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY pair = Import(prov, B(kPrivateExchangeBlob));
    HCRYPTKEY public_key = Import(prov, B(kPublicExchangeBlob));
    const Bytes message = Text("Well this is a fine how-do-you-do.");
    EXPECT_EQ(ToHex(Decrypt(pair, RsaEncrypt(public_key, message))), ToHex(message));
    EXPECT_TRUE(CryptDestroyKey(public_key));
    EXPECT_TRUE(CryptDestroyKey(pair));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, RsaDecryptOfMalformedInputIsBadData) {
    // §3.18 (Windows-validated for OAEP, Wine test_rsa_encrypt: the 12 plaintext bytes
    // "Wine rocks!" decrypted with CRYPT_OAEP): a ciphertext that does not unpad → NTE_BAD_DATA,
    // the buffer length unchanged; also a changed byte of a valid ciphertext, either padding.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kPlainPrivateKey));
    BYTE text[128] = "Wine rocks!";
    DWORD length = 12;
    EXPECT_FAILS_WITH(CryptDecrypt(key, 0, TRUE, CRYPT_OAEP, text, &length), NTE_BAD_DATA);
    EXPECT_EQ(length, 12u);
    for (DWORD flags : {DWORD{0}, DWORD{CRYPT_OAEP}}) {
        Bytes ciphertext = RsaEncrypt(key, Seq(12), flags);
        ciphertext[100] ^= 0x10;
        length = 128;
        EXPECT_FAILS_WITH(CryptDecrypt(key, 0, TRUE, flags, ciphertext.data(), &length), NTE_BAD_DATA);
        EXPECT_EQ(length, 128u);
        // The other padding's decoder refuses a valid ciphertext too.
        Bytes valid = RsaEncrypt(key, Seq(12), flags);
        length = 128;
        EXPECT_FAILS_WITH(CryptDecrypt(key, 0, TRUE, flags ^ CRYPT_OAEP, valid.data(), &length), NTE_BAD_DATA);
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, RsaDecryptWithDeclaredLengthBelowTheMessageIsBadDataLengthUnchanged) {
    // §3.18 (Windows-validated, Wine test_rsa_encrypt): a 12-byte message encrypted with OAEP,
    // decrypted with *pdwDataLen 11 → NTE_BAD_DATA and the length stays 11.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kPlainPrivateKey));
    for (DWORD flags : {DWORD{CRYPT_OAEP}, DWORD{0}}) {
        Bytes ciphertext = RsaEncrypt(key, Text("Wine rocks!"), flags);
        DWORD length = 11;
        EXPECT_FAILS_WITH(CryptDecrypt(key, 0, TRUE, flags, ciphertext.data(), &length), NTE_BAD_DATA);
        EXPECT_EQ(length, 11u);
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, RsaDecryptNeedsThePrivateKey) {
    // A public key has nothing to decrypt with: NTE_BAD_KEY (§7.4).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY public_key = Import(prov, B(kPublicExchangeBlob));
    Bytes ciphertext = RsaEncrypt(public_key, Seq(5));
    DWORD length = 64;
    EXPECT_FAILS_WITH(CryptDecrypt(public_key, 0, TRUE, 0, ciphertext.data(), &length), NTE_BAD_KEY);
    EXPECT_TRUE(CryptDestroyKey(public_key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, RsaEncryptAndDecryptHashThePlaintext) {
    // §3.17 step 8, §3.18 step 11 (documented): hHash is fed the plaintext, the message bytes
    // before padding and after unpadding.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kPlainPrivateKey));
    const Bytes message = Seq(30);
    HCRYPTHASH on_encrypt = HashOf(prov, CALG_SHA1, {});
    HCRYPTHASH on_decrypt = HashOf(prov, CALG_SHA1, {});
    HCRYPTHASH expected = HashOf(prov, CALG_SHA1, message);
    Bytes data = message;
    data.resize(128);
    DWORD length = 30;
    EXPECT_TRUE(CryptEncrypt(key, on_encrypt, TRUE, 0, data.data(), &length, 128)) << GetLastError();
    EXPECT_TRUE(CryptDecrypt(key, on_decrypt, TRUE, 0, data.data(), &length)) << GetLastError();
    EXPECT_EQ(length, 30u);
    const Bytes digest = HashValue(expected);
    EXPECT_EQ(ToHex(HashValue(on_encrypt)), ToHex(digest));
    EXPECT_EQ(ToHex(HashValue(on_decrypt)), ToHex(digest));
    for (HCRYPTHASH hash : {on_encrypt, on_decrypt, expected}) EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaCallsTest, RsaKeyParametersReportTheModulus) {
    // §3.19: KP_ALGID the blob's ALG_ID (Windows-validated), KP_KEYLEN and KP_BLOCKLEN the
    // modulus bits (Wine-only / documented), KP_PERMISSIONS 0x3B (Windows-validated), KP_SALT
    // NTE_BAD_KEY (Windows-validated).
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kPrivateExchangeBlob));
    EXPECT_EQ(KeyDword(key, KP_ALGID), static_cast<DWORD>(CALG_RSA_KEYX));
    EXPECT_EQ(KeyDword(key, KP_KEYLEN), 512u);
    EXPECT_EQ(KeyDword(key, KP_BLOCKLEN), 512u);
    EXPECT_EQ(KeyDword(key, KP_PERMISSIONS), kPermissions);
    DWORD length = 0;
    EXPECT_FAILS_WITH(CryptGetKeyParam(key, KP_SALT, nullptr, &length, 0), NTE_BAD_KEY);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

}  // namespace
}  // namespace tinycapi::testing
