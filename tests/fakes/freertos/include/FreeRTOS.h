/*
 * Fake FreeRTOS (tests/fakes/freertos): the subset of the FreeRTOS-Kernel V11 API that
 * tinycapi's port uses, with the kernel's names, types, signatures and return codes
 * (FreeRTOS API reference, https://www.freertos.org/a00106.html), implemented over pthreads by
 * fake_freertos.cpp. Written for this project; no kernel source is copied.
 */
#ifndef INC_FREERTOS_H
#define INC_FREERTOS_H

#include <stddef.h>
#include <stdint.h>

#include "FreeRTOSConfig.h"
#include "projdefs.h"
#include "portmacro.h"

#ifndef configNUM_THREAD_LOCAL_STORAGE_POINTERS
#define configNUM_THREAD_LOCAL_STORAGE_POINTERS 0
#endif

/* The static-allocation types: opaque storage the size of the kernel's own on 32 bits. The fake
 * keeps its object behind the first word, so zeroed storage reads as "not created". */
typedef struct xSTATIC_QUEUE {
    void *pvDummy1[3];
    void *pvDummy2[17];
} StaticQueue_t;
typedef StaticQueue_t StaticSemaphore_t;

#endif /* INC_FREERTOS_H */
