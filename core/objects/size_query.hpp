// The size-query protocol of every Get*Param, CryptExportKey and CryptSignHash
// (reference §1.2): NULL data asks for the size; a short buffer gets ERROR_MORE_DATA and
// the size, and is left untouched; otherwise the value is written and its size returned.
#pragma once

#include <string.h>

#include "error.hpp"

namespace tinycapi::objects {

inline Error copy_out(const void *value, DWORD size, BYTE *data, DWORD *length) {
    if (data == nullptr) {
        *length = size;
        return Error::none;
    }
    if (*length < size) {
        *length = size;
        return Error::more_data;
    }
    memcpy(data, value, size);
    *length = size;
    return Error::none;
}

inline Error copy_out_dword(DWORD value, BYTE *data, DWORD *length) {
    return copy_out(&value, sizeof value, data, length);
}

}  // namespace tinycapi::objects
