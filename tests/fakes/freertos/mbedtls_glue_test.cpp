// The Mbed TLS threading glue on FreeRTOS (tests/fakes/common/mbedtls_glue_tests.hpp).
#include "fake_freertos.h"
#include "mbedtls_glue_tests.hpp"
#include "task.h"

// The kernel's traits (outside an anonymous namespace: the type names the ctest entries).
struct FreeRtosKernel {
    static constexpr bool recursive = false;  // xSemaphoreCreateMutex: not recursive
    static void install() {
        mbedtls_threading_set_alt(tinycapi_freertos_mbedtls_mutex_init, tinycapi_freertos_mbedtls_mutex_free,
                                  tinycapi_freertos_mbedtls_mutex_lock, tinycapi_freertos_mbedtls_mutex_unlock);
    }
    static void kernel_running(bool running) {
        fake_freertos_set_scheduler_state(running ? taskSCHEDULER_RUNNING : taskSCHEDULER_NOT_STARTED);
    }
    static void enter_isr() { fake_freertos_enter_interrupt(); }
    static void leave_isr() { fake_freertos_leave_interrupt(); }
};

INSTANTIATE_TYPED_TEST_SUITE_P(MbedTlsGlue, MbedTlsGlueTest, FreeRtosKernel);
