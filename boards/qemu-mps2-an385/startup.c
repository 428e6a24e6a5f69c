/*
 * Startup for the QEMU mps2-an385 board (Cortex-M3): vector table, reset handler, fault
 * reports. Plain C99.
 *
 * Reset: fault reports and the stack guard on, the C runtime (boards/common/cortex_m_runtime.h),
 * then main, whose result goes to the host as QEMU's exit status.
 *
 * A stack overflow faults: see install_stack_guard. Faults are reported by
 * boards/common/cortex_m_mainline_faults.c.
 */
#include <stdint.h>

#include "cortex_m_mainline_faults.h"
#include "cortex_m_runtime.h"
#include "semihosting.h"

int main(void);

/* Symbols of mps2_an385.ld. */
extern uint32_t __stack_top[];
extern uint32_t __ram_start__[];

void Reset_Handler(void) __attribute__((noreturn));
static void fault_entry(void);

/* MPU registers (Armv7-M ARM, B3.5). */
#define MPU_CTRL (*(volatile uint32_t *)0xe000ed94u)
#define MPU_RNR (*(volatile uint32_t *)0xe000ed98u)
#define MPU_RBAR (*(volatile uint32_t *)0xe000ed9cu)
#define MPU_RASR (*(volatile uint32_t *)0xe000eda0u)

/* 16 system exceptions + the 32 interrupts of the AN385's CMSDK peripherals. */
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
        /* NMI, HardFault, MemManage, BusFault, UsageFault, 4 reserved, SVCall, DebugMonitor,
         * reserved, PendSV, SysTick, then the interrupts: all unexpected, all reported. */
        fault_entry, fault_entry, fault_entry, fault_entry, fault_entry, 0, 0, 0, 0,
        fault_entry, fault_entry, 0, fault_entry, fault_entry,
        UNEXPECTED4, UNEXPECTED4, UNEXPECTED4, UNEXPECTED4,
        UNEXPECTED4, UNEXPECTED4, UNEXPECTED4, UNEXPECTED4,
    },
};

/* The stack sits at the bottom of RAM (mps2_an385.ld). Below it, QEMU's mps2 reads zeros and
 * ignores writes instead of faulting, so an overflowing stack would run silently down into
 * the code memory. MPU region 0 makes the 32 KiB under RAM a no-access guard: an overflow
 * faults as MemManage (a frame would have to be larger than 32 KiB to jump the guard).
 * PRIVDEFENA keeps the default memory map everywhere else. */
#define STACK_GUARD_BYTES 0x8000u
#define MPU_RASR_GUARD ((1u << 28) /* XN */ | (0u << 24) /* AP: no access */ | \
                        ((15u - 1u) << 1) /* SIZE: 2^15 bytes */ | 1u /* ENABLE */)

static void install_stack_guard(void) {
    MPU_RNR = 0;
    MPU_RBAR = (uint32_t)(uintptr_t)__ram_start__ - STACK_GUARD_BYTES;
    MPU_RASR = MPU_RASR_GUARD;
    MPU_CTRL = (1u << 2) /* PRIVDEFENA */ | 1u /* ENABLE */;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

void Reset_Handler(void) {
    cortex_m_enable_fault_reports();
    install_stack_guard();
    cortex_m_start_c_runtime();
    semihosting_exit(main());
}

/* Find the exception frame (MSP or PSP, per EXC_RETURN bit 2) and report. The handler runs on
 * the faulting stack, below the frame, unless that stack has overflowed to within 256 bytes
 * of the bottom of RAM (or past it, into unmapped memory); then it moves to the top of the
 * stack, which is safe because it never returns. */
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
        "ldr r2, =__stack_top\n\t"
        "mov sp, r2\n"
        "1:\n\t"
        "b fault_report\n\t"
        ".ltorg\n");
}
