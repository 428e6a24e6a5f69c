#include "handle_table.hpp"

#include "platform/port_lock.hpp"
#include "platform/secure_wipe.hpp"

namespace tinycapi::handles {

using platform::LockGuard;
using platform::secure_wipe;
namespace {

constexpr uint16_t kMaxPins = 0xFFFF;
constexpr uint32_t kMaxReferences = 0xFFFFFFFF;

// ---- Slot allocation (callers hold the lock) ---------------------------------------------

// model: step 1 (pin_protocol.pml)
bool take_free_slot(const PoolBase &pool, uint32_t *index) {
    PoolCounters &c = *pool.counters;
    if (c.never_used_from < pool.capacity) {
        *index = c.never_used_from++;
    } else if (c.free_head != 0) {
        *index = c.free_head - 1u;
        c.free_head = pool.slots[*index].next_free;
        if (c.free_head == 0) c.free_tail = 0;
    } else {
        return false;
    }
    if (++c.in_use > c.high_water) c.high_water = c.in_use;
    return true;
}

// model: step 2 (pin_protocol.pml)
void put_free_slot(const PoolBase &pool, uint32_t index) {
    SlotMeta &slot = pool.slots[index];
    PoolCounters &c = *pool.counters;
    --c.in_use;
    slot.pins.store(0, std::memory_order_relaxed);
    slot.references = 0;
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
    if (c.free_tail != 0) {
        pool.slots[c.free_tail - 1u].next_free = link;
    } else {
        c.free_head = link;
    }
    c.free_tail = link;
}

// model: step 3 (pin_protocol.pml)
// Kill the handle of a live slot: from now on no lookup matches it.
void kill_handle(const PoolBase &pool, uint32_t index, SlotState next_state) {
    SlotMeta &slot = pool.slots[index];
    ++slot.generation;
    slot.state = next_state;
}

// model: step 4 (pin_protocol.pml)
// Wipe a dead slot's object; outside the lock, by the one thread that killed the handle.
void wipe_object(const PoolBase &pool, uint32_t index) {
    void *object = pool.object_at(index);
    if (pool.destroy_object) pool.destroy_object(object);
    secure_wipe(object, pool.object_size);
}

// model: step 16 (pin_protocol.pml)
// Lookup by comparison only: kind, index range, state and generation must all match before
// the slot is considered to exist (reference §2.1).
bool find_live(const PoolBase &pool, uintptr_t raw, uint32_t *index) {
    DecodedHandle h;
    if (!decode_handle(raw, pool.index_bits, &h)) return false;
    if (h.kind != pool.kind || h.index >= pool.capacity) return false;
    const SlotMeta &slot = pool.slots[h.index];
    if (slot.state != SlotState::live || (slot.generation & pool.generation_mask) != h.generation) return false;
    *index = h.index;
    return true;
}

}  // namespace

// model: step 14 (pin_protocol.pml)
HandleStatus create_provider(const PoolBase &providers, Pin *out) {
    uint32_t index;
    {
        LockGuard lock(TINYCAPI_LOCK_HANDLES);
        if (!take_free_slot(providers, &index)) return HandleStatus::pool_full;
        SlotMeta &slot = providers.slots[index];
        slot.state = SlotState::live;
        slot.references = 1;
        slot.pins.store(1, std::memory_order_relaxed);
        out->generation_ = slot.generation;
    }
    // The object bytes are already zero: fresh .bss, or wiped when the slot was freed.
    out->pool_ = &providers;
    out->index_ = index;
    return HandleStatus::ok;
}

namespace {

// model: step 9 (pin_protocol.pml)
// A new live child slot of the provider in slot `owner_index` of `providers`, which the
// caller pins; the slot's index and generation come back for the caller's pin.
HandleStatus take_child_slot(const PoolBase &children, const PoolBase &providers, uint32_t owner_index,
                             uint32_t *index, uint32_t *generation) {
    LockGuard lock(TINYCAPI_LOCK_HANDLES);
    SlotMeta &owner = providers.slots[owner_index];
    if (owner.pins.load(std::memory_order_acquire) == kMaxPins) return HandleStatus::busy;
    if (!take_free_slot(children, index)) return HandleStatus::pool_full;
    SlotMeta &slot = children.slots[*index];
    slot.state = SlotState::live;
    slot.pins.store(1, std::memory_order_relaxed);
    slot.owner = static_cast<uint16_t>(owner_index);
    owner.pins.fetch_add(1, std::memory_order_relaxed);
    ++owner.children;
    *generation = slot.generation;
    return HandleStatus::ok;
}

// model: step 3 (pin_protocol.pml)
// Kill a live child's handle; its provider counts one child less.
void kill_child(const PoolBase &children, const PoolBase &providers, uint32_t index, SlotState next_state) {
    --providers.slots[children.slots[index].owner].children;
    kill_handle(children, index, next_state);
}

}  // namespace

HandleStatus create_child(const PoolBase &children, const Pin &provider_pin, Pin *out) {
    uint32_t index;
    const HandleStatus status =
        take_child_slot(children, *provider_pin.pool_, provider_pin.index_, &index, &out->generation_);
    if (status != HandleStatus::ok) return status;
    out->pool_ = &children;
    out->owner_pool_ = provider_pin.pool_;
    out->index_ = index;
    out->owner_index_ = provider_pin.index_;
    return HandleStatus::ok;
}

// model: step 13 (pin_protocol.pml): the duplicate is created from its original's provider
HandleStatus create_sibling(const PoolBase &children, const Pin &sibling, Pin *out) {
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

// model: step 10 (pin_protocol.pml)
void discard(Pin *pin) {
    const PoolBase &pool = *pin->pool_;
    const uint32_t index = pin->index_;
    {
        LockGuard lock(TINYCAPI_LOCK_HANDLES);
        if (pin->owner_pool_) {
            kill_child(pool, *pin->owner_pool_, index, SlotState::reclaiming);
        } else {
            kill_handle(pool, index, SlotState::reclaiming);
        }
    }
    pin->unpin();
    wipe_object(pool, index);
    LockGuard lock(TINYCAPI_LOCK_HANDLES);
    put_free_slot(pool, index);
}

// model: step 7 (pin_protocol.pml)
HandleStatus pin_provider(const PoolBase &providers, uintptr_t raw, Pin *out) {
    uint32_t index;
    {
        LockGuard lock(TINYCAPI_LOCK_HANDLES);
        if (!find_live(providers, raw, &index)) return HandleStatus::invalid_handle;
        SlotMeta &slot = providers.slots[index];
        if (slot.pins.load(std::memory_order_acquire) == kMaxPins) return HandleStatus::busy;
        slot.pins.fetch_add(1, std::memory_order_relaxed);
    }
    out->pool_ = &providers;
    out->index_ = index;
    return HandleStatus::ok;
}

// model: step 8 (pin_protocol.pml)
HandleStatus pin_child(const PoolBase &children, const PoolBase &providers, uintptr_t raw, Pin *out) {
    uint32_t index;
    uint32_t owner_index;
    {
        LockGuard lock(TINYCAPI_LOCK_HANDLES);
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

// model: step 7 (pin_protocol.pml): a shared provider pin, as pin_provider takes
HandleStatus pin_owner_of(const Pin &child, const PoolBase &providers, Pin *out) {
    {
        LockGuard lock(TINYCAPI_LOCK_HANDLES);
        SlotMeta &owner = providers.slots[child.owner_index_];
        if (owner.pins.load(std::memory_order_acquire) == kMaxPins) return HandleStatus::busy;
        owner.pins.fetch_add(1, std::memory_order_relaxed);
    }
    out->pool_ = &providers;
    out->index_ = child.owner_index_;
    return HandleStatus::ok;
}

// model: step 15 (pin_protocol.pml)
HandleStatus add_reference(const PoolBase &providers, uintptr_t raw) {
    LockGuard lock(TINYCAPI_LOCK_HANDLES);
    uint32_t index;
    if (!find_live(providers, raw, &index)) return HandleStatus::invalid_handle;
    SlotMeta &slot = providers.slots[index];
    if (slot.references == kMaxReferences) return HandleStatus::reference_limit;
    ++slot.references;
    return HandleStatus::ok;
}

// model: step 11 (pin_protocol.pml)
HandleStatus release_provider(const PoolBase &providers, const PoolBase *const *children, size_t child_pool_count,
                              uintptr_t raw, ReleaseOutcome *outcome, const OrphanObserver *observer) {
    uint32_t index;
    uint32_t cascading;  // children this release killed and still has to free
    {
        LockGuard lock(TINYCAPI_LOCK_HANDLES);
        if (!find_live(providers, raw, &index)) return HandleStatus::invalid_handle;
        SlotMeta &slot = providers.slots[index];
        if (slot.references > 1) {
            --slot.references;
            *outcome = ReleaseOutcome::still_referenced;
            return HandleStatus::ok;
        }
        // Every pinned child pins its provider too, so one check covers them all.
        if (slot.pins.load(std::memory_order_acquire) != 0) return HandleStatus::busy;
        slot.references = 0;
        kill_handle(providers, index, SlotState::reclaiming);
        // Only as far as the last live child: a provider with none scans nothing, so the
        // release costs the same whatever the pools' capacity.
        cascading = slot.children;
        slot.children = 0;
        uint32_t left = cascading;
        for (size_t p = 0; p < child_pool_count && left != 0; ++p) {
            const PoolBase &pool = *children[p];
            for (uint32_t i = 0; i < pool.capacity && left != 0; ++i) {
                if (pool.slots[i].state == SlotState::live && pool.slots[i].owner == index) {
                    kill_handle(pool, i, SlotState::cascading);
                    --left;
                }
            }
        }
    }
    // The handles are dead and nobody holds a pin: wipe with the lock released. A slot that
    // another thread is destroying on its own is `reclaiming`, not `cascading`, so it is not
    // ours to free.
    for (size_t p = 0; p < child_pool_count && cascading != 0; ++p) {
        const PoolBase &pool = *children[p];
        for (uint32_t i = 0; i < pool.capacity && cascading != 0; ++i) {
            bool ours;
            {
                LockGuard lock(TINYCAPI_LOCK_HANDLES);
                ours = pool.slots[i].state == SlotState::cascading && pool.slots[i].owner == index;
            }
            if (!ours) continue;
            if (observer != nullptr) observer->orphaned(pool, i, observer->context);
            wipe_object(pool, i);
            --cascading;
            LockGuard lock(TINYCAPI_LOCK_HANDLES);
            put_free_slot(pool, i);
        }
    }
    wipe_object(providers, index);
    {
        LockGuard lock(TINYCAPI_LOCK_HANDLES);
        put_free_slot(providers, index);
    }
    *outcome = ReleaseOutcome::destroyed;
    return HandleStatus::ok;
}

// model: step 12 (pin_protocol.pml)
HandleStatus destroy_child(const PoolBase &children, const PoolBase &providers, uintptr_t raw) {
    uint32_t index;
    {
        LockGuard lock(TINYCAPI_LOCK_HANDLES);
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
    LockGuard lock(TINYCAPI_LOCK_HANDLES);
    put_free_slot(children, index);
    return HandleStatus::ok;
}

PoolStats pool_stats(const PoolBase &pool) {
    LockGuard lock(TINYCAPI_LOCK_HANDLES);
    return PoolStats{pool.capacity, pool.counters->in_use, pool.counters->high_water, pool.counters->retired,
                     pool.object_size + sizeof(SlotMeta)};
}

}  // namespace tinycapi::handles
