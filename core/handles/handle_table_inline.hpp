// The bodies of the handle operations every short call runs — find_live, pin_child,
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

// ---- Slot allocation (callers hold the lock) ---------------------------------------------

// model: step 1 (pin_protocol.pml)
// From free list `list` first (free_list_of_provider), then the others in turn: a bounded
// number of lists, so the cost does not grow with the pool's capacity.
inline bool take_free_slot(const PoolBase &pool, uint32_t *index, uint32_t list = 0) {
    PoolCounters &c = *pool.counters;
    if (c.never_used_from < pool.capacity) {
        *index = c.never_used_from++;
    } else {
        FreeList *from = &c.free[list];
        if (from->head == 0) {
            from = nullptr;
            for (uint32_t k = 1; k < kFreeLists; ++k) {
                FreeList &other = c.free[(list + k) & (kFreeLists - 1)];
                if (other.head != 0) {
                    from = &other;
                    break;
                }
            }
            if (from == nullptr) return false;
        }
        *index = from->head - 1u;
        from->head = pool.slots[*index].next_free;
        if (from->head == 0) from->tail = 0;
    }
    if (++c.in_use > c.high_water) c.high_water = c.in_use;
    return true;
}

// model: step 2 (pin_protocol.pml)
// A child slot goes back on its provider's free list, a provider slot on list 0.
inline void put_free_slot(const PoolBase &pool, uint32_t index) {
    SlotMeta &slot = pool.slots[index];
    PoolCounters &c = *pool.counters;
    const uint32_t list = pool.kind == ObjectKind::provider ? 0 : free_list_of_provider(slot.owner);
    --c.in_use;
    // No store to pins or references: a slot is freed only once nobody pins it (checked under
    // the lock, or dropped by its one holder first), so its pin count is 0 already (the model
    // asserts it); references is set by create_provider and read only on a live provider.
    slot.owner = 0;
    // Under the retire policy a slot whose generations are used up never comes back, so no
    // handle value is ever issued twice.
    if (pool.retire_exhausted_slots && (slot.generation & pool.generation_mask) == 0) {
        slot.state = SlotState::retired;
        ++c.retired;
        return;
    }
    slot.state = SlotState::free;
    slot.next_free = 0;
    const uint16_t link = static_cast<uint16_t>(index + 1);
    FreeList &to = c.free[list];
    if (to.tail != 0) {
        pool.slots[to.tail - 1u].next_free = link;
    } else {
        to.head = link;
    }
    to.tail = link;
}

// model: step 3 (pin_protocol.pml)
// Kill the handle of a live slot: from now on no lookup matches it.
inline void kill_handle(const PoolBase &pool, uint32_t index, SlotState next_state) {
    SlotMeta &slot = pool.slots[index];
    ++slot.generation;
    slot.state = next_state;
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
// the slot is considered to exist (reference §2.1).
inline bool find_live(const PoolBase &pool, uintptr_t raw, uint32_t *index) {
    DecodedHandle h;
    if (!decode_handle(raw, pool.index_bits, &h)) return false;
    if (h.kind != pool.kind || h.index >= pool.capacity) return false;
    const SlotMeta &slot = pool.slots[h.index];
    if (slot.state != SlotState::live || (slot.generation & pool.generation_mask) != h.generation) return false;
    *index = h.index;
    return true;
}

// model: step 3 (pin_protocol.pml)
// Kill a live child's handle; its provider counts one child less.
inline void kill_child(const PoolBase &children, const PoolBase &providers, uint32_t index, SlotState next_state) {
    --providers.slots[children.slots[index].owner].children;
    kill_handle(children, index, next_state);
}

// model: step 9 (pin_protocol.pml)
// A new live child slot of the provider in slot `owner_index` of `providers`, which the
// caller pins; the slot's index and generation come back for the caller's pin.
inline HandleStatus take_child_slot(const PoolBase &children, const PoolBase &providers, uint32_t owner_index,
                                    uint32_t *index, uint32_t *generation) {
    platform::LockGuard lock(TINYCAPI_LOCK_HANDLES);
    SlotMeta &owner = providers.slots[owner_index];
    if (owner.pins.load(std::memory_order_acquire) == kMaxPins) return HandleStatus::busy;
    if (!take_free_slot(children, index, free_list_of_provider(owner_index))) return HandleStatus::pool_full;
    SlotMeta &slot = children.slots[*index];
    slot.state = SlotState::live;
    slot.pins.store(1, std::memory_order_relaxed);
    slot.owner = static_cast<uint16_t>(owner_index);
    owner.pins.fetch_add(1, std::memory_order_relaxed);
    ++owner.children;
    *generation = slot.generation;
    return HandleStatus::ok;
}

// model: step 8 (pin_protocol.pml)
inline HandleStatus pin_child(const PoolBase &children, const PoolBase &providers, uintptr_t raw, Pin *out) {
    uint32_t index;
    uint32_t owner_index;
    {
        platform::LockGuard lock(TINYCAPI_LOCK_HANDLES);
        if (!find_live(children, raw, &index)) return HandleStatus::invalid_handle;
        SlotMeta &slot = children.slots[index];
        owner_index = slot.owner;
        SlotMeta &owner = providers.slots[owner_index];
        if (slot.pins.load(std::memory_order_acquire) != 0 ||
            owner.pins.load(std::memory_order_acquire) == kMaxPins) {
            return HandleStatus::busy;
        }
        slot.pins.store(1, std::memory_order_relaxed);
        owner.pins.fetch_add(1, std::memory_order_relaxed);
    }
    out->pool_ = &children;
    out->owner_pool_ = &providers;
    out->index_ = index;
    out->owner_index_ = owner_index;
    return HandleStatus::ok;
}

// model: step 13 (pin_protocol.pml): the duplicate is created from its original's provider
inline HandleStatus create_sibling(const PoolBase &children, const Pin &sibling, Pin *out) {
    uint32_t index;
    const HandleStatus status =
        take_child_slot(children, *sibling.owner_pool_, sibling.owner_index_, &index, &out->generation_);
    if (status != HandleStatus::ok) return status;
    out->pool_ = &children;
    out->owner_pool_ = sibling.owner_pool_;
    out->index_ = index;
    out->owner_index_ = sibling.owner_index_;
    return HandleStatus::ok;
}

// model: step 12 (pin_protocol.pml)
inline HandleStatus destroy_child(const PoolBase &children, const PoolBase &providers, uintptr_t raw) {
    uint32_t index;
    {
        platform::LockGuard lock(TINYCAPI_LOCK_HANDLES);
        if (!find_live(children, raw, &index)) return HandleStatus::invalid_handle;
        if (children.slots[index].pins.load(std::memory_order_acquire) != 0) return HandleStatus::busy;
        kill_child(children, providers, index, SlotState::reclaiming);
        if (!children.destroy_object) {
            wipe_object(children, index);
            put_free_slot(children, index);
            return HandleStatus::ok;
        }
    }
    wipe_object(children, index);
    platform::LockGuard lock(TINYCAPI_LOCK_HANDLES);
    put_free_slot(children, index);
    return HandleStatus::ok;
}

}  // namespace tinycapi::handles::hot
