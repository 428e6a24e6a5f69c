/*
 * The C runtime start and the fault report's frame lines of the QEMU boards
 * (cortex_m_runtime.h). Plain C99.
 */
#include "cortex_m_runtime.h"

#include "semihosting.h"

/* Symbols of the board's linker script. */
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

static void run_functions(const init_function *first, const init_function *last) {
    for (; first < last; ++first) {
        (*first)();
    }
}

void cortex_m_start_c_runtime(void) {
    const uint32_t *source = __data_load__;
    for (uint32_t *word = __data_start__; word < __data_end__; ++word) {
        *word = *source++;
    }
    for (uint32_t *word = __bss_start__; word < __bss_end__; ++word) {
        *word = 0;
    }
    run_functions(__preinit_array_start, __preinit_array_end);
    run_functions(__init_array_start, __init_array_end);
}

void cortex_m_report_register(const char *label, uint32_t value) {
    semihosting_puts(label);
    semihosting_put_hex(value, 8);
}

void cortex_m_report_fault_frame(const uint32_t *frame, uint32_t exception, const char *name) {
    semihosting_puts("\n*** FAULT: ");
    semihosting_puts(name);
    semihosting_puts(" (exception ");
    semihosting_put_decimal(exception);
    semihosting_puts(")\n");
    /* The frame is r0-r3, r12, lr, pc, xPSR; read it only if it lies in RAM. */
    uintptr_t address = (uintptr_t)frame;
    if (address >= (uintptr_t)__ram_start__ && address + 32u <= (uintptr_t)__ram_end__) {
        cortex_m_report_register("    pc   ", frame[6]);
        cortex_m_report_register("  lr   ", frame[5]);
        cortex_m_report_register("  xpsr ", frame[7]);
        semihosting_puts("\n");
    } else {
        cortex_m_report_register("    sp   ", (uint32_t)address);
        semihosting_puts("  (outside RAM: stack overflow?)\n");
    }
}
