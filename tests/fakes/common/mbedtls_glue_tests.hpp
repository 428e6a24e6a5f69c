// The Mbed TLS threading glue of an RTOS port, through Mbed TLS's own threading.c built with
// MBEDTLS_THREADING_ALT (mbedtls_threading_test_config.h) and threading_alt.h as firmware
// writes it. One suite for every port: each tests/fakes/<rtos>/mbedtls_glue_test.cpp gives the
// kernel's traits and instantiates it.
//
// Traits: install() (mbedtls_threading_set_alt with the port's four functions),
// kernel_running(bool) (false: before the scheduler or kernel starts), enter_isr() and
// leave_isr(), and `recursive`, whether the kernel's mutexes are (Zephyr's k_mutex is).
#pragma once

#include <gtest/gtest.h>
#include <mbedtls/threading.h>

#include <thread>
#include <vector>

#include "fake_kernel.hpp"

template <typename Kernel>
class MbedTlsGlueTest : public ::testing::Test {
protected:
    void SetUp() override {
        Kernel::install();
        mbedtls_mutex_init(&mutex_);
    }
    void TearDown() override {
        mbedtls_mutex_free(&mutex_);
        mbedtls_threading_free_alt();
        Kernel::kernel_running(true);
        EXPECT_EQ(fake_kernel::mutexes_held(), 0u);
    }
    mbedtls_threading_mutex_t mutex_{};
};

TYPED_TEST_SUITE_P(MbedTlsGlueTest);

TYPED_TEST_P(MbedTlsGlueTest, ExcludesAcrossThreads) {
    long counter = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([this, &counter] {
            for (int i = 0; i < 2000; ++i) {
                ASSERT_EQ(mbedtls_mutex_lock(&this->mutex_), 0);
                ++counter;  // TSan reports a race here if the glue does not exclude
                ASSERT_EQ(mbedtls_mutex_unlock(&this->mutex_), 0);
            }
        });
    }
    for (auto &thread : threads) thread.join();
    EXPECT_EQ(counter, 8000);
}

// A second lock by the holder: a recursive kernel mutex counts it; otherwise the glue refuses it
// instead of deadlocking. An unlock by another thread is refused either way, and breaks no
// kernel rule where the glue can check the owner itself (the fake reports every broken rule;
// Zephyr's k_mutex_unlock does the owner check, which the fake flags and the glue reports).
TYPED_TEST_P(MbedTlsGlueTest, RelockAndForeignUnlock) {
    ASSERT_EQ(mbedtls_mutex_lock(&this->mutex_), 0);
    if (TypeParam::recursive) {
        EXPECT_EQ(mbedtls_mutex_lock(&this->mutex_), 0) << "the kernel's mutex is recursive";
        {
            fake_kernel::ViolationCapture capture;
            std::thread([this] { EXPECT_EQ(mbedtls_mutex_unlock(&this->mutex_), MBEDTLS_ERR_THREADING_MUTEX_ERROR); })
                .join();
            EXPECT_EQ(capture.taken().size(), 1u);
        }
        EXPECT_EQ(mbedtls_mutex_unlock(&this->mutex_), 0);
    } else {
        EXPECT_EQ(mbedtls_mutex_lock(&this->mutex_), MBEDTLS_ERR_THREADING_MUTEX_ERROR);
        std::thread([this] { EXPECT_EQ(mbedtls_mutex_unlock(&this->mutex_), MBEDTLS_ERR_THREADING_MUTEX_ERROR); })
            .join();
    }
    EXPECT_EQ(mbedtls_mutex_unlock(&this->mutex_), 0);
    if (!TypeParam::recursive) {
        EXPECT_EQ(mbedtls_mutex_unlock(&this->mutex_), MBEDTLS_ERR_THREADING_MUTEX_ERROR) << "not held";
    }
}

TYPED_TEST_P(MbedTlsGlueTest, RefusesInterruptHandlersAndFreedMutexes) {
    TypeParam::enter_isr();
    EXPECT_EQ(mbedtls_mutex_lock(&this->mutex_), MBEDTLS_ERR_THREADING_MUTEX_ERROR);
    TypeParam::leave_isr();
    mbedtls_threading_mutex_t freed{};
    mbedtls_mutex_init(&freed);
    mbedtls_mutex_free(&freed);
    EXPECT_EQ(mbedtls_mutex_lock(&freed), MBEDTLS_ERR_THREADING_BAD_INPUT_DATA);
    EXPECT_EQ(mbedtls_mutex_unlock(&freed), MBEDTLS_ERR_THREADING_BAD_INPUT_DATA);
}

// Before the kernel runs there is one thread: the glue takes no kernel object.
TYPED_TEST_P(MbedTlsGlueTest, WorksBeforeTheKernelRuns) {
    TypeParam::kernel_running(false);
    unsigned long before = fake_kernel::acquisitions();
    EXPECT_EQ(mbedtls_mutex_lock(&this->mutex_), 0);
    EXPECT_EQ(mbedtls_mutex_unlock(&this->mutex_), 0);
    EXPECT_EQ(fake_kernel::acquisitions(), before);
}

REGISTER_TYPED_TEST_SUITE_P(MbedTlsGlueTest, ExcludesAcrossThreads, RelockAndForeignUnlock,
                            RefusesInterruptHandlersAndFreedMutexes, WorksBeforeTheKernelRuns);
