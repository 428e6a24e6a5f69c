// The Mbed TLS threading glue on Zephyr (tests/fakes/common/mbedtls_glue_tests.hpp).
#include "fake_zephyr.h"
#include "mbedtls_glue_tests.hpp"

// The kernel's traits (outside an anonymous namespace: the type names the ctest entries).
struct ZephyrKernel {
    static constexpr bool recursive = true;  // k_mutex counts its owner's nested locks
    static void install() {
        mbedtls_threading_set_alt(tinycapi_zephyr_mbedtls_mutex_init, tinycapi_zephyr_mbedtls_mutex_free,
                                  tinycapi_zephyr_mbedtls_mutex_lock, tinycapi_zephyr_mbedtls_mutex_unlock);
    }
    static void kernel_running(bool running) { fake_zephyr_set_pre_kernel(!running); }
    static void enter_isr() { fake_zephyr_enter_isr(); }
    static void leave_isr() { fake_zephyr_leave_isr(); }
};

INSTANTIATE_TYPED_TEST_SUITE_P(MbedTlsGlue, MbedTlsGlueTest, ZephyrKernel);
