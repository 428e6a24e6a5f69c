#include "fake_kernel.hpp"

#include <gtest/gtest.h>

#include <stdio.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace fake_kernel {

class Mutex {
public:
    explicit Mutex(MutexKind kind) : kind_(kind) {}
    std::mutex guard;
    std::condition_variable released;
    const ThreadState *owner = nullptr;
    unsigned depth = 0;
    const MutexKind kind_;
};

namespace {

std::atomic<unsigned> held_total{0};
std::atomic<unsigned long> acquisitions_total{0};
std::atomic<unsigned> nested_total{0};

std::mutex capture_mutex;
bool capturing = false;
std::vector<std::string> captured;

std::mutex create_once_mutex;

// Every live mutex, so that those of kernels without a delete call (Zephyr's k_mutex) stay
// reachable for LeakSanitizer.
std::mutex registry_mutex;
std::vector<std::unique_ptr<Mutex>> &registry() {
    static auto *all = new std::vector<std::unique_ptr<Mutex>>;  // outlives every thread_local
    return *all;
}

Mutex *new_mutex(MutexKind kind) {
    std::lock_guard<std::mutex> guard(registry_mutex);
    registry().push_back(std::make_unique<Mutex>(kind));
    return registry().back().get();
}

void delete_mutex(Mutex *mutex) {
    std::lock_guard<std::mutex> guard(registry_mutex);
    auto &all = registry();
    for (auto it = all.begin(); it != all.end(); ++it) {
        if (it->get() == mutex) {
            all.erase(it);
            return;
        }
    }
}

}  // namespace

void report(const std::string &what) {
    {
        std::lock_guard<std::mutex> guard(capture_mutex);
        if (capturing) {
            captured.push_back(what);
            return;
        }
    }
    ADD_FAILURE() << "RTOS rule broken: " << what;
}

void report_fatal(const std::string &what) {
    bool captured_here = false;
    {
        std::lock_guard<std::mutex> guard(capture_mutex);
        captured_here = capturing;
    }
    report(what);
    if (!captured_here) {
        fprintf(stderr, "fake kernel: the real kernel halts or hangs here: %s\n", what.c_str());
        std::abort();
    }
}

ViolationCapture::ViolationCapture() {
    std::lock_guard<std::mutex> guard(capture_mutex);
    capturing = true;
    captured.clear();
}

ViolationCapture::~ViolationCapture() {
    std::lock_guard<std::mutex> guard(capture_mutex);
    capturing = false;
}

std::vector<std::string> ViolationCapture::taken() {
    std::lock_guard<std::mutex> guard(capture_mutex);
    std::vector<std::string> result;
    result.swap(captured);
    return result;
}

ThreadState::~ThreadState() {
    if (mutexes_held != 0) report("a thread ended holding " + std::to_string(mutexes_held) + " mutex(es)");
}

ThreadState &current_thread() {
    thread_local ThreadState state;
    return state;
}

Mutex *create_in(void **word, MutexKind kind) {
    if (created_in(word) != nullptr) report("a mutex was created again while it exists");
    Mutex *mutex = new_mutex(kind);
    __atomic_store_n(word, static_cast<void *>(mutex), __ATOMIC_RELEASE);
    return mutex;
}

Mutex *created_in(void *const *word) { return static_cast<Mutex *>(__atomic_load_n(word, __ATOMIC_ACQUIRE)); }

Mutex *create_once_in(void **word, MutexKind kind) {
    if (Mutex *existing = created_in(word)) return existing;
    std::lock_guard<std::mutex> guard(create_once_mutex);
    if (Mutex *existing = created_in(word)) return existing;
    Mutex *mutex = new_mutex(kind);
    __atomic_store_n(word, static_cast<void *>(mutex), __ATOMIC_RELEASE);
    return mutex;
}

void destroy_in(void **word) {
    Mutex *mutex = created_in(word);
    if (mutex == nullptr) {
        report("a mutex was deleted before it was created");
        return;
    }
    {
        std::lock_guard<std::mutex> guard(mutex->guard);
        if (mutex->owner != nullptr) {
            report("a mutex was deleted while held");
            --held_total;  // its holder may be gone; the violation is reported
        }
    }
    __atomic_store_n(word, nullptr, __ATOMIC_RELEASE);
    delete_mutex(mutex);
}

LockResult lock(Mutex *mutex, long timeout_ms) {
    ThreadState &self = current_thread();
    std::unique_lock<std::mutex> guard(mutex->guard);
    if (mutex->owner == &self) {
        if (mutex->kind_ == MutexKind::recursive) {
            ++mutex->depth;
            ++acquisitions_total;
            return LockResult::ok;
        }
        return LockResult::already_owner;
    }
    auto free = [mutex] { return mutex->owner == nullptr; };
    if (timeout_ms == kWaitForever) {
        mutex->released.wait(guard, free);
    } else if (!mutex->released.wait_for(guard, std::chrono::milliseconds(timeout_ms), free)) {
        return timeout_ms == 0 ? LockResult::busy : LockResult::timed_out;
    }
    mutex->owner = &self;
    mutex->depth = 1;
    if (self.mutexes_held != 0) ++nested_total;
    ++self.mutexes_held;
    ++held_total;
    ++acquisitions_total;
    return LockResult::ok;
}

LockResult unlock(Mutex *mutex) {
    ThreadState &self = current_thread();
    std::lock_guard<std::mutex> guard(mutex->guard);
    if (mutex->owner == nullptr) return LockResult::not_locked;
    if (mutex->owner != &self) return LockResult::not_owner;
    if (--mutex->depth == 0) {
        mutex->owner = nullptr;
        --self.mutexes_held;
        --held_total;
        mutex->released.notify_one();
    }
    return LockResult::ok;
}

const ThreadState *owner_of(const Mutex *mutex) {
    auto *writable = const_cast<Mutex *>(mutex);
    std::lock_guard<std::mutex> guard(writable->guard);
    return writable->owner;
}

unsigned mutexes_held() { return held_total.load(); }
unsigned long acquisitions() { return acquisitions_total.load(); }
unsigned nested_acquisitions() { return nested_total.load(); }
void reset_counters() {
    acquisitions_total = 0;
    nested_total = 0;
}

}  // namespace fake_kernel
