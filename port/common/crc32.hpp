// CRC-32 (IEEE 802.3, as zlib) with a 16-entry table: 64 bytes of flash instead of 1 KiB.
// The integrity check of the persistent container stores (flash records, files).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace tinycapi::port {

constexpr uint32_t crc32_nibble(uint32_t value) {
    for (int bit = 0; bit < 4; ++bit) value = (value & 1) ? (value >> 1) ^ 0xEDB88320u : value >> 1;
    return value;
}

struct Crc32 {
    uint32_t state = 0xFFFFFFFFu;
    void update(const uint8_t *bytes, size_t length) {
        static constexpr uint32_t kTable[16] = {
            crc32_nibble(0),  crc32_nibble(1),  crc32_nibble(2),  crc32_nibble(3),
            crc32_nibble(4),  crc32_nibble(5),  crc32_nibble(6),  crc32_nibble(7),
            crc32_nibble(8),  crc32_nibble(9),  crc32_nibble(10), crc32_nibble(11),
            crc32_nibble(12), crc32_nibble(13), crc32_nibble(14), crc32_nibble(15)};
        while (length--) {
            state ^= *bytes++;
            state = (state >> 4) ^ kTable[state & 15];
            state = (state >> 4) ^ kTable[state & 15];
        }
    }
    uint32_t value() const { return ~state; }
};

inline uint32_t crc32(const uint8_t *bytes, size_t length) {
    Crc32 crc;
    crc.update(bytes, length);
    return crc.value();
}

}  // namespace tinycapi::port
