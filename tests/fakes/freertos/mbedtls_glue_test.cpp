// The Mbed TLS threading glue on FreeRTOS, through Mbed TLS's own threading.c built with
// MBEDTLS_THREADING_ALT (mbedtls_threading_test_config.h) and threading_alt.h as firmware
// writes it.
#include <gtest/gtest.h>
#include <mbedtls/threading.h>

#include <thread>
#include <vector>

#include "fake_freertos.h"
#include "fake_kernel.hpp"
#include "task.h"

namespace {

class FreeRtosMbedTlsGlueTest : public ::testing::Test {
protected:
    void SetUp() override {
        mbedtls_threading_set_alt(tinycapi_freertos_mbedtls_mutex_init, tinycapi_freertos_mbedtls_mutex_free,
                                  tinycapi_freertos_mbedtls_mutex_lock, tinycapi_freertos_mbedtls_mutex_unlock);
        mbedtls_mutex_init(&mutex_);
    }
    void TearDown() override {
        mbedtls_mutex_free(&mutex_);
        mbedtls_threading_free_alt();
        fake_freertos_set_scheduler_state(taskSCHEDULER_RUNNING);
        EXPECT_EQ(fake_kernel::mutexes_held(), 0u);
    }
    mbedtls_threading_mutex_t mutex_{};
};

TEST_F(FreeRtosMbedTlsGlueTest, ExcludesAcrossTasks) {
    long counter = 0;
    std::vector<std::thread> tasks;
    for (int t = 0; t < 4; ++t) {
        tasks.emplace_back([this, &counter] {
            for (int i = 0; i < 2000; ++i) {
                ASSERT_EQ(mbedtls_mutex_lock(&mutex_), 0);
                ++counter;  // TSan reports a race here if the glue does not exclude
                ASSERT_EQ(mbedtls_mutex_unlock(&mutex_), 0);
            }
        });
    }
    for (auto &task : tasks) task.join();
    EXPECT_EQ(counter, 8000);
}

// FreeRTOS mutexes are not recursive: the glue refuses a second lock instead of deadlocking,
// and an unlock by another task, without breaking a kernel rule (the fake would report it).
TEST_F(FreeRtosMbedTlsGlueTest, RefusesRelockAndForeignUnlock) {
    ASSERT_EQ(mbedtls_mutex_lock(&mutex_), 0);
    EXPECT_EQ(mbedtls_mutex_lock(&mutex_), MBEDTLS_ERR_THREADING_MUTEX_ERROR);
    std::thread([this] { EXPECT_EQ(mbedtls_mutex_unlock(&mutex_), MBEDTLS_ERR_THREADING_MUTEX_ERROR); }).join();
    EXPECT_EQ(mbedtls_mutex_unlock(&mutex_), 0);
    EXPECT_EQ(mbedtls_mutex_unlock(&mutex_), MBEDTLS_ERR_THREADING_MUTEX_ERROR) << "not held";
}

TEST_F(FreeRtosMbedTlsGlueTest, RefusesInterruptHandlersAndFreedMutexes) {
    fake_freertos_enter_interrupt();
    EXPECT_EQ(mbedtls_mutex_lock(&mutex_), MBEDTLS_ERR_THREADING_MUTEX_ERROR);
    fake_freertos_leave_interrupt();
    mbedtls_threading_mutex_t freed{};
    mbedtls_mutex_init(&freed);
    mbedtls_mutex_free(&freed);
    EXPECT_EQ(mbedtls_mutex_lock(&freed), MBEDTLS_ERR_THREADING_BAD_INPUT_DATA);
    EXPECT_EQ(mbedtls_mutex_unlock(&freed), MBEDTLS_ERR_THREADING_BAD_INPUT_DATA);
}

TEST_F(FreeRtosMbedTlsGlueTest, WorksBeforeTheSchedulerStarts) {
    fake_freertos_set_scheduler_state(taskSCHEDULER_NOT_STARTED);
    unsigned long before = fake_kernel::acquisitions();
    EXPECT_EQ(mbedtls_mutex_lock(&mutex_), 0);
    EXPECT_EQ(mbedtls_mutex_unlock(&mutex_), 0);
    EXPECT_EQ(fake_kernel::acquisitions(), before);
}

}  // namespace
