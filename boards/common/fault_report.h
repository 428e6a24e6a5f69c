/*
 * The first lines of a fault report over semihosting, for the QEMU boards' fault handlers
 * (boards/qemu-*). Plain C99. Uses __ram_start__ and __ram_end__ of the board's linker script.
 */
#ifndef TINYCAPI_BOARD_FAULT_REPORT_H
#define TINYCAPI_BOARD_FAULT_REPORT_H

#include <stdint.h>

/* "*** FAULT: <name> (exception <n>)", then the stacked pc, lr and xPSR if `frame` lies in RAM,
 * else the frame's address as the sign of a stack overflow. The board adds its fault status
 * registers, if its architecture has them, and exits. */
void cortex_m_report_fault_frame(const uint32_t *frame, uint32_t exception, const char *name);

/* One register of a fault report: `label` then the value as 0x-prefixed hex. */
void cortex_m_report_register(const char *label, uint32_t value);

#endif
