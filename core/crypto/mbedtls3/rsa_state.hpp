// The state of one RSA key on the mbedtls3 backend (crypto/rsa.hpp): Mbed TLS's RSA context,
// whose numbers live in the fixed arena. Only rsa_copy may copy it.
#pragma once

#include "crypto/mbedtls_build.hpp"
#include "tinycapi_config.h"

#include <mbedtls/rsa.h>

namespace tinycapi::crypto {

struct RsaKeyState {
    mbedtls_rsa_context context;
};

}  // namespace tinycapi::crypto
