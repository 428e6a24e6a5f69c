// Mbed TLS threading glue on CMSIS-RTOS2 (see <tinycapi/mbedtls_threading_cmsis_rtos2.h>).
#include <tinycapi/mbedtls_threading_cmsis_rtos2.h>

#include <mbedtls/threading.h>

#include "cmsis_compiler.h"

namespace {

bool in_isr() { return __get_IPSR() != 0; }

bool threads_run() {
    osKernelState_t state = osKernelGetState();
    return state != osKernelInactive && state != osKernelReady;
}

}  // namespace

extern "C" {

void tinycapi_cmsis_rtos2_mbedtls_mutex_init(tinycapi_cmsis_rtos2_mbedtls_mutex *mutex) {
    if (mutex == nullptr) return;
    osMutexAttr_t attr = {"mbedtls", osMutexPrioInherit, &mutex->control_block, sizeof mutex->control_block};
    mutex->id = osMutexNew(&attr);
}

void tinycapi_cmsis_rtos2_mbedtls_mutex_free(tinycapi_cmsis_rtos2_mbedtls_mutex *mutex) {
    if (mutex == nullptr || mutex->id == nullptr) return;
    (void)osMutexDelete(mutex->id);
    mutex->id = nullptr;
}

int tinycapi_cmsis_rtos2_mbedtls_mutex_lock(tinycapi_cmsis_rtos2_mbedtls_mutex *mutex) {
    if (mutex == nullptr || mutex->id == nullptr) return MBEDTLS_ERR_THREADING_BAD_INPUT_DATA;
    if (in_isr()) return MBEDTLS_ERR_THREADING_MUTEX_ERROR;
    if (!threads_run()) return 0;
    if (osMutexGetOwner(mutex->id) == osThreadGetId()) return MBEDTLS_ERR_THREADING_MUTEX_ERROR;
    return osMutexAcquire(mutex->id, osWaitForever) == osOK ? 0 : MBEDTLS_ERR_THREADING_MUTEX_ERROR;
}

int tinycapi_cmsis_rtos2_mbedtls_mutex_unlock(tinycapi_cmsis_rtos2_mbedtls_mutex *mutex) {
    if (mutex == nullptr || mutex->id == nullptr) return MBEDTLS_ERR_THREADING_BAD_INPUT_DATA;
    if (in_isr()) return MBEDTLS_ERR_THREADING_MUTEX_ERROR;
    if (!threads_run()) return 0;
    if (osMutexGetOwner(mutex->id) != osThreadGetId()) return MBEDTLS_ERR_THREADING_MUTEX_ERROR;
    return osMutexRelease(mutex->id) == osOK ? 0 : MBEDTLS_ERR_THREADING_MUTEX_ERROR;
}

}  // extern "C"
