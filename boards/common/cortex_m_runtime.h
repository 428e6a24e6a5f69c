/*
 * What the startup.c of every QEMU board (boards/qemu-*) shares: the C runtime start and
 * the first lines of a fault report. Each board keeps its vector table, its reset handler's
 * board set-up (stack guard or limit, stack painting) and its fault entry, which differ per
 * architecture (ARMv6-M, ARMv7-M, ARMv8-M). Plain C99.
 *
 * The symbols come from each board's linker script: __data_load__, __data_start__,
 * __data_end__, __bss_start__, __bss_end__, the .preinit_array/.init_array bounds, and
 * __ram_start__/__ram_end__.
 */
#ifndef TINYCAPI_BOARD_CORTEX_M_RUNTIME_H
#define TINYCAPI_BOARD_CORTEX_M_RUNTIME_H

#include <stdint.h>

/* Copy .data from its load image, zero .bss, then run the static constructors the image has
 * (.preinit_array and .init_array; empty tables cost nothing). Newlib's crt0 is not linked
 * (-nostartfiles): it would also set up stdio and a heap, which these images must not have. */
void cortex_m_start_c_runtime(void);

/* "*** FAULT: <name> (exception <n>)", then the stacked pc, lr and xPSR if `frame` lies in RAM,
 * else the frame's address as the sign of a stack overflow. The board adds its fault status
 * registers, if its architecture has them, and exits. */
void cortex_m_report_fault_frame(const uint32_t *frame, uint32_t exception, const char *name);

/* One register of a fault report: `label` then the value as 0x-prefixed hex. */
void cortex_m_report_register(const char *label, uint32_t value);

#endif
