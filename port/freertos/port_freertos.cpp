// FreeRTOS port (FreeRTOS-Kernel V10.4 and later): tinycapi's locks, last error and calling
// context on FreeRTOS. Entropy is the board's TRNG hook and containers are the RAM or flash
// store of port/common (container_store_default.cpp), as on bare metal.
//
//   locks       one mutex per lock id, xSemaphoreCreateMutexStatic over static storage (never
//               the FreeRTOS heap), created by tinycapi_port_init in a critical section (two
//               tasks may make their first Crypt* call at once)
//   last error  the task's thread-local-storage pointer TINYCAPI_FREERTOS_TLS_INDEX holding the
//               DWORD itself (configNUM_THREAD_LOCAL_STORAGE_POINTERS must exceed the index)
//   before the scheduler starts (main() before vTaskStartScheduler): one thread of execution,
//               so no mutex is taken and the last error is one variable (the kernel's "current
//               task" then is not main(), and may not exist yet)
//   interrupt handlers: every Crypt* call fails with NTE_FAIL (a FreeRTOS mutex cannot be taken
//               there); GetLastError/SetLastError work on an error shared by all handlers
// tinycapi never holds a lock while it takes another, and never takes one it holds, so the
// non-recursive mutexes with priority inheritance are what it needs.
#include <tinycapi/port.h>

#include <atomic>

#include "FreeRTOS.h"
#include "semphr.h"
#include "task.h"
#include "tinycapi_config.h"

/* The thread-local-storage pointer tinycapi keeps each task's last error in. */
#ifndef TINYCAPI_FREERTOS_TLS_INDEX
#define TINYCAPI_FREERTOS_TLS_INDEX 0
#endif
static_assert(TINYCAPI_FREERTOS_TLS_INDEX >= 0 &&
                  TINYCAPI_FREERTOS_TLS_INDEX < configNUM_THREAD_LOCAL_STORAGE_POINTERS,
              "set configNUM_THREAD_LOCAL_STORAGE_POINTERS above TINYCAPI_FREERTOS_TLS_INDEX in FreeRTOSConfig.h");

namespace {

StaticSemaphore_t lock_storage[TINYCAPI_LOCK_COUNT];
SemaphoreHandle_t lock_handles[TINYCAPI_LOCK_COUNT];
bool locks_created;  // under the critical section

// Plain loads and stores on Cortex-M; atomics so that handlers and tasks never tear them.
std::atomic<uint32_t> last_error_before_scheduler{0};
std::atomic<uint32_t> last_error_in_interrupts{0};

bool in_interrupt() { return xPortIsInsideInterrupt() != pdFALSE; }

bool scheduler_started() { return xTaskGetSchedulerState() != taskSCHEDULER_NOT_STARTED; }

}  // namespace

extern "C" {

int tinycapi_port_context_refused(void) {
    // With the scheduler suspended a task may not wait for a mutex either.
    return in_interrupt() || xTaskGetSchedulerState() == taskSCHEDULER_SUSPENDED;
}

int tinycapi_port_init(void) {
    taskENTER_CRITICAL();
    if (!locks_created) {
        for (int id = 0; id < TINYCAPI_LOCK_COUNT; ++id) {
            lock_handles[id] = xSemaphoreCreateMutexStatic(&lock_storage[id]);
        }
        locks_created = true;
    }
    taskEXIT_CRITICAL();
    return 0;
}

void tinycapi_port_lock(tinycapi_port_lock_id id) {
    if (!scheduler_started()) return;
    // portMAX_DELAY waits without limit only with INCLUDE_vTaskSuspend; without it, it times out.
    while (xSemaphoreTake(lock_handles[id], portMAX_DELAY) != pdTRUE) {
    }
}

void tinycapi_port_unlock(tinycapi_port_lock_id id) {
    if (!scheduler_started()) return;
    (void)xSemaphoreGive(lock_handles[id]);
}

#if TINYCAPI_HANDLE_LOCK_STRIPES > 1
// The handle table's stripes by address (port.h): this port locks them by id.
tinycapi_port_handle_lock tinycapi_port_handle_locks[TINYCAPI_HANDLE_LOCK_STRIPES] = TINYCAPI_PORT_HANDLE_LOCKS_INITIALISER;

void tinycapi_port_lock_handles(tinycapi_port_handle_lock *lock) { tinycapi_port_lock(lock->id); }

void tinycapi_port_unlock_handles(tinycapi_port_handle_lock *lock) { tinycapi_port_unlock(lock->id); }
#endif

uint32_t tinycapi_port_get_last_error(void) {
    if (in_interrupt()) return last_error_in_interrupts.load(std::memory_order_relaxed);
    if (!scheduler_started()) return last_error_before_scheduler.load(std::memory_order_relaxed);
    return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(
        pvTaskGetThreadLocalStoragePointer(nullptr, TINYCAPI_FREERTOS_TLS_INDEX)));
}

void tinycapi_port_set_last_error(uint32_t code) {
    if (in_interrupt()) {
        last_error_in_interrupts.store(code, std::memory_order_relaxed);
    } else if (!scheduler_started()) {
        last_error_before_scheduler.store(code, std::memory_order_relaxed);
    } else {
        vTaskSetThreadLocalStoragePointer(nullptr, TINYCAPI_FREERTOS_TLS_INDEX,
                                          reinterpret_cast<void *>(static_cast<uintptr_t>(code)));
    }
}

}  // extern "C"
