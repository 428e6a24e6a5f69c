/*
 * The first lines of a fault report (fault_report.h). Plain C99.
 */
#include "fault_report.h"

#include "semihosting.h"

/* Symbols of the board's linker script. */
extern uint32_t __ram_start__[];
extern uint32_t __ram_end__[];

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
