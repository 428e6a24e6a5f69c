// CryptCreateHash, CryptHashData, CryptGetHashParam, CryptSetHashParam, CryptDuplicateHash,
// CryptDestroyHash: every check of reference §3.7-3.12, in Windows' order (the first failing
// check decides the code, §1.1), hashes of a released provider (§2.3), the hash pool, and the
// rule that a failed call changes nothing (style.md, "Errors").
//
// Plain hashes only: the keyed ones (CALG_HMAC with HP_HMAC_INFO, CALG_MAC) are tested with
// the session keys. Here keys appear only as the hKey argument that unkeyed hashes ignore.
#include <string.h>

#include <vector>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

constexpr DWORD kEip = ERROR_INVALID_PARAMETER;

// The hash every test uses unless it says otherwise: offered by every build and personality
// that has SHA-1, else MD5 (one of them is always enabled: CALG_HMAC needs a hash).
#if TINYCAPI_ENABLE_SHA1
constexpr ALG_ID kPlainHash = CALG_SHA1;
constexpr DWORD kPlainHashSize = 20;
#else
constexpr ALG_ID kPlainHash = CALG_MD5;
constexpr DWORD kPlainHashSize = 16;
#endif

uint32_t HashesInUse() { return slots_in_use(TINYCAPI_POOL_HASHES); }

HCRYPTHASH Create(HCRYPTPROV prov, ALG_ID algorithm = kPlainHash) {
    HCRYPTHASH hash = 0;
    EXPECT_TRUE(CryptCreateHash(prov, algorithm, 0, 0, &hash)) << std::hex << algorithm << ": " << GetLastError();
    EXPECT_NE(hash, 0u);
    return hash;
}

DWORD HashDword(HCRYPTHASH hash, DWORD param) {
    DWORD value = 0xdeadbeef, length = sizeof value;
    EXPECT_TRUE(CryptGetHashParam(hash, param, reinterpret_cast<BYTE *>(&value), &length, 0)) << GetLastError();
    EXPECT_EQ(length, sizeof(DWORD)) << "DWORD parameters are 4 bytes";
    return value;
}

std::vector<BYTE> HashValue(HCRYPTHASH hash) {
    BYTE value[64];
    DWORD length = sizeof value;
    if (!CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0)) {
        ADD_FAILURE() << "HP_HASHVAL failed: " << GetLastError();
        return {};
    }
    return std::vector<BYTE>(value, value + length);
}

// The digest of the concatenated pieces through a fresh hash: the reference a hash that went
// through failed calls is compared with.
std::vector<BYTE> FreshDigest(HCRYPTPROV prov, std::initializer_list<const char *> pieces, ALG_ID algorithm = kPlainHash) {
    HCRYPTHASH hash = Create(prov, algorithm);
    for (const char *piece : pieces) {
        EXPECT_TRUE(CryptHashData(hash, reinterpret_cast<const BYTE *>(piece), static_cast<DWORD>(strlen(piece)), 0));
    }
    std::vector<BYTE> value = HashValue(hash);
    EXPECT_TRUE(CryptDestroyHash(hash));
    return value;
}

bool Feed(HCRYPTHASH hash, const char *text) {
    return CryptHashData(hash, reinterpret_cast<const BYTE *>(text), static_cast<DWORD>(strlen(text)), 0) != FALSE;
}

// A hash handle that is dead because its provider was released (Windows-validated, §2.3).
// Uses no slot afterwards.
HCRYPTHASH HashOfAReleasedProvider() {
    HCRYPTPROV prov = 0;
    EXPECT_TRUE(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT));
    HCRYPTHASH hash = Create(prov);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    return hash;
}

// A hash handle that is dead because it was destroyed.
HCRYPTHASH DestroyedHash(HCRYPTPROV prov) {
    HCRYPTHASH hash = Create(prov);
    EXPECT_TRUE(CryptDestroyHash(hash));
    return hash;
}

// Dead hash values of every flavour (§2.1): zero, garbage, destroyed, child of a released
// context, a live provider handle (wrong kind), a value with the hash tag but a slot and
// generation never issued, and all ones.
std::vector<HCRYPTHASH> DeadHashes(HCRYPTPROV live_prov) {
    return {0,
            0xdeadbeef,
            DestroyedHash(live_prov),
            HashOfAReleasedProvider(),
            live_prov,
            (3u << 29) | 0x1FFFFFF0u,
            static_cast<HCRYPTHASH>(~static_cast<uintptr_t>(0))};
}

// ===== CryptCreateHash (reference §3.7) ==================================================

using HashCreateTest = CapiTest;

TEST_F(HashCreateTest, DeadProviderIsInvalidParameterBeforeEveryOtherCheck) {
    HCRYPTPROV released = AcquireVerify();
    ASSERT_TRUE(CryptReleaseContext(released, 0));
    HCRYPTPROV live = AcquireVerify();
    HCRYPTHASH hash_of_live = Create(live);
    for (HCRYPTPROV dead : {HCRYPTPROV{0}, HCRYPTPROV{0xdeadbeef}, released, HCRYPTPROV{hash_of_live}}) {
        SCOPED_TRACE(dead);
        HCRYPTHASH hash = 0;
        EXPECT_FAILS_WITH(CryptCreateHash(dead, kPlainHash, 0, 0, &hash), kEip);
        // Step 1 comes before the key, pointer, flags and algorithm checks.
        EXPECT_FAILS_WITH(CryptCreateHash(dead, CALG_RC4, 0xdeadbeef, 1, nullptr), kEip);
        EXPECT_FAILS_WITH(CryptCreateHash(dead, CALG_HMAC, 0, 1, &hash), kEip);
        EXPECT_FAILS_WITH(CryptCreateHash(dead, CALG_HMAC, 0, 0, &hash), kEip);  // EIP, not NTE_BAD_KEY
    }
    EXPECT_EQ(HashesInUse(), 1u) << "no failed create took a slot";
    EXPECT_TRUE(CryptDestroyHash(hash_of_live));
    EXPECT_TRUE(CryptReleaseContext(live, 0));
}

TEST_F(HashCreateTest, NonZeroDeadKeyIsInvalidParameterBeforeFlagsAndAlgorithm) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH other_hash = Create(prov);
    // Garbage, a provider handle, a hash handle and a key-tagged value never issued: dead keys.
    for (HCRYPTKEY dead : {HCRYPTKEY{0xdeadbeef}, HCRYPTKEY{prov}, HCRYPTKEY{other_hash}, HCRYPTKEY{(2u << 29) | 1u}}) {
        SCOPED_TRACE(dead);
        HCRYPTHASH hash = 0x1234;
        EXPECT_FAILS_WITH(CryptCreateHash(prov, kPlainHash, dead, 0, &hash), kEip);
        EXPECT_FAILS_WITH(CryptCreateHash(prov, kPlainHash, dead, 1, &hash), kEip);  // step 2 before step 4
        EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_RC4, dead, 0, &hash), kEip);  // step 2 before step 5
        EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_HMAC, dead, 0, &hash), kEip);  // step 2 before step 6
        EXPECT_FAILS_WITH(CryptCreateHash(prov, kPlainHash, dead, 0, nullptr), kEip);
    }
    EXPECT_EQ(HashesInUse(), 1u);
    EXPECT_TRUE(CryptDestroyHash(other_hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// A session key of whichever cipher this build has; 0 if it has none.
HCRYPTKEY GenerateSessionKey(HCRYPTPROV prov) {
    for (ALG_ID cipher : {CALG_AES_128, CALG_RC4, CALG_RC2, CALG_DES}) {
        HCRYPTKEY key = 0;
        if (CryptGenKey(prov, cipher, 0, &key)) return key;
    }
    return 0;
}

TEST_F(HashCreateTest, DestroyedKeyOrKeyOfAReleasedProviderIsInvalidParameter) {
    // §3.7 step 2: a non-zero hKey must be live, even for a hash that ignores it.
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    HCRYPTKEY destroyed = GenerateSessionKey(prov);
    if (destroyed == 0) {
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
        GTEST_SKIP() << "no cipher in this build";
    }
    ASSERT_TRUE(CryptDestroyKey(destroyed));
    HCRYPTPROV other = AcquireVerify(PROV_RSA_AES);
    HCRYPTKEY orphan = GenerateSessionKey(other);
    ASSERT_TRUE(CryptReleaseContext(other, 0));
    for (HCRYPTKEY dead : {destroyed, orphan}) {
        HCRYPTHASH hash = 0x1234;
        EXPECT_FAILS_WITH(CryptCreateHash(prov, kPlainHash, dead, 0, &hash), kEip);
        EXPECT_FAILS_WITH(CryptCreateHash(prov, kPlainHash, dead, 1, &hash), kEip);
    }
    EXPECT_EQ(HashesInUse(), 0u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashCreateTest, UnkeyedHashIgnoresALiveKey) {
    // §3.7 step 6 [Wine-only, kept]: the key is checked for life, then plays no part.
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    HCRYPTKEY key = GenerateSessionKey(prov);
    if (key == 0) {
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
        GTEST_SKIP() << "no cipher in this build";
    }
    HCRYPTHASH hash = 0;
    ASSERT_TRUE(CryptCreateHash(prov, kPlainHash, key, 0, &hash)) << GetLastError();
    EXPECT_EQ(HashDword(hash, HP_ALGID), static_cast<DWORD>(kPlainHash));
    EXPECT_TRUE(CryptDestroyKey(key)) << "the hash holds no claim on the key";
    EXPECT_TRUE(Feed(hash, "abc"));
    EXPECT_EQ(HashValue(hash), FreshDigest(prov, {"abc"}));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashCreateTest, NullOutputIsInvalidParameterBeforeFlagsAndAlgorithm) {
    HCRYPTPROV prov = AcquireVerify();
    EXPECT_FAILS_WITH(CryptCreateHash(prov, kPlainHash, 0, 0, nullptr), kEip);
    EXPECT_FAILS_WITH(CryptCreateHash(prov, kPlainHash, 0, 1, nullptr), kEip);
    EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_RC4, 0, 0, nullptr), kEip);
    EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_HMAC, 0, 0, nullptr), kEip);
    EXPECT_EQ(HashesInUse(), 0u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashCreateTest, FlagsAreBadFlagsBeforeTheAlgorithmAndZeroTheOutput) {
    HCRYPTPROV prov = AcquireVerify();
    for (DWORD flags : {1u, 0x80000000u, ~0u}) {
        SCOPED_TRACE(flags);
        HCRYPTHASH hash = 0x1234;
        EXPECT_FAILS_WITH(CryptCreateHash(prov, kPlainHash, 0, flags, &hash), NTE_BAD_FLAGS);
        EXPECT_EQ(hash, 0u) << "*phHash is 0 after a failure past the pointer check (§1.3)";
        hash = 0x1234;
        EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_RC4, 0, flags, &hash), NTE_BAD_FLAGS);
        EXPECT_EQ(hash, 0u);
        EXPECT_FAILS_WITH(CryptCreateHash(prov, 0xFFFF, 0, flags, &hash), NTE_BAD_FLAGS);
        EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_HMAC, 0, flags, &hash), NTE_BAD_FLAGS);  // step 4 before step 6
    }
    EXPECT_EQ(HashesInUse(), 0u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashCreateTest, AlgorithmThatIsNotAHashIsBadAlgidAndZeroesTheOutput) {
    // §3.7 step 5: not in the personality's table, or in it but not ALG_CLASS_HASH.
    const ALG_ID not_hashes[] = {
        CALG_RC4, CALG_RC2, CALG_DES, CALG_3DES, CALG_AES_128, CALG_AES_256, CALG_RSA_SIGN, CALG_RSA_KEYX,
        CALG_AES,                                 // in no table (Windows-validated, §4.2)
        0, 0xFFFF, 0xFFFFFFFF,                    // not algorithms
        ALG_CLASS_HASH | ALG_TYPE_ANY | 0x3F,     // hash class, unassigned SID
        CALG_HUGHES_MD5,                          // MD5's SID in another class
    };
    for (DWORD type : {static_cast<DWORD>(PROV_RSA_FULL), static_cast<DWORD>(PROV_RSA_AES)}) {
        HCRYPTPROV prov = AcquireVerify(type);
        for (ALG_ID algorithm : not_hashes) {
            SCOPED_TRACE(algorithm);
            HCRYPTHASH hash = 0x1234;
            EXPECT_FAILS_WITH(CryptCreateHash(prov, algorithm, 0, 0, &hash), NTE_BAD_ALGID);
            EXPECT_EQ(hash, 0u);
        }
        EXPECT_EQ(HashesInUse(), 0u) << "a refused algorithm takes no slot";
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(HashCreateTest, Sha2IsBadAlgidOnBaseStrongAndEnhanced) {
    // Windows-validated (test_hashes): "The SHA-2 variants aren't supported in the RSA full provider".
    for (const char *provider : {MS_DEF_PROV_A, MS_STRONG_PROV_A, MS_ENHANCED_PROV_A}) {
        SCOPED_TRACE(provider);
        HCRYPTPROV prov = AcquireVerify(PROV_RSA_FULL, provider);
        for (ALG_ID algorithm : {CALG_SHA_256, CALG_SHA_384, CALG_SHA_512}) {
            HCRYPTHASH hash = 0x1234;
            EXPECT_FAILS_WITH(CryptCreateHash(prov, algorithm, 0, 0, &hash), NTE_BAD_ALGID);
            EXPECT_EQ(hash, 0u);
        }
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

// Each plain hash with its HP_HASHSIZE (§3.7 step 8) and whether this build compiled it in.
struct HashKind {
    ALG_ID algorithm;
    DWORD size;
    bool compiled;
    bool sha2;  // AES personality only
};
constexpr HashKind kHashKinds[] = {
    {CALG_MD2, 16, TINYCAPI_ENABLE_MD2 != 0, false},
    {CALG_MD4, 16, TINYCAPI_ENABLE_MD4 != 0, false},
    {CALG_MD5, 16, TINYCAPI_ENABLE_MD5 != 0, false},
    {CALG_SHA1, 20, TINYCAPI_ENABLE_SHA1 != 0, false},
    {CALG_SHA_256, 32, TINYCAPI_ENABLE_SHA256 != 0, true},
    {CALG_SHA_384, 48, TINYCAPI_ENABLE_SHA384_512 != 0, true},
    {CALG_SHA_512, 64, TINYCAPI_ENABLE_SHA384_512 != 0, true},
    {CALG_SSL3_SHAMD5, 36, TINYCAPI_ENABLE_MD5 != 0 && TINYCAPI_ENABLE_SHA1 != 0, false},
};

TEST_F(HashCreateTest, EachPersonalityOffersItsHashesWithTheirAlgidAndSize) {
    // §4.2: MD2/MD4/MD5/SHA-1/SSL3_SHAMD5 everywhere, SHA-2 on AES only; compiled-out → NTE_BAD_ALGID.
    struct Personality {
        DWORD type;
        const char *name;
        bool aes;
    };
    const Personality personalities[] = {{PROV_RSA_FULL, MS_DEF_PROV_A, false},
                                         {PROV_RSA_FULL, MS_STRONG_PROV_A, false},
                                         {PROV_RSA_FULL, MS_ENHANCED_PROV_A, false},
                                         {PROV_RSA_AES, MS_ENH_RSA_AES_PROV_A, true}};
    for (const Personality &personality : personalities) {
        HCRYPTPROV prov = AcquireVerify(personality.type, personality.name);
        for (const HashKind &kind : kHashKinds) {
            SCOPED_TRACE(::testing::Message() << personality.name << ", ALG_ID 0x" << std::hex << kind.algorithm);
            HCRYPTHASH hash = 0x1234;
            if (kind.compiled && (personality.aes || !kind.sha2)) {
                ASSERT_TRUE(CryptCreateHash(prov, kind.algorithm, 0, 0, &hash)) << GetLastError();
                EXPECT_EQ(HashDword(hash, HP_ALGID), kind.algorithm);
                EXPECT_EQ(HashDword(hash, HP_HASHSIZE), kind.size);
                EXPECT_TRUE(CryptDestroyHash(hash));
            } else {
                EXPECT_FAILS_WITH(CryptCreateHash(prov, kind.algorithm, 0, 0, &hash), NTE_BAD_ALGID);
                EXPECT_EQ(hash, 0u);
            }
        }
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(HashCreateTest, CalgShaIsSha1) {
    // wincrypt.h: CALG_SHA and CALG_SHA1 are one ALG_ID; test_hashes creates SHA-1 as CALG_SHA.
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_FULL);
    HCRYPTHASH hash = 0;
    if (TINYCAPI_ENABLE_SHA1) {
        ASSERT_TRUE(CryptCreateHash(prov, CALG_SHA, 0, 0, &hash));
        EXPECT_EQ(HashDword(hash, HP_ALGID), static_cast<DWORD>(CALG_SHA1));
        EXPECT_EQ(HashDword(hash, HP_HASHSIZE), 20u);
        EXPECT_TRUE(CryptDestroyHash(hash));
    } else {
        EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_SHA, 0, 0, &hash), NTE_BAD_ALGID);
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashCreateTest, KeyedHashWithoutAKeyIsBadKeyAndZeroesTheOutput) {
    // Windows-validated: CALG_HMAC with hKey 0 → NTE_BAD_KEY (§3.7 step 6); CALG_MAC alike.
    for (DWORD type : {static_cast<DWORD>(PROV_RSA_FULL), static_cast<DWORD>(PROV_RSA_AES)}) {
        HCRYPTPROV prov = AcquireVerify(type);
        HCRYPTHASH hash = 0x1234;
        EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_HMAC, 0, 0, &hash), NTE_BAD_KEY);
        EXPECT_EQ(hash, 0u);
        hash = 0x1234;
#if TINYCAPI_ENABLE_AES || TINYCAPI_ENABLE_DES || TINYCAPI_ENABLE_RC2
        EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_MAC, 0, 0, &hash), NTE_BAD_KEY);
#else
        // CALG_MAC needs a block cipher: without one it is in no table.
        EXPECT_FAILS_WITH(CryptCreateHash(prov, CALG_MAC, 0, 0, &hash), NTE_BAD_ALGID);
#endif
        EXPECT_EQ(hash, 0u);
        EXPECT_EQ(HashesInUse(), 0u);
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(HashCreateTest, NewHashIsHashingAndHasAFreshHandle) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH a = Create(prov), b = Create(prov);
    EXPECT_NE(a, b);
    EXPECT_NE(a, prov);
    EXPECT_EQ(HashesInUse(), 2u);
    EXPECT_TRUE(Feed(a, "abc")) << "a new hash is in the hashing state (§3.7 step 8)";
    EXPECT_TRUE(CryptDestroyHash(a));
    EXPECT_TRUE(CryptDestroyHash(b));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashCreateTest, HashesAreNotBoundToTheProviderHandlePassedLater) {
    // §2.1 [Wine-only, kept]: objects carry their own provider; a hash made from one context
    // stays usable while another context is released.
    HCRYPTPROV first = AcquireVerify(), second = AcquireVerify();
    HCRYPTHASH hash = Create(first);
    EXPECT_TRUE(CryptReleaseContext(second, 0));
    EXPECT_TRUE(Feed(hash, "abc"));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(first, 0));
}

// ===== CryptHashData (reference §3.8) ====================================================

using HashDataTest = CapiTest;

TEST_F(HashDataTest, DeadHashIsInvalidParameterBeforeEveryOtherCheck) {
    HCRYPTPROV prov = AcquireVerify();
    const BYTE data[4] = {1, 2, 3, 4};
    for (HCRYPTHASH dead : DeadHashes(prov)) {
        SCOPED_TRACE(dead);
        EXPECT_FAILS_WITH(CryptHashData(dead, data, sizeof data, 0), kEip);
        EXPECT_FAILS_WITH(CryptHashData(dead, data, sizeof data, ~0u), kEip);  // step 1 before step 2
        EXPECT_FAILS_WITH(CryptHashData(dead, nullptr, 16, 0), kEip);  // step 1 before step 5
        EXPECT_FAILS_WITH(CryptHashData(dead, nullptr, 0, 0), kEip);
    }
    EXPECT_EQ(HashesInUse(), 0u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashDataTest, FlagsOtherThanUserDataAreBadFlagsAndHashNothing) {
    // Windows-validated: ~0 → NTE_BAD_FLAGS (test_hashes).
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    ASSERT_TRUE(Feed(hash, "abc"));
    const BYTE data[] = "def";
    for (DWORD flags : {~0u, 2u, CRYPT_USERDATA | 2u, 0x80000000u}) {
        SCOPED_TRACE(flags);
        EXPECT_FAILS_WITH(CryptHashData(hash, data, 3, flags), NTE_BAD_FLAGS);
        EXPECT_FAILS_WITH(CryptHashData(hash, nullptr, 3, flags), NTE_BAD_FLAGS);  // step 2 before step 5
    }
    EXPECT_EQ(HashValue(hash), FreshDigest(prov, {"abc"})) << "the failed calls hashed nothing";
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashDataTest, UserDataFlagIsAcceptedAndHashesLikeNoFlag) {
    // Windows-validated: CRYPT_USERDATA is accepted and does nothing (test_hashes).
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    EXPECT_TRUE(CryptHashData(hash, reinterpret_cast<const BYTE *>("abc"), 3, CRYPT_USERDATA)) << GetLastError();
    EXPECT_TRUE(CryptHashData(hash, reinterpret_cast<const BYTE *>("def"), 3, 0));
    EXPECT_EQ(HashValue(hash), FreshDigest(prov, {"abcdef"}));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashDataTest, AfterTheValueWasReadHashDataIsBadHashStateEvenForEmptyData) {
    // Windows-validated: after HP_HASHVAL, including on empty data (§3.8 step 4).
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    ASSERT_TRUE(Feed(hash, "abc"));
    const std::vector<BYTE> value = HashValue(hash);
    const BYTE data[] = "more";
    EXPECT_FAILS_WITH(CryptHashData(hash, data, 4, 0), NTE_BAD_HASH_STATE);
    EXPECT_FAILS_WITH(CryptHashData(hash, data, 0, 0), NTE_BAD_HASH_STATE);
    EXPECT_FAILS_WITH(CryptHashData(hash, nullptr, 0, 0), NTE_BAD_HASH_STATE);
    EXPECT_FAILS_WITH(CryptHashData(hash, data, 4, CRYPT_USERDATA), NTE_BAD_HASH_STATE);
    // Step 4 comes before the pointer check of step 5, and after the flags of step 2.
    EXPECT_FAILS_WITH(CryptHashData(hash, nullptr, 4, 0), NTE_BAD_HASH_STATE);
    EXPECT_FAILS_WITH(CryptHashData(hash, data, 4, ~0u), NTE_BAD_FLAGS);
    EXPECT_EQ(HashValue(hash), value) << "the value is stable after failed HashData (Windows-validated)";
    EXPECT_EQ(value, FreshDigest(prov, {"abc"}));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashDataTest, AfterTheValueWasSetHashDataIsBadHashState) {
    // §3.10 step 5: HP_HASHVAL set finishes the hash.
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    BYTE value[kPlainHashSize];
    memset(value, 0x5A, sizeof value);
    ASSERT_TRUE(CryptSetHashParam(hash, HP_HASHVAL, value, 0)) << GetLastError();
    EXPECT_FAILS_WITH(CryptHashData(hash, reinterpret_cast<const BYTE *>("abc"), 3, 0), NTE_BAD_HASH_STATE);
    EXPECT_FAILS_WITH(CryptHashData(hash, nullptr, 0, 0), NTE_BAD_HASH_STATE);
    EXPECT_EQ(HashValue(hash), std::vector<BYTE>(value, value + sizeof value));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashDataTest, NullDataWithALengthIsInvalidParameterAndHashesNothing) {
    // §3.8 step 5 [library design].
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    ASSERT_TRUE(Feed(hash, "abc"));
    EXPECT_FAILS_WITH(CryptHashData(hash, nullptr, 1, 0), kEip);
    EXPECT_FAILS_WITH(CryptHashData(hash, nullptr, 0xFFFFFFFF, CRYPT_USERDATA), kEip);
    EXPECT_TRUE(Feed(hash, "def")) << "the hash is still hashing";
    EXPECT_EQ(HashValue(hash), FreshDigest(prov, {"abcdef"}));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashDataTest, ZeroLengthSucceedsWithOrWithoutDataAndHashesNothing) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    const BYTE data[] = "ignored";
    EXPECT_TRUE(CryptHashData(hash, nullptr, 0, 0)) << GetLastError();
    EXPECT_TRUE(CryptHashData(hash, data, 0, 0)) << GetLastError();
    EXPECT_TRUE(CryptHashData(hash, nullptr, 0, CRYPT_USERDATA)) << GetLastError();
    EXPECT_EQ(HashValue(hash), FreshDigest(prov, {}));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== CryptGetHashParam (reference §3.9) ================================================

using HashGetParamTest = CapiTest;

TEST_F(HashGetParamTest, DeadHashIsInvalidParameterBeforeEveryOtherCheck) {
    HCRYPTPROV prov = AcquireVerify();
    for (HCRYPTHASH dead : DeadHashes(prov)) {
        SCOPED_TRACE(dead);
        BYTE buffer[64];
        memset(buffer, 0xEE, sizeof buffer);
        DWORD length = sizeof buffer;
        EXPECT_FAILS_WITH(CryptGetHashParam(dead, HP_HASHVAL, buffer, &length, 0), kEip);
        EXPECT_FAILS_WITH(CryptGetHashParam(dead, HP_ALGID, buffer, &length, 0), kEip);
        EXPECT_FAILS_WITH(CryptGetHashParam(dead, HP_HASHVAL, buffer, nullptr, 0), kEip);
        EXPECT_FAILS_WITH(CryptGetHashParam(dead, 99, buffer, &length, 1), kEip);
        EXPECT_EQ(length, sizeof buffer) << "nothing written";
        for (BYTE b : buffer) EXPECT_EQ(b, 0xEE);
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashGetParamTest, NullLengthIsInvalidParameterBeforeFlagsAndParameter) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    BYTE buffer[64];
    EXPECT_FAILS_WITH(CryptGetHashParam(hash, HP_HASHVAL, buffer, nullptr, 0), kEip);
    EXPECT_FAILS_WITH(CryptGetHashParam(hash, HP_HASHVAL, nullptr, nullptr, 0), kEip);
    EXPECT_FAILS_WITH(CryptGetHashParam(hash, HP_ALGID, buffer, nullptr, 1), kEip);
    EXPECT_FAILS_WITH(CryptGetHashParam(hash, 99, buffer, nullptr, 0), kEip);
    EXPECT_TRUE(Feed(hash, "abc")) << "a failed HP_HASHVAL request did not finish the hash";
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashGetParamTest, FlagsAreBadFlagsBeforeTheParameterAndDoNotFinishTheHash) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    ASSERT_TRUE(Feed(hash, "abc"));
    BYTE buffer[64];
    memset(buffer, 0xEE, sizeof buffer);
    for (DWORD flags : {1u, 0x80000000u, ~0u}) {
        SCOPED_TRACE(flags);
        DWORD length = sizeof buffer;
        EXPECT_FAILS_WITH(CryptGetHashParam(hash, HP_HASHVAL, buffer, &length, flags), NTE_BAD_FLAGS);
        EXPECT_FAILS_WITH(CryptGetHashParam(hash, HP_HASHVAL, nullptr, &length, flags), NTE_BAD_FLAGS);
        EXPECT_FAILS_WITH(CryptGetHashParam(hash, HP_ALGID, buffer, &length, flags), NTE_BAD_FLAGS);
        EXPECT_FAILS_WITH(CryptGetHashParam(hash, 99, buffer, &length, flags), NTE_BAD_FLAGS);  // step 3 before step 4
        EXPECT_EQ(length, sizeof buffer);
    }
    for (BYTE b : buffer) EXPECT_EQ(b, 0xEE);
    EXPECT_TRUE(Feed(hash, "def")) << "still hashing";
    EXPECT_EQ(HashValue(hash), FreshDigest(prov, {"abcdef"}));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashGetParamTest, AlgidAndHashSizeAreDwordsThatDoNotFinishTheHash) {
    // Windows-validated: HP_HASHSIZE before and after data (test_hashes, test_sha2).
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    EXPECT_EQ(HashDword(hash, HP_ALGID), static_cast<DWORD>(kPlainHash));
    EXPECT_EQ(HashDword(hash, HP_HASHSIZE), kPlainHashSize);
    EXPECT_TRUE(Feed(hash, "abc")) << "reading HP_ALGID/HP_HASHSIZE leaves the hash hashing";
    EXPECT_EQ(HashDword(hash, HP_HASHSIZE), kPlainHashSize);
    EXPECT_TRUE(Feed(hash, "def"));
    EXPECT_EQ(HashValue(hash), FreshDigest(prov, {"abcdef"}));
    // And they stay readable once finished.
    EXPECT_EQ(HashDword(hash, HP_ALGID), static_cast<DWORD>(kPlainHash));
    EXPECT_EQ(HashDword(hash, HP_HASHSIZE), kPlainHashSize);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashGetParamTest, DwordParametersFollowTheSizeQueryProtocol) {
    // §1.2: NULL data → size; short buffer → ERROR_MORE_DATA, size, buffer untouched.
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    for (DWORD param : {static_cast<DWORD>(HP_ALGID), static_cast<DWORD>(HP_HASHSIZE)}) {
        SCOPED_TRACE(param);
        DWORD length = 0;
        EXPECT_TRUE(CryptGetHashParam(hash, param, nullptr, &length, 0));
        EXPECT_EQ(length, 4u);
        BYTE buffer[8];
        memset(buffer, 0xEE, sizeof buffer);
        length = 3;
        EXPECT_FAILS_WITH(CryptGetHashParam(hash, param, buffer, &length, 0), ERROR_MORE_DATA);
        EXPECT_EQ(length, 4u);
        for (BYTE b : buffer) EXPECT_EQ(b, 0xEE);
        length = sizeof buffer;
        EXPECT_TRUE(CryptGetHashParam(hash, param, buffer, &length, 0));
        EXPECT_EQ(length, 4u) << "*pdwDataLen becomes the actual size";
        EXPECT_EQ(buffer[4], 0xEE);
    }
    EXPECT_TRUE(Feed(hash, "abc")) << "none of that finished the hash";
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashGetParamTest, ValueSizeQueryGivesTheSizeAndFinishesTheHash) {
    // §3.9 step 5: a size query finalises [Wine-only; kept, docs/COMPATIBILITY.md].
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    ASSERT_TRUE(Feed(hash, "abc"));
    DWORD length = 0;
    EXPECT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, nullptr, &length, 0)) << GetLastError();
    EXPECT_EQ(length, kPlainHashSize);
    EXPECT_FAILS_WITH(CryptHashData(hash, reinterpret_cast<const BYTE *>("def"), 3, 0), NTE_BAD_HASH_STATE);
    EXPECT_EQ(HashValue(hash), FreshDigest(prov, {"abc"})) << "the value covers the data before the query";
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashGetParamTest, ShortValueBufferIsMoreDataWithTheSizeUntouchedAndFinishes) {
    // §1.2 and §3.9 step 5 (a too-small buffer finalises [Wine-only; kept]).
    HCRYPTPROV prov = AcquireVerify();
    for (DWORD short_length : std::initializer_list<DWORD>{0u, 1u, kPlainHashSize - 1}) {
        SCOPED_TRACE(short_length);
        HCRYPTHASH hash = Create(prov);
        ASSERT_TRUE(Feed(hash, "abc"));
        BYTE buffer[64];
        memset(buffer, 0xEE, sizeof buffer);
        DWORD length = short_length;
        EXPECT_FAILS_WITH(CryptGetHashParam(hash, HP_HASHVAL, buffer, &length, 0), ERROR_MORE_DATA);
        EXPECT_EQ(length, kPlainHashSize);
        for (BYTE b : buffer) EXPECT_EQ(b, 0xEE);
        EXPECT_FAILS_WITH(CryptHashData(hash, reinterpret_cast<const BYTE *>("def"), 3, 0), NTE_BAD_HASH_STATE);
        EXPECT_EQ(HashValue(hash), FreshDigest(prov, {"abc"}));
        EXPECT_TRUE(CryptDestroyHash(hash));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashGetParamTest, LargeValueBufferGetsTheValueAndItsActualLength) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    ASSERT_TRUE(Feed(hash, "abc"));
    BYTE buffer[100];
    memset(buffer, 0xEE, sizeof buffer);
    DWORD length = sizeof buffer;
    ASSERT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, buffer, &length, 0));
    EXPECT_EQ(length, kPlainHashSize);
    for (size_t i = kPlainHashSize; i < sizeof buffer; ++i) EXPECT_EQ(buffer[i], 0xEE) << i;
    EXPECT_EQ(std::vector<BYTE>(buffer, buffer + kPlainHashSize), FreshDigest(prov, {"abc"}));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashGetParamTest, ValueIsRepeatable) {
    // Windows-validated: "It's also stable: getting it twice results in the same value".
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    ASSERT_TRUE(Feed(hash, "abc"));
    const std::vector<BYTE> first = HashValue(hash);
    DWORD length = 0;
    EXPECT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, nullptr, &length, 0));
    EXPECT_EQ(HashValue(hash), first);
    EXPECT_EQ(HashValue(hash), first);
    EXPECT_EQ(first, FreshDigest(prov, {"abc"}));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashGetParamTest, OtherParametersAreBadTypeAndChangeNothing) {
    // §3.9 step 4 [documented]. HP_HMAC_INFO and the TLS1PRF parameters are set-only.
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    BYTE buffer[64];
    memset(buffer, 0xEE, sizeof buffer);
    for (DWORD param : std::initializer_list<DWORD>{0u, 3u, static_cast<DWORD>(HP_HMAC_INFO), static_cast<DWORD>(HP_TLS1PRF_LABEL),
                        static_cast<DWORD>(HP_TLS1PRF_SEED), 8u, 0xFFFFu, ~0u}) {
        SCOPED_TRACE(param);
        DWORD length = sizeof buffer;
        EXPECT_FAILS_WITH(CryptGetHashParam(hash, param, buffer, &length, 0), NTE_BAD_TYPE);
        EXPECT_EQ(length, sizeof buffer);
        EXPECT_FAILS_WITH(CryptGetHashParam(hash, param, nullptr, &length, 0), NTE_BAD_TYPE);
    }
    for (BYTE b : buffer) EXPECT_EQ(b, 0xEE);
    EXPECT_TRUE(Feed(hash, "abc")) << "still hashing";
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== CryptSetHashParam (reference §3.10) ===============================================

using HashSetParamTest = CapiTest;

TEST_F(HashSetParamTest, DeadHashIsInvalidParameterBeforeEveryOtherCheck) {
    HCRYPTPROV prov = AcquireVerify();
    BYTE value[64] = {};
    for (HCRYPTHASH dead : DeadHashes(prov)) {
        SCOPED_TRACE(dead);
        EXPECT_FAILS_WITH(CryptSetHashParam(dead, HP_HASHVAL, value, 0), kEip);
        EXPECT_FAILS_WITH(CryptSetHashParam(dead, HP_HASHVAL, nullptr, 0), kEip);
        EXPECT_FAILS_WITH(CryptSetHashParam(dead, 99, value, 1), kEip);
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashSetParamTest, NullDataIsInvalidParameterBeforeFlagsAndParameter) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    EXPECT_FAILS_WITH(CryptSetHashParam(hash, HP_HASHVAL, nullptr, 0), kEip);
    EXPECT_FAILS_WITH(CryptSetHashParam(hash, HP_HASHVAL, nullptr, 1), kEip);
    EXPECT_FAILS_WITH(CryptSetHashParam(hash, 99, nullptr, 0), kEip);
    EXPECT_TRUE(Feed(hash, "abc")) << "nothing was set";
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashSetParamTest, FlagsAreBadFlagsBeforeTheParameterAndSetNothing) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    ASSERT_TRUE(Feed(hash, "abc"));
    BYTE value[64];
    memset(value, 0x5A, sizeof value);
    for (DWORD flags : {1u, 0x80000000u, ~0u}) {
        EXPECT_FAILS_WITH(CryptSetHashParam(hash, HP_HASHVAL, value, flags), NTE_BAD_FLAGS);
        EXPECT_FAILS_WITH(CryptSetHashParam(hash, 99, value, flags), NTE_BAD_FLAGS);  // step 3 before step 4
    }
    EXPECT_TRUE(Feed(hash, "def")) << "still hashing";
    EXPECT_EQ(HashValue(hash), FreshDigest(prov, {"abcdef"}));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashSetParamTest, HashValSetsExactlyHashSizeBytesAndFinishes) {
    // §3.10 step 5: HP_HASHSIZE bytes, no length argument. Each buffer is exactly that long,
    // on the heap, so ASan reports a read past it.
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    for (const HashKind &kind : kHashKinds) {
        if (!kind.compiled) continue;
        SCOPED_TRACE(kind.algorithm);
        HCRYPTHASH hash = Create(prov, kind.algorithm);
        if (kind.algorithm != CALG_SSL3_SHAMD5) {
            ASSERT_TRUE(Feed(hash, "abc"));
        }
        std::vector<BYTE> value(kind.size);
        for (size_t i = 0; i < value.size(); ++i) value[i] = static_cast<BYTE>(0xA0 + i);
        ASSERT_TRUE(CryptSetHashParam(hash, HP_HASHVAL, value.data(), 0)) << GetLastError();
        EXPECT_EQ(HashValue(hash), value);
        EXPECT_EQ(HashDword(hash, HP_HASHSIZE), kind.size);
        if (kind.algorithm != CALG_SSL3_SHAMD5) {
            EXPECT_FAILS_WITH(CryptHashData(hash, reinterpret_cast<const BYTE *>("x"), 1, 0), NTE_BAD_HASH_STATE);
        }
        EXPECT_TRUE(CryptDestroyHash(hash));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashSetParamTest, HashValSetOnAFreshHashReplacesTheEmptyDigest) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    BYTE value[kPlainHashSize];
    memset(value, 0x11, sizeof value);
    ASSERT_TRUE(CryptSetHashParam(hash, HP_HASHVAL, value, 0));
    EXPECT_EQ(HashValue(hash), std::vector<BYTE>(value, value + sizeof value));
    EXPECT_NE(HashValue(hash), FreshDigest(prov, {}));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashSetParamTest, OtherParametersAreBadTypeAndSetNothing) {
    // §3.10 step 6 [documented]; HP_HMAC_INFO on a hash that is not CALG_HMAC is NTE_BAD_TYPE
    // (docs/COMPATIBILITY.md). HP_ALGID and HP_HASHSIZE are read-only.
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    ASSERT_TRUE(Feed(hash, "abc"));
    BYTE value[64] = {};
    for (DWORD param : std::initializer_list<DWORD>{0u, static_cast<DWORD>(HP_ALGID), static_cast<DWORD>(HP_HASHSIZE),
                        static_cast<DWORD>(HP_HMAC_INFO), 3u, 8u, 0xFFFFu, ~0u}) {
        SCOPED_TRACE(param);
        EXPECT_FAILS_WITH(CryptSetHashParam(hash, param, value, 0), NTE_BAD_TYPE);
    }
    EXPECT_EQ(HashDword(hash, HP_ALGID), static_cast<DWORD>(kPlainHash));
    EXPECT_EQ(HashDword(hash, HP_HASHSIZE), kPlainHashSize);
    EXPECT_TRUE(Feed(hash, "def")) << "still hashing";
    EXPECT_EQ(HashValue(hash), FreshDigest(prov, {"abcdef"}));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== CryptDuplicateHash (reference §3.11) ==============================================

using HashDuplicateTest = CapiTest;

TEST_F(HashDuplicateTest, DeadHashIsInvalidParameter) {
    HCRYPTPROV prov = AcquireVerify();
    for (HCRYPTHASH dead : DeadHashes(prov)) {
        SCOPED_TRACE(dead);
        HCRYPTHASH copy = 0x1234;
        EXPECT_FAILS_WITH(CryptDuplicateHash(dead, nullptr, 0, &copy), kEip);
        EXPECT_FAILS_WITH(CryptDuplicateHash(dead, nullptr, 1, nullptr), kEip);
    }
    EXPECT_EQ(HashesInUse(), 0u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashDuplicateTest, ReservedPointerIsInvalidParameter) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    DWORD reserved = 0;
    HCRYPTHASH copy = 0x1234;
    EXPECT_FAILS_WITH(CryptDuplicateHash(hash, &reserved, 0, &copy), kEip);
    EXPECT_FAILS_WITH(CryptDuplicateHash(hash, &reserved, 1, &copy), kEip);
    EXPECT_EQ(HashesInUse(), 1u) << "no copy was made";
    EXPECT_TRUE(Feed(hash, "abc")) << "the original is untouched";
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashDuplicateTest, NullOutputIsInvalidParameter) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    EXPECT_FAILS_WITH(CryptDuplicateHash(hash, nullptr, 0, nullptr), kEip);
    EXPECT_FAILS_WITH(CryptDuplicateHash(hash, nullptr, 1, nullptr), kEip);
    EXPECT_EQ(HashesInUse(), 1u);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashDuplicateTest, FlagsAreInvalidParameterAndMakeNoCopy) {
    // §3.11 step 3 [Wine-only; docs/COMPATIBILITY.md].
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    ASSERT_TRUE(Feed(hash, "abc"));
    for (DWORD flags : {1u, 0x80000000u, ~0u}) {
        HCRYPTHASH copy = 0x1234;
        EXPECT_FAILS_WITH(CryptDuplicateHash(hash, nullptr, flags, &copy), kEip);
        EXPECT_EQ(copy, 0u) << "*phHash is 0 after a failure past the pointer check (§1.3)";
    }
    EXPECT_EQ(HashesInUse(), 1u);
    EXPECT_EQ(HashValue(hash), FreshDigest(prov, {"abc"}));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashDuplicateTest, CopyIsIndependentBothWays) {
    // Windows-validated (test_hashes): the clone continues alone, the original carries on.
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    for (const HashKind &kind : kHashKinds) {
        if (!kind.compiled || kind.algorithm == CALG_SSL3_SHAMD5) continue;
        SCOPED_TRACE(kind.algorithm);
        HCRYPTHASH original = Create(prov, kind.algorithm);
        ASSERT_TRUE(Feed(original, "abc"));
        HCRYPTHASH copy = 0;
        ASSERT_TRUE(CryptDuplicateHash(original, nullptr, 0, &copy)) << GetLastError();
        EXPECT_NE(copy, original);
        EXPECT_EQ(HashDword(copy, HP_ALGID), kind.algorithm);
        EXPECT_TRUE(Feed(original, "def"));
        EXPECT_TRUE(Feed(copy, "xyz"));
        // Finish the copy first: the original must still take data.
        EXPECT_EQ(HashValue(copy), FreshDigest(prov, {"abcxyz"}, kind.algorithm));
        EXPECT_TRUE(Feed(original, "ghi"));
        EXPECT_EQ(HashValue(original), FreshDigest(prov, {"abcdefghi"}, kind.algorithm));
        EXPECT_TRUE(CryptDestroyHash(original));
        EXPECT_TRUE(CryptDestroyHash(copy));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashDuplicateTest, CopyOfAFinishedHashHasTheValueAndIsFinished) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    ASSERT_TRUE(Feed(hash, "abc"));
    const std::vector<BYTE> value = HashValue(hash);
    HCRYPTHASH copy = 0;
    ASSERT_TRUE(CryptDuplicateHash(hash, nullptr, 0, &copy));
    EXPECT_EQ(HashValue(copy), value);
    EXPECT_FAILS_WITH(CryptHashData(copy, reinterpret_cast<const BYTE *>("x"), 1, 0), NTE_BAD_HASH_STATE);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_EQ(HashValue(copy), value) << "destroying the original leaves the copy";
    EXPECT_TRUE(CryptDestroyHash(copy));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashDuplicateTest, CopyOfASetSsl3ShaMd5HasTheSetValue) {
    HCRYPTPROV prov = AcquireVerify();
    if (!(TINYCAPI_ENABLE_MD5 && TINYCAPI_ENABLE_SHA1)) {
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
        GTEST_SKIP() << "CALG_SSL3_SHAMD5 compiled out";
    }
    HCRYPTHASH hash = Create(prov, CALG_SSL3_SHAMD5);
    std::vector<BYTE> value(36);
    for (size_t i = 0; i < value.size(); ++i) value[i] = static_cast<BYTE>(i * 7);
    ASSERT_TRUE(CryptSetHashParam(hash, HP_HASHVAL, value.data(), 0));
    HCRYPTHASH copy = 0;
    ASSERT_TRUE(CryptDuplicateHash(hash, nullptr, 0, &copy));
    EXPECT_EQ(HashValue(copy), value);
    EXPECT_EQ(HashDword(copy, HP_ALGID), static_cast<DWORD>(CALG_SSL3_SHAMD5));
    EXPECT_TRUE(CryptDestroyHash(copy));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashDuplicateTest, CopyBelongsToTheSameProvider) {
    // §2.3: the last release kills every hash of the context, copies included.
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    HCRYPTHASH copy = 0;
    ASSERT_TRUE(CryptDuplicateHash(hash, nullptr, 0, &copy));
    EXPECT_EQ(HashesInUse(), 2u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_EQ(HashesInUse(), 0u);
    EXPECT_FAILS_WITH(CryptHashData(copy, nullptr, 0, 0), kEip);
    EXPECT_FAILS_WITH(CryptDestroyHash(copy), kEip);
}

// ===== CryptDestroyHash (reference §3.12, §2.4) ==========================================

using HashDestroyTest = CapiTest;

TEST_F(HashDestroyTest, DeadHashIsInvalidParameter) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH live = Create(prov);
    for (HCRYPTHASH dead : DeadHashes(prov)) {
        SCOPED_TRACE(dead);
        EXPECT_FAILS_WITH(CryptDestroyHash(dead), kEip);
    }
    EXPECT_EQ(HashesInUse(), 1u);
    EXPECT_TRUE(Feed(live, "abc")) << "a live hash is untouched by destroys of dead ones";
    EXPECT_TRUE(CryptDestroyHash(live));
    EXPECT_TRUE(CryptReleaseContext(prov, 0)) << "the provider handle passed as a hash was not destroyed";
}

TEST_F(HashDestroyTest, DoubleDestroyIsInvalidParameter) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_EQ(HashesInUse(), 0u) << "the slot is free";
    EXPECT_FAILS_WITH(CryptDestroyHash(hash), kEip);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashDestroyTest, DestroyedHandleIsDeadForEveryFunction) {
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    ASSERT_TRUE(CryptDestroyHash(hash));
    BYTE buffer[64] = {};
    DWORD length = sizeof buffer;
    HCRYPTHASH copy = 0;
    EXPECT_FAILS_WITH(CryptHashData(hash, buffer, 4, 0), kEip);
    EXPECT_FAILS_WITH(CryptGetHashParam(hash, HP_HASHVAL, buffer, &length, 0), kEip);
    EXPECT_FAILS_WITH(CryptSetHashParam(hash, HP_HASHVAL, buffer, 0), kEip);
    EXPECT_FAILS_WITH(CryptDuplicateHash(hash, nullptr, 0, &copy), kEip);
    EXPECT_FAILS_WITH(CryptDestroyHash(hash), kEip);
    EXPECT_EQ(HashesInUse(), 0u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashDestroyTest, StaleHandleAfterSlotReuseIsRejected) {
    // §2.1 [library design]: a slot is never reused with the same generation.
    HCRYPTPROV prov = AcquireVerify();
    std::vector<HCRYPTHASH> stale;
    for (int i = 0; i < 2 * TINYCAPI_MAX_HASHES; ++i) {
        HCRYPTHASH hash = Create(prov);
        for (HCRYPTHASH old : stale) EXPECT_NE(hash, old) << "a handle value came back";
        ASSERT_TRUE(CryptDestroyHash(hash));
        stale.push_back(hash);
    }
    HCRYPTHASH live = Create(prov);
    for (HCRYPTHASH old : stale) {
        EXPECT_FAILS_WITH(CryptHashData(old, nullptr, 0, 0), kEip);
        EXPECT_FAILS_WITH(CryptDestroyHash(old), kEip);
    }
    EXPECT_TRUE(Feed(live, "abc"));
    EXPECT_TRUE(CryptDestroyHash(live));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== Hashes of a released provider (reference §2.3) ====================================

using HashOfReleasedProviderTest = CapiTest;

TEST_F(HashOfReleasedProviderTest, HashDataAndDestroyAreInvalidParameter) {
    // Windows-validated (test_hashes, "release provider before using the hash").
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_FULL, MS_ENHANCED_PROV_A);
    HCRYPTHASH hash = Create(prov, kPlainHash);
    ASSERT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_EQ(HashesInUse(), 0u) << "the release reclaimed the hash's slot";
    const BYTE data[] = "data";
    EXPECT_FAILS_WITH(CryptHashData(hash, data, sizeof data, 0), kEip);
    EXPECT_FAILS_WITH(CryptDestroyHash(hash), kEip);
}

TEST_F(HashOfReleasedProviderTest, EveryOtherHashFunctionIsInvalidParameter) {
    // §2.3 [Wine-only for live children of a released context].
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    ASSERT_TRUE(Feed(hash, "abc"));
    ASSERT_TRUE(CryptReleaseContext(prov, 0));
    BYTE buffer[64] = {};
    DWORD length = sizeof buffer;
    HCRYPTHASH copy = 0x1234;
    EXPECT_FAILS_WITH(CryptGetHashParam(hash, HP_HASHVAL, buffer, &length, 0), kEip);
    EXPECT_FAILS_WITH(CryptGetHashParam(hash, HP_ALGID, buffer, &length, 0), kEip);
    EXPECT_FAILS_WITH(CryptSetHashParam(hash, HP_HASHVAL, buffer, 0), kEip);
    EXPECT_FAILS_WITH(CryptDuplicateHash(hash, nullptr, 0, &copy), kEip);
    EXPECT_EQ(length, sizeof buffer);
    EXPECT_EQ(HashesInUse(), 0u);
}

TEST_F(HashOfReleasedProviderTest, ReleaseWithFlagsAtTheLastReferenceStillKillsTheHashes) {
    // §2.3 step 4 [Windows-validated]: released unconditionally, then NTE_BAD_FLAGS.
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    EXPECT_FAILS_WITH(CryptReleaseContext(prov, 1), NTE_BAD_FLAGS);
    EXPECT_EQ(HashesInUse(), 0u);
    EXPECT_FAILS_WITH(CryptHashData(hash, nullptr, 0, 0), kEip);
}

TEST_F(HashOfReleasedProviderTest, ReleaseThatIsNotTheLastLeavesHashesUsable) {
    // §2.2: keys and hashes are unaffected by the reference count until it reaches 0.
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = Create(prov);
    ASSERT_TRUE(CryptContextAddRef(prov, nullptr, 0));
    ASSERT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_TRUE(Feed(hash, "abc"));
    EXPECT_EQ(HashValue(hash), FreshDigest(prov, {"abc"}));
    ASSERT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_FAILS_WITH(CryptHashData(hash, nullptr, 0, 0), kEip);
    EXPECT_EQ(HashesInUse(), 0u);
}

TEST_F(HashOfReleasedProviderTest, HashesOfAnotherProviderSurvive) {
    HCRYPTPROV doomed = AcquireVerify(), survivor = AcquireVerify();
    HCRYPTHASH dead = Create(doomed), live = Create(survivor);
    ASSERT_TRUE(Feed(live, "abc"));
    ASSERT_TRUE(CryptReleaseContext(doomed, 0));
    EXPECT_EQ(HashesInUse(), 1u);
    EXPECT_FAILS_WITH(CryptHashData(dead, nullptr, 0, 0), kEip);
    EXPECT_TRUE(Feed(live, "def"));
    EXPECT_EQ(HashValue(live), FreshDigest(survivor, {"abcdef"}));
    EXPECT_TRUE(CryptDestroyHash(live));
    EXPECT_TRUE(CryptReleaseContext(survivor, 0));
}

// ===== The hash pool (docs/COMPATIBILITY.md: a full pool is NTE_NO_MEMORY) ===============

using HashPoolTest = CapiTest;

TEST_F(HashPoolTest, FullPoolIsNoMemoryAndRecoversAfterADestroy) {
    // The pool is shared by every context: fill it from two.
    HCRYPTPROV first = AcquireVerify(), second = AcquireVerify();
    std::vector<HCRYPTHASH> hashes;
    for (int i = 0; i < TINYCAPI_MAX_HASHES; ++i) {
        hashes.push_back(Create(i % 2 ? second : first));
        ASSERT_NE(hashes.back(), 0u) << "hash " << i << " of " << TINYCAPI_MAX_HASHES;
    }
    EXPECT_EQ(HashesInUse(), static_cast<uint32_t>(TINYCAPI_MAX_HASHES));
    for (HCRYPTPROV prov : {first, second}) {
        HCRYPTHASH extra = 0x1234;
        EXPECT_FAILS_WITH(CryptCreateHash(prov, kPlainHash, 0, 0, &extra), NTE_NO_MEMORY);
        EXPECT_EQ(extra, 0u);
    }
    // A duplicate needs a slot too, and leaves its original alone when there is none.
    ASSERT_TRUE(Feed(hashes[0], "abc"));
    HCRYPTHASH extra = 0x1234;
    EXPECT_FAILS_WITH(CryptDuplicateHash(hashes[0], nullptr, 0, &extra), NTE_NO_MEMORY);
    EXPECT_EQ(extra, 0u);
    EXPECT_TRUE(Feed(hashes[0], "def")) << "the original is still hashing";

    ASSERT_TRUE(CryptDestroyHash(hashes.back()));
    hashes.pop_back();
    HCRYPTHASH again = 0;
    EXPECT_TRUE(CryptCreateHash(second, kPlainHash, 0, 0, &again)) << GetLastError();
    EXPECT_TRUE(Feed(again, "abc"));
    EXPECT_EQ(HashesInUse(), static_cast<uint32_t>(TINYCAPI_MAX_HASHES));
    EXPECT_FAILS_WITH(CryptCreateHash(second, kPlainHash, 0, 0, &extra), NTE_NO_MEMORY);
    EXPECT_TRUE(CryptDestroyHash(again));

    EXPECT_EQ(HashValue(hashes[0]), FreshDigest(first, {"abcdef"})) << "the failed duplicate changed nothing";
    for (HCRYPTHASH hash : hashes) EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(first, 0));
    EXPECT_TRUE(CryptReleaseContext(second, 0));
}

TEST_F(HashPoolTest, EveryCheckOfWindowsWinsOverAFullPool) {
    // §1.1: the first failing check of §3.7 decides the code. A full pool is the library's
    // own condition, met only when the call would otherwise succeed: Windows never reports
    // a memory failure for a bad flag, algorithm or key.
    HCRYPTPROV full = AcquireVerify(PROV_RSA_FULL);
    std::vector<HCRYPTHASH> hashes;
    for (int i = 0; i < TINYCAPI_MAX_HASHES; ++i) hashes.push_back(Create(full));
    HCRYPTHASH extra = 0x1234;
    EXPECT_FAILS_WITH(CryptCreateHash(full, kPlainHash, 0, 0, nullptr), kEip);
    EXPECT_FAILS_WITH(CryptCreateHash(full, kPlainHash, 0xdeadbeef, 0, &extra), kEip);
    EXPECT_FAILS_WITH(CryptCreateHash(full, kPlainHash, 0, 1, &extra), NTE_BAD_FLAGS);
    EXPECT_EQ(extra, 0u);
    EXPECT_FAILS_WITH(CryptCreateHash(full, CALG_RC4, 0, 0, &extra), NTE_BAD_ALGID);
    EXPECT_FAILS_WITH(CryptCreateHash(full, 0xFFFF, 0, 0, &extra), NTE_BAD_ALGID);
    EXPECT_FAILS_WITH(CryptCreateHash(full, CALG_SHA_256, 0, 0, &extra), NTE_BAD_ALGID);  // not on PROV_RSA_FULL
    EXPECT_FAILS_WITH(CryptCreateHash(full, CALG_HMAC, 0, 0, &extra), NTE_BAD_KEY);
    EXPECT_FAILS_WITH(CryptCreateHash(full, kPlainHash, 0, 0, &extra), NTE_NO_MEMORY);
    for (HCRYPTHASH hash : hashes) EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(full, 0));
}

TEST_F(HashPoolTest, ReleasingAProviderGivesItsSlotsBack) {
    HCRYPTPROV prov = AcquireVerify();
    for (int i = 0; i < TINYCAPI_MAX_HASHES; ++i) Create(prov);
    EXPECT_EQ(HashesInUse(), static_cast<uint32_t>(TINYCAPI_MAX_HASHES));
    ASSERT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_EQ(HashesInUse(), 0u);
    prov = AcquireVerify();
    std::vector<HCRYPTHASH> hashes;
    for (int i = 0; i < TINYCAPI_MAX_HASHES; ++i) hashes.push_back(Create(prov));
    for (HCRYPTHASH hash : hashes) EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== Last error (reference §1.1) =======================================================

using HashLastErrorTest = CapiTest;

TEST_F(HashLastErrorTest, SuccessfulHashCallsLeaveTheLastErrorAlone) {
    // §1.1 [library design]: only CryptAcquireContext sets it on success.
    HCRYPTPROV prov = AcquireVerify();
    SetLastError(0x1234);
    HCRYPTHASH hash = 0, copy = 0;
    ASSERT_TRUE(CryptCreateHash(prov, kPlainHash, 0, 0, &hash));
    EXPECT_EQ(GetLastError(), 0x1234u) << "CryptCreateHash";
    ASSERT_TRUE(Feed(hash, "abc"));
    EXPECT_EQ(GetLastError(), 0x1234u) << "CryptHashData";
    ASSERT_TRUE(CryptDuplicateHash(hash, nullptr, 0, &copy));
    EXPECT_EQ(GetLastError(), 0x1234u) << "CryptDuplicateHash";
    DWORD length = 0;
    ASSERT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, nullptr, &length, 0));
    EXPECT_EQ(GetLastError(), 0x1234u) << "CryptGetHashParam";
    BYTE value[64] = {};
    ASSERT_TRUE(CryptSetHashParam(copy, HP_HASHVAL, value, 0));
    EXPECT_EQ(GetLastError(), 0x1234u) << "CryptSetHashParam";
    ASSERT_TRUE(CryptDestroyHash(copy));
    ASSERT_TRUE(CryptDestroyHash(hash));
    EXPECT_EQ(GetLastError(), 0x1234u) << "CryptDestroyHash";
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

}  // namespace
}  // namespace tinycapi::testing
