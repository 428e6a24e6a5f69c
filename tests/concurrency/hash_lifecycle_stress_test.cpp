// Two threads creating, using and destroying hashes in the same pools at once (issue 16: two
// threads on independent hashes), each on its own context and both on one shared context.
// The pools hand each context's freed slots back to it first (core/handles/handle_pool.hpp,
// TINYCAPI_HANDLE_LOCK_STRIPES) and a context whose list is empty takes another's, so slots move
// between the threads' lists all the time here. Invariants: every call succeeds (independent
// hashes are never busy), every digest is the digest of exactly that thread's input, a
// destroyed hash's handle is dead even after its slot was reused by either thread, and every
// slot is free at the end (CapiTest's teardown). Run under TSan in the host-tsan preset.
#include <string.h>

#include <atomic>
#include <thread>
#include <vector>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

using HashLifecycleStressTest = CapiTest;

#if TINYCAPI_ENABLE_SHA256
constexpr ALG_ID kAlgorithm = CALG_SHA_256;
#elif TINYCAPI_ENABLE_SHA1
constexpr ALG_ID kAlgorithm = CALG_SHA1;
#else
constexpr ALG_ID kAlgorithm = CALG_MD5;
#endif

constexpr int kIterations = 1500;

struct Digest {
    BYTE bytes[64];
    DWORD length;
    bool operator==(const Digest &other) const {
        return length == other.length && memcmp(bytes, other.bytes, length) == 0;
    }
};

// One create / hash / get value / destroy; false (and the digest untouched) if any call fails.
bool Lifecycle(HCRYPTPROV prov, const std::vector<BYTE> &input, Digest *out, HCRYPTHASH *handle_used) {
    HCRYPTHASH hash = 0;
    if (!CryptCreateHash(prov, kAlgorithm, 0, 0, &hash)) return false;
    *handle_used = hash;
    out->length = sizeof out->bytes;
    const bool ok = CryptHashData(hash, input.data(), static_cast<DWORD>(input.size()), 0) &&
                    CryptGetHashParam(hash, HP_HASHVAL, out->bytes, &out->length, 0);
    return CryptDestroyHash(hash) && ok;
}

// Each thread hashes its own input and checks every digest against the one computed before
// the threads start. Every few rounds it also keeps a second hash alive across a round, so the
// two threads' slots interleave in the pools and the free lists run empty and steal.
void RunTwoThreads(HCRYPTPROV prov_a, HCRYPTPROV prov_b) {
    std::vector<BYTE> inputs[2] = {std::vector<BYTE>(64), std::vector<BYTE>(200)};
    for (size_t i = 0; i < inputs[0].size(); ++i) inputs[0][i] = static_cast<BYTE>(i * 3 + 1);
    for (size_t i = 0; i < inputs[1].size(); ++i) inputs[1][i] = static_cast<BYTE>(i * 7 + 5);
    const HCRYPTPROV provs[2] = {prov_a, prov_b};
    Digest expected[2];
    HCRYPTHASH unused;
    ASSERT_TRUE(Lifecycle(prov_a, inputs[0], &expected[0], &unused));
    ASSERT_TRUE(Lifecycle(prov_b, inputs[1], &expected[1], &unused));
    ASSERT_FALSE(expected[0] == expected[1]);

    std::atomic<int> failed_calls{0}, wrong_digests{0}, stale_accepted{0};
    auto worker = [&](int t) {
        HCRYPTHASH held = 0;  // a second hash kept across a round
        for (int i = 0; i < kIterations; ++i) {
            if (i % 5 == 0 && held == 0) {
                if (!CryptCreateHash(provs[t], kAlgorithm, 0, 0, &held)) ++failed_calls;
            }
            Digest digest;
            HCRYPTHASH used = 0;
            if (!Lifecycle(provs[t], inputs[t], &digest, &used)) {
                ++failed_calls;
            } else if (!(digest == expected[t])) {
                ++wrong_digests;
            }
            // The handle just destroyed stays dead, whoever reuses its slot meanwhile.
            if (used != 0 && CryptHashData(used, inputs[t].data(), 1, 0)) ++stale_accepted;
            if (i % 5 == 2 && held != 0) {
                if (!CryptDestroyHash(held)) ++failed_calls;
                held = 0;
            }
        }
        if (held != 0 && !CryptDestroyHash(held)) ++failed_calls;
    };
    std::thread a(worker, 0), b(worker, 1);
    a.join();
    b.join();
    EXPECT_EQ(failed_calls.load(), 0);
    EXPECT_EQ(wrong_digests.load(), 0);
    EXPECT_EQ(stale_accepted.load(), 0);
    tinycapi_pool_stats stats{};
    ASSERT_EQ(tinycapi_get_pool_stats(TINYCAPI_POOL_HASHES, &stats), 0);
    EXPECT_EQ(stats.in_use, 0u);
}

TEST_F(HashLifecycleStressTest, TwoThreadsOnTheirOwnContextsNeverDisturbEachOther) {
    HCRYPTPROV a = AcquireVerify(PROV_RSA_AES), b = AcquireVerify(PROV_RSA_AES);
    RunTwoThreads(a, b);
    EXPECT_TRUE(CryptReleaseContext(a, 0));
    EXPECT_TRUE(CryptReleaseContext(b, 0));
}

TEST_F(HashLifecycleStressTest, TwoThreadsOnOneContextNeverDisturbEachOther) {
    HCRYPTPROV shared = AcquireVerify(PROV_RSA_AES);
    RunTwoThreads(shared, shared);
    EXPECT_TRUE(CryptReleaseContext(shared, 0));
}

}  // namespace
}  // namespace tinycapi::testing
