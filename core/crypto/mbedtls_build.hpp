// Every core/crypto file that includes Mbed TLS includes this first: it checks that the
// Mbed TLS build offers what this tinycapi configuration needs (a user's own build included).
#pragma once

#include <mbedtls/build_info.h>

#include "tinycapi_mbedtls_check.h"
