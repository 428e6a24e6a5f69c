/*
 * The C runtime start that every board's startup.c calls from its reset handler. Each board
 * keeps its vector table, its reset handler's board set-up (stack guard or limit, stack
 * painting) and its fault entry, which differ per architecture (ARMv6-M, ARMv7-M, ARMv8-M).
 * Plain C99.
 *
 * The symbols come from each board's linker script: __data_load__, __data_start__,
 * __data_end__, __bss_start__, __bss_end__ and the .preinit_array/.init_array bounds.
 */
#ifndef TINYCAPI_BOARD_CORTEX_M_RUNTIME_H
#define TINYCAPI_BOARD_CORTEX_M_RUNTIME_H

#include <stdint.h>

/* Copy .data from its load image, zero .bss, then run the static constructors the image has
 * (.preinit_array and .init_array; empty tables cost nothing). Newlib's crt0 is not linked
 * (-nostartfiles): it would also set up stdio and a heap, which these images must not have. */
void cortex_m_start_c_runtime(void);

#endif
