// How a handle value is built: kind tag | generation | slot index, in 32 bits.
//
//   bit 31..29  kind tag (ObjectKind, never 0, so no valid handle is 0)
//   bit 28..B   generation of the slot when the handle was issued (29 - B bits)
//   bit B-1..0  slot index, B = index_bits(capacity of the pool)
//
// The same layout on hosts and MCUs, so a test on a PC sees the handles a device sees.
// A handle never points at memory; it is only ever compared (reference §2.1).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace tinycapi::handles {

enum class ObjectKind : uint32_t { provider = 1, key = 2, hash = 3 };

constexpr uint32_t kKindShift = 29;
constexpr uint32_t kPayloadBits = 29;

// Bits needed to number `capacity` slots (at least 1).
constexpr uint32_t index_bits_for(uint32_t capacity) {
    uint32_t bits = 1;
    while ((1u << bits) < capacity) ++bits;
    return bits;
}

constexpr uint32_t generation_bits_for(uint32_t capacity) { return kPayloadBits - index_bits_for(capacity); }

constexpr uint32_t encode_handle(ObjectKind kind, uint32_t generation, uint32_t index, uint32_t index_bits) {
    const uint32_t generation_mask = (1u << (kPayloadBits - index_bits)) - 1;
    return (static_cast<uint32_t>(kind) << kKindShift) | ((generation & generation_mask) << index_bits) | index;
}

struct DecodedHandle {
    ObjectKind kind;
    uint32_t generation;
    uint32_t index;
};

// Splits a raw ULONG_PTR value. Values wider than 32 bits cannot be ours (on 64-bit hosts a
// garbage pointer-sized value must not be truncated into a valid handle).
constexpr bool decode_handle(uintptr_t raw, uint32_t index_bits, DecodedHandle *out) {
    if (raw > 0xFFFFFFFFu) return false;
    const uint32_t value = static_cast<uint32_t>(raw);
    out->kind = static_cast<ObjectKind>(value >> kKindShift);
    out->index = value & ((1u << index_bits) - 1);
    out->generation = (value & ((1u << kPayloadBits) - 1)) >> index_bits;
    return true;
}

}  // namespace tinycapi::handles
