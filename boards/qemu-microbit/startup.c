/*
 * Startup for the BBC micro:bit's nRF51822 (Cortex-M0, ARMv6-M) under QEMU `-M microbit`:
 * vector table, reset handler, stack painting, fault report. Plain C99.
 *
 * Reset: paint the stack, copy .data, zero .bss, run the static constructors, call main;
 * then report the stack's high-water mark and hand main's result to the host as QEMU's exit
 * status (semihosting, shared with the MPS2 boards: boards/qemu-mps2-an385/semihosting.c).
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

#include "semihosting.h"

int main(void);

/* Symbols of nrf51_microbit.ld. */
extern uint32_t __stack_bottom[];
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

static void run_functions(const init_function *first, const init_function *last) {
    for (; first < last; ++first) {
        (*first)();
    }
}

void Reset_Handler(void) {
    paint_stack();
    const uint32_t *source = __data_load__;
    for (uint32_t *word = __data_start__; word < __data_end__; ++word) {
        *word = *source++;
    }
    for (uint32_t *word = __bss_start__; word < __bss_end__; ++word) {
        *word = 0;
    }
    run_functions(__preinit_array_start, __preinit_array_end);
    run_functions(__init_array_start, __init_array_end);
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

static void put_register(const char *name, uint32_t value) {
    semihosting_puts(name);
    semihosting_put_hex(value, 8);
}

void fault_report(const uint32_t *frame, uint32_t exception) {
    exception &= 0x3fu;
    semihosting_puts("\n*** FAULT: ");
    semihosting_puts(exception == 3 ? "HardFault" : exception == 2 ? "NMI" : "unexpected exception");
    semihosting_puts(" (exception ");
    semihosting_put_decimal(exception);
    semihosting_puts(")\n");
    uintptr_t address = (uintptr_t)frame;
    if (address >= (uintptr_t)__ram_start__ && address + 32u <= (uintptr_t)__ram_end__) {
        put_register("    pc   ", frame[6]);
        put_register("  lr   ", frame[5]);
        put_register("  xpsr ", frame[7]);
    } else {
        put_register("    sp   ", (uint32_t)address);
        semihosting_puts("  (outside RAM: stack overflow?)");
    }
    semihosting_puts("\n");
    semihosting_exit(128 + (int)exception);
}
