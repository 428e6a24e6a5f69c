// Shared fixture of the host tests: every test starts from a reset mock port and ends by
// checking that no lock is held, no lock was nested, and no slot of any pool is in use.
#pragma once

#include <gtest/gtest.h>
#include <tinycapi/port_mock.h>
#include <tinycapi/tinycapi.h>
#include <tinycapi/wincrypt.h>

#include "tinycapi_config.h"

namespace tinycapi::testing {

constexpr uint64_t kMockSeed = 0x7153'2024'0001ull;

inline uint32_t slots_in_use(tinycapi_pool_id pool) {
    tinycapi_pool_stats stats{};
    if (tinycapi_get_pool_stats(pool, &stats) != 0) return 0;  // pool not in this build
    return stats.in_use;
}

class CapiTest : public ::testing::Test {
protected:
    void SetUp() override {
        tinycapi_mock_reset(kMockSeed);
        SetLastError(0);
    }

    void TearDown() override {
        EXPECT_EQ(tinycapi_mock_locks_held(), 0u) << "a lock is still held";
        EXPECT_EQ(tinycapi_mock_nested_lock_violations(), 0u) << "a lock was taken while another was held";
        EXPECT_EQ(slots_in_use(TINYCAPI_POOL_PROVIDERS), 0u) << "a context leaked";
        EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u) << "a key leaked";
        EXPECT_EQ(slots_in_use(TINYCAPI_POOL_HASHES), 0u) << "a hash leaked";
        tinycapi_arena_stats arena{};
        if (tinycapi_get_arena_stats(&arena) == 0) {
            EXPECT_EQ(arena.in_use, 0u) << "RSA arena memory leaked";
        }
    }

    // A verify context of the given type (the common case in Windows code).
    static HCRYPTPROV AcquireVerify(DWORD type = PROV_RSA_AES, LPCSTR provider = nullptr) {
        HCRYPTPROV prov = 0;
        EXPECT_TRUE(CryptAcquireContextA(&prov, nullptr, provider, type, CRYPT_VERIFYCONTEXT)) << GetLastError();
        return prov;
    }
};

// A test that works in one PROV_RSA_AES verify context, prov_, released at the end.
class ContextTest : public CapiTest {
protected:
    void SetUp() override {
        CapiTest::SetUp();
        prov_ = AcquireVerify(PROV_RSA_AES);
    }
    void TearDown() override {
        EXPECT_TRUE(CryptReleaseContext(prov_, 0));
        CapiTest::TearDown();
    }

    HCRYPTPROV prov_ = 0;
};

// The call fails with exactly this last-error code.
#define EXPECT_FAILS_WITH(call, code)                                             \
    do {                                                                          \
        SetLastError(0xdeadbeef);                                                 \
        EXPECT_FALSE(call);                                                       \
        EXPECT_EQ(GetLastError(), static_cast<DWORD>(code)) << "for " #call;     \
    } while (0)

}  // namespace tinycapi::testing
