#include "handle_table.hpp"

#include "handle_table_inline.hpp"
#include "platform/port_lock.hpp"

namespace tinycapi::handles {

// The bodies shared with handle_table_inline.hpp's callers.
using hot::claim_fresh_slot;
using hot::count_taken;
using hot::kill_child;
using hot::kill_handle;
using hot::kMaxPins;
using hot::owner_of;
using hot::pop_free_slot;
using hot::put_free_slot;
using hot::set_state;
using hot::state_of;
using hot::StripeGuard;
using hot::take_child_slot;
using hot::take_free_slot;
using hot::wipe_object;
using hot::with_live_provider;

namespace {

constexpr uint32_t kMaxReferences = 0xFFFFFFFF;

}  // namespace

namespace hot {

// model: step 9 (pin_protocol.pml)
// take_child_slot's rare case, out of line so that its common case keeps few registers: the
// stripe's fresh slots and list are empty, so another stripe's oldest free slot is taken under
// that stripe's lock and made live under ours (never two locks at once; in between the slot is
// free and on no list, so no lookup matches it and nobody else touches it).
HandleStatus take_child_slot_from_another_stripe(const PoolBase &children, const PoolBase &providers,
                                                 uint32_t owner_index, Pin *out) {
    uint32_t taken_index = 0;
    uint32_t *index = &taken_index;
    const uint32_t stripe = stripe_of_provider(owner_index);
    bool taken = false;
    for (uint32_t k = 1; k < kHandleStripes && !taken; ++k) {
        StripeGuard lock((stripe + k) & (kHandleStripes - 1));
        taken = pop_free_slot(children, (stripe + k) & (kHandleStripes - 1), index);
    }
    if (!taken) return HandleStatus::pool_full;
    SlotMeta &owner = providers.slots[owner_index];
    StripeGuard lock(stripe);
    if (owner.pins.load(std::memory_order_acquire) == kMaxPins) {
        // Still free: it only changes lists, and takes our tag as it joins ours.
        SlotMeta &slot = children.slots[*index];
        set_generation(slot, (generation_of(slot) & ~kStripeTagMask) | stripe);
        push_free_slot(children, stripe, *index);
        return HandleStatus::busy;
    }
    count_taken(children, stripe);
    make_child_live(children, providers, owner_index, *index, out, true);
    return HandleStatus::ok;
}

}  // namespace hot

// model: step 14 (pin_protocol.pml)
// A provider's stripe is its slot's: a fresh slot is made live under the lock of the stripe it
// falls in; otherwise the stripes' free lists are tried in turn, each under its own lock,
// starting with the one where the last search that missed its first list found a slot (a
// context released and acquired again is one lock round trip, not one per empty list before
// its own; while the first list serves, the hint is not written).
HandleStatus create_provider(const PoolBase &providers, Pin *out) {
    uint32_t index = 0;
    bool found = false;
    uint32_t first = 0;
#if TINYCAPI_HANDLE_LOCK_STRIPES > 1
    found = claim_fresh_slot(providers, &index);
    first = found ? stripe_of_provider(index) : providers.counters->provider_hint.load(std::memory_order_relaxed);
#endif
    for (uint32_t k = 0; k < kHandleStripes; ++k) {
        const uint32_t stripe = (first + k) & (kHandleStripes - 1);
        StripeGuard lock(stripe);
        if constexpr (kHandleStripes == 1) {
            found = take_free_slot(providers, 0, &index);
        } else if (found || pop_free_slot(providers, stripe, &index)) {
            // A provider slot is only ever on its own stripe's list.
            found = true;
            count_taken(providers, stripe);
        }
        if (!found) continue;
#if TINYCAPI_HANDLE_LOCK_STRIPES > 1
        if (k != 0) providers.counters->provider_hint.store(static_cast<uint8_t>(stripe), std::memory_order_relaxed);
#endif
        SlotMeta &slot = providers.slots[index];
        set_state(slot, SlotState::live);
        slot.references = 1;
        slot.pins.store(1, std::memory_order_relaxed);
        out->generation_ = hot::generation_of(slot);
        // The object bytes are already zero: fresh .bss, or wiped when the slot was freed.
        hot::engage(out, providers, index, nullptr, 0);
        return HandleStatus::ok;
    }
    return HandleStatus::pool_full;
}

HandleStatus create_child(const PoolBase &children, const Pin &provider_pin, Pin *out) {
    return take_child_slot(children, *provider_pin.pool_, provider_pin.index_, out);
}

HandleStatus create_sibling(const PoolBase &children, const Pin &sibling, Pin *out) {
    return hot::create_sibling(children, sibling, out);
}

// model: step 10 (pin_protocol.pml)
void discard(Pin *pin) {
    const PoolBase &pool = *pin->pool_;
    const uint32_t index = pin->index_;
    const uint32_t stripe = stripe_of_provider(pin->owner_pool_ ? pin->owner_index_ : index);
    {
        StripeGuard lock(stripe);
        if (pin->owner_pool_) {
            kill_child(pool, *pin->owner_pool_, index, SlotState::reclaiming);
        } else {
            kill_handle(pool, index, SlotState::reclaiming);
        }
    }
    pin->unpin();
    wipe_object(pool, index);
    StripeGuard lock(stripe);
    put_free_slot(pool, index);
}

// model: step 7 (pin_protocol.pml)
HandleStatus pin_provider(const PoolBase &providers, uintptr_t raw, Pin *out) {
    uint32_t index = 0;
    const HandleStatus status = with_live_provider(providers, raw, [&](uint32_t i) {
        SlotMeta &slot = providers.slots[i];
        if (slot.pins.load(std::memory_order_acquire) == kMaxPins) return HandleStatus::busy;
        slot.pins.fetch_add(1, std::memory_order_relaxed);
        index = i;
        return HandleStatus::ok;
    });
    if (status != HandleStatus::ok) return status;
    hot::engage(out, providers, index, nullptr, 0);
    return HandleStatus::ok;
}

HandleStatus pin_child(const PoolBase &children, const PoolBase &providers, uintptr_t raw, Pin *out) {
    return hot::pin_child(children, providers, raw, out);
}

// model: step 7 (pin_protocol.pml): a shared provider pin, as pin_provider takes
HandleStatus pin_owner_of(const Pin &child, const PoolBase &providers, Pin *out) {
    {
        StripeGuard lock(stripe_of_provider(child.owner_index_));
        SlotMeta &owner = providers.slots[child.owner_index_];
        if (owner.pins.load(std::memory_order_acquire) == kMaxPins) return HandleStatus::busy;
        owner.pins.fetch_add(1, std::memory_order_relaxed);
    }
    out->pool_ = &providers;
    out->owner_pool_ = nullptr;
    out->index_ = child.owner_index_;
#if defined(__OPTIMIZE_SIZE__)
    out->object_ = providers.object_at(child.owner_index_);  // as engage() keeps it at -Os
#endif
    return HandleStatus::ok;
}

// model: step 15 (pin_protocol.pml)
HandleStatus add_reference(const PoolBase &providers, uintptr_t raw) {
    return with_live_provider(providers, raw, [&](uint32_t i) {
        SlotMeta &slot = providers.slots[i];
        if (slot.references == kMaxReferences) return HandleStatus::reference_limit;
        ++slot.references;
        return HandleStatus::ok;
    });
}

// model: step 11 (pin_protocol.pml)
// Everything it touches is of the provider's stripe: the provider, its children (a child's
// stripe is its owner's) and that stripe's lists and counters; the scans read slots of other
// stripes only to pass them by ("Reads from other stripes" in handle_table_inline.hpp).
HandleStatus release_provider(const PoolBase &providers, const PoolBase *const *children, size_t child_pool_count,
                              uintptr_t raw, ReleaseOutcome *outcome, const OrphanObserver *observer) {
    uint32_t index = 0;
    uint32_t cascading = 0;  // children this release killed and still has to free
    bool destroyed = false;
    const HandleStatus status = with_live_provider(providers, raw, [&](uint32_t i) {
        index = i;
        SlotMeta &slot = providers.slots[index];
        if (slot.references > 1) {
            --slot.references;
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
            for (uint32_t c = 0; c < pool.capacity && left != 0; ++c) {
                if (state_of(pool.slots[c]) == SlotState::live && owner_of(pool.slots[c]) == index) {
                    kill_handle(pool, c, SlotState::cascading);
                    --left;
                }
            }
        }
        destroyed = true;
        return HandleStatus::ok;
    });
    if (status != HandleStatus::ok) return status;
    if (!destroyed) {
        *outcome = ReleaseOutcome::still_referenced;
        return HandleStatus::ok;
    }
    const uint32_t stripe = stripe_of_provider(index);
    // The handles are dead and nobody holds a pin: wipe with the lock released. A slot that
    // another thread is destroying on its own is `reclaiming`, not `cascading`, so it is not
    // ours to free.
    for (size_t p = 0; p < child_pool_count && cascading != 0; ++p) {
        const PoolBase &pool = *children[p];
        for (uint32_t i = 0; i < pool.capacity && cascading != 0; ++i) {
            bool ours;
            {
                StripeGuard lock(stripe);
                ours = state_of(pool.slots[i]) == SlotState::cascading && owner_of(pool.slots[i]) == index;
            }
            if (!ours) continue;
            if (observer != nullptr) observer->orphaned(pool, i, observer->context);
            wipe_object(pool, i);
            --cascading;
            StripeGuard lock(stripe);
            put_free_slot(pool, i);
        }
    }
    wipe_object(providers, index);
    {
        StripeGuard lock(stripe);
        put_free_slot(providers, index);
    }
    *outcome = ReleaseOutcome::destroyed;
    return HandleStatus::ok;
}

HandleStatus destroy_child(const PoolBase &children, const PoolBase &providers, uintptr_t raw) {
    return hot::destroy_child(children, providers, raw);
}

// The stripes' counters, one lock at a time. The high water is the sum of each stripe's peak:
// the pool's own peak where there is one stripe, at least it where there are several.
PoolStats pool_stats(const PoolBase &pool) {
    PoolStats stats{pool.capacity, 0, 0, 0, pool.object_stride + sizeof(SlotMeta)};
    for (uint32_t k = 0; k < kHandleStripes; ++k) {
        StripeGuard lock(k);
        const StripeCounters &c = pool.counters->stripe[k];
        stats.in_use += c.in_use;
        stats.high_water += c.high_water;
        stats.retired += c.retired;
    }
    return stats;
}

}  // namespace tinycapi::handles
