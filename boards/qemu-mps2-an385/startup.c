/*
 * Startup for the QEMU mps2-an385 board (Cortex-M3): vector table, reset handler, fault
 * reports. Plain C99.
 *
 * Reset: copy .data from its load image, zero .bss, run the static constructors that the
 * image has (the .preinit_array and .init_array tables; empty tables cost nothing), call
 * main, and hand main's result to the host as QEMU's exit status. Newlib's crt0 is not
 * linked (-nostartfiles): it would also set up stdio and a heap, which these images must
 * not have.
 *
 * A stack overflow faults: see install_stack_guard.
 *
 * Faults: every exception other than reset is unexpected here (no interrupt is enabled).
 * The handler names it, prints the stacked pc/lr and the fault status registers over
 * semihosting, and exits with status 128 + the exception number (HardFault → 131), so a
 * crash under ctest fails the test at once instead of hanging until the timeout.
 */
#include <stdint.h>

#include "semihosting.h"

int main(void);

/* Symbols of mps2_an385.ld. */
extern uint32_t __stack_top[];
extern uint32_t __ram_start__[];
extern uint32_t __ram_end__[];
extern const uint32_t __data_load__[];
extern uint32_t __data_start__[];
extern uint32_t __data_end__[];
extern uint32_t __bss_start__[];
extern uint32_t __bss_end__[];
typedef void (*init_function)(void);
extern const init_function __preinit_array_start[];
extern const init_function __preinit_array_end[];
extern const init_function __init_array_start[];
extern const init_function __init_array_end[];

void Reset_Handler(void) __attribute__((noreturn));
void fault_report(const uint32_t *frame, uint32_t exception) __attribute__((noreturn, used));
static void fault_entry(void);

/* System control block registers (Armv7-M ARM, B3.2). */
#define SCB_AIRCR (*(volatile uint32_t *)0xe000ed0cu)
#define SCB_CCR (*(volatile uint32_t *)0xe000ed14u)
#define SCB_SHCSR (*(volatile uint32_t *)0xe000ed24u)
#define SCB_CFSR (*(volatile uint32_t *)0xe000ed28u)
#define SCB_HFSR (*(volatile uint32_t *)0xe000ed2cu)
#define SCB_MMFAR (*(volatile uint32_t *)0xe000ed34u)
#define SCB_BFAR (*(volatile uint32_t *)0xe000ed38u)
#define MPU_CTRL (*(volatile uint32_t *)0xe000ed94u)
#define MPU_RNR (*(volatile uint32_t *)0xe000ed98u)
#define MPU_RBAR (*(volatile uint32_t *)0xe000ed9cu)
#define MPU_RASR (*(volatile uint32_t *)0xe000eda0u)
#define CCR_DIV_0_TRP (1u << 4)
#define SHCSR_FAULTS_ENABLE ((1u << 16) | (1u << 17) | (1u << 18)) /* MemManage, Bus, Usage */

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

static void run_functions(const init_function *first, const init_function *last) {
    for (; first < last; ++first) {
        (*first)();
    }
}

void Reset_Handler(void) {
    const uint32_t *source = __data_load__;
    for (uint32_t *word = __data_start__; word < __data_end__; ++word) {
        *word = *source++;
    }
    for (uint32_t *word = __bss_start__; word < __bss_end__; ++word) {
        *word = 0;
    }
    /* Report MemManage, Bus and Usage faults under their own names instead of all as
     * HardFault, and trap integer division by zero instead of yielding 0. */
    SCB_SHCSR |= SHCSR_FAULTS_ENABLE;
    SCB_CCR |= CCR_DIV_0_TRP;
    install_stack_guard();

    run_functions(__preinit_array_start, __preinit_array_end);
    run_functions(__init_array_start, __init_array_end);
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

static const char *exception_name(uint32_t exception) {
    switch (exception) {
    case 2: return "NMI";
    case 3: return "HardFault";
    case 4: return "MemManage";
    case 5: return "BusFault";
    case 6: return "UsageFault";
    case 11: return "SVCall";
    case 12: return "DebugMonitor";
    case 14: return "PendSV";
    case 15: return "SysTick";
    default: return exception >= 16 ? "interrupt" : "reserved exception";
    }
}

static void put_register(const char *name, uint32_t value) {
    semihosting_puts(name);
    semihosting_put_hex(value, 8);
}

void fault_report(const uint32_t *frame, uint32_t exception) {
    exception &= 0x1ffu;
    semihosting_puts("\n*** FAULT: ");
    semihosting_puts(exception_name(exception));
    semihosting_puts(" (exception ");
    semihosting_put_decimal(exception);
    semihosting_puts(")\n");
    /* The frame is r0-r3, r12, lr, pc, xPSR; read it only if it lies in RAM. */
    uintptr_t address = (uintptr_t)frame;
    if (address >= (uintptr_t)__ram_start__ && address + 32u <= (uintptr_t)__ram_end__) {
        put_register("    pc   ", frame[6]);
        put_register("  lr   ", frame[5]);
        put_register("  xpsr ", frame[7]);
        semihosting_puts("\n");
    } else {
        put_register("    sp   ", (uint32_t)address);
        semihosting_puts("  (outside RAM: stack overflow?)\n");
    }
    put_register("    cfsr ", SCB_CFSR);
    put_register("  hfsr ", SCB_HFSR);
    put_register("  mmfar ", SCB_MMFAR);
    put_register("  bfar ", SCB_BFAR);
    semihosting_puts("\n");
    semihosting_exit(128 + (int)exception);
}

/* AIRCR: VECTKEY 0x05FA and SYSRESETREQ (Armv7-M ARM, B3.2.6). QEMU resets the machine; RAM
 * outside the ELF's segments keeps its contents. */
void board_system_reset(void) __attribute__((noreturn));
void board_system_reset(void) {
    __asm__ volatile("dsb" ::: "memory");
    SCB_AIRCR = (0x05FAu << 16) | (1u << 2);
    __asm__ volatile("dsb" ::: "memory");
    for (;;) {
    }
}
