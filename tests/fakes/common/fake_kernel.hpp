// The kernel under the RTOS fakes (tests/fakes/<rtos>): mutexes with an owner, per-thread state
// (thread-local storage slots, "inside an interrupt"), lock accounting, and the reporting of
// misuse as a test failure. Real pthreads run underneath, so ASan and TSan see real threads.
// Each fake maps its RTOS's API (names, types, return codes from the RTOS's documentation) onto
// this. Host test code: it may allocate.
#pragma once

#include <stdint.h>

#include <string>
#include <vector>

namespace fake_kernel {

// A rule of the real kernel was broken (a non-recursive mutex taken twice, an unlock by a
// thread that is not the owner, a mutex used before it was created, a lock held when its thread
// ends, a mutex from an interrupt ...). Reported as a GoogleTest failure of the running test,
// unless a ViolationCapture is active.
void report(const std::string &what);
// The same for a misuse after which the real kernel cannot go on (a configASSERT halt, a wait
// that never ends): reported, then the process aborts, so that a port's retry loop cannot spin.
// Under a ViolationCapture it returns like report().
void report_fatal(const std::string &what);

// Collects the violations reported while it lives instead of failing the test: for the tests
// that prove a fake catches a misuse.
class ViolationCapture {
public:
    ViolationCapture();
    ~ViolationCapture();
    ViolationCapture(const ViolationCapture &) = delete;
    ViolationCapture &operator=(const ViolationCapture &) = delete;
    std::vector<std::string> taken();
};

constexpr int kThreadLocalSlots = 8;

// The calling pthread as the fake kernel sees it: every host thread is a task/thread.
struct ThreadState {
    unsigned mutexes_held = 0;
    bool in_interrupt = false;
    void *local_slots[kThreadLocalSlots] = {};
    ~ThreadState();
};
ThreadState &current_thread();

enum class MutexKind { non_recursive, recursive };
enum class LockResult { ok, busy, timed_out, already_owner, not_owner, not_locked };

constexpr long kWaitForever = -1;

class Mutex;

// The fakes keep a Mutex behind one pointer-sized word of the RTOS's own control block (its
// static storage), so "created" is "that word is set" and zeroed storage is "not created".
Mutex *create_in(void **word, MutexKind kind);       // reports a second create of a live mutex
Mutex *created_in(void *const *word);                // nullptr: not created
Mutex *create_once_in(void **word, MutexKind kind);  // statically defined mutexes: first use creates
void destroy_in(void **word);                        // reports destroying a held mutex

// Waits up to timeout_ms (kWaitForever: without limit; 0: not at all).
LockResult lock(Mutex *mutex, long timeout_ms);
LockResult unlock(Mutex *mutex);
const ThreadState *owner_of(const Mutex *mutex);

// Accounting over every fake mutex, for the suite's end-of-test checks.
unsigned mutexes_held();
unsigned long acquisitions();
unsigned nested_acquisitions();  // a thread took a mutex while holding another
void reset_counters();

}  // namespace fake_kernel
