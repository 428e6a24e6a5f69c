// CryptGetKeyParam / CryptSetKeyParam on a session key (reference §3.19, §3.20).
#pragma once

#include "error.hpp"
#include "key_object.hpp"

namespace tinycapi::objects {

Error get_key_param(Key &key, DWORD param, BYTE *data, DWORD *length, DWORD flags);

Error set_key_param(Key &key, DWORD param, const BYTE *data, DWORD flags);

}  // namespace tinycapi::objects
