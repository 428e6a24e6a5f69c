// Bare-metal port for a single-core Cortex-M without an RTOS.
//
// Locks mask interrupts (PRIMASK), so tinycapi may also be called from an interrupt handler;
// the sections are short (the handle table) or bounded (one DRBG generate, one store write).
// The last error is one global: there is one thread of execution. Entropy is the board's:
// each board defines tinycapi_port_entropy over its TRNG (boards/<board>/).
#include <tinycapi/port.h>

#include "tinycapi_config.h"

// Named containers in the board's flash (tinycapi_port_flash_device), or in RAM.
#if TINYCAPI_CONTAINER_STORE_FLASH
#include "container_store_flash_forward.hpp"
#else
#include "container_store_forward.hpp"
#endif

namespace {

uint32_t saved_primask[TINYCAPI_LOCK_COUNT];
uint32_t last_error;

uint32_t disable_interrupts() {
    uint32_t primask;
    __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask)::"memory");
    return primask;
}

void restore_interrupts(uint32_t primask) {
    __asm__ volatile("msr primask, %0" ::"r"(primask) : "memory");
}

}  // namespace

extern "C" {

int tinycapi_port_init(void) { return 0; }

// tinycapi never holds one lock while taking another, so one saved PRIMASK per lock id
// restores the caller's interrupt state exactly.
void tinycapi_port_lock(tinycapi_port_lock_id id) { saved_primask[id] = disable_interrupts(); }

void tinycapi_port_unlock(tinycapi_port_lock_id id) { restore_interrupts(saved_primask[id]); }

#if TINYCAPI_HANDLE_LOCK_STRIPES > 1
// The handle table's stripes by address (port.h): this port locks them by id.
tinycapi_port_handle_lock tinycapi_port_handle_locks[TINYCAPI_HANDLE_LOCK_STRIPES] = TINYCAPI_PORT_HANDLE_LOCKS_INITIALISER;

void tinycapi_port_lock_handles(tinycapi_port_handle_lock *lock) { tinycapi_port_lock(lock->id); }

void tinycapi_port_unlock_handles(tinycapi_port_handle_lock *lock) { tinycapi_port_unlock(lock->id); }
#endif

uint32_t tinycapi_port_get_last_error(void) { return last_error; }

void tinycapi_port_set_last_error(uint32_t code) { last_error = code; }

}  // extern "C"
