// Mbed TLS threading glue on Zephyr (see <tinycapi/mbedtls_threading_zephyr.h>).
#include <tinycapi/mbedtls_threading_zephyr.h>

#include <mbedtls/threading.h>

extern "C" {

void tinycapi_zephyr_mbedtls_mutex_init(tinycapi_zephyr_mbedtls_mutex *mutex) {
    if (mutex == nullptr) return;
    mutex->initialised = k_mutex_init(&mutex->mutex) == 0;
}

void tinycapi_zephyr_mbedtls_mutex_free(tinycapi_zephyr_mbedtls_mutex *mutex) {
    if (mutex == nullptr) return;
    mutex->initialised = 0;  // a k_mutex owns no resource to release
}

int tinycapi_zephyr_mbedtls_mutex_lock(tinycapi_zephyr_mbedtls_mutex *mutex) {
    if (mutex == nullptr || !mutex->initialised) return MBEDTLS_ERR_THREADING_BAD_INPUT_DATA;
    if (k_is_in_isr()) return MBEDTLS_ERR_THREADING_MUTEX_ERROR;
    if (k_is_pre_kernel()) return 0;
    return k_mutex_lock(&mutex->mutex, K_FOREVER) == 0 ? 0 : MBEDTLS_ERR_THREADING_MUTEX_ERROR;
}

int tinycapi_zephyr_mbedtls_mutex_unlock(tinycapi_zephyr_mbedtls_mutex *mutex) {
    if (mutex == nullptr || !mutex->initialised) return MBEDTLS_ERR_THREADING_BAD_INPUT_DATA;
    if (k_is_in_isr()) return MBEDTLS_ERR_THREADING_MUTEX_ERROR;
    if (k_is_pre_kernel()) return 0;
    return k_mutex_unlock(&mutex->mutex) == 0 ? 0 : MBEDTLS_ERR_THREADING_MUTEX_ERROR;
}

}  // extern "C"
