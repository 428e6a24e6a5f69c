// Reading and writing the little-endian DWORDs of key blobs (reference §6.1), byte by byte:
// a caller's blob has no alignment.
#pragma once

#include <tinycapi/wincrypt.h>

namespace tinycapi::objects {

inline DWORD read_dword(const BYTE *at) {
    return static_cast<DWORD>(at[0]) | static_cast<DWORD>(at[1]) << 8 | static_cast<DWORD>(at[2]) << 16 |
           static_cast<DWORD>(at[3]) << 24;
}

inline void write_dword(BYTE *at, DWORD value) {
    for (int i = 0; i < 4; ++i) at[i] = static_cast<BYTE>(value >> (8 * i));
}

// The 8-byte BLOBHEADER: type, CUR_BLOB_VERSION, reserved 0, the key's ALG_ID.
inline void write_blob_header(BYTE *at, BYTE type, ALG_ID algorithm) {
    at[0] = type;
    at[1] = CUR_BLOB_VERSION;
    at[2] = 0;
    at[3] = 0;
    write_dword(at + 4, algorithm);
}

}  // namespace tinycapi::objects
