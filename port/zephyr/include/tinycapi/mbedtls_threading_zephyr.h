/*
 * <tinycapi/mbedtls_threading_zephyr.h> — Mbed TLS's mutexes (MBEDTLS_THREADING_ALT) as Zephyr
 * k_mutex, so that firmware using Mbed TLS beside tinycapi has one mutex implementation. In your
 * threading_alt.h:
 *
 *     #include <tinycapi/mbedtls_threading_zephyr.h>
 *     typedef tinycapi_zephyr_mbedtls_mutex mbedtls_threading_mutex_t;
 *
 * and once, before any other Mbed TLS call:
 *
 *     mbedtls_threading_set_alt(tinycapi_zephyr_mbedtls_mutex_init, tinycapi_zephyr_mbedtls_mutex_free,
 *                               tinycapi_zephyr_mbedtls_mutex_lock, tinycapi_zephyr_mbedtls_mutex_unlock);
 *
 * lock/unlock return 0, MBEDTLS_ERR_THREADING_BAD_INPUT_DATA for a mutex not initialised (or
 * freed), and MBEDTLS_ERR_THREADING_MUTEX_ERROR in an ISR or for an unlock by another thread.
 * k_mutex is recursive: a second lock by the owner succeeds and needs a second unlock.
 */
#ifndef TINYCAPI_MBEDTLS_THREADING_ZEPHYR_H
#define TINYCAPI_MBEDTLS_THREADING_ZEPHYR_H

#include <zephyr/kernel.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tinycapi_zephyr_mbedtls_mutex {
    struct k_mutex mutex;
    int initialised;
} tinycapi_zephyr_mbedtls_mutex;

void tinycapi_zephyr_mbedtls_mutex_init(tinycapi_zephyr_mbedtls_mutex *mutex);
void tinycapi_zephyr_mbedtls_mutex_free(tinycapi_zephyr_mbedtls_mutex *mutex);
int tinycapi_zephyr_mbedtls_mutex_lock(tinycapi_zephyr_mbedtls_mutex *mutex);
int tinycapi_zephyr_mbedtls_mutex_unlock(tinycapi_zephyr_mbedtls_mutex *mutex);

#ifdef __cplusplus
}
#endif

#endif /* TINYCAPI_MBEDTLS_THREADING_ZEPHYR_H */
