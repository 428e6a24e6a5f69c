// The Zephyr port as firmware links it, on the fake kernel: entropy through sys_csrand_get,
// PRE_KERNEL initialisation, ISRs, the last error per thread; and the fake's own rules.
#include <gtest/gtest.h>
#include <tinycapi/wincrypt.h>
#include <zephyr/kernel.h>

#include <thread>

#include "fake_kernel.hpp"
#include "fake_zephyr.h"

namespace {

class ZephyrPortTest : public ::testing::Test {
protected:
    void TearDown() override {
        fake_zephyr_set_pre_kernel(false);
        EXPECT_EQ(fake_kernel::mutexes_held(), 0u);
        EXPECT_EQ(fake_kernel::nested_acquisitions(), 0u) << "tinycapi nested two locks";
    }
};

HCRYPTPROV AcquireVerify() {
    HCRYPTPROV prov = 0;
    EXPECT_TRUE(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT)) << GetLastError();
    return prov;
}

// The DRBG is seeded from sys_csrand_get: while it fails, the first call that needs random
// bytes fails with NTE_FAIL, and once it works the same calls succeed. (ctest runs each test in
// a process of its own, so the DRBG is not seeded yet here.)
TEST_F(ZephyrPortTest, EntropyComesFromSysCsrandGet) {
    fake_zephyr_fail_csrand(1000);
    HCRYPTPROV prov = 0;
    BYTE bytes[32] = {};
    BOOL ok = CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) &&
              CryptGenRandom(prov, sizeof bytes, bytes);
    EXPECT_FALSE(ok) << "random bytes without entropy";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_FAIL));
    fake_zephyr_fail_csrand(0);
    if (prov == 0) prov = AcquireVerify();
    EXPECT_TRUE(CryptGenRandom(prov, sizeof bytes, bytes)) << GetLastError();
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(ZephyrPortTest, WorksDuringPreKernelInitialisation) {
    fake_zephyr_set_pre_kernel(true);
    unsigned long before = fake_kernel::acquisitions();
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = 0;
    EXPECT_FALSE(CryptCreateHash(prov, 0x1234, 0, 0, &hash));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_BAD_ALGID));
    EXPECT_EQ(fake_kernel::acquisitions(), before) << "a mutex was taken before the kernel ran threads";
    fake_zephyr_set_pre_kernel(false);
    std::thread([prov] {
        BYTE bytes[8] = {};
        EXPECT_TRUE(CryptGenRandom(prov, sizeof bytes, bytes));
    }).join();
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(ZephyrPortTest, CallsFromAnIsrFailWithoutTakingAMutex) {
    HCRYPTPROV prov = AcquireVerify();
    SetLastError(0x1234);
    fake_zephyr_enter_isr();
    BYTE bytes[8] = {};
    EXPECT_FALSE(CryptGenRandom(prov, sizeof bytes, bytes));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_FAIL));
    fake_zephyr_leave_isr();
    EXPECT_EQ(GetLastError(), 0x1234u) << "the ISR overwrote the thread's last error";
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(ZephyrPortTest, LastErrorIsPerThread) {
    SetLastError(ERROR_BUSY);
    std::thread([] {
        EXPECT_EQ(GetLastError(), 0u);
        SetLastError(NTE_BAD_KEY);
        EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_BAD_KEY));
    }).join();
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_BUSY));
}

TEST_F(ZephyrPortTest, TheFakeReportsWhatTheKernelForbids) {
    struct k_mutex never_initialised {};
    struct k_mutex mutex {};
    fake_kernel::ViolationCapture capture;
    EXPECT_NE(k_mutex_lock(&never_initialised, K_NO_WAIT), 0);
    EXPECT_EQ(capture.taken().size(), 1u) << "use before k_mutex_init";

    ASSERT_EQ(k_mutex_init(&mutex), 0);
    ASSERT_EQ(k_mutex_lock(&mutex, K_FOREVER), 0);
    EXPECT_EQ(k_mutex_lock(&mutex, K_FOREVER), 0) << "k_mutex is recursive";
    std::thread([&mutex] {
        EXPECT_EQ(k_mutex_lock(&mutex, K_NO_WAIT), -EBUSY);
        EXPECT_EQ(k_mutex_unlock(&mutex), -EPERM);
    }).join();
    EXPECT_EQ(capture.taken().size(), 1u) << "an unlock by another thread";
    EXPECT_EQ(k_mutex_unlock(&mutex), 0);
    EXPECT_EQ(k_mutex_unlock(&mutex), 0);
    EXPECT_EQ(k_mutex_unlock(&mutex), -EINVAL);
    EXPECT_EQ(capture.taken().size(), 1u) << "an unlock of a free mutex";

    fake_zephyr_enter_isr();
    EXPECT_NE(k_mutex_lock(&mutex, K_NO_WAIT), 0);
    fake_zephyr_leave_isr();
    EXPECT_EQ(capture.taken().size(), 1u) << "a mutex in an ISR";

    std::thread([&mutex] { EXPECT_EQ(k_mutex_lock(&mutex, K_FOREVER), 0); }).join();
    EXPECT_EQ(capture.taken().size(), 1u) << "a thread ended holding the mutex";
    EXPECT_EQ(k_mutex_init(&mutex), 0);  // re-initialised while held: reported too
    EXPECT_EQ(capture.taken().size(), 2u);
    fake_kernel::reset_counters();
}

}  // namespace
