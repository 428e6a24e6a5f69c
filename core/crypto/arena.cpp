#include "crypto/arena.hpp"

#include <stdint.h>
#include <string.h>

#include "tinycapi_config.h"

namespace tinycapi::crypto {
namespace {

constexpr size_t kAlignment = 8;

// Every block starts with this header; blocks tile the arena from start to end.
struct BlockHeader {
    uint32_t size;  // bytes of the block, header included; a multiple of kAlignment
    uint32_t used;  // 1 when handed out
};
static_assert(sizeof(BlockHeader) == kAlignment, "the header keeps payloads aligned");

constexpr size_t kArenaSize = (static_cast<size_t>(TINYCAPI_MBEDTLS_ARENA_SIZE) / kAlignment) * kAlignment;
static_assert(kArenaSize >= 2 * sizeof(BlockHeader), "the arena must hold at least one block");

// The arena in header-sized units, so a header anywhere in it needs no cast. Zeroed .bss: a
// first header of size 0 marks an arena not laid out yet.
union Unit {
    BlockHeader header;
    unsigned char bytes[kAlignment];
};
Unit arena[kArenaSize / kAlignment];
size_t in_use;
size_t high_water;
size_t failures;
unsigned fail_countdown;

BlockHeader *header_at(size_t offset) { return &arena[offset / kAlignment].header; }

void lay_out_once() {
    if (header_at(0)->size == 0) *header_at(0) = BlockHeader{static_cast<uint32_t>(kArenaSize), 0};
}

// Merge every run of free blocks: one pass, the arena holds a few dozen blocks at most.
void coalesce() {
    size_t offset = 0;
    while (offset < kArenaSize) {
        BlockHeader *block = header_at(offset);
        if (!block->used) {
            size_t next = offset + block->size;
            while (next < kArenaSize && !header_at(next)->used) {
                block->size += header_at(next)->size;
                next = offset + block->size;
            }
        }
        offset += block->size;
    }
}

void *allocate(size_t bytes) {
    lay_out_once();
    if (fail_countdown != 0 && --fail_countdown == 0) {
        ++failures;
        return nullptr;
    }
    if (bytes > kArenaSize) {
        ++failures;
        return nullptr;
    }
    const size_t needed = sizeof(BlockHeader) + (bytes + kAlignment - 1) / kAlignment * kAlignment;
    for (size_t offset = 0; offset < kArenaSize;) {
        BlockHeader *block = header_at(offset);
        if (!block->used && block->size >= needed) {
            if (block->size - needed >= 2 * sizeof(BlockHeader)) {
                *header_at(offset + needed) = BlockHeader{static_cast<uint32_t>(block->size - needed), 0};
                block->size = static_cast<uint32_t>(needed);
            }
            block->used = 1;
            in_use += block->size;
            if (in_use > high_water) high_water = in_use;
            void *payload = &arena[offset / kAlignment + 1];
            memset(payload, 0, block->size - sizeof(BlockHeader));  // calloc semantics
            return payload;
        }
        offset += block->size;
    }
    ++failures;
    return nullptr;
}

void release(void *memory) {
    if (memory == nullptr) return;
    BlockHeader *block = static_cast<BlockHeader *>(memory) - 1;
    // Bignum limbs held secrets: wipe before the block can be handed out again.
    volatile unsigned char *bytes = static_cast<volatile unsigned char *>(memory);
    for (size_t i = 0; i < block->size - sizeof(BlockHeader); ++i) bytes[i] = 0;
    block->used = 0;
    in_use -= block->size;
    coalesce();
}

}  // namespace

ArenaStats arena_stats() { return ArenaStats{kArenaSize, in_use, high_water, failures}; }

void arena_reset_high_water() { high_water = in_use; }

void arena_fail_after(unsigned count) { fail_countdown = count; }

}  // namespace tinycapi::crypto

extern "C" {

void *tinycapi_arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) return nullptr;
    return tinycapi::crypto::allocate(count * size);
}

void tinycapi_arena_free(void *memory) { tinycapi::crypto::release(memory); }

}  // extern "C"
