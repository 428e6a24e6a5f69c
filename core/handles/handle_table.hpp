// Operations on handles: create, pin, unpin, add a reference, release, destroy.
//
// The rules (docs/ARCHITECTURE.md, reference §2):
//  - A call pins every object it works on, under the handle lock of the object's stripe
//    (TINYCAPI_LOCK_HANDLES where there is one stripe; a provider and its children share one,
//    handle_pool.hpp), then works on it with the lock released, then unpins. Never two locks
//    at once. A key or hash takes one pin at a time: a second call on
//    the same object gets HandleStatus::busy. A provider takes any number of pins, and every
//    pinned child also pins its provider.
//  - Releasing the last reference of a provider destroys it and every child it made: their
//    handles die at once (generation bump under the lock), their memory is wiped outside it.
//    A release or destroy that would pull an object from under a pinned call fails with busy
//    and changes nothing. Nothing here ever waits for another caller.
//  - A zero, garbage, stale or wrong-kind value is rejected by comparison only: it is never
//    used to reach memory before its kind, index, state and generation all match.
// These rules are model-checked with spin: model/pin_protocol.pml ("model: step N" in the .cpp).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "handle_pool.hpp"

namespace tinycapi::handles {

enum class HandleStatus {
    ok,
    invalid_handle,  // zero, garbage, stale, released, or of another kind
    busy,            // pinned by a call in flight on another thread
    pool_full,       // no free slot
    reference_limit  // the reference count cannot grow further
};

// At -Os (Cortex-M firmware) the small operations every call ends with (unpin, publish) stay
// one out-of-line copy instead of being expanded at each of their callers; elsewhere they are
// expanded in place as before (host speed, issue 16).
#if defined(__OPTIMIZE_SIZE__)
#define TINYCAPI_HANDLES_SIZE_NOINLINE __attribute__((noinline))
#else
#define TINYCAPI_HANDLES_SIZE_NOINLINE
#endif

// At -Os a Pin has one more field than elsewhere (object_, below). A file compiled at another
// optimisation level must not exchange pins with it, so at -Os the type carries an ABI tag: the
// mangled name of every function taking a Pin or a Pinned (object_pools.hpp) changes, and a
// build mixing levels in the library fails to link instead of misreading pins.
#if defined(__OPTIMIZE_SIZE__)
#define TINYCAPI_PIN_LAYOUT_TAG __attribute__((abi_tag("size_optimised_pin")))
#else
#define TINYCAPI_PIN_LAYOUT_TAG
#endif

class TINYCAPI_PIN_LAYOUT_TAG Pin;
namespace hot {  // handle_table_inline.hpp
inline HandleStatus pin_child(const PoolBase &children, const PoolBase &providers, uintptr_t raw, Pin *out);
inline HandleStatus create_sibling(const PoolBase &children, const Pin &sibling, Pin *out);
inline void engage(Pin *out, const PoolBase &pool, uint32_t index, const PoolBase *owner_pool, uint32_t owner_index);
inline void note_generation(Pin *out, uint32_t generation);
}  // namespace hot

// A pinned object: the holder may read and write the object's bytes with no lock held.
// Unpins on destruction, so no early return can leak a pin.
class TINYCAPI_PIN_LAYOUT_TAG Pin {
public:
    Pin() = default;
    ~Pin() { unpin(); }
    Pin(const Pin &) = delete;
    Pin &operator=(const Pin &) = delete;

    bool engaged() const { return pool_ != nullptr; }
    uint32_t index() const { return index_; }
    // The owning provider's slot index (children only).
    uint32_t owner_index() const { return owner_index_; }
    // The pinned object's bytes (only while engaged).
#if defined(__OPTIMIZE_SIZE__)
    void *object() const { return object_; }
#else
    void *object() const { return pool_->object_at(index_); }
#endif
    // Drop the pin now (idempotent). Inline, as every call ends with it (one out-of-line copy
    // at -Os: TINYCAPI_HANDLES_SIZE_NOINLINE). No lock: the child's
    // pin goes first and its provider's second (release ordering), so a last release that sees
    // the provider unpinned also sees every child of it unpinned, and the object's bytes written
    // under the pin are visible to whoever wipes it next. model: step 5 (pin_protocol.pml)
    TINYCAPI_HANDLES_SIZE_NOINLINE void unpin() {
        if (!pool_) return;
        pool_->slots[index_].pins.fetch_sub(1, std::memory_order_release);
        if (owner_pool_) owner_pool_->slots[owner_index_].pins.fetch_sub(1, std::memory_order_release);
        pool_ = nullptr;
        owner_pool_ = nullptr;
    }

private:
    friend HandleStatus create_provider(const PoolBase &, Pin *);
    friend HandleStatus create_child(const PoolBase &, const Pin &, Pin *);
    friend HandleStatus create_sibling(const PoolBase &, const Pin &, Pin *);
    friend HandleStatus pin_provider(const PoolBase &, uintptr_t, Pin *);
    friend HandleStatus pin_child(const PoolBase &, const PoolBase &, uintptr_t, Pin *);
    friend uintptr_t publish(const Pin &);
    friend void discard(Pin *);
    friend HandleStatus pin_owner_of(const Pin &, const PoolBase &, Pin *);
    friend HandleStatus hot::pin_child(const PoolBase &, const PoolBase &, uintptr_t, Pin *);
    friend HandleStatus hot::create_sibling(const PoolBase &, const Pin &, Pin *);
    friend void hot::engage(Pin *, const PoolBase &, uint32_t, const PoolBase *, uint32_t);
    friend void hot::note_generation(Pin *, uint32_t);

    // Only pool_ needs a value before a pin is engaged: the rest is written with it (engage,
    // create_*) and read only while it is set, so at -Os the rest starts unset, which saves
    // zeroing 20 bytes for every pin of every call (issue 16); elsewhere all start at zero.
#if defined(__OPTIMIZE_SIZE__)
#define TINYCAPI_PIN_FIELD_INIT
#else
#define TINYCAPI_PIN_FIELD_INIT {}
#endif
    const PoolBase *pool_ = nullptr;
    const PoolBase *owner_pool_ TINYCAPI_PIN_FIELD_INIT;  // null for a provider's pin
    uint32_t index_ TINYCAPI_PIN_FIELD_INIT;
    uint32_t owner_index_ TINYCAPI_PIN_FIELD_INIT;
    uint32_t generation_ TINYCAPI_PIN_FIELD_INIT;  // of an object made by create_*: read under that call's lock
#if defined(__OPTIMIZE_SIZE__)
    // The object's address, found once as the pin is taken: at -Os every use of a pinned
    // object is then a load, not a call (issue 16: code size). A layout that depends on the
    // optimisation level: TINYCAPI_PIN_LAYOUT_TAG keeps files built at others from linking.
    void *object_;
#endif
#undef TINYCAPI_PIN_FIELD_INIT
};

// Allocate a zeroed provider slot with one reference, pinned by `out`. Its handle is not
// known to anyone until publish(). pool_full when the pool is exhausted (nothing changes).
HandleStatus create_provider(const PoolBase &providers, Pin *out);

// Allocate a zeroed child slot (key or hash) owned by the provider `provider_pin` holds,
// pinned by `out` (which also pins the provider). pool_full when exhausted.
HandleStatus create_child(const PoolBase &children, const Pin &provider_pin, Pin *out);

// Allocate a zeroed child slot owned by the provider of the pinned child `sibling`
// (CryptDuplicateHash / CryptDuplicateKey), pinned by `out`: one lock round trip where pinning
// the owner and then creating took two.
HandleStatus create_sibling(const PoolBase &children, const Pin &sibling, Pin *out);

// The handle value of an object created above, to hand to the caller once it is complete.
// Takes no lock: nobody can kill a slot its creator still pins (its handle is unknown and a
// pinned child pins its provider), so the generation create_* read is still the slot's.
// model: step 6 (pin_protocol.pml)
TINYCAPI_HANDLES_SIZE_NOINLINE inline uintptr_t publish(const Pin &pin) {
    // encode_handle's layout, with the pool's precomputed generation mask.
    const PoolBase &pool = *pin.pool_;
    return (static_cast<uint32_t>(pool.kind) << kKindShift) | ((pin.generation_ & pool.generation_mask) << pool.index_bits) |
           pin.index_;
}

// Give back a slot made by create_* whose construction failed: wiped and freed at once.
void discard(Pin *pin);

// Validate `raw` as a live provider handle and pin it (shared).
HandleStatus pin_provider(const PoolBase &providers, uintptr_t raw, Pin *out);

// Validate `raw` as a live child handle of `children`' kind and pin it (exclusive) and its
// provider (shared). busy if another call has the child pinned.
HandleStatus pin_child(const PoolBase &children, const PoolBase &providers, uintptr_t raw, Pin *out);

// Pin the provider that owns a pinned child, e.g. to create a sibling object from it.
HandleStatus pin_owner_of(const Pin &child, const PoolBase &providers, Pin *out);

// CryptContextAddRef: one more reference to a live provider.
HandleStatus add_reference(const PoolBase &providers, uintptr_t raw);

enum class ReleaseOutcome { still_referenced, destroyed };

// Told about each child a provider's last release destroys, before it is wiped: its handle is
// dead, no lock is held and nobody else can reach it.
struct OrphanObserver {
    void (*orphaned)(const PoolBase &pool, uint32_t index, void *context);
    void *context;
};

// CryptReleaseContext: drop one reference. At zero, destroy the provider and every child in
// `children` it owns (each shown to `observer` first, if given). busy (nothing changed) if that
// last release finds the provider or any of its children pinned.
HandleStatus release_provider(const PoolBase &providers, const PoolBase *const *children, size_t child_pool_count,
                              uintptr_t raw, ReleaseOutcome *outcome, const OrphanObserver *observer = nullptr);

// CryptDestroyKey / CryptDestroyHash: kill the handle and free its slot. busy if pinned.
// A pool with no destroy hook (its objects hold nothing outside the slot) is killed, wiped
// and freed in one lock round trip: the wipe is a bounded clear of the slot, never crypto.
HandleStatus destroy_child(const PoolBase &children, const PoolBase &providers, uintptr_t raw);

struct PoolStats {
    uint32_t capacity;
    uint32_t in_use;
    uint32_t high_water;
    uint32_t retired;
    size_t slot_bytes;  // RAM one slot costs: the object plus its bookkeeping
};

PoolStats pool_stats(const PoolBase &pool);

}  // namespace tinycapi::handles
