// The key schedules of one block cipher on the mbedtls3 backend (crypto/block_cipher.hpp
// selects it): Mbed TLS's direct contexts (never mbedtls_cipher_setup, which allocates) and
// the legacy RC2 key in one union. Plain data: Mbed TLS 3.6 contexts hold no pointers, so a
// byte copy is an independent duplicate.
#pragma once

#include "crypto/mbedtls_build.hpp"
#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_AES
#include <mbedtls/aes.h>
#endif
#if TINYCAPI_ENABLE_DES
#include <mbedtls/des.h>
#endif
#if TINYCAPI_ENABLE_RC2
#include "crypto/legacy/rc2.hpp"
#endif

namespace tinycapi::crypto {

union BlockSchedule {
#if TINYCAPI_ENABLE_AES
    struct {
        mbedtls_aes_context encrypt;
        mbedtls_aes_context decrypt;
    } aes;  // AES-128, -192 and -256
#endif
#if TINYCAPI_ENABLE_DES
    struct {
        mbedtls_des_context encrypt;
        mbedtls_des_context decrypt;
    } des;
    struct {
        mbedtls_des3_context encrypt;
        mbedtls_des3_context decrypt;
    } des3;  // 3DES and 3DES-112
#endif
#if TINYCAPI_ENABLE_RC2
    legacy::Rc2Key rc2;  // one expanded key serves both directions
#endif
    unsigned char none;  // keeps the union well-formed when every block cipher is off
};

}  // namespace tinycapi::crypto
