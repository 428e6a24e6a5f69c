// The fake Zephyr kernel over pthreads (see include/zephyr/kernel.h). It enforces what Zephyr
// asserts (CONFIG_ASSERT) or leaves undefined, reporting each as a test failure:
//   - a mutex locked or unlocked from an ISR;
//   - a mutex unlocked by a thread that does not own it, or that nobody holds;
//   - a mutex used before k_mutex_init (and not K_MUTEX_DEFINE'd), or initialised again
//     while held;
//   - a thread ending while it holds a mutex;
//   - a wait on a held mutex during PRE_KERNEL initialisation (no thread can release it).
// k_mutex is recursive with an owner, as Zephyr's is.
#include "fake_zephyr.h"

#include <zephyr/kernel.h>
#include <zephyr/random/random.h>

#include <atomic>
#include <mutex>

#include "fake_kernel.hpp"

namespace {

std::atomic<bool> pre_kernel{false};
std::atomic<unsigned> csrand_failures{0};
std::mutex csrand_mutex;
uint64_t csrand_state = 0x5a17'2026'0000'0001ull;

fake_kernel::Mutex *mutex_of(struct k_mutex *mutex, const char *call) {
    if (mutex == nullptr) {
        fake_kernel::report_fatal(std::string(call) + " on a NULL mutex");
        return nullptr;
    }
    if (fake_kernel::Mutex *created = fake_kernel::created_in(&mutex->fake_object)) return created;
    if (mutex->defined == Z_FAKE_MUTEX_DEFINED) {
        return fake_kernel::create_once_in(&mutex->fake_object, fake_kernel::MutexKind::recursive);
    }
    fake_kernel::report_fatal(std::string(call) + " on a mutex before k_mutex_init");
    return nullptr;
}

bool refused_in_isr(const char *call) {
    if (!fake_kernel::current_thread().in_interrupt) return false;
    fake_kernel::report(std::string(call) + " from an ISR (mutexes cannot be used there)");
    return true;
}

}  // namespace

extern "C" {

void fake_zephyr_enter_isr(void) { fake_kernel::current_thread().in_interrupt = true; }
void fake_zephyr_leave_isr(void) { fake_kernel::current_thread().in_interrupt = false; }
void fake_zephyr_set_pre_kernel(bool value) { pre_kernel = value; }
void fake_zephyr_fail_csrand(unsigned count) { csrand_failures = count; }

bool k_is_in_isr(void) { return fake_kernel::current_thread().in_interrupt; }
bool k_is_pre_kernel(void) { return pre_kernel.load(); }

k_tid_t k_current_get(void) { return reinterpret_cast<k_tid_t>(&fake_kernel::current_thread()); }

int k_mutex_init(struct k_mutex *mutex) {
    if (fake_kernel::Mutex *existing = fake_kernel::created_in(&mutex->fake_object)) {
        if (fake_kernel::owner_of(existing) != nullptr) fake_kernel::report("k_mutex_init on a held mutex");
        fake_kernel::destroy_in(&mutex->fake_object);
    }
    fake_kernel::create_in(&mutex->fake_object, fake_kernel::MutexKind::recursive);
    return 0;
}

int k_mutex_lock(struct k_mutex *mutex, k_timeout_t timeout) {
    fake_kernel::Mutex *object = mutex_of(mutex, "k_mutex_lock");
    if (object == nullptr) return -EINVAL;
    if (refused_in_isr("k_mutex_lock")) return -EBUSY;
    long ms = timeout.ticks == K_TICKS_FOREVER ? fake_kernel::kWaitForever : static_cast<long>(timeout.ticks);
    if (pre_kernel.load() && ms != 0) {
        const fake_kernel::ThreadState *owner = fake_kernel::owner_of(object);
        if (owner != nullptr && owner != &fake_kernel::current_thread()) {
            fake_kernel::report("k_mutex_lock waits on a held mutex before the kernel started");
            return -EBUSY;
        }
    }
    switch (fake_kernel::lock(object, ms)) {
        case fake_kernel::LockResult::ok: return 0;
        case fake_kernel::LockResult::busy: return -EBUSY;
        default: return -EAGAIN;
    }
}

int k_mutex_unlock(struct k_mutex *mutex) {
    fake_kernel::Mutex *object = mutex_of(mutex, "k_mutex_unlock");
    if (object == nullptr) return -EINVAL;
    if (refused_in_isr("k_mutex_unlock")) return -EPERM;
    switch (fake_kernel::unlock(object)) {
        case fake_kernel::LockResult::ok: return 0;
        case fake_kernel::LockResult::not_owner:
            fake_kernel::report("k_mutex_unlock by a thread that does not own the mutex");
            return -EPERM;
        default:
            fake_kernel::report("k_mutex_unlock of a mutex nobody holds");
            return -EINVAL;
    }
}

int sys_csrand_get(void *dst, size_t len) {
    unsigned pending = csrand_failures.load();
    while (pending > 0) {
        if (csrand_failures.compare_exchange_weak(pending, pending - 1)) return -EIO;
    }
    std::lock_guard<std::mutex> guard(csrand_mutex);
    auto *bytes = static_cast<uint8_t *>(dst);
    for (size_t i = 0; i < len; ++i) {
        csrand_state = csrand_state * 6364136223846793005ull + 1442695040888963407ull;  // test-only
        bytes[i] = static_cast<uint8_t>(csrand_state >> 56);
    }
    return 0;
}

}  // extern "C"
