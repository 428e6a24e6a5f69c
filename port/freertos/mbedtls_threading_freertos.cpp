// Mbed TLS threading glue on FreeRTOS (see <tinycapi/mbedtls_threading_freertos.h>).
#include <tinycapi/mbedtls_threading_freertos.h>

#include <mbedtls/threading.h>

#include "task.h"

namespace {

bool in_interrupt() { return xPortIsInsideInterrupt() != pdFALSE; }
bool scheduler_started() { return xTaskGetSchedulerState() != taskSCHEDULER_NOT_STARTED; }

}  // namespace

extern "C" {

void tinycapi_freertos_mbedtls_mutex_init(tinycapi_freertos_mbedtls_mutex *mutex) {
    if (mutex == nullptr) return;
    mutex->handle = xSemaphoreCreateMutexStatic(&mutex->storage);
}

void tinycapi_freertos_mbedtls_mutex_free(tinycapi_freertos_mbedtls_mutex *mutex) {
    if (mutex == nullptr || mutex->handle == nullptr) return;
    vSemaphoreDelete(mutex->handle);
    mutex->handle = nullptr;
}

int tinycapi_freertos_mbedtls_mutex_lock(tinycapi_freertos_mbedtls_mutex *mutex) {
    if (mutex == nullptr || mutex->handle == nullptr) return MBEDTLS_ERR_THREADING_BAD_INPUT_DATA;
    if (in_interrupt()) return MBEDTLS_ERR_THREADING_MUTEX_ERROR;
    if (!scheduler_started()) return 0;
    if (xSemaphoreGetMutexHolder(mutex->handle) == xTaskGetCurrentTaskHandle()) {
        return MBEDTLS_ERR_THREADING_MUTEX_ERROR;
    }
    while (xSemaphoreTake(mutex->handle, portMAX_DELAY) != pdTRUE) {
    }
    return 0;
}

int tinycapi_freertos_mbedtls_mutex_unlock(tinycapi_freertos_mbedtls_mutex *mutex) {
    if (mutex == nullptr || mutex->handle == nullptr) return MBEDTLS_ERR_THREADING_BAD_INPUT_DATA;
    if (in_interrupt()) return MBEDTLS_ERR_THREADING_MUTEX_ERROR;
    if (!scheduler_started()) return 0;
    if (xSemaphoreGetMutexHolder(mutex->handle) != xTaskGetCurrentTaskHandle()) {
        return MBEDTLS_ERR_THREADING_MUTEX_ERROR;
    }
    return xSemaphoreGive(mutex->handle) == pdTRUE ? 0 : MBEDTLS_ERR_THREADING_MUTEX_ERROR;
}

}  // extern "C"
