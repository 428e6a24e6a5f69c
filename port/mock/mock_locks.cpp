// The mock port's locks and last error: real mutexes, with every acquisition accounted for.
#include <tinycapi/port.h>
#include <tinycapi/port_mock.h>

#include <atomic>
#include <mutex>

#include "mock_locks.hpp"

namespace {

std::mutex locks[TINYCAPI_LOCK_COUNT];
std::atomic<unsigned> locks_held{0};
std::atomic<unsigned long> lock_acquisitions{0};
std::atomic<unsigned> nested_lock_violations{0};
thread_local unsigned locks_held_by_this_thread;
thread_local uint32_t last_error;

}  // namespace

extern "C" {

void tinycapi_mock_reset_lock_counters(void) {
    lock_acquisitions = 0;
    nested_lock_violations = 0;
}

unsigned tinycapi_mock_locks_held(void) { return locks_held.load(); }

unsigned long tinycapi_mock_lock_acquisitions(void) { return lock_acquisitions.load(); }

unsigned tinycapi_mock_nested_lock_violations(void) { return nested_lock_violations.load(); }

int tinycapi_port_init(void) { return 0; }

void tinycapi_port_lock(tinycapi_port_lock_id id) {
    if (locks_held_by_this_thread != 0) ++nested_lock_violations;
    locks[id].lock();
    ++locks_held_by_this_thread;
    ++locks_held;
    ++lock_acquisitions;
}

void tinycapi_port_unlock(tinycapi_port_lock_id id) {
    --locks_held;
    --locks_held_by_this_thread;
    locks[id].unlock();
}

#if TINYCAPI_HANDLE_LOCK_STRIPES > 1
// The handle table's stripes by address (port.h): this port locks them by id.
tinycapi_port_handle_lock tinycapi_port_handle_locks[TINYCAPI_HANDLE_LOCK_STRIPES] = TINYCAPI_PORT_HANDLE_LOCKS_INITIALISER;

void tinycapi_port_lock_handles(tinycapi_port_handle_lock *lock) { tinycapi_port_lock(lock->id); }

void tinycapi_port_unlock_handles(tinycapi_port_handle_lock *lock) { tinycapi_port_unlock(lock->id); }
#endif

uint32_t tinycapi_port_get_last_error(void) { return last_error; }

void tinycapi_port_set_last_error(uint32_t code) { last_error = code; }

}  // extern "C"
