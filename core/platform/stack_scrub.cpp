#include "stack_scrub.hpp"

#include <stddef.h>
#include <stdint.h>

#include "tinycapi_config.h"

namespace tinycapi::platform {

// One frame holding one array: the memory it zeroes is contiguous, right below the caller's
// frame (the call itself overwrites the return-address and saved-register slots in between).
// Uninstrumented by AddressSanitizer, whose redzones would leave gaps between its bytes.
__attribute__((noinline, no_sanitize("address"))) void scrub_stack() {
    volatile uint8_t area[TINYCAPI_STACK_SCRUB_BYTES];
    for (size_t i = 0; i < sizeof area; ++i) area[i] = 0;
}

}  // namespace tinycapi::platform
