/*
 * The mps2-an385 board under FreeRTOS (kernel_glue.c): the vector table with the kernel's
 * handlers, and software-pended interrupts. Plain C99.
 */
#ifndef TINYCAPI_BOARD_MPS2_AN385_FREERTOS_KERNEL_GLUE_H
#define TINYCAPI_BOARD_MPS2_AN385_FREERTOS_KERNEL_GLUE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Call in main() before vTaskStartScheduler: a RAM copy of the board's vector table with
 * the kernel's SVCall, PendSV and SysTick handlers, and `handler` for external interrupt
 * `interrupt` (0..31) at NVIC priority `priority`, enabled. */
void board_freertos_install_vectors(unsigned interrupt, void (*handler)(void), uint8_t priority);

/* Make external interrupt `interrupt` pending, as a peripheral would (NVIC_ISPR0). */
void board_freertos_pend_interrupt(unsigned interrupt);

#ifdef __cplusplus
}
#endif

#endif /* TINYCAPI_BOARD_MPS2_AN385_FREERTOS_KERNEL_GLUE_H */
