// The FreeRTOS port as firmware links it, on the fake kernel: before the scheduler starts, from
// an interrupt handler, with the scheduler suspended, the last error in thread-local storage;
// and the fake's own rules (a test that the fake catches what the real kernel would not allow).
#include <gtest/gtest.h>
#include <tinycapi/wincrypt.h>

#include <thread>

#include "FreeRTOS.h"
#include "fake_freertos.h"
#include "fake_kernel.hpp"
#include "semphr.h"
#include "task.h"
#include "tinycapi_config.h"

#ifndef TINYCAPI_FREERTOS_TLS_INDEX
#define TINYCAPI_FREERTOS_TLS_INDEX 0
#endif

namespace {

class FreeRtosPortTest : public ::testing::Test {
protected:
    void SetUp() override { fake_freertos_set_scheduler_state(taskSCHEDULER_RUNNING); }
    void TearDown() override {
        fake_freertos_set_scheduler_state(taskSCHEDULER_RUNNING);
        EXPECT_EQ(fake_kernel::mutexes_held(), 0u);
        EXPECT_EQ(fake_kernel::nested_acquisitions(), 0u) << "tinycapi nested two locks";
    }
};

HCRYPTPROV AcquireVerify() {
    HCRYPTPROV prov = 0;
    EXPECT_TRUE(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT)) << GetLastError();
    return prov;
}

// Firmware's main() before vTaskStartScheduler: the calls work, take no mutex, and touch no
// task's thread-local storage (the fake reports either); the context then serves the tasks.
TEST_F(FreeRtosPortTest, WorksInMainBeforeTheSchedulerStarts) {
    fake_freertos_set_scheduler_state(taskSCHEDULER_NOT_STARTED);
    unsigned long before = fake_kernel::acquisitions();
    HCRYPTPROV prov = AcquireVerify();
    BYTE bytes[16] = {};
    EXPECT_TRUE(CryptGenRandom(prov, sizeof bytes, bytes));
    HCRYPTHASH hash = 0;
    EXPECT_FALSE(CryptCreateHash(prov, 0x1234, 0, 0, &hash));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_BAD_ALGID));
    EXPECT_EQ(fake_kernel::acquisitions(), before) << "a mutex was taken before the scheduler started";

    fake_freertos_set_scheduler_state(taskSCHEDULER_RUNNING);
    std::thread task([prov] {
        BYTE more[16] = {};
        EXPECT_TRUE(CryptGenRandom(prov, sizeof more, more));
        EXPECT_EQ(GetLastError(), 0u) << "a task starts with no last error";
    });
    task.join();
    EXPECT_GT(fake_kernel::acquisitions(), before);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// An interrupt handler's call fails with NTE_FAIL, takes no mutex (the fake reports one taken
// there) and leaves the interrupted task's last error alone.
TEST_F(FreeRtosPortTest, CallsFromAnInterruptHandlerFailWithoutTakingAMutex) {
    HCRYPTPROV prov = AcquireVerify();
    SetLastError(0x1234);
    fake_freertos_enter_interrupt();
    BYTE bytes[8] = {};
    EXPECT_FALSE(CryptGenRandom(prov, sizeof bytes, bytes));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_FAIL));
    HCRYPTPROV other = 0;
    EXPECT_FALSE(CryptAcquireContextA(&other, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT));
    EXPECT_EQ(other, 0u);
    fake_freertos_leave_interrupt();
    EXPECT_EQ(GetLastError(), 0x1234u) << "the handler overwrote the task's last error";
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(FreeRtosPortTest, CallsWithTheSchedulerSuspendedFail) {
    HCRYPTPROV prov = AcquireVerify();
    fake_freertos_set_scheduler_state(taskSCHEDULER_SUSPENDED);
    BYTE bytes[8] = {};
    EXPECT_FALSE(CryptGenRandom(prov, sizeof bytes, bytes));
    fake_freertos_set_scheduler_state(taskSCHEDULER_RUNNING);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_FAIL));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// The last error is the task's thread-local-storage pointer TINYCAPI_FREERTOS_TLS_INDEX.
TEST_F(FreeRtosPortTest, LastErrorIsTheTasksThreadLocalStoragePointer) {
    SetLastError(ERROR_BUSY);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(pvTaskGetThreadLocalStoragePointer(nullptr, TINYCAPI_FREERTOS_TLS_INDEX)),
              static_cast<uintptr_t>(ERROR_BUSY));
    std::thread other([] {
        EXPECT_EQ(GetLastError(), 0u);
        SetLastError(NTE_BAD_KEY);
        EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_BAD_KEY));
    });
    other.join();
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_BUSY));
}

// The fake enforces what the kernel does not allow; each misuse below is reported.
TEST_F(FreeRtosPortTest, TheFakeReportsWhatTheKernelForbids) {
    StaticSemaphore_t never_created{};
    StaticSemaphore_t storage{};
    fake_kernel::ViolationCapture capture;
    EXPECT_EQ(xSemaphoreTake(reinterpret_cast<SemaphoreHandle_t>(&never_created), 0), pdFALSE);
    EXPECT_EQ(capture.taken().size(), 1u) << "use before creation";

    SemaphoreHandle_t mutex = xSemaphoreCreateMutexStatic(&storage);
    ASSERT_EQ(xSemaphoreTake(mutex, portMAX_DELAY), pdTRUE);
    EXPECT_EQ(xSemaphoreTake(mutex, portMAX_DELAY), pdFALSE);
    EXPECT_EQ(capture.taken().size(), 1u) << "a second take by the holder (not recursive)";

    std::thread([mutex] { EXPECT_EQ(xSemaphoreGive(mutex), pdFAIL); }).join();
    EXPECT_EQ(capture.taken().size(), 1u) << "a give by another task";
    EXPECT_EQ(xSemaphoreGive(mutex), pdPASS);

    fake_freertos_enter_interrupt();
    EXPECT_EQ(xSemaphoreTake(mutex, 0), pdFALSE);
    fake_freertos_leave_interrupt();
    EXPECT_EQ(capture.taken().size(), 1u) << "a mutex from an interrupt handler";

    std::thread([mutex] { EXPECT_EQ(xSemaphoreTake(mutex, portMAX_DELAY), pdTRUE); }).join();
    EXPECT_EQ(capture.taken().size(), 1u) << "a task ended holding the mutex";
    // The task is gone, so nobody can give it back: delete it (reported too: deleted while held).
    vSemaphoreDelete(mutex);
    EXPECT_EQ(capture.taken().size(), 1u);
    fake_kernel::reset_counters();
}

}  // namespace
