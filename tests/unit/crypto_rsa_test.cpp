// core/crypto RSA primitives (crypto/rsa.hpp) over Mbed TLS, with their memory in the fixed
// arena (crypto/arena.hpp). Known answers from RSA Laboratories' PKCS #1 test vectors, each
// cited in its table; then the properties the objects layer relies on: round trips, length
// limits, bad_data for every malformed input, keys that neither grow nor change with use, and
// a clean no_memory at every allocation point of every operation. The arena's high-water
// marks for RSA-1024 and RSA-2048 are printed (ArenaHighWaterFigures).
#include <gtest/gtest.h>
#include <tinycapi/port_mock.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "crypto/arena.hpp"
#include "crypto/rsa.hpp"
#include "rsa_key_vectors.hpp"

#if TINYCAPI_ENABLE_RSA
#include <mbedtls/sha1.h>

namespace tinycapi::crypto {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes hex(const char *text) {
    Bytes out;
    int high = -1;
    for (; *text != '\0'; ++text) {
        const char c = *text;
        int value;
        if (c >= '0' && c <= '9') {
            value = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            value = c - 'a' + 10;
        } else {
            continue;
        }
        if (high < 0) {
            high = value;
        } else {
            out.push_back(static_cast<std::uint8_t>((high << 4) | value));
            high = -1;
        }
    }
    EXPECT_LT(high, 0) << "odd number of hex digits";
    return out;
}

std::string to_hex(const Bytes &bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (std::uint8_t b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

// ---- Known answers --------------------------------------------------------------------------
//
// Sources (RSA Laboratories, PKCS #1 v2.1 test vectors; also mirrored in libtomcrypt's
// notes/rsa-testvectors and libgcrypt's tests/pkcs1v2-*.h):
//  [oaep-vect]      oaep-vect.txt of pkcs-1v2-1-vec.zip, ftp://ftp.rsasecurity.com/pub/pkcs/pkcs-1/
//                   — RSAES-OAEP with SHA-1, MGF1-SHA-1 and an empty label in every example,
//                   which is CryptoAPI's CRYPT_OAEP (reference §7.3).
//  [v15crypt]       pkcs1v15crypt-vectors.txt, ftp://ftp.rsa.com/pub/rsalabs/tmp/
//  [v15sign]        pkcs1v15sign-vectors.txt, ftp://ftp.rsa.com/pub/rsalabs/tmp/ (SHA-1)
// The OAEP and v1.5 encryption examples use a seed we cannot inject, so encryption is checked
// by decryption of the published ciphertexts.

using test_vectors::KeyVector;
using test_vectors::kKey1024A;
using test_vectors::kKey1024B;
using test_vectors::kKey2048;

struct OaepVector {
    const char *source;
    const KeyVector *key;
    const char *message;
    const char *ciphertext;  // made with a seed we cannot inject: decryption only
};

const OaepVector kOaepVectors[] = {
    {"oaep-vect.txt, RSAES-OAEP Encryption Example 1.1", &kKey1024A,
     "6628194e12073db03ba94cda9ef9532397d50dba79b987004afefe34",
     "354fe67b4a126d5d35fe36c777791a3f7ba13def484e2d3908aff722fad468fb"
     "21696de95d0be911c2d3174f8afcc201035f7b6d8e69402de5451618c21a535f"
     "a9d7bfc5b8dd9fc243f8cf927db31322d6e881eaa91a996170e657a05a266426"
     "d98c88003f8477c1227094a0d9fa1e8c4024309ce1ecccb5210035d47ac72e8a"},
    {"oaep-vect.txt, RSAES-OAEP Encryption Example 10.1", &kKey2048,
     "8bba6bf82a6c0f86d5f1756e97956870b08953b06b4eb205bc1694ee",
     "53ea5dc08cd260fb3b858567287fa91552c30b2febfba213f0ae87702d068d19"
     "bab07fe574523dfb42139d68c3c5afeee0bfe4cb7969cbf382b804d6e6139614"
     "4e2d0e60741f8993c3014b58b9b1957a8babcd23af854f4c356fb1662aa72bfc"
     "c7e586559dc4280d160c126785a723ebeebeff71f11594440aaef87d10793a87"
     "74a239d4a04c87fe1467b9daf85208ec6c7255794a96cc29142f9a8bd418e3c1"
     "fd67344b0cd0829df3b2bec60253196293c6b34d3f75d32f213dd45c6273d505"
     "adf4cced1057cb758fc26aeefa441255ed4e64c199ee075e7f16646182fdb464"
     "739b68ab5daff0e63e9552016824f054bf4d3c8c90a97bb6b6553284eb429fcc"},
};

// [v15crypt] "PKCS#1 v1.5 Encryption Example 1.1": EM = 00 02 ‖ PS ‖ 00 ‖ M, PS given as "Seed".
struct Pkcs1EncryptionVector {
    const char *source;
    const KeyVector *key;
    const char *message;
    const char *padding;
    const char *ciphertext;
};
const Pkcs1EncryptionVector kPkcs1Encryption = {
    "pkcs1v15crypt-vectors.txt, PKCS#1 v1.5 Encryption Example 1.1", &kKey1024A,
    "6628194e12073db03ba94cda9ef9532397d50dba79b987004afefe34",
    "017341ae3875d5f87101f8cc4fa9b9bc156bb04628fccdb2f4f11e905bd3a155"
    "d376f593bd7304210874eba08a5e22bcccb4c9d3882a93a54db022f503d16338"
    "b6b7ce16dc7f4bbf9a96b59772d6606e9747c7649bf9e083db981884a954ab3c"
    "6f",
    "50b4c14136bd198c2f3c3ed243fce036e168d56517984a263cd66492b80804f1"
    "69d210f2b9bdfb48b12f9ea05009c77da257cc600ccefe3a6283789d8ea0e607"
    "ac58e2690ec4ebc10146e8cbaa5ed4d5cce6fe7b0ff9efc1eabb564dbf498285"
    "f449ee61dd7b42ee5b5892cb90601f30cda07bf26489310bcd23b528ceab3c31",
};

// [v15sign] "PKCS#1 v1.5 Signature Example 1.4" (SHA-1): S = EM^d, EM = EMSA-PKCS1-v1_5(M).
struct SignatureVector {
    const char *source;
    const KeyVector *key;
    const char *message;
    const char *signature;
};
const SignatureVector kSignature = {
    "pkcs1v15sign-vectors.txt, PKCS#1 v1.5 Signature Example 1.4", &kKey1024B, "bc656747fa9eafb3f0",
    "45607ad611cf5747a41ac94d0ffec878bdaf63f6b57a4b088bf36e34e109f840"
    "f24b742ada16102dabf951cbc44f8982e94ed4cd09448d20ec0efa73545f80b6"
    "5406bed6194a61c340b4ad1568cbb75851049f11af1734964076e02029aee200"
    "e40e80be0f4361f69841c4f92a4450a2286d43289b405554c54d25c6ecb584f4",
};

// EMSA-PKCS1-v1_5 with SHA-1 (RFC 8017 §9.2; the DigestInfo prefix of reference §7.2).
Bytes sha1_signature_encoding(const Bytes &message, size_t k) {
    const Bytes prefix = hex("3021300906052b0e03021a05000414");
    std::uint8_t digest[20];
    EXPECT_EQ(mbedtls_sha1(message.data(), message.size(), digest), 0);
    Bytes em(k, 0xff);
    em[0] = 0x00;
    em[1] = 0x01;
    const size_t t = prefix.size() + sizeof digest;
    em[k - t - 1] = 0x00;
    std::memcpy(&em[k - t], prefix.data(), prefix.size());
    std::memcpy(&em[k - sizeof digest], digest, sizeof digest);
    return em;
}

// T's parts for a SHA-1 signature: the DigestInfo header and the hash.
const Bytes kSha1Prefix = hex("3021300906052b0e03021a05000414");

Bytes sha1_of(const Bytes &message) {
    Bytes digest(20);
    EXPECT_EQ(mbedtls_sha1(message.data(), message.size(), digest.data()), 0);
    return digest;
}

CryptoStatus sign_sha1(RsaKey &key, const Bytes &message, Bytes &signature) {
    const Bytes digest = sha1_of(message);
    return rsa_sign_pkcs1(key, kSha1Prefix.data(), kSha1Prefix.size(), digest.data(), digest.size(),
                          signature.data());
}

CryptoStatus verify_sha1(RsaKey &key, const Bytes &message, const Bytes &signature) {
    const Bytes digest = sha1_of(message);
    return rsa_verify_pkcs1(key, signature.data(), kSha1Prefix.data(), kSha1Prefix.size(), digest.data(),
                            digest.size(), false);
}

// ---- Keys in tests --------------------------------------------------------------------------

// A key that is freed when the test leaves its scope, so that the fixture's leak check sees
// the arena as it was.
struct TestKey {
    RsaKey key;
    TestKey() { std::memset(&key, 0, sizeof key); }
    ~TestKey() { rsa_free(key); }
    TestKey(const TestKey &) = delete;
    TestKey &operator=(const TestKey &) = delete;
};

bool is_empty(const RsaKey &key) {
    const auto *bytes = reinterpret_cast<const unsigned char *>(&key);
    for (size_t i = 0; i < sizeof key; ++i) {
        if (bytes[i] != 0) return false;
    }
    return true;
}

Bytes snapshot(const RsaKey &key) {
    const auto *bytes = reinterpret_cast<const unsigned char *>(&key);
    return Bytes(bytes, bytes + sizeof key);
}

// With the published d, so the key keeps that private exponent (here the Carmichael form).
CryptoStatus import_vector(RsaKey &key, const KeyVector &vector) {
    const Bytes n = hex(vector.n), p = hex(vector.p), q = hex(vector.q), d = hex(vector.d);
    EXPECT_EQ(p.size(), q.size());
    return rsa_import_private(key, n.data(), n.size(), vector.e, p.data(), q.data(), p.size(), d.data(), d.size());
}

struct Exported {
    Bytes n, p, q, dp, dq, qinv, d;
    std::uint32_t e = 0;
};

Exported export_all(const RsaKey &key, size_t k, size_t half) {
    Exported out;
    out.n.resize(k);
    out.d.resize(k);
    for (Bytes *part : {&out.p, &out.q, &out.dp, &out.dq, &out.qinv}) part->resize(half);
    RsaParts parts{out.n.data(), out.p.data(), out.q.data(), out.dp.data(), out.dq.data(), out.qinv.data(),
                   out.d.data()};
    EXPECT_EQ(rsa_export(key, k, half, parts, &out.e), CryptoStatus::ok);
    return out;
}

// A number below n.
Bytes below_modulus(size_t k, std::uint8_t fill) {
    Bytes x(k, fill);
    x[0] = 0;
    return x;
}

// ---- Fixture --------------------------------------------------------------------------------

constexpr std::uint64_t kMockSeed = 0x7153'2024'0005ull;

class RsaTest : public ::testing::Test {
protected:
    void SetUp() override {
        tinycapi_mock_reset(kMockSeed);
        arena_fail_after(0);
        in_use_at_start_ = arena_stats().in_use;
    }

    void TearDown() override {
        arena_fail_after(0);
        EXPECT_EQ(arena_stats().in_use, in_use_at_start_) << "arena memory leaked";
        EXPECT_EQ(tinycapi_mock_locks_held(), 0u) << "a lock is still held";
        EXPECT_EQ(tinycapi_mock_nested_lock_violations(), 0u) << "a lock was taken while another was held";
    }

private:
    size_t in_use_at_start_ = 0;
};

// ---- Known answers --------------------------------------------------------------------------

TEST_F(RsaTest, ImportedKeyExportsThePublishedParts) {
    for (const KeyVector *vector : {&kKey1024A, &kKey1024B, &kKey2048}) {
        SCOPED_TRACE(vector->source);
        TestKey key;
        ASSERT_EQ(import_vector(key.key, *vector), CryptoStatus::ok);
        const size_t k = hex(vector->n).size();
        EXPECT_EQ(rsa_modulus_bytes(key.key), k);
        const Exported parts = export_all(key.key, k, k / 2);
        EXPECT_EQ(to_hex(parts.n), vector->n);
        EXPECT_EQ(to_hex(parts.p), vector->p);
        EXPECT_EQ(to_hex(parts.q), vector->q);
        EXPECT_EQ(to_hex(parts.dp), vector->dp);
        EXPECT_EQ(to_hex(parts.dq), vector->dq);
        EXPECT_EQ(to_hex(parts.qinv), vector->qinv);
        EXPECT_EQ(to_hex(parts.d), vector->d);  // d = e^-1 mod lcm(p-1, q-1)
        EXPECT_EQ(parts.e, vector->e);
    }
}

TEST_F(RsaTest, PrivateExponentFormFollowsTheGivenDOrTheRequestedForm) {
    // Windows' blobs carry d = e^-1 mod (p-1)(q-1), FIPS 186-4 keys d mod lcm(p-1, q-1): a key
    // keeps the form it came with so that its PRIVATEKEYBLOB re-exports byte-identical.
    const Bytes n = hex(kKey1024A.n), p = hex(kKey1024A.p), q = hex(kKey1024A.q);
    TestKey totient, carmichael;
    ASSERT_EQ(rsa_import_private(totient.key, n.data(), n.size(), kKey1024A.e, p.data(), q.data(), p.size()),
              CryptoStatus::ok);
    EXPECT_EQ(totient.key.private_exponent, PrivateExponent::totient) << "the default is Windows' form";
    ASSERT_EQ(rsa_import_private(carmichael.key, n.data(), n.size(), kKey1024A.e, p.data(), q.data(), p.size(),
                                 nullptr, 0, PrivateExponent::carmichael),
              CryptoStatus::ok);
    const Exported by_totient = export_all(totient.key, 128, 64);
    const Exported by_carmichael = export_all(carmichael.key, 128, 64);
    EXPECT_EQ(by_totient.dp, by_carmichael.dp) << "the CRT values are the same for both";
    EXPECT_EQ(by_totient.qinv, by_carmichael.qinv);
    // Whichever d is given is the d the key exports.
    for (const Exported *form : {&by_totient, &by_carmichael}) {
        TestKey given;
        ASSERT_EQ(rsa_import_private(given.key, n.data(), n.size(), kKey1024A.e, p.data(), q.data(), p.size(),
                                     form->d.data(), form->d.size()),
                  CryptoStatus::ok);
        EXPECT_EQ(export_all(given.key, 128, 64).d, form->d);
    }
    // A truncated d is neither form: the key takes Windows' form.
    TestKey truncated;
    ASSERT_EQ(rsa_import_private(truncated.key, n.data(), n.size(), kKey1024A.e, p.data(), q.data(), p.size(),
                                 by_carmichael.d.data(), by_carmichael.d.size() / 2),
              CryptoStatus::ok);
    EXPECT_EQ(truncated.key.private_exponent, PrivateExponent::totient);
}

TEST_F(RsaTest, ImportWithoutModulusComputesItFromThePrimes) {
    const Bytes p = hex(kKey1024A.p), q = hex(kKey1024A.q);
    TestKey key;
    ASSERT_EQ(rsa_import_private(key.key, nullptr, 128, kKey1024A.e, p.data(), q.data(), p.size()), CryptoStatus::ok);
    EXPECT_EQ(to_hex(export_all(key.key, 128, 64).n), kKey1024A.n);
    // n = p·q must have the length the caller stated.
    TestKey wrong;
    EXPECT_EQ(rsa_import_private(wrong.key, nullptr, 129, kKey1024A.e, p.data(), q.data(), p.size()),
              CryptoStatus::bad_data);
    EXPECT_TRUE(is_empty(wrong.key));
}

TEST_F(RsaTest, SigningGivesThePublishedSignature) {
    TestKey key;
    ASSERT_EQ(import_vector(key.key, *kSignature.key), CryptoStatus::ok);
    const Bytes message = hex(kSignature.message);
    Bytes signature(128);
    ASSERT_EQ(sign_sha1(key.key, message, signature), CryptoStatus::ok);
    EXPECT_EQ(to_hex(signature), to_hex(hex(kSignature.signature))) << kSignature.source;
    EXPECT_EQ(verify_sha1(key.key, message, signature), CryptoStatus::ok);
}

// T = prefix ‖ hash or the bare hash: verification accepts the bare-hash signature of a
// prefixed T only when asked to (Windows' CryptVerifySignature without CRYPT_NOHASHOID).
TEST_F(RsaTest, VerificationAcceptsTheBareHashOnlyWhenAsked) {
    TestKey key;
    ASSERT_EQ(import_vector(key.key, *kSignature.key), CryptoStatus::ok);
    const Bytes digest = sha1_of(hex(kSignature.message));
    Bytes bare(128), prefixed(128);
    ASSERT_EQ(rsa_sign_pkcs1(key.key, nullptr, 0, digest.data(), digest.size(), bare.data()), CryptoStatus::ok);
    ASSERT_EQ(rsa_sign_pkcs1(key.key, kSha1Prefix.data(), kSha1Prefix.size(), digest.data(), digest.size(),
                             prefixed.data()),
              CryptoStatus::ok);
    EXPECT_NE(bare, prefixed);
    const std::uint8_t *prefix = kSha1Prefix.data();
    const size_t prefix_length = kSha1Prefix.size();
    EXPECT_EQ(rsa_verify_pkcs1(key.key, bare.data(), nullptr, 0, digest.data(), digest.size(), false),
              CryptoStatus::ok);
    EXPECT_EQ(rsa_verify_pkcs1(key.key, bare.data(), prefix, prefix_length, digest.data(), digest.size(), false),
              CryptoStatus::bad_data);
    EXPECT_EQ(rsa_verify_pkcs1(key.key, bare.data(), prefix, prefix_length, digest.data(), digest.size(), true),
              CryptoStatus::ok);
    EXPECT_EQ(rsa_verify_pkcs1(key.key, prefixed.data(), nullptr, 0, digest.data(), digest.size(), true),
              CryptoStatus::bad_data);
    EXPECT_EQ(rsa_verify_pkcs1(key.key, prefixed.data(), prefix, prefix_length, digest.data(), digest.size(), true),
              CryptoStatus::ok);
    // Another hash, or a changed signature, verifies as neither.
    Bytes other = digest;
    other[19] ^= 1;
    EXPECT_EQ(rsa_verify_pkcs1(key.key, prefixed.data(), prefix, prefix_length, other.data(), other.size(), true),
              CryptoStatus::bad_data);
    prefixed[64] ^= 1;
    EXPECT_EQ(rsa_verify_pkcs1(key.key, prefixed.data(), prefix, prefix_length, digest.data(), digest.size(), true),
              CryptoStatus::bad_data);
    // T longer than k - 11 bytes cannot be signed.
    const Bytes long_hash(128 - 11 + 1, 0x5a);
    Bytes unwritten(128, 0xcc);
    EXPECT_EQ(rsa_sign_pkcs1(key.key, nullptr, 0, long_hash.data(), long_hash.size(), unwritten.data()),
              CryptoStatus::bad_data);
    EXPECT_EQ(unwritten, Bytes(128, 0xcc));
    EXPECT_EQ(rsa_sign_pkcs1(key.key, nullptr, 0, long_hash.data(), long_hash.size() - 1, unwritten.data()),
              CryptoStatus::ok);
}

TEST_F(RsaTest, PublicKeyVerifiesThePublishedSignature) {
    const Bytes n = hex(kSignature.key->n);
    TestKey key;
    ASSERT_EQ(rsa_import_public(key.key, n.data(), n.size(), kSignature.key->e), CryptoStatus::ok);
    EXPECT_EQ(rsa_modulus_bytes(key.key), 128u);
    const Bytes message = hex(kSignature.message);
    EXPECT_EQ(verify_sha1(key.key, message, hex(kSignature.signature)), CryptoStatus::ok) << kSignature.source;
    Bytes other = message;
    other[0] ^= 1;
    EXPECT_EQ(verify_sha1(key.key, other, hex(kSignature.signature)), CryptoStatus::bad_data);
}

TEST_F(RsaTest, Pkcs1DecryptionGivesThePublishedMessage) {
    const Pkcs1EncryptionVector &vector = kPkcs1Encryption;
    SCOPED_TRACE(vector.source);
    TestKey key;
    ASSERT_EQ(import_vector(key.key, *vector.key), CryptoStatus::ok);
    const Bytes message = hex(vector.message);
    const Bytes ciphertext = hex(vector.ciphertext);
    ASSERT_EQ(ciphertext.size(), 128u);
    Bytes plain(128);
    size_t length = 0;
    ASSERT_EQ(rsa_decrypt_pkcs1(key.key, false, ciphertext.data(), plain.data(), plain.size(), &length),
              CryptoStatus::ok);
    plain.resize(length);
    EXPECT_EQ(plain, message);
}

TEST_F(RsaTest, OaepDecryptionGivesThePublishedMessages) {
    for (const OaepVector &vector : kOaepVectors) {
        SCOPED_TRACE(vector.source);
        TestKey key;
        ASSERT_EQ(import_vector(key.key, *vector.key), CryptoStatus::ok);
        const Bytes ciphertext = hex(vector.ciphertext);
        ASSERT_EQ(ciphertext.size(), rsa_modulus_bytes(key.key));
        Bytes plain(ciphertext.size());
        size_t length = 0;
        ASSERT_EQ(rsa_decrypt_pkcs1(key.key, true, ciphertext.data(), plain.data(), plain.size(), &length),
                  CryptoStatus::ok);
        plain.resize(length);
        EXPECT_EQ(to_hex(plain), vector.message);
    }
}

// ---- Import and export rules ----------------------------------------------------------------

TEST_F(RsaTest, ImportPrivateRejectsPrimesWhoseProductIsNotTheModulus) {
    const Bytes n = hex(kKey1024A.n), p = hex(kKey1024A.p), q = hex(kKey1024A.q);
    Bytes other_n = n;
    other_n[64] ^= 0x10;  // still odd, still 1024 bits
    TestKey key;
    EXPECT_EQ(rsa_import_private(key.key, other_n.data(), n.size(), 65537, p.data(), q.data(), p.size()),
              CryptoStatus::bad_data);
    // A prime of another key.
    const Bytes foreign_q = hex(kKey1024B.q);
    EXPECT_EQ(rsa_import_private(key.key, n.data(), n.size(), 65537, p.data(), foreign_q.data(), p.size()),
              CryptoStatus::bad_data);
    EXPECT_TRUE(is_empty(key.key));
}

TEST_F(RsaTest, ImportPrivateRejectsAnExponentWithoutInverse) {
    const Bytes n = hex(kKey1024A.n), p = hex(kKey1024A.p), q = hex(kKey1024A.q);
    TestKey key;
    // 3 divides p-1 or q-1 of this key, so e = 3 has no inverse; an even e never has one.
    for (std::uint32_t e : {3u, 65536u, 0u}) {
        EXPECT_EQ(rsa_import_private(key.key, n.data(), n.size(), e, p.data(), q.data(), p.size()),
                  CryptoStatus::bad_data)
            << "e = " << e;
    }
    EXPECT_TRUE(is_empty(key.key));
}

TEST_F(RsaTest, FailedImportLeavesTheKeyAsItWas) {
    TestKey key;
    ASSERT_EQ(import_vector(key.key, kKey1024B), CryptoStatus::ok);
    const Bytes before = snapshot(key.key);
    const Bytes n = hex(kKey1024A.n), p = hex(kKey1024A.p), q = hex(kKey1024B.q);
    EXPECT_EQ(rsa_import_private(key.key, n.data(), n.size(), 65537, p.data(), q.data(), p.size()),
              CryptoStatus::bad_data);
    EXPECT_EQ(snapshot(key.key), before);
    Bytes signature(128);
    ASSERT_EQ(sign_sha1(key.key, hex(kSignature.message), signature), CryptoStatus::ok);
    EXPECT_EQ(to_hex(signature), to_hex(hex(kSignature.signature)));
}

// The "exponent of one" private key that Windows code imports to move session keys in the
// clear: d = 1 and both raw operations are the identity, so a signature is its own encoding
// and a ciphertext shows its padding.
TEST_F(RsaTest, ExponentOfOneKeyIsTheIdentity) {
    const Bytes n = hex(kKey1024A.n), p = hex(kKey1024A.p), q = hex(kKey1024A.q);
    TestKey key;
    ASSERT_EQ(rsa_import_private(key.key, n.data(), n.size(), 1, p.data(), q.data(), p.size()), CryptoStatus::ok);
    const Exported parts = export_all(key.key, 128, 64);
    Bytes one(128, 0);
    one[127] = 1;
    EXPECT_EQ(parts.d, one);
    EXPECT_EQ(parts.e, 1u);
    const Bytes message = hex(kSignature.message);
    Bytes signature(128);
    ASSERT_EQ(sign_sha1(key.key, message, signature), CryptoStatus::ok);
    EXPECT_EQ(signature, sha1_signature_encoding(message, 128));
    EXPECT_EQ(verify_sha1(key.key, message, signature), CryptoStatus::ok);
    const Bytes secret(16, 0x5a);
    Bytes ciphertext(128);
    ASSERT_EQ(rsa_encrypt_pkcs1(key.key, false, secret.data(), secret.size(), ciphertext.data()), CryptoStatus::ok);
    EXPECT_EQ(ciphertext[0], 0x00);
    EXPECT_EQ(ciphertext[1], 0x02);
    EXPECT_EQ(ciphertext[128 - 16 - 1], 0x00);
    EXPECT_EQ(Bytes(ciphertext.end() - 16, ciphertext.end()), secret);
}

TEST_F(RsaTest, PublicKeyRefusesPrivateOperationsAndParts) {
    const Bytes n = hex(kKey1024A.n);
    TestKey key;
    ASSERT_EQ(rsa_import_public(key.key, n.data(), n.size(), 65537), CryptoStatus::ok);
    const Bytes x = below_modulus(128, 0x11);
    Bytes y(128);
    size_t length = 0;
    EXPECT_EQ(sign_sha1(key.key, x, y), CryptoStatus::bad_data);
    EXPECT_EQ(rsa_decrypt_pkcs1(key.key, false, x.data(), y.data(), y.size(), &length), CryptoStatus::bad_data);
    Bytes p(64);
    RsaParts parts{};
    parts.p = p.data();
    EXPECT_EQ(rsa_export(key.key, 128, 64, parts, nullptr), CryptoStatus::bad_data);
    Bytes modulus(128);
    parts = RsaParts{};
    parts.modulus = modulus.data();
    std::uint32_t e = 0;
    EXPECT_EQ(rsa_export(key.key, 128, 64, parts, &e), CryptoStatus::ok);
    EXPECT_EQ(modulus, n);
    EXPECT_EQ(e, 65537u);
}

TEST_F(RsaTest, PublicImportAcceptsLeadingZerosAndAnyModulus) {
    Bytes n = hex(kKey1024A.n);
    n.insert(n.begin(), 3, 0x00);
    TestKey key;
    ASSERT_EQ(rsa_import_public(key.key, n.data(), n.size(), 65537), CryptoStatus::ok);
    EXPECT_EQ(rsa_modulus_bytes(key.key), 128u);
    // An even modulus imports (Windows checks no plausibility); only operations refuse it.
    Bytes even(64, 0x22);
    TestKey odd_one_out;
    ASSERT_EQ(rsa_import_public(odd_one_out.key, even.data(), even.size(), 3), CryptoStatus::ok);
    const Bytes x = below_modulus(64, 0x01);
    const Bytes digest = sha1_of(x);
    EXPECT_EQ(rsa_verify_pkcs1(odd_one_out.key, x.data(), nullptr, 0, digest.data(), digest.size(), true),
              CryptoStatus::bad_data);
    // A zero modulus or exponent is no key.
    const Bytes zero(16, 0);
    TestKey none;
    EXPECT_EQ(rsa_import_public(none.key, zero.data(), zero.size(), 65537), CryptoStatus::bad_data);
    EXPECT_EQ(rsa_import_public(none.key, n.data(), n.size(), 0), CryptoStatus::bad_data);
    EXPECT_TRUE(is_empty(none.key));
}

TEST_F(RsaTest, ExportRefusesAPartThatDoesNotFitAndWritesNothing) {
    TestKey key;
    ASSERT_EQ(import_vector(key.key, kKey1024A), CryptoStatus::ok);
    Bytes modulus(127, 0xcc), p(64, 0xcc);
    RsaParts parts{};
    parts.modulus = modulus.data();
    parts.p = p.data();
    EXPECT_EQ(rsa_export(key.key, modulus.size(), p.size(), parts, nullptr), CryptoStatus::bad_data);
    EXPECT_EQ(modulus, Bytes(127, 0xcc));
    EXPECT_EQ(p, Bytes(64, 0xcc));
    // Longer buffers are zero-padded at the high end.
    Bytes wide(130);
    parts = RsaParts{};
    parts.modulus = wide.data();
    ASSERT_EQ(rsa_export(key.key, wide.size(), 64, parts, nullptr), CryptoStatus::ok);
    EXPECT_EQ(to_hex(wide), std::string("0000") + kKey1024A.n);
}

TEST_F(RsaTest, InputNotBelowTheModulusIsBadData) {
    TestKey key;
    ASSERT_EQ(import_vector(key.key, kKey1024A), CryptoStatus::ok);
    const Bytes n = hex(kKey1024A.n);
    const Bytes all_ones(128, 0xff);
    Bytes y(128);
    size_t length = 0;
    for (const Bytes *input : {&n, &all_ones}) {
        EXPECT_EQ(verify_sha1(key.key, Bytes(), *input), CryptoStatus::bad_data);
        EXPECT_EQ(rsa_decrypt_pkcs1(key.key, false, input->data(), y.data(), y.size(), &length),
                  CryptoStatus::bad_data);
        EXPECT_EQ(rsa_decrypt_pkcs1(key.key, true, input->data(), y.data(), y.size(), &length),
                  CryptoStatus::bad_data);
    }
}

TEST_F(RsaTest, OperationsOnNoKeyAreBadData) {
    TestKey key;
    const Bytes x(64, 0);
    Bytes y(64);
    size_t length = 0;
    EXPECT_EQ(rsa_modulus_bytes(key.key), 0u);
    EXPECT_EQ(verify_sha1(key.key, x, x), CryptoStatus::bad_data);
    EXPECT_EQ(sign_sha1(key.key, x, y), CryptoStatus::bad_data);
    EXPECT_EQ(rsa_encrypt_pkcs1(key.key, false, x.data(), 1, y.data()), CryptoStatus::bad_data);
    EXPECT_EQ(rsa_decrypt_pkcs1(key.key, false, x.data(), y.data(), y.size(), &length), CryptoStatus::bad_data);
    TestKey copy;
    EXPECT_EQ(rsa_copy(copy.key, key.key), CryptoStatus::bad_data);
    EXPECT_TRUE(is_empty(copy.key));
}

// ---- Key generation -------------------------------------------------------------------------

// Windows generates keys from 384 bits; Mbed TLS refuses sizes below this build option.
constexpr const char *kMinimumBitsNote =
    "Mbed TLS generates no key below MBEDTLS_RSA_GEN_KEY_MIN_BITS: config/tinycapi_mbedtls_config.h must set "
    "it to 384";

class RsaGenerationTest : public RsaTest, public ::testing::WithParamInterface<unsigned> {};

TEST_P(RsaGenerationTest, GeneratedKeyIsAConsistentPair) {
    const unsigned bits = GetParam();
    const size_t k = bits / 8;
    TestKey key;
    ASSERT_LE(MBEDTLS_RSA_GEN_KEY_MIN_BITS, bits) << kMinimumBitsNote;
    ASSERT_EQ(rsa_generate(key.key, bits, 65537), CryptoStatus::ok);
    ASSERT_EQ(rsa_modulus_bytes(key.key), k);
    const Exported parts = export_all(key.key, k, k / 2);
    EXPECT_GE(parts.n[0], 0x80) << "the modulus has exactly " << bits << " bits";
    EXPECT_EQ(parts.e, 65537u);

    // Sign/verify and encrypt/decrypt round trips.
    for (std::uint8_t fill : {0x01, 0x5a, 0xff}) {
        const Bytes x(20, fill);
        Bytes y(k), z(k);
        ASSERT_EQ(sign_sha1(key.key, x, y), CryptoStatus::ok);
        EXPECT_EQ(verify_sha1(key.key, x, y), CryptoStatus::ok);
        ASSERT_EQ(rsa_encrypt_pkcs1(key.key, fill == 0x5a, x.data(), x.size(), y.data()), CryptoStatus::ok);
        size_t length = 0;
        ASSERT_EQ(rsa_decrypt_pkcs1(key.key, fill == 0x5a, y.data(), z.data(), z.size(), &length), CryptoStatus::ok);
        z.resize(length);
        EXPECT_EQ(z, x);
    }

    // The same d comes back when the pair is imported again from n, e, p and q, as the
    // container store does: generation and import agree on d = e^-1 mod lcm(p-1, q-1).
    TestKey again;
    ASSERT_EQ(rsa_import_private(again.key, parts.n.data(), k, parts.e, parts.p.data(), parts.q.data(), k / 2),
              CryptoStatus::ok);
    const Exported reimported = export_all(again.key, k, k / 2);
    EXPECT_EQ(reimported.d, parts.d);
    EXPECT_EQ(reimported.dp, parts.dp);
    EXPECT_EQ(reimported.dq, parts.dq);
    EXPECT_EQ(reimported.qinv, parts.qinv);
}

INSTANTIATE_TEST_SUITE_P(Sizes, RsaGenerationTest, ::testing::Values(512u, 1024u));

TEST_F(RsaTest, GenerationRejectsSizesAndExponentsWindowsRejects) {
    TestKey key;
    for (unsigned bits : {0u, 376u, 516u, static_cast<unsigned>(TINYCAPI_RSA_MAX_BITS + 8)}) {
        EXPECT_EQ(rsa_generate(key.key, bits, 65537), CryptoStatus::bad_data) << bits << " bits";
    }
    for (std::uint32_t e : {0u, 1u, 65536u, 0x80000001u}) {
        EXPECT_EQ(rsa_generate(key.key, 512, e), CryptoStatus::bad_data) << "e = " << e;
    }
    EXPECT_TRUE(is_empty(key.key));
}

// ---- Encryption -----------------------------------------------------------------------------

struct PaddingCase {
    bool oaep;
    size_t overhead;  // k - the longest message: 11 for PKCS#1 v1.5, 2·20 + 2 for OAEP-SHA-1
};
const PaddingCase kPaddings[] = {{false, 11}, {true, 42}};

TEST_F(RsaTest, EncryptionRoundTripsUpToTheLongestMessage) {
    TestKey key;
    ASSERT_EQ(import_vector(key.key, kKey1024A), CryptoStatus::ok);
    const size_t k = 128;
    for (const PaddingCase &padding : kPaddings) {
        SCOPED_TRACE(padding.oaep ? "OAEP" : "PKCS#1 v1.5");
        for (size_t length : {size_t{0}, size_t{1}, size_t{16}, k - padding.overhead}) {
            Bytes message(length);
            for (size_t i = 0; i < length; ++i) message[i] = static_cast<std::uint8_t>(i * 7 + 1);
            Bytes ciphertext(k), again(k), plain(k);
            ASSERT_EQ(rsa_encrypt_pkcs1(key.key, padding.oaep, message.data(), length, ciphertext.data()),
                      CryptoStatus::ok)
                << length;
            // Random padding: the same message never encrypts the same way twice.
            ASSERT_EQ(rsa_encrypt_pkcs1(key.key, padding.oaep, message.data(), length, again.data()),
                      CryptoStatus::ok);
            EXPECT_NE(ciphertext, again);
            size_t decrypted = 999;
            ASSERT_EQ(rsa_decrypt_pkcs1(key.key, padding.oaep, ciphertext.data(), plain.data(), plain.size(),
                                        &decrypted),
                      CryptoStatus::ok);
            plain.resize(decrypted);
            EXPECT_EQ(plain, message);
        }
        const Bytes too_long(k - padding.overhead + 1, 0x33);
        Bytes ciphertext(k);
        EXPECT_EQ(rsa_encrypt_pkcs1(key.key, padding.oaep, too_long.data(), too_long.size(), ciphertext.data()),
                  CryptoStatus::bad_data);
    }
}

TEST_F(RsaTest, PublicKeyEncryptsForThePrivateKey) {
    const Bytes n = hex(kKey2048.n);
    TestKey public_key, private_key;
    ASSERT_EQ(rsa_import_public(public_key.key, n.data(), n.size(), 65537), CryptoStatus::ok);
    ASSERT_EQ(import_vector(private_key.key, kKey2048), CryptoStatus::ok);
    for (const PaddingCase &padding : kPaddings) {
        const Bytes message(256 - padding.overhead, 0xa5);
        Bytes ciphertext(256), plain(256);
        ASSERT_EQ(rsa_encrypt_pkcs1(public_key.key, padding.oaep, message.data(), message.size(), ciphertext.data()),
                  CryptoStatus::ok);
        size_t length = 0;
        ASSERT_EQ(rsa_decrypt_pkcs1(private_key.key, padding.oaep, ciphertext.data(), plain.data(), plain.size(),
                                    &length),
                  CryptoStatus::ok);
        plain.resize(length);
        EXPECT_EQ(plain, message);
    }
}

TEST_F(RsaTest, CorruptedCiphertextIsBadData) {
    TestKey key;
    ASSERT_EQ(import_vector(key.key, kKey1024A), CryptoStatus::ok);
    const Bytes message(20, 0x42);
    for (const PaddingCase &padding : kPaddings) {
        SCOPED_TRACE(padding.oaep ? "OAEP" : "PKCS#1 v1.5");
        Bytes ciphertext(128);
        ASSERT_EQ(rsa_encrypt_pkcs1(key.key, padding.oaep, message.data(), message.size(), ciphertext.data()),
                  CryptoStatus::ok);
        for (size_t at : {size_t{1}, size_t{64}, size_t{127}}) {
            Bytes corrupted = ciphertext;
            corrupted[at] ^= 0x01;
            Bytes plain(128);
            size_t length = 7;
            EXPECT_EQ(rsa_decrypt_pkcs1(key.key, padding.oaep, corrupted.data(), plain.data(), plain.size(), &length),
                      CryptoStatus::bad_data)
                << "byte " << at;
            EXPECT_EQ(length, 7u) << "no length on failure";
        }
    }
}

TEST_F(RsaTest, WrongPaddingEncodingsAreBadData) {
    // EMs built by hand, "encrypted" with an exponent-of-one key (whose ciphertext is the EM):
    // 00 01 (a signature block), a PS of 7 bytes, and no zero separator.
    const Bytes n = hex(kKey1024A.n), p = hex(kKey1024A.p), q = hex(kKey1024A.q);
    TestKey key;
    ASSERT_EQ(rsa_import_private(key.key, n.data(), n.size(), 1, p.data(), q.data(), p.size()), CryptoStatus::ok);
    Bytes type1 = below_modulus(128, 0xff);
    type1[1] = 0x01;
    type1[100] = 0x00;
    Bytes short_padding = below_modulus(128, 0x77);
    short_padding[1] = 0x02;
    short_padding[9] = 0x00;  // PS = bytes 2..8
    Bytes unterminated = below_modulus(128, 0x77);
    unterminated[1] = 0x02;
    for (const Bytes *em : {&type1, &short_padding, &unterminated}) {
        const Bytes &ciphertext = *em;
        Bytes plain(128);
        size_t length = 0;
        EXPECT_EQ(rsa_decrypt_pkcs1(key.key, false, ciphertext.data(), plain.data(), plain.size(), &length),
                  CryptoStatus::bad_data);
        EXPECT_EQ(rsa_decrypt_pkcs1(key.key, true, ciphertext.data(), plain.data(), plain.size(), &length),
                  CryptoStatus::bad_data);
    }
}

TEST_F(RsaTest, MessageLongerThanTheOutputIsBadData) {
    TestKey key;
    ASSERT_EQ(import_vector(key.key, kKey1024A), CryptoStatus::ok);
    const Bytes message(40, 0x42);
    for (const PaddingCase &padding : kPaddings) {
        Bytes ciphertext(128), plain(39);
        ASSERT_EQ(rsa_encrypt_pkcs1(key.key, padding.oaep, message.data(), message.size(), ciphertext.data()),
                  CryptoStatus::ok);
        size_t length = 0;
        EXPECT_EQ(rsa_decrypt_pkcs1(key.key, padding.oaep, ciphertext.data(), plain.data(), plain.size(), &length),
                  CryptoStatus::bad_data);
    }
}

// ---- Copies and the key's footprint ---------------------------------------------------------

TEST_F(RsaTest, CopyIsIndependentOfItsSource) {
    TestKey copy;
    {
        TestKey original;
        ASSERT_EQ(import_vector(original.key, *kSignature.key), CryptoStatus::ok);
        ASSERT_EQ(rsa_copy(copy.key, original.key), CryptoStatus::ok);
    }  // the original is freed
    Bytes signature(128);
    ASSERT_EQ(sign_sha1(copy.key, hex(kSignature.message), signature), CryptoStatus::ok);
    EXPECT_EQ(to_hex(signature), to_hex(hex(kSignature.signature)));
    EXPECT_EQ(to_hex(export_all(copy.key, 128, 64).d), kSignature.key->d);

    // A copy into a key that holds one replaces it.
    TestKey other;
    ASSERT_EQ(import_vector(other.key, kKey1024A), CryptoStatus::ok);
    ASSERT_EQ(rsa_copy(other.key, copy.key), CryptoStatus::ok);
    EXPECT_EQ(to_hex(export_all(other.key, 128, 64).n), kSignature.key->n);
}

TEST_F(RsaTest, PublicKeyCopyStaysPublic) {
    const Bytes n = hex(kSignature.key->n);
    TestKey original, copy;
    ASSERT_EQ(rsa_import_public(original.key, n.data(), n.size(), 65537), CryptoStatus::ok);
    ASSERT_EQ(rsa_copy(copy.key, original.key), CryptoStatus::ok);
    const Bytes message = hex(kSignature.message), signature = hex(kSignature.signature);
    Bytes y(128);
    EXPECT_EQ(sign_sha1(copy.key, message, y), CryptoStatus::bad_data);
    EXPECT_EQ(verify_sha1(copy.key, message, signature), CryptoStatus::ok);
    EXPECT_EQ(verify_sha1(original.key, message, signature), CryptoStatus::ok);
}

// Mbed TLS caches blinding values and Montgomery constants in the key; tinycapi drops them
// after each operation, so a key's arena bytes and its struct are the same before and after.
TEST_F(RsaTest, KeyNeitherGrowsNorChangesWithUse) {
    TestKey key;
    ASSERT_EQ(import_vector(key.key, kKey1024A), CryptoStatus::ok);
    const size_t in_use = arena_stats().in_use;
    const Bytes before = snapshot(key.key);
    const Bytes x = below_modulus(128, 0x42);
    Bytes y(128), plain(128);
    size_t length = 0;
    ASSERT_EQ(sign_sha1(key.key, x, y), CryptoStatus::ok);
    ASSERT_EQ(verify_sha1(key.key, x, y), CryptoStatus::ok);
    for (bool oaep : {false, true}) {
        ASSERT_EQ(rsa_encrypt_pkcs1(key.key, oaep, x.data(), 16, y.data()), CryptoStatus::ok);
        ASSERT_EQ(rsa_decrypt_pkcs1(key.key, oaep, y.data(), plain.data(), plain.size(), &length), CryptoStatus::ok);
    }
    EXPECT_EQ(arena_stats().in_use, in_use);
    EXPECT_EQ(snapshot(key.key), before);
}

TEST_F(RsaTest, FreeWipesTheKey) {
    RsaKey key;
    std::memset(&key, 0, sizeof key);
    ASSERT_EQ(import_vector(key, kKey1024A), CryptoStatus::ok);
    EXPECT_FALSE(is_empty(key));
    rsa_free(key);
    EXPECT_TRUE(is_empty(key));
    rsa_free(key);  // freeing no key is harmless
    EXPECT_TRUE(is_empty(key));
}

// ---- Arena exhaustion at every allocation point ---------------------------------------------

// Fails the arena at the operation's 1st, 2nd, 3rd … allocation until a run completes without
// reaching the injected failure. `run` performs the operation once, frees any key it made and
// returns its status; `unchanged` checks, after each failure, the key the operation was
// applied to. Returns (and prints) the number of allocations of the run that completed.
template <typename Run, typename Unchanged>
unsigned fail_at_each_allocation(const char *what, Run run, Unchanged unchanged) {
    constexpr unsigned kGiveUp = 200000;
    for (unsigned n = 1; n < kGiveUp; ++n) {
        const ArenaStats before = arena_stats();
        arena_fail_after(n);
        const CryptoStatus status = run();
        arena_fail_after(0);
        const ArenaStats after = arena_stats();
        EXPECT_EQ(after.in_use, before.in_use) << "allocation " << n << ": arena memory leaked";
        if (after.failures == before.failures) {
            EXPECT_EQ(status, CryptoStatus::ok) << "the run without an injected failure";
            std::cout << "[ RSA      ] " << what << ": " << n - 1 << " allocation points\n";
            return n - 1;
        }
        EXPECT_EQ(status, CryptoStatus::no_memory) << "failure injected at allocation " << n;
        unchanged();
        if (::testing::Test::HasFailure()) return n;  // one report, not thousands
    }
    ADD_FAILURE() << "no run completed";
    return 0;
}

void no_key_to_check() {}

TEST_F(RsaTest, ArenaExhaustionInKeyGeneration) {
    ASSERT_LE(MBEDTLS_RSA_GEN_KEY_MIN_BITS, 512) << kMinimumBitsNote;
    // Keys of 512 bits: every prime candidate that passes trial division allocates, so the
    // number of points varies from run to run; each run must still end cleanly.
    const unsigned points = fail_at_each_allocation(
        "RSA-512 generation",
        [] {
            TestKey key;
            const CryptoStatus status = rsa_generate(key.key, 512, 65537);
            if (status != CryptoStatus::ok) {
                EXPECT_TRUE(is_empty(key.key)) << "a failed generation leaves no key";
            }
            return status;
        },
        no_key_to_check);
    RecordProperty("rsa512_keygen_allocations", static_cast<int>(points));
}

TEST_F(RsaTest, ArenaExhaustionInKeyGenerationLeavesAnExistingKey) {
    ASSERT_LE(MBEDTLS_RSA_GEN_KEY_MIN_BITS, 512) << kMinimumBitsNote;
    TestKey key;
    ASSERT_EQ(import_vector(key.key, kKey1024B), CryptoStatus::ok);
    const Bytes before = snapshot(key.key);
    for (unsigned n : {1u, 2u, 50u, 200u}) {
        const size_t in_use = arena_stats().in_use;
        arena_fail_after(n);
        const CryptoStatus status = rsa_generate(key.key, 512, 65537);
        arena_fail_after(0);
        if (status == CryptoStatus::ok) break;
        EXPECT_EQ(status, CryptoStatus::no_memory);
        EXPECT_EQ(snapshot(key.key), before);
        EXPECT_EQ(arena_stats().in_use, in_use);
    }
}

// Where each backend allocates. mbedtls3: Mbed TLS's bignum, one block per number and more for
// the intermediate ones. psa: the key's numbers in one block and, for the arithmetic of a
// private import, one block of scratch.
#if TINYCAPI_CRYPTO_BACKEND_PSA
constexpr unsigned kPrivateImportPoints = 2;
constexpr unsigned kPublicImportPoints = 1;
constexpr unsigned kCopyPoints = 1;
#else
constexpr unsigned kPrivateImportPoints = 6;  // at least
constexpr unsigned kPublicImportPoints = 2;   // n and e
constexpr unsigned kCopyPoints = 8;           // n, e, d, p, q, dP, dQ, qInv: nothing else
#endif

TEST_F(RsaTest, ArenaExhaustionInImport) {
    const Bytes n = hex(kKey2048.n), p = hex(kKey2048.p), q = hex(kKey2048.q);
    const unsigned private_points = fail_at_each_allocation(
        "RSA-2048 private import",
        [&] {
            TestKey key;
            const CryptoStatus status =
                rsa_import_private(key.key, n.data(), n.size(), 65537, p.data(), q.data(), p.size());
            if (status != CryptoStatus::ok) {
                EXPECT_TRUE(is_empty(key.key));
            }
            return status;
        },
        no_key_to_check);
    EXPECT_GE(private_points, kPrivateImportPoints);
    const unsigned from_primes_points = fail_at_each_allocation(
        "RSA-2048 import from the primes",
        [&] {
            TestKey key;
            const CryptoStatus status =
                rsa_import_private(key.key, nullptr, n.size(), 65537, p.data(), q.data(), p.size());
            if (status != CryptoStatus::ok) {
                EXPECT_TRUE(is_empty(key.key));
            }
            return status;
        },
        no_key_to_check);
    EXPECT_GE(from_primes_points, kPrivateImportPoints);
    const unsigned public_points = fail_at_each_allocation(
        "RSA-2048 public import",
        [&] {
            TestKey key;
            const CryptoStatus status = rsa_import_public(key.key, n.data(), n.size(), 65537);
            if (status != CryptoStatus::ok) {
                EXPECT_TRUE(is_empty(key.key));
            }
            return status;
        },
        no_key_to_check);
    EXPECT_EQ(public_points, kPublicImportPoints);
}

// An operation on an imported RSA-1024 key, failed at every allocation: the key must come out
// byte for byte as it went in, and still give the published signature afterwards.
class RsaExhaustionTest : public RsaTest {
protected:
    void SetUp() override {
        RsaTest::SetUp();
        ASSERT_EQ(import_vector(key_.key, *kSignature.key), CryptoStatus::ok);
        before_ = snapshot(key_.key);
    }

    void TearDown() override {
        Bytes signature(128);
        EXPECT_EQ(sign_sha1(key_.key, hex(kSignature.message), signature), CryptoStatus::ok);
        EXPECT_EQ(to_hex(signature), to_hex(hex(kSignature.signature))) << "the key still works";
        rsa_free(key_.key);
        RsaTest::TearDown();
    }

    // Checks the key after an operation on it failed.
    auto key_unchanged() {
        return [this] { EXPECT_EQ(snapshot(key_.key), before_) << "a failed operation changed the key"; };
    }

    TestKey key_;
    Bytes before_;
};

TEST_F(RsaExhaustionTest, Signing) {
    const Bytes message = hex(kSignature.message);
    Bytes signature(128, 0xcc);
    fail_at_each_allocation(
        "RSA-1024 PKCS#1 signing",
        [&] {
            const CryptoStatus status = sign_sha1(key_.key, message, signature);
            if (status != CryptoStatus::ok) {
                EXPECT_EQ(signature, Bytes(128, 0xcc)) << "a failed signing writes nothing";
            }
            return status;
        },
        key_unchanged());
}

TEST_F(RsaExhaustionTest, Verification) {
    const Bytes message = hex(kSignature.message), signature = hex(kSignature.signature);
    const unsigned points = fail_at_each_allocation(
        "RSA-1024 PKCS#1 verification", [&] { return verify_sha1(key_.key, message, signature); }, key_unchanged());
    EXPECT_GT(points, 0u);
}

TEST_F(RsaExhaustionTest, Encryption) {
    const Bytes message(20, 0x42);
    Bytes ciphertext(128);
    for (bool oaep : {false, true}) {
        SCOPED_TRACE(oaep ? "OAEP" : "PKCS#1 v1.5");
        fail_at_each_allocation(
            oaep ? "RSA-1024 OAEP encryption" : "RSA-1024 PKCS#1 encryption",
            [&] { return rsa_encrypt_pkcs1(key_.key, oaep, message.data(), message.size(), ciphertext.data()); },
            key_unchanged());
    }
}

TEST_F(RsaExhaustionTest, Decryption) {
    const Bytes message(20, 0x42);
    for (bool oaep : {false, true}) {
        SCOPED_TRACE(oaep ? "OAEP" : "PKCS#1 v1.5");
        Bytes ciphertext(128), plain(128);
        ASSERT_EQ(rsa_encrypt_pkcs1(key_.key, oaep, message.data(), message.size(), ciphertext.data()),
                  CryptoStatus::ok);
        size_t length = 0;
        fail_at_each_allocation(
            oaep ? "RSA-1024 OAEP decryption" : "RSA-1024 PKCS#1 decryption",
            [&] { return rsa_decrypt_pkcs1(key_.key, oaep, ciphertext.data(), plain.data(), plain.size(), &length); },
            key_unchanged());
        plain.resize(length);
        EXPECT_EQ(plain, message);
    }
}

TEST_F(RsaExhaustionTest, Copy) {
    const unsigned points = fail_at_each_allocation(
        "RSA-1024 copy",
        [&] {
            TestKey copy;
            const CryptoStatus status = rsa_copy(copy.key, key_.key);
            if (status != CryptoStatus::ok) {
                EXPECT_TRUE(is_empty(copy.key));
            }
            return status;
        },
        key_unchanged());
    EXPECT_EQ(points, kCopyPoints);
}

TEST_F(RsaExhaustionTest, CopyOverAnotherKeyLeavesItAsItWas) {
    TestKey other;
    ASSERT_EQ(import_vector(other.key, kKey1024A), CryptoStatus::ok);
    const Bytes other_before = snapshot(other.key);
    for (unsigned n = 1; n <= kCopyPoints; ++n) {
        const size_t in_use = arena_stats().in_use;
        arena_fail_after(n);
        EXPECT_EQ(rsa_copy(other.key, key_.key), CryptoStatus::no_memory) << n;
        arena_fail_after(0);
        EXPECT_EQ(snapshot(other.key), other_before);
        EXPECT_EQ(arena_stats().in_use, in_use);
    }
}

// ---- Figures --------------------------------------------------------------------------------

// The arena's high-water mark of each operation, with only the key concerned in the arena
// (reset before each). These size TINYCAPI_MBEDTLS_ARENA_SIZE.
TEST_F(RsaTest, ArenaHighWaterFigures) {
    std::cout << "[ RSA      ] arena " << arena_stats().size << " bytes; high-water per operation, with the key "
#if TINYCAPI_CRYPTO_BACKEND_PSA
              << "(bytes, host, psa: the keys' numbers in tinycapi's 32-bit limbs):\n";
#else
              << "(bytes, host, mbedtls3: " << sizeof(mbedtls_mpi_uint) * 8 << "-bit limbs):\n";
#endif
    for (unsigned bits : {1024u, 2048u}) {
        const size_t k = bits / 8;
        TestKey key;
        const size_t empty = arena_stats().in_use;
        arena_reset_high_water();
        const auto started = std::chrono::steady_clock::now();
        ASSERT_EQ(rsa_generate(key.key, bits, 65537), CryptoStatus::ok) << bits << "-bit generation";
        const double generation_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        const size_t generation = arena_stats().high_water - empty;
        const size_t key_bytes = arena_stats().in_use - empty;

        const Bytes x = below_modulus(k, 0x42);
        Bytes y(k), plain(k);
        size_t length = 0;
        auto peak = [&](auto operation) {
            arena_reset_high_water();
            EXPECT_EQ(operation(), CryptoStatus::ok);
            return arena_stats().high_water - empty;
        };
        const Bytes message(20, 0x42);
        const size_t private_op = peak([&] { return sign_sha1(key.key, message, y); });
        const size_t public_op = peak([&] { return verify_sha1(key.key, message, y); });
        const size_t encrypt = peak([&] { return rsa_encrypt_pkcs1(key.key, false, x.data(), 32, y.data()); });
        const size_t decrypt =
            peak([&] { return rsa_decrypt_pkcs1(key.key, false, y.data(), plain.data(), plain.size(), &length); });
        const size_t oaep_encrypt = peak([&] { return rsa_encrypt_pkcs1(key.key, true, x.data(), 32, y.data()); });
        const size_t oaep_decrypt =
            peak([&] { return rsa_decrypt_pkcs1(key.key, true, y.data(), plain.data(), plain.size(), &length); });

        constexpr int kRuns = 10;
        const auto timed = std::chrono::steady_clock::now();
        for (int i = 0; i < kRuns; ++i) ASSERT_EQ(sign_sha1(key.key, message, y), CryptoStatus::ok);
        const double private_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - timed).count() / kRuns;

        std::cout << "[ RSA      ] RSA-" << bits << ": key " << key_bytes << ", generation " << generation
                  << ", sign " << private_op << ", verify " << public_op << ", PKCS#1 encrypt " << encrypt
                  << ", decrypt " << decrypt << ", OAEP encrypt " << oaep_encrypt << ", decrypt " << oaep_decrypt
                  << "; generation took " << generation_ms << " ms, one signing " << private_ms
                  << " ms (this build)\n";
        const std::string prefix = "rsa" + std::to_string(bits) + "_";
        RecordProperty(prefix + "key_bytes", static_cast<int>(key_bytes));
        RecordProperty(prefix + "keygen_high_water", static_cast<int>(generation));
        RecordProperty(prefix + "private_high_water", static_cast<int>(private_op));
        RecordProperty(prefix + "public_high_water", static_cast<int>(public_op));
        RecordProperty(prefix + "encrypt_high_water", static_cast<int>(encrypt));
        RecordProperty(prefix + "decrypt_high_water", static_cast<int>(decrypt));
        RecordProperty(prefix + "oaep_encrypt_high_water", static_cast<int>(oaep_encrypt));
        RecordProperty(prefix + "oaep_decrypt_high_water", static_cast<int>(oaep_decrypt));
        EXPECT_LE(generation, arena_stats().size);
    }
}

}  // namespace
}  // namespace tinycapi::crypto

#endif  // TINYCAPI_ENABLE_RSA
