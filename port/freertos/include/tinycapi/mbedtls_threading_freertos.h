/*
 * <tinycapi/mbedtls_threading_freertos.h> — Mbed TLS's mutexes (MBEDTLS_THREADING_ALT) as FreeRTOS
 * mutexes from static memory, so that firmware using Mbed TLS beside tinycapi has one mutex
 * implementation. In your threading_alt.h:
 *
 *     #include <tinycapi/mbedtls_threading_freertos.h>
 *     typedef tinycapi_freertos_mbedtls_mutex mbedtls_threading_mutex_t;
 *
 * and once, before any other Mbed TLS call:
 *
 *     mbedtls_threading_set_alt(tinycapi_freertos_mbedtls_mutex_init,
 *                               tinycapi_freertos_mbedtls_mutex_free,
 *                               tinycapi_freertos_mbedtls_mutex_lock,
 *                               tinycapi_freertos_mbedtls_mutex_unlock);
 *
 * lock/unlock return 0, MBEDTLS_ERR_THREADING_BAD_INPUT_DATA for a mutex not initialised, and
 * MBEDTLS_ERR_THREADING_MUTEX_ERROR from an interrupt handler, for a second lock by the holder
 * (FreeRTOS mutexes are not recursive: refused instead of deadlocking) and for an unlock by
 * another task. Before the scheduler starts they succeed without taking the mutex (one thread).
 */
#ifndef TINYCAPI_MBEDTLS_THREADING_FREERTOS_H
#define TINYCAPI_MBEDTLS_THREADING_FREERTOS_H

#include "FreeRTOS.h"
#include "semphr.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tinycapi_freertos_mbedtls_mutex {
    StaticSemaphore_t storage;
    SemaphoreHandle_t handle; /* NULL: not initialised, or freed */
} tinycapi_freertos_mbedtls_mutex;

void tinycapi_freertos_mbedtls_mutex_init(tinycapi_freertos_mbedtls_mutex *mutex);
void tinycapi_freertos_mbedtls_mutex_free(tinycapi_freertos_mbedtls_mutex *mutex);
int tinycapi_freertos_mbedtls_mutex_lock(tinycapi_freertos_mbedtls_mutex *mutex);
int tinycapi_freertos_mbedtls_mutex_unlock(tinycapi_freertos_mbedtls_mutex *mutex);

#ifdef __cplusplus
}
#endif

#endif /* TINYCAPI_MBEDTLS_THREADING_FREERTOS_H */
