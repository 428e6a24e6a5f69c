// The fake CMSIS-RTOS2 kernel over pthreads (see include/cmsis_os2.h). Beyond the error codes
// the API defines, it reports as a test failure what a port must never do:
//   - a mutex created from the RTOS's memory pool (no cb_mem): tinycapi allocates nothing;
//   - a mutex acquired or released from an ISR (osErrorISR: the caller would run unlocked);
//   - a mutex released by a thread that does not own it, or that nobody holds;
//   - a non-recursive mutex acquired again by its owner (a deadlock with osWaitForever);
//   - a mutex used before osMutexNew, or deleted while held;
//   - a thread ending while it holds a mutex;
//   - a mutex acquired before the kernel runs (osMutexAcquire needs a running thread).
#include "fake_cmsis_rtos2.h"

#include <atomic>
#include <mutex>

#include "cmsis_compiler.h"
#include "fake_kernel.hpp"

namespace {

std::atomic<osKernelState_t> kernel_state{osKernelRunning};

constexpr uint32_t kMagic = 0x434d5458u;

// cb_mem as this fake lays it out: the fake kernel's object, then a magic word.
struct ControlBlock {
    void *object;
    uint32_t magic;
};
static_assert(sizeof(ControlBlock) <= FAKE_CMSIS_MUTEX_CB_SIZE, "the documented size");

bool in_isr() { return fake_kernel::current_thread().in_interrupt; }

// osKernelLock: on a real kernel no other thread runs meanwhile; here the other threads run on,
// but no two hold the kernel lock at once, and only the holder sees osKernelLocked.
std::mutex kernel_lock;
thread_local bool holds_kernel_lock = false;

fake_kernel::Mutex *mutex_of(osMutexId_t id, const char *call) {
    auto *block = static_cast<ControlBlock *>(id);
    fake_kernel::Mutex *mutex = block == nullptr ? nullptr : fake_kernel::created_in(&block->object);
    if (mutex == nullptr || block->magic != kMagic) {
        fake_kernel::report(std::string(call) + " on a mutex that osMutexNew did not create");
        return nullptr;
    }
    return mutex;
}

}  // namespace

extern "C" {

void fake_cmsis_set_kernel_state(osKernelState_t state) { kernel_state = state; }
void fake_cmsis_enter_isr(void) { fake_kernel::current_thread().in_interrupt = true; }
void fake_cmsis_leave_isr(void) { fake_kernel::current_thread().in_interrupt = false; }

uint32_t __get_IPSR(void) { return in_isr() ? 16u + 5u : 0u; }

osKernelState_t osKernelGetState(void) { return holds_kernel_lock ? osKernelLocked : kernel_state.load(); }

int32_t osKernelLock(void) {
    if (in_isr()) return osErrorISR;
    if (kernel_state.load() != osKernelRunning) return osError;
    if (holds_kernel_lock) return 1;
    kernel_lock.lock();
    holds_kernel_lock = true;
    return 0;
}

int32_t osKernelUnlock(void) {
    if (in_isr()) return osErrorISR;
    if (!holds_kernel_lock) return 0;
    holds_kernel_lock = false;
    kernel_lock.unlock();
    return 1;
}

int32_t osKernelRestoreLock(int32_t lock) {
    if (in_isr()) return osErrorISR;
    if (lock == 0) {
        osKernelUnlock();
        return 0;
    }
    if (lock == 1) {
        osKernelLock();
        return 1;
    }
    return osErrorParameter;
}

osThreadId_t osThreadGetId(void) {
    osKernelState_t state = kernel_state.load();
    if (state == osKernelInactive || state == osKernelReady) return nullptr;
    return &fake_kernel::current_thread();
}

osMutexId_t osMutexNew(const osMutexAttr_t *attr) {
    if (in_isr()) return nullptr;
    if (attr == nullptr || attr->cb_mem == nullptr) {
        fake_kernel::report("osMutexNew from the RTOS's memory (no cb_mem)");
        return nullptr;
    }
    if (attr->cb_size < FAKE_CMSIS_MUTEX_CB_SIZE) return nullptr;
    auto *block = static_cast<ControlBlock *>(attr->cb_mem);
    fake_kernel::create_in(&block->object, (attr->attr_bits & osMutexRecursive) != 0
                                               ? fake_kernel::MutexKind::recursive
                                               : fake_kernel::MutexKind::non_recursive);
    block->magic = kMagic;
    return block;
}

osStatus_t osMutexAcquire(osMutexId_t mutex_id, uint32_t timeout) {
    if (in_isr()) {
        fake_kernel::report("osMutexAcquire from an ISR");
        return osErrorISR;
    }
    fake_kernel::Mutex *mutex = mutex_of(mutex_id, "osMutexAcquire");
    if (mutex == nullptr) return osErrorParameter;
    osKernelState_t state = osKernelGetState();
    if (state != osKernelRunning) {
        fake_kernel::report("osMutexAcquire while the kernel is not running");
        return osError;
    }
    long ms = timeout == osWaitForever ? fake_kernel::kWaitForever : static_cast<long>(timeout);
    switch (fake_kernel::lock(mutex, ms)) {
        case fake_kernel::LockResult::ok: return osOK;
        case fake_kernel::LockResult::busy: return osErrorResource;
        case fake_kernel::LockResult::already_owner:
            if (timeout == osWaitForever) {
                fake_kernel::report_fatal("osMutexAcquire(osWaitForever) by the owner of a mutex without osMutexRecursive");
            } else if (timeout != 0) {
                fake_kernel::report("osMutexAcquire by the owner of a mutex without osMutexRecursive");
            }
            return osErrorResource;
        default: return osErrorTimeout;
    }
}

osStatus_t osMutexRelease(osMutexId_t mutex_id) {
    if (in_isr()) {
        fake_kernel::report("osMutexRelease from an ISR");
        return osErrorISR;
    }
    fake_kernel::Mutex *mutex = mutex_of(mutex_id, "osMutexRelease");
    if (mutex == nullptr) return osErrorParameter;
    switch (fake_kernel::unlock(mutex)) {
        case fake_kernel::LockResult::ok: return osOK;
        case fake_kernel::LockResult::not_owner:
            fake_kernel::report("osMutexRelease by a thread that does not own the mutex");
            return osErrorResource;
        default:
            fake_kernel::report("osMutexRelease of a mutex nobody holds");
            return osErrorResource;
    }
}

osThreadId_t osMutexGetOwner(osMutexId_t mutex_id) {
    if (in_isr()) return nullptr;
    fake_kernel::Mutex *mutex = mutex_of(mutex_id, "osMutexGetOwner");
    if (mutex == nullptr) return nullptr;
    return const_cast<fake_kernel::ThreadState *>(fake_kernel::owner_of(mutex));
}

osStatus_t osMutexDelete(osMutexId_t mutex_id) {
    if (in_isr()) return osErrorISR;
    if (mutex_of(mutex_id, "osMutexDelete") == nullptr) return osErrorParameter;
    auto *block = static_cast<ControlBlock *>(mutex_id);
    fake_kernel::destroy_in(&block->object);
    block->magic = 0;
    return osOK;
}

}  // extern "C"
