/* Control of the fake FreeRTOS kernel by tests (not a FreeRTOS API). */
#ifndef FAKE_FREERTOS_H
#define FAKE_FREERTOS_H

#include "FreeRTOS.h"

#ifdef __cplusplus
extern "C" {
#endif

/* taskSCHEDULER_NOT_STARTED: main() before vTaskStartScheduler (no task runs; the kernel has no
 * current task). taskSCHEDULER_RUNNING: every host thread is a task. Starts RUNNING. */
void fake_freertos_set_scheduler_state(BaseType_t state);

/* The calling thread runs as an interrupt handler until it leaves. */
void fake_freertos_enter_interrupt(void);
void fake_freertos_leave_interrupt(void);

#ifdef __cplusplus
}
#endif

#endif /* FAKE_FREERTOS_H */
