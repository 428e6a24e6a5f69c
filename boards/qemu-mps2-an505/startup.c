/*
 * Startup for the QEMU mps2-an505 board (Cortex-M33, ARMv8-M mainline, Secure state): vector
 * table, reset handler, fault reports. Plain C99.
 *
 * Reset: set the stack limit, fault reports on, the C runtime (boards/common/cortex_m_runtime.h),
 * then main, whose result goes to the host as QEMU's exit status (boards/common/semihosting.c).
 *
 * Stack overflow: MSPLIM (ARMv8-M ARM, B3.24 "Stack limit checks") is set to the bottom of the
 * stack (mps2_an505.ld), so a push below it raises a UsageFault with CFSR.STKOF instead of
 * overwriting memory. The fault handler reports it like any other fault
 * (boards/common/cortex_m_mainline_faults.c).
 */
#include <stdint.h>

#include "cortex_m_mainline_faults.h"
#include "cortex_m_runtime.h"
#include "semihosting.h"

int main(void);

/* Symbols of mps2_an505.ld. */
extern uint32_t __stack_top[];

void Reset_Handler(void) __attribute__((noreturn, naked));
void reset_continue(void) __attribute__((noreturn, used));
static void fault_entry(void);

/* 16 system exceptions + the SSE-200's and AN505's interrupts that QEMU wires (up to 96). */
#define VECTOR_COUNT (16 + 96)

typedef void (*vector_entry)(void);
struct vector_table {
    uint32_t *initial_stack;
    vector_entry handlers[VECTOR_COUNT - 1];
};

#define UNEXPECTED4 fault_entry, fault_entry, fault_entry, fault_entry
#define UNEXPECTED16 UNEXPECTED4, UNEXPECTED4, UNEXPECTED4, UNEXPECTED4
__attribute__((section(".vectors"), used, aligned(512))) static const struct vector_table vectors = {
    __stack_top,
    {
        Reset_Handler,
        /* NMI, HardFault, MemManage, BusFault, UsageFault, SecureFault, 3 reserved, SVCall,
         * DebugMonitor, reserved, PendSV, SysTick, then the interrupts: all unexpected. */
        fault_entry, fault_entry, fault_entry, fault_entry, fault_entry, fault_entry, 0, 0, 0,
        fault_entry, fault_entry, 0, fault_entry, fault_entry,
        UNEXPECTED16, UNEXPECTED16, UNEXPECTED16, UNEXPECTED16, UNEXPECTED16, UNEXPECTED16,
    },
};

/* The stack limit is set before any C code pushes anything. */
void Reset_Handler(void) {
    __asm__ volatile(
        "ldr r0, =__ram_start__\n\t"
        "msr msplim, r0\n\t"
        "b reset_continue\n\t"
        ".ltorg\n");
}

void reset_continue(void) {
    cortex_m_enable_fault_reports();
    cortex_m_start_c_runtime();
    semihosting_exit(main());
}

/* Find the exception frame (MSP or PSP, per EXC_RETURN bit 2) and report. A stack overflow
 * leaves sp at the limit, with no room for the report: the handler lifts the limit and moves
 * to the top of the stack whenever sp is within 256 bytes of the bottom, which is safe because
 * it never returns. */
__attribute__((naked)) static void fault_entry(void) {
    __asm__ volatile(
        "tst lr, #4\n\t"
        "ite eq\n\t"
        "mrseq r0, msp\n\t"
        "mrsne r0, psp\n\t"
        "mrs r1, ipsr\n\t"
        "ldr r2, =__ram_start__ + 256\n\t"
        "cmp sp, r2\n\t"
        "bhs 1f\n\t"
        "movs r2, #0\n\t"
        "msr msplim, r2\n\t"
        "ldr r2, =__stack_top\n\t"
        "mov sp, r2\n"
        "1:\n\t"
        "b fault_report\n\t"
        ".ltorg\n");
}
