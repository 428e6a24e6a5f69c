// Zephyr port: tinycapi's locks, last error and calling context on Zephyr. Entropy is
// sys_csrand_get (port_zephyr_entropy.cpp); containers are the RAM or flash store of
// port/common (container_store_default.cpp).
//
//   locks       four K_MUTEX_DEFINE mutexes: statically allocated and ready before any thread
//               runs, so there is nothing to create and no first-use race (tinycapi_port_init is
//               empty). k_mutex is recursive with priority inheritance; tinycapi never re-takes
//               a lock, so the recursion is never used.
//   last error  a __thread variable (CONFIG_THREAD_LOCAL_STORAGE): the thread's own, with no
//               slot taken from the application (k_thread_custom_data stays the application's)
//   ISRs        every Crypt* call fails with NTE_FAIL (k_mutex cannot be used in an ISR);
//               GetLastError/SetLastError work on an error shared by all ISRs
//   PRE_KERNEL  SYS_INIT functions before the kernel runs threads: one thread of execution, so
//               no mutex is taken and the last error is one variable
#include <tinycapi/port.h>

#include <zephyr/kernel.h>

#include <atomic>

#if !defined(CONFIG_THREAD_LOCAL_STORAGE)
#error "tinycapi's Zephyr port keeps each thread's last error in thread-local storage: CONFIG_THREAD_LOCAL_STORAGE=y"
#endif

namespace {

K_MUTEX_DEFINE(handles_lock);
K_MUTEX_DEFINE(drbg_lock);
K_MUTEX_DEFINE(arena_lock);
K_MUTEX_DEFINE(storage_lock);
// Further stripes of the handle table (TINYCAPI_HANDLE_LOCK_STRIPES; 1 on Cortex-M: none).
#if TINYCAPI_HANDLE_LOCK_STRIPES >= 2
K_MUTEX_DEFINE(handles_lock_1);
#endif
#if TINYCAPI_HANDLE_LOCK_STRIPES >= 4
K_MUTEX_DEFINE(handles_lock_2);
K_MUTEX_DEFINE(handles_lock_3);
#endif
struct k_mutex *const locks[TINYCAPI_LOCK_COUNT] = {&handles_lock, &drbg_lock, &arena_lock, &storage_lock
#if TINYCAPI_HANDLE_LOCK_STRIPES >= 2
                                                    , &handles_lock_1
#endif
#if TINYCAPI_HANDLE_LOCK_STRIPES >= 4
                                                    , &handles_lock_2, &handles_lock_3
#endif
};
static_assert(TINYCAPI_LOCK_HANDLES == 0 && TINYCAPI_LOCK_DRBG == 1 && TINYCAPI_LOCK_ARENA == 2 &&
                  TINYCAPI_LOCK_STORAGE == 3 && TINYCAPI_LOCK_HANDLE_STRIPE_1 == 4 &&
                  TINYCAPI_HANDLE_LOCK_STRIPES <= 4,
              "one mutex per lock id, in order (up to 4 handle lock stripes)");

__thread uint32_t last_error;
std::atomic<uint32_t> last_error_before_kernel{0};
std::atomic<uint32_t> last_error_in_isrs{0};

}  // namespace

extern "C" {

int tinycapi_port_context_refused(void) { return k_is_in_isr() ? 1 : 0; }

int tinycapi_port_init(void) { return 0; }

void tinycapi_port_lock(tinycapi_port_lock_id id) {
    if (k_is_pre_kernel()) return;
    (void)k_mutex_lock(locks[id], K_FOREVER);  // K_FOREVER: returns 0 only
}

void tinycapi_port_unlock(tinycapi_port_lock_id id) {
    if (k_is_pre_kernel()) return;
    (void)k_mutex_unlock(locks[id]);
}

#if TINYCAPI_HANDLE_LOCK_STRIPES > 1
// The handle table's stripes by address (port.h): this port locks them by id.
tinycapi_port_handle_lock tinycapi_port_handle_locks[TINYCAPI_HANDLE_LOCK_STRIPES] = TINYCAPI_PORT_HANDLE_LOCKS_INITIALISER;

void tinycapi_port_lock_handles(tinycapi_port_handle_lock *lock) { tinycapi_port_lock(lock->id); }

void tinycapi_port_unlock_handles(tinycapi_port_handle_lock *lock) { tinycapi_port_unlock(lock->id); }
#endif

uint32_t tinycapi_port_get_last_error(void) {
    if (k_is_in_isr()) return last_error_in_isrs.load(std::memory_order_relaxed);
    if (k_is_pre_kernel()) return last_error_before_kernel.load(std::memory_order_relaxed);
    return last_error;
}

void tinycapi_port_set_last_error(uint32_t code) {
    if (k_is_in_isr()) {
        last_error_in_isrs.store(code, std::memory_order_relaxed);
    } else if (k_is_pre_kernel()) {
        last_error_before_kernel.store(code, std::memory_order_relaxed);
    } else {
        last_error = code;
    }
}

}  // extern "C"
