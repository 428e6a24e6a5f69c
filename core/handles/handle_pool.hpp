// Fixed pools of objects addressed by handles (docs/ARCHITECTURE.md, "Handles").
//
// PoolBase is the capacity-erased part every operation works on; HandlePool<T, Kind, N>
// adds the storage. Both are valid as zero-initialised .bss apart from the constant fields
// their constexpr constructors set, so a pool needs no runtime constructor.
//
// Every field of a pool is read and written only under TINYCAPI_LOCK_HANDLES, except the
// object bytes of a slot, which belong to whoever holds its pin (see handle_table.hpp).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <type_traits>

#include "handle_encoding.hpp"
#include "tinycapi_config.h"

namespace tinycapi::handles {

enum class SlotState : uint8_t {
    free = 0,    // on the free list, or never used (all-zero memory is a free slot)
    live,        // reachable through its handle
    reclaiming,  // handle dead; its destroyer wipes it outside the lock, then frees it
    cascading,   // handle dead; the release of its provider wipes it, then frees it
    retired      // generations exhausted under TINYCAPI_HANDLE_RETIRE_EXHAUSTED_SLOTS
};

struct SlotMeta {
    uint32_t generation;  // bumped when the slot's handle dies
    uint32_t references;  // providers: CryptAcquireContext + CryptContextAddRef count
    uint16_t pins;        // calls in flight on the object (children: 0 or 1)
    uint16_t next_free;   // FIFO free-list link: index + 1, 0 = none
    uint16_t owner;       // children: slot index of the provider that made them
    SlotState state;
};

// Counters of one pool. Fresh slots are handed out first (from never_used_from upwards),
// then reclaimed ones in FIFO order, which spreads generation use over every slot.
struct PoolCounters {
    uint16_t free_head;  // index + 1, 0 = empty
    uint16_t free_tail;  // index + 1, 0 = empty
    uint16_t never_used_from;
    uint16_t in_use;
    uint16_t high_water;
    uint16_t retired;
};

// What a pool's objects hold besides their own bytes (e.g. arena memory of an RSA key) is
// released by this hook, called outside every lock before the slot is wiped. May be null.
using DestroyObjectFunction = void (*)(void *object);

class PoolBase {
public:
    const ObjectKind kind;
    const uint32_t capacity;
    const uint32_t index_bits;
    const uint32_t generation_mask;
    const bool retire_exhausted_slots;
    SlotMeta *const slots;
    void *const objects;
    const size_t object_size;
    const DestroyObjectFunction destroy_object;
    PoolCounters counters{};

    void *object_at(uint32_t index) const {
        return static_cast<unsigned char *>(objects) + static_cast<size_t>(index) * object_size;
    }

protected:
    constexpr PoolBase(ObjectKind kind_, uint32_t capacity_, bool retire, SlotMeta *slots_, void *objects_,
                       size_t object_size_, DestroyObjectFunction destroy)
        : kind(kind_),
          capacity(capacity_),
          index_bits(index_bits_for(capacity_)),
          generation_mask((1u << generation_bits_for(capacity_)) - 1),
          retire_exhausted_slots(retire),
          slots(slots_),
          objects(objects_),
          object_size(object_size_),
          destroy_object(destroy) {}
};

// T must be a plain struct: slots are zeroed on allocation and wiped on free, never
// constructed or destructed.
template <typename T, ObjectKind Kind, uint32_t Capacity,
          bool RetireExhaustedSlots = TINYCAPI_HANDLE_RETIRE_EXHAUSTED_SLOTS != 0>
class HandlePool : public PoolBase {
    static_assert(std::is_trivially_default_constructible<T>::value && std::is_trivially_destructible<T>::value,
                  "pooled objects are plain structs");
    static_assert(Capacity >= 1 && Capacity <= 4096, "slot indexes are 12 bits at most");

public:
    explicit constexpr HandlePool(DestroyObjectFunction destroy = nullptr)
        : PoolBase(Kind, Capacity, RetireExhaustedSlots, slots_, objects_, sizeof(T), destroy) {}

    T &object(uint32_t index) { return objects_[index]; }

private:
    SlotMeta slots_[Capacity]{};
    T objects_[Capacity]{};
};

}  // namespace tinycapi::handles
