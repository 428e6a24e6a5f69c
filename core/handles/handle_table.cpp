#include "handle_table.hpp"

#include "handle_table_inline.hpp"
#include "platform/port_lock.hpp"

namespace tinycapi::handles {

using platform::LockGuard;
// The bodies shared with handle_table_inline.hpp's callers.
using hot::find_live;
using hot::kill_child;
using hot::kill_handle;
using hot::kMaxPins;
using hot::put_free_slot;
using hot::take_child_slot;
using hot::take_free_slot;
using hot::wipe_object;

namespace {

constexpr uint32_t kMaxReferences = 0xFFFFFFFF;

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

HandleStatus create_sibling(const PoolBase &children, const Pin &sibling, Pin *out) {
    return hot::create_sibling(children, sibling, out);
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

HandleStatus pin_child(const PoolBase &children, const PoolBase &providers, uintptr_t raw, Pin *out) {
    return hot::pin_child(children, providers, raw, out);
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

HandleStatus destroy_child(const PoolBase &children, const PoolBase &providers, uintptr_t raw) {
    return hot::destroy_child(children, providers, raw);
}

PoolStats pool_stats(const PoolBase &pool) {
    LockGuard lock(TINYCAPI_LOCK_HANDLES);
    return PoolStats{pool.capacity, pool.counters->in_use, pool.counters->high_water, pool.counters->retired,
                     pool.object_stride + sizeof(SlotMeta)};
}

}  // namespace tinycapi::handles
