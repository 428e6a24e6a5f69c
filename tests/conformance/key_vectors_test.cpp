// Session-key known answers: the Windows-validated vectors of reference §5.10, which come
// from Wine's rsaenh conformance tests (dlls/rsaenh/tests/rsaenh.c) run on Windows.
// Notation: SEQ(n) = bytes i & 0xFF for i < n; D2000 = MD2(SEQ(2000)); D(i) = 512 bytes
// (j + i) & 0xFF.
#include <string.h>

#include <string>
#include <vector>

#include "test_bytes.hpp"
#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {




class KeyVectorsTest : public CapiTest {
protected:
    HCRYPTPROV Acquire(const char *provider, DWORD type) {
        HCRYPTPROV prov = 0;
        EXPECT_TRUE(CryptAcquireContextA(&prov, nullptr, provider, type, CRYPT_VERIFYCONTEXT)) << GetLastError();
        return prov;
    }

    // A hash of `algorithm` over `data`.
    HCRYPTHASH HashOf(HCRYPTPROV prov, ALG_ID algorithm, const Bytes &data) {
        HCRYPTHASH hash = 0;
        EXPECT_TRUE(CryptCreateHash(prov, algorithm, 0, 0, &hash)) << GetLastError();
        EXPECT_TRUE(CryptHashData(hash, data.data(), static_cast<DWORD>(data.size()), 0)) << GetLastError();
        return hash;
    }

    // DeriveKey(algorithm, bits) from D2000 with CRYPT_EXPORTABLE, as the §5.10 rows do.
    HCRYPTKEY DeriveFromD2000(HCRYPTPROV prov, ALG_ID algorithm, DWORD bits) {
        HCRYPTHASH hash = HashOf(prov, CALG_MD2, Seq(2000));
        BYTE value[16];
        DWORD length = sizeof value;
        EXPECT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0));
        EXPECT_EQ(Bytes(value, value + 16), Hex("d5e1a7e9ac38c127f7731dba811698e0")) << "D2000";
        // A finished hash still derives: its value is what counts.
        HCRYPTKEY key = 0;
        EXPECT_TRUE(CryptDeriveKey(prov, algorithm, hash, (bits << 16) | CRYPT_EXPORTABLE, &key)) << GetLastError();
        EXPECT_TRUE(CryptDestroyHash(hash));
        return key;
    }

    static Bytes Encrypt(HCRYPTKEY key, Bytes data, BOOL final = TRUE) {
        DWORD length = static_cast<DWORD>(data.size());
        data.resize(data.size() + 32);
        EXPECT_TRUE(CryptEncrypt(key, 0, final, 0, data.data(), &length, static_cast<DWORD>(data.size())))
            << GetLastError();
        data.resize(length);
        return data;
    }

    static Bytes Decrypt(HCRYPTKEY key, Bytes data) {
        DWORD length = static_cast<DWORD>(data.size());
        EXPECT_TRUE(CryptDecrypt(key, 0, TRUE, 0, data.data(), &length)) << GetLastError();
        data.resize(length);
        return data;
    }

    static void SetMode(HCRYPTKEY key, DWORD mode) {
        EXPECT_TRUE(CryptSetKeyParam(key, KP_MODE, reinterpret_cast<BYTE *>(&mode), 0));
    }
};

TEST_F(KeyVectorsTest, Rc2FortyBitFromD2000) {
    HCRYPTPROV prov = Acquire(MS_ENHANCED_PROV_A, PROV_RSA_FULL);
    HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC2, 40);
    EXPECT_EQ(Encrypt(key, Seq(13)), Hex("c09ae42f0a476711fb1887ce0c7507b1"));
    EXPECT_EQ(Decrypt(key, Hex("c09ae42f0a476711fb1887ce0c7507b1")), Seq(13)) << "round trip";
    SetMode(key, CRYPT_MODE_ECB);
    EXPECT_EQ(Encrypt(key, Seq(23)), Hex("c09ae42f0a476711f2b25d5f08ff49a4453a6814ca18e5f4"));
    SetMode(key, CRYPT_MODE_CBC);
    EXPECT_EQ(Encrypt(key, Seq(23)), Hex("c09ae42f0a47671110f5da614e3dabc09785011297a4f7d3"));
    SetMode(key, CRYPT_MODE_CFB);
    EXPECT_EQ(Encrypt(key, Seq(23)), Hex("29b567850b1bec07672da1a41a47246a54e1e092f90ef6eb"));
    EXPECT_EQ(Decrypt(key, Hex("29b567850b1bec07672da1a41a47246a54e1e092f90ef6eb")), Seq(23));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyVectorsTest, Rc2EffectiveKeyLengthOnStrongAndForcedFortyOnBase) {
    for (const char *name : {MS_STRONG_PROV_A, MS_ENHANCED_PROV_A, MS_DEF_PROV_A}) {
        SCOPED_TRACE(name);
        const bool base = strcmp(name, MS_DEF_PROV_A) == 0;
        HCRYPTPROV prov = Acquire(name, PROV_RSA_FULL);
        HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC2, 56);
        DWORD effective = 128;
        if (base) {
            EXPECT_FAILS_WITH(CryptSetKeyParam(key, KP_EFFECTIVE_KEYLEN, reinterpret_cast<BYTE *>(&effective), 0),
                              NTE_BAD_DATA);
        } else {
            EXPECT_TRUE(CryptSetKeyParam(key, KP_EFFECTIVE_KEYLEN, reinterpret_cast<BYTE *>(&effective), 0));
        }
        DWORD read = 0, length = sizeof read;
        ASSERT_TRUE(CryptGetKeyParam(key, KP_EFFECTIVE_KEYLEN, reinterpret_cast<BYTE *>(&read), &length, 0));
        EXPECT_EQ(read, base ? 40u : 128u);
        EXPECT_EQ(Encrypt(key, Seq(13)),
                  Hex(base ? "23c87013422ea8985cdf7a9beadb961b" : "8281f7ffddd7888c2a2ac0ce4c89b666"));
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(KeyVectorsTest, Rc4FiftySixBitFromD2000) {
    HCRYPTPROV prov = Acquire(MS_ENHANCED_PROV_A, PROV_RSA_FULL);
    HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC4, 56);
    EXPECT_EQ(Encrypt(key, Seq(16)), Hex("170c448eae90cdb07f87f57aecb22e35"));
    EXPECT_EQ(Encrypt(key, Seq(16)), Hex("170c448eae90cdb07f87f57aecb22e35")) << "Final restarts the keystream";
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyVectorsTest, DesAndTripleDesFromD2000) {
    HCRYPTPROV prov = Acquire(MS_ENHANCED_PROV_A, PROV_RSA_FULL);
    HCRYPTKEY des = DeriveFromD2000(prov, CALG_DES, 56);
    SetMode(des, CRYPT_MODE_ECB);
    EXPECT_EQ(Encrypt(des, Seq(13)), Hex("58864246654b9262cf0f6537437a82b9"));
    HCRYPTKEY des3_112 = DeriveFromD2000(prov, CALG_3DES_112, 112);
    EXPECT_EQ(Encrypt(des3_112, Seq(13)), Hex("8e0c3ca305885f7a32a1065264d2441c"));
    HCRYPTKEY des3 = DeriveFromD2000(prov, CALG_3DES, 168);
    EXPECT_EQ(Encrypt(des3, Seq(13)), Hex("7bbadda239d37bb3c751814153e8cfeb"));
    for (HCRYPTKEY k : {des, des3_112, des3}) EXPECT_TRUE(CryptDestroyKey(k));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyVectorsTest, AesFromD2000) {
    HCRYPTPROV prov = Acquire(MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES);
    const char text[] = "AES Test With 2 Blocks Of Data.";  // 31 characters + NUL = 32 bytes
    const Bytes plain(text, text + sizeof text);
    HCRYPTKEY aes128 = DeriveFromD2000(prov, CALG_AES_128, 128);
    EXPECT_EQ(Encrypt(aes128, plain),
              Hex("fe853be1f5e15875d5a974e309eaa5042335a23b5cf16c6fb9cd64063e4183ef2afeeab56c1720798c513e56ede14768"));
    HCRYPTKEY aes256 = DeriveFromD2000(prov, CALG_AES_256, 256);
    const Bytes cipher =
        Hex("2057170b1776d83b26908b4cf2007933292b139ce29509c1cd20872232709d759a94f5765cb1622ce1767c8673e67a23");
    EXPECT_EQ(Encrypt(aes256, plain), cipher);
    EXPECT_EQ(Decrypt(aes256, cipher), plain);
    EXPECT_TRUE(CryptDestroyKey(aes128));
    EXPECT_TRUE(CryptDestroyKey(aes256));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

struct DerivationRow {
    size_t i;
    ALG_ID hash, cipher;
    const char *hash_value, *key, *ciphertext;
};

// Reference §5.10: base hash H(D(i)), DeriveKey(Algid, 0), encrypt D(i)[0..4) with Final.
const DerivationRow kDerivationRows[] = {
    {24, CALG_MD5, CALG_DES, "ea0147a07f96446b0d952c974b281c86", "ea0147a07f96446b", "f375cc7c6c0bcf93"},
    {26, CALG_MD5, CALG_3DES, "2b36a28585c0ecbe04561d978e82dbd8", "0ab2e8e14c29cff12f2e792798e3dc4de7b504e6db6ff136",
     "582375253f8825eb"},
    {33, CALG_MD5, CALG_AES_128, "0ea0407255e54ceb79cb48c3d1b1d0f4", "40d6b80b3435bf2059439a9eb72384f9",
     "976692026dec33f84e821120c7e2e6e8"},
    {45, CALG_SHA1, CALG_AES_128, "81c17e42c3071f5ef875a35afc0b61ba0bd8530d", "21d87ae436518ba009c85a1dee46960c",
     "39cbafd78b754a3bd20e0db164578858"},
    {59, CALG_SHA_256, CALG_AES_256, "bdcc0c599929a724f3dc20404ee8e548dd270edf7e506517345047789a231b40",
     "bdcc0c599929a724f3dc20404ee8e548dd270edf7e506517345047789a231b40", "8ceb1fd37877f5bf7ade8d2ca516cce9"},
};

TEST_F(KeyVectorsTest, DerivationTableOfReference5_10) {
    HCRYPTPROV prov = Acquire(MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES);
    for (const DerivationRow &row : kDerivationRows) {
        SCOPED_TRACE(row.i);
        const Bytes data = Seq(512, row.i);
        HCRYPTHASH hash = HashOf(prov, row.hash, data);
        HCRYPTKEY key = 0;
        ASSERT_TRUE(CryptDeriveKey(prov, row.cipher, hash, CRYPT_EXPORTABLE, &key)) << GetLastError();
        BYTE value[32];
        DWORD length = sizeof value;
        ASSERT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0));
        EXPECT_EQ(Bytes(value, value + length), Hex(row.hash_value));
        BYTE blob[64];
        length = sizeof blob;
        ASSERT_TRUE(CryptExportKey(key, 0, PLAINTEXTKEYBLOB, 0, blob, &length));
        EXPECT_EQ(Bytes(blob + 12, blob + length), Hex(row.key));
        EXPECT_EQ(Encrypt(key, Bytes(data.begin(), data.begin() + 4)), Hex(row.ciphertext));
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptDestroyHash(hash));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyVectorsTest, CreateSaltRc4FortyOnBaseAndStrongUsesElevenHashBytes) {
    // §5.10: RC4-40 + CRYPT_CREATE_SALT from MD5 value 9be5...; Base/Strong use all 16 bytes
    // (5 key + 11 salt); encrypting 16 × 0xAF gives 2faceaeaff687e77f4b9487c4e79a6b5.
    const Bytes value = Hex("9be5897a856106bf8fc9ef292366a3ac");
    for (const char *name : {MS_DEF_PROV_A, MS_STRONG_PROV_A, MS_ENHANCED_PROV_A}) {
        SCOPED_TRACE(name);
        HCRYPTPROV prov = Acquire(name, PROV_RSA_FULL);
        HCRYPTHASH hash = 0;
        ASSERT_TRUE(CryptCreateHash(prov, CALG_MD5, 0, 0, &hash));
        ASSERT_TRUE(CryptSetHashParam(hash, HP_HASHVAL, value.data(), 0));
        HCRYPTKEY key = 0;
        ASSERT_TRUE(CryptDeriveKey(prov, CALG_RC4, hash, (40 << 16) | CRYPT_CREATE_SALT, &key)) << GetLastError();
        BYTE salt[32];
        DWORD length = sizeof salt;
        ASSERT_TRUE(CryptGetKeyParam(key, KP_SALT, salt, &length, 0));
        const bool enhanced = strcmp(name, MS_ENHANCED_PROV_A) == 0;
        EXPECT_EQ(length, enhanced ? 0u : 11u);
        const Bytes cipher = Encrypt(key, Bytes(16, 0xAF));
        if (!enhanced) {
            EXPECT_EQ(cipher, Hex("2faceaeaff687e77f4b9487c4e79a6b5"));
        }
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptDestroyHash(hash));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(KeyVectorsTest, CbcMacOfRc2FortyKey) {
    // §5.10: CALG_MAC on the RC2-40 D2000 key: SEQ(256) → b7a246e91131e0ad, SEQ(17) fed as
    // 1+1+6+9 → ef220a3bd0ab4849.
    HCRYPTPROV prov = Acquire(MS_ENHANCED_PROV_A, PROV_RSA_FULL);
    HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC2, 40);
    HCRYPTHASH mac = 0;
    ASSERT_TRUE(CryptCreateHash(prov, CALG_MAC, key, 0, &mac)) << GetLastError();
    const Bytes data = Seq(256);
    ASSERT_TRUE(CryptHashData(mac, data.data(), 256, 0));
    BYTE value[8];
    DWORD length = sizeof value;
    ASSERT_TRUE(CryptGetHashParam(mac, HP_HASHVAL, value, &length, 0));
    EXPECT_EQ(Bytes(value, value + length), Hex("b7a246e91131e0ad"));
    EXPECT_FAILS_WITH(CryptHashData(mac, data.data(), 1, 0), NTE_BAD_HASH_STATE);
    EXPECT_TRUE(CryptDestroyHash(mac));
    ASSERT_TRUE(CryptCreateHash(prov, CALG_MAC, key, 0, &mac));
    const Bytes seventeen = Seq(17);
    size_t at = 0;
    for (size_t piece : {1, 1, 6, 9}) {
        ASSERT_TRUE(CryptHashData(mac, seventeen.data() + at, static_cast<DWORD>(piece), 0));
        at += piece;
    }
    length = sizeof value;
    ASSERT_TRUE(CryptGetHashParam(mac, HP_HASHVAL, value, &length, 0));
    EXPECT_EQ(Bytes(value, value + length), Hex("ef220a3bd0ab4849"));
    EXPECT_TRUE(CryptDestroyHash(mac));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyVectorsTest, HmacMd5WithTheRc2FiftySixKey) {
    // §5.10: HMAC-MD5, key = the RC2-56 D2000 key (d5e1a7e9ac38c1), data SEQ(256).
    HCRYPTPROV prov = Acquire(MS_ENHANCED_PROV_A, PROV_RSA_FULL);
    HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC2, 56);
    HCRYPTHASH hmac = 0;
    ASSERT_TRUE(CryptCreateHash(prov, CALG_HMAC, key, 0, &hmac));
    HMAC_INFO info = {};
    info.HashAlgid = CALG_MD5;
    ASSERT_TRUE(CryptSetHashParam(hmac, HP_HMAC_INFO, reinterpret_cast<BYTE *>(&info), 0)) << GetLastError();
    const Bytes data = Seq(256);
    ASSERT_TRUE(CryptHashData(hmac, data.data(), 256, 0));
    BYTE value[16];
    DWORD length = sizeof value;
    ASSERT_TRUE(CryptGetHashParam(hmac, HP_HASHVAL, value, &length, 0));
    EXPECT_EQ(Bytes(value, value + length), Hex("1a7d49c59b2d0b9ccf106bb67d0f1332"));
    EXPECT_TRUE(CryptDestroyHash(hmac));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyVectorsTest, HashSessionKeyReversesUnlessLittleEndian) {
    // §3.26: RC4-56 key d5e1a7e9ac38c1 → MD5 4273… (flags 0), 7666… (CRYPT_LITTLE_ENDIAN).
    HCRYPTPROV prov = Acquire(MS_ENHANCED_PROV_A, PROV_RSA_FULL);
    HCRYPTKEY key = DeriveFromD2000(prov, CALG_RC4, 56);
    for (DWORD flags : std::initializer_list<DWORD>{0u, static_cast<DWORD>(CRYPT_LITTLE_ENDIAN)}) {
        HCRYPTHASH hash = 0;
        ASSERT_TRUE(CryptCreateHash(prov, CALG_MD5, 0, 0, &hash));
        ASSERT_TRUE(CryptHashSessionKey(hash, key, flags)) << GetLastError();
        BYTE value[16];
        DWORD length = sizeof value;
        ASSERT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0));
        EXPECT_EQ(Bytes(value, value + 16),
                  Hex(flags ? "766655579cffcfb742107168e4238047" : "4273add4805fb83641ce654771b14271"));
        EXPECT_TRUE(CryptDestroyHash(hash));
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

}  // namespace
}  // namespace tinycapi::testing
