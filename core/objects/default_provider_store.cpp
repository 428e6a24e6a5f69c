#include "default_provider_store.hpp"

#include <atomic>

#include "provider_registry.hpp"

namespace tinycapi::objects {
namespace {

// Zeroed .bss means "nothing stored": every type starts with Windows' built-in default.
std::atomic<uint8_t> default_codes[2][kProviderTypeCount];

}  // namespace

uint8_t load_default_code(DefaultScope scope, size_t type_slot) {
    return default_codes[static_cast<size_t>(scope)][type_slot].load(std::memory_order_acquire);
}

void store_default_code(DefaultScope scope, size_t type_slot, uint8_t code) {
    default_codes[static_cast<size_t>(scope)][type_slot].store(code, std::memory_order_release);
}

}  // namespace tinycapi::objects
