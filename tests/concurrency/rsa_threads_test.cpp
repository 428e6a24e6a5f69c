// Threads that sign, verify, encrypt and decrypt with RSA keys of their own while another
// encrypts with AES; run under TSan in the host-tsan and host-tsan-psa presets. On the psa
// backend each of these calls imports a volatile PSA key into the one key-slot table of the PSA
// core and runs it in the arena, under the arena lock, and the RSA calls read their key's
// numbers before they take it (core/crypto/psa/rsa_psa.cpp). Invariants: every call succeeds,
// each signature is the bytes one thread alone computes (PKCS#1 v1.5 signing is
// deterministic), each ciphertext decrypts to its message, and nothing is left in use.
#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

using Bytes = std::vector<BYTE>;
using RsaThreadsTest = CapiTest;

constexpr int kRsaThreads = 3;
constexpr int kRounds = 8;
const BYTE kData[] = "tinycapi signs this from several threads";

// The signature of kData's SHA-256 by the context's exchange pair; empty on failure.
Bytes Sign(HCRYPTPROV prov) {
    HCRYPTHASH hash = 0;
    Bytes signature(64);
    DWORD length = static_cast<DWORD>(signature.size());
    const bool ok = CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash) &&
                    CryptHashData(hash, kData, sizeof kData, 0) &&
                    CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, signature.data(), &length);
    if (hash != 0) CryptDestroyHash(hash);
    if (!ok) return {};
    signature.resize(length);
    return signature;
}

bool Verify(HCRYPTPROV prov, HCRYPTKEY key, const Bytes &signature) {
    HCRYPTHASH hash = 0;
    const bool ok = CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash) &&
                    CryptHashData(hash, kData, sizeof kData, 0) &&
                    CryptVerifySignatureA(hash, signature.data(), static_cast<DWORD>(signature.size()), key, nullptr, 0);
    if (hash != 0) CryptDestroyHash(hash);
    return ok;
}

TEST_F(RsaThreadsTest, RsaCallsOnKeysOfTheirOwnBesideAesGiveTheBytesOfOneThread) {
    // One exportable RSA-512 exchange pair, its PRIVATEKEYBLOB, and its signature on one thread.
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTKEY pair = 0;
    ASSERT_TRUE(CryptGenKey(prov, AT_KEYEXCHANGE, (512u << 16) | CRYPT_EXPORTABLE, &pair)) << GetLastError();
    DWORD length = 0;
    ASSERT_TRUE(CryptExportKey(pair, 0, PRIVATEKEYBLOB, 0, nullptr, &length));
    Bytes blob(length);
    ASSERT_TRUE(CryptExportKey(pair, 0, PRIVATEKEYBLOB, 0, blob.data(), &length));
    const Bytes reference = Sign(prov);
    ASSERT_EQ(reference.size(), 64u);
    ASSERT_TRUE(CryptDestroyKey(pair));
    ASSERT_TRUE(CryptReleaseContext(prov, 0));

    std::atomic<int> failures{0};
    std::atomic<int> rounds_done{0};
    std::atomic<bool> rsa_done{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < kRsaThreads; ++t) {
        threads.emplace_back([&, t] {
            HCRYPTPROV own = 0;
            HCRYPTKEY key = 0;
            if (!CryptAcquireContextA(&own, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) ||
                !CryptImportKey(own, blob.data(), static_cast<DWORD>(blob.size()), 0, 0, &key)) {
                ++failures;
                if (own != 0) CryptReleaseContext(own, 0);
                return;
            }
            for (int round = 0; round < kRounds; ++round) {
                const Bytes signature = Sign(own);
                if (signature != reference || !Verify(own, key, signature)) ++failures;
                Bytes buffer(64, 0);
                const BYTE message[16] = {static_cast<BYTE>(t), static_cast<BYTE>(round), 3, 4, 5, 6, 7, 8,
                                          9,                    10,                      11, 12, 13, 14, 15, 16};
                std::copy(message, message + sizeof message, buffer.begin());
                DWORD size = sizeof message;
                if (!CryptEncrypt(key, 0, TRUE, 0, buffer.data(), &size, static_cast<DWORD>(buffer.size())) ||
                    size != 64 || !CryptDecrypt(key, 0, TRUE, 0, buffer.data(), &size) || size != sizeof message ||
                    !std::equal(message, message + sizeof message, buffer.begin())) {
                    ++failures;
                } else {
                    ++rounds_done;
                }
            }
            CryptDestroyKey(key);
            CryptReleaseContext(own, 0);
        });
    }
    threads.emplace_back([&] {
        HCRYPTPROV own = 0;
        HCRYPTKEY aes = 0;
        if (!CryptAcquireContextA(&own, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) ||
            !CryptGenKey(own, CALG_AES_128, 0, &aes)) {
            ++failures;
            if (own != 0) CryptReleaseContext(own, 0);
            return;
        }
        BYTE buffer[64] = {};
        while (!rsa_done.load()) {
            DWORD size = 48;
            if (!CryptEncrypt(aes, 0, FALSE, 0, buffer, &size, sizeof buffer)) ++failures;
        }
        CryptDestroyKey(aes);
        CryptReleaseContext(own, 0);
    });
    for (int t = 0; t < kRsaThreads; ++t) threads[static_cast<size_t>(t)].join();
    rsa_done = true;
    threads.back().join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(rounds_done.load(), kRsaThreads * kRounds);
}

}  // namespace
}  // namespace tinycapi::testing
