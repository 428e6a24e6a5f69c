// CryptGetProvParam and CryptSetProvParam on a pinned provider (reference §3.5, §3.6, §4.3,
// §4.4). Handle and pointer checks are the API layer's; everything after them is here.
#pragma once

#include "error.hpp"
#include "provider.hpp"

namespace tinycapi::objects {

Error get_provider_param(Provider &provider, DWORD param, BYTE *data, DWORD *length, DWORD flags);

Error set_provider_param(Provider &provider, DWORD param, const BYTE *data, DWORD flags);

}  // namespace tinycapi::objects
