/*
 * What FreeRTOS needs from the mps2-an385 board: the kernel's handlers in the vector table,
 * the idle task's static memory, and failures (configASSERT, a stack overflow) that end the
 * emulation with a failure status instead of hanging until ctest's timeout.
 *
 * Vector table: startup.c's table (in code memory, at VTOR's reset value 0) routes every
 * exception but reset to its fault report. board_freertos_install_vectors copies it to RAM,
 * puts the kernel's SVCall, PendSV and SysTick handlers and one interrupt handler of the
 * image in place, and points VTOR at the copy: the kernel's handlers sit in the table itself,
 * as port.c checks (configCHECK_HANDLER_INSTALLATION), and the fault reports stay.
 */
#include "kernel_glue.h"

#include <stdint.h>

#include "FreeRTOS.h"
#include "semihosting.h"
#include "task.h"

/* port.c's handlers (portable/GCC/ARM_CM3). */
void vPortSVCHandler(void);
void xPortPendSVHandler(void);
void xPortSysTickHandler(void);

#define SCB_VTOR (*(volatile uint32_t *)0xe000ed08u)
#define NVIC_ISER0 (*(volatile uint32_t *)0xe000e100u)
#define NVIC_IPR ((volatile uint8_t *)0xe000e400u)

enum { vector_count = 16 + 32, svcall = 11, pendsv = 14, systick = 15, first_interrupt = 16 };

typedef void (*vector_entry)(void);
/* VTOR needs the table aligned to its size rounded up to a power of two: 48 words → 256 B. */
static vector_entry ram_vectors[vector_count] __attribute__((aligned(256)));

void board_freertos_install_vectors(unsigned interrupt, void (*handler)(void), uint8_t priority) {
    const vector_entry *board_vectors = (const vector_entry *)(uintptr_t)SCB_VTOR;
    for (unsigned i = 0; i < vector_count; ++i) ram_vectors[i] = board_vectors[i];
    ram_vectors[svcall] = vPortSVCHandler;
    ram_vectors[pendsv] = xPortPendSVHandler;
    ram_vectors[systick] = xPortSysTickHandler;
    ram_vectors[first_interrupt + interrupt] = handler;
    __asm__ volatile("dsb" ::: "memory");
    SCB_VTOR = (uint32_t)(uintptr_t)ram_vectors;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    NVIC_IPR[interrupt] = priority;
    NVIC_ISER0 = 1u << interrupt;
}

void board_freertos_pend_interrupt(unsigned interrupt) {
    *(volatile uint32_t *)0xe000e200u = 1u << interrupt; /* NVIC_ISPR0 */
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

void board_freertos_assert_failed(const char *file, int line) {
    semihosting_puts("\n*** configASSERT failed: ");
    semihosting_puts(file);
    semihosting_puts(":");
    semihosting_put_decimal((uint32_t)line);
    semihosting_puts("\n");
    semihosting_exit(2);
}

void vApplicationStackOverflowHook(TaskHandle_t task, char *name) {
    (void)task;
    semihosting_puts("\n*** stack overflow in task ");
    semihosting_puts(name);
    semihosting_puts("\n");
    semihosting_exit(3);
}

static StaticTask_t idle_task;
static StackType_t idle_stack[configMINIMAL_STACK_SIZE];

void vApplicationGetIdleTaskMemory(StaticTask_t **task, StackType_t **stack,
                                   configSTACK_DEPTH_TYPE *stack_words) {
    *task = &idle_task;
    *stack = idle_stack;
    *stack_words = configMINIMAL_STACK_SIZE;
}
