/*
 * <tinycapi/mbedtls_threading_cmsis_rtos2.h> — Mbed TLS's mutexes (MBEDTLS_THREADING_ALT) as
 * CMSIS-RTOS2 mutexes in static control blocks, so that firmware using Mbed TLS beside tinycapi
 * has one mutex implementation. In your threading_alt.h:
 *
 *     #include <tinycapi/mbedtls_threading_cmsis_rtos2.h>
 *     typedef tinycapi_cmsis_rtos2_mbedtls_mutex mbedtls_threading_mutex_t;
 *
 * and once, before any other Mbed TLS call:
 *
 *     mbedtls_threading_set_alt(tinycapi_cmsis_rtos2_mbedtls_mutex_init,
 *                               tinycapi_cmsis_rtos2_mbedtls_mutex_free,
 *                               tinycapi_cmsis_rtos2_mbedtls_mutex_lock,
 *                               tinycapi_cmsis_rtos2_mbedtls_mutex_unlock);
 *
 * TINYCAPI_CMSIS_RTOS2_MUTEX_CB_SIZE is the control block your RTOS needs (RTX5:
 * osRtxMutexCbSize, 28 bytes; FreeRTOS's CMSIS-RTOS2 layer: sizeof(StaticSemaphore_t), 80 on
 * 32 bits): define it the same for this header and for the port. lock/unlock return 0,
 * MBEDTLS_ERR_THREADING_BAD_INPUT_DATA for a mutex not initialised (or whose osMutexNew
 * failed), MBEDTLS_ERR_THREADING_MUTEX_ERROR from an ISR, for a second lock by the owner (the
 * mutex is not recursive: refused instead of deadlocking) and for an unlock by another thread.
 */
#ifndef TINYCAPI_MBEDTLS_THREADING_CMSIS_RTOS2_H
#define TINYCAPI_MBEDTLS_THREADING_CMSIS_RTOS2_H

#include <stdint.h>

#include "cmsis_os2.h"

#ifndef TINYCAPI_CMSIS_RTOS2_MUTEX_CB_SIZE
#define TINYCAPI_CMSIS_RTOS2_MUTEX_CB_SIZE 80
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef union tinycapi_cmsis_rtos2_mutex_cb {
    uint64_t align;
    uint8_t bytes[TINYCAPI_CMSIS_RTOS2_MUTEX_CB_SIZE];
} tinycapi_cmsis_rtos2_mutex_cb;

typedef struct tinycapi_cmsis_rtos2_mbedtls_mutex {
    tinycapi_cmsis_rtos2_mutex_cb control_block;
    osMutexId_t id; /* NULL: not initialised, or freed */
} tinycapi_cmsis_rtos2_mbedtls_mutex;

void tinycapi_cmsis_rtos2_mbedtls_mutex_init(tinycapi_cmsis_rtos2_mbedtls_mutex *mutex);
void tinycapi_cmsis_rtos2_mbedtls_mutex_free(tinycapi_cmsis_rtos2_mbedtls_mutex *mutex);
int tinycapi_cmsis_rtos2_mbedtls_mutex_lock(tinycapi_cmsis_rtos2_mbedtls_mutex *mutex);
int tinycapi_cmsis_rtos2_mbedtls_mutex_unlock(tinycapi_cmsis_rtos2_mbedtls_mutex *mutex);

#ifdef __cplusplus
}
#endif

#endif /* TINYCAPI_MBEDTLS_THREADING_CMSIS_RTOS2_H */
