/*
 * The C runtime start of the boards (cortex_m_runtime.h). Plain C99.
 */
#include "cortex_m_runtime.h"

/* Symbols of the board's linker script. */
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
