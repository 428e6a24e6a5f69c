/*
 * The console hook of the host board: what examples/demo.c and the on-target test runner
 * (tests/target) print goes to stdout. The QEMU board has the same function over
 * semihosting (boards/common/semihosting.c).
 */
#include <stddef.h>
#include <stdio.h>

void board_console_write(const char *text, size_t length);

void board_console_write(const char *text, size_t length) {
    (void)fwrite(text, 1, length, stdout);
    (void)fflush(stdout);
}
