/*
 * Minimal startup for the generic Cortex-M4 build check (plain C99): a vector table with the
 * 16 system exceptions, a reset handler (the C runtime start of boards/common/cortex_m_runtime.c,
 * then main) and weak exception handlers that stop in Default_Handler, where a
 * debugger finds the core. It does not report anything: a real board has no semihosting
 * host to report to. Add your device's interrupt vectors after SysTick.
 */
#include <stdint.h>

#include "cortex_m_runtime.h"

int main(void);

extern uint32_t __stack_top[];

void Reset_Handler(void) __attribute__((noreturn));
void Default_Handler(void);

/* Weak, so that the application overrides any of them by defining a function of that name. */
void NMI_Handler(void) __attribute__((weak, alias("Default_Handler")));
void HardFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void MemManage_Handler(void) __attribute__((weak, alias("Default_Handler")));
void BusFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void UsageFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SVC_Handler(void) __attribute__((weak, alias("Default_Handler")));
void DebugMon_Handler(void) __attribute__((weak, alias("Default_Handler")));
void PendSV_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SysTick_Handler(void) __attribute__((weak, alias("Default_Handler")));

typedef void (*vector_entry)(void);
struct vector_table {
    uint32_t *initial_stack;
    vector_entry handlers[15];
};

__attribute__((section(".vectors"), used)) static const struct vector_table vectors = {
    __stack_top,
    {
        Reset_Handler, NMI_Handler, HardFault_Handler, MemManage_Handler, BusFault_Handler,
        UsageFault_Handler, 0, 0, 0, 0, SVC_Handler, DebugMon_Handler, 0, PendSV_Handler,
        SysTick_Handler,
    },
};

void Reset_Handler(void) {
    cortex_m_start_c_runtime();
    (void)main();
    for (;;) {
        __asm__ volatile("wfi");
    }
}

void Default_Handler(void) {
    for (;;) {
    }
}
