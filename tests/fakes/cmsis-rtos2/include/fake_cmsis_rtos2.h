/* Control of the fake CMSIS-RTOS2 kernel by tests (not a CMSIS API). */
#ifndef FAKE_CMSIS_RTOS2_H
#define FAKE_CMSIS_RTOS2_H

#include "cmsis_os2.h"

#ifdef __cplusplus
extern "C" {
#endif

/* osKernelInactive/osKernelReady: main() before osKernelStart; osKernelRunning (the start
 * state): every host thread is an RTOS thread; osKernelLocked: osKernelLock in effect. */
void fake_cmsis_set_kernel_state(osKernelState_t state);
/* The calling thread runs as an exception handler (IPSR = 16 + irq) until it leaves. */
void fake_cmsis_enter_isr(void);
void fake_cmsis_leave_isr(void);
/* The control block size this fake's osMutexNew needs in cb_mem. */
#define FAKE_CMSIS_MUTEX_CB_SIZE 16u

#ifdef __cplusplus
}
#endif

#endif /* FAKE_CMSIS_RTOS2_H */
