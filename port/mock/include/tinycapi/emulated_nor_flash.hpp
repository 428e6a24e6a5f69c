// An emulated NOR flash for host tests of the flash record store (the LittleFS emulated block
// device of this project): erased bytes read 0xFF, programming ANDs bits (1 -> 0 only), only a
// sector erase brings bytes back to 0xFF, and faults can be injected:
//   - a power cut after any word (write unit) of a program, or in the middle of an erase,
//     which then leaves the sector half erased (a pseudo-random half of its words);
//   - bit flips anywhere.
// After a power cut every call fails until restore_power(), as a dead device would.
// Host test code: it may allocate.
#pragma once

#include <tinycapi/flash_device.h>

#include <stdint.h>

#include <vector>

namespace tinycapi::mock {

class EmulatedNorFlash {
public:
    EmulatedNorFlash(uint32_t sector_size, uint32_t sector_count, uint32_t write_unit);
    EmulatedNorFlash(const EmulatedNorFlash &) = delete;
    EmulatedNorFlash &operator=(const EmulatedNorFlash &) = delete;

    // The device to give the store; valid while this object lives.
    const tinycapi_flash_device *device() const { return &device_; }

    // Steps are programmed write units and erases, counted from construction or reset_steps().
    uint64_t steps() const { return steps_; }
    void reset_steps() { steps_ = 0; }
    // Power dies during step number `step` (1-based, counted from now): a program stops after
    // that unit, an erase stops half done. 0 disarms.
    void cut_power_at_step(uint64_t step);
    bool power_is_cut() const { return power_cut_; }
    void restore_power();

    void flip_bit(uint32_t address, unsigned bit) { bytes_.at(address) ^= static_cast<uint8_t>(1u << bit); }

    const std::vector<uint8_t> &bytes() const { return bytes_; }
    void set_bytes(const std::vector<uint8_t> &bytes) { bytes_ = bytes; }

    // Misuse by the store: a program not aligned to the write unit, or one that would need a
    // 0 -> 1 transition (programming over data that was not erased). Tests expect 0.
    uint64_t violations() const { return violations_; }
    uint64_t erases_of(uint32_t sector) const { return erase_counts_.at(sector); }
    uint64_t units_programmed() const { return units_programmed_; }
    uint64_t bytes_read() const { return bytes_read_; }

private:
    static int read(void *context, uint32_t address, void *buffer, size_t length);
    static int program(void *context, uint32_t address, const void *data, size_t length);
    static int erase(void *context, uint32_t sector);
    bool take_step();  // false: the power dies during this step

    tinycapi_flash_device device_;
    std::vector<uint8_t> bytes_;
    std::vector<uint64_t> erase_counts_;
    uint64_t steps_ = 0;
    uint64_t cut_at_ = 0;
    bool power_cut_ = false;
    uint64_t violations_ = 0;
    uint64_t units_programmed_ = 0;
    uint64_t bytes_read_ = 0;
};

}  // namespace tinycapi::mock
