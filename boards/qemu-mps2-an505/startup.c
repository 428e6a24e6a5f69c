/*
 * Startup for the QEMU mps2-an505 board (Cortex-M33, ARMv8-M mainline, Secure state): vector
 * table, reset handler, fault reports. Plain C99.
 *
 * Reset: set the stack limit, copy .data, zero .bss, run the static constructors, call main
 * and hand its result to the host as QEMU's exit status (semihosting, shared with the
 * Cortex-M3 board: boards/qemu-mps2-an385/semihosting.c).
 *
 * Stack overflow: MSPLIM (ARMv8-M ARM, B3.24 "Stack limit checks") is set to the bottom of the
 * stack (mps2_an505.ld), so a push below it raises a UsageFault with CFSR.STKOF instead of
 * overwriting memory. The fault handler reports it like any other fault: its name, the stacked
 * pc/lr and the fault status registers, then exit status 128 + the exception number.
 */
#include <stdint.h>

#include "semihosting.h"

int main(void);

/* Symbols of mps2_an505.ld. */
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

void Reset_Handler(void) __attribute__((noreturn, naked));
void reset_continue(void) __attribute__((noreturn, used));
void fault_report(const uint32_t *frame, uint32_t exception) __attribute__((noreturn, used));
static void fault_entry(void);

/* System control block registers (ARMv8-M ARM, B3.2 / D1.2). */
#define SCB_AIRCR (*(volatile uint32_t *)0xe000ed0cu)
#define SCB_CCR (*(volatile uint32_t *)0xe000ed14u)
#define SCB_SHCSR (*(volatile uint32_t *)0xe000ed24u)
#define SCB_CFSR (*(volatile uint32_t *)0xe000ed28u)
#define SCB_HFSR (*(volatile uint32_t *)0xe000ed2cu)
#define SCB_MMFAR (*(volatile uint32_t *)0xe000ed34u)
#define SCB_BFAR (*(volatile uint32_t *)0xe000ed38u)
#define CCR_DIV_0_TRP (1u << 4)
/* MemManage, Bus, Usage and Secure faults under their own names instead of all as HardFault. */
#define SHCSR_FAULTS_ENABLE ((1u << 16) | (1u << 17) | (1u << 18) | (1u << 19))

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

static void run_functions(const init_function *first, const init_function *last) {
    for (; first < last; ++first) {
        (*first)();
    }
}

void reset_continue(void) {
    const uint32_t *source = __data_load__;
    for (uint32_t *word = __data_start__; word < __data_end__; ++word) {
        *word = *source++;
    }
    for (uint32_t *word = __bss_start__; word < __bss_end__; ++word) {
        *word = 0;
    }
    SCB_SHCSR |= SHCSR_FAULTS_ENABLE;
    SCB_CCR |= CCR_DIV_0_TRP;

    run_functions(__preinit_array_start, __preinit_array_end);
    run_functions(__init_array_start, __init_array_end);
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

static const char *exception_name(uint32_t exception) {
    switch (exception) {
    case 2: return "NMI";
    case 3: return "HardFault";
    case 4: return "MemManage";
    case 5: return "BusFault";
    case 6: return "UsageFault";
    case 7: return "SecureFault";
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
    uintptr_t address = (uintptr_t)frame;
    if (address >= (uintptr_t)__ram_start__ && address + 32u <= (uintptr_t)__ram_end__) {
        put_register("    pc   ", frame[6]);
        put_register("  lr   ", frame[5]);
        put_register("  xpsr ", frame[7]);
        semihosting_puts("\n");
    } else {
        put_register("    sp   ", (uint32_t)address);
        semihosting_puts("  (outside RAM)\n");
    }
    /* CFSR bit 20 is STKOF: the stack limit was hit. */
    put_register("    cfsr ", SCB_CFSR);
    put_register("  hfsr ", SCB_HFSR);
    put_register("  mmfar ", SCB_MMFAR);
    put_register("  bfar ", SCB_BFAR);
    semihosting_puts("\n");
    semihosting_exit(128 + (int)exception);
}

/* AIRCR: VECTKEY 0x05FA and SYSRESETREQ. QEMU resets the machine; RAM outside the ELF's
 * segments keeps its contents. */
void board_system_reset(void) __attribute__((noreturn));
void board_system_reset(void) {
    __asm__ volatile("dsb" ::: "memory");
    SCB_AIRCR = (0x05FAu << 16) | (1u << 2);
    __asm__ volatile("dsb" ::: "memory");
    for (;;) {
    }
}
