// CryptGenRandom's work after the handle and pointer checks (reference §3.4).
#pragma once

#include "error.hpp"

namespace tinycapi::objects {

// fail (NTE_FAIL) when the entropy source fails; the buffer is then unchanged.
Error generate_random(BYTE *buffer, DWORD length);

}  // namespace tinycapi::objects
