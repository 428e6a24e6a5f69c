#include <string.h>
#include <tinycapi/emulated_nor_flash.hpp>

namespace tinycapi::mock {

EmulatedNorFlash::EmulatedNorFlash(uint32_t sector_size, uint32_t sector_count, uint32_t write_unit)
    : device_{this, sector_size, sector_count, write_unit, &read, &program, &erase},
      bytes_(static_cast<size_t>(sector_size) * sector_count, 0xFF),
      erase_counts_(sector_count, 0) {}

void EmulatedNorFlash::cut_power_at_step(uint64_t step) { cut_at_ = step == 0 ? 0 : steps_ + step; }

void EmulatedNorFlash::restore_power() {
    power_cut_ = false;
    cut_at_ = 0;
}

bool EmulatedNorFlash::take_step() {
    ++steps_;
    if (cut_at_ != 0 && steps_ == cut_at_) {
        power_cut_ = true;
        return false;
    }
    return true;
}

int EmulatedNorFlash::read(void *context, uint32_t address, void *buffer, size_t length) {
    auto &self = *static_cast<EmulatedNorFlash *>(context);
    if (self.power_cut_ || address > self.bytes_.size() || length > self.bytes_.size() - address) return -1;
    memcpy(buffer, self.bytes_.data() + address, length);
    self.bytes_read_ += length;
    return 0;
}

int EmulatedNorFlash::program(void *context, uint32_t address, const void *data, size_t length) {
    auto &self = *static_cast<EmulatedNorFlash *>(context);
    const uint32_t unit = self.device_.write_unit;
    if (self.power_cut_) return -1;
    if (address % unit != 0 || length % unit != 0 || address > self.bytes_.size() ||
        length > self.bytes_.size() - address) {
        ++self.violations_;
        return -1;
    }
    const auto *in = static_cast<const uint8_t *>(data);
    for (size_t done = 0; done < length; done += unit) {
        const bool survives = self.take_step();
        // The unit that the power dies in is programmed all the same (a cut "after the word").
        for (uint32_t i = 0; i < unit; ++i) {
            uint8_t &cell = self.bytes_[address + done + i];
            if ((in[done + i] & ~cell) != 0) ++self.violations_;  // would need 0 -> 1
            cell &= in[done + i];
        }
        ++self.units_programmed_;
        if (!survives) return -1;
    }
    return 0;
}

int EmulatedNorFlash::erase(void *context, uint32_t sector) {
    auto &self = *static_cast<EmulatedNorFlash *>(context);
    if (self.power_cut_ || sector >= self.device_.sector_count) return -1;
    const uint32_t size = self.device_.sector_size;
    uint8_t *base = self.bytes_.data() + static_cast<size_t>(sector) * size;
    ++self.erase_counts_[sector];
    if (self.take_step()) {
        memset(base, 0xFF, size);
        return 0;
    }
    // Cut mid-erase: a pseudo-random half of the 4-byte words are erased, the rest keep their
    // old bits, so both the header and the records may survive or not.
    uint32_t state = 0x9E3779B9u ^ static_cast<uint32_t>(self.steps_);
    for (uint32_t word = 0; word < size / 4; ++word) {
        state = state * 1664525u + 1013904223u;
        if (state & 0x80000000u) memset(base + size_t{4} * word, 0xFF, 4);
    }
    return -1;
}

}  // namespace tinycapi::mock
