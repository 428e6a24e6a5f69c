/*
 * Startup for the BBC micro:bit's nRF51822 (Cortex-M0, ARMv6-M) under QEMU `-M microbit`:
 * vector table, reset handler, stack painting, fault report. Plain C99.
 *
 * Reset: paint the stack, the C runtime (boards/common/cortex_m_runtime.h), call main; then
 * report the stack's high-water mark and hand main's result to the host as QEMU's exit status
 * (boards/common/semihosting.c).
 *
 * Stack painting: every word of the stack below the reset handler's frame is set to a pattern
 * before anything else runs; when main returns, the lowest word that no longer holds it is
 * the deepest the stack went (an upper bound on the use is not needed: the figure is exact to
 * the word, unless a frame wrote the pattern itself, which would only make it lower).
 *
 * Faults: ARMv6-M has HardFault only (no fault status registers). The handler prints the
 * stacked pc/lr/xpsr and exits with status 128 + 3.
 */
#include <stdint.h>

#include "cortex_m_runtime.h"
#include "fault_report.h"
#include "semihosting.h"

int main(void);

/* Symbols of nrf51_microbit.ld. */
extern uint32_t __stack_bottom[];
extern uint32_t __stack_top[];

void Reset_Handler(void) __attribute__((noreturn));
void fault_report(const uint32_t *frame, uint32_t exception) __attribute__((noreturn, used));
static void fault_entry(void);

#define STACK_PAINT 0x5a1f5a1fu

/* 16 system exceptions + the nRF51's 32 interrupts. */
#define VECTOR_COUNT (16 + 32)

typedef void (*vector_entry)(void);
struct vector_table {
    uint32_t *initial_stack;
    vector_entry handlers[VECTOR_COUNT - 1];
};

#define UNEXPECTED4 fault_entry, fault_entry, fault_entry, fault_entry
__attribute__((section(".vectors"), used)) static const struct vector_table vectors = {
    __stack_top,
    {
        Reset_Handler,
        /* NMI, HardFault, 7 reserved, SVCall, 2 reserved, PendSV, SysTick, then the
         * interrupts: all unexpected, all reported. */
        fault_entry, fault_entry, 0, 0, 0, 0, 0, 0, 0,
        fault_entry, 0, 0, fault_entry, fault_entry,
        UNEXPECTED4, UNEXPECTED4, UNEXPECTED4, UNEXPECTED4,
        UNEXPECTED4, UNEXPECTED4, UNEXPECTED4, UNEXPECTED4,
    },
};

static uint32_t *stack_pointer(void) {
    uint32_t *sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

/* Paint from the bottom of the stack to 64 bytes below the current frame. */
__attribute__((noinline)) static void paint_stack(void) {
    uint32_t *limit = stack_pointer() - 16;
    for (volatile uint32_t *word = __stack_bottom; word < limit; ++word) {
        *word = STACK_PAINT;
    }
}

static uint32_t stack_high_water_bytes(void) {
    const uint32_t *word = __stack_bottom;
    while (word < __stack_top && *word == STACK_PAINT) {
        ++word;
    }
    return (uint32_t)((uintptr_t)__stack_top - (uintptr_t)word);
}

void Reset_Handler(void) {
    paint_stack();
    cortex_m_start_c_runtime();
    int result = main();

    semihosting_puts("stack high-water mark: ");
    semihosting_put_decimal(stack_high_water_bytes());
    semihosting_puts(" of ");
    semihosting_put_decimal((uint32_t)((uintptr_t)__stack_top - (uintptr_t)__stack_bottom));
    semihosting_puts(" bytes (painted stack)\n");
    semihosting_exit(result);
}

/* ARMv6-M (Thumb-1): find the exception frame (MSP or PSP, per EXC_RETURN bit 2). If the
 * stack is within 256 bytes of its bottom, move to its top: the report never returns. */
__attribute__((naked)) static void fault_entry(void) {
    __asm__ volatile(
        "movs r0, #4\n\t"
        "mov r1, lr\n\t"
        "tst r0, r1\n\t"
        "bne 1f\n\t"
        "mrs r0, msp\n\t"
        "b 2f\n"
        "1:\n\t"
        "mrs r0, psp\n"
        "2:\n\t"
        "mrs r1, ipsr\n\t"
        "ldr r2, =__stack_bottom + 256\n\t"
        "mov r3, sp\n\t"
        "cmp r3, r2\n\t"
        "bhs 3f\n\t"
        "ldr r2, =__stack_top\n\t"
        "mov sp, r2\n"
        "3:\n\t"
        "ldr r3, =fault_report\n\t"
        "bx r3\n\t"
        ".ltorg\n");
}

void fault_report(const uint32_t *frame, uint32_t exception) {
    exception &= 0x3fu;
    cortex_m_report_fault_frame(frame, exception,
                                exception == 3 ? "HardFault" : exception == 2 ? "NMI" : "unexpected exception");
    semihosting_exit(128 + (int)exception);
}
