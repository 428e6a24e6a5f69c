/*
 * Fake CMSIS-RTOS2 (tests/fakes/cmsis-rtos2): the subset of the CMSIS-RTOS2 API (v2.1) that
 * tinycapi's port uses, with its names, types, signatures and return codes (CMSIS-RTOS2 API
 * reference, https://arm-software.github.io/CMSIS_5/RTOS2/html/), implemented over pthreads by
 * fake_cmsis_rtos2.cpp. Written for this project; no CMSIS source is copied.
 */
#ifndef CMSIS_OS2_H_
#define CMSIS_OS2_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    osOK = 0,
    osError = -1,
    osErrorTimeout = -2,
    osErrorResource = -3,
    osErrorParameter = -4,
    osErrorNoMemory = -5,
    osErrorISR = -6,
    osStatusReserved = 0x7FFFFFFF
} osStatus_t;

typedef enum {
    osKernelInactive = 0,
    osKernelReady = 1,
    osKernelRunning = 2,
    osKernelLocked = 3,
    osKernelSuspended = 4,
    osKernelError = -1,
    osKernelReserved = 0x7FFFFFFF
} osKernelState_t;

typedef void *osThreadId_t;
typedef void *osMutexId_t;

#define osWaitForever 0xFFFFFFFFU

#define osMutexRecursive 0x00000001U
#define osMutexPrioInherit 0x00000002U
#define osMutexRobust 0x00000008U

typedef struct {
    const char *name;
    uint32_t attr_bits;
    void *cb_mem;     /* control block memory; NULL: the RTOS allocates it */
    uint32_t cb_size; /* its size in bytes */
} osMutexAttr_t;

osKernelState_t osKernelGetState(void);
/* Lock the scheduler (no thread switch) / restore it: the previous lock state (1 locked,
 * 0 not), or a negative osStatus_t (osErrorISR). */
int32_t osKernelLock(void);
int32_t osKernelUnlock(void);
int32_t osKernelRestoreLock(int32_t lock);
/* NULL when called before the kernel runs. */
osThreadId_t osThreadGetId(void);

/* NULL on failure (from an ISR, cb_size too small for this RTOS's control block). */
osMutexId_t osMutexNew(const osMutexAttr_t *attr);
/* osOK; osErrorTimeout; osErrorResource (not available and timeout 0); osErrorParameter;
 * osErrorISR (from an interrupt service routine). */
osStatus_t osMutexAcquire(osMutexId_t mutex_id, uint32_t timeout);
/* osOK; osErrorResource (not acquired, or not the owner); osErrorParameter; osErrorISR. */
osStatus_t osMutexRelease(osMutexId_t mutex_id);
osThreadId_t osMutexGetOwner(osMutexId_t mutex_id);
osStatus_t osMutexDelete(osMutexId_t mutex_id);

#ifdef __cplusplus
}
#endif

#endif /* CMSIS_OS2_H_ */
