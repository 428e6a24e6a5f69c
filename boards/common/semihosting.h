/*
 * Semihosting console and exit for the QEMU boards (boards/qemu-*).
 *
 * Semihosting (Arm DUI 0471 / "Semihosting for AArch32 and AArch64") lets code running on the
 * emulated core ask the host for services through `bkpt 0xab`. QEMU answers when started
 * with `-semihosting-config enable=on,target=native`. On real silicon without a debugger the
 * same instruction escalates to a HardFault, so nothing here belongs in a production image.
 *
 * Plain C99; no heap, no newlib stdio.
 */
#ifndef TINYCAPI_BOARD_SEMIHOSTING_H
#define TINYCAPI_BOARD_SEMIHOSTING_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Write `length` bytes of text to the host's console (SYS_WRITE0 in chunks). NUL bytes in
 * `text` end a chunk early; text output never contains them. */
void semihosting_write(const char *text, size_t length);

/* Write a NUL-terminated string to the host's console (SYS_WRITE0). */
void semihosting_puts(const char *text);

/* Write an unsigned integer in decimal, or in hexadecimal with `digits` digits (0x-prefixed,
 * zero-padded). Enough formatting for startup and fault reports without printf. */
void semihosting_put_decimal(uint32_t value);
void semihosting_put_hex(uint32_t value, unsigned digits);

/* End the emulation and hand `code` to the shell that started QEMU as its exit status
 * (SYS_EXIT_EXTENDED with ADP_Stopped_ApplicationExit). Never returns. */
void semihosting_exit(int code) __attribute__((noreturn));

/* The console hook every image of this board prints through: the demo (examples/demo.c)
 * and the on-target test runner (tests/target) take it; boards/host has the same function
 * over stdout. */
void board_console_write(const char *text, size_t length);

#ifdef __cplusplus
}
#endif

#endif /* TINYCAPI_BOARD_SEMIHOSTING_H */
