// The key of one block cipher on the psa backend (crypto/block_cipher.hpp selects it).
//
// AES keeps its raw key bytes here and becomes a volatile PSA key only for the length of one
// operation (core/crypto/psa/block_cipher_psa.cpp): a PSA key id would make the struct
// neither plain data nor byte-copyable, and the objects layer copies keys with clone() but
// frees key slots without calling wipe(). CryptoAPI keeps every session key's material in the
// key object anyway (CryptExportKey, KP_SALT re-keys, CALG_MAC), so a key kept in the PSA
// core between calls would protect nothing more. DES, 3DES and RC2, which PSA lacks, are
// crypto/legacy's schedules. All plain data: a byte copy is an independent duplicate.
#pragma once

#include <stdint.h>

#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_DES
#include "crypto/legacy/des.hpp"
#endif
#if TINYCAPI_ENABLE_RC2
#include "crypto/legacy/rc2.hpp"
#endif

namespace tinycapi::crypto {

union BlockSchedule {
#if TINYCAPI_ENABLE_AES
    struct {
        uint8_t key[32];  // 16, 24 or 32 bytes used, after the algorithm tag
    } aes;
#endif
#if TINYCAPI_ENABLE_DES
    legacy::DesKey des;
    legacy::Des3Key des3;  // 3DES and 3DES-112
#endif
#if TINYCAPI_ENABLE_RC2
    legacy::Rc2Key rc2;  // one expanded key serves both directions
#endif
    unsigned char none;  // keeps the union well-formed when every block cipher is off
};

}  // namespace tinycapi::crypto
