// The Mbed TLS threading glue on CMSIS-RTOS2 (tests/fakes/common/mbedtls_glue_tests.hpp).
#include "fake_cmsis_rtos2.h"
#include "mbedtls_glue_tests.hpp"

// The kernel's traits (outside an anonymous namespace: the type names the ctest entries).
struct CmsisRtos2Kernel {
    static constexpr bool recursive = false;  // the glue creates its mutexes without osMutexRecursive
    static void install() {
        mbedtls_threading_set_alt(tinycapi_cmsis_rtos2_mbedtls_mutex_init, tinycapi_cmsis_rtos2_mbedtls_mutex_free,
                                  tinycapi_cmsis_rtos2_mbedtls_mutex_lock, tinycapi_cmsis_rtos2_mbedtls_mutex_unlock);
    }
    static void kernel_running(bool running) { fake_cmsis_set_kernel_state(running ? osKernelRunning : osKernelReady); }
    static void enter_isr() { fake_cmsis_enter_isr(); }
    static void leave_isr() { fake_cmsis_leave_isr(); }
};

INSTANTIATE_TYPED_TEST_SUITE_P(MbedTlsGlue, MbedTlsGlueTest, CmsisRtos2Kernel);
