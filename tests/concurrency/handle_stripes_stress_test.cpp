// The handle table's lock stripes under contention (issue 16: two threads;
// core/handles/handle_pool.hpp, TINYCAPI_HANDLE_LOCK_STRIPES). Pools of four child slots, so a
// stripe's free list is empty all the time and slots move from one stripe to another; two
// threads run whole context lifecycles (acquire, create, pin, destroy, last release with its
// cascade) on contexts of different stripes, while a third looks up every handle they ever
// published — live, destroyed, of slots since moved to another stripe — pins them, destroys
// them, and creates children of their contexts. Invariants: a lookup that succeeds pins the
// object its handle named (each object carries its own handle value, written by its creator
// under its pin), every call answers ok, busy or invalid_handle as its case allows, no call
// waits for another (the run ends), no lock is held and every slot is free at the end. With one
// stripe (Cortex-M's configuration) it is the same test of the one lock. Run under TSan in the
// host-tsan preset.
#include <gtest/gtest.h>
#include <tinycapi/port_mock.h>

#include <atomic>
#include <thread>

#include "handles/handle_table.hpp"

namespace tinycapi::handles {
namespace {

struct Context {
    uint32_t value;
};
struct Child {
    uintptr_t handle;  // its own handle value, written by its creator under the creator's pin
    uint32_t filler[3];
};

std::atomic<unsigned> hooked_destroys{0};
void count_destroy(void *) { hooked_destroys.fetch_add(1, std::memory_order_relaxed); }

PoolStorage<Context, 4> context_storage;
PoolStorage<Child, 4> hash_storage;  // no destroy hook: killed, wiped and freed in one locked section
PoolStorage<Child, 4> key_storage;   // a destroy hook: wiped outside the lock
constexpr Pool<Context> contexts = make_pool<ObjectKind::provider>(context_storage);
constexpr Pool<Child> hashes = make_pool<ObjectKind::hash>(hash_storage);
constexpr Pool<Child> keys = make_pool<ObjectKind::key>(key_storage, count_destroy);
constexpr const PoolBase *children[] = {&hashes, &keys};

constexpr int kRounds = 1500;
constexpr int kSeen = 32;  // handles the third thread remembers, the oldest overwritten

struct Seen {
    std::atomic<uintptr_t> contexts[kSeen];
    std::atomic<uintptr_t> children[kSeen];
    std::atomic<unsigned> next_context{0}, next_child{0};
    void context(uintptr_t h) { contexts[next_context.fetch_add(1) % kSeen].store(h, std::memory_order_relaxed); }
    void child(uintptr_t h) { children[next_child.fetch_add(1) % kSeen].store(h, std::memory_order_relaxed); }
};

struct Failures {
    std::atomic<int> wrong_object{0};     // a pin reached an object its handle did not name
    std::atomic<int> wrong_status{0};     // a status the case does not allow
    std::atomic<int> release_stuck{0};    // a last release still busy after many tries
};

// Pin `h` and check the object is the one `h` named; any status but ok/busy/invalid is wrong.
void PinAndCheck(const PoolBase &pool, uintptr_t h, Failures &f) {
    Pin pin;
    const HandleStatus status = pin_child(pool, contexts, h, &pin);
    if (status == HandleStatus::ok) {
        if (static_cast<const Child *>(pin.object())->handle != h) ++f.wrong_object;
    } else if (status != HandleStatus::busy && status != HandleStatus::invalid_handle) {
        ++f.wrong_status;
    }
}

// A child of the context `owner` pins, tagged with its own handle, unpinned; 0 if the pool is full.
uintptr_t NewChild(const PoolBase &pool, const Pin &owner, Failures &f) {
    Pin child;
    const HandleStatus status = create_child(pool, owner, &child);
    if (status == HandleStatus::pool_full) return 0;
    if (status != HandleStatus::ok) {
        ++f.wrong_status;
        return 0;
    }
    const uintptr_t h = publish(child);
    static_cast<Child *>(child.object())->handle = h;
    return h;
}

// A whole context lifecycle, over and over: the context's children are pinned, some destroyed,
// the rest go with the last release (busy while the third thread holds a pin: tried again).
void Owner(Seen &seen, Failures &f) {
    for (int round = 0; round < kRounds; ++round) {
        Pin made;
        if (create_provider(contexts, &made) != HandleStatus::ok) continue;  // the third thread's
        const uintptr_t context = publish(made);
        made.unpin();
        seen.context(context);
        uintptr_t mine[3] = {};
        for (int j = 0; j < 3; ++j) {
            Pin owner;
            if (pin_provider(contexts, context, &owner) != HandleStatus::ok) {
                ++f.wrong_status;
                continue;
            }
            mine[j] = NewChild(j == 1 ? keys : hashes, owner, f);
            if (mine[j] != 0) seen.child(mine[j]);
        }
        for (int j = 0; j < 3; ++j) {
            if (mine[j] != 0) PinAndCheck(j == 1 ? keys : hashes, mine[j], f);
        }
        if (mine[0] != 0) {
            const HandleStatus status = destroy_child(hashes, contexts, mine[0]);
            if (status != HandleStatus::ok && status != HandleStatus::busy && status != HandleStatus::invalid_handle) {
                ++f.wrong_status;
            }
        }
        ReleaseOutcome outcome;
        HandleStatus status;
        int tries = 0;
        while ((status = release_provider(contexts, children, 2, context, &outcome)) == HandleStatus::busy) {
            if (++tries == 1000000) break;
            std::this_thread::yield();
        }
        if (status != HandleStatus::ok || outcome != ReleaseOutcome::destroyed) ++f.release_stuck;
        // Dead now, whoever reuses the slots.
        Pin stale;
        if (pin_provider(contexts, context, &stale) != HandleStatus::invalid_handle) ++f.wrong_status;
    }
}

// Everything published so far, in any order: pins, destroys, children of others' contexts.
void Intruder(const std::atomic<bool> &done, Seen &seen, Failures &f) {
    unsigned n = 0;
    while (!done.load(std::memory_order_acquire)) {
        ++n;
        const uintptr_t h = seen.children[n % kSeen].load(std::memory_order_relaxed);
        if (h != 0) {
            PinAndCheck(hashes, h, f);  // one of the two is of the other kind: invalid_handle
            PinAndCheck(keys, h, f);
            if (n % 7 == 0) {
                const HandleStatus status = destroy_child(hashes, contexts, h);
                if (status != HandleStatus::ok && status != HandleStatus::busy &&
                    status != HandleStatus::invalid_handle) {
                    ++f.wrong_status;
                }
            }
        }
        const uintptr_t c = seen.contexts[n % kSeen].load(std::memory_order_relaxed);
        if (c != 0 && n % 3 == 0) {
            Pin owner;
            if (pin_provider(contexts, c, &owner) == HandleStatus::ok) {
                // A child of someone else's context, from whichever stripe has a slot; left for
                // that context's last release to cascade.
                const uintptr_t child = NewChild(n % 2 ? keys : hashes, owner, f);
                if (child != 0) seen.child(child);
            }
        }
    }
}

TEST(HandleStripesStressTest, LookupsPinsDestroysAndReleasesAcrossStripes) {
    tinycapi_mock_reset(1);
    Seen seen{};
    Failures f;
    std::atomic<bool> done{false};
    std::thread intruder(Intruder, std::cref(done), std::ref(seen), std::ref(f));
    std::thread a(Owner, std::ref(seen), std::ref(f)), b(Owner, std::ref(seen), std::ref(f));
    a.join();
    b.join();
    done.store(true, std::memory_order_release);
    intruder.join();
    EXPECT_EQ(f.wrong_object.load(), 0);
    EXPECT_EQ(f.wrong_status.load(), 0);
    EXPECT_EQ(f.release_stuck.load(), 0);
    EXPECT_EQ(pool_stats(contexts).in_use, 0u);
    EXPECT_EQ(pool_stats(hashes).in_use, 0u) << "every child went with its context";
    EXPECT_EQ(pool_stats(keys).in_use, 0u);
    EXPECT_GT(hooked_destroys.load(), 0u);
    EXPECT_EQ(tinycapi_mock_locks_held(), 0u);
    EXPECT_EQ(tinycapi_mock_nested_lock_violations(), 0u);
}

}  // namespace
}  // namespace tinycapi::handles
