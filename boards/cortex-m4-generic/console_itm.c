/*
 * The console hook of the generic Cortex-M4 build check: text goes to ITM stimulus port 0
 * (SWO), the trace channel every Cortex-M4 has. It is dropped unless a debugger has enabled
 * the ITM and port 0, so the image behaves the same with or without a probe attached.
 */
#include <stddef.h>
#include <stdint.h>

void board_console_write(const char *text, size_t length);

#define ITM_STIM0 (*(volatile uint32_t *)0xe0000000u)
#define ITM_TER (*(volatile uint32_t *)0xe0000e00u)
#define ITM_TCR (*(volatile uint32_t *)0xe0000e80u)
#define ITM_TCR_ITMENA 1u

void board_console_write(const char *text, size_t length) {
    if ((ITM_TCR & ITM_TCR_ITMENA) == 0 || (ITM_TER & 1u) == 0) {
        return;
    }
    for (size_t i = 0; i < length; ++i) {
        while (ITM_STIM0 == 0) {
            /* the port FIFO is full: wait for the trace unit */
        }
        *(volatile uint8_t *)&ITM_STIM0 = (uint8_t)text[i];
    }
}
