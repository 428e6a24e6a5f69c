// Fixed pools of objects addressed by handles (docs/ARCHITECTURE.md, "Handles").
//
// A pool is two things: PoolStorage<T, N>, the slots, their metadata and counters — all zero
// at start, so it lives in .bss and needs no constructor — and Pool<T>, a constant descriptor
// (capacity, handle layout, pointers into the storage) that make_pool() builds at compile time,
// so it lives in flash. Every operation of handle_table.hpp takes the descriptor.
//
// Slot metadata and counters are written only under the lock of their stripe (see
// kHandleStripes; the pin count's decrement and the fresh-slot claim excepted); the object bytes
// of a slot belong to whoever holds its pin (see handle_table.hpp).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <atomic>
#include <type_traits>

#include "handle_encoding.hpp"
#include "tinycapi_config.h"

namespace tinycapi::handles {

// Each slot's metadata, each slot's object and each pool's counters start a line of their own
// where TINYCAPI_SLOT_ALIGNMENT asks for it (hosts: the cache line), so two cores working on
// different slots never write the same line (issue 16: two threads). 0 or 1 (Cortex-M): the
// natural alignment, no padding.
#if TINYCAPI_SLOT_ALIGNMENT > 1
constexpr size_t kSlotAlignment = TINYCAPI_SLOT_ALIGNMENT;
#else
constexpr size_t kSlotAlignment = 1;
#endif
constexpr size_t aligned_at_least(size_t natural) { return natural > kSlotAlignment ? natural : kSlotAlignment; }

enum class SlotState : uint8_t {
    free = 0,    // on the free list, or never used (all-zero memory is a free slot)
    live,        // reachable through its handle
    reclaiming,  // handle dead; its destroyer wipes it outside the lock, then frees it
    cascading,   // handle dead; the release of its provider wipes it, then frees it
    retired      // generations exhausted under TINYCAPI_HANDLE_RETIRE_EXHAUSTED_SLOTS
};

struct alignas(aligned_at_least(4)) SlotMeta {
    uint32_t generation;  // bumped when the slot's handle dies
    uint32_t references;  // providers: CryptAcquireContext + CryptContextAddRef count
    // Calls in flight on the object (children: 0 or 1). Taken under the lock; dropped without
    // it (an atomic decrement), since a release or destroy that reads it under the lock can
    // only see "still in use" (→ ERROR_BUSY) or "done" either way.
    std::atomic<uint16_t> pins;
    uint16_t next_free;   // FIFO free-list link: index + 1, 0 = none
    // With several stripes, generation, owner and state are also read without the slot's lock
    // (handle_table_inline.hpp, "Reads from other stripes"), so they are accessed atomically.
    union {
        uint16_t owner;     // children: slot index of the provider that made them
        uint16_t children;  // providers: live children (so a release scans no pool it need not)
    };
    SlotState state;
};

// A FIFO list of free slots.
struct FreeList {
    uint16_t head;  // index + 1, 0 = empty
    uint16_t tail;  // index + 1, 0 = empty
};

// Lock stripes of the handle table (TINYCAPI_HANDLE_LOCK_STRIPES, a power of two; issue 16: two
// threads). A provider and every child it owns belong to one stripe, the provider's slot index
// modulo the count: that stripe's lock guards their metadata, and the stripe's free list and
// counters in every pool. A destroyed child goes back on its stripe's list and its provider's
// next child comes from there first, so threads on their own contexts take their own locks and
// reuse slots their core already holds; a stripe whose list is empty takes another's oldest
// free slot (the pool is still shared whole). With one stripe (Cortex-M) this is one lock and
// one FIFO list.
constexpr uint32_t kHandleStripes = TINYCAPI_HANDLE_LOCK_STRIPES;
static_assert(kHandleStripes >= 1 && (kHandleStripes & (kHandleStripes - 1)) == 0,
              "TINYCAPI_HANDLE_LOCK_STRIPES: a power of two");

// The stripe of the provider in slot `provider_index`: its own, and that of each child it owns.
constexpr uint32_t stripe_of_provider(uint32_t provider_index) { return provider_index & (kHandleStripes - 1); }

// A slot's generation counts in steps of kHandleStripes: its low bits are the stripe tag, the
// stripe of the slot's current (or last) life, set as a child's life begins (a provider's stays
// 0: its stripe is its index's). A handle carries the generation, so a lookup reads its lock from
// the handle value with a mask, and the generation comparison under that lock checks the tag as
// well. With one stripe the tag has no bits and the generation counts by one.
constexpr uint32_t kStripeTagMask = kHandleStripes - 1;

// One stripe's share of a pool's counters, guarded by the stripe's lock: the free slots of its
// providers' children (of its providers, in the provider pool) and how many slots it holds.
struct alignas(aligned_at_least(2)) StripeCounters {
    FreeList free;
    uint16_t in_use;
    uint16_t high_water;  // of this stripe; pool_stats adds the stripes' peaks up
    uint16_t retired;
};

// Counters of one pool. Fresh slots are handed out first (from never_used_from upwards, by
// whichever stripe asks: an atomic claim, so no lock guards it), then reclaimed ones in FIFO
// order from the caller's stripe's list (another's when it is empty), which spreads generation
// use over every slot.
struct PoolCounters {
    std::atomic<uint16_t> never_used_from;
#if TINYCAPI_HANDLE_LOCK_STRIPES > 1
    // Provider pool: the stripe whose list create_provider tries first, the one where its last
    // search that missed its first list found a slot. A guess, read and written without a lock
    // (any starting stripe is correct); stored only after a miss.
    std::atomic<uint8_t> provider_hint;
#endif
    StripeCounters stripe[kHandleStripes];
};

// What a pool's objects hold besides their own bytes (e.g. arena memory of an RSA key) is
// released by this hook, called outside every lock before the slot is wiped. May be null.
using DestroyObjectFunction = void (*)(void *object);

// How many leading bytes of an object may be non-zero when it dies: the pool's own type keeps
// the rest zero (e.g. a finished hash wiped its states and holds only its value), so the slot's
// wipe stops there. Called under the lock; a bounded computation. May be null: the whole object.
using WipeExtentFunction = size_t (*)(const void *object);

// One slot's object, padded to TINYCAPI_SLOT_ALIGNMENT (no padding on Cortex-M).
template <typename T>
struct alignas(aligned_at_least(alignof(T))) SlotObject {
    T object;
};

// The mutable part of a pool. T must be a plain struct: slots are zero when allocated and
// wiped when freed, never constructed or destructed.
template <typename T, uint32_t Capacity>
struct PoolStorage {
    static_assert(std::is_trivially_default_constructible<T>::value && std::is_trivially_destructible<T>::value,
                  "pooled objects are plain structs");
    static_assert(Capacity >= 1 && Capacity <= 4096, "slot indexes are 12 bits at most");
    SlotMeta slots[Capacity];
    PoolCounters counters;
    SlotObject<T> objects[Capacity];
};

// The constant descriptor of a pool, capacity-erased: what handle_table.cpp works on.
// The index bits (at most 12) and the retire flag share a word: a descriptor is 44 bytes in a
// Cortex-M's flash, not 48. The capacity stays a word: a host's lookup compares an index with it
// in one instruction.
struct PoolBase {
    ObjectKind kind;
    uint32_t capacity;
    uint8_t index_bits;
    bool retire_exhausted_slots;
    uint32_t generation_mask;
    SlotMeta *slots;
    PoolCounters *counters;
    void *objects;
    size_t object_size;    // sizeof the pooled type: what a wipe covers at most
    size_t object_stride;  // from one slot's object to the next: object_size plus padding
    DestroyObjectFunction destroy_object;
    WipeExtentFunction wipe_extent;

    void *object_at(uint32_t index) const {
        return static_cast<unsigned char *>(objects) + static_cast<size_t>(index) * object_stride;
    }
};

template <typename T>
struct Pool : PoolBase {
    T &object(uint32_t index) const { return *static_cast<T *>(object_at(index)); }
};

// The descriptor of `storage`, as a constant expression: declare it `constexpr` next to the
// storage and it costs no RAM and no start-up code.
template <ObjectKind Kind, bool RetireExhaustedSlots = TINYCAPI_HANDLE_RETIRE_EXHAUSTED_SLOTS != 0,
          typename T, uint32_t Capacity>
constexpr Pool<T> make_pool(PoolStorage<T, Capacity> &storage, DestroyObjectFunction destroy = nullptr,
                            WipeExtentFunction wipe_extent = nullptr) {
    return Pool<T>{{Kind, Capacity, static_cast<uint8_t>(index_bits_for(Capacity)),
                    RetireExhaustedSlots, (1u << generation_bits_for(Capacity)) - 1, storage.slots, &storage.counters, storage.objects, sizeof(T), sizeof(SlotObject<T>), destroy,
                    wipe_extent}};
}

}  // namespace tinycapi::handles
