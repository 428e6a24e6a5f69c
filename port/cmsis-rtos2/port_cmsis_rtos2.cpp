// CMSIS-RTOS2 port (RTX5, or any RTOS behind a CMSIS-RTOS2 layer): tinycapi's locks, last
// error and calling context. Entropy is the board's TRNG hook and containers are the RAM or
// flash store of port/common (container_store_default.cpp), as on bare metal.
//
//   locks       one osMutexNew per lock id with osMutexPrioInherit, in a static control block
//               (cb_mem, TINYCAPI_CMSIS_RTOS2_MUTEX_CB_SIZE bytes): never the RTOS's memory.
//               Created at the first Crypt* call once the kernel is initialised, under
//               osKernelLock so that two threads' first calls cannot both create them; a
//               failed osMutexNew (a control block too small for the RTOS) makes every Crypt*
//               call fail with NTE_FAIL rather than run unlocked.
//   last error  a table keyed by osThreadGetId() (CMSIS-RTOS2 has no thread-local storage):
//               see <tinycapi/port_cmsis_rtos2.h> for its size and what happens when it is full
//   before osKernelStart (osKernelInactive/osKernelReady): one thread of execution, so no mutex
//               is taken and the last error is one variable
//   ISRs (IPSR non-zero, CMSIS-Core's __get_IPSR) and osKernelLocked/osKernelSuspended: every
//               Crypt* call fails with NTE_FAIL; GetLastError/SetLastError work in ISRs on an
//               error shared by all of them
#include <tinycapi/mbedtls_threading_cmsis_rtos2.h>  // TINYCAPI_CMSIS_RTOS2_MUTEX_CB_SIZE
#include <tinycapi/port.h>
#include <tinycapi/port_cmsis_rtos2.h>

#include <atomic>

#include "cmsis_compiler.h"
#include "cmsis_os2.h"
#include "tinycapi_config.h"

#ifndef TINYCAPI_CMSIS_RTOS2_MAX_THREADS
#define TINYCAPI_CMSIS_RTOS2_MAX_THREADS 8
#endif

namespace {

tinycapi_cmsis_rtos2_mutex_cb lock_blocks[TINYCAPI_LOCK_COUNT];
osMutexId_t lock_ids[TINYCAPI_LOCK_COUNT];
std::atomic<bool> locks_created{false};

struct LastErrorSlot {
    std::atomic<osThreadId_t> thread{nullptr};
    std::atomic<uint32_t> error{0};
};
LastErrorSlot slots[TINYCAPI_CMSIS_RTOS2_MAX_THREADS];
std::atomic<uint32_t> last_error_without_slot{0};
std::atomic<uint32_t> last_error_before_kernel{0};
std::atomic<uint32_t> last_error_in_isrs{0};

bool in_isr() { return __get_IPSR() != 0; }

bool threads_run() {
    osKernelState_t state = osKernelGetState();
    return state != osKernelInactive && state != osKernelReady;
}

LastErrorSlot *slot_of(osThreadId_t thread) {
    for (auto &slot : slots) {
        if (slot.thread.load(std::memory_order_acquire) == thread) return &slot;
    }
    return nullptr;
}

LastErrorSlot *claim_slot(osThreadId_t thread) {
    if (LastErrorSlot *own = slot_of(thread)) return own;
    for (auto &slot : slots) {
        osThreadId_t expected = nullptr;
        if (slot.thread.compare_exchange_strong(expected, thread, std::memory_order_acq_rel)) {
            slot.error.store(0, std::memory_order_relaxed);
            return &slot;
        }
    }
    return nullptr;
}

// Creates the mutexes once; false if the RTOS refused one.
bool create_locks() {
    if (locks_created.load(std::memory_order_acquire)) return true;
    bool running = osKernelGetState() == osKernelRunning;
    int32_t previous = running ? osKernelLock() : 0;
    bool created = locks_created.load(std::memory_order_relaxed);
    if (!created) {
        created = true;
        for (int id = 0; id < TINYCAPI_LOCK_COUNT; ++id) {
            if (lock_ids[id] != nullptr) continue;  // a partial earlier attempt
            osMutexAttr_t attr = {"tinycapi", osMutexPrioInherit, &lock_blocks[id], sizeof lock_blocks[id]};
            lock_ids[id] = osMutexNew(&attr);
            created = created && lock_ids[id] != nullptr;
        }
        if (created) locks_created.store(true, std::memory_order_release);
    }
    if (running) (void)osKernelRestoreLock(previous);
    return created;
}

}  // namespace

extern "C" {

int tinycapi_port_context_refused(void) {
    if (in_isr()) return 1;
    osKernelState_t state = osKernelGetState();
    if (state == osKernelInactive) return 0;  // single-threaded main(); osMutexNew not yet allowed
    if (state == osKernelLocked || state == osKernelSuspended) return 1;  // no thread may wait now
    if (!create_locks()) return 1;
    if (state == osKernelReady) return 0;
    return claim_slot(osThreadGetId()) == nullptr ? 1 : 0;
}

int tinycapi_port_init(void) { return 0; }

void tinycapi_port_lock(tinycapi_port_lock_id id) {
    if (!threads_run()) return;
    // osWaitForever does not time out; any other failure is a fault no retry mends.
    while (osMutexAcquire(lock_ids[id], osWaitForever) == osErrorTimeout) {
    }
}

void tinycapi_port_unlock(tinycapi_port_lock_id id) {
    if (!threads_run()) return;
    (void)osMutexRelease(lock_ids[id]);
}

#if TINYCAPI_HANDLE_LOCK_STRIPES > 1
// The handle table's stripes by address (port.h): this port locks them by id.
tinycapi_port_handle_lock tinycapi_port_handle_locks[TINYCAPI_HANDLE_LOCK_STRIPES] = TINYCAPI_PORT_HANDLE_LOCKS_INITIALISER;

void tinycapi_port_lock_handles(tinycapi_port_handle_lock *lock) { tinycapi_port_lock(lock->id); }

void tinycapi_port_unlock_handles(tinycapi_port_handle_lock *lock) { tinycapi_port_unlock(lock->id); }
#endif

uint32_t tinycapi_port_get_last_error(void) {
    if (in_isr()) return last_error_in_isrs.load(std::memory_order_relaxed);
    if (!threads_run()) return last_error_before_kernel.load(std::memory_order_relaxed);
    if (LastErrorSlot *slot = slot_of(osThreadGetId())) return slot->error.load(std::memory_order_relaxed);
    return last_error_without_slot.load(std::memory_order_relaxed);
}

void tinycapi_port_set_last_error(uint32_t code) {
    if (in_isr()) {
        last_error_in_isrs.store(code, std::memory_order_relaxed);
    } else if (!threads_run()) {
        last_error_before_kernel.store(code, std::memory_order_relaxed);
    } else if (LastErrorSlot *slot = claim_slot(osThreadGetId())) {
        slot->error.store(code, std::memory_order_relaxed);
    } else {
        last_error_without_slot.store(code, std::memory_order_relaxed);
    }
}

void tinycapi_cmsis_rtos2_release_thread(void) {
    if (in_isr() || !threads_run()) return;
    if (LastErrorSlot *slot = slot_of(osThreadGetId())) slot->thread.store(nullptr, std::memory_order_release);
}

}  // extern "C"
