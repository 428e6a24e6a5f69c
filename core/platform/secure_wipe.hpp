// Wiping memory that held secrets, in a way the compiler may not elide. The handle layer
// wipes every object when its slot is freed (docs/ARCHITECTURE.md, "Memory").
#pragma once

#include <stddef.h>

namespace tinycapi::platform {

inline void secure_wipe(void *memory, size_t length) {
    volatile unsigned char *bytes = static_cast<volatile unsigned char *>(memory);
    while (length--) *bytes++ = 0;
}

}  // namespace tinycapi::platform
