// The state of one hash computation on the psa backend (crypto/hash.hpp selects it): a PSA
// hash operation for the algorithms PSA has, the legacy MD2/MD4 contexts for the two it lacks.
// All-zero is PSA_HASH_OPERATION_INIT. Over Mbed TLS 3.6's own PSA core the operation holds
// the builtin context by value (no pointer, no key slot), but only psa_hash_clone may copy it:
// a PSA implementation behind an IPC boundary (TF-M) gives a handle instead.
#pragma once

#include "crypto/mbedtls_build.hpp"
#include "tinycapi_config.h"

#include <psa/crypto.h>

#if TINYCAPI_ENABLE_MD2
#include "crypto/legacy/md2.hpp"
#endif
#if TINYCAPI_ENABLE_MD4
#include "crypto/legacy/md4.hpp"
#endif

namespace tinycapi::crypto {

union HashContext {
#if TINYCAPI_ENABLE_MD2
    legacy::Md2Context md2;
#endif
#if TINYCAPI_ENABLE_MD4
    legacy::Md4Context md4;
#endif
    psa_hash_operation_t psa;  // MD5, SHA-1, SHA-256, SHA-384, SHA-512
};

}  // namespace tinycapi::crypto
