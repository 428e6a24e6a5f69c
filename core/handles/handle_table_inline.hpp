// The bodies of the handle operations every short call runs — the lookups, pin_child,
// create_sibling, destroy_child and what they use — as inline functions. handle_table.cpp
// defines the functions of handle_table.hpp with them; a caller whose pool descriptors are
// constant expressions (core/objects/object_pools.cpp) may expand them in place instead, so
// the compiler folds each pool's layout (kind, capacity, index bits, generation mask, slot
// arrays) into the code and a call level disappears (issue 16: about a fifth of what a pin
// costs). Same code, same protocol: the "model: step N" marks are those of handle_table.cpp.
// Only core/handles and object_pools.cpp include this header.
#pragma once

#include "handle_table.hpp"
#include "platform/port_lock.hpp"
#include "platform/secure_wipe.hpp"

namespace tinycapi::handles::hot {

inline constexpr uint16_t kMaxPins = 0xFFFF;

// Fill `out` for slot `index` of `pool` (and its provider's, for a child): called inside the
// locked section that took the pins, so that nothing has to be kept across the unlock.
inline void engage(Pin *out, const PoolBase &pool, uint32_t index, const PoolBase *owner_pool, uint32_t owner_index) {
    out->pool_ = &pool;
    out->owner_pool_ = owner_pool;
    out->index_ = index;
    out->owner_index_ = owner_index;
#if defined(__OPTIMIZE_SIZE__)
    out->object_ = pool.object_at(index);
#endif
}
// The generation of a slot create_* made live, for publish().
inline void note_generation(Pin *out, uint32_t generation) { out->generation_ = generation; }

// The lock of stripe `stripe`, held for a scope. With several stripes the port is given the
// stripe's lock object by address (tinycapi_port_handle_locks + stripe: a shift and an add, no
// lookup by id on either side); with one it is TINYCAPI_LOCK_HANDLES, the one-lock code.
class StripeGuard {
public:
#if TINYCAPI_HANDLE_LOCK_STRIPES > 1
    explicit StripeGuard(uint32_t stripe) : lock_(&tinycapi_port_handle_locks[stripe]) {
        tinycapi_port_lock_handles(lock_);
    }
    ~StripeGuard() { tinycapi_port_unlock_handles(lock_); }
#elif defined(__OPTIMIZE_SIZE__)
    // At -Os (Cortex-M firmware) each of the many lock and unlock sites is a call with no
    // argument to set up (issue 16: code size).
    explicit StripeGuard(uint32_t) { lock_handles(); }
    ~StripeGuard() { unlock_handles(); }
    __attribute__((noinline)) static void lock_handles() { tinycapi_port_lock(TINYCAPI_LOCK_HANDLES); }
    __attribute__((noinline)) static void unlock_handles() { tinycapi_port_unlock(TINYCAPI_LOCK_HANDLES); }
#else
    explicit StripeGuard(uint32_t) { tinycapi_port_lock(TINYCAPI_LOCK_HANDLES); }
    ~StripeGuard() { tinycapi_port_unlock(TINYCAPI_LOCK_HANDLES); }
#endif
    StripeGuard(const StripeGuard &) = delete;
    StripeGuard &operator=(const StripeGuard &) = delete;

private:
#if TINYCAPI_HANDLE_LOCK_STRIPES > 1
    tinycapi_port_handle_lock *lock_;
#endif
};

// ---- Reads from other stripes ------------------------------------------------------------
//
// With several stripes a slot can move from one to another (its stripe is its owner's, and a
// stripe whose free list is empty takes another's slot), so a child lookup takes the lock the
// handle's stripe tag names (kStripeTagMask) and a release's scan reads slots of other stripes.
// Those reads are atomic, and sound by this rule: every write of a slot's metadata happens under
// the lock of the stripe that owns it then (a slot being moved is free: nobody looks it up); a
// generation whose tag is s is only ever written under s's lock (a life of s begins, or ends,
// there); a state is stored with release after the owner and generation it goes with, and loaded
// with acquire before them; and a slot's owner is written only as a life begins (never reset
// when the slot is freed). So under s's lock, a slot read as live at a generation tagged s is
// one whose current life began under that lock before this holder took it (a life begun since
// under another stripe would show its own tag with its state; had this one ended, its end would
// show too), and its owner is of stripe s. With one stripe they are plain accesses, as
// everything is under the one lock.
inline SlotState state_of(const SlotMeta &slot) {
    if constexpr (kHandleStripes > 1) {
        return static_cast<SlotState>(__atomic_load_n(reinterpret_cast<const uint8_t *>(&slot.state), __ATOMIC_ACQUIRE));
    } else {
        return slot.state;
    }
}
inline void set_state(SlotMeta &slot, SlotState state) {
    if constexpr (kHandleStripes > 1) {
        __atomic_store_n(reinterpret_cast<uint8_t *>(&slot.state), static_cast<uint8_t>(state), __ATOMIC_RELEASE);
    } else {
        slot.state = state;
    }
}
inline uint32_t owner_of(const SlotMeta &slot) {
    if constexpr (kHandleStripes > 1) {
        return __atomic_load_n(&slot.owner, __ATOMIC_RELAXED);
    } else {
        return slot.owner;
    }
}
inline void set_owner(SlotMeta &slot, uint32_t owner) {
    if constexpr (kHandleStripes > 1) {
        __atomic_store_n(&slot.owner, static_cast<uint16_t>(owner), __ATOMIC_RELAXED);
    } else {
        slot.owner = static_cast<uint16_t>(owner);
    }
}
inline uint32_t generation_of(const SlotMeta &slot) {
    if constexpr (kHandleStripes > 1) {
        return __atomic_load_n(&slot.generation, __ATOMIC_RELAXED);
    } else {
        return slot.generation;
    }
}
inline void set_generation(SlotMeta &slot, uint32_t generation) {
    if constexpr (kHandleStripes > 1) {
        __atomic_store_n(&slot.generation, generation, __ATOMIC_RELAXED);
    } else {
        slot.generation = generation;
    }
}

// The stripe of a slot: its own index's for a provider, its owner's for a child (read without
// the lock: a lookup's guess, checked again under the lock it chooses).
inline uint32_t stripe_of_slot(const PoolBase &pool, uint32_t index) {
    return stripe_of_provider(pool.kind == ObjectKind::provider ? index : owner_of(pool.slots[index]));
}

// ---- Slot allocation (callers hold the lock of `stripe`) ---------------------------------

// model: step 1 (pin_protocol.pml)
// A never-used slot, if any is left. With one stripe under the lock; with several an atomic
// claim (any stripe's holder may ask), which costs one load once the pool has been used whole.
inline bool claim_fresh_slot(const PoolBase &pool, uint32_t *index) {
    std::atomic<uint16_t> &next = pool.counters->never_used_from;
    if constexpr (kHandleStripes > 1) {
        uint16_t fresh = next.load(std::memory_order_relaxed);
        while (fresh < pool.capacity) {
            if (next.compare_exchange_weak(fresh, static_cast<uint16_t>(fresh + 1), std::memory_order_relaxed)) {
                *index = fresh;
                return true;
            }
        }
        return false;
    } else {
        const uint16_t fresh = next.load(std::memory_order_relaxed);
        if (fresh >= pool.capacity) return false;
        next.store(static_cast<uint16_t>(fresh + 1), std::memory_order_relaxed);
        *index = fresh;
        return true;
    }
}

// model: step 1 (pin_protocol.pml)
// The oldest slot of stripe `list`'s free list, taken off it (the caller holds that stripe's
// lock). Until it is made live the slot is free and on no list: only its taker touches it.
inline bool pop_free_slot(const PoolBase &pool, uint32_t list, uint32_t *index) {
    FreeList &from = pool.counters->stripe[list].free;
    if (from.head == 0) return false;
    *index = from.head - 1u;
    from.head = pool.slots[*index].next_free;
    if (from.head == 0) from.tail = 0;
    return true;
}

// A slot made live in `stripe` counts as that stripe's.
inline void count_taken(const PoolBase &pool, uint32_t stripe) {
    StripeCounters &c = pool.counters->stripe[stripe];
    if (++c.in_use > c.high_water) c.high_water = c.in_use;
}

// model: step 1 (pin_protocol.pml)
// Fresh slots first, then stripe `stripe`'s list; the slot counts as that stripe's (the caller
// holds its lock; a fresh provider slot is its own index's stripe's: create_provider). One copy
// at -Os, for providers and children alike (issue 16: code size).
#if defined(__OPTIMIZE_SIZE__)
__attribute__((noinline))
#endif
inline bool take_free_slot(const PoolBase &pool, uint32_t stripe, uint32_t *index) {
    if (!claim_fresh_slot(pool, index) && !pop_free_slot(pool, stripe, index)) return false;
    count_taken(pool, stripe);
    return true;
}

// A free slot on stripe `list`'s FIFO list (the caller holds that stripe's lock).
inline void push_free_slot(const PoolBase &pool, uint32_t list, uint32_t index) {
    SlotMeta &slot = pool.slots[index];
    FreeList &to = pool.counters->stripe[list].free;
    slot.next_free = 0;
    const uint16_t link = static_cast<uint16_t>(index + 1);
    if (to.tail != 0) {
        pool.slots[to.tail - 1u].next_free = link;
    } else {
        to.head = link;
    }
    to.tail = link;
}

// model: step 2 (pin_protocol.pml)
// A dead slot goes back on its stripe's free list (the caller holds that stripe's lock).
inline void put_free_slot(const PoolBase &pool, uint32_t index, uint32_t stripe) {
    SlotMeta &slot = pool.slots[index];
    StripeCounters &c = pool.counters->stripe[stripe];
    --c.in_use;
    // No store to pins or references: a slot is freed only once nobody pins it (checked under
    // the lock, or dropped by its one holder first), so its pin count is 0 already (the model
    // asserts it); references is set by create_provider and read only on a live provider.
    // Nor to owner: it changes only when the slot begins a life (make_child_live, before the
    // state), never between lives, or a release of the provider in slot 0 reading this slot from
    // another stripe could see the new owner with the old `cascading` state and free it twice
    // ("Reads from other stripes"; found by ThreadSanitizer in HandleStripesStressTest).
    // Under the retire policy a slot whose generations are used up never comes back, so no
    // handle value is ever issued twice.
    if (pool.retire_exhausted_slots && (generation_of(slot) & pool.generation_mask & ~kStripeTagMask) == 0) {
        set_state(slot, SlotState::retired);
        ++c.retired;
        return;
    }
    set_state(slot, SlotState::free);
    push_free_slot(pool, stripe, index);
}

// The same, the stripe read from the slot (its index's for a provider, its owner's for a child).
inline void put_free_slot(const PoolBase &pool, uint32_t index) { put_free_slot(pool, index, stripe_of_slot(pool, index)); }

// model: step 3 (pin_protocol.pml)
// Kill the handle of a live slot: from now on no lookup matches it.
inline void kill_handle(const PoolBase &pool, uint32_t index, SlotState next_state) {
    SlotMeta &slot = pool.slots[index];
    set_generation(slot, generation_of(slot) + kHandleStripes);  // the stripe tag stays
    set_state(slot, next_state);
}

// model: step 4 (pin_protocol.pml)
// Wipe a dead slot's object; outside the lock, by the one thread that killed the handle.
// Only as far as the pool's wipe_extent says anything can be non-zero.
inline void wipe_object(const PoolBase &pool, uint32_t index) {
    void *object = pool.object_at(index);
    if (pool.destroy_object) pool.destroy_object(object);
    const size_t extent = pool.wipe_extent ? pool.wipe_extent(object) : pool.object_size;
    platform::secure_wipe(object, extent < pool.object_size ? extent : pool.object_size);
}

// model: step 16 (pin_protocol.pml)
// Lookup by comparison only: kind, index range, state and generation must all match before
// the slot is considered to exist (reference §2.1). Kind and index first, from the value alone.
inline bool decode_ours(const PoolBase &pool, uintptr_t raw, DecodedHandle *h) {
    return decode_handle(raw, pool.index_bits, h) && h->kind == pool.kind && h->index < pool.capacity;
}
// Then, under the lock of the slot's stripe, its state and generation.
inline bool is_live(const PoolBase &pool, const DecodedHandle &h) {
    const SlotMeta &slot = pool.slots[h.index];
    return state_of(slot) == SlotState::live && (generation_of(slot) & pool.generation_mask) == h.generation;
}
// Both at once, for one stripe (the caller holds the one lock).
inline bool find_live(const PoolBase &pool, uintptr_t raw, uint32_t *index) {
    DecodedHandle h;
    if (!decode_ours(pool, raw, &h) || !is_live(pool, h)) return false;
    *index = h.index;
    return true;
}

// model: step 16 (pin_protocol.pml)
// Look up a provider handle under its stripe's lock and run `locked(index)` under it; a provider's
// stripe is its slot index's, so the value alone names the lock.
template <typename Locked>
inline HandleStatus with_live_provider(const PoolBase &providers, uintptr_t raw, Locked &&locked) {
    if constexpr (kHandleStripes == 1) {
        StripeGuard lock(0);
        uint32_t index;
        if (!find_live(providers, raw, &index)) return HandleStatus::invalid_handle;
        return locked(index);
    }
    DecodedHandle h;
    if (!decode_ours(providers, raw, &h)) return HandleStatus::invalid_handle;
    StripeGuard lock(stripe_of_provider(h.index));
    if (!is_live(providers, h)) return HandleStatus::invalid_handle;
    return locked(h.index);
}

// model: step 16 (pin_protocol.pml)
// Look up a child handle and run `locked(index, stripe)` under its stripe's lock. The stripe is the handle's own stripe tag (the low bits of its
// generation field, stripe_tag), a mask of the value: the generation comparison under that lock
// then checks the tag too, so a slot whose life is now another stripe's never matches ("Reads
// from other stripes"), and whatever the caller reads next (the owner) is guarded by that lock.
template <typename Locked>
inline HandleStatus with_live_child(const PoolBase &children, uintptr_t raw, Locked &&locked) {
    if constexpr (kHandleStripes == 1) {
        StripeGuard lock(0);
        uint32_t index;
        if (!find_live(children, raw, &index)) return HandleStatus::invalid_handle;
        return locked(index, 0u);
    }
    DecodedHandle h;
    if (!decode_ours(children, raw, &h)) return HandleStatus::invalid_handle;
    const uint32_t stripe = h.generation & kStripeTagMask;
    StripeGuard lock(stripe);
    if (!is_live(children, h)) return HandleStatus::invalid_handle;
    return locked(h.index, stripe);
}

// model: step 3 (pin_protocol.pml)
// Kill a live child's handle; its provider counts one child less.
inline void kill_child(const PoolBase &children, const PoolBase &providers, uint32_t index, SlotState next_state) {
    --providers.slots[owner_of(children.slots[index])].children;
    kill_handle(children, index, next_state);
}

// Make a slot taken by its caller a live child of the provider in `owner_index` (the caller
// holds their stripe's lock).
// `retag`: the slot comes from another stripe's list, or is fresh; one from the stripe's own list
// carries its tag already (a slot goes back on the list of the stripe its tag names). `out` gets
// the pin (the caller holds the stripe's lock).
inline void make_child_live(const PoolBase &children, const PoolBase &providers, uint32_t owner_index, uint32_t index,
                            Pin *out, bool retag) {
    SlotMeta &slot = children.slots[index];
    SlotMeta &owner = providers.slots[owner_index];
    slot.pins.store(1, std::memory_order_relaxed);
    // This life's stripe tag, before the state ("Reads from other stripes"). None with one stripe.
    if (kHandleStripes > 1 && retag) {
        set_generation(slot, (generation_of(slot) & ~kStripeTagMask) | stripe_of_provider(owner_index));
    }
    set_owner(slot, owner_index);
    set_state(slot, SlotState::live);  // after the owner ("Reads from other stripes")
    owner.pins.fetch_add(1, std::memory_order_relaxed);
    ++owner.children;
    note_generation(out, generation_of(slot));
    engage(out, children, index, &providers, owner_index);
}

// model: step 9 (pin_protocol.pml)
// A new live child slot of the provider in slot `owner_index` of `providers`, pinned by `out`
// (which pins the provider too). Fresh slots first, then the stripe's own list, in one lock
// round trip; only when both are empty, another stripe's oldest free slot
// (take_child_slot_from_another_stripe).
HandleStatus take_child_slot_from_another_stripe(const PoolBase &children, const PoolBase &providers,
                                                 uint32_t owner_index, Pin *out);

// take_child_slot's part under the lock of the owner's stripe, which the caller holds: busy, ok,
// or pool_full when that stripe has no slot to give (the caller then tries the others, after
// the lock: take_slot_in_other_stripes).
inline HandleStatus take_slot_in_stripe(const PoolBase &children, const PoolBase &providers, uint32_t owner_index,
                                        uint32_t stripe, Pin *out) {
    if (providers.slots[owner_index].pins.load(std::memory_order_acquire) == kMaxPins) return HandleStatus::busy;
    uint32_t index;
    bool fresh = false;
    if constexpr (kHandleStripes == 1) {
        // One list and no stripe tag: where the slot came from does not matter.
        if (!take_free_slot(children, stripe, &index)) return HandleStatus::pool_full;
    } else {
        fresh = claim_fresh_slot(children, &index);
        if (!fresh && !pop_free_slot(children, stripe, &index)) return HandleStatus::pool_full;
        count_taken(children, stripe);
    }
    make_child_live(children, providers, owner_index, index, out, fresh);
    return HandleStatus::ok;
}

inline HandleStatus take_slot_in_other_stripes(const PoolBase &children, const PoolBase &providers,
                                               uint32_t owner_index, Pin *out) {
    if constexpr (kHandleStripes > 1) {
        return take_child_slot_from_another_stripe(children, providers, owner_index, out);
    }
    return HandleStatus::pool_full;
}

inline HandleStatus take_child_slot(const PoolBase &children, const PoolBase &providers, uint32_t owner_index,
                                    Pin *out) {
    const uint32_t stripe = stripe_of_provider(owner_index);
    HandleStatus status;
    {
        StripeGuard lock(stripe);
        status = take_slot_in_stripe(children, providers, owner_index, stripe, out);
    }
    return status == HandleStatus::pool_full ? take_slot_in_other_stripes(children, providers, owner_index, out)
                                             : status;
}

// pin_child's part under the lock of the child's stripe: pins the live child in slot `index`
// and its provider, or answers busy.
inline HandleStatus pin_live_child(const PoolBase &children, const PoolBase &providers, uint32_t index,
                                   uint32_t *owner_index) {
    SlotMeta &slot = children.slots[index];
    *owner_index = owner_of(slot);
    SlotMeta &owner = providers.slots[*owner_index];
    if (slot.pins.load(std::memory_order_acquire) != 0 || owner.pins.load(std::memory_order_acquire) == kMaxPins) {
        return HandleStatus::busy;
    }
    slot.pins.store(1, std::memory_order_relaxed);
    owner.pins.fetch_add(1, std::memory_order_relaxed);
    return HandleStatus::ok;
}

// model: step 8 (pin_protocol.pml)
inline HandleStatus pin_child(const PoolBase &children, const PoolBase &providers, uintptr_t raw, Pin *out) {
    uint32_t index = 0;
    uint32_t owner_index = 0;
    const HandleStatus status = with_live_child(children, raw, [&](uint32_t i, uint32_t) {
        index = i;
        return pin_live_child(children, providers, i, &owner_index);
    });
    if (status != HandleStatus::ok) return status;
    engage(out, children, index, &providers, owner_index);
    return HandleStatus::ok;
}

// model: step 13 (pin_protocol.pml): the duplicate is created from its original's provider
inline HandleStatus create_sibling(const PoolBase &children, const Pin &sibling, Pin *out) {
    return take_child_slot(children, *sibling.owner_pool_, sibling.owner_index_, out);
}

// model: steps 8 and 13 (pin_protocol.pml) in one hold of the stripe's lock, for
// CryptDuplicateHash: pin the original, then take its copy's slot beside it (a child's stripe is
// its provider's). Holding the lock across both steps only leaves out interleavings that the
// two steps in turn allowed, so the model's proof of each covers the pair; it saves a lock round
// trip per PBKDF2 iteration (issue 16). `created` is create_sibling's answer, set only when the
// pin succeeded; a stripe with no slot to give sends the copy to the other stripes after the
// lock, as take_child_slot does.
inline HandleStatus pin_child_and_create_sibling(const PoolBase &children, const PoolBase &providers, uintptr_t raw,
                                                 Pin *original, Pin *copy, HandleStatus *created) {
    uint32_t index = 0;
    uint32_t owner_index = 0;
    const HandleStatus status = with_live_child(children, raw, [&](uint32_t i, uint32_t stripe) {
        index = i;
        const HandleStatus pinned = pin_live_child(children, providers, i, &owner_index);
        if (pinned == HandleStatus::ok) *created = take_slot_in_stripe(children, providers, owner_index, stripe, copy);
        return pinned;
    });
    if (status != HandleStatus::ok) return status;
    engage(original, children, index, &providers, owner_index);
    if (*created == HandleStatus::pool_full) *created = take_slot_in_other_stripes(children, providers, owner_index, copy);
    return HandleStatus::ok;
}

// model: step 12 (pin_protocol.pml)
inline HandleStatus destroy_child(const PoolBase &children, const PoolBase &providers, uintptr_t raw) {
    uint32_t index = 0;
    uint32_t stripe = 0;
    bool freed = false;
    const HandleStatus status = with_live_child(children, raw, [&](uint32_t i, uint32_t s) {
        if (children.slots[i].pins.load(std::memory_order_acquire) != 0) return HandleStatus::busy;
        kill_child(children, providers, i, SlotState::reclaiming);
        if (!children.destroy_object) {
            wipe_object(children, i);
            put_free_slot(children, i, s);
            freed = true;
        }
        index = i;
        stripe = s;
        return HandleStatus::ok;
    });
    if (status != HandleStatus::ok || freed) return status;
    wipe_object(children, index);
    StripeGuard lock(stripe);
    put_free_slot(children, index, stripe);
    return HandleStatus::ok;
}

}  // namespace tinycapi::handles::hot
