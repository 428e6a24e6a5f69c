// Several threads acquire, add references, release, and draw random bytes on shared and
// private contexts for a bounded number of operations; run under TSan in the host-tsan
// preset. Invariants: every call ends TRUE or with the one code its situation allows, no
// handle is ever reissued while a thread may still hold it, and every slot is free at the end.
#include <atomic>
#include <random>
#include <thread>
#include <vector>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

using ContextStressTest = CapiTest;

constexpr int kThreads = 4;
constexpr int kOperationsPerThread = 3000;

TEST_F(ContextStressTest, RandomLifecycleOperationsFromManyThreadsKeepEveryInvariant) {
    std::atomic<int> unexpected{0};
    std::atomic<int> busy_seen{0};
    std::atomic<int> exhausted_seen{0};
    // One shared context every thread uses and references; the last thread out releases it.
    HCRYPTPROV shared = AcquireVerify(PROV_RSA_AES);

    auto worker = [&](unsigned seed) {
        std::mt19937 rng(seed);
        std::vector<HCRYPTPROV> own;  // contexts this thread holds a reference to
        for (int i = 0; i < kOperationsPerThread; ++i) {
            switch (rng() % 5) {
                case 0: {  // acquire a private context
                    HCRYPTPROV p;
                    if (CryptAcquireContextA(&p, nullptr, nullptr, rng() % 2 ? PROV_RSA_AES : PROV_RSA_FULL,
                                             CRYPT_VERIFYCONTEXT)) {
                        own.push_back(p);
                    } else if (GetLastError() == static_cast<DWORD>(NTE_NO_MEMORY)) {
                        ++exhausted_seen;
                    } else {
                        ++unexpected;
                    }
                    break;
                }
                case 1:  // add a reference to one we hold
                    if (!own.empty()) {
                        HCRYPTPROV p = own[rng() % own.size()];
                        if (CryptContextAddRef(p, nullptr, 0)) own.push_back(p);
                        else ++unexpected;
                    }
                    break;
                case 2:  // drop one of our references
                    if (!own.empty()) {
                        const size_t k = rng() % own.size();
                        if (CryptReleaseContext(own[k], 0)) {
                            own.erase(own.begin() + static_cast<long>(k));
                        } else if (GetLastError() == static_cast<DWORD>(ERROR_BUSY)) {
                            ++busy_seen;  // only another thread's call on our context can cause this
                        } else {
                            ++unexpected;
                        }
                    }
                    break;
                case 3: {  // random bytes from the shared or a private context
                    BYTE bytes[48];
                    HCRYPTPROV p = own.empty() || rng() % 2 ? shared : own[rng() % own.size()];
                    if (!CryptGenRandom(p, 1 + rng() % sizeof bytes, bytes)) ++unexpected;
                    break;
                }
                case 4: {  // read a parameter of the shared context
                    DWORD type, length = sizeof type;
                    if (!CryptGetProvParam(shared, PP_PROVTYPE, reinterpret_cast<BYTE *>(&type), &length, 0) ||
                        type != PROV_RSA_AES) {
                        ++unexpected;
                    }
                    break;
                }
            }
        }
        for (HCRYPTPROV p : own) {
            // Private contexts are used by this thread only, so no release can be busy here.
            if (!CryptReleaseContext(p, 0)) ++unexpected;
        }
    };

    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) threads.emplace_back(worker, 1000u + static_cast<unsigned>(t));
    for (std::thread &t : threads) t.join();

    EXPECT_EQ(unexpected.load(), 0);
    EXPECT_EQ(busy_seen.load(), 0) << "private contexts are never in use elsewhere";
    EXPECT_TRUE(CryptReleaseContext(shared, 0));
    tinycapi_pool_stats stats;
    ASSERT_EQ(tinycapi_get_pool_stats(TINYCAPI_POOL_PROVIDERS, &stats), 0);
    EXPECT_EQ(stats.in_use, 0u);
    EXPECT_LE(stats.high_water, stats.capacity);
    RecordProperty("exhausted", exhausted_seen.load());
    RecordProperty("high_water", static_cast<int>(stats.high_water));
}

TEST_F(ContextStressTest, ConcurrentLastReleasesOfOneContextSucceedExactlyOnce) {
    for (int round = 0; round < 200; ++round) {
        HCRYPTPROV prov = AcquireVerify();
        for (int i = 1; i < kThreads; ++i) ASSERT_TRUE(CryptContextAddRef(prov, nullptr, 0));
        std::atomic<int> succeeded{0}, failed{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&] {
                if (CryptReleaseContext(prov, 0)) ++succeeded;
                else ++failed;
            });
        }
        for (std::thread &t : threads) t.join();
        ASSERT_EQ(succeeded.load(), kThreads) << "each thread held one reference";
        ASSERT_EQ(failed.load(), 0);
        EXPECT_FAILS_WITH(CryptReleaseContext(prov, 0), ERROR_INVALID_PARAMETER);
    }
}

}  // namespace
}  // namespace tinycapi::testing
