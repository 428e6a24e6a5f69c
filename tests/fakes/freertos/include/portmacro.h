/* Fake FreeRTOS: the port layer's types, as the GCC ARM_CM3/ARM_CM4F ports define them. */
#ifndef PORTMACRO_H
#define PORTMACRO_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef long BaseType_t;
typedef unsigned long UBaseType_t;
typedef uint32_t TickType_t;
typedef uint32_t StackType_t;
#define portMAX_DELAY ((TickType_t)0xffffffffUL)

/* pdTRUE inside an interrupt handler (the ARM Cortex-M ports read IPSR). */
BaseType_t xPortIsInsideInterrupt(void);

/* Critical sections from task code; nestable. Not from an interrupt handler. */
void vPortEnterCritical(void);
void vPortExitCritical(void);
#define portENTER_CRITICAL() vPortEnterCritical()
#define portEXIT_CRITICAL() vPortExitCritical()

#ifdef __cplusplus
}
#endif

#endif /* PORTMACRO_H */
