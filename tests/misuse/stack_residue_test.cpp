// No secret outlives the call that used it in dead stack (issue 17, defect 4, and its sweep).
//
// Each call that touches a secret runs on a thread whose stack is a buffer this test owns and
// paints first. After the thread has ended, the whole buffer — every frame the call and
// everything below it used, now dead — is scanned for any 8-byte window of the secrets the call
// handled, in either byte order (CryptoAPI blobs are little-endian, big numbers cross into
// Mbed TLS big-endian, and Mbed TLS's limbs are little-endian in memory). Key slots, the arena
// and the container store are wiped by design; this proves the stack is too.
//
// A hit names the call, the secret and where in the stack it was found.
#include <stdio.h>
#include <string.h>

#include <algorithm>
#include <string>
#include <vector>

#include "test_bytes.hpp"
#include "tinycapi_test.hpp"
#include "secret_scan.hpp"
#include "wine_rsaenh_keys.hpp"

namespace tinycapi::testing {
namespace {

using namespace wine_rsaenh;

class StackResidueTest : public ContextTest {
protected:
    void TearDown() override {
        // A figure, not a check: the stack these calls need in this build.
        RecordProperty("deepest_stack_bytes", static_cast<int>(deepest_));
        printf("deepest stack of the calls of this test: %zu bytes\n", deepest_);
        ContextTest::TearDown();
    }

    // Runs `call` on the painted stack and expects no window of the secrets left behind; the
    // secrets may be known only after the call (a generated key).
    // Whether the call scrubs the stack it used: every entry point that handles key material
    // does (stack_scrub.hpp), except the hot paths, which work from the slot's schedule and
    // would pay a scrub per buffer (CryptHashData, symmetric CryptEncrypt and CryptDecrypt),
    // and CryptGenRandom.
    enum class Scrubs { yes, not_by_design };

    void ExpectNoResidue(const char *call, const std::function<void()> &work,
                         const std::function<std::vector<Secret>()> &secrets_after, Scrubs scrubs = Scrubs::yes) {
        ASSERT_TRUE(stack_.Run(work)) << "could not start a thread on the painted stack";
        const std::vector<Residue> residue = stack_.Scan(secrets_after());
        std::string report;
        for (const Residue &r : residue) {
            char address[32];
            snprintf(address, sizeof address, "%p", static_cast<const void *>(stack_.Base() + r.offset));
            report += r.secret + " at " + std::to_string(PaintedStack::kBytes - r.offset) + " bytes below the top (" + address +
                      "); ";
        }
        EXPECT_TRUE(residue.empty()) << call << " left secrets in dead stack: " << report;
        // Stronger than the scan, which finds only the secrets it is given: no frame of the call
        // lies below its scrubs, so every byte it wrote there is zero again.
        if (scrubs == Scrubs::yes) {
            EXPECT_EQ(stack_.LowestUnscrubbedByte(kShortestScrub), 0u)
                << call << " wrote stack below its scrubs, " << stack_.DepthUsed() << " bytes deep";
        }
        deepest_ = std::max(deepest_, stack_.DepthUsed());
    }
    void ExpectNoResidue(const char *call, const std::function<void()> &work, const std::vector<Secret> &secrets,
                         Scrubs scrubs = Scrubs::yes) {
        ExpectNoResidue(call, work, [&] { return secrets; }, scrubs);
    }

    static Bytes ExportOf(HCRYPTKEY key, DWORD type) {
        Bytes blob(4096);  // on the heap: neither on the scanned stack nor in static memory
        DWORD length = static_cast<DWORD>(blob.size());
        EXPECT_TRUE(CryptExportKey(key, 0, type, 0, blob.data(), &length)) << std::hex << GetLastError();
        blob.resize(length);
        return blob;
    }

    // The shortest stack scrub any call runs (a key schedule's, crypto/mbedtls3).
    static constexpr size_t kShortestScrub = 512;

    PaintedStack stack_;
    size_t deepest_ = 0;
};

// Blobs handed to the calls live in read-only memory, never on the scanned stack; buffers the
// calls write are on the heap, so that no test leaves a secret in static memory
// (zeroization_test.cpp scans it).
const BYTE kAes256Blob[12 + 32] = {PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0, 0x10, 0x66, 0, 0, 32, 0, 0, 0,
                                   0x3c, 0x91, 0x5e, 0x07, 0xd2, 0x48, 0xa9, 0x6b, 0x1f, 0xe3, 0x74, 0xc8,
                                   0x25, 0x8e, 0x9a, 0x41, 0xb6, 0x0d, 0x53, 0xfa, 0x67, 0x2c, 0x98, 0x1e,
                                   0xe5, 0x70, 0xab, 0x34, 0xcf, 0x86, 0x12, 0x5d};

Secret Aes256Key() { return {"AES-256 key", Bytes(kAes256Blob + 12, kAes256Blob + 44)}; }

// A copy of a secret in a dead frame, `depth` calls below the work: what the scan must find.
// Its address escapes (an empty asm that may read it), so the copy stays whole in the frame:
// an optimiser may otherwise split a local array into scattered byte slots.
__attribute__((noinline)) void LeaveCopy(const uint8_t *secret, int depth) {
    if (depth > 0) {
        LeaveCopy(secret, depth - 1);
        __asm__ volatile("" ::: "memory");  // not a tail call: each level keeps its frame
        return;
    }
    uint8_t copy[16];
    memcpy(copy, secret, sizeof copy);
    __asm__ volatile("" : : "r"(copy) : "memory");
}

// The detector itself: a planted copy is found in the frame right below the work (the thread's
// exit used to overwrite that one before the scan, and the repaint margin hid it) and deep down.
TEST_F(StackResidueTest, TheScanFindsAPlantedCopyNearTheTopAndDeepDown) {
    const Secret planted = Aes256Key();
    for (int depth : {0, 40}) {
        ASSERT_TRUE(stack_.Run([&] { LeaveCopy(planted.bytes.data(), depth); }));
        EXPECT_FALSE(stack_.Scan({planted}).empty()) << "depth " << depth;
    }
    ASSERT_TRUE(stack_.Run([&] { LeaveCopy(kAes256Blob + 12 + 16, 0); }));  // another secret's bytes
    EXPECT_TRUE(stack_.Scan({{"unrelated", Hex("0011223344556677 8899aabbccddeeff")}}).empty());
}

// The defect as found: the AES-256 key of a PLAINTEXTKEYBLOB import (issue 17, defect 4).
TEST_F(StackResidueTest, PlaintextKeyImportLeavesNoKeyBytes) {
    HCRYPTKEY key = 0;
    ExpectNoResidue("CryptImportKey(PLAINTEXTKEYBLOB AES-256)", [&] {
        EXPECT_TRUE(CryptImportKey(prov_, kAes256Blob, sizeof kAes256Blob, 0, CRYPT_EXPORTABLE, &key));
    }, {Aes256Key()});
    ASSERT_NE(key, 0u);
    EXPECT_EQ(ExportOf(key, PLAINTEXTKEYBLOB), Bytes(kAes256Blob, kAes256Blob + sizeof kAes256Blob));
    EXPECT_TRUE(CryptDestroyKey(key));
}

// The defect as found: d, dQ and qInv after a PRIVATEKEYBLOB import and a signature.
TEST_F(StackResidueTest, PrivateKeyImportAndSignatureLeaveNoPrivateNumbers) {
    const std::vector<Secret> parts = PrivateParts(kPlainPrivateKey, 1024);
    HCRYPTKEY pair = 0;
    ExpectNoResidue("CryptImportKey(PRIVATEKEYBLOB 1024)", [&] {
        EXPECT_TRUE(CryptImportKey(prov_, kPlainPrivateKey, sizeof kPlainPrivateKey, 0, CRYPT_EXPORTABLE, &pair));
    }, parts);
    HCRYPTHASH hash;
    ASSERT_TRUE(CryptCreateHash(prov_, CALG_SHA1, 0, 0, &hash));
    ASSERT_TRUE(CryptHashData(hash, reinterpret_cast<const BYTE *>("stack"), 5, 0));
    Bytes signature(128);
    ExpectNoResidue("CryptSignHash(RSA-1024)", [&] {
        DWORD length = static_cast<DWORD>(signature.size());
        EXPECT_TRUE(CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, signature.data(), &length)) << GetLastError();
    }, parts);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(pair));
}

TEST_F(StackResidueTest, EveryCallThatTouchesAPrivateKeyLeavesNothing) {
    const std::vector<Secret> parts = PrivateParts(kPlainPrivateKey, 1024);
    HCRYPTKEY pair = 0;
    ASSERT_TRUE(CryptImportKey(prov_, kPlainPrivateKey, sizeof kPlainPrivateKey, 0, CRYPT_EXPORTABLE, &pair));
    ExpectNoResidue("CryptExportKey(PRIVATEKEYBLOB)", [&] { ExportOf(pair, PRIVATEKEYBLOB); }, parts);
    HCRYPTKEY copy = 0, loaded = 0;
    ExpectNoResidue("CryptDuplicateKey(RSA)", [&] { EXPECT_TRUE(CryptDuplicateKey(pair, nullptr, 0, &copy)); }, parts);
    ExpectNoResidue("CryptGetUserKey", [&] { EXPECT_TRUE(CryptGetUserKey(prov_, AT_KEYEXCHANGE, &loaded)); }, parts);
    Bytes message(128, 0x42);
    DWORD length = 20;
    ASSERT_TRUE(CryptEncrypt(pair, 0, TRUE, 0, message.data(), &length, static_cast<DWORD>(message.size())));
    ExpectNoResidue("CryptDecrypt(RSA)", [&] { EXPECT_TRUE(CryptDecrypt(loaded, 0, TRUE, 0, message.data(), &length)); },
                    parts);
    // A SIMPLEBLOB: the exchange pair unwraps a session key, whose bytes are secret too.
    HCRYPTKEY session = 0, unwrapped = 0;
    ASSERT_TRUE(CryptImportKey(prov_, kAes256Blob, sizeof kAes256Blob, 0, CRYPT_EXPORTABLE, &session));
    Bytes simple(256);
    DWORD simple_length = static_cast<DWORD>(simple.size());
    std::vector<Secret> session_and_parts = parts;
    session_and_parts.push_back(Aes256Key());
    ExpectNoResidue("CryptExportKey(SIMPLEBLOB)", [&] {
        EXPECT_TRUE(CryptExportKey(session, pair, SIMPLEBLOB, 0, simple.data(), &simple_length)) << GetLastError();
    }, session_and_parts);
    ExpectNoResidue("CryptImportKey(SIMPLEBLOB)", [&] {
        EXPECT_TRUE(CryptImportKey(prov_, simple.data(), simple_length, pair, 0, &unwrapped)) << GetLastError();
    }, session_and_parts);
    for (HCRYPTKEY key : {pair, copy, loaded, session, unwrapped}) EXPECT_TRUE(CryptDestroyKey(key));
}

TEST_F(StackResidueTest, KeyGenerationLeavesNothingOfTheNewKey) {
    // The new key is known only afterwards: the scan runs once it has been exported, from this
    // thread, which leaves the painted stack as the generating call left it.
    HCRYPTKEY aes = 0, pair = 0;
    ExpectNoResidue("CryptGenKey(AES-256)", [&] { EXPECT_TRUE(CryptGenKey(prov_, CALG_AES_256, CRYPT_EXPORTABLE, &aes)); },
                    [&] {
                        const Bytes blob = ExportOf(aes, PLAINTEXTKEYBLOB);
                        return std::vector<Secret>{{"generated AES key", Bytes(blob.begin() + 12, blob.end())}};
                    });
    ExpectNoResidue("CryptGenKey(RSA-512)", [&] {
        EXPECT_TRUE(CryptGenKey(prov_, AT_SIGNATURE, (512 << 16) | CRYPT_EXPORTABLE, &pair));
    }, [&] { return PrivateParts(ExportOf(pair, PRIVATEKEYBLOB).data(), 512); });
    EXPECT_TRUE(CryptDestroyKey(aes));
    EXPECT_TRUE(CryptDestroyKey(pair));
}

TEST_F(StackResidueTest, SessionKeyCallsLeaveNoKeyBytes) {
    HCRYPTKEY key = 0;
    ASSERT_TRUE(CryptImportKey(prov_, kAes256Blob, sizeof kAes256Blob, 0, CRYPT_EXPORTABLE, &key));
    Bytes data(64);
    DWORD length = 40;
    ExpectNoResidue("CryptEncrypt(AES-256-CBC)", [&] {
        EXPECT_TRUE(CryptEncrypt(key, 0, TRUE, 0, data.data(), &length, static_cast<DWORD>(data.size()))) << GetLastError();
    }, {Aes256Key()}, Scrubs::not_by_design);
    ExpectNoResidue("CryptDecrypt(AES-256-CBC)", [&] { EXPECT_TRUE(CryptDecrypt(key, 0, TRUE, 0, data.data(), &length)); },
                    {Aes256Key()}, Scrubs::not_by_design);
    HCRYPTKEY copy = 0;
    ExpectNoResidue("CryptDuplicateKey(AES-256)", [&] { EXPECT_TRUE(CryptDuplicateKey(key, nullptr, 0, &copy)); },
                    {Aes256Key()});
    ExpectNoResidue("CryptExportKey(PLAINTEXTKEYBLOB)", [&] { ExportOf(copy, PLAINTEXTKEYBLOB); }, {Aes256Key()});
    HCRYPTHASH hash = 0;
    ASSERT_TRUE(CryptCreateHash(prov_, CALG_SHA_256, 0, 0, &hash));
    ExpectNoResidue("CryptHashSessionKey", [&] { EXPECT_TRUE(CryptHashSessionKey(hash, key, 0)); }, {Aes256Key()});
    EXPECT_TRUE(CryptDestroyHash(hash));
    // HMAC: the key, and the key XORed into the pads, are secret.
    Bytes inner = Aes256Key().bytes, outer = inner;
    for (BYTE &b : inner) b ^= 0x36;
    for (BYTE &b : outer) b ^= 0x5C;
    ASSERT_TRUE(CryptCreateHash(prov_, CALG_HMAC, key, 0, &hash));
    static HMAC_INFO info = {CALG_SHA_256, nullptr, 0, nullptr, 0};
    ExpectNoResidue("CryptSetHashParam(HP_HMAC_INFO)", [&] {
        EXPECT_TRUE(CryptSetHashParam(hash, HP_HMAC_INFO, reinterpret_cast<const BYTE *>(&info), 0));
    }, {Aes256Key(), {"key XOR ipad", inner}, {"key XOR opad", outer}});
    EXPECT_TRUE(CryptDestroyHash(hash));
    // CALG_MAC copies the key and schedules it per call.
    HCRYPTKEY des3 = 0;
    ASSERT_TRUE(CryptGenKey(prov_, CALG_3DES, CRYPT_EXPORTABLE, &des3));
    const Bytes des3_blob = ExportOf(des3, PLAINTEXTKEYBLOB);
    const Secret des3_key{"3DES key", Bytes(des3_blob.begin() + 12, des3_blob.end())};
    ExpectNoResidue("CryptCreateHash(CALG_MAC)", [&] { EXPECT_TRUE(CryptCreateHash(prov_, CALG_MAC, des3, 0, &hash)); },
                    {des3_key});
    ExpectNoResidue("CryptHashData(CALG_MAC)", [&] { EXPECT_TRUE(CryptHashData(hash, data.data(), 40, 0)); }, {des3_key},
                    Scrubs::not_by_design);
    EXPECT_TRUE(CryptDestroyHash(hash));
    for (HCRYPTKEY k : {key, copy, des3}) EXPECT_TRUE(CryptDestroyKey(k));
}

TEST_F(StackResidueTest, DerivationAndRandomNumbersLeaveNoOutput) {
    HCRYPTHASH hash = 0;
    ASSERT_TRUE(CryptCreateHash(prov_, CALG_SHA_256, 0, 0, &hash));
    ASSERT_TRUE(CryptHashData(hash, reinterpret_cast<const BYTE *>("password"), 8, 0));
    HCRYPTKEY derived = 0;
    ExpectNoResidue("CryptDeriveKey(SHA-256 -> AES-256)",
                    [&] { EXPECT_TRUE(CryptDeriveKey(prov_, CALG_AES_256, hash, CRYPT_EXPORTABLE, &derived)); }, [&] {
                        const Bytes blob = ExportOf(derived, PLAINTEXTKEYBLOB);
                        return std::vector<Secret>{{"derived key", Bytes(blob.begin() + 12, blob.end())}};
                    });
    EXPECT_TRUE(CryptDestroyKey(derived));
    EXPECT_TRUE(CryptDestroyHash(hash));
    Bytes random(64);
    ExpectNoResidue("CryptGenRandom", [&] { EXPECT_TRUE(CryptGenRandom(prov_, 64, random.data())); },
                    [&] { return std::vector<Secret>{{"CryptGenRandom output", random}}; }, Scrubs::not_by_design);
}

}  // namespace
}  // namespace tinycapi::testing
