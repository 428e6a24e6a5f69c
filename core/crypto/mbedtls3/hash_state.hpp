// The state of one hash computation on the mbedtls3 backend (crypto/hash.hpp selects it):
// Mbed TLS's direct contexts (never mbedtls_md_setup, which allocates) and the legacy MD2/MD4
// contexts in one union. Plain data: they hold no pointers.
#pragma once

#include "crypto/mbedtls_build.hpp"
#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_MD2
#include "crypto/legacy/md2.hpp"
#endif
#if TINYCAPI_ENABLE_MD4
#include "crypto/legacy/md4.hpp"
#endif
#if TINYCAPI_ENABLE_MD5
#include <mbedtls/md5.h>
#endif
#if TINYCAPI_ENABLE_SHA1
#include <mbedtls/sha1.h>
#endif
#if TINYCAPI_ENABLE_SHA256
#include <mbedtls/sha256.h>
#endif
#if TINYCAPI_ENABLE_SHA384_512
#include <mbedtls/sha512.h>
#endif

namespace tinycapi::crypto {

union HashContext {
#if TINYCAPI_ENABLE_MD2
    legacy::Md2Context md2;
#endif
#if TINYCAPI_ENABLE_MD4
    legacy::Md4Context md4;
#endif
#if TINYCAPI_ENABLE_MD5
    mbedtls_md5_context md5;
#endif
#if TINYCAPI_ENABLE_SHA1
    mbedtls_sha1_context sha1;
#endif
#if TINYCAPI_ENABLE_SHA256
    mbedtls_sha256_context sha256;
#endif
#if TINYCAPI_ENABLE_SHA384_512
    mbedtls_sha512_context sha512;  // also SHA-384 (is384 = 1)
#endif
    unsigned char none;  // keeps the union well-formed when every hash is switched off
};

}  // namespace tinycapi::crypto
