// The fuzzers' view of their input: a cursor that hands out integers and byte strings and
// gives zeros once the input is used up, so every input is a valid program.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <vector>

namespace tinycapi::fuzz {

class FuzzInput {
public:
    FuzzInput(const uint8_t *data, size_t size) : data_(data), size_(size) {}

    bool empty() const { return at_ >= size_; }
    uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
    uint32_t dword() {
        uint32_t value = 0;
        for (int i = 0; i < 4; ++i) value |= static_cast<uint32_t>(byte()) << (8 * i);
        return value;
    }
    // A length that is usually small: the low seven bits, or a full DWORD one time in 128.
    uint32_t length() {
        const uint8_t b = byte();
        return b == 0xFF ? dword() : (b & 0x7F);
    }
    std::vector<uint8_t> bytes(size_t count) {
        std::vector<uint8_t> out;
        while (count-- > 0 && !empty()) out.push_back(byte());
        return out;
    }
    std::vector<uint8_t> rest() { return bytes(size_ - at_); }

private:
    const uint8_t *data_;
    size_t size_;
    size_t at_ = 0;
};

}  // namespace tinycapi::fuzz
