// port/freertos's Mbed TLS threading glue (<tinycapi/mbedtls_threading_freertos.h>) on the real
// kernel: before the scheduler a lock succeeds without taking the mutex; after it, the holder's
// second lock and an unlock by a task that does not hold it are refused (FreeRTOS mutexes are
// not recursive), and a freed mutex is bad input. The call from an interrupt handler is
// interrupt_refusal.cpp's.
#include <mbedtls/threading.h>
#include <tinycapi/mbedtls_threading_freertos.h>

#include "freertos_image.hpp"

namespace tinycapi::target::freertos {
namespace {

tinycapi_freertos_mbedtls_mutex mutex;

unsigned expect(bool held, const char *what) {
    if (held) return 0;
    say(what);
    return 1;
}

}  // namespace

unsigned check_mbedtls_glue_before_scheduler() {
    tinycapi_freertos_mbedtls_mutex_init(&mutex);
    unsigned failures = expect(mutex.handle != nullptr, "FAIL: Mbed TLS glue: init");
    failures += expect(tinycapi_freertos_mbedtls_mutex_lock(&mutex) == 0 &&
                           tinycapi_freertos_mbedtls_mutex_lock(&mutex) == 0 &&
                           tinycapi_freertos_mbedtls_mutex_unlock(&mutex) == 0,
                       "FAIL: Mbed TLS glue: locks before the scheduler");
    failures += expect(xSemaphoreGetMutexHolder(mutex.handle) == nullptr,
                       "FAIL: Mbed TLS glue: the mutex was taken before the scheduler");
    return failures;
}

unsigned check_mbedtls_glue() {
    unsigned failures = expect(tinycapi_freertos_mbedtls_mutex_lock(&mutex) == 0, "FAIL: Mbed TLS glue: lock");
    failures += expect(xSemaphoreGetMutexHolder(mutex.handle) == xTaskGetCurrentTaskHandle(),
                       "FAIL: Mbed TLS glue: the lock did not take the mutex");
    failures += expect(tinycapi_freertos_mbedtls_mutex_lock(&mutex) == MBEDTLS_ERR_THREADING_MUTEX_ERROR,
                       "FAIL: Mbed TLS glue: a second lock by the holder");
    failures += expect(tinycapi_freertos_mbedtls_mutex_unlock(&mutex) == 0, "FAIL: Mbed TLS glue: unlock");
    failures += expect(tinycapi_freertos_mbedtls_mutex_unlock(&mutex) == MBEDTLS_ERR_THREADING_MUTEX_ERROR,
                       "FAIL: Mbed TLS glue: an unlock by a task not holding it");
    tinycapi_freertos_mbedtls_mutex_free(&mutex);
    failures += expect(tinycapi_freertos_mbedtls_mutex_lock(&mutex) == MBEDTLS_ERR_THREADING_BAD_INPUT_DATA,
                       "FAIL: Mbed TLS glue: a lock after free");
    if (failures == 0) say("[ PASS ] Mbed TLS threading glue: before the scheduler, not recursive, owner only");
    return failures;
}

}  // namespace tinycapi::target::freertos
