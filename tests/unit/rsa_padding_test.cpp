// core/crypto RSA paddings (crypto/rsa_padding.hpp): the encoded messages of RSA Laboratories'
// published examples, round trips at several modulus lengths and every message length limit,
// PKCS #1 v1.5 padding free of zeros whatever the random source gives, and bad_data with
// nothing written for every malformed encoding.
//
// Sources (RSA Laboratories, PKCS #1 test vectors; the keys are in rsa_key_vectors.hpp):
//  [oaep-int]   oaep-int.txt of pkcs-1v2-1-vec.zip, ftp://ftp.rsasecurity.com/pub/pkcs/pkcs-1/
//               (the worked example of the OAEP specification, rsa-oaep_spec.pdf Appendix C):
//               M, seed and the encoded message. It is written in PKCS #1 v2.0's form, EM =
//               maskedSeed ‖ maskedDB in k - 1 bytes; RFC 8017's EM is 00 ‖ that, in k bytes.
//  [oaep-vect]  oaep-vect.txt of the same archive: M, seed and the ciphertext C = EM^e mod n.
//  [v15crypt]   pkcs1v15crypt-vectors.txt, ftp://ftp.rsa.com/pub/rsalabs/tmp/: M, PS ("Seed")
//               and C.
//  [v15sign]    pkcs1v15sign-vectors.txt, ftp://ftp.rsa.com/pub/rsalabs/tmp/: M and the
//               signature S = EM^d mod n, SHA-1.
// The examples that publish only C are checked through the RSA operation (Mbed TLS's bignum,
// here in the test): the encoding of the published M and seed, raised to e, is the published
// C; the published C, raised to d, decodes to the published M.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "crypto/arena.hpp"
#include "crypto/rsa_padding.hpp"
#include "rsa_key_vectors.hpp"

#if TINYCAPI_ENABLE_RSA
#include <mbedtls/bignum.h>
#include <mbedtls/sha1.h>

namespace tinycapi::crypto {
namespace {

using Bytes = std::vector<std::uint8_t>;
using test_vectors::KeyVector;
namespace padding = rsa_padding;

Bytes from_hex(const char *text) {
    Bytes bytes;
    int high = -1;
    for (; *text != '\0'; ++text) {
        int nibble;
        if (*text >= '0' && *text <= '9') {
            nibble = *text - '0';
        } else if (*text >= 'a' && *text <= 'f') {
            nibble = *text - 'a' + 10;
        } else {
            continue;  // spaces and line breaks of the published layout
        }
        if (high < 0) {
            high = nibble;
        } else {
            bytes.push_back(static_cast<std::uint8_t>(high << 4 | nibble));
            high = -1;
        }
    }
    EXPECT_LT(high, 0) << "odd number of hex digits";
    return bytes;
}

// ---- Random sources ---------------------------------------------------------------------------

// Gives the bytes of `bytes` in order (a published seed or PS), then fails.
struct ScriptedRandom {
    Bytes bytes;
    size_t position = 0;

    static bool fill(void *context, std::uint8_t *output, size_t length) {
        auto &self = *static_cast<ScriptedRandom *>(context);
        if (self.bytes.size() - self.position < length) return false;
        std::memcpy(output, self.bytes.data() + self.position, length);
        self.position += length;
        return true;
    }
};

// A deterministic stream of bytes (xorshift32), zeros included, for round trips.
struct PseudoRandom {
    std::uint32_t state = 0x9e3779b9U;

    static bool fill(void *context, std::uint8_t *output, size_t length) {
        auto &self = *static_cast<PseudoRandom *>(context);
        for (size_t i = 0; i < length; ++i) {
            self.state ^= self.state << 13;
            self.state ^= self.state >> 17;
            self.state ^= self.state << 5;
            output[i] = static_cast<std::uint8_t>(self.state >> 24);
        }
        return true;
    }
};

// `zeros` zero bytes first, then 0x5a for ever; counts what it was asked for.
struct ZerosFirst {
    size_t zeros;
    size_t given = 0;

    static bool fill(void *context, std::uint8_t *output, size_t length) {
        auto &self = *static_cast<ZerosFirst *>(context);
        for (size_t i = 0; i < length; ++i, ++self.given) output[i] = self.given < self.zeros ? 0x00 : 0x5a;
        return true;
    }
};

bool always_fails(void *, std::uint8_t *, size_t) { return false; }

// ---- The RSA operation, for the examples that publish only C ----------------------------------

// base^exponent mod modulus in modulus-length bytes (Mbed TLS's bignum; its memory is the arena's
// and all of it goes back).
Bytes power(const Bytes &base, const Bytes &exponent, const Bytes &modulus) {
    mbedtls_mpi x, a, e, n;
    mbedtls_mpi_init(&x);
    mbedtls_mpi_init(&a);
    mbedtls_mpi_init(&e);
    mbedtls_mpi_init(&n);
    Bytes result(modulus.size());
    EXPECT_EQ(mbedtls_mpi_read_binary(&a, base.data(), base.size()), 0);
    EXPECT_EQ(mbedtls_mpi_read_binary(&e, exponent.data(), exponent.size()), 0);
    EXPECT_EQ(mbedtls_mpi_read_binary(&n, modulus.data(), modulus.size()), 0);
    EXPECT_EQ(mbedtls_mpi_exp_mod(&x, &a, &e, &n, nullptr), 0);
    EXPECT_EQ(mbedtls_mpi_write_binary(&x, result.data(), result.size()), 0);
    mbedtls_mpi_free(&x);
    mbedtls_mpi_free(&a);
    mbedtls_mpi_free(&e);
    mbedtls_mpi_free(&n);
    return result;
}

Bytes public_exponent(const KeyVector &key) {
    return {static_cast<std::uint8_t>(key.e >> 24), static_cast<std::uint8_t>(key.e >> 16),
            static_cast<std::uint8_t>(key.e >> 8), static_cast<std::uint8_t>(key.e)};
}

Bytes rsa_public(const KeyVector &key, const Bytes &em) {
    return power(em, public_exponent(key), from_hex(key.n));
}

Bytes rsa_private(const KeyVector &key, const Bytes &c) { return power(c, from_hex(key.d), from_hex(key.n)); }

// The arena holds what it held before: power() gave back every number.
class RsaPaddingTest : public ::testing::Test {
protected:
    void SetUp() override { in_use_at_start_ = arena_stats().in_use; }
    void TearDown() override { EXPECT_EQ(arena_stats().in_use, in_use_at_start_) << "arena memory leaked"; }

private:
    size_t in_use_at_start_ = 0;
};

// ---- Known answers ----------------------------------------------------------------------------

// [oaep-int]: n = bb f8 2f 09 … (1024 bits, k = 128).
constexpr size_t kOaepIntModulusBytes = 128;
const char *const kOaepIntMessage = "d4 36 e9 95 69 fd 32 a7 c8 a0 5b bc 90 d3 2c 49";
const char *const kOaepIntSeed = "aa fd 12 f6 59 ca e6 34 89 b4 79 e5 07 6d de c2 f0 6c b5 8f";
const char *const kOaepIntEncodedMessage =  // 00 ‖ "EM" of oaep-int.txt
    "00"
    "eb 7a 19 ac e9 e3 00 63 50 e3 29 50 4b 45 e2 ca 82 31 0b 26 dc d8"
    "7d 5c 68 f1 ee a8 f5 52 67 c3 1b 2e 8b b4 25 1f 84 d7 e0 b2 c0 46"
    "26 f5 af f9 3e dc fb 25 c9 c2 b3 ff 8a e1 0e 83 9a 2d db 4c dc fe"
    "4f f4 77 28 b4 a1 b7 c1 36 2b aa d2 9a b4 8d 28 69 d5 02 41 21 43"
    "58 11 59 1b e3 92 f9 82 fb 3e 87 d0 95 ae b4 04 48 db 97 2f 3a c1"
    "4f 7b c2 75 19 52 81 ce 32 d2 f1 b7 6d 4d 35 3e 2d";

TEST_F(RsaPaddingTest, OaepEncodingIsTheWorkedExampleOfOaepInt) {
    const Bytes message = from_hex(kOaepIntMessage);
    ScriptedRandom seed{from_hex(kOaepIntSeed)};
    Bytes em(kOaepIntModulusBytes);
    ASSERT_EQ(padding::encode_encryption_oaep(em.data(), em.size(), message.data(), message.size(),
                                              ScriptedRandom::fill, &seed),
              CryptoStatus::ok);
    EXPECT_EQ(em, from_hex(kOaepIntEncodedMessage));
    EXPECT_EQ(seed.position, seed.bytes.size()) << "the seed is all the randomness OAEP takes";
}

TEST_F(RsaPaddingTest, OaepDecodingOfTheWorkedExampleGivesItsMessage) {
    const Bytes em = from_hex(kOaepIntEncodedMessage);
    Bytes message(kOaepIntModulusBytes);
    size_t length = 0;
    ASSERT_EQ(padding::decode_encryption_oaep(em.data(), em.size(), message.data(), message.size(), &length),
              CryptoStatus::ok);
    message.resize(length);
    EXPECT_EQ(message, from_hex(kOaepIntMessage));
}

struct OaepVector {
    const char *source;
    const KeyVector *key;
    const char *message;
    const char *seed;
    const char *ciphertext;
};

const OaepVector kOaepVectors[] = {
    {"oaep-vect.txt, RSAES-OAEP Encryption Example 1.1", &test_vectors::kKey1024A,
     "6628194e12073db03ba94cda9ef9532397d50dba79b987004afefe34", "18b776ea21069d69776a33e96bad48e1dda0a5ef",
     "354fe67b4a126d5d35fe36c777791a3f7ba13def484e2d3908aff722fad468fb"
     "21696de95d0be911c2d3174f8afcc201035f7b6d8e69402de5451618c21a535f"
     "a9d7bfc5b8dd9fc243f8cf927db31322d6e881eaa91a996170e657a05a266426"
     "d98c88003f8477c1227094a0d9fa1e8c4024309ce1ecccb5210035d47ac72e8a"},
    {"oaep-vect.txt, RSAES-OAEP Encryption Example 10.1", &test_vectors::kKey2048,
     "8bba6bf82a6c0f86d5f1756e97956870b08953b06b4eb205bc1694ee", "47e1ab7119fee56c95ee5eaad86f40d0aa63bd33",
     "53ea5dc08cd260fb3b858567287fa91552c30b2febfba213f0ae87702d068d19"
     "bab07fe574523dfb42139d68c3c5afeee0bfe4cb7969cbf382b804d6e6139614"
     "4e2d0e60741f8993c3014b58b9b1957a8babcd23af854f4c356fb1662aa72bfc"
     "c7e586559dc4280d160c126785a723ebeebeff71f11594440aaef87d10793a87"
     "74a239d4a04c87fe1467b9daf85208ec6c7255794a96cc29142f9a8bd418e3c1"
     "fd67344b0cd0829df3b2bec60253196293c6b34d3f75d32f213dd45c6273d505"
     "adf4cced1057cb758fc26aeefa441255ed4e64c199ee075e7f16646182fdb464"
     "739b68ab5daff0e63e9552016824f054bf4d3c8c90a97bb6b6553284eb429fcc"},
};

TEST_F(RsaPaddingTest, OaepEncodingOfThePublishedSeedGivesThePublishedCiphertext) {
    for (const OaepVector &vector : kOaepVectors) {
        SCOPED_TRACE(vector.source);
        const Bytes message = from_hex(vector.message);
        const Bytes ciphertext = from_hex(vector.ciphertext);
        if (ciphertext.size() > padding::max_modulus_bytes) continue;
        ScriptedRandom seed{from_hex(vector.seed)};
        Bytes em(ciphertext.size());
        ASSERT_EQ(padding::encode_encryption_oaep(em.data(), em.size(), message.data(), message.size(),
                                                  ScriptedRandom::fill, &seed),
                  CryptoStatus::ok);
        EXPECT_EQ(rsa_public(*vector.key, em), ciphertext);
    }
}

TEST_F(RsaPaddingTest, OaepDecodingOfThePublishedCiphertextGivesThePublishedMessage) {
    for (const OaepVector &vector : kOaepVectors) {
        SCOPED_TRACE(vector.source);
        const Bytes ciphertext = from_hex(vector.ciphertext);
        if (ciphertext.size() > padding::max_modulus_bytes) continue;
        const Bytes em = rsa_private(*vector.key, ciphertext);
        Bytes message(em.size());
        size_t length = 0;
        ASSERT_EQ(padding::decode_encryption_oaep(em.data(), em.size(), message.data(), message.size(), &length),
                  CryptoStatus::ok);
        message.resize(length);
        EXPECT_EQ(message, from_hex(vector.message));
    }
}

// [v15crypt] "PKCS#1 v1.5 Encryption Example 1.1" (key: oaep-vect Example 1, k = 128).
const char *const kPkcs1Message = "6628194e12073db03ba94cda9ef9532397d50dba79b987004afefe34";
const char *const kPkcs1Padding =  // "Seed": PS, 97 non-zero bytes
    "017341ae3875d5f87101f8cc4fa9b9bc156bb04628fccdb2f4f11e905bd3a155"
    "d376f593bd7304210874eba08a5e22bcccb4c9d3882a93a54db022f503d16338"
    "b6b7ce16dc7f4bbf9a96b59772d6606e9747c7649bf9e083db981884a954ab3c"
    "6f";
const char *const kPkcs1Ciphertext =
    "50b4c14136bd198c2f3c3ed243fce036e168d56517984a263cd66492b80804f1"
    "69d210f2b9bdfb48b12f9ea05009c77da257cc600ccefe3a6283789d8ea0e607"
    "ac58e2690ec4ebc10146e8cbaa5ed4d5cce6fe7b0ff9efc1eabb564dbf498285"
    "f449ee61dd7b42ee5b5892cb90601f30cda07bf26489310bcd23b528ceab3c31";

TEST_F(RsaPaddingTest, Pkcs1EncodingOfThePublishedPaddingGivesThePublishedCiphertext) {
    const Bytes message = from_hex(kPkcs1Message);
    ScriptedRandom ps{from_hex(kPkcs1Padding)};
    Bytes em(128);
    ASSERT_EQ(padding::encode_encryption_pkcs1(em.data(), em.size(), message.data(), message.size(),
                                               ScriptedRandom::fill, &ps),
              CryptoStatus::ok);
    Bytes expected = {0x00, 0x02};
    expected.insert(expected.end(), ps.bytes.begin(), ps.bytes.end());
    expected.push_back(0x00);
    expected.insert(expected.end(), message.begin(), message.end());
    EXPECT_EQ(em, expected);
    EXPECT_EQ(rsa_public(test_vectors::kKey1024A, em), from_hex(kPkcs1Ciphertext));
}

TEST_F(RsaPaddingTest, Pkcs1DecodingOfThePublishedCiphertextGivesThePublishedMessage) {
    const Bytes em = rsa_private(test_vectors::kKey1024A, from_hex(kPkcs1Ciphertext));
    Bytes message(em.size());
    size_t length = 0;
    ASSERT_EQ(padding::decode_encryption_pkcs1(em.data(), em.size(), message.data(), message.size(), &length),
              CryptoStatus::ok);
    message.resize(length);
    EXPECT_EQ(message, from_hex(kPkcs1Message));
}

// SHA-1's DigestInfo header (RFC 8017 §9.2 note 1).
const char *const kSha1DigestInfoPrefix = "3021300906052b0e03021a05000414";

TEST_F(RsaPaddingTest, SignatureEncodingIsThePublishedSignatureRaisedToE) {
    // [v15sign] "PKCS#1 v1.5 Signature Example 1.4" (key: its Example 1, k = 128).
    const Bytes message = from_hex("bc656747fa9eafb3f0");
    const Bytes signature = from_hex(
        "45607ad611cf5747a41ac94d0ffec878bdaf63f6b57a4b088bf36e34e109f840"
        "f24b742ada16102dabf951cbc44f8982e94ed4cd09448d20ec0efa73545f80b6"
        "5406bed6194a61c340b4ad1568cbb75851049f11af1734964076e02029aee200"
        "e40e80be0f4361f69841c4f92a4450a2286d43289b405554c54d25c6ecb584f4");
    const Bytes prefix = from_hex(kSha1DigestInfoPrefix);
    std::uint8_t hash[20];
    ASSERT_EQ(mbedtls_sha1(message.data(), message.size(), hash), 0);
    Bytes em(signature.size());
    ASSERT_TRUE(padding::encode_signature(em.data(), em.size(), prefix.data(), prefix.size(), hash, sizeof hash));
    EXPECT_EQ(em, rsa_public(test_vectors::kKey1024B, signature));
}

TEST_F(RsaPaddingTest, SignatureEncodingIsBlockTypeOneFfPaddingPrefixAndHash) {
    const Bytes prefix = {0x30, 0x31};
    const Bytes hash = {0xa1, 0xa2, 0xa3};
    Bytes em(16, 0xcc);
    ASSERT_TRUE(padding::encode_signature(em.data(), em.size(), prefix.data(), prefix.size(), hash.data(),
                                          hash.size()));
    EXPECT_EQ(em, Bytes({0x00, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x30, 0x31, 0xa1,
                         0xa2, 0xa3}));
    // CRYPT_NOHASHOID: no prefix, the bare hash.
    ASSERT_TRUE(padding::encode_signature(em.data(), em.size(), nullptr, 0, hash.data(), hash.size()));
    EXPECT_EQ(em, Bytes({0x00, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0xa1,
                         0xa2, 0xa3}));
}

TEST_F(RsaPaddingTest, SignatureEncodingNeedsEightFfBytesAndAModulusOfTheBuild) {
    const Bytes hash(20, 0xab);
    Bytes em(padding::max_modulus_bytes + 1, 0xcc);
    // 00 01, 8 × FF, 00 and the hash: 31 bytes fit, 30 do not.
    EXPECT_TRUE(padding::encode_signature(em.data(), 31, nullptr, 0, hash.data(), hash.size()));
    std::fill(em.begin(), em.end(), 0xcc);
    EXPECT_FALSE(padding::encode_signature(em.data(), 30, nullptr, 0, hash.data(), hash.size()));
    EXPECT_FALSE(padding::encode_signature(em.data(), em.size(), nullptr, 0, hash.data(), hash.size()));
    EXPECT_EQ(em, Bytes(em.size(), 0xcc)) << "a refused encoding writes nothing";
}

// ---- Round trips ------------------------------------------------------------------------------

using Encoder = CryptoStatus (*)(std::uint8_t *, size_t, const std::uint8_t *, size_t, RandomFill, void *);
using Decoder = CryptoStatus (*)(const std::uint8_t *, size_t, std::uint8_t *, size_t, size_t *);

struct Scheme {
    const char *name;
    Encoder encode;
    Decoder decode;
    size_t overhead;
};

const Scheme kSchemes[] = {
    {"PKCS#1 v1.5", padding::encode_encryption_pkcs1, padding::decode_encryption_pkcs1, padding::pkcs1_overhead},
    {"OAEP", padding::encode_encryption_oaep, padding::decode_encryption_oaep, padding::oaep_overhead},
};

// The modulus lengths of the round trips: the smallest each scheme takes, RSA-512 … RSA-4096,
// and one that is no multiple of anything; those larger than the build's maximum are skipped.
const size_t kModulusLengths[] = {64, 97, 128, 256, 512};

TEST_F(RsaPaddingTest, DecodingGivesBackWhatWasEncodedAtEveryLengthLimit) {
    PseudoRandom random;
    for (const Scheme &scheme : kSchemes) {
        std::vector<size_t> lengths(std::begin(kModulusLengths), std::end(kModulusLengths));
        lengths.push_back(scheme.overhead);  // room for the empty message only
        for (const size_t k : lengths) {
            if (k > padding::max_modulus_bytes) continue;
            const size_t longest = k - scheme.overhead;
            for (const size_t length : {size_t{0}, size_t{1}, longest / 2, longest - 1, longest}) {
                if (length > longest) continue;
                SCOPED_TRACE(testing::Message() << scheme.name << ", k " << k << ", message " << length);
                Bytes message(length);
                PseudoRandom::fill(&random, message.data(), message.size());
                Bytes em(k);
                ASSERT_EQ(scheme.encode(em.data(), k, message.data(), length, PseudoRandom::fill, &random),
                          CryptoStatus::ok);
                EXPECT_EQ(em[0], 0x00);
                Bytes decoded(length + 3, 0xee);
                size_t decoded_length = 12345;
                // Room for exactly the message: capacity == length is enough.
                ASSERT_EQ(scheme.decode(em.data(), k, decoded.data(), length, &decoded_length), CryptoStatus::ok);
                EXPECT_EQ(decoded_length, length);
                EXPECT_EQ(Bytes(decoded.begin(), decoded.begin() + static_cast<std::ptrdiff_t>(length)), message);
                EXPECT_EQ(Bytes(decoded.begin() + static_cast<std::ptrdiff_t>(length), decoded.end()), Bytes(3, 0xee))
                    << "nothing written past the message";
            }
        }
    }
}

TEST_F(RsaPaddingTest, EncodingRefusesAMessageOneByteTooLongAndWritesNothing) {
    PseudoRandom random;
    for (const Scheme &scheme : kSchemes) {
        for (const size_t k : kModulusLengths) {
            if (k > padding::max_modulus_bytes) continue;
            SCOPED_TRACE(testing::Message() << scheme.name << ", k " << k);
            const Bytes message(k - scheme.overhead + 1, 0x42);
            Bytes em(k, 0xcc);
            EXPECT_EQ(scheme.encode(em.data(), k, message.data(), message.size(), PseudoRandom::fill, &random),
                      CryptoStatus::bad_data);
            EXPECT_EQ(em, Bytes(k, 0xcc));
        }
    }
}

TEST_F(RsaPaddingTest, ModulusLengthsOutsideTheSchemeOrTheBuildAreBadData) {
    PseudoRandom random;
    for (const Scheme &scheme : kSchemes) {
        SCOPED_TRACE(scheme.name);
        for (const size_t k : {scheme.overhead - 1, padding::max_modulus_bytes + 1}) {
            Bytes em(k, 0xcc);
            EXPECT_EQ(scheme.encode(em.data(), k, nullptr, 0, PseudoRandom::fill, &random), CryptoStatus::bad_data);
            EXPECT_EQ(em, Bytes(k, 0xcc));
            std::uint8_t message[4] = {1, 2, 3, 4};
            size_t length = 77;
            EXPECT_EQ(scheme.decode(em.data(), k, message, sizeof message, &length), CryptoStatus::bad_data);
            EXPECT_EQ(length, 77u);
        }
    }
}

// ---- Random sources ---------------------------------------------------------------------------

TEST_F(RsaPaddingTest, Pkcs1PaddingHasNoZeroByteWhenTheSourceGivesZeros) {
    // 50 zeros first: the first draw of PS (k - 3 - 5 = 56 bytes) is mostly zeros, each of
    // which is drawn again until it is not.
    ZerosFirst random{50};
    const Bytes message = {1, 2, 3, 4, 5};
    Bytes em(64);
    ASSERT_EQ(padding::encode_encryption_pkcs1(em.data(), em.size(), message.data(), message.size(),
                                               ZerosFirst::fill, &random),
              CryptoStatus::ok);
    EXPECT_EQ(em[0], 0x00);
    EXPECT_EQ(em[1], 0x02);
    for (size_t i = 2; i < em.size() - message.size() - 1; ++i) EXPECT_NE(em[i], 0x00) << "PS byte " << i - 2;
    EXPECT_EQ(em[em.size() - message.size() - 1], 0x00);
    EXPECT_EQ(Bytes(em.end() - 5, em.end()), message);
    Bytes decoded(5);
    size_t length = 0;
    ASSERT_EQ(padding::decode_encryption_pkcs1(em.data(), em.size(), decoded.data(), decoded.size(), &length),
              CryptoStatus::ok);
    EXPECT_EQ(decoded, message);
}

TEST_F(RsaPaddingTest, Pkcs1EncodingGivesUpOnASourceOfOnlyZeros) {
    ZerosFirst random{SIZE_MAX};
    const Bytes message = {1, 2, 3};
    Bytes em(64, 0xcc);
    EXPECT_EQ(padding::encode_encryption_pkcs1(em.data(), em.size(), message.data(), message.size(),
                                               ZerosFirst::fill, &random),
              CryptoStatus::entropy_failure);
    EXPECT_EQ(em, Bytes(64, 0x00)) << "what was drawn is wiped";
}

TEST_F(RsaPaddingTest, AFailingRandomSourceIsAnEntropyFailure) {
    for (const Scheme &scheme : kSchemes) {
        SCOPED_TRACE(scheme.name);
        const Bytes message = {1, 2, 3};
        Bytes em(64, 0xcc);
        EXPECT_EQ(scheme.encode(em.data(), em.size(), message.data(), message.size(), always_fails, nullptr),
                  CryptoStatus::entropy_failure);
        EXPECT_EQ(em, Bytes(64, 0x00));
    }
}

// ---- Malformed encodings ----------------------------------------------------------------------

// Decoding `em` fails with bad_data, and neither the message buffer (a canary) nor the length
// changes.
void expect_refused(Decoder decode, const Bytes &em, size_t capacity) {
    Bytes message(capacity + 8, 0xee);
    size_t length = 12345;
    EXPECT_EQ(decode(em.data(), em.size(), message.data(), capacity, &length), CryptoStatus::bad_data);
    EXPECT_EQ(message, Bytes(capacity + 8, 0xee)) << "the message buffer was written";
    EXPECT_EQ(length, 12345u) << "the length was written";
}

// 00 02 ‖ PS (ps_length bytes of 0x11) ‖ 00 ‖ message (message_length bytes of 0x22).
Bytes pkcs1_encoding(size_t ps_length, size_t message_length) {
    Bytes em = {0x00, 0x02};
    em.insert(em.end(), ps_length, 0x11);
    em.push_back(0x00);
    em.insert(em.end(), message_length, 0x22);
    return em;
}

TEST_F(RsaPaddingTest, Pkcs1DecodingAcceptsTheWellFormedBaseline) {
    const Bytes em = pkcs1_encoding(8, 53);
    Bytes message(53);
    size_t length = 0;
    ASSERT_EQ(padding::decode_encryption_pkcs1(em.data(), em.size(), message.data(), message.size(), &length),
              CryptoStatus::ok);
    EXPECT_EQ(length, 53u);
    EXPECT_EQ(message, Bytes(53, 0x22));
}

TEST_F(RsaPaddingTest, Pkcs1DecodingRefusesAWrongLeadingByte) {
    Bytes em = pkcs1_encoding(20, 41);
    em[0] = 0x01;
    expect_refused(padding::decode_encryption_pkcs1, em, 64);
}

TEST_F(RsaPaddingTest, Pkcs1DecodingRefusesAWrongBlockType) {
    for (const std::uint8_t block_type : {0x00, 0x01, 0x03, 0x82}) {
        SCOPED_TRACE(static_cast<int>(block_type));
        Bytes em = pkcs1_encoding(20, 41);
        em[1] = block_type;
        expect_refused(padding::decode_encryption_pkcs1, em, 64);
    }
}

TEST_F(RsaPaddingTest, Pkcs1DecodingRefusesAnEncodingWithoutZeroSeparator) {
    Bytes em = pkcs1_encoding(61, 0);
    em.back() = 0x11;  // the separator was the last byte
    expect_refused(padding::decode_encryption_pkcs1, em, 64);
}

TEST_F(RsaPaddingTest, Pkcs1DecodingRefusesPaddingOfSevenBytes) {
    expect_refused(padding::decode_encryption_pkcs1, pkcs1_encoding(7, 54), 64);
    expect_refused(padding::decode_encryption_pkcs1, pkcs1_encoding(0, 61), 64);
}

TEST_F(RsaPaddingTest, Pkcs1DecodingRefusesACapacityOneShort) {
    expect_refused(padding::decode_encryption_pkcs1, pkcs1_encoding(8, 53), 52);
    expect_refused(padding::decode_encryption_pkcs1, pkcs1_encoding(61, 1), 0);
}

// An OAEP encoding of a 10-byte message, k = 64, and the unmasked form of any EM.
Bytes oaep_encoding(size_t k = 64, size_t length = 10) {
    PseudoRandom random;
    const Bytes message(length, 0x33);
    Bytes em(k);
    EXPECT_EQ(padding::encode_encryption_oaep(em.data(), k, message.data(), length, PseudoRandom::fill, &random),
              CryptoStatus::ok);
    return em;
}

// RFC 8017 §7.1.1 step 2 by hand from a DB and a seed: EM = 00 ‖ seed ^ MGF(maskedDB) ‖ DB ^ MGF(seed),
// MGF1-SHA-1 written out here, so that malformed DBs can be built.
Bytes mgf1(const Bytes &seed, size_t length) {
    Bytes mask;
    for (std::uint32_t counter = 0; mask.size() < length; ++counter) {
        Bytes input = seed;
        for (int shift = 24; shift >= 0; shift -= 8) input.push_back(static_cast<std::uint8_t>(counter >> shift));
        std::uint8_t digest[20];
        EXPECT_EQ(mbedtls_sha1(input.data(), input.size(), digest), 0);
        mask.insert(mask.end(), digest, digest + sizeof digest);
    }
    mask.resize(length);
    return mask;
}

Bytes mask_oaep(const Bytes &db) {
    const Bytes seed(20, 0x5e);
    Bytes masked_db = db;
    const Bytes db_mask = mgf1(seed, db.size());
    for (size_t i = 0; i < db.size(); ++i) masked_db[i] ^= db_mask[i];
    Bytes masked_seed = seed;
    const Bytes seed_mask = mgf1(masked_db, seed.size());
    for (size_t i = 0; i < seed.size(); ++i) masked_seed[i] ^= seed_mask[i];
    // EM = 00 ‖ maskedSeed ‖ maskedDB, sized once (gcc 12 at -O3 misreads an insert into a
    // one-byte vector as out of bounds).
    Bytes em(1 + masked_seed.size() + masked_db.size(), 0x00);
    std::copy(masked_seed.begin(), masked_seed.end(), em.begin() + 1);
    std::copy(masked_db.begin(), masked_db.end(), em.begin() + 1 + static_cast<std::ptrdiff_t>(masked_seed.size()));
    return em;
}

// DB = lHash ‖ zeros ‖ 01 ‖ message, for k = 64 (DB of 43 bytes).
Bytes oaep_db(size_t message_length) {
    Bytes db = from_hex("da39a3ee5e6b4b0d3255bfef95601890afd80709");  // SHA-1("")
    db.insert(db.end(), 43 - 20 - 1 - message_length, 0x00);
    db.push_back(0x01);
    db.insert(db.end(), message_length, 0x33);
    return db;
}

TEST_F(RsaPaddingTest, OaepDecodingAcceptsTheHandBuiltBaseline) {
    const Bytes em = mask_oaep(oaep_db(10));
    Bytes message(10);
    size_t length = 0;
    ASSERT_EQ(padding::decode_encryption_oaep(em.data(), em.size(), message.data(), message.size(), &length),
              CryptoStatus::ok);
    EXPECT_EQ(length, 10u);
    EXPECT_EQ(message, Bytes(10, 0x33));
}

TEST_F(RsaPaddingTest, OaepDecodingRefusesAWrongLabelHash) {
    Bytes db = oaep_db(10);
    db[19] ^= 0x01;
    expect_refused(padding::decode_encryption_oaep, mask_oaep(db), 64);
}

TEST_F(RsaPaddingTest, OaepDecodingRefusesAWrongLeadingByte) {
    Bytes em = mask_oaep(oaep_db(10));
    em[0] = 0x01;
    expect_refused(padding::decode_encryption_oaep, em, 64);
    Bytes encoded = oaep_encoding();
    encoded[0] = 0x80;
    expect_refused(padding::decode_encryption_oaep, encoded, 64);
}

TEST_F(RsaPaddingTest, OaepDecodingRefusesADataBlockWithoutItsOneSeparator) {
    Bytes db = oaep_db(0);
    db.back() = 0x00;  // lHash and zeros only
    expect_refused(padding::decode_encryption_oaep, mask_oaep(db), 64);
    db = oaep_db(10);
    db[43 - 10 - 1] = 0x02;  // the first non-zero byte after lHash is not 01
    expect_refused(padding::decode_encryption_oaep, mask_oaep(db), 64);
}

TEST_F(RsaPaddingTest, OaepDecodingRefusesAChangedByteAnywhere) {
    const Bytes em = oaep_encoding();
    for (size_t i = 0; i < em.size(); ++i) {
        SCOPED_TRACE(i);
        Bytes changed = em;
        changed[i] ^= 0x04;
        expect_refused(padding::decode_encryption_oaep, changed, 64);
    }
}

TEST_F(RsaPaddingTest, OaepDecodingRefusesACapacityOneShort) {
    expect_refused(padding::decode_encryption_oaep, mask_oaep(oaep_db(10)), 9);
    expect_refused(padding::decode_encryption_oaep, oaep_encoding(128, 128 - 42), 128 - 42 - 1);
}

}  // namespace
}  // namespace tinycapi::crypto

#endif  // TINYCAPI_ENABLE_RSA
