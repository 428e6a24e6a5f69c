// The CMSIS-RTOS2 port as firmware links it, on the fake kernel: before osKernelStart, from
// ISRs, with the kernel locked, the last-error table (and what happens when it is full); and
// the fake's own rules.
#include <gtest/gtest.h>
#include <tinycapi/port_cmsis_rtos2.h>
#include <tinycapi/wincrypt.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "fake_cmsis_rtos2.h"
#include "fake_kernel.hpp"

#ifndef TINYCAPI_CMSIS_RTOS2_MAX_THREADS
#define TINYCAPI_CMSIS_RTOS2_MAX_THREADS 8
#endif

namespace {

class CmsisRtos2PortTest : public ::testing::Test {
protected:
    void TearDown() override {
        fake_cmsis_set_kernel_state(osKernelRunning);
        tinycapi_cmsis_rtos2_release_thread();
        EXPECT_EQ(fake_kernel::mutexes_held(), 0u);
        EXPECT_EQ(fake_kernel::nested_acquisitions(), 0u) << "tinycapi nested two locks";
    }
};

HCRYPTPROV AcquireVerify() {
    HCRYPTPROV prov = 0;
    EXPECT_TRUE(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT)) << GetLastError();
    return prov;
}

// main() before osKernelInitialize and between it and osKernelStart: calls work and take no
// mutex (the fake reports an osMutexAcquire before the kernel runs).
TEST_F(CmsisRtos2PortTest, WorksInMainBeforeTheKernelStarts) {
    unsigned long before = fake_kernel::acquisitions();
    fake_cmsis_set_kernel_state(osKernelInactive);
    HCRYPTPROV prov = AcquireVerify();
    HCRYPTHASH hash = 0;
    EXPECT_FALSE(CryptCreateHash(prov, 0x1234, 0, 0, &hash));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_BAD_ALGID));
    fake_cmsis_set_kernel_state(osKernelReady);
    BYTE bytes[8] = {};
    EXPECT_TRUE(CryptGenRandom(prov, sizeof bytes, bytes));
    EXPECT_EQ(fake_kernel::acquisitions(), before) << "a mutex was taken before osKernelStart";
    fake_cmsis_set_kernel_state(osKernelRunning);
    std::thread([prov] {
        BYTE more[8] = {};
        EXPECT_TRUE(CryptGenRandom(prov, sizeof more, more));
        tinycapi_cmsis_rtos2_release_thread();
    }).join();
    EXPECT_GT(fake_kernel::acquisitions(), before);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(CmsisRtos2PortTest, CallsFromAnIsrOrWithTheKernelLockedFail) {
    HCRYPTPROV prov = AcquireVerify();
    SetLastError(0x1234);
    fake_cmsis_enter_isr();
    BYTE bytes[8] = {};
    EXPECT_FALSE(CryptGenRandom(prov, sizeof bytes, bytes));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_FAIL));
    fake_cmsis_leave_isr();
    EXPECT_EQ(GetLastError(), 0x1234u) << "the ISR overwrote the thread's last error";
    ASSERT_EQ(osKernelLock(), 0);
    EXPECT_FALSE(CryptGenRandom(prov, sizeof bytes, bytes));
    ASSERT_EQ(osKernelRestoreLock(0), 0);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_FAIL));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// Each thread has its own slot; with every slot taken, a further thread's calls fail with
// NTE_FAIL (and it reads that from the shared error), until a thread gives its slot back.
TEST_F(CmsisRtos2PortTest, LastErrorTableAndItsLimit) {
    HCRYPTPROV prov = AcquireVerify();  // this thread holds one slot
    std::mutex mutex;
    std::condition_variable changed;
    int holding = 0;
    bool release = false;
    std::vector<std::thread> holders;
    for (int i = 1; i < TINYCAPI_CMSIS_RTOS2_MAX_THREADS; ++i) {
        holders.emplace_back([&, i] {
            SetLastError(static_cast<DWORD>(i));
            EXPECT_EQ(GetLastError(), static_cast<DWORD>(i));
            std::unique_lock<std::mutex> lock(mutex);
            ++holding;
            changed.notify_all();
            changed.wait(lock, [&] { return release; });
            EXPECT_EQ(GetLastError(), static_cast<DWORD>(i)) << "another thread's error in this slot";
            tinycapi_cmsis_rtos2_release_thread();
        });
    }
    {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return holding == TINYCAPI_CMSIS_RTOS2_MAX_THREADS - 1; });
    }
    std::thread([prov] {
        BYTE bytes[8] = {};
        EXPECT_FALSE(CryptGenRandom(prov, sizeof bytes, bytes)) << "a thread without a slot ran";
        EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_FAIL));
    }).join();
    {
        std::lock_guard<std::mutex> lock(mutex);
        release = true;
        changed.notify_all();
    }
    for (auto &holder : holders) holder.join();
    std::thread([prov] {
        BYTE bytes[8] = {};
        EXPECT_TRUE(CryptGenRandom(prov, sizeof bytes, bytes)) << GetLastError();
        tinycapi_cmsis_rtos2_release_thread();
    }).join();
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(CmsisRtos2PortTest, TheFakeReportsWhatTheKernelForbids) {
    fake_kernel::ViolationCapture capture;
    uint64_t never_created[4] = {};
    EXPECT_EQ(osMutexAcquire(never_created, 0), osErrorParameter);
    EXPECT_EQ(capture.taken().size(), 1u) << "use before osMutexNew";
    EXPECT_EQ(osMutexNew(nullptr), nullptr);
    EXPECT_EQ(capture.taken().size(), 1u) << "a mutex from the RTOS's memory";

    uint64_t block[4] = {};
    osMutexAttr_t attr = {"test", osMutexPrioInherit, block, sizeof block};
    osMutexId_t mutex = osMutexNew(&attr);
    ASSERT_NE(mutex, nullptr);
    ASSERT_EQ(osMutexAcquire(mutex, osWaitForever), osOK);
    EXPECT_EQ(osMutexAcquire(mutex, osWaitForever), osErrorResource);
    EXPECT_EQ(capture.taken().size(), 1u) << "a second acquire without osMutexRecursive";
    std::thread([mutex] { EXPECT_EQ(osMutexRelease(mutex), osErrorResource); }).join();
    EXPECT_EQ(capture.taken().size(), 1u) << "a release by another thread";
    EXPECT_EQ(osMutexRelease(mutex), osOK);
    fake_cmsis_enter_isr();
    EXPECT_EQ(osMutexAcquire(mutex, 0), osErrorISR);
    fake_cmsis_leave_isr();
    EXPECT_EQ(capture.taken().size(), 1u) << "a mutex from an ISR";
    std::thread([mutex] { EXPECT_EQ(osMutexAcquire(mutex, osWaitForever), osOK); }).join();
    EXPECT_EQ(capture.taken().size(), 1u) << "a thread ended holding the mutex";
    EXPECT_EQ(osMutexDelete(mutex), osOK);
    EXPECT_EQ(capture.taken().size(), 1u) << "deleted while held";
    fake_kernel::reset_counters();
}

}  // namespace
