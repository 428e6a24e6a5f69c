// CryptDeriveKey, CryptGenKey, CryptImportKey, CryptExportKey, CryptEncrypt, CryptDecrypt,
// CryptGetKeyParam, CryptSetKeyParam, CryptDuplicateKey, CryptDestroyKey and
// CryptHashSessionKey: every check of reference §3.13-3.22 and §3.26 in Windows' order (the
// first failing check decides the code, §1.1), the PLAINTEXTKEYBLOB rules of §6.3, the
// Windows-validated sequences of §5.5, keys of a released provider (§2.3), the key pool, and
// the rule that a failed call changes nothing (style.md, "Errors").
//
// Sources of expected values, cited next to each: the reference (its tags say whether Windows
// validated a rule), and Wine's conformance tests dlls/rsaenh/tests/rsaenh.c in
// wine-mirror/wine (test_block_cipher_modes, test_3des112, test_des, test_3des, test_aes,
// test_rc2, test_rc4, test_RC4_salt, test_rc2_import), whose assertions that are neither
// todo_wine nor broken() record what Windows does. SEQ(n) = bytes i & 0xFF for i < n;
// D2000 = MD2(SEQ(2000)), the base hash of Wine's derive_key().
#include <string.h>
#if defined(__unix__)
#include <sys/mman.h>
#endif

#include <string>
#include <vector>

#include "test_bytes.hpp"
#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {


constexpr DWORD kEip = ERROR_INVALID_PARAMETER;
constexpr DWORD kPermissions = CRYPT_ENCRYPT | CRYPT_DECRYPT | CRYPT_READ | CRYPT_WRITE | CRYPT_MAC;  // 0x3B, §5.4




// The four personalities of reference §4.1, with their RC2/RC4 lengths of §4.2.
struct Personality {
    const char *name;
    DWORD type;
    DWORD rc_default_bits;
    DWORD rc_max_bits;
    bool has_3des;
    bool has_aes;
};
const Personality kBase{MS_DEF_PROV_A, PROV_RSA_FULL, 40, 56, false, false};
const Personality kStrong{MS_STRONG_PROV_A, PROV_RSA_FULL, 128, 128, true, false};
const Personality kEnhanced{MS_ENHANCED_PROV_A, PROV_RSA_FULL, 128, 128, true, false};
const Personality kAes{MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES, 128, 128, true, true};
const Personality kPersonalities[] = {kBase, kStrong, kEnhanced, kAes};

// A PLAINTEXTKEYBLOB (reference §6.1-6.2) with every header field chosen by the caller.
Bytes Blob(BYTE type, BYTE version, WORD reserved, ALG_ID algorithm, const Bytes &tail) {
    Bytes blob = {type, version, static_cast<BYTE>(reserved), static_cast<BYTE>(reserved >> 8)};
    for (int i = 0; i < 4; ++i) blob.push_back(static_cast<BYTE>(algorithm >> (8 * i)));
    return Concat(blob, tail);
}


Bytes PlaintextBlob(ALG_ID algorithm, const Bytes &key) {
    return Blob(PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, algorithm, Concat(Dword(static_cast<DWORD>(key.size())), key));
}

class KeyTest : public CapiTest {
protected:
    static HCRYPTPROV Acquire(const Personality &personality) {
        HCRYPTPROV prov = 0;
        EXPECT_TRUE(CryptAcquireContextA(&prov, nullptr, personality.name, personality.type, CRYPT_VERIFYCONTEXT))
            << GetLastError();
        return prov;
    }

    static HCRYPTHASH HashOf(HCRYPTPROV prov, ALG_ID algorithm, const Bytes &data) {
        HCRYPTHASH hash = 0;
        EXPECT_TRUE(CryptCreateHash(prov, algorithm, 0, 0, &hash)) << GetLastError();
        if (!data.empty()) {
            EXPECT_TRUE(CryptHashData(hash, data.data(), static_cast<DWORD>(data.size()), 0));
        }
        return hash;
    }

    static Bytes HashValue(HCRYPTHASH hash) {
        BYTE value[64];
        DWORD length = sizeof value;
        if (!CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0)) {
            ADD_FAILURE() << "HP_HASHVAL failed: " << GetLastError();
            return {};
        }
        return Bytes(value, value + length);
    }

    // The digest of `data` through a fresh hash: what a hash fed by other calls must hold.
    static Bytes Digest(HCRYPTPROV prov, ALG_ID algorithm, const Bytes &data) {
        HCRYPTHASH hash = HashOf(prov, algorithm, data);
        Bytes value = HashValue(hash);
        EXPECT_TRUE(CryptDestroyHash(hash));
        return value;
    }

    // DeriveKey(algorithm, flags) from the MD5 of `data`; 0 on failure (reported).
    static HCRYPTKEY Derive(HCRYPTPROV prov, ALG_ID algorithm, DWORD flags, const Bytes &data = Seq(100),
                            ALG_ID hash_algorithm = CALG_MD5) {
        HCRYPTHASH hash = HashOf(prov, hash_algorithm, data);
        HCRYPTKEY key = 0;
        EXPECT_TRUE(CryptDeriveKey(prov, algorithm, hash, flags, &key)) << std::hex << algorithm << ": " << GetLastError();
        EXPECT_TRUE(CryptDestroyHash(hash));
        return key;
    }

    // Wine's derive_key(): DeriveKey((bits << 16) | CRYPT_EXPORTABLE) from D2000.
    static HCRYPTKEY DeriveFromD2000(HCRYPTPROV prov, ALG_ID algorithm, DWORD bits) {
        return Derive(prov, algorithm, (bits << 16) | CRYPT_EXPORTABLE, Seq(2000), CALG_MD2);
    }

    static HCRYPTKEY Import(HCRYPTPROV prov, ALG_ID algorithm, const Bytes &key, DWORD flags = CRYPT_EXPORTABLE) {
        const Bytes blob = PlaintextBlob(algorithm, key);
        HCRYPTKEY out = 0;
        EXPECT_TRUE(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, flags, &out))
            << std::hex << algorithm << ": " << GetLastError();
        return out;
    }

    static Bytes Export(HCRYPTKEY key) {
        BYTE blob[600];
        DWORD length = sizeof blob;
        if (!CryptExportKey(key, 0, PLAINTEXTKEYBLOB, 0, blob, &length)) {
            ADD_FAILURE() << "CryptExportKey failed: " << GetLastError();
            return {};
        }
        return Bytes(blob, blob + length);
    }

    // The key bytes of an exportable key (the blob without its 12-byte header).
    static Bytes KeyMaterial(HCRYPTKEY key) {
        const Bytes blob = Export(key);
        return blob.size() >= 12 ? Bytes(blob.begin() + 12, blob.end()) : Bytes{};
    }

    static DWORD GetDword(HCRYPTKEY key, DWORD param) {
        DWORD value = 0xdeadbeef, length = sizeof value;
        EXPECT_TRUE(CryptGetKeyParam(key, param, reinterpret_cast<BYTE *>(&value), &length, 0))
            << "param " << param << ": " << GetLastError();
        EXPECT_EQ(length, sizeof(DWORD)) << "DWORD parameters are 4 bytes (reference §3.19)";
        return value;
    }

    static Bytes GetBytes(HCRYPTKEY key, DWORD param) {
        BYTE value[64];
        DWORD length = sizeof value;
        if (!CryptGetKeyParam(key, param, value, &length, 0)) {
            ADD_FAILURE() << "param " << param << ": " << GetLastError();
            return {};
        }
        return Bytes(value, value + length);
    }

    static BOOL SetDword(HCRYPTKEY key, DWORD param, DWORD value) {
        return CryptSetKeyParam(key, param, reinterpret_cast<const BYTE *>(&value), 0);
    }

    // KP_IV takes bl bytes and has no length argument (reference §3.20); `iv` holds at least bl.
    static BOOL SetIv(HCRYPTKEY key, const Bytes &iv) { return CryptSetKeyParam(key, KP_IV, iv.data(), 0); }

    static BOOL SetSaltEx(HCRYPTKEY key, const Bytes &salt) {
        CRYPT_INTEGER_BLOB blob;
        blob.cbData = static_cast<DWORD>(salt.size());
        blob.pbData = const_cast<BYTE *>(salt.data());
        return CryptSetKeyParam(key, KP_SALT_EX, reinterpret_cast<const BYTE *>(&blob), 0);
    }

    static Bytes Encrypt(HCRYPTKEY key, Bytes data, BOOL final = TRUE, HCRYPTHASH hash = 0) {
        DWORD length = static_cast<DWORD>(data.size());
        data.resize(data.size() + 32);
        EXPECT_TRUE(CryptEncrypt(key, hash, final, 0, data.data(), &length, static_cast<DWORD>(data.size())))
            << GetLastError();
        data.resize(length);
        return data;
    }

    static Bytes Decrypt(HCRYPTKEY key, Bytes data, BOOL final = TRUE, HCRYPTHASH hash = 0) {
        DWORD length = static_cast<DWORD>(data.size());
        EXPECT_TRUE(CryptDecrypt(key, hash, final, 0, data.data(), &length)) << GetLastError();
        data.resize(length);
        return data;
    }

    static HCRYPTKEY Duplicate(HCRYPTKEY key) {
        HCRYPTKEY copy = 0;
        EXPECT_TRUE(CryptDuplicateKey(key, nullptr, 0, &copy)) << GetLastError();
        return copy;
    }

    static HCRYPTKEY DestroyedKey(HCRYPTPROV prov) {
        HCRYPTKEY key = 0;
        EXPECT_TRUE(CryptGenKey(prov, CALG_RC4, 0, &key));
        EXPECT_TRUE(CryptDestroyKey(key));
        return key;
    }

    // A key handle that is dead because its provider was fully released (reference §2.3).
    static HCRYPTKEY KeyOfAReleasedProvider() {
        HCRYPTPROV prov = Acquire(kAes);
        HCRYPTKEY key = 0;
        EXPECT_TRUE(CryptGenKey(prov, CALG_AES_128, 0, &key));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
        return key;
    }

    // Dead key values of every flavour (§2.1): zero, garbage, destroyed, child of a released
    // context, a live handle of another kind, all ones. Takes no slot.
    static std::vector<HCRYPTKEY> DeadKeys(HCRYPTPROV live_prov, HCRYPTHASH live_hash) {
        return {0,
                0xdeadbeef,
                DestroyedKey(live_prov),
                KeyOfAReleasedProvider(),
                live_hash,
                live_prov,
                static_cast<HCRYPTKEY>(~static_cast<uintptr_t>(0))};
    }

    static HCRYPTPROV ReleasedProvider() {
        HCRYPTPROV prov = Acquire(kAes);
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
        return prov;
    }

    // Whether the hash still accepts data (it was not finished).
    static bool Hashing(HCRYPTHASH hash) {
        const BYTE b = 0;
        return CryptHashData(hash, &b, 0, 0) != FALSE;
    }
};

// ===== CryptDeriveKey (reference §3.13) ==================================================

using KeyDeriveTest = KeyTest;

TEST_F(KeyDeriveTest, DeadProviderIsInvalidParameterBeforeEveryOtherCheck) {
    HCRYPTPROV live = Acquire(kEnhanced);
    HCRYPTHASH hash = HashOf(live, CALG_MD5, Seq(10));
    for (HCRYPTPROV dead : {HCRYPTPROV{0}, HCRYPTPROV{0xdeadbeef}, ReleasedProvider(), HCRYPTPROV{hash}}) {
        SCOPED_TRACE(dead);
        HCRYPTKEY key = 0;
        EXPECT_FAILS_WITH(CryptDeriveKey(dead, CALG_RC4, hash, 0, &key), kEip);
        // Step 1 comes before the hash, pointer, algorithm and length checks.
        EXPECT_FAILS_WITH(CryptDeriveKey(dead, CALG_RC5, 0xdeadbeef, 41u << 16, nullptr), kEip);
    }
    EXPECT_TRUE(Hashing(hash)) << "a failed DeriveKey does not finish the base hash";
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(live, 0));
}

TEST_F(KeyDeriveTest, DeadBaseHashIsInvalidParameter) {
    HCRYPTPROV prov = Acquire(kEnhanced);
    HCRYPTKEY live_key = Derive(prov, CALG_RC4, 0);
    HCRYPTHASH destroyed = HashOf(prov, CALG_MD5, {});
    ASSERT_TRUE(CryptDestroyHash(destroyed));
    HCRYPTPROV other = Acquire(kEnhanced);
    HCRYPTHASH of_released = HashOf(other, CALG_MD5, Seq(3));
    ASSERT_TRUE(CryptReleaseContext(other, 0));
    for (HCRYPTHASH dead : {HCRYPTHASH{0}, HCRYPTHASH{0xdeadbeef}, destroyed, of_released, HCRYPTHASH{live_key}, HCRYPTHASH{prov}}) {
        SCOPED_TRACE(dead);
        HCRYPTKEY key = 0;
        EXPECT_FAILS_WITH(CryptDeriveKey(prov, CALG_RC4, dead, 0, &key), kEip);
        EXPECT_FAILS_WITH(CryptDeriveKey(prov, CALG_RC5, dead, 41u << 16, nullptr), kEip);  // before the pointer
    }
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 1u) << "no failed derive took a slot";
    EXPECT_TRUE(CryptDestroyKey(live_key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyDeriveTest, NullOutputPointerIsInvalidParameterBeforeTheAlgorithmCheck) {
    HCRYPTPROV prov = Acquire(kEnhanced);
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, Seq(10));
    EXPECT_FAILS_WITH(CryptDeriveKey(prov, CALG_RC4, hash, 0, nullptr), kEip);
    EXPECT_FAILS_WITH(CryptDeriveKey(prov, CALG_RC5, hash, 41u << 16, nullptr), kEip);  // step 3 before 4 and 5
    EXPECT_TRUE(Hashing(hash));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyDeriveTest, OutputHandleIsZeroAfterAFailureThatFollowsThePointerCheck) {
    // Reference §1.3: the library writes 0 on every failure after the pointer is validated.
    HCRYPTPROV prov = Acquire(kEnhanced);
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, Seq(10));
    struct Case {
        ALG_ID algorithm;
        DWORD flags;
        DWORD error;
    } cases[] = {{CALG_RC5, 0, NTE_BAD_ALGID}, {CALG_DES, 40u << 16, NTE_BAD_FLAGS}, {CALG_RC4, 41u << 16, NTE_BAD_DATA}};
    for (const Case &c : cases) {
        HCRYPTKEY key = 0xdeadbeef;
        EXPECT_FAILS_WITH(CryptDeriveKey(prov, c.algorithm, hash, c.flags, &key), c.error);
        EXPECT_EQ(key, 0u);
    }
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyDeriveTest, AlgorithmsThatAreNotCiphersOfThePersonalityAreBadAlgid) {
    // Reference §3.13 step 4, Windows-validated: RC5, CALG_AES (0x6611), AES_* on the RSA_FULL
    // providers, RSA_SIGN and RSA_KEYX (Wine test_key_derivation rows 5-11). Hashes and the
    // 3DES family on Base (not in its table, §4.2) fail the same way.
    for (const Personality &p : kPersonalities) {
        SCOPED_TRACE(p.name);
        HCRYPTPROV prov = Acquire(p);
        HCRYPTHASH hash = HashOf(prov, CALG_MD5, Seq(10));
        std::vector<ALG_ID> bad = {CALG_RC5, CALG_AES, CALG_RSA_SIGN, CALG_RSA_KEYX, CALG_DESX, CALG_SEAL,
                                   CALG_MD5, CALG_HMAC, CALG_MAC, 0};
        if (!p.has_aes) bad.insert(bad.end(), {CALG_AES_128, CALG_AES_192, CALG_AES_256});
        if (!p.has_3des) bad.insert(bad.end(), {CALG_3DES, CALG_3DES_112});
        for (ALG_ID algorithm : bad) {
            SCOPED_TRACE(algorithm);
            HCRYPTKEY key = 0;
            EXPECT_FAILS_WITH(CryptDeriveKey(prov, algorithm, hash, 0, &key), NTE_BAD_ALGID);
            // The algorithm is step 4, the length step 5.
            EXPECT_FAILS_WITH(CryptDeriveKey(prov, algorithm, hash, 41u << 16, &key), NTE_BAD_ALGID);
        }
        EXPECT_TRUE(Hashing(hash)) << "a failed DeriveKey does not finish the base hash";
        EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
        EXPECT_TRUE(CryptDestroyHash(hash));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

struct DesFamilyLengths {
    ALG_ID algorithm;
    DWORD stored_bits;  // KP_KEYLEN (reference §3.19: DES 64, 3DES_112 128, 3DES 192)
    std::vector<DWORD> accepted;
    std::vector<DWORD> rejected;
};

// Reference §3.13 step 5: DES 56 or 64, 3DES_112 112 or 128, 3DES 168 or 192; 0 is the default.
const DesFamilyLengths kDesFamily[] = {
    {CALG_DES, 64, {0, 56, 64}, {8, 40, 48, 55, 57, 63, 65, 72, 112, 128, 0xFFFF}},
    {CALG_3DES_112, 128, {0, 112, 128}, {56, 64, 104, 120, 136, 168, 192}},
    {CALG_3DES, 192, {0, 168, 192}, {56, 64, 112, 128, 160, 176, 184, 200, 256}},
};

TEST_F(KeyDeriveTest, DesFamilyTakesItsTwoLengthsAndStoresTheLongerOtherLengthsAreBadFlags) {
    HCRYPTPROV prov = Acquire(kEnhanced);
    for (const DesFamilyLengths &row : kDesFamily) {
        SCOPED_TRACE(row.algorithm);
        Bytes first_material;
        for (DWORD bits : row.accepted) {
            SCOPED_TRACE(bits);
            HCRYPTKEY key = Derive(prov, row.algorithm, (bits << 16) | CRYPT_EXPORTABLE);
            EXPECT_EQ(GetDword(key, KP_KEYLEN), row.stored_bits);
            // Both lengths name the same key: 56 bits is the 64-bit key without parity (Wine
            // test_des: derive_key(DES, 0) and (DES, 56) encrypt alike on Windows).
            const Bytes material = KeyMaterial(key);
            EXPECT_EQ(material.size(), row.stored_bits / 8);
            if (first_material.empty()) first_material = material;
            EXPECT_EQ(material, first_material);
            EXPECT_TRUE(CryptDestroyKey(key));
        }
        HCRYPTHASH hash = HashOf(prov, CALG_MD5, Seq(100));
        for (DWORD bits : row.rejected) {
            SCOPED_TRACE(bits);
            HCRYPTKEY key = 0;
            EXPECT_FAILS_WITH(CryptDeriveKey(prov, row.algorithm, hash, bits << 16, &key), NTE_BAD_FLAGS);
        }
        EXPECT_TRUE(Hashing(hash));
        EXPECT_TRUE(CryptDestroyHash(hash));
    }
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyDeriveTest, Rc2AndRc4LengthsOffTheByteGridOrOutsideThePersonalityRangeAreBadData) {
    // Reference §3.13 step 5 and §4.2: Base [40, 56], the others [40, 128], in whole bytes.
    for (const Personality &p : kPersonalities) {
        SCOPED_TRACE(p.name);
        HCRYPTPROV prov = Acquire(p);
        HCRYPTHASH hash = HashOf(prov, CALG_MD5, Seq(100));
        for (ALG_ID algorithm : {ALG_ID{CALG_RC2}, ALG_ID{CALG_RC4}}) {
            SCOPED_TRACE(algorithm);
            for (DWORD bits : {DWORD{0}, DWORD{40}, DWORD{48}, p.rc_max_bits}) {
                HCRYPTKEY key = 0;
                ASSERT_TRUE(CryptDeriveKey(prov, algorithm, hash, bits << 16, &key)) << bits << ": " << GetLastError();
                EXPECT_EQ(GetDword(key, KP_KEYLEN), bits ? bits : p.rc_default_bits);
                EXPECT_TRUE(CryptDestroyKey(key));
            }
            for (DWORD bits : {DWORD{8}, DWORD{32}, DWORD{39}, DWORD{41}, DWORD{47}, p.rc_max_bits - 1,
                               p.rc_max_bits + 1, p.rc_max_bits + 8, DWORD{1024}, DWORD{0xFFFF}}) {
                HCRYPTKEY key = 0;
                EXPECT_FAILS_WITH(CryptDeriveKey(prov, algorithm, hash, bits << 16, &key), NTE_BAD_DATA);
            }
        }
        if (p.has_aes) {
            // AES lengths are fixed (§4.2: min = max).
            HCRYPTKEY key = 0;
            EXPECT_FAILS_WITH(CryptDeriveKey(prov, CALG_AES_128, hash, 192u << 16, &key), NTE_BAD_DATA);
            EXPECT_FAILS_WITH(CryptDeriveKey(prov, CALG_AES_256, hash, 128u << 16, &key), NTE_BAD_DATA);
            EXPECT_FAILS_WITH(CryptDeriveKey(prov, CALG_AES_192, hash, 136u << 16, &key), NTE_BAD_DATA);
        }
        EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
        EXPECT_TRUE(CryptDestroyHash(hash));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(KeyDeriveTest, DefaultLengthsAreThePersonalitys) {
    // Reference §4.2 defaults, reported as KP_KEYLEN (§3.19: DES 64, 3DES_112 128, 3DES 192).
    for (const Personality &p : kPersonalities) {
        SCOPED_TRACE(p.name);
        HCRYPTPROV prov = Acquire(p);
        std::vector<std::pair<ALG_ID, DWORD>> expected = {
            {CALG_RC2, p.rc_default_bits}, {CALG_RC4, p.rc_default_bits}, {CALG_DES, 64}};
        if (p.has_3des) expected.insert(expected.end(), {{CALG_3DES_112, 128}, {CALG_3DES, 192}});
        if (p.has_aes) expected.insert(expected.end(), {{CALG_AES_128, 128}, {CALG_AES_192, 192}, {CALG_AES_256, 256}});
        for (const auto &[algorithm, bits] : expected) {
            HCRYPTKEY key = Derive(prov, algorithm, 0);
            EXPECT_EQ(GetDword(key, KP_KEYLEN), bits) << std::hex << algorithm;
            EXPECT_EQ(GetDword(key, KP_ALGID), algorithm);
            EXPECT_TRUE(CryptDestroyKey(key));
        }
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(KeyDeriveTest, TheBaseHashIsFinishedAndKeepsItsValue) {
    // Reference §3.13 step 6: HashData afterwards → NTE_BAD_HASH_STATE (documented); the value
    // stays readable and unchanged (Wine).
    HCRYPTPROV prov = Acquire(kEnhanced);
    const Bytes data = Seq(300);
    for (ALG_ID hash_algorithm : {ALG_ID{CALG_MD5}, ALG_ID{CALG_SHA1}, ALG_ID{CALG_MD2}}) {
        SCOPED_TRACE(hash_algorithm);
        HCRYPTHASH hash = HashOf(prov, hash_algorithm, data);
        HCRYPTKEY key = 0;
        ASSERT_TRUE(CryptDeriveKey(prov, CALG_3DES, hash, CRYPT_EXPORTABLE, &key)) << GetLastError();
        EXPECT_FAILS_WITH(CryptHashData(hash, data.data(), 1, 0), NTE_BAD_HASH_STATE);
        EXPECT_FAILS_WITH(CryptHashData(hash, nullptr, 0, 0), NTE_BAD_HASH_STATE);
        const Bytes value = HashValue(hash);
        EXPECT_EQ(value, Digest(prov, hash_algorithm, data)) << "the value is the digest of the data, unchanged";
        EXPECT_EQ(HashValue(hash), value) << "and stable";
        // A finished hash derives again, from the same value, the same key.
        HCRYPTKEY again = 0;
        ASSERT_TRUE(CryptDeriveKey(prov, CALG_3DES, hash, CRYPT_EXPORTABLE, &again)) << GetLastError();
        EXPECT_EQ(KeyMaterial(again), KeyMaterial(key));
        EXPECT_TRUE(CryptDestroyKey(again));
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptDestroyHash(hash));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyDeriveTest, UpdateKeyAndUndefinedLowFlagsAreIgnored) {
    // Reference §3.13 step 7: CRYPT_UPDATE_KEY is ignored (documented), other bits too (Wine).
    HCRYPTPROV prov = Acquire(kEnhanced);
    HCRYPTKEY plain = Derive(prov, CALG_3DES, CRYPT_EXPORTABLE);
    for (DWORD extra : {DWORD{CRYPT_UPDATE_KEY}, DWORD{CRYPT_USER_PROTECTED}, DWORD{0x8000}, DWORD{0x0020}}) {
        HCRYPTKEY key = Derive(prov, CALG_3DES, CRYPT_EXPORTABLE | extra);
        EXPECT_EQ(KeyMaterial(key), KeyMaterial(plain)) << std::hex << extra;
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptDestroyKey(plain));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyDeriveTest, ExportableGivesTheExportPermissionAndOnlyThen) {
    // Reference §5.4 and §3.19 KP_PERMISSIONS: 0x3B, +0x04 when exportable (Windows-validated for
    // derived keys: Wine test_rc2).
    HCRYPTPROV prov = Acquire(kEnhanced);
    HCRYPTKEY exportable = Derive(prov, CALG_RC2, (40u << 16) | CRYPT_EXPORTABLE);
    HCRYPTKEY not_exportable = Derive(prov, CALG_RC2, 40u << 16);
    EXPECT_EQ(GetDword(exportable, KP_PERMISSIONS), kPermissions | CRYPT_EXPORT);
    EXPECT_EQ(GetDword(not_exportable, KP_PERMISSIONS), kPermissions);
    DWORD length = 0;
    EXPECT_FAILS_WITH(CryptExportKey(not_exportable, 0, PLAINTEXTKEYBLOB, 0, nullptr, &length), NTE_BAD_KEY_STATE);
    EXPECT_EQ(KeyMaterial(exportable).size(), 5u);
    EXPECT_TRUE(CryptDestroyKey(exportable));
    EXPECT_TRUE(CryptDestroyKey(not_exportable));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyDeriveTest, SaltFollowsTheFlagsAndThePersonality) {
    // Reference §5.3. The value of a created salt is the hash bytes after the key, zero beyond
    // the hash (Windows-validated by the CREATE_SALT vectors below).
    const Bytes data = Seq(100);
    struct Row {
        const Personality *personality;
        ALG_ID algorithm;
        DWORD bits, flags, salt_length;
    } rows[] = {
        {&kBase, CALG_RC4, 40, 0, 11},  // 40-bit keys carry 11 zero bytes (Windows-validated)
        {&kEnhanced, CALG_RC2, 40, 0, 11},
        {&kBase, CALG_RC4, 40, CRYPT_NO_SALT, 0},
        {&kEnhanced, CALG_RC2, 40, CRYPT_NO_SALT, 0},
        {&kBase, CALG_RC4, 56, 0, 0},  // non-40-bit keys have none (Windows-validated)
        {&kEnhanced, CALG_RC4, 128, 0, 0},
        {&kBase, CALG_RC4, 40, CRYPT_CREATE_SALT, 11},  // Base/Strong: 11 whatever the length
        {&kBase, CALG_RC2, 56, CRYPT_CREATE_SALT, 11},
        {&kStrong, CALG_RC4, 40, CRYPT_CREATE_SALT, 11},
        {&kStrong, CALG_RC2, 128, CRYPT_CREATE_SALT, 11},
        {&kEnhanced, CALG_RC4, 40, CRYPT_CREATE_SALT, 0},  // Enhanced: none (Windows-validated)
        {&kEnhanced, CALG_RC2, 56, CRYPT_CREATE_SALT, 0},
        {&kEnhanced, CALG_RC4, 128, CRYPT_CREATE_SALT, 0},
        {&kAes, CALG_RC4, 40, CRYPT_CREATE_SALT, 11},  // AES: 11 for 40 bits, 16 - key bytes (Wine-only)
        {&kAes, CALG_RC2, 56, CRYPT_CREATE_SALT, 9},
        {&kAes, CALG_RC4, 128, CRYPT_CREATE_SALT, 0},
        {&kStrong, CALG_DES, 64, CRYPT_CREATE_SALT, 0},  // every other algorithm has none
        {&kAes, CALG_AES_128, 128, CRYPT_CREATE_SALT, 0},
    };
    for (const Row &row : rows) {
        SCOPED_TRACE(::testing::Message() << row.personality->name << " " << std::hex << row.algorithm << std::dec << " "
                                          << row.bits << " flags " << row.flags);
        HCRYPTPROV prov = Acquire(*row.personality);
        const Bytes value = Digest(prov, CALG_MD5, data);
        HCRYPTKEY key = Derive(prov, row.algorithm, (row.bits << 16) | row.flags | CRYPT_EXPORTABLE, data);
        const Bytes salt = GetBytes(key, KP_SALT);
        EXPECT_EQ(salt.size(), row.salt_length);
        const size_t key_bytes = row.bits / 8;
        Bytes expected(row.salt_length, 0);
        if (row.flags & CRYPT_CREATE_SALT) {
            for (size_t i = 0; i < row.salt_length && key_bytes + i < value.size(); ++i) expected[i] = value[key_bytes + i];
        }
        EXPECT_EQ(salt, expected);
        EXPECT_EQ(GetDword(key, KP_KEYLEN), row.bits) << "KP_KEYLEN never counts the salt";
        EXPECT_EQ(KeyMaterial(key).size(), key_bytes) << "the salt is never exported";
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(KeyDeriveTest, CreateSaltVectorsOfWindows) {
    // Wine test_rc4 and test_rc2, "Test a 40 bit key with salt", run on Windows for each
    // provider: DeriveKey((40 << 16) | CRYPT_CREATE_SALT) from an MD5, then encrypt 16 × 0xAF
    // with Final. RC4: the MD5 of SEQ(2000). RC2: the MD5 of SEQ(2000) whose first 16 bytes
    // are the provider's RC2-56 ciphertext of test_rc2 (rc2_128_encrypted on Strong/Enhanced,
    // rc2_40def_encrypted on Base, the §5.10 rows).
    const Bytes rc2_prefix_strong = Hex("8281f7ffddd7888c2a2ac0ce4c89b666");
    const Bytes rc2_prefix_base = Hex("23c87013422ea8985cdf7a9beadb961b");
    struct Row {
        const Personality *personality;
        ALG_ID algorithm;
        const char *ciphertext;
    } rows[] = {
        {&kEnhanced, CALG_RC4, "41e633c950a1bf88124dd3e347886da5"},  // rc4_40_salt
        {&kBase, CALG_RC4, "2faceaeaff687e77f4b9487c4e79a6b5"},      // rc4_40_salt_base
        {&kStrong, CALG_RC4, "2faceaeaff687e77f4b9487c4e79a6b5"},
        {&kEnhanced, CALG_RC2, "a3d741877ad018dbd46a4feef3cacd34b3159a2a885f43a5"},  // rc2_40_salt_enh
        {&kBase, CALG_RC2, "8c4ea6009b15ef9e8881d065d65357080a7780fa7e891455"},      // rc2_40_salt_base
        {&kStrong, CALG_RC2, "b933b67a35c30688bfd5ccaf14aee231c69aaa3f052f22da"},    // rc2_40_salt_strong
    };
    for (const Row &row : rows) {
        SCOPED_TRACE(::testing::Message() << row.personality->name << " " << std::hex << row.algorithm);
        Bytes data = Seq(2000);
        if (row.algorithm == CALG_RC2) {
            const Bytes &prefix = row.personality == &kBase ? rc2_prefix_base : rc2_prefix_strong;
            std::copy(prefix.begin(), prefix.end(), data.begin());
        }
        HCRYPTPROV prov = Acquire(*row.personality);
        HCRYPTKEY key = Derive(prov, row.algorithm, (40u << 16) | CRYPT_CREATE_SALT, data);
        EXPECT_EQ(Encrypt(key, Bytes(16, 0xAF)), Hex(row.ciphertext));
        EXPECT_EQ(GetDword(key, KP_KEYLEN), 40u);  // Windows-validated in the same tests
        EXPECT_EQ(GetBytes(key, KP_SALT).size(), row.personality == &kEnhanced ? 0u : 11u);
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

// ===== CryptGenKey (reference §3.14) =====================================================

using KeyGenTest = KeyTest;

TEST_F(KeyGenTest, DeadProviderIsInvalidParameterBeforeEveryOtherCheck) {
    HCRYPTPROV live = Acquire(kAes);
    HCRYPTHASH hash = HashOf(live, CALG_MD5, {});
    for (HCRYPTPROV dead : {HCRYPTPROV{0}, HCRYPTPROV{0xdeadbeef}, ReleasedProvider(), HCRYPTPROV{hash}}) {
        SCOPED_TRACE(dead);
        HCRYPTKEY key = 0;
        EXPECT_FAILS_WITH(CryptGenKey(dead, CALG_AES_128, 0, &key), kEip);
        EXPECT_FAILS_WITH(CryptGenKey(dead, CALG_AES, 41u << 16, nullptr), kEip);
    }
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(live, 0));
}

TEST_F(KeyGenTest, NullOutputPointerIsInvalidParameterBeforeTheAlgorithmCheck) {
    HCRYPTPROV prov = Acquire(kAes);
    EXPECT_FAILS_WITH(CryptGenKey(prov, CALG_AES_128, 0, nullptr), kEip);
    EXPECT_FAILS_WITH(CryptGenKey(prov, CALG_AES, 0, nullptr), kEip);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyGenTest, AlgorithmsOutsideThePersonalitysCipherTableAreBadAlgid) {
    // Reference §3.14 step 5: CALG_AES with or without a length → NTE_BAD_ALGID (Windows-validated:
    // Wine init_aes_environment); so is anything not a session cipher of the table.
    for (const Personality &p : kPersonalities) {
        SCOPED_TRACE(p.name);
        HCRYPTPROV prov = Acquire(p);
        std::vector<ALG_ID> bad = {CALG_AES, CALG_RC5, CALG_DESX, CALG_SEAL, CALG_MD5, CALG_SHA1, CALG_HMAC, CALG_MAC, 0x1234};
        if (!p.has_aes) bad.insert(bad.end(), {CALG_AES_128, CALG_AES_192, CALG_AES_256});
        if (!p.has_3des) bad.insert(bad.end(), {CALG_3DES, CALG_3DES_112});
        for (ALG_ID algorithm : bad) {
            for (DWORD flags : {DWORD{0}, DWORD{128u << 16}, DWORD{41u << 16}}) {
                HCRYPTKEY key = 0xdeadbeef;
                EXPECT_FAILS_WITH(CryptGenKey(prov, algorithm, flags, &key), NTE_BAD_ALGID);
                EXPECT_EQ(key, 0u) << "0 after a failure that follows the pointer check (§1.3)";
            }
        }
        EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(KeyGenTest, Rc2OfOneHundredTwentyEightBitsWorksOnTheAesProviderAndOneThirtySixFails) {
    // Reference §3.14 step 4 (Windows-validated: Wine test_rc2_import, "CryptGenKey() favours
    // advertised key length limit"); the code is NTE_BAD_DATA (§3.13 step 5).
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = 0;
    ASSERT_TRUE(CryptGenKey(prov, CALG_RC2, 128u << 16, &key)) << GetLastError();
    EXPECT_EQ(GetDword(key, KP_KEYLEN), 128u);
    EXPECT_TRUE(CryptDestroyKey(key));
    key = 0xdeadbeef;
    EXPECT_FAILS_WITH(CryptGenKey(prov, CALG_RC2, 136u << 16, &key), NTE_BAD_DATA);
    EXPECT_EQ(key, 0u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyGenTest, LengthsFollowTheDeriveKeyRules) {
    // Reference §3.14 step 4: "length rules as in §3.13".
    HCRYPTPROV enhanced = Acquire(kEnhanced);
    HCRYPTPROV base = Acquire(kBase);
    HCRYPTKEY key = 0;
    for (const DesFamilyLengths &row : kDesFamily) {
        for (DWORD bits : row.accepted) {
            ASSERT_TRUE(CryptGenKey(enhanced, row.algorithm, bits << 16, &key)) << bits;
            EXPECT_EQ(GetDword(key, KP_KEYLEN), row.stored_bits);
            EXPECT_TRUE(CryptDestroyKey(key));
        }
        for (DWORD bits : row.rejected) {
            EXPECT_FAILS_WITH(CryptGenKey(enhanced, row.algorithm, bits << 16, &key), NTE_BAD_FLAGS);
        }
    }
    for (DWORD bits : {41u, 32u, 136u}) {
        EXPECT_FAILS_WITH(CryptGenKey(enhanced, CALG_RC4, bits << 16, &key), NTE_BAD_DATA);
    }
    for (DWORD bits : {41u, 64u, 128u}) {
        EXPECT_FAILS_WITH(CryptGenKey(base, CALG_RC2, bits << 16, &key), NTE_BAD_DATA);
    }
    // Defaults (Windows-validated for RC4: Wine test_RC4_salt, 40 on Base and 128 on Enhanced).
    ASSERT_TRUE(CryptGenKey(base, CALG_RC4, 0, &key));
    EXPECT_EQ(GetDword(key, KP_KEYLEN), 40u);
    EXPECT_TRUE(CryptDestroyKey(key));
    ASSERT_TRUE(CryptGenKey(enhanced, CALG_RC4, 0, &key));
    EXPECT_EQ(GetDword(key, KP_KEYLEN), 128u);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
    EXPECT_TRUE(CryptReleaseContext(enhanced, 0));
    EXPECT_TRUE(CryptReleaseContext(base, 0));
}

TEST_F(KeyGenTest, TwoGeneratedKeysDiffer) {
    HCRYPTPROV prov = Acquire(kAes);
    for (ALG_ID algorithm : {ALG_ID{CALG_AES_256}, ALG_ID{CALG_3DES}, ALG_ID{CALG_RC4}}) {
        HCRYPTKEY a = 0, b = 0;
        ASSERT_TRUE(CryptGenKey(prov, algorithm, CRYPT_EXPORTABLE, &a));
        ASSERT_TRUE(CryptGenKey(prov, algorithm, CRYPT_EXPORTABLE, &b));
        const Bytes key_a = KeyMaterial(a), key_b = KeyMaterial(b);
        EXPECT_EQ(key_a.size(), key_b.size());
        EXPECT_NE(key_a, key_b) << std::hex << algorithm;
        EXPECT_NE(key_a, Bytes(key_a.size(), 0));
        // And they encrypt differently.
        EXPECT_NE(Encrypt(a, Seq(32)), Encrypt(b, Seq(32)));
        EXPECT_TRUE(CryptDestroyKey(a));
        EXPECT_TRUE(CryptDestroyKey(b));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyGenTest, ExportableGivesPermissionsThreeFOtherwiseThreeB) {
    // Reference §3.14 and §5.4 (Windows-validated for generated keys).
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY exportable = 0, fixed = 0;
    ASSERT_TRUE(CryptGenKey(prov, CALG_AES_128, CRYPT_EXPORTABLE, &exportable));
    ASSERT_TRUE(CryptGenKey(prov, CALG_AES_128, 0, &fixed));
    EXPECT_EQ(GetDword(exportable, KP_PERMISSIONS), 0x3Fu);
    EXPECT_EQ(GetDword(fixed, KP_PERMISSIONS), 0x3Bu);
    EXPECT_EQ(KeyMaterial(exportable).size(), 16u);
    DWORD length = 0;
    EXPECT_FAILS_WITH(CryptExportKey(fixed, 0, PLAINTEXTKEYBLOB, 0, nullptr, &length), NTE_BAD_KEY_STATE);
    EXPECT_TRUE(CryptDestroyKey(exportable));
    EXPECT_TRUE(CryptDestroyKey(fixed));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyGenTest, SaltLengthsPerPersonality) {
    // Wine test_RC4_salt, run on Windows (rows 4 and 9 are todo_wine: Windows passes them):
    // CryptGenKey(CALG_RC4, (bits << 16) | flags); KP_SALT length, zero unless created.
    // Plus Strong with CREATE_SALT (§5.3: 11 whatever the length) and the AES personality
    // (§5.3: 11 for 40 bits, else 16 - key bytes; Wine-only).
    struct Row {
        const Personality *personality;
        DWORD flags, bits, salt_length;
    } rows[] = {
        {&kBase, 0, 0, 11},
        {&kBase, 0, 40, 11},
        {&kBase, CRYPT_NO_SALT, 40, 0},
        {&kBase, 0, 56, 0},
        {&kBase, CRYPT_CREATE_SALT, 56, 11},
        {&kEnhanced, 0, 0, 0},
        {&kEnhanced, 0, 40, 11},
        {&kEnhanced, CRYPT_NO_SALT, 40, 0},
        {&kEnhanced, CRYPT_CREATE_SALT, 40, 0},
        {&kEnhanced, CRYPT_CREATE_SALT, 56, 0},
        {&kEnhanced, CRYPT_CREATE_SALT, 128, 0},
        {&kStrong, CRYPT_CREATE_SALT, 40, 11},
        {&kStrong, CRYPT_CREATE_SALT, 128, 11},
        {&kAes, CRYPT_CREATE_SALT, 40, 11},
        {&kAes, CRYPT_CREATE_SALT, 56, 9},
        {&kAes, CRYPT_CREATE_SALT, 128, 0},
    };
    for (const Row &row : rows) {
        SCOPED_TRACE(::testing::Message() << row.personality->name << " flags " << row.flags << " bits " << row.bits);
        HCRYPTPROV prov = Acquire(*row.personality);
        HCRYPTKEY key = 0, other = 0;
        ASSERT_TRUE(CryptGenKey(prov, CALG_RC4, (row.bits << 16) | row.flags | CRYPT_EXPORTABLE, &key)) << GetLastError();
        ASSERT_TRUE(CryptGenKey(prov, CALG_RC4, (row.bits << 16) | row.flags | CRYPT_EXPORTABLE, &other));
        DWORD size = 0xdeadbeef;
        ASSERT_TRUE(CryptGetKeyParam(key, KP_SALT, nullptr, &size, 0));
        EXPECT_EQ(size, row.salt_length);
        const Bytes salt = GetBytes(key, KP_SALT);
        ASSERT_EQ(salt.size(), row.salt_length);
        if (row.salt_length && (row.flags & CRYPT_CREATE_SALT)) {
            EXPECT_NE(salt, Bytes(salt.size(), 0)) << "a created salt is random (§5.3)";
            EXPECT_NE(salt, GetBytes(other, KP_SALT)) << "and differs from key to key";
        } else {
            EXPECT_EQ(salt, Bytes(salt.size(), 0));
        }
        EXPECT_EQ(GetDword(key, KP_KEYLEN), row.bits ? row.bits : row.personality->rc_default_bits);
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptDestroyKey(other));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(KeyGenTest, UserProtectedArchivableAndCreateIvAreIgnored) {
    // Reference §3.14 step 6 (Wine): the key is made as without them.
    HCRYPTPROV prov = Acquire(kAes);
    for (DWORD flags : {DWORD{CRYPT_USER_PROTECTED}, DWORD{CRYPT_ARCHIVABLE}, DWORD{CRYPT_CREATE_IV}}) {
        HCRYPTKEY key = 0;
        ASSERT_TRUE(CryptGenKey(prov, CALG_AES_192, flags, &key)) << flags << ": " << GetLastError();
        EXPECT_EQ(GetDword(key, KP_KEYLEN), 192u);
        EXPECT_EQ(GetDword(key, KP_PERMISSIONS), kPermissions);
        EXPECT_EQ(GetBytes(key, KP_IV), Bytes(16, 0)) << "CRYPT_CREATE_IV does not make an IV";
        EXPECT_EQ(Decrypt(key, Encrypt(key, Seq(40))), Seq(40));
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== CryptImportKey of PLAINTEXTKEYBLOB (reference §3.15, §6.3) =========================

using KeyImportTest = KeyTest;

TEST_F(KeyImportTest, HandleAndPointerChecksComeFirstInOrder) {
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, {});
    const Bytes good = PlaintextBlob(CALG_AES_128, Seq(16));
    const Bytes bad = Blob(0x55, 7, 1, CALG_RC5, {});  // fails every blob check
    HCRYPTKEY key = 0;
    // Step 1: hProv.
    for (HCRYPTPROV dead : {HCRYPTPROV{0}, HCRYPTPROV{0xdeadbeef}, ReleasedProvider(), HCRYPTPROV{hash}}) {
        EXPECT_FAILS_WITH(CryptImportKey(dead, good.data(), static_cast<DWORD>(good.size()), 0, 0, &key), kEip);
        EXPECT_FAILS_WITH(CryptImportKey(dead, nullptr, 0, 0xdeadbeef, ~0u, nullptr), kEip);
    }
    // Step 2: a non-zero hPubKey must be live.
    for (HCRYPTKEY dead : DeadKeys(prov, hash)) {
        if (dead == 0) continue;
        SCOPED_TRACE(dead);
        EXPECT_FAILS_WITH(CryptImportKey(prov, good.data(), static_cast<DWORD>(good.size()), dead, 0, &key), kEip);
        EXPECT_FAILS_WITH(CryptImportKey(prov, bad.data(), static_cast<DWORD>(bad.size()), dead, 0, nullptr), kEip);
    }
    // Step 3: pbData NULL, dwDataLen 0 or phKey NULL, before any blob check.
    EXPECT_FAILS_WITH(CryptImportKey(prov, nullptr, 12, 0, 0, &key), kEip);
    EXPECT_FAILS_WITH(CryptImportKey(prov, bad.data(), 0, 0, 0, &key), kEip);
    EXPECT_FAILS_WITH(CryptImportKey(prov, good.data(), static_cast<DWORD>(good.size()), 0, 0, nullptr), kEip);
    EXPECT_FAILS_WITH(CryptImportKey(prov, bad.data(), static_cast<DWORD>(bad.size()), 0, 0, nullptr), kEip);
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyImportTest, ShortBlobsBadVersionAndReservedBitsAreBadData) {
    // Reference §6.3 Common: len < 8, bVersion != 2, reserved != 0 → NTE_BAD_DATA, before the
    // type and algorithm checks.
    HCRYPTPROV prov = Acquire(kAes);
    const Bytes good = PlaintextBlob(CALG_AES_128, Seq(16));
    HCRYPTKEY key = 0xdeadbeef;
    for (DWORD length = 1; length < 8; ++length) {
        EXPECT_FAILS_WITH(CryptImportKey(prov, good.data(), length, 0, 0, &key), NTE_BAD_DATA);
        EXPECT_EQ(key, 0u);
    }
    for (BYTE version : {BYTE{0}, BYTE{1}, BYTE{3}, BYTE{0xFF}}) {
        const Bytes blob = Blob(PLAINTEXTKEYBLOB, version, 0, CALG_AES_128, Concat(Dword(16), Seq(16)));
        EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, 0, &key), NTE_BAD_DATA);
        const Bytes worse = Blob(0x55, version, 0, CALG_RC5, {});
        EXPECT_FAILS_WITH(CryptImportKey(prov, worse.data(), static_cast<DWORD>(worse.size()), 0, 0, &key), NTE_BAD_DATA);
    }
    for (WORD reserved : {WORD{1}, WORD{0x100}, WORD{0xFFFF}}) {
        const Bytes blob = Blob(PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, reserved, CALG_AES_128, Concat(Dword(16), Seq(16)));
        EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, 0, &key), NTE_BAD_DATA);
        const Bytes worse = Blob(0x55, CUR_BLOB_VERSION, reserved, CALG_RC5, {});
        EXPECT_FAILS_WITH(CryptImportKey(prov, worse.data(), static_cast<DWORD>(worse.size()), 0, 0, &key), NTE_BAD_DATA);
    }
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyImportTest, UnknownBlobTypeIsBadTypeBeforeTheAlgorithm) {
    // Reference §6.3 Common: an unknown bType → NTE_BAD_TYPE; the algorithm is checked after it.
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = 0;
    for (BYTE type : {BYTE{0}, BYTE{2}, BYTE{3}, BYTE{5}, BYTE{OPAQUEKEYBLOB}, BYTE{PUBLICKEYBLOBEX},
                      BYTE{SYMMETRICWRAPKEYBLOB}, BYTE{KEYSTATEBLOB}, BYTE{0xFF}}) {
        SCOPED_TRACE(static_cast<int>(type));
        const Bytes blob = Blob(type, CUR_BLOB_VERSION, 0, CALG_AES_128, Concat(Dword(16), Seq(16)));
        EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, 0, &key), NTE_BAD_TYPE);
        const Bytes bad_algorithm = Blob(type, CUR_BLOB_VERSION, 0, CALG_RC5, {});
        EXPECT_FAILS_WITH(CryptImportKey(prov, bad_algorithm.data(), 8, 0, 0, &key), NTE_BAD_TYPE);
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyImportTest, AlgorithmNotInThePersonalityIsBadAlgidBeforeTheLength) {
    // Reference §6.3 Common: aiKeyAlg not in the personality → NTE_BAD_ALGID, then the
    // PLAINTEXTKEYBLOB length (a blob of 8 bytes fails on its algorithm, not its length).
    struct Row {
        const Personality *personality;
        ALG_ID algorithm;
    } rows[] = {{&kEnhanced, CALG_AES_128}, {&kStrong, CALG_AES_256}, {&kBase, CALG_3DES}, {&kBase, CALG_3DES_112},
                {&kAes, CALG_AES},          {&kAes, CALG_RC5},        {&kAes, 0},          {&kAes, CALG_DESX}};
    for (const Row &row : rows) {
        SCOPED_TRACE(::testing::Message() << row.personality->name << " " << std::hex << row.algorithm);
        HCRYPTPROV prov = Acquire(*row.personality);
        const Bytes blob = PlaintextBlob(row.algorithm, Seq(16));
        HCRYPTKEY key = 0;
        EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, 0, &key), NTE_BAD_ALGID);
        EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), 8, 0, 0, &key), NTE_BAD_ALGID);
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
    // In the table but not a session cipher (a hash): no key can be made of it.
    HCRYPTPROV prov = Acquire(kAes);
    const Bytes blob = PlaintextBlob(CALG_SHA_256, Seq(32));
    HCRYPTKEY key = 0;
    EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, 0, &key), NTE_BAD_ALGID);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyImportTest, BlobShorterThanItsKeyIsBadData) {
    // Reference §6.3 PLAINTEXTKEYBLOB: len < 12 + cbKey → NTE_BAD_DATA.
    HCRYPTPROV prov = Acquire(kAes);
    const Bytes blob = PlaintextBlob(CALG_AES_128, Seq(16));  // 28 bytes
    HCRYPTKEY key = 0;
    for (DWORD length : {8u, 11u, 12u, 27u}) {
        {
            SCOPED_TRACE(::testing::Message() << length);
            EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), length, 0, 0, &key), NTE_BAD_DATA);
        }
    }
    // A cbKey that does not fit: huge values must not wrap the length check.
    for (DWORD cb_key : {DWORD{17}, DWORD{0xFFFFFFF4}, DWORD{0xFFFFFFFF}}) {
        const Bytes lying = Blob(PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, CALG_AES_128, Concat(Dword(cb_key), Seq(16)));
        EXPECT_FAILS_WITH(CryptImportKey(prov, lying.data(), static_cast<DWORD>(lying.size()), 0, 0, &key), NTE_BAD_DATA);
        EXPECT_FAILS_WITH(CryptImportKey(prov, lying.data(), static_cast<DWORD>(lying.size()), 0, CRYPT_IPSEC_HMAC_KEY, &key),
                          NTE_BAD_DATA);
    }
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyImportTest, KeyLengthsFollowTheDeriveKeyRules) {
    // Reference §6.3 PLAINTEXTKEYBLOB: RC2 of 16 bytes on Base → NTE_BAD_DATA, 7 bytes on Base
    // OK (Windows-validated); AES exactly 16/24/32; DES 8 (or 7), 3DES_112 16 (or 14), 3DES
    // 24 (or 21) (Wine-only); everything else NTE_BAD_DATA.
    struct Row {
        const Personality *personality;
        ALG_ID algorithm;
        std::vector<size_t> accepted, rejected;
    } rows[] = {
        {&kBase, CALG_RC2, {5, 6, 7}, {1, 4, 8, 16}},
        {&kBase, CALG_RC4, {5, 7}, {4, 8, 16}},
        {&kStrong, CALG_RC2, {5, 16}, {4, 17, 64}},
        {&kAes, CALG_RC4, {5, 11, 16}, {4, 17}},
        {&kAes, CALG_AES_128, {16}, {8, 15, 17, 24, 32}},
        {&kAes, CALG_AES_192, {24}, {16, 23, 25, 32}},
        {&kAes, CALG_AES_256, {32}, {16, 24, 31, 33}},
        {&kEnhanced, CALG_DES, {7, 8}, {0, 6, 9, 16}},
        {&kEnhanced, CALG_3DES_112, {14, 16}, {7, 8, 15, 21, 24}},
        {&kEnhanced, CALG_3DES, {21, 24}, {14, 16, 22, 23, 32}},
    };
    for (const Row &row : rows) {
        SCOPED_TRACE(::testing::Message() << row.personality->name << " " << std::hex << row.algorithm);
        HCRYPTPROV prov = Acquire(*row.personality);
        for (size_t n : row.accepted) {
            HCRYPTKEY key = Import(prov, row.algorithm, Seq(n, 1));
            EXPECT_NE(key, 0u) << n;
            if (key) {
                EXPECT_TRUE(CryptDestroyKey(key));
            }
        }
        for (size_t n : row.rejected) {
            const Bytes blob = PlaintextBlob(row.algorithm, Seq(n, 1));
            HCRYPTKEY key = 0xdeadbeef;
            SCOPED_TRACE(n);
            EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, 0, &key), NTE_BAD_DATA);
            EXPECT_EQ(key, 0u);
        }
        EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(KeyImportTest, AZeroLengthKeyIsBadDataAndNothingPastTheBlobIsRead) {
    // Reference §6.3: without CRYPT_IPSEC_HMAC_KEY the key length is cbKey·8 and the §3.13 rules
    // apply: 0 bits is below every minimum → NTE_BAD_DATA. It is not "the default length" (that
    // reading of 0 belongs to the dwFlags of DeriveKey/GenKey). The blob is followed by bytes the
    // caller did not pass (dwDataLen ends at the header): they must not become a key.
    struct Row {
        const Personality *personality;
        ALG_ID algorithm;
    } rows[] = {{&kBase, CALG_RC2}, {&kEnhanced, CALG_RC4}, {&kAes, CALG_RC4}, {&kAes, CALG_AES_128}, {&kAes, CALG_AES_256}};
    for (const Row &row : rows) {
        SCOPED_TRACE(::testing::Message() << row.personality->name << " " << std::hex << row.algorithm);
        HCRYPTPROV prov = Acquire(*row.personality);
        for (BYTE beyond : {BYTE{0xAA}, BYTE{0x55}}) {
            const Bytes buffer = Concat(PlaintextBlob(row.algorithm, {}), Bytes(64, beyond));
            HCRYPTKEY key = 0xdeadbeef;
            EXPECT_FAILS_WITH(CryptImportKey(prov, buffer.data(), 12, 0, CRYPT_EXPORTABLE, &key), NTE_BAD_DATA);
            if (key != 0 && key != 0xdeadbeef) {
                ADD_FAILURE() << "imported a key of " << GetDword(key, KP_KEYLEN) << " bits from a 0-byte blob: "
                              << ::testing::PrintToString(KeyMaterial(key));
                EXPECT_TRUE(CryptDestroyKey(key));
            }
        }
        EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

#if defined(__unix__)
TEST_F(KeyImportTest, KeyLengthsTooLongToCountInBitsAreBadData) {
    // Reference §6.3: the key length is cbKey·8 bits and the §3.13 rules apply, so any cbKey
    // above 16 bytes is NTE_BAD_DATA for RC4. style.md: lengths get explicit overflow checks at
    // the API boundary. cbKey·8 must not wrap in 32 bits (2^29 + 5 bytes is not 40 bits, 2^29
    // is not 0 = "the default"). The blobs are honest: a 512 MiB mapping of untouched (so never
    // committed) zero pages holds them; only the header and a few key bytes are written.
    const size_t size = 12 + size_t{0x20000010};
    void *mapping = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapping == MAP_FAILED) GTEST_SKIP() << "no 512 MiB of address space for the blob";
    BYTE *blob = static_cast<BYTE *>(mapping);
    memset(blob + 12, 0x5A, 64);
    HCRYPTPROV prov = Acquire(kAes);
    for (DWORD cb_key : {DWORD{0x20000005}, DWORD{0x20000000}, DWORD{0x20000010}}) {
        SCOPED_TRACE(::testing::Message() << std::hex << cb_key);
        const Bytes header = Blob(PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, CALG_RC4, Dword(cb_key));
        memcpy(blob, header.data(), header.size());
        HCRYPTKEY key = 0xdeadbeef;
        EXPECT_FAILS_WITH(CryptImportKey(prov, blob, 12 + cb_key, 0, CRYPT_EXPORTABLE, &key), NTE_BAD_DATA);
        if (key != 0 && key != 0xdeadbeef) {
            ADD_FAILURE() << "imported a key of " << GetDword(key, KP_KEYLEN) << " bits from a blob of " << cb_key
                          << " key bytes";
            EXPECT_TRUE(CryptDestroyKey(key));
        }
    }
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    munmap(mapping, size);
}
#endif

TEST_F(KeyImportTest, SevenByteDesKeysAreTheEightByteKeysWithoutParity) {
    // Reference §6.3 (Wine-only) and docs/COMPATIBILITY.md: 7 bytes per DES key are 56 key
    // bits, spread 7 to a byte over 8 bytes with the low (parity) bit 0.
    HCRYPTPROV prov = Acquire(kEnhanced);
    const Bytes packed = Hex("ffffffffffffff");
    // 81 40 20 10 08 04 02 = the 56 bits 1000000 1010000 0000100 0000001 0000000 0100000
    // 0001000 0000010; each group shifted left once gives the 8 key bytes.
    const Bytes packed_pattern = Hex("81402010080402");
    const Bytes expanded_pattern = Hex("80a0080200401004");
    HCRYPTKEY ones = Import(prov, CALG_DES, packed);
    EXPECT_EQ(KeyMaterial(ones), Hex("fefefefefefefefe"));
    EXPECT_EQ(GetDword(ones, KP_KEYLEN), 64u);
    HCRYPTKEY pattern = Import(prov, CALG_DES, packed_pattern);
    EXPECT_EQ(KeyMaterial(pattern), expanded_pattern);
    HCRYPTKEY same = Import(prov, CALG_DES, expanded_pattern);
    EXPECT_EQ(Encrypt(pattern, Seq(20)), Encrypt(same, Seq(20)));
    HCRYPTKEY triple = Import(prov, CALG_3DES, Concat(Concat(packed, packed_pattern), packed));
    EXPECT_EQ(KeyMaterial(triple), Concat(Concat(Hex("fefefefefefefefe"), expanded_pattern), Hex("fefefefefefefefe")));
    for (HCRYPTKEY k : {ones, pattern, same, triple}) {
        EXPECT_TRUE(CryptDestroyKey(k));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyImportTest, TrailingBytesAreIgnored) {
    // Reference §6.3 Common (Windows-validated for SIMPLEBLOB: 140 bytes passed as 148).
    HCRYPTPROV prov = Acquire(kAes);
    const Bytes blob = PlaintextBlob(CALG_AES_128, Seq(16));
    const Bytes padded = Concat(blob, Bytes(8, 0xEE));
    HCRYPTKEY key = 0;
    ASSERT_TRUE(CryptImportKey(prov, padded.data(), static_cast<DWORD>(padded.size()), 0, CRYPT_EXPORTABLE, &key))
        << GetLastError();
    EXPECT_EQ(Export(key), blob);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyImportTest, ImportThenExportIsByteIdentical) {
    // Reference §6.2: 12 + cbKey bytes, the key in its natural order, salt never included.
    struct Row {
        const Personality *personality;
        ALG_ID algorithm;
        size_t bytes;
    } rows[] = {{&kAes, CALG_AES_128, 16}, {&kAes, CALG_AES_192, 24}, {&kAes, CALG_AES_256, 32},
                {&kEnhanced, CALG_DES, 8}, {&kEnhanced, CALG_3DES_112, 16}, {&kEnhanced, CALG_3DES, 24},
                {&kBase, CALG_RC2, 5},     {&kBase, CALG_RC4, 7},          {&kStrong, CALG_RC2, 16},
                {&kEnhanced, CALG_RC4, 5}};
    for (const Row &row : rows) {
        SCOPED_TRACE(::testing::Message() << row.personality->name << " " << std::hex << row.algorithm);
        HCRYPTPROV prov = Acquire(*row.personality);
        const Bytes blob = PlaintextBlob(row.algorithm, Seq(row.bytes, 0x41));
        HCRYPTKEY key = 0;
        ASSERT_TRUE(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, CRYPT_EXPORTABLE, &key));
        EXPECT_EQ(Export(key), blob);
        EXPECT_EQ(GetDword(key, KP_KEYLEN), row.bytes * 8);
        EXPECT_EQ(GetDword(key, KP_ALGID), row.algorithm);
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(KeyImportTest, ImportedKeyBytesAreTheCipherKeyInNaturalOrder) {
    // Reference §5.10 derivation table (Windows-validated): the key each row exports, imported
    // as a PLAINTEXTKEYBLOB, encrypts D(i)[0..4) with Final to the row's ciphertext.
    struct Row {
        size_t i;
        ALG_ID algorithm;
        const char *key, *ciphertext;
    } rows[] = {
        {24, CALG_DES, "ea0147a07f96446b", "f375cc7c6c0bcf93"},
        {26, CALG_3DES, "0ab2e8e14c29cff12f2e792798e3dc4de7b504e6db6ff136", "582375253f8825eb"},
        {33, CALG_AES_128, "40d6b80b3435bf2059439a9eb72384f9", "976692026dec33f84e821120c7e2e6e8"},
        {45, CALG_AES_128, "21d87ae436518ba009c85a1dee46960c", "39cbafd78b754a3bd20e0db164578858"},
        {59, CALG_AES_256, "bdcc0c599929a724f3dc20404ee8e548dd270edf7e506517345047789a231b40",
         "8ceb1fd37877f5bf7ade8d2ca516cce9"},
    };
    HCRYPTPROV prov = Acquire(kAes);
    for (const Row &row : rows) {
        SCOPED_TRACE(row.i);
        HCRYPTKEY key = Import(prov, row.algorithm, Hex(row.key));
        EXPECT_EQ(Encrypt(key, Seq(4, row.i)), Hex(row.ciphertext));
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyImportTest, ImportedFortyBitKeysCarryElevenZeroSaltBytesOthersNone) {
    // Reference §5.3, "imported": 11 zero bytes iff the key is 40 bits; salt is never in blobs.
    HCRYPTPROV prov = Acquire(kEnhanced);
    HCRYPTKEY hash_key = DeriveFromD2000(prov, CALG_RC2, 40);  // key d5e1a7e9ac, 11 zero salt bytes
    for (ALG_ID algorithm : {ALG_ID{CALG_RC2}, ALG_ID{CALG_RC4}}) {
        for (size_t n : {5u, 7u, 16u}) {
            HCRYPTKEY key = Import(prov, algorithm, Seq(n, 3));
            EXPECT_EQ(GetBytes(key, KP_SALT), Bytes(n == 5 ? 11 : 0, 0)) << algorithm << " " << n;
            EXPECT_TRUE(CryptDestroyKey(key));
        }
    }
    // The imported 40-bit RC2 key encrypts like the derived one with the same bytes (§5.10: RC2-40
    // D2000 key, SEQ(13) → c09ae42f0a476711fb1887ce0c7507b1): the zero salt takes part.
    HCRYPTKEY imported = Import(prov, CALG_RC2, Hex("d5e1a7e9ac"));
    EXPECT_EQ(Encrypt(imported, Seq(13)), Hex("c09ae42f0a476711fb1887ce0c7507b1"));
    EXPECT_EQ(Encrypt(hash_key, Seq(13)), Hex("c09ae42f0a476711fb1887ce0c7507b1"));
    EXPECT_TRUE(CryptDestroyKey(imported));
    EXPECT_TRUE(CryptDestroyKey(hash_key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyImportTest, ExportableFlagGivesTheExportPermission) {
    // Reference §3.15 step 5 (Windows-validated) and §5.4.
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY exportable = Import(prov, CALG_AES_128, Seq(16), CRYPT_EXPORTABLE);
    HCRYPTKEY fixed = Import(prov, CALG_AES_128, Seq(16), 0);
    EXPECT_EQ(GetDword(exportable, KP_PERMISSIONS), kPermissions | CRYPT_EXPORT);
    EXPECT_EQ(GetDword(fixed, KP_PERMISSIONS), kPermissions);
    EXPECT_TRUE(CryptDestroyKey(exportable));
    EXPECT_TRUE(CryptDestroyKey(fixed));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyImportTest, IpsecHmacFlagWithAnotherBlobTypeIsBadFlags) {
    // Reference §3.15 step 5 and §6.3 (SIMPLEBLOB, PUBLICKEYBLOB, PRIVATEKEYBLOB): the header
    // checks pass, then the flag is refused.
    HCRYPTPROV prov = Acquire(kEnhanced);
    HCRYPTKEY key = 0xdeadbeef;
    const Bytes simple = Blob(SIMPLEBLOB, CUR_BLOB_VERSION, 0, CALG_RC4, Concat(Dword(CALG_RSA_KEYX), Bytes(64, 1)));
    EXPECT_FAILS_WITH(CryptImportKey(prov, simple.data(), static_cast<DWORD>(simple.size()), 0, CRYPT_IPSEC_HMAC_KEY, &key),
                      NTE_BAD_FLAGS);
    EXPECT_EQ(key, 0u);
#if TINYCAPI_ENABLE_RSA
    for (BYTE type : {BYTE{PUBLICKEYBLOB}, BYTE{PRIVATEKEYBLOB}}) {
        const Bytes blob = Blob(type, CUR_BLOB_VERSION, 0, CALG_RSA_KEYX, Bytes(84, 1));
        EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, CRYPT_IPSEC_HMAC_KEY, &key),
                          NTE_BAD_FLAGS);
    }
#endif
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyImportTest, IpsecHmacKeysTakeAnyLengthUpToTheConfiguredLimit) {
    // Reference §6.3: with CRYPT_IPSEC_HMAC_KEY an HMAC key of any length whatever aiKeyAlg is
    // (Windows-validated up to 2048 bytes with CALG_RC2); tinycapi keeps up to
    // TINYCAPI_MAX_HMAC_KEY_BYTES and refuses longer ones with NTE_BAD_LEN
    // (docs/COMPATIBILITY.md).
    HCRYPTPROV prov = Acquire(kBase);
    for (size_t n : {size_t{1}, size_t{17}, size_t{64}, size_t{65}, size_t{TINYCAPI_MAX_HMAC_KEY_BYTES}}) {
        HCRYPTKEY key = Import(prov, CALG_RC2, Seq(n, 9), CRYPT_IPSEC_HMAC_KEY | CRYPT_EXPORTABLE);
        EXPECT_EQ(GetDword(key, KP_KEYLEN), n * 8) << n;
        EXPECT_EQ(Export(key), PlaintextBlob(CALG_RC2, Seq(n, 9))) << n;
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    const Bytes too_long = PlaintextBlob(CALG_RC2, Bytes(TINYCAPI_MAX_HMAC_KEY_BYTES + 1, 1));
    HCRYPTKEY key = 0xdeadbeef;
    EXPECT_FAILS_WITH(CryptImportKey(prov, too_long.data(), static_cast<DWORD>(too_long.size()), 0, CRYPT_IPSEC_HMAC_KEY, &key),
                      NTE_BAD_LEN);
    EXPECT_EQ(key, 0u);
    // Without the flag, an RC2 key of 16 bytes on Base is NTE_BAD_DATA (Windows-validated).
    const Bytes sixteen = PlaintextBlob(CALG_RC2, Seq(16));
    EXPECT_FAILS_WITH(CryptImportKey(prov, sixteen.data(), static_cast<DWORD>(sixteen.size()), 0, 0, &key), NTE_BAD_DATA);
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== CryptExportKey (reference §3.16) ==================================================

using KeyExportTest = KeyTest;

TEST_F(KeyExportTest, HandleAndPointerChecksComeFirstInOrder) {
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, {});
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    DWORD length = 100;
    for (HCRYPTKEY dead : DeadKeys(prov, hash)) {
        SCOPED_TRACE(dead);
        EXPECT_FAILS_WITH(CryptExportKey(dead, 0, PLAINTEXTKEYBLOB, 0, nullptr, &length), kEip);
        EXPECT_FAILS_WITH(CryptExportKey(dead, 0xdeadbeef, 0x55, ~0u, nullptr, nullptr), kEip);
        // Step 2: a non-zero hExpKey must be live (Windows-validated: 0xdeadbeef).
        if (dead != 0) {
            EXPECT_FAILS_WITH(CryptExportKey(key, dead, PLAINTEXTKEYBLOB, 0, nullptr, &length), kEip);
            EXPECT_FAILS_WITH(CryptExportKey(key, dead, 0x55, ~0u, nullptr, nullptr), kEip);
        }
    }
    // Step 3: pdwDataLen.
    EXPECT_FAILS_WITH(CryptExportKey(key, 0, PLAINTEXTKEYBLOB, 0, nullptr, nullptr), kEip);
    EXPECT_FAILS_WITH(CryptExportKey(key, 0, 0x55, CRYPT_SSL2_FALLBACK, nullptr, nullptr), kEip);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyExportTest, Ssl2FallbackOnASessionKeyIsBadKeyAndUnknownTypesAreBadType) {
    // Reference §3.16 steps 4-5.
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    DWORD length = 100;
    EXPECT_FAILS_WITH(CryptExportKey(key, 0, PLAINTEXTKEYBLOB, CRYPT_SSL2_FALLBACK, nullptr, &length), NTE_BAD_KEY);
    EXPECT_FAILS_WITH(CryptExportKey(key, 0, 0x55, CRYPT_SSL2_FALLBACK, nullptr, &length), NTE_BAD_KEY);  // step 4 first
    for (DWORD type : {DWORD{0}, DWORD{2}, DWORD{OPAQUEKEYBLOB}, DWORD{PUBLICKEYBLOBEX}, DWORD{SYMMETRICWRAPKEYBLOB},
                       DWORD{KEYSTATEBLOB}, DWORD{0xFF}}) {
        {
            SCOPED_TRACE(::testing::Message() << type);
            EXPECT_FAILS_WITH(CryptExportKey(key, 0, type, 0, nullptr, &length), NTE_BAD_TYPE);
        }
    }
    // A session key is not an RSA key: public and private blobs are NTE_BAD_KEY (Wine).
    EXPECT_FAILS_WITH(CryptExportKey(key, 0, PUBLICKEYBLOB, 0, nullptr, &length), NTE_BAD_KEY);
    EXPECT_FAILS_WITH(CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, nullptr, &length), NTE_BAD_KEY);
    // A SIMPLEBLOB needs a live RSA key-exchange key: NTE_BAD_PUBLIC_KEY (Wine).
    EXPECT_FAILS_WITH(CryptExportKey(key, 0, SIMPLEBLOB, 0, nullptr, &length), NTE_BAD_PUBLIC_KEY);
    EXPECT_EQ(length, 100u) << "no failed export wrote a length";
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyExportTest, NonExportableKeyIsBadKeyStateBeforeTheSizeQuery) {
    // Reference §3.16 step 5: permission checks come before the size query (Windows-validated
    // for PRIVATEKEYBLOB; documented for PLAINTEXTKEYBLOB).
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16), 0);
    DWORD length = 0;
    EXPECT_FAILS_WITH(CryptExportKey(key, 0, PLAINTEXTKEYBLOB, 0, nullptr, &length), NTE_BAD_KEY_STATE);
    EXPECT_EQ(length, 0u);
    BYTE blob[64];
    memset(blob, 0xAA, sizeof blob);
    length = sizeof blob;
    EXPECT_FAILS_WITH(CryptExportKey(key, 0, PLAINTEXTKEYBLOB, 0, blob, &length), NTE_BAD_KEY_STATE);
    EXPECT_EQ(length, sizeof blob);
    EXPECT_EQ(Bytes(blob, blob + sizeof blob), Bytes(sizeof blob, 0xAA));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyExportTest, SizeQueryAndShortBufferFollowTheSizeQueryProtocol) {
    // Reference §1.2: NULL → the size; short → ERROR_MORE_DATA with the size, buffer untouched;
    // otherwise written, *pdwDataLen = the actual size.
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_256, Seq(32));
    const Bytes expected = PlaintextBlob(CALG_AES_256, Seq(32));
    DWORD length = 0xdeadbeef;
    ASSERT_TRUE(CryptExportKey(key, 0, PLAINTEXTKEYBLOB, 0, nullptr, &length));
    EXPECT_EQ(length, 44u);
    BYTE blob[64];
    for (DWORD short_length : {0u, 1u, 12u, 43u}) {
        memset(blob, 0xAA, sizeof blob);
        length = short_length;
        EXPECT_FAILS_WITH(CryptExportKey(key, 0, PLAINTEXTKEYBLOB, 0, blob, &length), ERROR_MORE_DATA);
        EXPECT_EQ(length, 44u);
        EXPECT_EQ(Bytes(blob, blob + sizeof blob), Bytes(sizeof blob, 0xAA)) << "buffer untouched";
    }
    length = sizeof blob;
    ASSERT_TRUE(CryptExportKey(key, 0, PLAINTEXTKEYBLOB, 0, blob, &length));
    EXPECT_EQ(length, 44u);
    EXPECT_EQ(Bytes(blob, blob + length), expected);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== CryptEncrypt (reference §3.17, §5.5) ==============================================

using KeyEncryptTest = KeyTest;

TEST_F(KeyEncryptTest, HandleAndPointerChecksComeFirstInOrder) {
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, {});
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    BYTE data[32] = {};
    DWORD length = 16;
    // Step 1: hKey (Windows-validated: 0, 0xdeadbeef, destroyed).
    for (HCRYPTKEY dead : DeadKeys(prov, hash)) {
        SCOPED_TRACE(dead);
        EXPECT_FAILS_WITH(CryptEncrypt(dead, 0, TRUE, 0, data, &length, sizeof data), kEip);
        EXPECT_FAILS_WITH(CryptEncrypt(dead, 0xdeadbeef, TRUE, ~0u, nullptr, nullptr, 0), kEip);
    }
    // Step 2: a non-zero hHash must be live (Windows-validated: 0xdeadbeef).
    HCRYPTHASH destroyed = HashOf(prov, CALG_MD5, {});
    ASSERT_TRUE(CryptDestroyHash(destroyed));
    for (HCRYPTHASH dead : {HCRYPTHASH{0xdeadbeef}, destroyed, HCRYPTHASH{key}, HCRYPTHASH{prov}}) {
        EXPECT_FAILS_WITH(CryptEncrypt(key, dead, TRUE, 0, data, &length, sizeof data), kEip);
        EXPECT_FAILS_WITH(CryptEncrypt(key, dead, FALSE, ~0u, nullptr, nullptr, 0), kEip);
    }
    // Step 3: pdwDataLen, before the flags.
    EXPECT_FAILS_WITH(CryptEncrypt(key, 0, TRUE, 0, data, nullptr, sizeof data), kEip);
    EXPECT_FAILS_WITH(CryptEncrypt(key, hash, FALSE, ~0u, data, nullptr, 0), kEip);
    EXPECT_EQ(length, 16u);
    EXPECT_EQ(Bytes(data, data + sizeof data), Bytes(sizeof data, 0));
    EXPECT_TRUE(Hashing(hash));
    EXPECT_EQ(HashValue(hash), Digest(prov, CALG_MD5, {})) << "no failed call fed the hash";
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyEncryptTest, FlagsOtherThanOaepAreBadFlagsBeforeTheLengthChecks) {
    // Reference §3.17 step 4 (Wine); CRYPT_OAEP is accepted (it matters only to RSA keys).
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    BYTE data[32] = {};
    for (DWORD flags : {DWORD{1}, DWORD{CRYPT_DECRYPT_RSA_NO_PADDING_CHECK}, DWORD{CRYPT_OAEP | 1}, ~DWORD{0}}) {
        DWORD length = 13;
        EXPECT_FAILS_WITH(CryptEncrypt(key, 0, TRUE, flags, data, &length, sizeof data), NTE_BAD_FLAGS);
        EXPECT_FAILS_WITH(CryptEncrypt(key, 0, FALSE, flags, nullptr, &length, 0), NTE_BAD_FLAGS);  // before !Final && len % bl
        EXPECT_EQ(length, 13u);
    }
    DWORD length = 13;
    ASSERT_TRUE(CryptEncrypt(key, 0, TRUE, CRYPT_OAEP, data, &length, sizeof data)) << GetLastError();
    EXPECT_EQ(length, 16u);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyEncryptTest, IpsecHmacKeyIsNotACipherBadData) {
    // Reference §3.17 step 6: a key in a non-cipher state → NTE_BAD_DATA (docs/COMPATIBILITY.md).
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_RC2, Seq(20), CRYPT_IPSEC_HMAC_KEY);
    BYTE data[32] = {};
    DWORD length = 16;
    EXPECT_FAILS_WITH(CryptEncrypt(key, 0, TRUE, 0, data, &length, sizeof data), NTE_BAD_DATA);
    EXPECT_FAILS_WITH(CryptEncrypt(key, 0, TRUE, 0, nullptr, &length, 0), NTE_BAD_DATA);
    EXPECT_FAILS_WITH(CryptDecrypt(key, 0, TRUE, 0, data, &length), NTE_BAD_DATA);
    EXPECT_EQ(length, 16u);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyEncryptTest, NonFinalLengthOffTheBlockIsBadDataAlsoOnASizeQuery) {
    // Reference §3.17 step 9 / §5.5 (Wine).
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY des = Import(prov, CALG_DES, Seq(8));
    HCRYPTKEY aes = Import(prov, CALG_AES_128, Seq(16));
    const struct {
        HCRYPTKEY key;
        DWORD length;
    } cases[] = {{des, 1}, {des, 7}, {des, 13}, {aes, 8}, {aes, 15}, {aes, 17}, {aes, 40}};
    for (const auto &c : cases) {
        BYTE data[64];
        memset(data, 0x11, sizeof data);
        DWORD length = c.length;
        EXPECT_FAILS_WITH(CryptEncrypt(c.key, 0, FALSE, 0, data, &length, sizeof data), NTE_BAD_DATA);
        EXPECT_EQ(length, c.length);
        EXPECT_EQ(Bytes(data, data + sizeof data), Bytes(sizeof data, 0x11));
        EXPECT_FAILS_WITH(CryptEncrypt(c.key, 0, FALSE, 0, nullptr, &length, 0), NTE_BAD_DATA);
        EXPECT_EQ(length, c.length);
        // Before the buffer length: a short buffer too gets NTE_BAD_DATA.
        EXPECT_FAILS_WITH(CryptEncrypt(c.key, 0, FALSE, 0, data, &length, 0), NTE_BAD_DATA);
    }
    // Whole blocks are fine, 0 too.
    BYTE data[32] = {};
    DWORD length = 0;
    EXPECT_TRUE(CryptEncrypt(aes, 0, FALSE, 0, data, &length, sizeof data));
    EXPECT_EQ(length, 0u);
    EXPECT_TRUE(CryptDestroyKey(des));
    EXPECT_TRUE(CryptDestroyKey(aes));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyEncryptTest, FinalPadsToTheNextBlockAndASizeQueryReturnsThatSize) {
    // Reference §5.5: output = (⌊len/bl⌋ + Final)·bl (Windows-validated: 23→24, 13→16, 8→16 for
    // DES, 32→48 for AES, 256→264); a size query returns it (Windows-validated) and changes
    // nothing.
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY rc2 = Import(prov, CALG_RC2, Seq(5));
    HCRYPTKEY des = Import(prov, CALG_DES, Seq(8));
    HCRYPTKEY aes = Import(prov, CALG_AES_128, Seq(16));
    const struct {
        HCRYPTKEY key;
        DWORD input, final_output, non_final_output;
    } cases[] = {{rc2, 23, 24, 0},  {des, 13, 16, 0},   {des, 8, 16, 8},    {des, 0, 8, 0},    {aes, 32, 48, 32},
                 {rc2, 256, 264, 256}, {aes, 0, 16, 0}, {aes, 1, 16, 0},   {aes, 15, 16, 0}, {aes, 16, 32, 16}};
    for (const auto &c : cases) {
        SCOPED_TRACE(::testing::Message() << c.input);
        DWORD length = c.input;
        ASSERT_TRUE(CryptEncrypt(c.key, 0, TRUE, 0, nullptr, &length, 0)) << GetLastError();
        EXPECT_EQ(length, c.final_output);
        if (c.input % (c.key == aes ? 16 : 8) == 0) {
            length = c.input;
            ASSERT_TRUE(CryptEncrypt(c.key, 0, FALSE, 0, nullptr, &length, 0));
            EXPECT_EQ(length, c.non_final_output);
        }
        const Bytes out = Encrypt(c.key, Seq(c.input));
        EXPECT_EQ(out.size(), c.final_output);
        // PKCS#5: p = bl − (len mod bl) bytes of value p, seen after a non-final decrypt.
        Bytes raw = Decrypt(c.key, out, FALSE);
        const size_t p = c.final_output - c.input;
        EXPECT_EQ(raw, Concat(Seq(c.input), Bytes(p, static_cast<BYTE>(p))));
        EXPECT_TRUE(SetIv(c.key, Bytes(16, 0)));  // the non-final decrypt left a chain behind: reset
    }
    for (HCRYPTKEY k : {rc2, des, aes}) {
        EXPECT_TRUE(CryptDestroyKey(k));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyEncryptTest, ShortBufferIsMoreDataWithTheSizeAndChangesNothing) {
    // Reference §3.17 step 9 and §1.2: ERROR_MORE_DATA with the required size, buffer untouched;
    // the key and the hash are as they were (style.md: a failed call changes nothing).
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16, 7));
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, {});
    const Bytes expected = Encrypt(key, Seq(20));  // 32 bytes from the IV
    for (DWORD buffer : {0u, 16u, 20u, 31u}) {
        Bytes data = Seq(40);
        DWORD length = 20;
        EXPECT_FAILS_WITH(CryptEncrypt(key, hash, TRUE, 0, data.data(), &length, buffer), ERROR_MORE_DATA);
        EXPECT_EQ(length, 32u) << buffer;
        EXPECT_EQ(data, Seq(40)) << "buffer untouched";
        length = 32;
        EXPECT_FAILS_WITH(CryptEncrypt(key, hash, FALSE, 0, data.data(), &length, buffer), ERROR_MORE_DATA);
        EXPECT_EQ(length, 32u);
    }
    EXPECT_EQ(Encrypt(key, Seq(20)), expected) << "the key's chain did not move";
    EXPECT_EQ(HashValue(hash), Digest(prov, CALG_MD5, {})) << "the hash was not fed";
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyEncryptTest, UnsupportedModesAreBadAlgidAtEncryptAndDecrypt) {
    // Reference §3.20 KP_MODE and §5.5: any DWORD is stored; OFB, CTS and anything else fail
    // when used with NTE_BAD_ALGID (Windows-validated for OFB: Wine test_block_cipher_modes).
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, {});
    for (DWORD mode : {DWORD{CRYPT_MODE_OFB}, DWORD{CRYPT_MODE_CTS}, DWORD{0}, DWORD{6}, DWORD{0xdeadbeef}}) {
        SCOPED_TRACE(mode);
        ASSERT_TRUE(SetDword(key, KP_MODE, mode)) << GetLastError();
        EXPECT_EQ(GetDword(key, KP_MODE), mode);
        Bytes data = Seq(32);
        DWORD length = 23;
        EXPECT_FAILS_WITH(CryptEncrypt(key, hash, TRUE, 0, data.data(), &length, 32), NTE_BAD_ALGID);
        EXPECT_EQ(length, 23u);
        EXPECT_EQ(data, Seq(32));
        length = 32;
        EXPECT_FAILS_WITH(CryptDecrypt(key, hash, TRUE, 0, data.data(), &length), NTE_BAD_ALGID);
        EXPECT_EQ(length, 32u);
        EXPECT_EQ(data, Seq(32));
    }
    EXPECT_EQ(HashValue(hash), Digest(prov, CALG_MD5, {})) << "the hash was not fed";
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyEncryptTest, Rc4SizeQueryLeavesTheLengthAndAShortBufferIsMoreData) {
    // Reference §3.17 step 9 RC4: in place, same length; a size query leaves *pdwDataLen at the
    // data length (documented; Wine returns dwBufLen). Wine does not check dwBufLen and writes
    // past the buffer; tinycapi applies the documented short-buffer rule (issue 17,
    // docs/COMPATIBILITY.md).
    HCRYPTPROV prov = Acquire(kEnhanced);
    HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC4, 56);
    DWORD length = 16;
    ASSERT_TRUE(CryptEncrypt(key, 0, TRUE, 0, nullptr, &length, 24));
    EXPECT_EQ(length, 16u);
    length = 13;
    ASSERT_TRUE(CryptEncrypt(key, 0, FALSE, 0, nullptr, &length, 0));
    EXPECT_EQ(length, 13u);
    Bytes data = Seq(16);
    length = 16;
    EXPECT_FAILS_WITH(CryptEncrypt(key, 0, TRUE, 0, data.data(), &length, 15), ERROR_MORE_DATA);
    EXPECT_EQ(length, 16u) << "the required size";
    EXPECT_EQ(data, Seq(16)) << "a short buffer is left as it was";
    ASSERT_TRUE(CryptEncrypt(key, 0, TRUE, 0, data.data(), &length, 16)) << GetLastError();
    EXPECT_EQ(length, 16u);
    EXPECT_EQ(data, Hex("170c448eae90cdb07f87f57aecb22e35")) << "§5.10 RC4-56, the refused calls changed nothing";
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyEncryptTest, Rc4RunsAsOneStreamUntilFinalRestartsIt) {
    // Reference §5.6: non-final calls carry the keystream on; Final restarts it (Wine-only for
    // RC4; §5.10 RC4-56: SEQ(16) → 170c448eae90cdb07f87f57aecb22e35).
    HCRYPTPROV prov = Acquire(kEnhanced);
    HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC4, 56);
    const Bytes whole = Hex("170c448eae90cdb07f87f57aecb22e35");
    const Bytes first = Encrypt(key, Seq(5), FALSE);
    const Bytes second = Encrypt(key, Seq(11, 5), TRUE);
    EXPECT_EQ(Concat(first, second), whole);
    EXPECT_EQ(Encrypt(key, Seq(16)), whole);
    EXPECT_EQ(Decrypt(key, whole), Seq(16));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyEncryptTest, FinalResetsTheChainNonFinalCarriesIt) {
    // Reference §5.6 (Windows-validated for block ciphers) and §5.5 CBC.
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    const Bytes once = Encrypt(key, Seq(16));
    EXPECT_EQ(Encrypt(key, Seq(16)), once) << "Final reset the chain";
    const Bytes a = Encrypt(key, Seq(16), FALSE);
    const Bytes b = Encrypt(key, Seq(16), FALSE);
    EXPECT_NE(a, b) << "the chain carried over";
    EXPECT_EQ(Bytes(once.begin(), once.begin() + 16), a) << "the first non-final call started from the IV";
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

struct PaddingSequence {
    const char *text;
    DWORD encrypted, buffer;
};

// Wine's cTestData (dlls/rsaenh/tests/rsaenh.c), run on Windows by test_des, test_3des112,
// test_3des and test_aes: the first `encrypted` bytes of `text` are encrypted with Final in a
// buffer of `buffer` bytes.
const PaddingSequence kPaddingSequences[] = {
    {"abcdefghijkl", 8, 16}, {"abcdefghij", 8, 16}, {"abcdefgh", 8, 16}, {"abcdefghijkl", 12, 16}};

TEST_F(KeyEncryptTest, WindowsValidatedPaddingSequencesOfWine) {
    // Reference §5.5: encrypting the first 8 bytes of a 12-byte buffer with Final and dwBufLen
    // 16 gives 16 bytes, which decrypt back to 8; all 12 give 16, back to 12. Then Wine's "bad
    // data" step: a non-final decrypt moves the chain, a Final decrypt of the ciphertext with
    // its last byte inverted fails with NTE_BAD_DATA and the length unchanged, and the next
    // Final decrypt of the good ciphertext works: the failure restored the initial state. The
    // keys are Wine's: derive_key(algorithm, 0) from D2000; DES in ECB mode (test_des).
    struct KeyRow {
        const Personality *personality;
        ALG_ID algorithm;
        DWORD mode;
    } keys[] = {{&kEnhanced, CALG_DES, CRYPT_MODE_ECB}, {&kEnhanced, CALG_3DES_112, CRYPT_MODE_CBC},
                {&kEnhanced, CALG_3DES, CRYPT_MODE_CBC},  {&kAes, CALG_AES_128, CRYPT_MODE_CBC},
                {&kAes, CALG_AES_192, CRYPT_MODE_CBC},    {&kAes, CALG_AES_256, CRYPT_MODE_CBC}};
    for (const KeyRow &k : keys) {
        SCOPED_TRACE(::testing::Message() << std::hex << k.algorithm);
        HCRYPTPROV prov = Acquire(*k.personality);
        HCRYPTKEY key = DeriveFromD2000(prov, k.algorithm, 0);
        ASSERT_TRUE(SetDword(key, KP_MODE, k.mode));
        for (const PaddingSequence &row : kPaddingSequences) {
            SCOPED_TRACE(::testing::Message() << row.text << " " << row.encrypted);
            Bytes data(row.buffer, 0);
            memcpy(data.data(), row.text, strlen(row.text));
            DWORD length = row.encrypted;
            ASSERT_TRUE(CryptEncrypt(key, 0, TRUE, 0, data.data(), &length, row.buffer)) << GetLastError();
            EXPECT_EQ(length, row.buffer);
            const Bytes ciphertext = data;
            ASSERT_TRUE(CryptDecrypt(key, 0, TRUE, 0, data.data(), &length)) << GetLastError();
            EXPECT_EQ(length, row.encrypted);
            EXPECT_EQ(Bytes(data.begin(), data.begin() + row.encrypted),
                      Bytes(row.text, row.text + row.encrypted));

            data = ciphertext;
            length = row.buffer;
            ASSERT_TRUE(CryptDecrypt(key, 0, FALSE, 0, data.data(), &length)) << GetLastError();
            Bytes bad = ciphertext;
            bad[row.buffer - 1] = static_cast<BYTE>(~bad[row.buffer - 1]);
            const Bytes bad_copy = bad;
            length = row.buffer;
            EXPECT_FAILS_WITH(CryptDecrypt(key, 0, TRUE, 0, bad.data(), &length), NTE_BAD_DATA);
            EXPECT_EQ(length, row.buffer) << "*pdwDataLen unchanged (Windows-validated)";
            EXPECT_EQ(bad, bad_copy) << "tinycapi also leaves the buffer as it was (docs/COMPATIBILITY.md)";
            data = ciphertext;
            length = row.buffer;
            ASSERT_TRUE(CryptDecrypt(key, 0, TRUE, 0, data.data(), &length)) << GetLastError();
            EXPECT_EQ(length, row.encrypted);
            EXPECT_EQ(Bytes(data.begin(), data.begin() + row.encrypted), Bytes(row.text, row.text + row.encrypted));
        }
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(KeyEncryptTest, CfbSequenceOfWindows) {
    // Wine test_block_cipher_modes, run on Windows: the RC2-40 D2000 key in CFB mode encrypts
    // 16 bytes (Final FALSE) then 7 (Final TRUE, dwBufLen 8 → 8 bytes) to the §5.10 CFB row;
    // decrypting 8 (Final FALSE) then 16 (Final TRUE) gives 8 + 15 bytes of SEQ(23). Before
    // that: the default mode is CBC, the salt 11 bytes, a Final size query of 23 bytes is 24.
    HCRYPTPROV prov = Acquire(kEnhanced);
    HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC2, 40);
    EXPECT_EQ(GetDword(key, KP_MODE), DWORD{CRYPT_MODE_CBC});
    DWORD length = 0;
    ASSERT_TRUE(CryptGetKeyParam(key, KP_SALT, nullptr, &length, 0));
    EXPECT_EQ(length, 11u);
    length = 23;
    ASSERT_TRUE(CryptEncrypt(key, 0, TRUE, 0, nullptr, &length, 24));
    EXPECT_EQ(length, 24u);
    ASSERT_TRUE(SetDword(key, KP_MODE, CRYPT_MODE_CFB));
    Bytes data = Concat(Seq(23), {0});
    length = 16;
    ASSERT_TRUE(CryptEncrypt(key, 0, FALSE, 0, data.data(), &length, 24)) << GetLastError();
    EXPECT_EQ(length, 16u);
    length = 7;
    ASSERT_TRUE(CryptEncrypt(key, 0, TRUE, 0, data.data() + 16, &length, 8)) << GetLastError();
    EXPECT_EQ(length, 8u);
    EXPECT_EQ(data, Hex("29b567850b1bec07672da1a41a47246a54e1e092f90ef6eb"));
    length = 8;
    ASSERT_TRUE(CryptDecrypt(key, 0, FALSE, 0, data.data(), &length)) << GetLastError();
    EXPECT_EQ(length, 8u);
    length = 16;
    ASSERT_TRUE(CryptDecrypt(key, 0, TRUE, 0, data.data() + 8, &length)) << GetLastError();
    EXPECT_EQ(length, 15u);
    EXPECT_EQ(Bytes(data.begin(), data.begin() + 23), Seq(23));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyEncryptTest, TheHashGetsThePlaintextBeforePadding) {
    // Reference §3.17 step 8: the *pdwDataLen input bytes, before padding (documented).
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY aes = Import(prov, CALG_AES_128, Seq(16));
    HCRYPTKEY rc4 = Import(prov, CALG_RC4, Seq(16));
    const Bytes data = Seq(45, 9);
    for (HCRYPTKEY key : {aes, rc4}) {
        HCRYPTHASH hash = HashOf(prov, CALG_SHA1, {});
        const Bytes one_shot = Encrypt(key, data, TRUE, hash);
        EXPECT_EQ(HashValue(hash), Digest(prov, CALG_SHA1, data));
        EXPECT_TRUE(CryptDestroyHash(hash));
        // In pieces: 32 bytes non-final, then 13 with Final.
        hash = HashOf(prov, CALG_SHA1, {});
        const Bytes first = Encrypt(key, Bytes(data.begin(), data.begin() + 32), FALSE, hash);
        const Bytes rest = Encrypt(key, Bytes(data.begin() + 32, data.end()), TRUE, hash);
        EXPECT_EQ(Concat(first, rest), one_shot);
        EXPECT_EQ(HashValue(hash), Digest(prov, CALG_SHA1, data));
        EXPECT_TRUE(CryptDestroyHash(hash));
    }
    EXPECT_TRUE(CryptDestroyKey(aes));
    EXPECT_TRUE(CryptDestroyKey(rc4));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyEncryptTest, SizeQueriesAndFailedCallsDoNotFeedTheHash) {
    // Reference §3.17 steps 7-8: never hash on a size query; every check runs before the hash is
    // fed (library design; Wine hashes first).
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, {});
    Bytes data = Seq(64);
    DWORD length = 20;
    ASSERT_TRUE(CryptEncrypt(key, hash, TRUE, 0, nullptr, &length, 0));  // size query
    length = 20;
    EXPECT_FAILS_WITH(CryptEncrypt(key, hash, FALSE, 0, data.data(), &length, 64), NTE_BAD_DATA);
    length = 20;
    EXPECT_FAILS_WITH(CryptEncrypt(key, hash, TRUE, 0, data.data(), &length, 31), ERROR_MORE_DATA);
    EXPECT_EQ(HashValue(hash), Digest(prov, CALG_MD5, {}));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyEncryptTest, FinishedHashIsBadHashStateAndNothingIsEncrypted) {
    // Reference §3.17 step 8: NTE_BAD_HASH_STATE propagates (Wine); tinycapi checks it before any
    // side effect, so the buffer, the length and the key's chain or keystream are unchanged.
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY aes = Import(prov, CALG_AES_128, Seq(16));
    HCRYPTKEY rc4 = Import(prov, CALG_RC4, Seq(16));
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, Seq(3));
    const Bytes value = HashValue(hash);  // finishes it
    for (HCRYPTKEY key : {aes, rc4}) {
        const Bytes fresh = Encrypt(key, Seq(32));
        for (BOOL final : {FALSE, TRUE}) {
            Bytes data = Seq(48);
            DWORD length = 32;
            EXPECT_FAILS_WITH(CryptEncrypt(key, hash, final, 0, data.data(), &length, 48), NTE_BAD_HASH_STATE);
            EXPECT_EQ(length, 32u);
            EXPECT_EQ(data, Seq(48)) << "nothing encrypted";
            length = 32;
            EXPECT_FAILS_WITH(CryptDecrypt(key, hash, final, 0, data.data(), &length), NTE_BAD_HASH_STATE);
            EXPECT_EQ(length, 32u);
            EXPECT_EQ(data, Seq(48)) << "nothing decrypted";
        }
        EXPECT_EQ(Encrypt(key, Seq(32)), fresh) << "the key did not move";
    }
    EXPECT_EQ(HashValue(hash), value);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(aes));
    EXPECT_TRUE(CryptDestroyKey(rc4));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== CryptDecrypt (reference §3.18, §5.5) ==============================================

using KeyDecryptTest = KeyTest;

TEST_F(KeyDecryptTest, HandleAndPointerChecksComeFirstInOrder) {
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, {});
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    Bytes data = Encrypt(key, Seq(10));
    const Bytes ciphertext = data;
    DWORD length = 16;
    for (HCRYPTKEY dead : DeadKeys(prov, hash)) {
        SCOPED_TRACE(dead);
        EXPECT_FAILS_WITH(CryptDecrypt(dead, 0, TRUE, 0, data.data(), &length), kEip);
        EXPECT_FAILS_WITH(CryptDecrypt(dead, 0xdeadbeef, TRUE, ~0u, nullptr, nullptr), kEip);
    }
    // Step 2: hHash (Windows-validated: 0xdeadbeef).
    HCRYPTHASH destroyed = HashOf(prov, CALG_MD5, {});
    ASSERT_TRUE(CryptDestroyHash(destroyed));
    for (HCRYPTHASH dead : {HCRYPTHASH{0xdeadbeef}, destroyed, HCRYPTHASH{key}}) {
        EXPECT_FAILS_WITH(CryptDecrypt(key, dead, TRUE, 0, data.data(), &length), kEip);
        EXPECT_FAILS_WITH(CryptDecrypt(key, dead, TRUE, ~0u, nullptr, nullptr), kEip);
    }
    // Step 3: pbData or pdwDataLen NULL: there is no size query.
    EXPECT_FAILS_WITH(CryptDecrypt(key, 0, TRUE, 0, nullptr, &length), kEip);
    EXPECT_FAILS_WITH(CryptDecrypt(key, 0, TRUE, 0, data.data(), nullptr), kEip);
    EXPECT_FAILS_WITH(CryptDecrypt(key, hash, TRUE, ~0u, nullptr, &length), kEip);
    EXPECT_EQ(length, 16u);
    EXPECT_EQ(data, ciphertext);
    EXPECT_EQ(Decrypt(key, data), Seq(10)) << "the key is as it was";
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyDecryptTest, FlagsOtherThanOaepAreBadFlagsIncludingNoPaddingCheck) {
    // Reference §3.18 step 4 (Wine): CRYPT_DECRYPT_RSA_NO_PADDING_CHECK is unsupported.
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    Bytes data = Encrypt(key, Seq(10));
    DWORD length = 16;
    for (DWORD flags : {DWORD{1}, DWORD{CRYPT_DECRYPT_RSA_NO_PADDING_CHECK}, DWORD{CRYPT_OAEP | 2}, ~DWORD{0}}) {
        EXPECT_FAILS_WITH(CryptDecrypt(key, 0, TRUE, flags, data.data(), &length), NTE_BAD_FLAGS);
        DWORD zero = 0;
        EXPECT_FAILS_WITH(CryptDecrypt(key, 0, TRUE, flags, data.data(), &zero), NTE_BAD_FLAGS);  // before NTE_BAD_LEN
    }
    ASSERT_TRUE(CryptDecrypt(key, 0, TRUE, CRYPT_OAEP, data.data(), &length)) << GetLastError();
    EXPECT_EQ(Bytes(data.begin(), data.begin() + length), Seq(10));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyDecryptTest, FinalWithLengthZeroIsBadLenForBlockCiphers) {
    // Reference §3.18 step 6 (Wine; Wine 8.0 crashes here).
    HCRYPTPROV prov = Acquire(kAes);
    BYTE data[16] = {};
    for (ALG_ID algorithm : {ALG_ID{CALG_AES_128}, ALG_ID{CALG_DES}, ALG_ID{CALG_RC2}}) {
        HCRYPTKEY key = Import(prov, algorithm, Seq(algorithm == CALG_AES_128 ? 16 : algorithm == CALG_DES ? 8 : 5));
        DWORD length = 0;
        EXPECT_FAILS_WITH(CryptDecrypt(key, 0, TRUE, 0, data, &length), NTE_BAD_LEN);
        EXPECT_EQ(length, 0u);
        EXPECT_TRUE(CryptDecrypt(key, 0, FALSE, 0, data, &length)) << "non-final, 0 bytes: nothing to do";
        EXPECT_EQ(length, 0u);
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    // RC4 is not a block cipher: Final with 0 bytes is fine.
    HCRYPTKEY rc4 = Import(prov, CALG_RC4, Seq(16));
    DWORD length = 0;
    EXPECT_TRUE(CryptDecrypt(rc4, 0, TRUE, 0, data, &length)) << GetLastError();
    EXPECT_EQ(length, 0u);
    EXPECT_TRUE(CryptDestroyKey(rc4));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyDecryptTest, LengthOffTheBlockIsBadDataAndChangesNothing) {
    // Reference §3.18 step 7 (library design: Wine reads and writes past the data).
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY des = Import(prov, CALG_DES, Seq(8));
    HCRYPTKEY aes = Import(prov, CALG_AES_128, Seq(16));
    for (HCRYPTKEY key : {des, aes}) {
        const size_t bl = key == aes ? 16 : 8;
        const Bytes plain = Seq(3 * bl + 3);
        const Bytes ciphertext = Encrypt(key, plain);
        // Decrypt one block, then offer lengths off the grid; the chain must not move.
        Bytes data = ciphertext;
        DWORD length = static_cast<DWORD>(bl);
        ASSERT_TRUE(CryptDecrypt(key, 0, FALSE, 0, data.data(), &length));
        for (DWORD odd : {DWORD{1}, static_cast<DWORD>(bl - 1), static_cast<DWORD>(bl + 1), static_cast<DWORD>(2 * bl + 5)}) {
            for (BOOL final : {FALSE, TRUE}) {
                Bytes rest(ciphertext.begin() + static_cast<long>(bl), ciphertext.end());
                const Bytes before = rest;
                length = odd;
                EXPECT_FAILS_WITH(CryptDecrypt(key, 0, final, 0, rest.data(), &length), NTE_BAD_DATA);
                EXPECT_EQ(length, odd);
                EXPECT_EQ(rest, before);
            }
        }
        Bytes rest(ciphertext.begin() + static_cast<long>(bl), ciphertext.end());
        length = static_cast<DWORD>(rest.size());
        ASSERT_TRUE(CryptDecrypt(key, 0, TRUE, 0, rest.data(), &length)) << GetLastError();
        rest.resize(length);
        EXPECT_EQ(Concat(Bytes(data.begin(), data.begin() + static_cast<long>(bl)), rest), plain);
    }
    EXPECT_TRUE(CryptDestroyKey(des));
    EXPECT_TRUE(CryptDestroyKey(aes));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// The last plaintext block of a crafted message and whether its PKCS#5 padding is valid
// (reference §5.5: 1 ≤ p ≤ bl and the last p bytes all equal p).
struct LastBlock {
    Bytes tail;  // the last bytes of the last block; the rest of it is 0x41
    bool valid;
    size_t pad;
};

TEST_F(KeyDecryptTest, BadPaddingIsBadDataLeavesLengthAndBufferAndResetsTheKey) {
    // Reference §3.18 step 7: bad padding → NTE_BAD_DATA, key reset, *pdwDataLen unchanged
    // (Windows-validated); the buffer unchanged too (tinycapi, docs/COMPATIBILITY.md). Good
    // padding is stripped. The message is encrypted without Final, so its last block is chosen.
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY des = Import(prov, CALG_DES, Seq(8, 0x30));
    HCRYPTKEY aes = Import(prov, CALG_AES_256, Seq(32, 0x30));
    for (HCRYPTKEY key : {des, aes}) {
        const size_t bl = key == aes ? 16 : 8;
        const BYTE b = static_cast<BYTE>(bl);
        const LastBlock blocks[] = {
            {{0x00}, false, 0},
            {{static_cast<BYTE>(b + 1)}, false, 0},
            {{0xFF}, false, 0},
            {{0x80}, false, 0},
            {{0x03, 0x02}, false, 0},          // p = 2, but the byte before is 3
            {{0x04, 0x03, 0x04, 0x04}, false, 0},  // one wrong byte inside the pad
            {{0x01}, true, 1},
            {{0x02, 0x02}, true, 2},
            {{0x41, 0x03, 0x03, 0x03}, true, 3},
            {Bytes(bl, b), true, bl},  // a whole block of padding
        };
        for (DWORD mode : {DWORD{CRYPT_MODE_CBC}, DWORD{CRYPT_MODE_ECB}, DWORD{CRYPT_MODE_CFB}}) {
            ASSERT_TRUE(SetDword(key, KP_MODE, mode));
            for (const LastBlock &block : blocks) {
                SCOPED_TRACE(::testing::Message() << "bl " << bl << " mode " << mode << " tail " << block.tail.size()
                                                  << " last " << static_cast<int>(block.tail.back()));
                Bytes plain = Seq(2 * bl, 0x50);
                Bytes last(bl, 0x41);
                std::copy(block.tail.begin(), block.tail.end(), last.end() - static_cast<long>(block.tail.size()));
                plain = Concat(plain, last);
                const Bytes ciphertext = Encrypt(key, plain, FALSE);
                ASSERT_TRUE(SetIv(key, Bytes(16, 0)));  // back to the IV
                // Move the chain first (Wine's "bad data" step), so that a missing reset shows.
                Bytes head(ciphertext.begin(), ciphertext.begin() + static_cast<long>(bl));
                DWORD length = static_cast<DWORD>(bl);
                ASSERT_TRUE(CryptDecrypt(key, 0, FALSE, 0, head.data(), &length));
                Bytes data = ciphertext;
                length = static_cast<DWORD>(data.size());
                if (block.valid) {
                    // From the moved chain a CBC/CFB message decrypts wrongly at its start, but
                    // the pad check sees only the last block, which the chain does not reach.
                    ASSERT_TRUE(SetIv(key, Bytes(16, 0)));
                    ASSERT_TRUE(CryptDecrypt(key, 0, TRUE, 0, data.data(), &length)) << GetLastError();
                    EXPECT_EQ(length, plain.size() - block.pad);
                    EXPECT_EQ(Bytes(data.begin(), data.begin() + length), Bytes(plain.begin(), plain.end() - static_cast<long>(block.pad)));
                    continue;
                }
                EXPECT_FAILS_WITH(CryptDecrypt(key, 0, TRUE, 0, data.data(), &length), NTE_BAD_DATA);
                EXPECT_EQ(length, ciphertext.size()) << "*pdwDataLen unchanged";
                EXPECT_EQ(data, ciphertext) << "buffer unchanged";
                // The key was reset: the same ciphertext decrypts (non-final) from the IV.
                length = static_cast<DWORD>(data.size());
                ASSERT_TRUE(CryptDecrypt(key, 0, FALSE, 0, data.data(), &length));
                EXPECT_EQ(data, plain) << "decrypted from the IV: the failure reset the chain";
                ASSERT_TRUE(SetIv(key, Bytes(16, 0)));
            }
        }
    }
    EXPECT_TRUE(CryptDestroyKey(des));
    EXPECT_TRUE(CryptDestroyKey(aes));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyDecryptTest, TheHashGetsThePlaintextAfterUnpadding) {
    // Reference §3.18 step 11: the plaintext after unpadding (Wine); a failed decrypt feeds
    // nothing. RC4 hashes what it decrypts.
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY aes = Import(prov, CALG_AES_128, Seq(16));
    HCRYPTKEY rc4 = Import(prov, CALG_RC4, Seq(16));
    const Bytes plain = Seq(45, 9);
    for (HCRYPTKEY key : {aes, rc4}) {
        const Bytes ciphertext = Encrypt(key, plain);
        HCRYPTHASH hash = HashOf(prov, CALG_SHA1, {});
        EXPECT_EQ(Decrypt(key, ciphertext, TRUE, hash), plain);
        EXPECT_EQ(HashValue(hash), Digest(prov, CALG_SHA1, plain));
        EXPECT_TRUE(CryptDestroyHash(hash));
        // In pieces: 32 bytes non-final (hashed whole), then the rest with Final.
        hash = HashOf(prov, CALG_SHA1, {});
        const Bytes first = Decrypt(key, Bytes(ciphertext.begin(), ciphertext.begin() + 32), FALSE, hash);
        const Bytes rest = Decrypt(key, Bytes(ciphertext.begin() + 32, ciphertext.end()), TRUE, hash);
        EXPECT_EQ(Concat(first, rest), plain);
        EXPECT_EQ(HashValue(hash), Digest(prov, CALG_SHA1, plain));
        EXPECT_TRUE(CryptDestroyHash(hash));
    }
    // A bad padding feeds nothing.
    HCRYPTHASH hash = HashOf(prov, CALG_SHA1, {});
    Bytes bad = Encrypt(aes, Concat(Seq(15), {0}), FALSE);  // last byte 0: never valid
    DWORD length = 16;
    EXPECT_FAILS_WITH(CryptDecrypt(aes, hash, TRUE, 0, bad.data(), &length), NTE_BAD_DATA);
    EXPECT_EQ(HashValue(hash), Digest(prov, CALG_SHA1, {}));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(aes));
    EXPECT_TRUE(CryptDestroyKey(rc4));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== CryptGetKeyParam (reference §3.19) ================================================

using KeyGetParamTest = KeyTest;

TEST_F(KeyGetParamTest, HandleAndPointerChecksComeBeforeFlagsAndFlagsBeforeTheParameter) {
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, {});
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    DWORD value = 0, length = sizeof value;
    for (HCRYPTKEY dead : DeadKeys(prov, hash)) {
        EXPECT_FAILS_WITH(CryptGetKeyParam(dead, KP_ALGID, reinterpret_cast<BYTE *>(&value), &length, 0), kEip);
        EXPECT_FAILS_WITH(CryptGetKeyParam(dead, 0x5555, nullptr, nullptr, ~0u), kEip);
    }
    EXPECT_FAILS_WITH(CryptGetKeyParam(key, KP_ALGID, reinterpret_cast<BYTE *>(&value), nullptr, 0), kEip);
    EXPECT_FAILS_WITH(CryptGetKeyParam(key, 0x5555, nullptr, nullptr, 1), kEip);
    for (DWORD flags : {DWORD{1}, DWORD{CRYPT_FIRST}, ~DWORD{0}}) {
        EXPECT_FAILS_WITH(CryptGetKeyParam(key, KP_ALGID, reinterpret_cast<BYTE *>(&value), &length, flags), NTE_BAD_FLAGS);
        EXPECT_FAILS_WITH(CryptGetKeyParam(key, 0x5555, reinterpret_cast<BYTE *>(&value), &length, flags), NTE_BAD_FLAGS);
    }
    EXPECT_EQ(length, sizeof value);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyGetParamTest, UnknownParametersAreBadType) {
    // Reference §3.19 step 4 (documented): RSA, DSS and SChannel parameters are unknown to a
    // session key too.
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    for (DWORD param : {DWORD{0}, DWORD{KP_P}, DWORD{KP_Y}, DWORD{KP_SCHANNEL_ALG}, DWORD{KP_CERTIFICATE},
                        DWORD{KP_KEYVAL}, DWORD{KP_OAEP_PARAMS}, DWORD{KP_GET_USE_COUNT}, DWORD{0x5555}, ~DWORD{0}}) {
        BYTE value[64];
        DWORD length = sizeof value;
        {
            SCOPED_TRACE(::testing::Message() << param);
            EXPECT_FAILS_WITH(CryptGetKeyParam(key, param, value, &length, 0), NTE_BAD_TYPE);
        }
        {
            SCOPED_TRACE(::testing::Message() << param);
            EXPECT_FAILS_WITH(CryptGetKeyParam(key, param, nullptr, &length, 0), NTE_BAD_TYPE);
        }
        EXPECT_EQ(length, sizeof value);
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyGetParamTest, DwordParametersAreFourBytesUnderTheSizeQueryProtocol) {
    // Reference §3.19 step 4 (Windows-validated: 4 bytes) and §1.2.
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    for (DWORD param : {DWORD{KP_ALGID}, DWORD{KP_KEYLEN}, DWORD{KP_EFFECTIVE_KEYLEN}, DWORD{KP_BLOCKLEN}, DWORD{KP_PADDING},
                        DWORD{KP_MODE}, DWORD{KP_MODE_BITS}, DWORD{KP_PERMISSIONS}}) {
        SCOPED_TRACE(param);
        DWORD length = 0xdeadbeef;
        ASSERT_TRUE(CryptGetKeyParam(key, param, nullptr, &length, 0));
        EXPECT_EQ(length, 4u);
        BYTE value[8];
        memset(value, 0xAA, sizeof value);
        length = 3;
        EXPECT_FAILS_WITH(CryptGetKeyParam(key, param, value, &length, 0), ERROR_MORE_DATA);
        EXPECT_EQ(length, 4u);
        EXPECT_EQ(Bytes(value, value + 8), Bytes(8, 0xAA));
        length = sizeof value;
        ASSERT_TRUE(CryptGetKeyParam(key, param, value, &length, 0));
        EXPECT_EQ(length, 4u);
        EXPECT_EQ(Bytes(value + 4, value + 8), Bytes(4, 0xAA)) << "nothing written past the DWORD";
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyGetParamTest, EveryRowOfTheTableForEachAlgorithm) {
    // Reference §3.19 table and §5.4 defaults: KP_BLOCKLEN 64/128/0 (Windows-validated for RC4),
    // KP_IV bl zero bytes (0 for RC4, length Windows-validated), KP_MODE CBC or 0 for RC4
    // (Windows-validated), KP_MODE_BITS 8 (documented), KP_PADDING PKCS5 (Wine), KP_EFFECTIVE_KEYLEN
    // = KP_KEYLEN by default (Windows-validated for RC2; Wine for the others).
    HCRYPTPROV prov = Acquire(kAes);
    struct Row {
        ALG_ID algorithm;
        size_t key_bytes;
        DWORD keylen, blocklen, mode;
        size_t salt;
    } rows[] = {
        {CALG_RC2, 5, 40, 64, CRYPT_MODE_CBC, 11},  {CALG_RC2, 16, 128, 64, CRYPT_MODE_CBC, 0},
        {CALG_RC4, 5, 40, 0, 0, 11},                 {CALG_RC4, 16, 128, 0, 0, 0},
        {CALG_DES, 8, 64, 64, CRYPT_MODE_CBC, 0},    {CALG_3DES_112, 16, 128, 64, CRYPT_MODE_CBC, 0},
        {CALG_3DES, 24, 192, 64, CRYPT_MODE_CBC, 0}, {CALG_AES_128, 16, 128, 128, CRYPT_MODE_CBC, 0},
        {CALG_AES_192, 24, 192, 128, CRYPT_MODE_CBC, 0}, {CALG_AES_256, 32, 256, 128, CRYPT_MODE_CBC, 0},
    };
    for (const Row &row : rows) {
        SCOPED_TRACE(::testing::Message() << std::hex << row.algorithm << std::dec << " " << row.key_bytes);
        HCRYPTKEY key = Import(prov, row.algorithm, Seq(row.key_bytes, 1), 0);
        EXPECT_EQ(GetDword(key, KP_ALGID), row.algorithm);
        EXPECT_EQ(GetDword(key, KP_KEYLEN), row.keylen);
        EXPECT_EQ(GetDword(key, KP_EFFECTIVE_KEYLEN), row.keylen);
        EXPECT_EQ(GetDword(key, KP_BLOCKLEN), row.blocklen);
        EXPECT_EQ(GetBytes(key, KP_IV), Bytes(row.blocklen / 8, 0));
        EXPECT_EQ(GetBytes(key, KP_SALT), Bytes(row.salt, 0));
        EXPECT_EQ(GetDword(key, KP_PADDING), DWORD{PKCS5_PADDING});
        EXPECT_EQ(GetDword(key, KP_MODE), row.mode);
        EXPECT_EQ(GetDword(key, KP_MODE_BITS), 8u);
        EXPECT_EQ(GetDword(key, KP_PERMISSIONS), kPermissions);
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyGetParamTest, IvReadsTheConfiguredIvNeverTheChain) {
    // Reference §3.19 KP_IV and §5.6 (Wine): the initial value, not the running vector.
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    const Bytes iv = Seq(16, 0xA0);
    ASSERT_TRUE(SetIv(key, iv));
    EXPECT_EQ(GetBytes(key, KP_IV), iv);
    Encrypt(key, Seq(48), FALSE);
    EXPECT_EQ(GetBytes(key, KP_IV), iv) << "after a non-final call";
    Encrypt(key, Seq(5), TRUE);
    EXPECT_EQ(GetBytes(key, KP_IV), iv) << "after Final";
    // Size query and short buffer (§1.2).
    DWORD length = 0;
    ASSERT_TRUE(CryptGetKeyParam(key, KP_IV, nullptr, &length, 0));
    EXPECT_EQ(length, 16u);
    BYTE out[16];
    memset(out, 0xAA, sizeof out);
    length = 15;
    EXPECT_FAILS_WITH(CryptGetKeyParam(key, KP_IV, out, &length, 0), ERROR_MORE_DATA);
    EXPECT_EQ(length, 16u);
    EXPECT_EQ(Bytes(out, out + 16), Bytes(16, 0xAA));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyGetParamTest, SaltOfAesDesAndTripleDesIsEmpty) {
    // Reference §3.19 KP_SALT: AES → TRUE with 0 bytes (Windows-validated: Wine test_aes, a
    // todo_wine); DES/3DES the same (library design).
    HCRYPTPROV prov = Acquire(kAes);
    for (ALG_ID algorithm : {ALG_ID{CALG_AES_128}, ALG_ID{CALG_AES_256}, ALG_ID{CALG_DES}, ALG_ID{CALG_3DES}}) {
        HCRYPTKEY key = Derive(prov, algorithm, CRYPT_CREATE_SALT);
        DWORD length = 0xdeadbeef;
        EXPECT_TRUE(CryptGetKeyParam(key, KP_SALT, nullptr, &length, 0)) << GetLastError();
        EXPECT_EQ(length, 0u) << std::hex << algorithm;
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== CryptSetKeyParam (reference §3.20) ================================================

using KeySetParamTest = KeyTest;

TEST_F(KeySetParamTest, HandlePointerFlagsAndParameterChecksInOrder) {
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, {});
    HCRYPTKEY key = Import(prov, CALG_RC2, Seq(16));
    const DWORD value = 64;
    const BYTE *data = reinterpret_cast<const BYTE *>(&value);
    for (HCRYPTKEY dead : DeadKeys(prov, hash)) {
        EXPECT_FAILS_WITH(CryptSetKeyParam(dead, KP_EFFECTIVE_KEYLEN, data, 0), kEip);
        EXPECT_FAILS_WITH(CryptSetKeyParam(dead, 0x5555, nullptr, ~0u), kEip);
    }
    // Step 2: pbData NULL (Windows-validated: KP_EFFECTIVE_KEYLEN).
    EXPECT_FAILS_WITH(CryptSetKeyParam(key, KP_EFFECTIVE_KEYLEN, nullptr, 0), kEip);
    EXPECT_FAILS_WITH(CryptSetKeyParam(key, 0x5555, nullptr, 1), kEip);
    // Step 3: flags, before the parameter.
    EXPECT_FAILS_WITH(CryptSetKeyParam(key, KP_EFFECTIVE_KEYLEN, data, 1), NTE_BAD_FLAGS);
    EXPECT_FAILS_WITH(CryptSetKeyParam(key, 0x5555, data, ~0u), NTE_BAD_FLAGS);
    // Step 4: unknown, or read-only, parameters.
    for (DWORD param : {DWORD{0}, DWORD{KP_ALGID}, DWORD{KP_KEYLEN}, DWORD{KP_BLOCKLEN}, DWORD{KP_P}, DWORD{KP_CLIENT_RANDOM},
                        DWORD{KP_OAEP_PARAMS}, DWORD{0x5555}}) {
        BYTE buffer[64] = {};
        {
            SCOPED_TRACE(::testing::Message() << param);
            EXPECT_FAILS_WITH(CryptSetKeyParam(key, param, buffer, 0), NTE_BAD_TYPE);
        }
    }
    EXPECT_EQ(GetDword(key, KP_EFFECTIVE_KEYLEN), 128u) << "no failed call changed the key";
    EXPECT_EQ(GetDword(key, KP_KEYLEN), 128u);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeySetParamTest, IvIsBlockLengthBytesAndResetsTheChain) {
    // Reference §3.20 KP_IV: copies bl bytes (documented), resets the chain (Wine). CBC:
    // C1 = E(P1 ⊕ IV), so the first CBC block equals ECB of P1 ⊕ IV.
    HCRYPTPROV prov = Acquire(kAes);
    for (ALG_ID algorithm : {ALG_ID{CALG_AES_128}, ALG_ID{CALG_3DES}}) {
        const size_t bl = algorithm == CALG_AES_128 ? 16 : 8;
        HCRYPTKEY key = Import(prov, algorithm, Seq(algorithm == CALG_AES_128 ? 16 : 24, 5));
        HCRYPTKEY ecb = Duplicate(key);
        ASSERT_TRUE(SetDword(ecb, KP_MODE, CRYPT_MODE_ECB));
        const Bytes iv = Concat(Seq(bl, 0x70), Bytes(16, 0xEE));  // bytes past bl are not read
        ASSERT_TRUE(SetIv(key, iv));
        EXPECT_EQ(GetBytes(key, KP_IV), Seq(bl, 0x70));
        Bytes p1 = Seq(bl, 0x10);
        Bytes xored = p1;
        for (size_t i = 0; i < bl; ++i) xored[i] ^= iv[i];
        const Bytes c1 = Encrypt(key, p1, FALSE);
        EXPECT_EQ(c1, Encrypt(ecb, xored, FALSE));
        EXPECT_NE(Encrypt(key, p1, FALSE), c1) << "chained";
        ASSERT_TRUE(SetIv(key, iv));
        EXPECT_EQ(Encrypt(key, p1, FALSE), c1) << "setting KP_IV reset the chain";
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptDestroyKey(ecb));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeySetParamTest, Rc4HasNoIvAndSettingOneSucceeds) {
    // Reference §3.19 KP_IV: 0 bytes for RC4 (Windows-validated: Wine test_rc4); §3.20: setting
    // it is TRUE (Wine).
    HCRYPTPROV prov = Acquire(kEnhanced);
    HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC4, 56);
    DWORD length = 0xdeadbeef;
    ASSERT_TRUE(CryptGetKeyParam(key, KP_IV, nullptr, &length, 0));
    EXPECT_EQ(length, 0u);
    EXPECT_TRUE(SetIv(key, Seq(16)));
    EXPECT_EQ(GetBytes(key, KP_IV), Bytes{});
    EXPECT_EQ(Encrypt(key, Seq(16)), Hex("170c448eae90cdb07f87f57aecb22e35")) << "§5.10 RC4-56";
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeySetParamTest, SaltIsElevenBytesOnBaseAndStrongAndNoneOnEnhanced) {
    // Reference §3.20 KP_SALT (Windows-validated: Wine test_rc2 and test_rc4, "Setting the salt
    // value will not reset the salt length in base or strong providers"): RC2-40 and RC4-56 keys
    // from D2000. AES sets 11 bytes like Base (docs/COMPATIBILITY.md).
    struct Row {
        const Personality *personality;
        size_t salt_length;
    } rows[] = {{&kBase, 11}, {&kStrong, 11}, {&kEnhanced, 0}, {&kAes, 11}};
    const Bytes salt = Seq(16, 0x61);
    for (const Row &row : rows) {
        SCOPED_TRACE(row.personality->name);
        HCRYPTPROV prov = Acquire(*row.personality);
        for (const auto &[algorithm, bits] : {std::pair<ALG_ID, DWORD>{CALG_RC2, 40}, std::pair<ALG_ID, DWORD>{CALG_RC4, 56}}) {
            HCRYPTKEY key = DeriveFromD2000(prov, algorithm, bits);
            const Bytes before = Encrypt(key, Seq(16));
            ASSERT_TRUE(CryptSetKeyParam(key, KP_SALT, salt.data(), 0)) << GetLastError();
            DWORD length = 0xdeadbeef;
            ASSERT_TRUE(CryptGetKeyParam(key, KP_SALT, nullptr, &length, 0));
            EXPECT_EQ(length, row.salt_length);
            EXPECT_EQ(GetBytes(key, KP_SALT), Bytes(salt.begin(), salt.begin() + static_cast<long>(row.salt_length)));
            EXPECT_EQ(GetDword(key, KP_KEYLEN), bits) << "the salt never counts in KP_KEYLEN";
            if (row.salt_length > 0 || bits == 40) {
                // The cipher key is key ‖ salt (§5.2): a new salt is a new cipher key.
                EXPECT_NE(Encrypt(key, Seq(16)), before);
            }
            EXPECT_TRUE(CryptDestroyKey(key));
        }
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(KeySetParamTest, SaltOfAKeyThatIsNotRc2OrRc4IsBadKey) {
    // Reference §3.20 KP_SALT / KP_SALT_EX: RC2/RC4 only, else NTE_BAD_KEY (Wine).
    HCRYPTPROV prov = Acquire(kAes);
    const Bytes salt = Seq(11);
    for (ALG_ID algorithm : {ALG_ID{CALG_AES_128}, ALG_ID{CALG_DES}, ALG_ID{CALG_3DES_112}}) {
        HCRYPTKEY key = Derive(prov, algorithm, 0);
        EXPECT_FAILS_WITH(CryptSetKeyParam(key, KP_SALT, salt.data(), 0), NTE_BAD_KEY);
        EXPECT_FAILS_WITH(SetSaltEx(key, salt), NTE_BAD_KEY);
        EXPECT_EQ(GetBytes(key, KP_SALT), Bytes{});
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    HCRYPTKEY ipsec = Import(prov, CALG_RC2, Seq(20), CRYPT_IPSEC_HMAC_KEY);
    {
        SCOPED_TRACE(::testing::Message() << "an HMAC key is no RC2 cipher");
        EXPECT_FAILS_WITH(CryptSetKeyParam(ipsec, KP_SALT, salt.data(), 0), NTE_BAD_KEY);
    }
    EXPECT_TRUE(CryptDestroyKey(ipsec));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeySetParamTest, SaltExTakesZeroToTwentyFourBytesAndRefusesTwentyFive) {
    // Reference §3.20 KP_SALT_EX: 0-23 set the salt and KP_SALT reports cbData
    // (Windows-validated: Wine test_rc2/test_rc4), 24 accepted (Wine), 25 → FALSE
    // (Windows-validated) with NTE_BAD_DATA (Wine). The salt is part of the cipher key (§5.2).
    HCRYPTPROV prov = Acquire(kEnhanced);
    for (ALG_ID algorithm : {ALG_ID{CALG_RC2}, ALG_ID{CALG_RC4}}) {
        HCRYPTKEY key = DeriveFromD2000(prov, algorithm, 56);
        HCRYPTKEY unsalted = DeriveFromD2000(prov, algorithm, 56);
        const Bytes salt = Seq(25, 0x90);
        for (size_t n = 0; n <= 24; ++n) {
            ASSERT_TRUE(SetSaltEx(key, Bytes(salt.begin(), salt.begin() + static_cast<long>(n)))) << n << ": " << GetLastError();
            DWORD length = 0xdeadbeef;
            ASSERT_TRUE(CryptGetKeyParam(key, KP_SALT, nullptr, &length, 0));
            EXPECT_EQ(length, n);
            EXPECT_EQ(GetBytes(key, KP_SALT), Bytes(salt.begin(), salt.begin() + static_cast<long>(n)));
            if (n == 0) {
                EXPECT_EQ(Encrypt(key, Seq(16)), Encrypt(unsalted, Seq(16))) << "no salt: the key alone";
            } else {
                EXPECT_NE(Encrypt(key, Seq(16)), Encrypt(unsalted, Seq(16))) << n;
            }
        }
        EXPECT_FAILS_WITH(SetSaltEx(key, salt), NTE_BAD_DATA);
        EXPECT_EQ(GetBytes(key, KP_SALT).size(), 24u) << "the refused salt changed nothing";
        // A salt length without its bytes.
        CRYPT_INTEGER_BLOB blob = {4, nullptr};
        EXPECT_FAILS_WITH(CryptSetKeyParam(key, KP_SALT_EX, reinterpret_cast<const BYTE *>(&blob), 0), kEip);
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptDestroyKey(unsalted));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeySetParamTest, EffectiveKeyLengthRules) {
    // Reference §3.20 KP_EFFECTIVE_KEYLEN, Windows-validated by Wine test_rc2 (RC2-56 from D2000):
    // 0 → NTE_BAD_DATA; 1025 → FALSE (NTE_BAD_DATA, docs/COMPATIBILITY.md); KP_KEYLEN stays 56
    // and the effective length 56; 128 → TRUE and read back, except on Base: NTE_BAD_DATA with
    // the effective length forced to 40; 40 → TRUE ("oddly enough this succeeds").
    for (const Personality &p : kPersonalities) {
        SCOPED_TRACE(p.name);
        HCRYPTPROV prov = Acquire(p);
        HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC2, 56);
        EXPECT_FAILS_WITH(SetDword(key, KP_EFFECTIVE_KEYLEN, 0), NTE_BAD_DATA);
        EXPECT_FAILS_WITH(SetDword(key, KP_EFFECTIVE_KEYLEN, 1025), NTE_BAD_DATA);
        EXPECT_FAILS_WITH(SetDword(key, KP_EFFECTIVE_KEYLEN, 0xFFFFFFFF), NTE_BAD_DATA);
        EXPECT_EQ(GetDword(key, KP_KEYLEN), 56u);
        EXPECT_EQ(GetDword(key, KP_EFFECTIVE_KEYLEN), 56u);
        const bool base = &p == &kPersonalities[0];
        if (base) {
            EXPECT_FAILS_WITH(SetDword(key, KP_EFFECTIVE_KEYLEN, 128), NTE_BAD_DATA);
            EXPECT_EQ(GetDword(key, KP_EFFECTIVE_KEYLEN), 40u);
        } else {
            EXPECT_TRUE(SetDword(key, KP_EFFECTIVE_KEYLEN, 128)) << GetLastError();
            EXPECT_EQ(GetDword(key, KP_EFFECTIVE_KEYLEN), 128u);
            for (DWORD bits : {1u, 1024u}) {  // the documented Enhanced range is 1-1024
                EXPECT_TRUE(SetDword(key, KP_EFFECTIVE_KEYLEN, bits)) << bits;
                EXPECT_EQ(GetDword(key, KP_EFFECTIVE_KEYLEN), bits);
            }
        }
        EXPECT_EQ(GetDword(key, KP_KEYLEN), 56u);
        EXPECT_TRUE(SetDword(key, KP_EFFECTIVE_KEYLEN, 40)) << GetLastError();
        EXPECT_EQ(GetDword(key, KP_EFFECTIVE_KEYLEN), 40u);
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(KeySetParamTest, EffectiveKeyLengthOfAnythingButRc2IsBadType) {
    // Reference §3.20 KP_EFFECTIVE_KEYLEN: RC2 only, else NTE_BAD_TYPE (Wine); reading it gives
    // KP_KEYLEN (Wine).
    HCRYPTPROV prov = Acquire(kAes);
    for (ALG_ID algorithm : {ALG_ID{CALG_RC4}, ALG_ID{CALG_AES_128}, ALG_ID{CALG_DES}, ALG_ID{CALG_3DES}}) {
        HCRYPTKEY key = Derive(prov, algorithm, 0);
        const DWORD keylen = GetDword(key, KP_KEYLEN);
        {
            SCOPED_TRACE(::testing::Message() << std::hex << algorithm);
            EXPECT_FAILS_WITH(SetDword(key, KP_EFFECTIVE_KEYLEN, 64), NTE_BAD_TYPE);
        }
        EXPECT_EQ(GetDword(key, KP_EFFECTIVE_KEYLEN), keylen);
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeySetParamTest, ExportCannotBeGrantedAndClearingItHasNoEffect) {
    // Reference §3.20 KP_PERMISSIONS, Windows-validated (Wine test_rsa_encrypt and
    // test_key_permissions): adding EXPORT → NTE_BAD_DATA (Windows: or NTE_BAD_FLAGS); clearing it
    // → TRUE without effect. Other bits are stored (Wine).
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY fixed = Import(prov, CALG_AES_128, Seq(16), 0);
    EXPECT_FAILS_WITH(SetDword(fixed, KP_PERMISSIONS, kPermissions | CRYPT_EXPORT), NTE_BAD_DATA);
    EXPECT_EQ(GetDword(fixed, KP_PERMISSIONS), kPermissions);
    DWORD length = 0;
    EXPECT_FAILS_WITH(CryptExportKey(fixed, 0, PLAINTEXTKEYBLOB, 0, nullptr, &length), NTE_BAD_KEY_STATE);
    HCRYPTKEY exportable = Import(prov, CALG_AES_128, Seq(16), CRYPT_EXPORTABLE);
    EXPECT_TRUE(SetDword(exportable, KP_PERMISSIONS, kPermissions)) << GetLastError();
    EXPECT_EQ(GetDword(exportable, KP_PERMISSIONS), kPermissions | CRYPT_EXPORT) << "no effect";
    EXPECT_EQ(Export(exportable), PlaintextBlob(CALG_AES_128, Seq(16))) << "still exportable";
    EXPECT_TRUE(SetDword(exportable, KP_PERMISSIONS, CRYPT_ENCRYPT | CRYPT_DECRYPT));
    EXPECT_EQ(GetDword(exportable, KP_PERMISSIONS), DWORD{CRYPT_ENCRYPT | CRYPT_DECRYPT | CRYPT_EXPORT});
    EXPECT_TRUE(SetDword(fixed, KP_PERMISSIONS, CRYPT_ENCRYPT));
    EXPECT_EQ(GetDword(fixed, KP_PERMISSIONS), DWORD{CRYPT_ENCRYPT});
    EXPECT_TRUE(CryptDestroyKey(fixed));
    EXPECT_TRUE(CryptDestroyKey(exportable));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeySetParamTest, PaddingTakesOnlyPkcs5) {
    // Reference §3.20 KP_PADDING (Wine).
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    EXPECT_TRUE(SetDword(key, KP_PADDING, PKCS5_PADDING)) << GetLastError();
    for (DWORD padding : {DWORD{0}, DWORD{RANDOM_PADDING}, DWORD{ZERO_PADDING}, DWORD{4}, ~DWORD{0}}) {
        {
            SCOPED_TRACE(::testing::Message() << padding);
            EXPECT_FAILS_WITH(SetDword(key, KP_PADDING, padding), NTE_BAD_DATA);
        }
    }
    EXPECT_EQ(GetDword(key, KP_PADDING), DWORD{PKCS5_PADDING});
    EXPECT_EQ(Encrypt(key, Seq(16)).size(), 32u) << "still PKCS#5: a whole block of padding";
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeySetParamTest, ModeBitsDefaultToEightAreStoredAndCfbStaysEightBit) {
    // Reference §3.19 KP_MODE_BITS 8 by default or the value last set (documented); §3.20: CFB
    // always uses 8-bit feedback (documented). The RC2-40 CFB row of §5.10 is the check.
    HCRYPTPROV prov = Acquire(kEnhanced);
    HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC2, 40);
    EXPECT_EQ(GetDword(key, KP_MODE_BITS), 8u);
    ASSERT_TRUE(SetDword(key, KP_MODE, CRYPT_MODE_CFB));
    for (DWORD bits : {64u, 1u, 8u, 0u}) {
        EXPECT_TRUE(SetDword(key, KP_MODE_BITS, bits));
        EXPECT_EQ(GetDword(key, KP_MODE_BITS), bits);
        EXPECT_EQ(Encrypt(key, Seq(23)), Hex("29b567850b1bec07672da1a41a47246a54e1e092f90ef6eb")) << bits;
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeySetParamTest, ModeIsStoredAsGivenAndSelectsTheMode) {
    // Reference §3.20 KP_MODE and §5.10 (RC2-40 D2000 key, SEQ(23) in ECB / CBC / CFB).
    HCRYPTPROV prov = Acquire(kEnhanced);
    HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC2, 40);
    const struct {
        DWORD mode;
        const char *ciphertext;
    } rows[] = {{CRYPT_MODE_ECB, "c09ae42f0a476711f2b25d5f08ff49a4453a6814ca18e5f4"},
                {CRYPT_MODE_CBC, "c09ae42f0a47671110f5da614e3dabc09785011297a4f7d3"},
                {CRYPT_MODE_CFB, "29b567850b1bec07672da1a41a47246a54e1e092f90ef6eb"}};
    for (const auto &row : rows) {
        ASSERT_TRUE(SetDword(key, KP_MODE, row.mode));
        EXPECT_EQ(GetDword(key, KP_MODE), row.mode);
        EXPECT_EQ(Encrypt(key, Seq(23)), Hex(row.ciphertext)) << row.mode;
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== CryptDuplicateKey (reference §3.21) ===============================================

using KeyDuplicateTest = KeyTest;

TEST_F(KeyDuplicateTest, ChecksInOrder) {
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, {});
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    DWORD reserved = 0;
    HCRYPTKEY copy = 0;
    for (HCRYPTKEY dead : DeadKeys(prov, hash)) {
        EXPECT_FAILS_WITH(CryptDuplicateKey(dead, nullptr, 0, &copy), kEip);
        EXPECT_FAILS_WITH(CryptDuplicateKey(dead, &reserved, ~0u, nullptr), kEip);
    }
    // Step 2: pdwReserved or phKey; step 3: flags, also EIP (Wine).
    EXPECT_FAILS_WITH(CryptDuplicateKey(key, &reserved, 0, &copy), kEip);
    EXPECT_FAILS_WITH(CryptDuplicateKey(key, nullptr, 0, nullptr), kEip);
    copy = 0xdeadbeef;
    EXPECT_FAILS_WITH(CryptDuplicateKey(key, nullptr, 1, &copy), kEip);
    EXPECT_EQ(copy, 0u) << "0 after a failure that follows the pointer check (§1.3)";
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 1u) << "no failed duplicate took a slot";
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyDuplicateTest, ADuplicateMadeMidStreamContinuesExactlyLikeTheOriginal) {
    // Reference §3.21 step 4: the whole state, the chain included (Wine).
    HCRYPTPROV prov = Acquire(kAes);
    for (ALG_ID algorithm : {ALG_ID{CALG_AES_128}, ALG_ID{CALG_3DES}, ALG_ID{CALG_RC2}, ALG_ID{CALG_RC4}}) {
        SCOPED_TRACE(algorithm);
        HCRYPTKEY key = Derive(prov, algorithm, 0);
        for (DWORD mode : {DWORD{CRYPT_MODE_CBC}, DWORD{CRYPT_MODE_CFB}}) {
            if (algorithm != CALG_RC4) {
                ASSERT_TRUE(SetDword(key, KP_MODE, mode));
            }
            Encrypt(key, Seq(48), FALSE);  // the chain (or keystream) is now mid-message
            HCRYPTKEY copy = Duplicate(key);
            EXPECT_EQ(Encrypt(copy, Seq(32, 3), FALSE), Encrypt(key, Seq(32, 3), FALSE));
            EXPECT_EQ(Encrypt(copy, Seq(7, 9), TRUE), Encrypt(key, Seq(7, 9), TRUE));
            EXPECT_EQ(Encrypt(copy, Seq(20)), Encrypt(key, Seq(20))) << "both reset by Final";
            EXPECT_TRUE(CryptDestroyKey(copy));
        }
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyDuplicateTest, TheCopyCarriesEveryParameterAndIsIndependent) {
    // Reference §3.21 step 4: IV, mode, salt, permissions and effective length (Wine).
    HCRYPTPROV prov = Acquire(kStrong);
    HCRYPTKEY key = Derive(prov, CALG_RC2, (56u << 16) | CRYPT_EXPORTABLE);
    ASSERT_TRUE(SetIv(key, Seq(8, 0x55)));
    ASSERT_TRUE(SetDword(key, KP_MODE, CRYPT_MODE_CFB));
    ASSERT_TRUE(SetDword(key, KP_MODE_BITS, 16));
    ASSERT_TRUE(SetSaltEx(key, Seq(5, 0x77)));
    ASSERT_TRUE(SetDword(key, KP_EFFECTIVE_KEYLEN, 97));
    ASSERT_TRUE(SetDword(key, KP_PERMISSIONS, CRYPT_ENCRYPT | CRYPT_DECRYPT));
    HCRYPTKEY copy = Duplicate(key);
    for (DWORD param : {DWORD{KP_ALGID}, DWORD{KP_KEYLEN}, DWORD{KP_EFFECTIVE_KEYLEN}, DWORD{KP_MODE}, DWORD{KP_MODE_BITS},
                        DWORD{KP_PERMISSIONS}, DWORD{KP_BLOCKLEN}}) {
        EXPECT_EQ(GetDword(copy, param), GetDword(key, param)) << param;
    }
    EXPECT_EQ(GetBytes(copy, KP_IV), Seq(8, 0x55));
    EXPECT_EQ(GetBytes(copy, KP_SALT), Seq(5, 0x77));
    EXPECT_EQ(Export(copy), Export(key));
    const Bytes expected = Encrypt(key, Seq(30));
    EXPECT_EQ(Encrypt(copy, Seq(30)), expected);
    // Independent: changing or using the original does not reach the copy.
    ASSERT_TRUE(SetIv(key, Seq(8, 0x11)));
    ASSERT_TRUE(SetDword(key, KP_MODE, CRYPT_MODE_ECB));
    Encrypt(key, Seq(64), FALSE);
    EXPECT_EQ(Encrypt(copy, Seq(30)), expected);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_EQ(Encrypt(copy, Seq(30)), expected) << "the copy outlives the original";
    EXPECT_TRUE(CryptDestroyKey(copy));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== CryptDestroyKey (reference §3.22, §2.4) ===========================================

using KeyDestroyTest = KeyTest;

TEST_F(KeyDestroyTest, DeadHandlesAreInvalidParameter) {
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, {});
    for (HCRYPTKEY dead : DeadKeys(prov, hash)) {
        SCOPED_TRACE(::testing::Message() << dead);
        EXPECT_FAILS_WITH(CryptDestroyKey(dead), kEip);
    }
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    EXPECT_TRUE(CryptDestroyKey(key));
    {
        SCOPED_TRACE(::testing::Message() << "destroyed twice");
        EXPECT_FAILS_WITH(CryptDestroyKey(key), kEip);
    }
    BYTE data[16] = {};
    DWORD length = 0;
    {
        SCOPED_TRACE(::testing::Message() << "dead afterwards");
        EXPECT_FAILS_WITH(CryptEncrypt(key, 0, TRUE, 0, data, &length, 16), kEip);
    }
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyDestroyTest, DestroyKillsOnlyThatHandle) {
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    HCRYPTKEY copy = Duplicate(key);
    HCRYPTKEY other = Import(prov, CALG_AES_128, Seq(16));
    const Bytes expected = Encrypt(other, Seq(10));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_EQ(Encrypt(copy, Seq(10)), expected);
    EXPECT_EQ(Encrypt(other, Seq(10)), expected);
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 2u);
    EXPECT_TRUE(CryptDestroyKey(copy));
    EXPECT_TRUE(CryptDestroyKey(other));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== Keys and HMAC hashes of a released provider (reference §2.3) =======================

using KeyReleasedProviderTest = KeyTest;

TEST_F(KeyReleasedProviderTest, EveryKeyFunctionRejectsAKeyOfAReleasedProvider) {
    HCRYPTPROV live = Acquire(kAes);
    HCRYPTHASH live_hash = HashOf(live, CALG_MD5, {});
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    HCRYPTKEY rc4 = Import(prov, CALG_RC4, Seq(16));
    ASSERT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u) << "the release reclaimed the key slots";
    BYTE data[32] = {};
    DWORD length = 16, value = 0;
    HCRYPTKEY out = 0;
    HCRYPTHASH hash_out = 0;
    for (HCRYPTKEY dead : {key, rc4}) {
        EXPECT_FAILS_WITH(CryptEncrypt(dead, 0, TRUE, 0, data, &length, sizeof data), kEip);
        EXPECT_FAILS_WITH(CryptDecrypt(dead, 0, TRUE, 0, data, &length), kEip);
        EXPECT_FAILS_WITH(CryptGetKeyParam(dead, KP_ALGID, reinterpret_cast<BYTE *>(&value), &length, 0), kEip);
        EXPECT_FAILS_WITH(CryptSetKeyParam(dead, KP_MODE, reinterpret_cast<BYTE *>(&value), 0), kEip);
        EXPECT_FAILS_WITH(CryptExportKey(dead, 0, PLAINTEXTKEYBLOB, 0, nullptr, &length), kEip);
        EXPECT_FAILS_WITH(CryptDuplicateKey(dead, nullptr, 0, &out), kEip);
        EXPECT_FAILS_WITH(CryptHashSessionKey(live_hash, dead, 0), kEip);
        EXPECT_FAILS_WITH(CryptCreateHash(live, CALG_MAC, dead, 0, &hash_out), kEip);
        EXPECT_FAILS_WITH(CryptCreateHash(live, CALG_HMAC, dead, 0, &hash_out), kEip);
        const Bytes blob = PlaintextBlob(CALG_AES_128, Seq(16));
        EXPECT_FAILS_WITH(CryptImportKey(live, blob.data(), static_cast<DWORD>(blob.size()), dead, 0, &out), kEip);
        EXPECT_FAILS_WITH(CryptDestroyKey(dead), kEip);
    }
    EXPECT_TRUE(Hashing(live_hash));
    EXPECT_TRUE(CryptDestroyHash(live_hash));
    EXPECT_TRUE(CryptReleaseContext(live, 0));
}

TEST_F(KeyReleasedProviderTest, HmacAndMacHashesOfAReleasedProviderAreDead) {
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    HCRYPTHASH hmac = 0, mac = 0;
    ASSERT_TRUE(CryptCreateHash(prov, CALG_HMAC, key, 0, &hmac));
    HMAC_INFO info = {};
    info.HashAlgid = CALG_SHA_256;
    ASSERT_TRUE(CryptSetHashParam(hmac, HP_HMAC_INFO, reinterpret_cast<BYTE *>(&info), 0));
    ASSERT_TRUE(CryptCreateHash(prov, CALG_MAC, key, 0, &mac));
    ASSERT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_HASHES), 0u);
    const BYTE b = 1;
    BYTE value[64];
    DWORD length = sizeof value;
    for (HCRYPTHASH dead : {hmac, mac}) {
        EXPECT_FAILS_WITH(CryptHashData(dead, &b, 1, 0), kEip);
        EXPECT_FAILS_WITH(CryptGetHashParam(dead, HP_HASHVAL, value, &length, 0), kEip);
        EXPECT_FAILS_WITH(CryptSetHashParam(dead, HP_HMAC_INFO, reinterpret_cast<BYTE *>(&info), 0), kEip);
        HCRYPTHASH copy = 0;
        EXPECT_FAILS_WITH(CryptDuplicateHash(dead, nullptr, 0, &copy), kEip);
        EXPECT_FAILS_WITH(CryptDestroyHash(dead), kEip);
    }
}

TEST_F(KeyReleasedProviderTest, ADerivedKeyBelongsToTheProviderItWasMadeWith) {
    // Reference §2.1: objects are not bound to the hProv passed with them (Wine); the new key is
    // the child of the provider the call names, so releasing the hash's provider leaves it.
    HCRYPTPROV a = Acquire(kAes);
    HCRYPTPROV b = Acquire(kAes);
    HCRYPTHASH hash_of_a = HashOf(a, CALG_SHA_256, Seq(33));
    HCRYPTKEY key_of_b = 0;
    ASSERT_TRUE(CryptDeriveKey(b, CALG_AES_256, hash_of_a, 0, &key_of_b)) << GetLastError();
    const Bytes expected = Encrypt(key_of_b, Seq(10));
    ASSERT_TRUE(CryptReleaseContext(a, 0));
    EXPECT_EQ(Encrypt(key_of_b, Seq(10)), expected);
    ASSERT_TRUE(CryptReleaseContext(b, 0));
    EXPECT_FAILS_WITH(CryptDestroyKey(key_of_b), kEip);
}

// ===== The key pool (reference §2.1, library design) =====================================

using KeyPoolTest = KeyTest;

TEST_F(KeyPoolTest, AFullPoolIsNoMemoryAfterEveryWindowsCheckAndRecovers) {
    // docs/COMPATIBILITY.md: every argument check Windows makes runs before a slot is taken, so
    // NTE_NO_MEMORY comes only from a call Windows would have accepted; *phKey is 0.
    HCRYPTPROV prov = Acquire(kAes);
    std::vector<HCRYPTKEY> keys;
    for (int i = 0; i < TINYCAPI_MAX_KEYS; ++i) {
        HCRYPTKEY key = 0;
        ASSERT_TRUE(CryptGenKey(prov, CALG_AES_128, CRYPT_EXPORTABLE, &key)) << i << ": " << GetLastError();
        keys.push_back(key);
    }
    HCRYPTHASH hash = HashOf(prov, CALG_SHA1, Seq(64));
    const Bytes blob = PlaintextBlob(CALG_AES_128, Seq(16));
    HCRYPTKEY out = 0xdeadbeef;
    EXPECT_FAILS_WITH(CryptGenKey(prov, CALG_AES_128, 0, &out), NTE_NO_MEMORY);
    EXPECT_EQ(out, 0u);
    out = 0xdeadbeef;
    EXPECT_FAILS_WITH(CryptDeriveKey(prov, CALG_AES_128, hash, 0, &out), NTE_NO_MEMORY);
    EXPECT_EQ(out, 0u);
    EXPECT_TRUE(Hashing(hash)) << "the refused DeriveKey did not finish its base hash";
    out = 0xdeadbeef;
    EXPECT_FAILS_WITH(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, 0, &out), NTE_NO_MEMORY);
    EXPECT_EQ(out, 0u);
    out = 0xdeadbeef;
    EXPECT_FAILS_WITH(CryptDuplicateKey(keys[0], nullptr, 0, &out), NTE_NO_MEMORY);
    EXPECT_EQ(out, 0u);
    // Windows' own errors still come first.
    EXPECT_FAILS_WITH(CryptGenKey(prov, CALG_AES, 0, &out), NTE_BAD_ALGID);
    EXPECT_FAILS_WITH(CryptDeriveKey(prov, CALG_DES, hash, 40u << 16, &out), NTE_BAD_FLAGS);
    EXPECT_FAILS_WITH(CryptDeriveKey(prov, CALG_RC4, hash, 41u << 16, &out), NTE_BAD_DATA);
    const Bytes bad = Blob(PLAINTEXTKEYBLOB, 3, 0, CALG_AES_128, {});
    EXPECT_FAILS_WITH(CryptImportKey(prov, bad.data(), static_cast<DWORD>(bad.size()), 0, 0, &out), NTE_BAD_DATA);
    EXPECT_FAILS_WITH(CryptDuplicateKey(keys[0], nullptr, 1, &out), kEip);
    EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), static_cast<uint32_t>(TINYCAPI_MAX_KEYS));
    // The keys in the pool are intact, and a freed slot serves the next call.
    const Bytes expected = KeyMaterial(keys[3]);
    ASSERT_TRUE(CryptDestroyKey(keys[0]));
    ASSERT_TRUE(CryptDeriveKey(prov, CALG_AES_128, hash, CRYPT_EXPORTABLE, &keys[0])) << GetLastError();
    EXPECT_EQ(KeyMaterial(keys[3]), expected);
    EXPECT_FAILS_WITH(CryptGenKey(prov, CALG_AES_128, 0, &out), NTE_NO_MEMORY);
    for (HCRYPTKEY key : keys) {
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ===== CryptHashSessionKey (reference §3.26) =============================================

using KeyHashSessionKeyTest = KeyTest;

TEST_F(KeyHashSessionKeyTest, HandleChecksComeFirst) {
    // Step 1: hHash dead → EIP; hKey dead, including 0 → EIP (Windows-validated).
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, {});
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    HCRYPTHASH destroyed = HashOf(prov, CALG_MD5, {});
    ASSERT_TRUE(CryptDestroyHash(destroyed));
    for (HCRYPTHASH dead : {HCRYPTHASH{0}, HCRYPTHASH{0xdeadbeef}, destroyed, HCRYPTHASH{key}}) {
        EXPECT_FAILS_WITH(CryptHashSessionKey(dead, key, 0), kEip);
        EXPECT_FAILS_WITH(CryptHashSessionKey(dead, 0, ~0u), kEip);
    }
    for (HCRYPTKEY dead : DeadKeys(prov, hash)) {
        EXPECT_FAILS_WITH(CryptHashSessionKey(hash, dead, 0), kEip);
        EXPECT_FAILS_WITH(CryptHashSessionKey(hash, dead, ~0u), kEip);
    }
    EXPECT_EQ(HashValue(hash), Digest(prov, CALG_MD5, {})) << "no failed call fed the hash";
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyHashSessionKeyTest, FlagsOtherThanLittleEndianAreBadFlagsBeforeTheHashState) {
    // Steps 3-4.
    HCRYPTPROV prov = Acquire(kAes);
    HCRYPTKEY key = Import(prov, CALG_AES_128, Seq(16));
    HCRYPTHASH hash = HashOf(prov, CALG_MD5, {});
    for (DWORD flags : {DWORD{2}, DWORD{CRYPT_LITTLE_ENDIAN | 2}, ~DWORD{0}}) {
        EXPECT_FAILS_WITH(CryptHashSessionKey(hash, key, flags), NTE_BAD_FLAGS);
    }
    EXPECT_TRUE(Hashing(hash));
    HashValue(hash);  // finishes it
    EXPECT_FAILS_WITH(CryptHashSessionKey(hash, key, 2), NTE_BAD_FLAGS);
    EXPECT_FAILS_WITH(CryptHashSessionKey(hash, key, 0), NTE_BAD_HASH_STATE);
    EXPECT_FAILS_WITH(CryptHashSessionKey(hash, key, CRYPT_LITTLE_ENDIAN), NTE_BAD_HASH_STATE);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyHashSessionKeyTest, HashesTheKeyBytesReversedUnlessLittleEndianAndNeverTheSalt) {
    // Step 5: KP_KEYLEN/8 bytes, no salt, reversed by default ("big-endian form", documented),
    // as stored with CRYPT_LITTLE_ENDIAN; the stored order is the PLAINTEXTKEYBLOB order (Wine).
    HCRYPTPROV prov = Acquire(kBase);
    HCRYPTKEY key = Derive(prov, CALG_RC4, (40u << 16) | CRYPT_CREATE_SALT | CRYPT_EXPORTABLE);
    ASSERT_EQ(GetBytes(key, KP_SALT).size(), 11u);
    const Bytes material = KeyMaterial(key);
    ASSERT_EQ(material.size(), 5u);
    const Bytes reversed(material.rbegin(), material.rend());
    for (DWORD flags : {DWORD{0}, DWORD{CRYPT_LITTLE_ENDIAN}}) {
        HCRYPTHASH hash = HashOf(prov, CALG_SHA1, {});
        ASSERT_TRUE(CryptHashSessionKey(hash, key, flags)) << GetLastError();
        EXPECT_EQ(HashValue(hash), Digest(prov, CALG_SHA1, flags ? material : reversed)) << flags;
        EXPECT_TRUE(CryptDestroyHash(hash));
    }
    // It adds to what the hash already holds.
    HCRYPTHASH hash = HashOf(prov, CALG_SHA1, Seq(7));
    ASSERT_TRUE(CryptHashSessionKey(hash, key, CRYPT_LITTLE_ENDIAN));
    EXPECT_EQ(HashValue(hash), Digest(prov, CALG_SHA1, Concat(Seq(7), material)));
    EXPECT_TRUE(CryptDestroyHash(hash));
    // A long (IPSEC HMAC) key is reversed whole, not piece by piece.
    const Bytes long_key = Seq(150, 1);
    HCRYPTKEY ipsec = Import(prov, CALG_RC2, long_key, CRYPT_IPSEC_HMAC_KEY);
    hash = HashOf(prov, CALG_SHA1, {});
    ASSERT_TRUE(CryptHashSessionKey(hash, ipsec, 0)) << GetLastError();
    EXPECT_EQ(HashValue(hash), Digest(prov, CALG_SHA1, Bytes(long_key.rbegin(), long_key.rend())));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(ipsec));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

}  // namespace
}  // namespace tinycapi::testing
