// The size-query protocol of every Get*Param, CryptExportKey and CryptSignHash
// (reference §1.2): NULL data asks for the size; a short buffer gets ERROR_MORE_DATA and
// the size, and is left untouched; otherwise the value is written and its size returned.
#pragma once

#include <string.h>

#include "error.hpp"

namespace tinycapi::objects {

// The first two rows of the protocol: true when the call is answered without the value (a
// size query or a short buffer), with *result set.
inline bool answers_without_value(DWORD size, BYTE *data, DWORD *length, Error *result) {
    if (data != nullptr && *length >= size) return false;
    *result = data == nullptr ? Error::none : Error::more_data;
    *length = size;
    return true;
}

inline Error copy_out(const void *value, DWORD size, BYTE *data, DWORD *length) {
    Error result;
    if (answers_without_value(size, data, length, &result)) return result;
    memcpy(data, value, size);
    *length = size;
    return Error::none;
}

inline Error copy_out_dword(DWORD value, BYTE *data, DWORD *length) {
    return copy_out(&value, sizeof value, data, length);
}

}  // namespace tinycapi::objects
