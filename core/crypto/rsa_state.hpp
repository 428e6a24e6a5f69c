// The state of one RSA key on both backends (crypto/rsa.hpp): the RSA engine's Mbed TLS RSA
// context, whose numbers live in the fixed arena. Only rsa_copy may copy it.
#pragma once

#include "crypto/mbedtls_build.hpp"
#include "tinycapi_config.h"

#include <mbedtls/rsa.h>

namespace tinycapi::crypto {

struct RsaKeyState {
    mbedtls_rsa_context context;
};

}  // namespace tinycapi::crypto
