// POSIX port: pthread mutexes (a spin lock for the short handle lock), a thread_local last
// error, getrandom(2) entropy, and named containers in files (container_store_file.cpp), so
// that they outlive the process.
#include <tinycapi/port.h>

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <sys/random.h>

#include <atomic>

#include "container_store_file.hpp"
#include "tinycapi_config.h"

namespace {

struct Mutex {
    pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
};
Mutex locks[TINYCAPI_LOCK_COUNT];

thread_local uint32_t last_error;

#if TINYCAPI_POSIX_HANDLE_SPIN_LOCK
// TINYCAPI_LOCK_HANDLES is held for a few dozen instructions (a slot lookup, a pin, a bounded
// slot clear; never cryptography or I/O), and every Crypt* call takes it once or twice: an
// uncontended pthread mutex round trip costs about 65 instructions, this spin lock about 10.
// A waiter spins a little (the holder is about to let go), then yields the core, so a holder
// that was preempted is not starved by its waiters.
// Each on a cache line of its own: no neighbouring variable's writes make it bounce between
// cores. With several stripes of the handle table (TINYCAPI_HANDLE_LOCK_STRIPES) the spin word
// is that of the stripe's tinycapi_port_handle_lock, which tinycapi passes by address.
constexpr int kSpinsBeforeYield = 64;

// The contended case, out of line so that the uncontended lock is one exchange.
__attribute__((noinline)) void wait_for_spin_lock(uint32_t *taken) {
    do {
        for (int spins = 0; __atomic_load_n(taken, __ATOMIC_RELAXED) != 0; ++spins) {
            if (spins < kSpinsBeforeYield) {
#if defined(__x86_64__) || defined(__i386__)
                __builtin_ia32_pause();
#endif
            } else {
                sched_yield();
            }
        }
    } while ((__atomic_fetch_or(taken, 1u, __ATOMIC_ACQUIRE) & 1u) != 0);
}

// Bit 0 of the word is the lock: a fetch-or of it whose old bit alone is tested compiles to one
// `lock bts` and a branch on x86 (an exchange needs the 1 in a register and a test, two more).
inline void spin_lock(uint32_t *taken) {
    if (__builtin_expect((__atomic_fetch_or(taken, 1u, __ATOMIC_ACQUIRE) & 1u) != 0, 0)) wait_for_spin_lock(taken);
}

inline void spin_unlock(uint32_t *taken) { __atomic_store_n(taken, 0u, __ATOMIC_RELEASE); }

#if TINYCAPI_HANDLE_LOCK_STRIPES > 1
// By id (tests, tools): the stripe's object, so that both ways take the same lock.
uint32_t *handle_spin_word(tinycapi_port_lock_id id) {
    if (id == TINYCAPI_LOCK_HANDLES) return &tinycapi_port_handle_locks[0].word;
    if (id >= TINYCAPI_LOCK_HANDLE_STRIPE_1) return &tinycapi_port_handle_locks[id - TINYCAPI_LOCK_HANDLE_STRIPE_1 + 1].word;
    return nullptr;
}
#else
struct alignas(64) HandleLock {
    uint32_t taken = 0;
};
HandleLock handle_lock;
uint32_t *handle_spin_word(tinycapi_port_lock_id id) { return id == TINYCAPI_LOCK_HANDLES ? &handle_lock.taken : nullptr; }
#endif
#endif  // TINYCAPI_POSIX_HANDLE_SPIN_LOCK (else every lock is a pthread mutex)

}  // namespace

extern "C" {

#if TINYCAPI_HANDLE_LOCK_STRIPES > 1
tinycapi_port_handle_lock tinycapi_port_handle_locks[TINYCAPI_HANDLE_LOCK_STRIPES] = TINYCAPI_PORT_HANDLE_LOCKS_INITIALISER;

void tinycapi_port_lock_handles(tinycapi_port_handle_lock *lock) {
#if TINYCAPI_POSIX_HANDLE_SPIN_LOCK
    spin_lock(&lock->word);
#else
    pthread_mutex_lock(&locks[lock->id].mutex);
#endif
}

void tinycapi_port_unlock_handles(tinycapi_port_handle_lock *lock) {
#if TINYCAPI_POSIX_HANDLE_SPIN_LOCK
    spin_unlock(&lock->word);
#else
    pthread_mutex_unlock(&locks[lock->id].mutex);
#endif
}
#endif

int tinycapi_port_init(void) { return 0; }

void tinycapi_port_lock(tinycapi_port_lock_id id) {
#if TINYCAPI_POSIX_HANDLE_SPIN_LOCK
    if (uint32_t *taken = handle_spin_word(id)) {
        spin_lock(taken);
        return;
    }
#endif
    pthread_mutex_lock(&locks[id].mutex);
}

void tinycapi_port_unlock(tinycapi_port_lock_id id) {
#if TINYCAPI_POSIX_HANDLE_SPIN_LOCK
    if (uint32_t *taken = handle_spin_word(id)) {
        spin_unlock(taken);
        return;
    }
#endif
    pthread_mutex_unlock(&locks[id].mutex);
}

uint32_t tinycapi_port_get_last_error(void) { return last_error; }

void tinycapi_port_set_last_error(uint32_t code) { last_error = code; }

int tinycapi_port_entropy(uint8_t *buffer, size_t length) {
    while (length > 0) {
        // getrandom blocks only until the kernel's pool is first initialised.
        ssize_t got = getrandom(buffer, length, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        buffer += got;
        length -= static_cast<size_t>(got);
    }
    return 0;
}

tinycapi_port_status tinycapi_port_container_find(unsigned ns, const char *name) {
    return tinycapi::port::file_store::find(ns, name);
}
tinycapi_port_status tinycapi_port_container_create(unsigned ns, const char *name) {
    return tinycapi::port::file_store::create(ns, name);
}
tinycapi_port_status tinycapi_port_container_delete(unsigned ns, const char *name) {
    return tinycapi::port::file_store::remove(ns, name);
}
tinycapi_port_status tinycapi_port_container_read(unsigned ns, const char *name, unsigned record,
                                                  uint8_t *buffer, size_t capacity, size_t *length) {
    return tinycapi::port::file_store::read(ns, name, record, buffer, capacity, length);
}
tinycapi_port_status tinycapi_port_container_write(unsigned ns, const char *name, unsigned record,
                                                   const uint8_t *data, size_t length) {
    return tinycapi::port::file_store::write(ns, name, record, data, length);
}
tinycapi_port_status tinycapi_port_container_name_at(unsigned ns, size_t index, char *buffer,
                                                     size_t capacity) {
    return tinycapi::port::file_store::name_at(ns, index, buffer, capacity);
}

#if TINYCAPI_ENCRYPT_KEYS_AT_REST
int tinycapi_port_device_key(uint8_t key[32]) { return tinycapi::port::file_store::device_key(key); }
#endif

}  // extern "C"
