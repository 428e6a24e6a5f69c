// The Mbed TLS threading glue on Zephyr, through Mbed TLS's own threading.c built with
// MBEDTLS_THREADING_ALT (mbedtls_threading_test_config.h) and threading_alt.h as firmware
// writes it.
#include <gtest/gtest.h>
#include <mbedtls/threading.h>

#include <thread>
#include <vector>

#include "fake_kernel.hpp"
#include "fake_zephyr.h"

namespace {

class ZephyrMbedTlsGlueTest : public ::testing::Test {
protected:
    void SetUp() override {
        mbedtls_threading_set_alt(tinycapi_zephyr_mbedtls_mutex_init, tinycapi_zephyr_mbedtls_mutex_free,
                                  tinycapi_zephyr_mbedtls_mutex_lock, tinycapi_zephyr_mbedtls_mutex_unlock);
        mbedtls_mutex_init(&mutex_);
    }
    void TearDown() override {
        mbedtls_mutex_free(&mutex_);
        mbedtls_threading_free_alt();
        fake_zephyr_set_pre_kernel(false);
        EXPECT_EQ(fake_kernel::mutexes_held(), 0u);
    }
    mbedtls_threading_mutex_t mutex_{};
};

TEST_F(ZephyrMbedTlsGlueTest, ExcludesAcrossThreads) {
    long counter = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([this, &counter] {
            for (int i = 0; i < 2000; ++i) {
                ASSERT_EQ(mbedtls_mutex_lock(&mutex_), 0);
                ++counter;  // TSan reports a race here if the glue does not exclude
                ASSERT_EQ(mbedtls_mutex_unlock(&mutex_), 0);
            }
        });
    }
    for (auto &thread : threads) thread.join();
    EXPECT_EQ(counter, 8000);
}

TEST_F(ZephyrMbedTlsGlueTest, RecursiveAndOwned) {
    ASSERT_EQ(mbedtls_mutex_lock(&mutex_), 0);
    EXPECT_EQ(mbedtls_mutex_lock(&mutex_), 0) << "k_mutex is recursive";
    {
        fake_kernel::ViolationCapture capture;  // the fake flags the foreign unlock; the glue reports it
        std::thread([this] { EXPECT_EQ(mbedtls_mutex_unlock(&mutex_), MBEDTLS_ERR_THREADING_MUTEX_ERROR); }).join();
        EXPECT_EQ(capture.taken().size(), 1u);
    }
    EXPECT_EQ(mbedtls_mutex_unlock(&mutex_), 0);
    EXPECT_EQ(mbedtls_mutex_unlock(&mutex_), 0);
}

TEST_F(ZephyrMbedTlsGlueTest, RefusesIsrsAndFreedMutexes) {
    fake_zephyr_enter_isr();
    EXPECT_EQ(mbedtls_mutex_lock(&mutex_), MBEDTLS_ERR_THREADING_MUTEX_ERROR);
    fake_zephyr_leave_isr();
    mbedtls_threading_mutex_t freed{};
    mbedtls_mutex_init(&freed);
    mbedtls_mutex_free(&freed);
    EXPECT_EQ(mbedtls_mutex_lock(&freed), MBEDTLS_ERR_THREADING_BAD_INPUT_DATA);
    EXPECT_EQ(mbedtls_mutex_unlock(&freed), MBEDTLS_ERR_THREADING_BAD_INPUT_DATA);
}

TEST_F(ZephyrMbedTlsGlueTest, WorksBeforeTheKernelRunsThreads) {
    fake_zephyr_set_pre_kernel(true);
    unsigned long before = fake_kernel::acquisitions();
    EXPECT_EQ(mbedtls_mutex_lock(&mutex_), 0);
    EXPECT_EQ(mbedtls_mutex_unlock(&mutex_), 0);
    EXPECT_EQ(fake_kernel::acquisitions(), before);
}

}  // namespace
