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
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "test_bytes.hpp"
#include "tinycapi_test.hpp"
#include "wine_rsaenh_keys.hpp"

namespace tinycapi::testing {
namespace {

using namespace wine_rsaenh;

constexpr size_t kStackBytes = 1024 * 1024;  // ASan's frames are large
constexpr uint8_t kPaint = 0xA5;

struct Secret {
    std::string name;
    Bytes bytes;
};

// Where a window of which secret sits in the dead stack.
struct Residue {
    std::string secret;
    size_t offset;
};

// The stack is read after its thread is gone; no sanitizer should judge that read.
__attribute__((no_sanitize("address", "thread", "undefined"))) uint64_t LoadWindow(const volatile uint8_t *at) {
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value |= static_cast<uint64_t>(at[i]) << (8 * i);
    return value;
}

std::vector<Residue> Scan(const volatile uint8_t *stack, size_t size, const std::vector<Secret> &secrets) {
    std::unordered_map<uint64_t, std::string> windows;
    for (const Secret &secret : secrets) {
        for (const Bytes &form : {secret.bytes, Reversed(secret.bytes)}) {
            for (size_t i = 0; i + 8 <= form.size(); ++i) {
                uint64_t value = 0;
                for (int b = 0; b < 8; ++b) value |= static_cast<uint64_t>(form[i + b]) << (8 * b);
                windows.emplace(value, secret.name);
            }
        }
    }
    std::vector<Residue> found;
    for (size_t offset = 0; offset + 8 <= size; ++offset) {
        auto hit = windows.find(LoadWindow(stack + offset));
        if (hit != windows.end()) {
            found.push_back({hit->second, offset});
            offset += 7;  // one report per window
        }
    }
    return found;
}

// Runs `work` on a fresh thread whose stack is `stack`, painted first.
class PaintedStack {
public:
    PaintedStack() {
        void *memory = mmap(nullptr, kStackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        stack_ = memory == MAP_FAILED ? nullptr : static_cast<uint8_t *>(memory);
    }
    ~PaintedStack() {
        if (stack_) munmap(stack_, kStackBytes);
    }

    bool Run(const std::function<void()> &work) {
        if (!stack_) return false;
        memset(stack_, kPaint, kStackBytes);
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setstack(&attributes, stack_, kStackBytes);
        pthread_t thread;
        const std::function<void()> *job = &work;
        const int created = pthread_create(
            &thread, &attributes,
            [](void *argument) -> void * {
                (*static_cast<const std::function<void()> *>(argument))();
                return nullptr;
            },
            const_cast<std::function<void()> *>(job));
        pthread_attr_destroy(&attributes);
        if (created != 0) return false;
        pthread_join(thread, nullptr);
        return true;
    }

    std::vector<Residue> Scan(const std::vector<Secret> &secrets) const { return testing::Scan(stack_, kStackBytes, secrets); }

    // Where the stack is, for a watchpoint on a reported residue.
    const uint8_t *Base() const { return stack_; }

    // How deep the calls went: the painted bytes they overwrote (the stack grows down).
    size_t DepthUsed() const {
        size_t untouched = 0;
        while (untouched < kStackBytes && stack_[untouched] == kPaint) ++untouched;
        return kStackBytes - untouched;
    }

private:
    uint8_t *stack_ = nullptr;
};

// The private numbers of a PRIVATEKEYBLOB of `bits` (reference §6.2), little-endian as stored.
std::vector<Secret> PrivateParts(const BYTE *blob, size_t bits) {
    const size_t k = bits / 8, half = (bits + 8) / 16;
    const BYTE *at = blob + 20 + k;
    std::vector<Secret> parts;
    for (const char *name : {"p", "q", "dP", "dQ", "qInv"}) {
        parts.push_back({name, Bytes(at, at + half)});
        at += half;
    }
    parts.push_back({"d", Bytes(at, at + k)});
    return parts;
}

class StackResidueTest : public CapiTest {
protected:
    void SetUp() override {
        CapiTest::SetUp();
        prov_ = AcquireVerify(PROV_RSA_AES);
    }
    void TearDown() override {
        EXPECT_TRUE(CryptReleaseContext(prov_, 0));
        // A figure, not a check: the stack these calls need in this build.
        RecordProperty("deepest_stack_bytes", static_cast<int>(deepest_));
        printf("deepest stack of the calls of this test: %zu bytes\n", deepest_);
        CapiTest::TearDown();
    }

    // Runs `call` on the painted stack and expects no window of the secrets left behind; the
    // secrets may be known only after the call (a generated key).
    void ExpectNoResidue(const char *call, const std::function<void()> &work,
                         const std::function<std::vector<Secret>()> &secrets_after) {
        ASSERT_TRUE(stack_.Run(work)) << "could not start a thread on the painted stack";
        const std::vector<Residue> residue = stack_.Scan(secrets_after());
        std::string report;
        for (const Residue &r : residue) {
            char address[32];
            snprintf(address, sizeof address, "%p", static_cast<const void *>(stack_.Base() + r.offset));
            report += r.secret + " at " + std::to_string(kStackBytes - r.offset) + " bytes below the top (" + address +
                      "); ";
        }
        EXPECT_TRUE(residue.empty()) << call << " left secrets in dead stack: " << report;
        deepest_ = std::max(deepest_, stack_.DepthUsed());
    }
    void ExpectNoResidue(const char *call, const std::function<void()> &work, const std::vector<Secret> &secrets) {
        ExpectNoResidue(call, work, [&] { return secrets; });
    }

    static Bytes ExportOf(HCRYPTKEY key, DWORD type) {
        static BYTE blob[4096];  // not on any stack
        DWORD length = sizeof blob;
        EXPECT_TRUE(CryptExportKey(key, 0, type, 0, blob, &length)) << std::hex << GetLastError();
        return Bytes(blob, blob + length);
    }

    HCRYPTPROV prov_ = 0;
    PaintedStack stack_;
    size_t deepest_ = 0;
};

// Blobs handed to the calls live in static memory, never on the scanned stack.
const BYTE kAes256Blob[12 + 32] = {PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0, 0x10, 0x66, 0, 0, 32, 0, 0, 0,
                                   0x3c, 0x91, 0x5e, 0x07, 0xd2, 0x48, 0xa9, 0x6b, 0x1f, 0xe3, 0x74, 0xc8,
                                   0x25, 0x8e, 0x9a, 0x41, 0xb6, 0x0d, 0x53, 0xfa, 0x67, 0x2c, 0x98, 0x1e,
                                   0xe5, 0x70, 0xab, 0x34, 0xcf, 0x86, 0x12, 0x5d};

Secret Aes256Key() { return {"AES-256 key", Bytes(kAes256Blob + 12, kAes256Blob + 44)}; }

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
    static BYTE signature[128];
    ExpectNoResidue("CryptSignHash(RSA-1024)", [&] {
        DWORD length = sizeof signature;
        EXPECT_TRUE(CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, signature, &length)) << GetLastError();
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
    static BYTE message[128];
    DWORD length = 20;
    memset(message, 0x42, length);
    ASSERT_TRUE(CryptEncrypt(pair, 0, TRUE, 0, message, &length, sizeof message));
    ExpectNoResidue("CryptDecrypt(RSA)", [&] { EXPECT_TRUE(CryptDecrypt(loaded, 0, TRUE, 0, message, &length)); }, parts);
    // A SIMPLEBLOB: the exchange pair unwraps a session key, whose bytes are secret too.
    HCRYPTKEY session = 0, unwrapped = 0;
    ASSERT_TRUE(CryptImportKey(prov_, kAes256Blob, sizeof kAes256Blob, 0, CRYPT_EXPORTABLE, &session));
    static BYTE simple[256];
    DWORD simple_length = sizeof simple;
    std::vector<Secret> session_and_parts = parts;
    session_and_parts.push_back(Aes256Key());
    ExpectNoResidue("CryptExportKey(SIMPLEBLOB)", [&] {
        EXPECT_TRUE(CryptExportKey(session, pair, SIMPLEBLOB, 0, simple, &simple_length)) << GetLastError();
    }, session_and_parts);
    ExpectNoResidue("CryptImportKey(SIMPLEBLOB)", [&] {
        EXPECT_TRUE(CryptImportKey(prov_, simple, simple_length, pair, 0, &unwrapped)) << GetLastError();
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
    static BYTE data[64];
    DWORD length = 40;
    ExpectNoResidue("CryptEncrypt(AES-256-CBC)", [&] {
        EXPECT_TRUE(CryptEncrypt(key, 0, TRUE, 0, data, &length, sizeof data)) << GetLastError();
    }, {Aes256Key()});
    ExpectNoResidue("CryptDecrypt(AES-256-CBC)", [&] { EXPECT_TRUE(CryptDecrypt(key, 0, TRUE, 0, data, &length)); },
                    {Aes256Key()});
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
    ExpectNoResidue("CryptHashData(CALG_MAC)", [&] { EXPECT_TRUE(CryptHashData(hash, data, 40, 0)); }, {des3_key});
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
    static BYTE random[64];
    ExpectNoResidue("CryptGenRandom", [&] { EXPECT_TRUE(CryptGenRandom(prov_, sizeof random, random)); },
                    [&] { return std::vector<Secret>{{"CryptGenRandom output", Bytes(random, random + sizeof random)}}; });
}

}  // namespace
}  // namespace tinycapi::testing
