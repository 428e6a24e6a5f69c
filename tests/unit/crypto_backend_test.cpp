// What the crypto backend adds under the interface (docs/ARCHITECTURE.md, "Crypto backends"):
// on psa, every AES operation imports a volatile PSA key and sets up a PSA cipher operation in
// the arena, and must give every byte back; a full arena must fail the operation before it
// writes anything. Prints the arena's high-water mark per operation on the backend under test
// (figures, not a timed test). AES vector: FIPS-197 Appendix C.1; GCM: the round trip only
// (its vectors run through the keys-at-rest tests). RSA: the arena's high-water mark of each
// RSA operation on RSA-1024 and RSA-2048 pairs of the PKCS #1 test vectors
// (rsa_key_vectors.hpp), and a failed allocation at each point of a signing or an import. (On
// psa the operations run over psa_* calls on a key imported for each one, whose DER and PSA's
// parse of it are in the figures; the keys' numbers are tinycapi's own, psa/rsa_keys_psa.cpp.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "crypto/aead.hpp"
#include "crypto/arena.hpp"
#include "crypto/block_cipher.hpp"
#include "crypto/hash.hpp"
#include "crypto/rsa.hpp"
#include "rsa_key_vectors.hpp"
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

#if TINYCAPI_ENABLE_RSA

Bytes hex(const char* text) {
    Bytes out;
    for (; text[0] != '\0' && text[1] != '\0'; text += 2) {
        auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
        out.push_back(static_cast<std::uint8_t>(nibble(text[0]) << 4 | nibble(text[1])));
    }
    return out;
}

bool is_empty(const RsaKey& key) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(&key);
    return std::all_of(bytes, bytes + sizeof key, [](unsigned char b) { return b == 0; });
}

// With the published d, as the container store imports a pair.
CryptoStatus import_pair(RsaKey& key, const test_vectors::KeyVector& vector) {
    const Bytes n = hex(vector.n), p = hex(vector.p), q = hex(vector.q), d = hex(vector.d);
    return rsa_import_private(key, n.data(), n.size(), vector.e, p.data(), q.data(), p.size(), d.data(), d.size());
}

// SHA-1's DigestInfo header (RFC 8017 §9.2 note 1) and a stand-in hash.
const std::uint8_t kSha1Prefix[15] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                                      0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
const std::uint8_t kHash[20] = {0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19};

TEST(CryptoBackendArena, EveryRsaOperationGivesBackItsArenaBytesAndReportsItsPeak) {
    for (const test_vectors::KeyVector* vector : {&test_vectors::kKey1024A, &test_vectors::kKey2048}) {
        const Bytes n = hex(vector->n);
        const std::size_t k = n.size();
        const std::string bits = "RSA-" + std::to_string(k * 8) + " ";  // the label's prefix
        RsaKey pair{}, public_key{};
        ArenaPeakOf((bits + "private import and free").c_str(), [&] {
            ASSERT_EQ(import_pair(pair, *vector), CryptoStatus::ok);
            rsa_free(pair);
        });
        ArenaPeakOf((bits + "public import and free").c_str(), [&] {
            ASSERT_EQ(rsa_import_public(public_key, n.data(), k, vector->e), CryptoStatus::ok);
            rsa_free(public_key);
        });
        ASSERT_EQ(import_pair(pair, *vector), CryptoStatus::ok);
        ASSERT_EQ(rsa_import_public(public_key, n.data(), k, vector->e), CryptoStatus::ok);
        const std::size_t imported = arena_stats().in_use;
        Bytes signature(k), ciphertext(k), plain(k);
        size_t length = 0;
        ArenaPeakOf((bits + "PKCS#1 sign").c_str(), [&] {
            ASSERT_EQ(rsa_sign_pkcs1(pair, kSha1Prefix, sizeof kSha1Prefix, kHash, sizeof kHash, signature.data()),
                      CryptoStatus::ok);
        });
        for (bool oaep : {false, true}) {
            const std::string padding = oaep ? "OAEP " : "PKCS#1 ";
            ArenaPeakOf((bits + padding + "encrypt, public key").c_str(), [&] {
                ASSERT_EQ(rsa_encrypt_pkcs1(public_key, oaep, kHash, sizeof kHash, ciphertext.data()),
                          CryptoStatus::ok);
            });
            ArenaPeakOf((bits + padding + "decrypt").c_str(), [&] {
                ASSERT_EQ(rsa_decrypt_pkcs1(pair, oaep, ciphertext.data(), plain.data(), plain.size(), &length),
                          CryptoStatus::ok);
            });
            EXPECT_EQ(length, sizeof kHash);
            EXPECT_EQ(std::memcmp(plain.data(), kHash, sizeof kHash), 0);
        }
        ArenaPeakOf((bits + "copy and free").c_str(), [&] {
            RsaKey copy{};
            ASSERT_EQ(rsa_copy(copy, pair), CryptoStatus::ok);
            rsa_free(copy);
        });
        // A public key keeps R^2 mod n from its first verification on (mbedtls3's engine, issue
        // 16; its encryptions drop it; on psa PSA's own key is gone after each operation): one
        // verification first, so that the figure is of a key in use.
        const std::size_t cold = arena_stats().in_use;
        EXPECT_EQ(cold, imported) << "signing, encryption, decryption or a copy changed the keys' arena bytes";
        ASSERT_EQ(rsa_verify_pkcs1(public_key, signature.data(), kSha1Prefix, sizeof kSha1Prefix, kHash,
                                   sizeof kHash, false),
                  CryptoStatus::ok);
        const std::size_t keys = arena_stats().in_use;
        std::cout << "[figures] arena bytes a public key keeps after its first verification, " << kBackend << ", "
                  << bits << "key: " << keys - cold << " bytes\n";
        ArenaPeakOf((bits + "PKCS#1 verify, public key").c_str(), [&] {
            ASSERT_EQ(rsa_verify_pkcs1(public_key, signature.data(), kSha1Prefix, sizeof kSha1Prefix, kHash,
                                       sizeof kHash, false),
                      CryptoStatus::ok);
        });
        std::cout << "[figures] arena bytes held, " << kBackend << ", " << bits << "pair and used public key: " << keys
                  << " bytes\n";
        rsa_free(pair);
        rsa_free(public_key);
        EXPECT_TRUE(is_empty(pair));
    }
}

// Each arena allocation of an RSA-1024 signing and import failed in turn: the same status on
// both backends (no_memory), nothing written, nothing kept, the key as it was.
TEST(CryptoBackendArena, AFullArenaFailsAnRsaSigningOrImportBeforeItWritesAnything) {
    const test_vectors::KeyVector& vector = test_vectors::kKey1024B;
    const std::size_t before = arena_stats().in_use;
    bool imported = false;
    RsaKey pair{};
    for (unsigned n = 1; n < 1000 && !imported; ++n) {
        arena_fail_after(n);
        const CryptoStatus status = import_pair(pair, vector);
        arena_fail_after(0);
        if (status == CryptoStatus::ok) {
            imported = true;
            break;
        }
        ASSERT_EQ(status, CryptoStatus::no_memory) << "allocation " << n;
        ASSERT_TRUE(is_empty(pair)) << "allocation " << n;
        ASSERT_EQ(arena_stats().in_use, before) << "allocation " << n;
    }
    ASSERT_TRUE(imported);
    const std::size_t with_key = arena_stats().in_use;
    Bytes key_bytes(reinterpret_cast<const std::uint8_t*>(&pair), reinterpret_cast<const std::uint8_t*>(&pair + 1));
    Bytes signature(128, 0xee);
    bool signed_once = false;
    for (unsigned n = 1; n < 1000 && !signed_once; ++n) {
        arena_fail_after(n);
        const CryptoStatus status =
            rsa_sign_pkcs1(pair, kSha1Prefix, sizeof kSha1Prefix, kHash, sizeof kHash, signature.data());
        arena_fail_after(0);
        if (status == CryptoStatus::ok) {
            signed_once = true;
            break;
        }
        ASSERT_EQ(status, CryptoStatus::no_memory) << "allocation " << n;
        ASSERT_EQ(signature, Bytes(128, 0xee)) << "allocation " << n << ": a failed signing wrote output";
        ASSERT_EQ(arena_stats().in_use, with_key) << "allocation " << n;
        ASSERT_TRUE(std::equal(key_bytes.begin(), key_bytes.end(), reinterpret_cast<const std::uint8_t*>(&pair)))
            << "allocation " << n << ": a failed signing changed the key";
    }
    ASSERT_TRUE(signed_once);
    EXPECT_EQ(rsa_verify_pkcs1(pair, signature.data(), kSha1Prefix, sizeof kSha1Prefix, kHash, sizeof kHash, false),
              CryptoStatus::ok);
    rsa_free(pair);
    EXPECT_EQ(arena_stats().in_use, before);
}

#endif  // TINYCAPI_ENABLE_RSA

}  // namespace
}  // namespace tinycapi::crypto
