// core/crypto/legacy/des: DES (FIPS 46-3) and triple DES (SP 800-67) called directly, one block
// at a time. Known answers from the published standards and NIST's validation tables, each
// cited at its table; then agreement with Mbed TLS 3.6's own DES over thousands of pseudo-random
// keys and blocks, and the wipe.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>

#include "crypto/legacy/des.hpp"
#include "test_bytes.hpp"
#include "tinycapi_test.hpp"

#include <mbedtls/build_info.h>
#if TINYCAPI_ENABLE_DES && defined(MBEDTLS_DES_C)
#include <mbedtls/des.h>
#define TINYCAPI_TEST_AGAINST_MBEDTLS_DES 1
#else
#define TINYCAPI_TEST_AGAINST_MBEDTLS_DES 0
#endif

namespace tinycapi::crypto::legacy {
namespace {

using testing::Bytes;
using testing::Hex;
using testing::ToHex;

#if TINYCAPI_ENABLE_DES

// Plain crypto calls, but the shared fixture still checks at the end that nothing above was
// touched (no lock held, no slot in use).
class DesTest : public testing::CapiTest {};

Bytes encrypt(const Bytes& key, const Bytes& plaintext) {
    DesKey schedule{};
    des_set_key(schedule, key.data());
    Bytes out(des_block_size);
    des_encrypt_block(schedule, plaintext.data(), out.data());
    des_wipe(schedule);
    return out;
}

Bytes decrypt(const Bytes& key, const Bytes& ciphertext) {
    DesKey schedule{};
    des_set_key(schedule, key.data());
    Bytes out(des_block_size);
    des_decrypt_block(schedule, ciphertext.data(), out.data());
    des_wipe(schedule);
    return out;
}

Bytes encrypt3(const Bytes& key, const Bytes& plaintext) {
    Des3Key schedule{};
    des3_set_key(schedule, key.data(), key.size());
    Bytes out(plaintext.size());
    for (size_t i = 0; i < plaintext.size(); i += des_block_size) {
        des3_encrypt_block(schedule, plaintext.data() + i, out.data() + i);
    }
    des3_wipe(schedule);
    return out;
}

Bytes decrypt3(const Bytes& key, const Bytes& ciphertext) {
    Des3Key schedule{};
    des3_set_key(schedule, key.data(), key.size());
    Bytes out(ciphertext.size());
    for (size_t i = 0; i < ciphertext.size(); i += des_block_size) {
        des3_decrypt_block(schedule, ciphertext.data() + i, out.data() + i);
    }
    des3_wipe(schedule);
    return out;
}

// The block (or key) with only bit `bit` set, bit 0 being the leftmost (FIPS 46-3 numbering
// minus one).
Bytes single_bit(unsigned bit) {
    Bytes out(8, 0);
    out[bit / 8] = static_cast<uint8_t>(0x80u >> (bit % 8));
    return out;
}

// ---- Known answers ---------------------------------------------------------------------------

// FIPS 81 (DES Modes of Operation), Appendix B, the ECB example: key 0123456789abcdef,
// "Now is the time for all ".
TEST_F(DesTest, Fips81EcbExample) {
    const Bytes key = Hex("0123456789abcdef");
    const Bytes plaintext = Hex("4e6f772069732074 68652074696d6520 666f7220616c6c20");
    const Bytes ciphertext = Hex("3fa40e8a984d4815 6a271787ab8883f9 893d51ec4b563b53");
    for (size_t i = 0; i < plaintext.size(); i += 8) {
        const Bytes p(plaintext.begin() + i, plaintext.begin() + i + 8);
        const Bytes c(ciphertext.begin() + i, ciphertext.begin() + i + 8);
        EXPECT_EQ(ToHex(encrypt(key, p)), ToHex(c)) << "block " << i / 8;
        EXPECT_EQ(ToHex(decrypt(key, c)), ToHex(p)) << "block " << i / 8;
    }
}

// NIST SP 800-17 (MOVS) Appendix B, the Variable Plaintext Known Answer Test, all 64 rows: key
// 0101010101010101, plaintext with only bit i set (i = 1..64), ciphertext below. The same rows
// are SP 800-20 Table A.1; read here from NIST CAVP KAT_TDES.zip, TECBvartext.rsp (CAVS 11.1,
// KEYs = K1 = K2 = K3). The Inverse Permutation Known Answer Test runs them backwards: under
// this weak key encryption equals decryption, so encrypting each ciphertext gives the one-bit
// block back.
const char* const sp800_17_variable_plaintext[64] = {
    "95f8a5e5dd31d900", "dd7f121ca5015619", "2e8653104f3834ea", "4bd388ff6cd81d4f",
    "20b9e767b2fb1456", "55579380d77138ef", "6cc5defaaf04512f", "0d9f279ba5d87260",
    "d9031b0271bd5a0a", "424250b37c3dd951", "b8061b7ecd9a21e5", "f15d0f286b65bd28",
    "add0cc8d6e5deba1", "e6d5f82752ad63d1", "ecbfe3bd3f591a5e", "f356834379d165cd",
    "2b9f982f20037fa9", "889de068a16f0be6", "e19e275d846a1298", "329a8ed523d71aec",
    "e7fce22557d23c97", "12a9f5817ff2d65d", "a484c3ad38dc9c19", "fbe00a8a1ef8ad72",
    "750d079407521363", "64feed9c724c2faf", "f02b263b328e2b60", "9d64555a9a10b852",
    "d106ff0bed5255d7", "e1652c6b138c64a5", "e428581186ec8f46", "aeb5f5ede22d1a36",
    "e943d7568aec0c5c", "df98c8276f54b04b", "b160e4680f6c696f", "fa0752b07d9c4ab8",
    "ca3a2b036dbc8502", "5e0905517bb59bcf", "814eeb3b91d90726", "4d49db1532919c9f",
    "25eb5fc3f8cf0621", "ab6a20c0620d1c6f", "79e90dbc98f92cca", "866ecedd8072bb0e",
    "8b54536f2f3e64a8", "ea51d3975595b86b", "caffc6ac4542de31", "8dd45a2ddf90796c",
    "1029d55e880ec2d0", "5d86cb23639dbea9", "1d1ca853ae7c0c5f", "ce332329248f3228",
    "8405d1abe24fb942", "e643d78090ca4207", "48221b9937748a23", "dd7c0bbd61fafd54",
    "2fbc291a570db5c4", "e07c30d7e4e26e12", "0953e2258e8e90a1", "5b711bc4ceebf2ee",
    "cc083f1e6d9e85f6", "d2fd8867d50d2dfe", "06e7ea22ce92708f", "166b40b44aba4bd6",
};

TEST_F(DesTest, Sp800_17VariablePlaintextAndInversePermutationAllRows) {
    const Bytes key = Hex("0101010101010101");
    for (unsigned bit = 0; bit < 64; ++bit) {
        const Bytes plaintext = single_bit(bit);
        const Bytes ciphertext = Hex(sp800_17_variable_plaintext[bit]);
        EXPECT_EQ(ToHex(encrypt(key, plaintext)), ToHex(ciphertext)) << "plaintext bit " << bit + 1;
        EXPECT_EQ(ToHex(decrypt(key, ciphertext)), ToHex(plaintext)) << "plaintext bit " << bit + 1;
        EXPECT_EQ(ToHex(encrypt(key, ciphertext)), ToHex(plaintext)) << "inverse, bit " << bit + 1;
    }
}

// NIST SP 800-17 Appendix B, the Variable Key Known Answer Test, all 56 rows: plaintext 0, key
// with only the i-th of the 56 key bits set (the parity bits 8, 16, …, 64 are skipped; every
// other byte is 01, so each byte keeps odd parity). Read from CAVP KAT_TDES.zip, TCBCvarkey.rsp
// (one block under IV 0, which is ECB).
const char* const sp800_17_variable_key[56] = {
    "95a8d72813daa94d", "0eec1487dd8c26d5", "7ad16ffb79c45926", "d3746294ca6a6cf3",
    "809f5f873c1fd761", "c02faffec989d1fc", "4615aa1d33e72f10", "2055123350c00858",
    "df3b99d6577397c8", "31fe17369b5288c9", "dfdd3cc64dae1642", "178c83ce2b399d94",
    "50f636324a9b7f80", "a8468ee3bc18f06d", "a2dc9e92fd3cde92", "cac09f797d031287",
    "90ba680b22aeb525", "ce7a24f350e280b6", "882bff0aa01a0b87", "25610288924511c2",
    "c71516c29c75d170", "5199c29a52c9f059", "c22f0a294a71f29f", "ee371483714c02ea",
    "a81fbd448f9e522f", "4f644c92e192dfed", "1afa9a66a6df92ae", "b3c1cc715cb879d8",
    "19d032e64ab0bd8b", "3cfaa7a7dc8720dc", "b7265f7f447ac6f3", "9db73b3c0d163f54",
    "8181b65babf4a975", "93c9b64042eaa240", "5570530829705592", "8638809e878787a0",
    "41b9a79af79ac208", "7a9be42f2009a892", "29038d56ba6d2745", "5495c6abf1e5df51",
    "ae13dbd561488933", "024d1ffa8904e389", "d1399712f99bf02e", "14c1d7c1cffec79e",
    "1de5279dae3bed6f", "e941a33f85501303", "da99dbbc9a03f379", "b7fc92f91d8e92e9",
    "ae8e5caa3ca04e85", "9cc62df43b6eed74", "d863dbb5c59a91a0", "a1ab2190545b91d7",
    "0875041e64c570f7", "5a594528bebef1cc", "fcdb3291de21f0c0", "869efd7f9f265a09",
};

TEST_F(DesTest, Sp800_17VariableKeyAllRows) {
    const Bytes zero(8, 0);
    for (unsigned row = 0; row < 56; ++row) {
        Bytes key(8, 0x01);
        key[row / 7] = static_cast<uint8_t>(0x80u >> (row % 7));
        const Bytes ciphertext = Hex(sp800_17_variable_key[row]);
        EXPECT_EQ(ToHex(encrypt(key, zero)), ToHex(ciphertext)) << "key bit row " << row + 1;
        EXPECT_EQ(ToHex(decrypt(key, ciphertext)), ToHex(zero)) << "key bit row " << row + 1;
    }
}

struct KeyAndBlocks {
    const char* key;
    const char* plaintext;
    const char* ciphertext;
};

// NIST SP 800-17 Appendix B, the Permutation Operation Known Answer Test, all 32 rows:
// plaintext 0 under keys chosen to exercise every bit of the permutation P. Read from CAVP
// KAT_TDES.zip, TECBpermop.rsp.
const KeyAndBlocks sp800_17_permutation_operation[32] = {
    {"1046913489980131", "0000000000000000", "88d55e54f54c97b4"},
    {"1007103489988020", "0000000000000000", "0c0cc00c83ea48fd"},
    {"10071034c8980120", "0000000000000000", "83bc8ef3a6570183"},
    {"1046103489988020", "0000000000000000", "df725dcad94ea2e9"},
    {"1086911519190101", "0000000000000000", "e652b53b550be8b0"},
    {"1086911519580101", "0000000000000000", "af527120c485cbb0"},
    {"5107b01519580101", "0000000000000000", "0f04ce393db926d5"},
    {"1007b01519190101", "0000000000000000", "c9f00ffc74079067"},
    {"3107915498080101", "0000000000000000", "7cfd82a593252b4e"},
    {"3107919498080101", "0000000000000000", "cb49a2f9e91363e3"},
    {"10079115b9080140", "0000000000000000", "00b588be70d23f56"},
    {"3107911598080140", "0000000000000000", "406a9a6ab43399ae"},
    {"1007d01589980101", "0000000000000000", "6cb773611dca9ada"},
    {"9107911589980101", "0000000000000000", "67fd21c17dbb5d70"},
    {"9107d01589190101", "0000000000000000", "9592cb4110430787"},
    {"1007d01598980120", "0000000000000000", "a6b7ff68a318ddd3"},
    {"1007940498190101", "0000000000000000", "4d102196c914ca16"},
    {"0107910491190401", "0000000000000000", "2dfa9f4573594965"},
    {"0107910491190101", "0000000000000000", "b46604816c0e0774"},
    {"0107940491190401", "0000000000000000", "6e7e6221a4f34e87"},
    {"19079210981a0101", "0000000000000000", "aa85e74643233199"},
    {"1007911998190801", "0000000000000000", "2e5a19db4d1962d6"},
    {"10079119981a0801", "0000000000000000", "23a866a809d30894"},
    {"1007921098190101", "0000000000000000", "d812d961f017d320"},
    {"100791159819010b", "0000000000000000", "055605816e58608f"},
    {"1004801598190101", "0000000000000000", "abd88e8b1b7716f1"},
    {"1004801598190102", "0000000000000000", "537ac95be69da1e1"},
    {"1004801598190108", "0000000000000000", "aed0f6ae3c25cdd8"},
    {"1002911598100104", "0000000000000000", "b3e35a5ee53e7b8d"},
    {"1002911598190104", "0000000000000000", "61c79c71921a2ef8"},
    {"1002911598100201", "0000000000000000", "e2f5728f0995013c"},
    {"1002911698100101", "0000000000000000", "1aeac39a61f0a464"},
};

// NIST SP 800-17 Appendix B, the Substitution Table Known Answer Test, all 19 rows: key and
// plaintext pairs that together reach every entry of the eight S-boxes. Read from CAVP
// KAT_TDES.zip, TECBsubtab.rsp.
const KeyAndBlocks sp800_17_substitution_table[19] = {
    {"7ca110454a1a6e57", "01a1d6d039776742", "690f5b0d9a26939b"},
    {"0131d9619dc1376e", "5cd54ca83def57da", "7a389d10354bd271"},
    {"07a1133e4a0b2686", "0248d43806f67172", "868ebb51cab4599a"},
    {"3849674c2602319e", "51454b582ddf440a", "7178876e01f19b2a"},
    {"04b915ba43feb5b6", "42fd443059577fa2", "af37fb421f8c4095"},
    {"0113b970fd34f2ce", "059b5e0851cf143a", "86a560f10ec6d85b"},
    {"0170f175468fb5e6", "0756d8e0774761d2", "0cd3da020021dc09"},
    {"43297fad38e373fe", "762514b829bf486a", "ea676b2cb7db2b7a"},
    {"07a7137045da2a16", "3bdd119049372802", "dfd64a815caf1a0f"},
    {"04689104c2fd3b2f", "26955f6835af609a", "5c513c9c4886c088"},
    {"37d06bb516cb7546", "164d5e404f275232", "0a2aeeae3ff4ab77"},
    {"1f08260d1ac2465e", "6b056e18759f5cca", "ef1bf03e5dfa575a"},
    {"584023641aba6176", "004bd6ef09176062", "88bf0db6d70dee56"},
    {"025816164629b007", "480d39006ee762f2", "a1f9915541020b56"},
    {"49793ebc79b3258f", "437540c8698f3cfa", "6fbf1cafcffd0556"},
    {"4fb05e1515ab73a7", "072d43a077075292", "2f22e49bab7ca1ac"},
    {"49e95d6d4ca229bf", "02fe55778117f12a", "5a6b612cc26cce4a"},
    {"018310dc409b26d6", "1d9d5c5018f728c2", "5f4c038ed12b2e41"},
    {"1c587f1c13924fef", "305532286d6f295a", "63fac0d034d9f793"},
};

template <size_t N>
void expect_table(const KeyAndBlocks (&table)[N], const char* name) {
    for (size_t row = 0; row < N; ++row) {
        const Bytes key = Hex(table[row].key);
        const Bytes plaintext = Hex(table[row].plaintext);
        const Bytes ciphertext = Hex(table[row].ciphertext);
        EXPECT_EQ(ToHex(encrypt(key, plaintext)), ToHex(ciphertext)) << name << " row " << row + 1;
        EXPECT_EQ(ToHex(decrypt(key, ciphertext)), ToHex(plaintext)) << name << " row " << row + 1;
        // The CAVP files give each key as KEYs, i.e. K1 = K2 = K3: triple DES must agree.
        Bytes key3 = key;
        key3.insert(key3.end(), key.begin(), key.end());
        key3.insert(key3.end(), key.begin(), key.end());
        EXPECT_EQ(ToHex(encrypt3(key3, plaintext)), ToHex(ciphertext)) << name << " row " << row + 1;
    }
}

TEST_F(DesTest, Sp800_17PermutationOperationAllRows) {
    expect_table(sp800_17_permutation_operation, "permutation operation");
}

TEST_F(DesTest, Sp800_17SubstitutionTableAllRows) {
    expect_table(sp800_17_substitution_table, "substitution table");
}

// NIST SP 800-67 Rev. 2, Appendix B: the TDEA (keying option 1) ECB example, three blocks,
// "The qufck brown fox jump" as the standard spells it.
TEST_F(DesTest, TripleDesSp800_67Rev2AppendixBExample) {
    const Bytes key = Hex("0123456789abcdef 23456789abcdef01 456789abcdef0123");
    const Bytes plaintext = Hex("5468652071756663 6b2062726f776e20 666f78206a756d70");
    const Bytes ciphertext = Hex("a826fd8ce53b855f cce21c8112256fe6 68d5c05dd9b6b900");
    EXPECT_EQ(ToHex(encrypt3(key, plaintext)), ToHex(ciphertext));
    EXPECT_EQ(ToHex(decrypt3(key, ciphertext)), ToHex(plaintext));
}

// ---- Properties of the keying options --------------------------------------------------------

// SP 800-67: with K1 = K2 = K3 the TDEA is single DES (E_K D_K E_K = E_K, the backward
// compatibility the standard notes), and keying option 2 is option 1 with K3 = K1. Over
// pseudo-random keys and blocks, from a fixed seed.
TEST_F(DesTest, TripleDesWithThreeEqualKeysIsSingleDesAndOptionTwoIsOptionOneWithK3EqualK1) {
    std::mt19937_64 random(0xDE5'2026'0013ull);
    auto random_bytes = [&random](size_t n) {
        Bytes out(n);
        for (auto& b : out) b = static_cast<uint8_t>(random());
        return out;
    };
    for (int i = 0; i < 200; ++i) {
        const Bytes k1 = random_bytes(8);
        const Bytes k2 = random_bytes(8);
        const Bytes block = random_bytes(8);

        const Bytes same = testing::Concat(testing::Concat(k1, k1), k1);
        EXPECT_EQ(ToHex(encrypt3(same, block)), ToHex(encrypt(k1, block)));
        EXPECT_EQ(ToHex(decrypt3(same, block)), ToHex(decrypt(k1, block)));

        const Bytes two_key = testing::Concat(k1, k2);
        const Bytes three_key = testing::Concat(two_key, k1);
        ASSERT_EQ(two_key.size(), des3_two_key_size);
        ASSERT_EQ(three_key.size(), des3_three_key_size);
        EXPECT_EQ(ToHex(encrypt3(two_key, block)), ToHex(encrypt3(three_key, block)));
        EXPECT_EQ(ToHex(decrypt3(two_key, block)), ToHex(decrypt3(three_key, block)));
        EXPECT_EQ(ToHex(decrypt3(two_key, encrypt3(two_key, block))), ToHex(block));
    }
}

// des.hpp: the parity bits (the low bit of each key byte) are ignored, neither checked nor
// fixed (CryptoAPI keys carry them as given).
TEST_F(DesTest, ParityBitsDoNotChangeTheSchedule) {
    const Bytes key = Hex("0123456789abcdef");
    Bytes flipped = key;
    for (auto& b : flipped) b ^= 0x01;
    DesKey a{};
    DesKey b{};
    des_set_key(a, key.data());
    des_set_key(b, flipped.data());
    EXPECT_EQ(std::memcmp(&a, &b, sizeof a), 0);
}

// ---- Agreement with Mbed TLS 3.6 -------------------------------------------------------------

#if TINYCAPI_TEST_AGAINST_MBEDTLS_DES

// Mbed TLS 3.6's DES (library/des.c), which the mbedtls3 backend uses, as an independent
// implementation: 2000 pseudo-random keys, each on a few blocks, for DES and both 3DES keyings,
// in both directions, out of place and in place. The seed is fixed so a failure repeats.
TEST_F(DesTest, AgreesWithMbedTlsOnRandomKeysAndBlocksBothDirectionsAndInPlace) {
    std::mt19937_64 random(0x0DE5'3DE5'2026'1204ull);
    auto fill = [&random](uint8_t* bytes, size_t n) {
        for (size_t i = 0; i < n; ++i) bytes[i] = static_cast<uint8_t>(random());
    };
    mbedtls_des_context reference;
    mbedtls_des3_context reference3;
    mbedtls_des_init(&reference);
    mbedtls_des3_init(&reference3);
    int mismatches = 0;
    for (int i = 0; i < 2000 && mismatches < 5; ++i) {
        uint8_t key[24];
        fill(key, sizeof key);
        uint8_t block[8];
        fill(block, sizeof block);
        uint8_t ours[8];
        uint8_t theirs[8];

        DesKey schedule{};
        des_set_key(schedule, key);
        // Encrypt.
        ASSERT_EQ(mbedtls_des_setkey_enc(&reference, key), 0);
        ASSERT_EQ(mbedtls_des_crypt_ecb(&reference, block, theirs), 0);
        des_encrypt_block(schedule, block, ours);
        mismatches += std::memcmp(ours, theirs, 8) != 0;
        std::memcpy(ours, block, 8);
        des_encrypt_block(schedule, ours, ours);  // in place
        mismatches += std::memcmp(ours, theirs, 8) != 0;
        // Decrypt.
        ASSERT_EQ(mbedtls_des_setkey_dec(&reference, key), 0);
        ASSERT_EQ(mbedtls_des_crypt_ecb(&reference, block, theirs), 0);
        des_decrypt_block(schedule, block, ours);
        mismatches += std::memcmp(ours, theirs, 8) != 0;
        std::memcpy(ours, block, 8);
        des_decrypt_block(schedule, ours, ours);
        mismatches += std::memcmp(ours, theirs, 8) != 0;
        des_wipe(schedule);

        // Three-key on even rounds, two-key on odd ones.
        const bool three = (i % 2) == 0;
        Des3Key schedule3{};
        des3_set_key(schedule3, key, three ? des3_three_key_size : des3_two_key_size);
        ASSERT_EQ(three ? mbedtls_des3_set3key_enc(&reference3, key)
                        : mbedtls_des3_set2key_enc(&reference3, key),
                  0);
        ASSERT_EQ(mbedtls_des3_crypt_ecb(&reference3, block, theirs), 0);
        des3_encrypt_block(schedule3, block, ours);
        mismatches += std::memcmp(ours, theirs, 8) != 0;
        std::memcpy(ours, block, 8);
        des3_encrypt_block(schedule3, ours, ours);
        mismatches += std::memcmp(ours, theirs, 8) != 0;
        ASSERT_EQ(three ? mbedtls_des3_set3key_dec(&reference3, key)
                        : mbedtls_des3_set2key_dec(&reference3, key),
                  0);
        ASSERT_EQ(mbedtls_des3_crypt_ecb(&reference3, block, theirs), 0);
        des3_decrypt_block(schedule3, block, ours);
        mismatches += std::memcmp(ours, theirs, 8) != 0;
        std::memcpy(ours, block, 8);
        des3_decrypt_block(schedule3, ours, ours);
        mismatches += std::memcmp(ours, theirs, 8) != 0;
        des3_wipe(schedule3);
        if (mismatches != 0) {
            ADD_FAILURE() << "disagreement at iteration " << i << ", key "
                          << ToHex(Bytes(key, key + 24)) << ", block " << ToHex(Bytes(block, block + 8));
        }
    }
    EXPECT_EQ(mismatches, 0);
    mbedtls_des_free(&reference);
    mbedtls_des3_free(&reference3);
}

#endif  // TINYCAPI_TEST_AGAINST_MBEDTLS_DES

// ---- Wipe ------------------------------------------------------------------------------------

TEST_F(DesTest, WipeZeroesEveryByteOfTheSchedule) {
    const Bytes key = Hex("0123456789abcdef 23456789abcdef01 456789abcdef0123");
    DesKey schedule{};
    des_set_key(schedule, key.data());
    const DesKey zero{};
    ASSERT_NE(std::memcmp(&schedule, &zero, sizeof schedule), 0) << "nothing to wipe";
    des_wipe(schedule);
    EXPECT_EQ(std::memcmp(&schedule, &zero, sizeof schedule), 0);

    Des3Key schedule3{};
    des3_set_key(schedule3, key.data(), key.size());
    const Des3Key zero3{};
    ASSERT_NE(std::memcmp(&schedule3, &zero3, sizeof schedule3), 0) << "nothing to wipe";
    des3_wipe(schedule3);
    EXPECT_EQ(std::memcmp(&schedule3, &zero3, sizeof schedule3), 0);
}

#endif  // TINYCAPI_ENABLE_DES

}  // namespace
}  // namespace tinycapi::crypto::legacy
