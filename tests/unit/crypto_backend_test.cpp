// What the crypto backend adds under the interface (docs/ARCHITECTURE.md, "Crypto backends"):
// on psa, every AES operation imports a volatile PSA key and sets up a PSA cipher operation in
// the arena, and must give every byte back; a full arena must fail the operation before it
// writes anything. Prints the arena's high-water mark per operation on the backend under test
// (figures, not a timed test). AES vector: FIPS-197 Appendix C.1; GCM: the round trip only
// (its vectors run through the keys-at-rest tests).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <vector>

#include "crypto/aead.hpp"
#include "crypto/arena.hpp"
#include "crypto/block_cipher.hpp"
#include "crypto/hash.hpp"
#include "tinycapi_config.h"

namespace tinycapi::crypto {
namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr const char* kBackend = TINYCAPI_CRYPTO_BACKEND_PSA ? "psa" : "mbedtls3";

// FIPS-197 Appendix C.1 (AES-128).
const std::uint8_t kAesKey[16] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                  0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
const std::uint8_t kAesPlain[16] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                    0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
const std::uint8_t kAesCipher[16] = {0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
                                     0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a};

// Runs `operation`, checks it gave back every arena byte, and returns its high-water mark above
// what was in use before it.
template <typename Operation>
std::size_t ArenaPeakOf(const char* name, Operation operation) {
    const std::size_t before = arena_stats().in_use;
    arena_reset_high_water();
    operation();
    const ArenaStats after = arena_stats();
    EXPECT_EQ(after.in_use, before) << name << " kept arena bytes";
    const std::size_t peak = after.high_water > before ? after.high_water - before : 0;
    std::cout << "[figures] arena high-water, " << kBackend << ", " << name << ": " << peak << " bytes\n";
    return peak;
}

TEST(CryptoBackendArena, EveryOperationGivesBackItsArenaBytesAndReportsItsPeak) {
    if (!is_enabled(BlockAlgorithm::aes128)) {
        GTEST_SKIP() << "AES is switched off";
    }
    BlockCipher cipher{};
    ASSERT_EQ(set_key(cipher, BlockAlgorithm::aes128, kAesKey, sizeof kAesKey), CryptoStatus::ok);
    std::uint8_t out[16];
    ArenaPeakOf("AES-128 one block", [&] {
        ASSERT_EQ(encrypt_block(cipher, kAesPlain, out), CryptoStatus::ok);
        EXPECT_EQ(std::memcmp(out, kAesCipher, sizeof out), 0);
    });
    Bytes data(64, 0x5a), chain(16, 0);
    const std::size_t cbc_peak = ArenaPeakOf("AES-128 CBC 64 bytes", [&] {
        ASSERT_EQ(cbc_encrypt(cipher, chain.data(), data.data(), data.data(), data.size()), CryptoStatus::ok);
    });
    ArenaPeakOf("AES-128 CFB-8 16 bytes", [&] {
        ASSERT_EQ(cfb8_encrypt(cipher, chain.data(), data.data(), data.data(), 16), CryptoStatus::ok);
    });
    HashState hash{};
    std::uint8_t digest[max_digest_size];
    ArenaPeakOf("SHA-256 of 64 bytes", [&] {
        ASSERT_EQ(start(hash, HashAlgorithm::sha256), CryptoStatus::ok);
        ASSERT_EQ(update(hash, data.data(), data.size()), CryptoStatus::ok);
        ASSERT_EQ(finish(hash, digest), CryptoStatus::ok);
    });
    wipe(hash);
#if TINYCAPI_ENCRYPT_KEYS_AT_REST
    const std::uint8_t key[32] = {1}, nonce[kGcmNonceBytes] = {2}, aad[4] = {3};
    std::uint8_t tag[kGcmTagBytes];
    Bytes sealed(48);
    ArenaPeakOf("AES-256-GCM seal of 48 bytes", [&] {
        ASSERT_EQ(gcm_seal(key, nonce, aad, sizeof aad, data.data(), sealed.size(), sealed.data(), tag),
                  CryptoStatus::ok);
    });
    Bytes opened(48);
    ASSERT_EQ(gcm_open(key, nonce, aad, sizeof aad, sealed.data(), sealed.size(), tag, opened.data()),
              CryptoStatus::ok);
    EXPECT_TRUE(std::equal(opened.begin(), opened.end(), data.begin()));
#endif
    // On mbedtls3 the symmetric primitives never allocate; on psa they do, well inside the arena.
    if (TINYCAPI_CRYPTO_BACKEND_PSA) {
        EXPECT_GT(cbc_peak, 0u);
    } else {
        EXPECT_EQ(cbc_peak, 0u);
    }
    EXPECT_LT(cbc_peak, arena_stats().size);
    wipe(cipher);
}

TEST(CryptoBackendArena, AFullArenaFailsAnAesOperationBeforeItWritesAnything) {
    if (!is_enabled(BlockAlgorithm::aes128)) {
        GTEST_SKIP() << "AES is switched off";
    }
    BlockCipher cipher{};
    ASSERT_EQ(set_key(cipher, BlockAlgorithm::aes128, kAesKey, sizeof kAesKey), CryptoStatus::ok);
    const std::size_t before = arena_stats().in_use;
#if !TINYCAPI_CRYPTO_BACKEND_PSA
    // mbedtls3's AES schedules live in the BlockCipher: a full arena cannot touch it.
    {
        std::uint8_t chain[16] = {0xc3}, out[32];
        std::uint8_t input[32] = {};
        std::memcpy(input, kAesPlain, 16);
        const std::size_t failures = arena_stats().failures;
        arena_fail_after(1);
        EXPECT_EQ(cbc_encrypt(cipher, chain, input, out, sizeof out), CryptoStatus::ok);
        arena_fail_after(0);
        EXPECT_EQ(arena_stats().failures, failures) << "mbedtls3's AES asked the arena for memory";
        EXPECT_EQ(arena_stats().in_use, before);
    }
#else
    // Each allocation point of the operation in turn: the PSA key's material, then the cipher
    // context; a number past the last lets the operation succeed.
    bool succeeded = false;
    for (unsigned n = 1; n <= 8 && !succeeded; ++n) {
        SCOPED_TRACE(n);
        std::uint8_t chain[16] = {0xc3}, out[32];
        std::memset(out, 0xee, sizeof out);
        std::uint8_t input[32];
        std::memcpy(input, kAesPlain, 16);
        std::memcpy(input + 16, kAesPlain, 16);
        arena_fail_after(n);
        const CryptoStatus status = cbc_encrypt(cipher, chain, input, out, sizeof out);
        arena_fail_after(0);
        EXPECT_EQ(arena_stats().in_use, before) << "a failed or finished operation kept arena bytes";
        if (status == CryptoStatus::ok) {
            succeeded = true;
            EXPECT_GE(n, 2u) << "the operation needs the arena at least once";
            continue;
        }
        EXPECT_EQ(status, CryptoStatus::failure);
        EXPECT_EQ(chain[0], 0xc3);
        for (std::uint8_t byte : out) {
            ASSERT_EQ(byte, 0xee) << "a failed operation wrote output";
        }
    }
    EXPECT_TRUE(succeeded);
#endif
    // And the cipher still works: FIPS-197 C.1 through ECB.
    std::uint8_t out[16];
    ASSERT_EQ(ecb_encrypt(cipher, kAesPlain, out, sizeof out), CryptoStatus::ok);
    EXPECT_EQ(std::memcmp(out, kAesCipher, sizeof out), 0);
    ASSERT_EQ(decrypt_block(cipher, out, out), CryptoStatus::ok);
    EXPECT_EQ(std::memcmp(out, kAesPlain, sizeof out), 0);
    wipe(cipher);
}

TEST(CryptoBackendClone, AByteCopyOfAKeyedCipherOutlivesTheOriginalsWipe) {
    // The contract both backends keep (block_cipher.hpp): plain data, a byte copy is a clone,
    // so the objects layer may free a key slot by zeroing it. On psa this holds because no PSA
    // key outlives a call.
    if (!is_enabled(BlockAlgorithm::aes128)) {
        GTEST_SKIP() << "AES is switched off";
    }
    BlockCipher original{};
    ASSERT_EQ(set_key(original, BlockAlgorithm::aes128, kAesKey, sizeof kAesKey), CryptoStatus::ok);
    BlockCipher copy;
    std::memcpy(&copy, &original, sizeof copy);
    wipe(original);
    std::uint8_t out[16];
    ASSERT_EQ(encrypt_block(copy, kAesPlain, out), CryptoStatus::ok);
    EXPECT_EQ(std::memcmp(out, kAesCipher, sizeof out), 0);
    EXPECT_EQ(encrypt_block(original, kAesPlain, out), CryptoStatus::failure);
    wipe(copy);
}

}  // namespace
}  // namespace tinycapi::crypto
