// A NOR flash in RAM for the flash-image fuzzer and its seeds: 4 sectors of 4 KiB, write unit 4,
// reads anywhere, programs that only clear bits (a program that would set one is refused with an
// error, as a careful driver would report it), erases to 0xFF.
#pragma once

#include <stdint.h>
#include <string.h>

#include <tinycapi/flash_device.h>

namespace tinycapi::fuzz {

struct FlashImage {
    static constexpr uint32_t kSectorSize = 4096;
    static constexpr uint32_t kSectors = 4;
    static constexpr uint32_t kBytes = kSectorSize * kSectors;
    uint8_t bytes[kBytes];
    unsigned refused_programs = 0;
    tinycapi_flash_device device{this, kSectorSize, kSectors, 4, &Read, &Program, &Erase};

    FlashImage() { Reset(); }
    FlashImage(const FlashImage &) = delete;  // `device` points at this object
    FlashImage &operator=(const FlashImage &) = delete;

    // Erased flash, as from the factory.
    void Reset() {
        memset(bytes, 0xFF, sizeof bytes);
        refused_programs = 0;
    }

    static int Read(void *context, uint32_t address, void *buffer, size_t length) {
        auto *self = static_cast<FlashImage *>(context);
        if (address > kBytes || length > kBytes - address) return -1;
        memcpy(buffer, self->bytes + address, length);
        return 0;
    }
    static int Program(void *context, uint32_t address, const void *data, size_t length) {
        auto *self = static_cast<FlashImage *>(context);
        if (address > kBytes || length > kBytes - address || address % 4 || length % 4) return -1;
        const auto *in = static_cast<const uint8_t *>(data);
        for (size_t i = 0; i < length; ++i) {
            if (in[i] & ~self->bytes[address + i]) {
                ++self->refused_programs;
                return -1;
            }
        }
        for (size_t i = 0; i < length; ++i) self->bytes[address + i] &= in[i];
        return 0;
    }
    static int Erase(void *context, uint32_t sector) {
        auto *self = static_cast<FlashImage *>(context);
        if (sector >= kSectors) return -1;
        memset(self->bytes + sector * kSectorSize, 0xFF, kSectorSize);
        return 0;
    }
};

}  // namespace tinycapi::fuzz
