// Known answers through the public API: CryptAcquireContext → CryptCreateHash →
// CryptHashData → CryptGetHashParam(HP_HASHVAL). Published vectors (FIPS 180-4 examples,
// RFC 1319/1320/1321 test suites) and the byte arrays of Wine's rsaenh conformance test,
// which runs against Windows (reference §0: Windows-validated). CALG_SSL3_SHAMD5 per §5.9.
//
// An algorithm compiled out (TINYCAPI_ENABLE_* = 0) must give NTE_BAD_ALGID instead
// (reference §4.2), so every vector checks something in every configuration.
#include <stdio.h>
#include <string.h>

#include <string>
#include <vector>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

// Whether this build offers the algorithm (config/tinycapi_config.h).
constexpr bool Compiled(ALG_ID algorithm) {
    switch (algorithm) {
        case CALG_MD2: return TINYCAPI_ENABLE_MD2 != 0;
        case CALG_MD4: return TINYCAPI_ENABLE_MD4 != 0;
        case CALG_MD5: return TINYCAPI_ENABLE_MD5 != 0;
        case CALG_SHA1: return TINYCAPI_ENABLE_SHA1 != 0;
        case CALG_SHA_256: return TINYCAPI_ENABLE_SHA256 != 0;
        case CALG_SHA_384:
        case CALG_SHA_512: return TINYCAPI_ENABLE_SHA384_512 != 0;
        case CALG_SSL3_SHAMD5: return TINYCAPI_ENABLE_MD5 != 0 && TINYCAPI_ENABLE_SHA1 != 0;
        default: return false;
    }
}

std::string Hex(const std::vector<BYTE> &bytes) {
    std::string text;
    char pair[3];
    for (BYTE b : bytes) {
        snprintf(pair, sizeof pair, "%02x", b);
        text += pair;
    }
    return text;
}

// SEQ(n) of reference §5.10: bytes i & 0xff, the input of Wine's test_hashes and test_sha2.
std::vector<BYTE> Sequence(size_t length) {
    std::vector<BYTE> bytes(length);
    for (size_t i = 0; i < length; ++i) bytes[i] = static_cast<BYTE>(i & 0xff);
    return bytes;
}

// A compiled-out algorithm: NTE_BAD_ALGID, and *phHash is 0 (reference §4.2, §1.3).
void ExpectNotOffered(HCRYPTPROV prov, ALG_ID algorithm) {
    HCRYPTHASH hash = 0xdeadbeef;
    EXPECT_FAILS_WITH(CryptCreateHash(prov, algorithm, 0, 0, &hash), NTE_BAD_ALGID);
    EXPECT_EQ(hash, 0u);
}

DWORD HashDword(HCRYPTHASH hash, DWORD param) {
    DWORD value = 0xdeadbeef, length = sizeof value;
    EXPECT_TRUE(CryptGetHashParam(hash, param, reinterpret_cast<BYTE *>(&value), &length, 0)) << GetLastError();
    EXPECT_EQ(length, sizeof(DWORD));
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

// The digest of `data`, fed in one CryptHashData call.
std::vector<BYTE> Digest(HCRYPTPROV prov, ALG_ID algorithm, const std::vector<BYTE> &data, DWORD flags = 0) {
    HCRYPTHASH hash = 0;
    if (!CryptCreateHash(prov, algorithm, 0, 0, &hash)) {
        ADD_FAILURE() << "CryptCreateHash(" << std::hex << algorithm << ") failed: " << GetLastError();
        return {};
    }
    EXPECT_TRUE(CryptHashData(hash, data.data(), static_cast<DWORD>(data.size()), flags)) << GetLastError();
    std::vector<BYTE> value = HashValue(hash);
    EXPECT_TRUE(CryptDestroyHash(hash));
    return value;
}

// ---- Published vectors ------------------------------------------------------------------

struct PublishedVector {
    const char *name;
    ALG_ID algorithm;
    const char *message;
    size_t repeat;  // the message is `message` repeated this many times
    const char *digest;
    const char *source;
};

constexpr char kRfc1319[] = "RFC 1319 (MD2), appendix A.5 test suite";
constexpr char kRfc1320[] = "RFC 1320 (MD4), appendix A.5 test suite";
constexpr char kRfc1321[] = "RFC 1321 (MD5), appendix A.5 test suite";
constexpr char kSha1Example[] = "FIPS 180-4 example, NIST CSRC SHA1.pdf (also FIPS 180-2 appendix A)";
constexpr char kSha256Example[] = "FIPS 180-4 example, NIST CSRC SHA256.pdf (also FIPS 180-2 appendix B)";
constexpr char kSha384Example[] = "FIPS 180-4 example, NIST CSRC SHA384.pdf (also FIPS 180-2 appendix D)";
constexpr char kSha512Example[] = "FIPS 180-4 example, NIST CSRC SHA512.pdf (also FIPS 180-2 appendix C)";
constexpr char kMillionA[] = "FIPS 180-2 appendices A.3/B.3/C.3/D.3: one million 'a'";

constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz";
constexpr char kAlphanumeric[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr char kEightyDigits[] = "1234567890";  // repeated 8 times in the RFC suites
// The two-block messages of the FIPS examples: 448 bits (SHA-1/256) and 896 bits (SHA-384/512).
constexpr char kTwoBlock448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr char kTwoBlock896[] =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

const PublishedVector kPublishedVectors[] = {
    {"md2_empty", CALG_MD2, "", 1, "8350e5a3e24c153df2275c9f80692773", kRfc1319},
    {"md2_a", CALG_MD2, "a", 1, "32ec01ec4a6dac72c0ab96fb34c0b5d1", kRfc1319},
    {"md2_abc", CALG_MD2, "abc", 1, "da853b0d3f88d99b30283a69e6ded6bb", kRfc1319},
    {"md2_message_digest", CALG_MD2, "message digest", 1, "ab4f496bfb2a530b219ff33031fe06b0", kRfc1319},
    {"md2_alphabet", CALG_MD2, kAlphabet, 1, "4e8ddff3650292ab5a4108c3aa47940b", kRfc1319},
    {"md2_alphanumeric", CALG_MD2, kAlphanumeric, 1, "da33def2a42df13975352846c30338cd", kRfc1319},
    {"md2_eighty_digits", CALG_MD2, kEightyDigits, 8, "d5976f79d83d3a0dc9806c3c66f3efd8", kRfc1319},

    {"md4_empty", CALG_MD4, "", 1, "31d6cfe0d16ae931b73c59d7e0c089c0", kRfc1320},
    {"md4_a", CALG_MD4, "a", 1, "bde52cb31de33e46245e05fbdbd6fb24", kRfc1320},
    {"md4_abc", CALG_MD4, "abc", 1, "a448017aaf21d8525fc10ae87aa6729d", kRfc1320},
    {"md4_message_digest", CALG_MD4, "message digest", 1, "d9130a8164549fe818874806e1c7014b", kRfc1320},
    {"md4_alphabet", CALG_MD4, kAlphabet, 1, "d79e1c308aa5bbcdeea8ed63df412da9", kRfc1320},
    {"md4_alphanumeric", CALG_MD4, kAlphanumeric, 1, "043f8582f241db351ce627e153e7f0e4", kRfc1320},
    {"md4_eighty_digits", CALG_MD4, kEightyDigits, 8, "e33b4ddc9c38f2199c3e7b164fcc0536", kRfc1320},

    {"md5_empty", CALG_MD5, "", 1, "d41d8cd98f00b204e9800998ecf8427e", kRfc1321},
    {"md5_a", CALG_MD5, "a", 1, "0cc175b9c0f1b6a831c399e269772661", kRfc1321},
    {"md5_abc", CALG_MD5, "abc", 1, "900150983cd24fb0d6963f7d28e17f72", kRfc1321},
    {"md5_message_digest", CALG_MD5, "message digest", 1, "f96b697d7cb7938d525a2f31aaf161d0", kRfc1321},
    {"md5_alphabet", CALG_MD5, kAlphabet, 1, "c3fcd3d76192e4007dfb496cca67e13b", kRfc1321},
    {"md5_alphanumeric", CALG_MD5, kAlphanumeric, 1, "d174ab98d277d9f5a5611c2c9f419d9f", kRfc1321},
    {"md5_eighty_digits", CALG_MD5, kEightyDigits, 8, "57edf4a22be3c955ac49da2e2107b67a", kRfc1321},

    {"sha1_abc", CALG_SHA1, "abc", 1, "a9993e364706816aba3e25717850c26c9cd0d89d", kSha1Example},
    {"sha1_two_blocks", CALG_SHA1, kTwoBlock448, 1, "84983e441c3bd26ebaae4aa1f95129e5e54670f1", kSha1Example},
    {"sha1_million_a", CALG_SHA1, "a", 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f", kMillionA},

    {"sha256_abc", CALG_SHA_256, "abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
     kSha256Example},
    {"sha256_two_blocks", CALG_SHA_256, kTwoBlock448, 1,
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", kSha256Example},
    {"sha256_million_a", CALG_SHA_256, "a", 1000000,
     "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", kMillionA},

    {"sha384_abc", CALG_SHA_384, "abc", 1,
     "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
     kSha384Example},
    {"sha384_two_blocks", CALG_SHA_384, kTwoBlock896, 1,
     "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039",
     kSha384Example},
    {"sha384_million_a", CALG_SHA_384, "a", 1000000,
     "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985", kMillionA},

    {"sha512_abc", CALG_SHA_512, "abc", 1,
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
     kSha512Example},
    {"sha512_two_blocks", CALG_SHA_512, kTwoBlock896, 1,
     "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
     "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909",
     kSha512Example},
    {"sha512_million_a", CALG_SHA_512, "a", 1000000,
     "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
     "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b",
     kMillionA},
};

class HashPublishedVectorTest : public CapiTest, public ::testing::WithParamInterface<PublishedVector> {};

TEST_P(HashPublishedVectorTest, DigestThroughTheApiMatchesTheSource) {
    const PublishedVector &vector = GetParam();
    SCOPED_TRACE(vector.source);
    std::vector<BYTE> message;
    for (size_t i = 0; i < vector.repeat; ++i) {
        message.insert(message.end(), vector.message, vector.message + strlen(vector.message));
    }
    // The AES personality offers every hash (reference §4.2).
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    if (Compiled(vector.algorithm)) {
        EXPECT_EQ(Hex(Digest(prov, vector.algorithm, message)), vector.digest);
    } else {
        ExpectNotOffered(prov, vector.algorithm);
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

std::string VectorName(const ::testing::TestParamInfo<PublishedVector> &vector) { return vector.param.name; }

INSTANTIATE_TEST_SUITE_P(HashPublished, HashPublishedVectorTest, ::testing::ValuesIn(kPublishedVectors), VectorName);

// ---- Wine's rsaenh conformance test (Windows-validated) --------------------------------
//
// wine-mirror/wine, dlls/rsaenh/tests/rsaenh.c: test_hashes() runs on the Enhanced, Base and
// Strong providers (PROV_RSA_FULL), test_sha2() on the AES provider; both hash SEQ(2048).

using HashWineVectorTest = CapiTest;

struct WineVector {
    const char *name;
    ALG_ID algorithm;
    DWORD flags;  // the CryptHashData flags test_hashes passes
    DWORD hash_size;
    const char *digest;
    const char *source;
};

constexpr char kWineHashes[] = "Wine rsaenh.c test_hashes (Windows-validated)";
constexpr char kWineSha2[] = "Wine rsaenh.c test_sha2 (Windows-validated)";

// The MD2/MD4/MD5/SHA-1 values of SEQ(2048). test_hashes feeds MD4 and MD5 with
// CRYPT_USERDATA; the SHA-1 value is reached through a duplicate (DuplicateAfterFiveBytes).
const WineVector kWineRsaFullVectors[] = {
    {"md2hash", CALG_MD2, 0, 16, "12cb1b08c848a4a9aaf3f19ffc292868", kWineHashes},
    {"md4hash", CALG_MD4, CRYPT_USERDATA, 16, "8e2a58bff2f5262379d292361b23e381", kWineHashes},
    {"md5hash", CALG_MD5, CRYPT_USERDATA, 16, "1576a94d6cb334dd126cb1c27f19e0f2", kWineHashes},
    {"sha1hash", CALG_SHA1, 0, 20, "f10ccfde60c17db26e7d85d35665c7661dbbeb2c", kWineHashes},
};

const WineVector kWineAesVectors[] = {
    {"sha256hash", CALG_SHA_256, 0, 32, "10fc3c51a152e90e5b90319b601d92ccf37290ef53c35ff92507687d8a911a08", kWineSha2},
    {"sha384hash", CALG_SHA_384, 0, 48,
     "98d33f890b23334461325a7ca30389b511d741c8546b120c4015b62a0343e5647f101eae47a939056f406094d6ad8055", kWineSha2},
    {"sha512hash", CALG_SHA_512, 0, 64,
     "37860e7d25d9f9843e3dc71395734204fd13ad233916325f993e3cee3f1136f9"
     "c9660870cc49d8e07da1576271a6c9a42460fcde9db2f1d2c2fb2dbfb7f481d4",
     kWineSha2},
};

// The three PROV_RSA_FULL providers test_hashes loops over.
const char *const kRsaFullProviders[] = {MS_ENHANCED_PROV_A, MS_DEF_PROV_A, MS_STRONG_PROV_A};

// test_hashes / test_sha2's sequence: create, HP_HASHSIZE, the 2048 bytes, HP_HASHVAL.
void ExpectWineDigest(HCRYPTPROV prov, const WineVector &vector) {
    SCOPED_TRACE(std::string(vector.name) + ", " + vector.source);
    if (!Compiled(vector.algorithm)) return ExpectNotOffered(prov, vector.algorithm);
    HCRYPTHASH hash = 0;
    ASSERT_TRUE(CryptCreateHash(prov, vector.algorithm, 0, 0, &hash)) << GetLastError();
    EXPECT_EQ(HashDword(hash, HP_HASHSIZE), vector.hash_size);
    const std::vector<BYTE> data = Sequence(2048);
    // test_hashes: ~0 flags are refused before anything is hashed.
    EXPECT_FAILS_WITH(CryptHashData(hash, data.data(), static_cast<DWORD>(data.size()), ~0u), NTE_BAD_FLAGS);
    EXPECT_TRUE(CryptHashData(hash, data.data(), static_cast<DWORD>(data.size()), vector.flags)) << GetLastError();
    EXPECT_EQ(HashDword(hash, HP_HASHSIZE), vector.hash_size);
    EXPECT_EQ(Hex(HashValue(hash)), vector.digest);
    EXPECT_TRUE(CryptDestroyHash(hash));
}

TEST_F(HashWineVectorTest, Seq2048DigestsOnEveryRsaFullProvider) {
    for (const char *provider : kRsaFullProviders) {
        SCOPED_TRACE(provider);
        HCRYPTPROV prov = AcquireVerify(PROV_RSA_FULL, provider);
        for (const WineVector &vector : kWineRsaFullVectors) ExpectWineDigest(prov, vector);
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(HashWineVectorTest, Seq2048Sha2DigestsOnTheAesProvider) {
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    for (const WineVector &vector : kWineAesVectors) ExpectWineDigest(prov, vector);
    // The older hashes give the same values on the AES personality.
    for (const WineVector &vector : kWineRsaFullVectors) ExpectWineDigest(prov, vector);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashWineVectorTest, DuplicateAfterFiveBytesCompletesToTheFullSha1) {
    // test_hashes: SHA-1 of 5 bytes (CRYPT_USERDATA), duplicated; the 2043 remaining bytes
    // into the clone give SHA-1(SEQ(2048)) = sha1hash.
    if (!Compiled(CALG_SHA1)) GTEST_SKIP() << "SHA-1 compiled out (covered by Seq2048DigestsOnEveryRsaFullProvider)";
    const std::vector<BYTE> data = Sequence(2048);
    for (const char *provider : kRsaFullProviders) {
        SCOPED_TRACE(provider);
        HCRYPTPROV prov = AcquireVerify(PROV_RSA_FULL, provider);
        HCRYPTHASH hash = 0, clone = 0;
        ASSERT_TRUE(CryptCreateHash(prov, CALG_SHA, 0, 0, &hash)) << GetLastError();
        ASSERT_TRUE(CryptHashData(hash, data.data(), 5, CRYPT_USERDATA)) << GetLastError();
        ASSERT_TRUE(CryptDuplicateHash(hash, nullptr, 0, &clone)) << GetLastError();
        EXPECT_TRUE(CryptHashData(clone, data.data() + 5, static_cast<DWORD>(data.size() - 5), 0)) << GetLastError();
        EXPECT_EQ(HashDword(clone, HP_HASHSIZE), 20u);
        EXPECT_EQ(Hex(HashValue(clone)), "f10ccfde60c17db26e7d85d35665c7661dbbeb2c");  // Wine sha1hash
        // The original still holds only the 5 bytes: it equals a fresh hash of them.
        EXPECT_EQ(HashValue(hash), Digest(prov, CALG_SHA1, std::vector<BYTE>(data.begin(), data.begin() + 5)));
        EXPECT_TRUE(CryptDestroyHash(clone));
        EXPECT_TRUE(CryptDestroyHash(hash));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(HashWineVectorTest, OriginalTakesMoreDataAfterItsDuplicateWasRead) {
    // test_hashes: hash "data" (with its NUL), duplicate, read the clone's value, then more
    // data into the original succeeds: the clone's finalisation is not shared.
    if (!Compiled(CALG_SHA1)) GTEST_SKIP() << "SHA-1 compiled out";
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_FULL, MS_ENHANCED_PROV_A);
    HCRYPTHASH hash = 0, clone = 0;
    ASSERT_TRUE(CryptCreateHash(prov, CALG_SHA1, 0, 0, &hash));
    const BYTE data[] = "data";
    const BYTE more[] = "more data";
    ASSERT_TRUE(CryptHashData(hash, data, sizeof data, 0));
    ASSERT_TRUE(CryptDuplicateHash(hash, nullptr, 0, &clone));
    EXPECT_EQ(HashValue(clone), Digest(prov, CALG_SHA1, std::vector<BYTE>(data, data + sizeof data)));
    EXPECT_TRUE(CryptHashData(hash, more, sizeof more, 0)) << GetLastError();
    std::vector<BYTE> both(data, data + sizeof data);
    both.insert(both.end(), more, more + sizeof more);
    EXPECT_EQ(HashValue(hash), Digest(prov, CALG_SHA1, both));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyHash(clone));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashWineVectorTest, EmptyMd5IsAvailableStableAndFinal) {
    // test_hashes: the value exists without CryptHashData, reads the same twice, refuses more
    // data with NTE_BAD_HASH_STATE, and is unchanged after that failure.
    constexpr char kEmptyMd5[] = "d41d8cd98f00b204e9800998ecf8427e";  // Wine empty_md5hash (= RFC 1321 MD5(""))
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_FULL, MS_ENHANCED_PROV_A);
    HCRYPTHASH hash = 0;
    if (!Compiled(CALG_MD5)) {
        ExpectNotOffered(prov, CALG_MD5);
    } else {
        ASSERT_TRUE(CryptCreateHash(prov, CALG_MD5, 0, 0, &hash));
        EXPECT_EQ(Hex(HashValue(hash)), kEmptyMd5);
        EXPECT_EQ(Hex(HashValue(hash)), kEmptyMd5);
        const std::vector<BYTE> data = Sequence(2048);
        EXPECT_FAILS_WITH(CryptHashData(hash, data.data(), static_cast<DWORD>(data.size()), 0), NTE_BAD_HASH_STATE);
        EXPECT_EQ(Hex(HashValue(hash)), kEmptyMd5);
        EXPECT_TRUE(CryptDestroyHash(hash));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ---- CALG_SSL3_SHAMD5 (reference §5.9, Windows-validated in test_hashes) ----------------

using HashSsl3ShaMd5Test = CapiTest;

TEST_F(HashSsl3ShaMd5Test, HashDataIsBadAlgidAndTheValueIsSetWhole) {
    // test_hashes: MD5(SEQ(2048)) ‖ SHA-1(SEQ(2048)) set through HP_HASHVAL after
    // CryptHashData was refused with NTE_BAD_ALGID; HP_HASHSIZE 36 (reference §3.7).
    for (const char *provider : kRsaFullProviders) {
        SCOPED_TRACE(provider);
        HCRYPTPROV prov = AcquireVerify(PROV_RSA_FULL, provider);
        HCRYPTHASH hash = 0;
        if (!Compiled(CALG_SSL3_SHAMD5)) {
            ExpectNotOffered(prov, CALG_SSL3_SHAMD5);
            EXPECT_TRUE(CryptReleaseContext(prov, 0));
            continue;
        }
        const std::vector<BYTE> data = Sequence(2048);
        std::vector<BYTE> value = Digest(prov, CALG_MD5, data);
        const std::vector<BYTE> sha1 = Digest(prov, CALG_SHA1, data);
        value.insert(value.end(), sha1.begin(), sha1.end());
        ASSERT_EQ(Hex(value), "1576a94d6cb334dd126cb1c27f19e0f2f10ccfde60c17db26e7d85d35665c7661dbbeb2c");

        ASSERT_TRUE(CryptCreateHash(prov, CALG_SSL3_SHAMD5, 0, 0, &hash)) << GetLastError();
        EXPECT_EQ(HashDword(hash, HP_ALGID), static_cast<DWORD>(CALG_SSL3_SHAMD5));
        EXPECT_EQ(HashDword(hash, HP_HASHSIZE), 36u);
        EXPECT_FAILS_WITH(CryptHashData(hash, data.data(), static_cast<DWORD>(data.size()), 0), NTE_BAD_ALGID);
        ASSERT_TRUE(CryptSetHashParam(hash, HP_HASHVAL, value.data(), 0)) << GetLastError();
        EXPECT_EQ(HashValue(hash), value);
        // Still refused once set: the algorithm check comes before the state check (§3.8).
        EXPECT_FAILS_WITH(CryptHashData(hash, data.data(), static_cast<DWORD>(data.size()), 0), NTE_BAD_ALGID);
        EXPECT_EQ(HashValue(hash), value);
        EXPECT_TRUE(CryptDestroyHash(hash));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(HashSsl3ShaMd5Test, EmptyDataIsRefusedToo) {
    // §3.8 step 3 precedes step 5: no data still means NTE_BAD_ALGID.
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    HCRYPTHASH hash = 0;
    if (Compiled(CALG_SSL3_SHAMD5)) {
        ASSERT_TRUE(CryptCreateHash(prov, CALG_SSL3_SHAMD5, 0, 0, &hash));
        EXPECT_FAILS_WITH(CryptHashData(hash, nullptr, 0, 0), NTE_BAD_ALGID);
        EXPECT_FAILS_WITH(CryptHashData(hash, nullptr, 0, CRYPT_USERDATA), NTE_BAD_ALGID);
        // Flags are checked first (§3.8 step 2).
        EXPECT_FAILS_WITH(CryptHashData(hash, nullptr, 0, ~0u), NTE_BAD_FLAGS);
        EXPECT_TRUE(CryptDestroyHash(hash));
    } else {
        ExpectNotOffered(prov, CALG_SSL3_SHAMD5);
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashSsl3ShaMd5Test, ValueReadBeforeItWasSetIsThirtySixZeroBytes) {
    // Library design (docs/COMPATIBILITY.md): an SSL3_SHAMD5 value never set reads as zeroes.
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    HCRYPTHASH hash = 0;
    if (Compiled(CALG_SSL3_SHAMD5)) {
        ASSERT_TRUE(CryptCreateHash(prov, CALG_SSL3_SHAMD5, 0, 0, &hash));
        EXPECT_EQ(HashValue(hash), std::vector<BYTE>(36, 0));
        EXPECT_TRUE(CryptDestroyHash(hash));
    } else {
        ExpectNotOffered(prov, CALG_SSL3_SHAMD5);
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

}  // namespace
}  // namespace tinycapi::testing
