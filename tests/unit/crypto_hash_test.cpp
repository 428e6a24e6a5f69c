// core/crypto hash primitives (crypto/hash.hpp): published known answers for every
// algorithm, any split of the input gives one digest, clones are independent, wipe zeroes.
#include "crypto/hash.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

using tinycapi::crypto::block_size;
using tinycapi::crypto::clone;
using tinycapi::crypto::CryptoStatus;
using tinycapi::crypto::digest_size;
using tinycapi::crypto::finish;
using tinycapi::crypto::finish_hmac;
using tinycapi::crypto::HashAlgorithm;
using tinycapi::crypto::HashState;
using tinycapi::crypto::is_enabled;
using tinycapi::crypto::max_digest_size;
using tinycapi::crypto::start;
using tinycapi::crypto::update;
using tinycapi::crypto::wipe;

constexpr HashAlgorithm all_algorithms[] = {
    HashAlgorithm::md2,    HashAlgorithm::md4,    HashAlgorithm::md5,    HashAlgorithm::sha1,
    HashAlgorithm::sha256, HashAlgorithm::sha384, HashAlgorithm::sha512,
};

const char* name_of(HashAlgorithm algorithm) {
    switch (algorithm) {
    case HashAlgorithm::md2: return "md2";
    case HashAlgorithm::md4: return "md4";
    case HashAlgorithm::md5: return "md5";
    case HashAlgorithm::sha1: return "sha1";
    case HashAlgorithm::sha256: return "sha256";
    case HashAlgorithm::sha384: return "sha384";
    case HashAlgorithm::sha512: return "sha512";
    }
    return "none";
}

std::string to_hex(const std::uint8_t* bytes, std::size_t length) {
    static const char digits[] = "0123456789abcdef";
    std::string hex;
    for (std::size_t i = 0; i < length; ++i) {
        hex += digits[bytes[i] >> 4];
        hex += digits[bytes[i] & 0x0f];
    }
    return hex;
}

const std::uint8_t* bytes_of(const std::string& text) {
    return reinterpret_cast<const std::uint8_t*>(text.data());
}

// The digest of `input` fed in one update() call.
std::string one_shot_hex(HashAlgorithm algorithm, const std::uint8_t* input, std::size_t length) {
    HashState state;
    std::uint8_t digest[max_digest_size] = {};
    EXPECT_EQ(start(state, algorithm), CryptoStatus::ok);
    EXPECT_EQ(update(state, input, length), CryptoStatus::ok);
    EXPECT_EQ(finish(state, digest), CryptoStatus::ok);
    wipe(state);
    return to_hex(digest, digest_size(algorithm));
}

// The 2048-byte input of Wine's Windows-validated test_hashes: byte i is i & 0xff.
std::array<std::uint8_t, 2048> counting_input() {
    std::array<std::uint8_t, 2048> input{};
    for (std::size_t i = 0; i < input.size(); ++i) {
        input[i] = static_cast<std::uint8_t>(i & 0xff);
    }
    return input;
}

bool all_zero(const HashState& state) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(&state);
    for (std::size_t i = 0; i < sizeof state; ++i) {
        if (bytes[i] != 0) {
            return false;
        }
    }
    return true;
}

// ---- Known answers ------------------------------------------------------------------------

struct KnownAnswer {
    const char* name;
    HashAlgorithm algorithm;
    const char* message;  // ASCII
    std::size_t repeat;   // the message is fed this many times over
    const char* digest;   // lower-case hex
    const char* source;
};

constexpr const char* message_448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr const char* message_896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmno"
    "pqrsmnopqrstnopqrstu";
constexpr const char* alphabet = "abcdefghijklmnopqrstuvwxyz";
constexpr const char* alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr const char* eighty_digits =
    "12345678901234567890123456789012345678901234567890123456789012345678901234567890";

constexpr const char* rfc1319 = "RFC 1319 (MD2) appendix A.5, test suite";
constexpr const char* rfc1320 = "RFC 1320 (MD4) appendix A.5, test suite";
constexpr const char* rfc1321 = "RFC 1321 (MD5) appendix A.5, test suite";
// NIST's examples, first printed in the appendices of FIPS 180-2 and since moved to the CSRC
// page "Cryptographic Standards and Guidelines: Examples with Intermediate Values"
// (SHA1.pdf, SHA256.pdf, SHA384.pdf, SHA512.pdf). FIPS 180-4 itself carries none.
constexpr const char* nist_sha1 = "NIST FIPS 180-2 appendix A (SHA-1 examples); CSRC example SHA1.pdf";
constexpr const char* nist_sha256 = "NIST FIPS 180-2 appendix B (SHA-256 examples); CSRC example SHA256.pdf";
constexpr const char* nist_sha384 = "NIST FIPS 180-2 appendix D (SHA-384 examples); CSRC example SHA384.pdf";
constexpr const char* nist_sha512 = "NIST FIPS 180-2 appendix C (SHA-512 examples); CSRC example SHA512.pdf";
// NIST gives SHA-1/SHA-256 only the 448-bit and SHA-384/512 only the 896-bit two-block
// message; the other pairing is from this widely used compilation (and agrees with OpenSSL).
constexpr const char* di_management =
    "DI Management, 'Test vectors for SHA-1, SHA-2 and SHA-3' (di-mgt.com.au/sha_testvectors.html)";

const KnownAnswer known_answers[] = {
    // MD2
    {"md2_empty", HashAlgorithm::md2, "", 1, "8350e5a3e24c153df2275c9f80692773", rfc1319},
    {"md2_a", HashAlgorithm::md2, "a", 1, "32ec01ec4a6dac72c0ab96fb34c0b5d1", rfc1319},
    {"md2_abc", HashAlgorithm::md2, "abc", 1, "da853b0d3f88d99b30283a69e6ded6bb", rfc1319},
    {"md2_message_digest", HashAlgorithm::md2, "message digest", 1, "ab4f496bfb2a530b219ff33031fe06b0", rfc1319},
    {"md2_alphabet", HashAlgorithm::md2, alphabet, 1, "4e8ddff3650292ab5a4108c3aa47940b", rfc1319},
    {"md2_alphanumeric", HashAlgorithm::md2, alphanumeric, 1, "da33def2a42df13975352846c30338cd", rfc1319},
    {"md2_eighty_digits", HashAlgorithm::md2, eighty_digits, 1, "d5976f79d83d3a0dc9806c3c66f3efd8", rfc1319},
    // MD4
    {"md4_empty", HashAlgorithm::md4, "", 1, "31d6cfe0d16ae931b73c59d7e0c089c0", rfc1320},
    {"md4_a", HashAlgorithm::md4, "a", 1, "bde52cb31de33e46245e05fbdbd6fb24", rfc1320},
    {"md4_abc", HashAlgorithm::md4, "abc", 1, "a448017aaf21d8525fc10ae87aa6729d", rfc1320},
    {"md4_message_digest", HashAlgorithm::md4, "message digest", 1, "d9130a8164549fe818874806e1c7014b", rfc1320},
    {"md4_alphabet", HashAlgorithm::md4, alphabet, 1, "d79e1c308aa5bbcdeea8ed63df412da9", rfc1320},
    {"md4_alphanumeric", HashAlgorithm::md4, alphanumeric, 1, "043f8582f241db351ce627e153e7f0e4", rfc1320},
    {"md4_eighty_digits", HashAlgorithm::md4, eighty_digits, 1, "e33b4ddc9c38f2199c3e7b164fcc0536", rfc1320},
    // MD5
    {"md5_empty", HashAlgorithm::md5, "", 1, "d41d8cd98f00b204e9800998ecf8427e", rfc1321},
    {"md5_a", HashAlgorithm::md5, "a", 1, "0cc175b9c0f1b6a831c399e269772661", rfc1321},
    {"md5_abc", HashAlgorithm::md5, "abc", 1, "900150983cd24fb0d6963f7d28e17f72", rfc1321},
    {"md5_message_digest", HashAlgorithm::md5, "message digest", 1, "f96b697d7cb7938d525a2f31aaf161d0", rfc1321},
    {"md5_alphabet", HashAlgorithm::md5, alphabet, 1, "c3fcd3d76192e4007dfb496cca67e13b", rfc1321},
    {"md5_alphanumeric", HashAlgorithm::md5, alphanumeric, 1, "d174ab98d277d9f5a5611c2c9f419d9f", rfc1321},
    {"md5_eighty_digits", HashAlgorithm::md5, eighty_digits, 1, "57edf4a22be3c955ac49da2e2107b67a", rfc1321},
    // SHA-1
    {"sha1_abc", HashAlgorithm::sha1, "abc", 1, "a9993e364706816aba3e25717850c26c9cd0d89d", nist_sha1},
    {"sha1_448_bits", HashAlgorithm::sha1, message_448, 1, "84983e441c3bd26ebaae4aa1f95129e5e54670f1", nist_sha1},
    {"sha1_896_bits", HashAlgorithm::sha1, message_896, 1, "a49b2446a02c645bf419f995b67091253a04a259", di_management},
    {"sha1_million_a", HashAlgorithm::sha1, "a", 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f", nist_sha1},
    // SHA-256
    {"sha256_abc", HashAlgorithm::sha256, "abc", 1,
     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", nist_sha256},
    {"sha256_448_bits", HashAlgorithm::sha256, message_448, 1,
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", nist_sha256},
    {"sha256_896_bits", HashAlgorithm::sha256, message_896, 1,
     "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1", di_management},
    {"sha256_million_a", HashAlgorithm::sha256, "a", 1000000,
     "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", nist_sha256},
    // SHA-384
    {"sha384_abc", HashAlgorithm::sha384, "abc", 1,
     "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
     nist_sha384},
    {"sha384_448_bits", HashAlgorithm::sha384, message_448, 1,
     "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6b0455a8520bc4e6f5fe95b1fe3c8452b",
     di_management},
    {"sha384_896_bits", HashAlgorithm::sha384, message_896, 1,
     "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039",
     nist_sha384},
    {"sha384_million_a", HashAlgorithm::sha384, "a", 1000000,
     "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985",
     nist_sha384},
    // SHA-512
    {"sha512_abc", HashAlgorithm::sha512, "abc", 1,
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
     nist_sha512},
    {"sha512_448_bits", HashAlgorithm::sha512, message_448, 1,
     "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
     "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445",
     di_management},
    {"sha512_896_bits", HashAlgorithm::sha512, message_896, 1,
     "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
     "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909",
     nist_sha512},
    {"sha512_million_a", HashAlgorithm::sha512, "a", 1000000,
     "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
     "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b",
     nist_sha512},
};

class CryptoHashKnownAnswer : public ::testing::TestWithParam<KnownAnswer> {};

TEST_P(CryptoHashKnownAnswer, DigestMatchesPublishedVector) {
    const KnownAnswer& vector = GetParam();
    SCOPED_TRACE(vector.source);
    if (!is_enabled(vector.algorithm)) {
        GTEST_SKIP() << name_of(vector.algorithm) << " is switched off in tinycapi_config.h";
    }
    ASSERT_EQ(std::strlen(vector.digest), 2 * digest_size(vector.algorithm));

    std::string input;
    for (std::size_t i = 0; i < vector.repeat; ++i) {
        input += vector.message;
    }
    EXPECT_EQ(one_shot_hex(vector.algorithm, bytes_of(input), input.size()), vector.digest);
}

// Named functions, not lambdas: the macro's own parameter is called `info` (-Wshadow).
std::string vector_name(const ::testing::TestParamInfo<KnownAnswer>& parameter) {
    return parameter.param.name;
}

INSTANTIATE_TEST_SUITE_P(RfcAndNist, CryptoHashKnownAnswer, ::testing::ValuesIn(known_answers), vector_name);

// ---- Properties, per enabled algorithm --------------------------------------------------------

class CryptoHashProperty : public ::testing::TestWithParam<HashAlgorithm> {
protected:
    void SetUp() override {
        if (!is_enabled(GetParam())) {
            GTEST_SKIP() << name_of(GetParam()) << " is switched off in tinycapi_config.h";
        }
    }
};

TEST_P(CryptoHashProperty, AnySplitOfTheInputGivesTheOneShotDigest) {
    const HashAlgorithm algorithm = GetParam();
    const auto input = counting_input();
    const std::string expected = one_shot_hex(algorithm, input.data(), input.size());

    // Chunk lengths up to a little over two blocks, zero included, so that splits land on,
    // just before and just after block boundaries and empty updates occur; plus byte by byte.
    constexpr std::uint32_t seed = 0x7ca91;
    std::mt19937 random(seed);
    std::uniform_int_distribution<std::size_t> chunk_length(0, 2 * block_size(algorithm) + 1);
    for (int split = 0; split <= 200; ++split) {
        SCOPED_TRACE(::testing::Message() << "seed " << seed << ", split " << split);
        HashState state;
        ASSERT_EQ(start(state, algorithm), CryptoStatus::ok);
        std::size_t offset = 0;
        while (offset < input.size()) {
            std::size_t length = split == 0 ? 1 : chunk_length(random);
            if (length > input.size() - offset) {
                length = input.size() - offset;
            }
            ASSERT_EQ(update(state, input.data() + offset, length), CryptoStatus::ok);
            offset += length;
        }
        std::uint8_t digest[max_digest_size] = {};
        ASSERT_EQ(finish(state, digest), CryptoStatus::ok);
        wipe(state);
        EXPECT_EQ(to_hex(digest, digest_size(algorithm)), expected);
    }
}

TEST_P(CryptoHashProperty, EmptyUpdateWithNullDataChangesNothing) {
    const HashAlgorithm algorithm = GetParam();
    HashState state;
    ASSERT_EQ(start(state, algorithm), CryptoStatus::ok);
    ASSERT_EQ(update(state, nullptr, 0), CryptoStatus::ok);
    std::uint8_t digest[max_digest_size] = {};
    ASSERT_EQ(finish(state, digest), CryptoStatus::ok);
    wipe(state);
    EXPECT_EQ(to_hex(digest, digest_size(algorithm)), one_shot_hex(algorithm, nullptr, 0));
}

TEST_P(CryptoHashProperty, CloneAfterFiveBytesIsIndependentOfItsSource) {
    // The shape of Wine's test_hashes for CryptDuplicateHash: duplicate after 5 bytes of
    // the 2048-byte input, then feed both the rest.
    const HashAlgorithm algorithm = GetParam();
    const auto input = counting_input();
    const std::string expected = one_shot_hex(algorithm, input.data(), input.size());

    HashState source;
    HashState copy;
    ASSERT_EQ(start(source, algorithm), CryptoStatus::ok);
    ASSERT_EQ(update(source, input.data(), 5), CryptoStatus::ok);
    clone(copy, source);
    ASSERT_EQ(update(source, input.data() + 5, input.size() - 5), CryptoStatus::ok);
    ASSERT_EQ(update(copy, input.data() + 5, input.size() - 5), CryptoStatus::ok);

    std::uint8_t source_digest[max_digest_size] = {};
    std::uint8_t copy_digest[max_digest_size] = {};
    ASSERT_EQ(finish(source, source_digest), CryptoStatus::ok);
    wipe(source);  // finishing and wiping the source must not reach the copy
    ASSERT_EQ(finish(copy, copy_digest), CryptoStatus::ok);
    wipe(copy);
    EXPECT_EQ(to_hex(source_digest, digest_size(algorithm)), expected);
    EXPECT_EQ(to_hex(copy_digest, digest_size(algorithm)), expected);
}

TEST_P(CryptoHashProperty, CloneOntoItselfChangesNothing) {
    const HashAlgorithm algorithm = GetParam();
    const auto input = counting_input();
    HashState state;
    ASSERT_EQ(start(state, algorithm), CryptoStatus::ok);
    ASSERT_EQ(update(state, input.data(), 5), CryptoStatus::ok);
    clone(state, state);
    ASSERT_EQ(update(state, input.data() + 5, input.size() - 5), CryptoStatus::ok);
    std::uint8_t digest[max_digest_size] = {};
    ASSERT_EQ(finish(state, digest), CryptoStatus::ok);
    wipe(state);
    EXPECT_EQ(to_hex(digest, digest_size(algorithm)), one_shot_hex(algorithm, input.data(), input.size()));
}

TEST_P(CryptoHashProperty, FinishWritesExactlyDigestSizeBytes) {
    const HashAlgorithm algorithm = GetParam();
    std::uint8_t out[max_digest_size + 16];
    std::memset(out, 0xa5, sizeof out);
    HashState state;
    ASSERT_EQ(start(state, algorithm), CryptoStatus::ok);
    ASSERT_EQ(update(state, bytes_of("abc"), 3), CryptoStatus::ok);
    ASSERT_EQ(finish(state, out), CryptoStatus::ok);
    wipe(state);
    for (std::size_t i = digest_size(algorithm); i < sizeof out; ++i) {
        EXPECT_EQ(out[i], 0xa5) << "byte " << i << " past the digest was written";
    }
}

TEST_P(CryptoHashProperty, WipeLeavesEveryByteOfTheStateZero) {
    const HashAlgorithm algorithm = GetParam();
    const auto input = counting_input();
    HashState state;
    std::memset(&state, 0x5a, sizeof state);  // stale bytes from an earlier use of the memory
    ASSERT_EQ(start(state, algorithm), CryptoStatus::ok);
    ASSERT_EQ(update(state, input.data(), 100), CryptoStatus::ok);  // a partial block buffered
    wipe(state);
    EXPECT_TRUE(all_zero(state));
}

TEST_P(CryptoHashProperty, WipedStateIsRefusedByUpdateAndFinish) {
    const HashAlgorithm algorithm = GetParam();
    HashState state;
    ASSERT_EQ(start(state, algorithm), CryptoStatus::ok);
    wipe(state);
    std::uint8_t digest[max_digest_size] = {};
    EXPECT_EQ(update(state, bytes_of("abc"), 3), CryptoStatus::failure);
    EXPECT_EQ(finish(state, digest), CryptoStatus::failure);
    EXPECT_TRUE(all_zero(state));
}

TEST_P(CryptoHashProperty, StartLeavesNoTraceOfTheEarlierAlgorithm) {
    // A slot reused for a smaller context must not keep the tail of a larger one.
    const HashAlgorithm algorithm = GetParam();
    HashState state;
    std::memset(&state, 0x5a, sizeof state);
    ASSERT_EQ(start(state, algorithm), CryptoStatus::ok);
    HashState expected;
    std::memset(&expected, 0, sizeof expected);
    ASSERT_EQ(start(expected, algorithm), CryptoStatus::ok);
    EXPECT_EQ(std::memcmp(&state, &expected, sizeof state), 0);
    wipe(state);
    wipe(expected);
}

TEST_P(CryptoHashProperty, CloneOfAZeroedStateIsZeroed) {
    const HashAlgorithm algorithm = GetParam();
    HashState source;
    std::memset(&source, 0, sizeof source);
    HashState copy;
    ASSERT_EQ(start(copy, algorithm), CryptoStatus::ok);
    clone(copy, source);
    EXPECT_TRUE(all_zero(copy));
}

std::string algorithm_name(const ::testing::TestParamInfo<HashAlgorithm>& parameter) {
    return name_of(parameter.param);
}

INSTANTIATE_TEST_SUITE_P(EveryAlgorithm, CryptoHashProperty, ::testing::ValuesIn(all_algorithms), algorithm_name);

// ---- The interface as a whole -----------------------------------------------------------------

TEST(CryptoHash, StartRefusesAValueThatIsNoAlgorithmAndLeavesTheStateZero) {
    HashState state;
    std::memset(&state, 0x5a, sizeof state);
    EXPECT_EQ(start(state, static_cast<HashAlgorithm>(0)), CryptoStatus::failure);
    EXPECT_TRUE(all_zero(state));
    EXPECT_EQ(start(state, static_cast<HashAlgorithm>(200)), CryptoStatus::failure);
    EXPECT_TRUE(all_zero(state));
}

TEST(CryptoHash, StartRefusesEverySwitchedOffAlgorithm) {
    for (HashAlgorithm algorithm : all_algorithms) {
        if (is_enabled(algorithm)) {
            continue;
        }
        HashState state;
        EXPECT_EQ(start(state, algorithm), CryptoStatus::failure) << name_of(algorithm);
        EXPECT_TRUE(all_zero(state)) << name_of(algorithm);
    }
}

// ---- finish_hmac: HMAC's last step (RFC 2104) on states keyed as HMAC keys them ---------------

// `state` started and fed the key XOR `pad` over one block (RFC 2104; the key is shorter than a block).
void start_keyed(HashState& state, HashAlgorithm algorithm, const std::string& key, std::uint8_t pad) {
    ASSERT_EQ(start(state, algorithm), CryptoStatus::ok);
    std::vector<std::uint8_t> block(block_size(algorithm), pad);
    for (std::size_t i = 0; i < key.size(); ++i) block[i] ^= static_cast<std::uint8_t>(key[i]);
    ASSERT_EQ(update(state, block.data(), block.size()), CryptoStatus::ok);
}

struct HmacAnswer {
    HashAlgorithm algorithm;
    const char* hex;
};

// Key "Jefe", data "what do ya want for nothing?": RFC 2202 test case 2 (HMAC-MD5, HMAC-SHA-1)
// and RFC 4231 test case 2 (HMAC-SHA-256, -384, -512).
constexpr HmacAnswer hmac_answers[] = {
    {HashAlgorithm::md5, "750c783e6ab0b503eaa86e310a5db738"},
    {HashAlgorithm::sha1, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
    {HashAlgorithm::sha256, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
    {HashAlgorithm::sha384,
     "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"},
    {HashAlgorithm::sha512,
     "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"},
};

TEST(CryptoHashFinishHmac, GivesThePublishedHmacAndWipesBothStates) {
    const std::string data = "what do ya want for nothing?";
    for (const HmacAnswer& answer : hmac_answers) {
        if (!is_enabled(answer.algorithm)) continue;
        HashState inner, outer;
        start_keyed(inner, answer.algorithm, "Jefe", 0x36);
        start_keyed(outer, answer.algorithm, "Jefe", 0x5c);
        ASSERT_EQ(update(inner, bytes_of(data), data.size()), CryptoStatus::ok);
        std::uint8_t digest[max_digest_size] = {};
        ASSERT_EQ(finish_hmac(inner, outer, digest), CryptoStatus::ok) << name_of(answer.algorithm);
        EXPECT_EQ(to_hex(digest, digest_size(answer.algorithm)), answer.hex) << name_of(answer.algorithm);
        EXPECT_TRUE(all_zero(inner)) << name_of(answer.algorithm);
        EXPECT_TRUE(all_zero(outer)) << name_of(answer.algorithm);
    }
}

TEST_P(CryptoHashProperty, FinishHmacIsFinishFeedFinishAndWipesBothStates) {
    // Every algorithm, MD2 and MD4 included (their own path): the same bytes as the three steps.
    const HashAlgorithm algorithm = GetParam();
    const auto input = counting_input();
    HashState inner, outer, expected_inner, expected_outer;
    start_keyed(inner, algorithm, "a key", 0x36);
    start_keyed(outer, algorithm, "a key", 0x5c);
    ASSERT_EQ(update(inner, input.data(), 77), CryptoStatus::ok);
    clone(expected_inner, inner);
    clone(expected_outer, outer);
    std::uint8_t expected[max_digest_size] = {};
    ASSERT_EQ(finish(expected_inner, expected), CryptoStatus::ok);
    ASSERT_EQ(update(expected_outer, expected, digest_size(algorithm)), CryptoStatus::ok);
    ASSERT_EQ(finish(expected_outer, expected), CryptoStatus::ok);
    wipe(expected_inner);
    wipe(expected_outer);
    std::uint8_t digest[max_digest_size] = {};
    ASSERT_EQ(finish_hmac(inner, outer, digest), CryptoStatus::ok);
    EXPECT_EQ(to_hex(digest, digest_size(algorithm)), to_hex(expected, digest_size(algorithm)));
    EXPECT_TRUE(all_zero(inner));
    EXPECT_TRUE(all_zero(outer));
}

TEST(CryptoHashFinishHmac, RefusesStatesOfTwoAlgorithmsOrNoneAndStillWipesThem) {
    HashState inner, outer;
    std::uint8_t digest[max_digest_size] = {};
    if (is_enabled(HashAlgorithm::sha1) && is_enabled(HashAlgorithm::sha256)) {
        start_keyed(inner, HashAlgorithm::sha1, "k", 0x36);
        start_keyed(outer, HashAlgorithm::sha256, "k", 0x5c);
        EXPECT_EQ(finish_hmac(inner, outer, digest), CryptoStatus::failure);
        EXPECT_TRUE(all_zero(inner));
        EXPECT_TRUE(all_zero(outer));
    }
    std::memset(&inner, 0, sizeof inner);  // no algorithm in either
    std::memset(&outer, 0, sizeof outer);
    EXPECT_EQ(finish_hmac(inner, outer, digest), CryptoStatus::failure);
    EXPECT_TRUE(all_zero(inner));
    EXPECT_TRUE(all_zero(outer));
}

}  // namespace
