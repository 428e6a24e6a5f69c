// Threads set, delete and read the per-type defaults while others acquire contexts with no
// provider name; run under TSan in the host-tsan preset. Invariant: every call succeeds or
// gives the one code its situation allows, and a NULL-name context is always one of the
// providers some thread made (or Windows installed as) the default of its type.
#include <string.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

using DefaultProviderStressTest = CapiTest;

constexpr int kOperationsPerThread = 2000;

bool IsRsaFullDefaultCandidate(const std::string &name) {
    return name == MS_DEF_PROV_A || name == MS_ENHANCED_PROV_A || name == MS_STRONG_PROV_A;
}

TEST_F(DefaultProviderStressTest, SettersReadersAndAcquirersAgree) {
    std::atomic<int> unexpected{0};
    std::atomic<int> acquired{0};
    const char *const candidates[] = {MS_DEF_PROV_A, MS_ENHANCED_PROV_A, MS_STRONG_PROV_A};

    auto setter = [&](DWORD scope) {
        for (int i = 0; i < kOperationsPerThread; ++i) {
            const DWORD flags = scope | (i % 7 == 0 ? CRYPT_DELETE_DEFAULT : 0);
            if (!CryptSetProviderExA(candidates[i % 3], PROV_RSA_FULL, nullptr, flags)) ++unexpected;
        }
    };
    auto reader = [&]() {
        for (int i = 0; i < kOperationsPerThread; ++i) {
            char name[80];
            DWORD length = sizeof name;
            const DWORD scope = i % 2 ? CRYPT_USER_DEFAULT : CRYPT_MACHINE_DEFAULT;
            if (CryptGetDefaultProviderA(PROV_RSA_FULL, nullptr, scope, name, &length)) {
                if (!IsRsaFullDefaultCandidate(name) || length != strlen(name) + 1) ++unexpected;
            } else if (GetLastError() != static_cast<DWORD>(NTE_PROV_TYPE_NOT_DEF)) {
                ++unexpected;
            }
        }
    };
    auto acquirer = [&]() {
        for (int i = 0; i < kOperationsPerThread / 4; ++i) {
            HCRYPTPROV prov = 0;
            if (CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT)) {
                char name[80];
                DWORD length = sizeof name;
                if (!CryptGetProvParam(prov, PP_NAME, reinterpret_cast<BYTE *>(name), &length, 0) ||
                    !IsRsaFullDefaultCandidate(name)) {
                    ++unexpected;
                }
                if (!CryptReleaseContext(prov, 0)) ++unexpected;
                ++acquired;
            } else if (GetLastError() != static_cast<DWORD>(NTE_PROV_TYPE_NOT_DEF) &&
                       GetLastError() != static_cast<DWORD>(NTE_NO_MEMORY)) {
                ++unexpected;
            }
        }
    };

    std::vector<std::thread> threads;
    threads.emplace_back(setter, DWORD{CRYPT_USER_DEFAULT});
    threads.emplace_back(setter, DWORD{CRYPT_MACHINE_DEFAULT});
    threads.emplace_back(reader);
    threads.emplace_back(acquirer);
    for (std::thread &t : threads) t.join();

    EXPECT_EQ(unexpected.load(), 0);
    EXPECT_GT(acquired.load(), 0);
    // Leave the defaults as a fresh device has them.
    EXPECT_TRUE(CryptSetProviderExA(MS_DEF_PROV_A, PROV_RSA_FULL, nullptr, CRYPT_USER_DEFAULT | CRYPT_DELETE_DEFAULT));
    EXPECT_TRUE(CryptSetProviderExA(MS_STRONG_PROV_A, PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT));
}

}  // namespace
}  // namespace tinycapi::testing
