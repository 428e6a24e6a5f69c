/*
 * Semihosting console and exit (see semihosting.h). Operation numbers and the AArch32 calling
 * convention are those of Arm's "Semihosting for AArch32 and AArch64", version 2.0:
 * r0 = operation, r1 = argument (a value or a pointer to a parameter block), `bkpt 0xab` on
 * M-profile, result in r0.
 */
#include "semihosting.h"

enum {
    SYS_WRITE0 = 0x04,        /* write a NUL-terminated string to the debug console */
    SYS_EXIT = 0x18,          /* AArch32: reason code only, no exit status */
    SYS_EXIT_EXTENDED = 0x20, /* reason code and exit status, for AArch32 too (v2.0) */
    ADP_STOPPED_APPLICATION_EXIT = 0x20026,
    ADP_STOPPED_RUN_TIME_ERROR_UNKNOWN = 0x20023
};

static uint32_t semihosting_call(uint32_t operation, const void *argument) {
    register uint32_t r0 __asm__("r0") = operation;
    register const void *r1 __asm__("r1") = argument;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void semihosting_puts(const char *text) { (void)semihosting_call(SYS_WRITE0, text); }

void semihosting_write(const char *text, size_t length) {
    /* SYS_WRITE0 wants a terminated string; copy through a small buffer so callers can pass
     * slices. 64 bytes keeps the stack cost low and the trap count modest. */
    char chunk[65];
    while (length > 0) {
        size_t count = length < sizeof chunk - 1 ? length : sizeof chunk - 1;
        for (size_t i = 0; i < count; ++i) {
            chunk[i] = text[i];
        }
        chunk[count] = '\0';
        semihosting_puts(chunk);
        text += count;
        length -= count;
    }
}

void board_console_write(const char *text, size_t length) { semihosting_write(text, length); }

void semihosting_put_decimal(uint32_t value) {
    char digits[11];
    size_t position = sizeof digits - 1;
    digits[position] = '\0';
    do {
        digits[--position] = (char)('0' + value % 10u);
        value /= 10u;
    } while (value != 0);
    semihosting_puts(&digits[position]);
}

void semihosting_put_hex(uint32_t value, unsigned digits) {
    static const char hex[] = "0123456789abcdef";
    char text[11];
    if (digits == 0 || digits > 8) {
        digits = 8;
    }
    text[0] = '0';
    text[1] = 'x';
    for (unsigned i = 0; i < digits; ++i) {
        text[2 + i] = hex[(value >> (4u * (digits - 1u - i))) & 0xfu];
    }
    text[2 + digits] = '\0';
    semihosting_puts(text);
}

void semihosting_exit(int code) {
    /* SYS_EXIT_EXTENDED passes `code` through to QEMU's own exit status. A host without it
     * returns; then plain SYS_EXIT can only say "success" or "failure". */
    const uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint32_t)code};
    (void)semihosting_call(SYS_EXIT_EXTENDED, block);
    (void)semihosting_call(SYS_EXIT, (const void *)(uintptr_t)(code == 0
                                                                   ? ADP_STOPPED_APPLICATION_EXIT
                                                                   : ADP_STOPPED_RUN_TIME_ERROR_UNKNOWN));
    for (;;) {
        __asm__ volatile("wfi");
    }
}
