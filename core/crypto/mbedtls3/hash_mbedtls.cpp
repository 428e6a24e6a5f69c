// The hash primitives (crypto/hash.hpp) over Mbed TLS 3.6's direct contexts, and over
// crypto/legacy for MD2 and MD4, which Mbed TLS 3 removed.
#include "crypto/hash.hpp"

#include <string.h>

#include <mbedtls/platform_util.h>

namespace tinycapi::crypto {
namespace {

// Mbed TLS 3 reports every failure as a nonzero int; the caller only needs to know it failed.
[[maybe_unused]] inline CryptoStatus status_of(int mbedtls_result) {
    return mbedtls_result == 0 ? CryptoStatus::ok : CryptoStatus::failure;
}

}  // namespace

CryptoStatus start(HashState& state, HashAlgorithm algorithm) {
    // Overwrite the whole state first: the union member about to go live may be smaller
    // than the one that was, and no byte of an earlier computation may stay behind.
    memset(&state, 0, sizeof state);
    int result = 0;
    switch (algorithm) {
#if TINYCAPI_ENABLE_MD2
    case HashAlgorithm::md2:
        legacy::md2_init(state.context.md2);
        break;
#endif
#if TINYCAPI_ENABLE_MD4
    case HashAlgorithm::md4:
        legacy::md4_init(state.context.md4);
        break;
#endif
#if TINYCAPI_ENABLE_MD5
    case HashAlgorithm::md5:
        mbedtls_md5_init(&state.context.md5);
        result = mbedtls_md5_starts(&state.context.md5);
        break;
#endif
#if TINYCAPI_ENABLE_SHA1
    case HashAlgorithm::sha1:
        mbedtls_sha1_init(&state.context.sha1);
        result = mbedtls_sha1_starts(&state.context.sha1);
        break;
#endif
#if TINYCAPI_ENABLE_SHA256
    case HashAlgorithm::sha256:
        mbedtls_sha256_init(&state.context.sha256);
        result = mbedtls_sha256_starts(&state.context.sha256, 0);  // 0: SHA-256, not SHA-224
        break;
#endif
#if TINYCAPI_ENABLE_SHA384_512
    case HashAlgorithm::sha384:
        mbedtls_sha512_init(&state.context.sha512);
        result = mbedtls_sha512_starts(&state.context.sha512, 1);  // 1: SHA-384
        break;
    case HashAlgorithm::sha512:
        mbedtls_sha512_init(&state.context.sha512);
        result = mbedtls_sha512_starts(&state.context.sha512, 0);
        break;
#endif
    default:
        return CryptoStatus::failure;  // switched off in tinycapi_config.h, or not an algorithm
    }
    state.algorithm = algorithm;
    if (result != 0) {
        wipe(state);
        return CryptoStatus::failure;
    }
    return CryptoStatus::ok;
}

// [[maybe_unused]]: with every hash switched off, only the default case remains.
CryptoStatus update(HashState& state, [[maybe_unused]] const uint8_t* data,
                    [[maybe_unused]] size_t length) {
    switch (state.algorithm) {
#if TINYCAPI_ENABLE_MD2
    case HashAlgorithm::md2:
        legacy::md2_update(state.context.md2, data, length);
        return CryptoStatus::ok;
#endif
#if TINYCAPI_ENABLE_MD4
    case HashAlgorithm::md4:
        legacy::md4_update(state.context.md4, data, length);
        return CryptoStatus::ok;
#endif
#if TINYCAPI_ENABLE_MD5
    case HashAlgorithm::md5:
        return status_of(mbedtls_md5_update(&state.context.md5, data, length));
#endif
#if TINYCAPI_ENABLE_SHA1
    case HashAlgorithm::sha1:
        return status_of(mbedtls_sha1_update(&state.context.sha1, data, length));
#endif
#if TINYCAPI_ENABLE_SHA256
    case HashAlgorithm::sha256:
        return status_of(mbedtls_sha256_update(&state.context.sha256, data, length));
#endif
#if TINYCAPI_ENABLE_SHA384_512
    case HashAlgorithm::sha384:
    case HashAlgorithm::sha512:
        return status_of(mbedtls_sha512_update(&state.context.sha512, data, length));
#endif
    default:
        return CryptoStatus::failure;
    }
}

CryptoStatus finish(HashState& state, [[maybe_unused]] uint8_t* digest) {
    switch (state.algorithm) {
#if TINYCAPI_ENABLE_MD2
    case HashAlgorithm::md2:
        legacy::md2_finish(state.context.md2, digest);
        return CryptoStatus::ok;
#endif
#if TINYCAPI_ENABLE_MD4
    case HashAlgorithm::md4:
        legacy::md4_finish(state.context.md4, digest);
        return CryptoStatus::ok;
#endif
#if TINYCAPI_ENABLE_MD5
    case HashAlgorithm::md5:
        return status_of(mbedtls_md5_finish(&state.context.md5, digest));
#endif
#if TINYCAPI_ENABLE_SHA1
    case HashAlgorithm::sha1:
        return status_of(mbedtls_sha1_finish(&state.context.sha1, digest));
#endif
#if TINYCAPI_ENABLE_SHA256
    case HashAlgorithm::sha256:
        return status_of(mbedtls_sha256_finish(&state.context.sha256, digest));
#endif
#if TINYCAPI_ENABLE_SHA384_512
    case HashAlgorithm::sha384:  // is384 was set by start(): writes 48 bytes, not 64
    case HashAlgorithm::sha512:
        return status_of(mbedtls_sha512_finish(&state.context.sha512, digest));
#endif
    default:
        return CryptoStatus::failure;
    }
}

void clone(HashState& destination, const HashState& source) {
    if (&destination == &source) {
        return;
    }
    // A destination with no algorithm is zeroed (a fresh or wiped slot: CryptDuplicateHash's
    // copy) and needs no clearing; that clear was a third of a duplicate.
    if (destination.algorithm != HashAlgorithm{}) memset(&destination, 0, sizeof destination);
    // Mbed TLS's clone functions rather than a byte copy: an *_ALT accelerator's context may
    // need its own duplication.
    switch (source.algorithm) {
#if TINYCAPI_ENABLE_MD2
    case HashAlgorithm::md2:
        destination.context.md2 = source.context.md2;
        break;
#endif
#if TINYCAPI_ENABLE_MD4
    case HashAlgorithm::md4:
        destination.context.md4 = source.context.md4;
        break;
#endif
#if TINYCAPI_ENABLE_MD5
    case HashAlgorithm::md5:
        mbedtls_md5_clone(&destination.context.md5, &source.context.md5);
        break;
#endif
#if TINYCAPI_ENABLE_SHA1
    case HashAlgorithm::sha1:
        mbedtls_sha1_clone(&destination.context.sha1, &source.context.sha1);
        break;
#endif
#if TINYCAPI_ENABLE_SHA256
    case HashAlgorithm::sha256:
        mbedtls_sha256_clone(&destination.context.sha256, &source.context.sha256);
        break;
#endif
#if TINYCAPI_ENABLE_SHA384_512
    case HashAlgorithm::sha384:
    case HashAlgorithm::sha512:
        mbedtls_sha512_clone(&destination.context.sha512, &source.context.sha512);
        break;
#endif
    default:
        return;  // nothing live in the source: the destination stays zeroed
    }
    destination.algorithm = source.algorithm;
}

void wipe(HashState& state) {
    // Let Mbed TLS release the live context first (an *_ALT accelerator may hold resources),
    // then zero every byte, tag included, whatever member was live.
    switch (state.algorithm) {
#if TINYCAPI_ENABLE_MD5
    case HashAlgorithm::md5:
        mbedtls_md5_free(&state.context.md5);
        break;
#endif
#if TINYCAPI_ENABLE_SHA1
    case HashAlgorithm::sha1:
        mbedtls_sha1_free(&state.context.sha1);
        break;
#endif
#if TINYCAPI_ENABLE_SHA256
    case HashAlgorithm::sha256:
        mbedtls_sha256_free(&state.context.sha256);
        break;
#endif
#if TINYCAPI_ENABLE_SHA384_512
    case HashAlgorithm::sha384:
    case HashAlgorithm::sha512:
        mbedtls_sha512_free(&state.context.sha512);
        break;
#endif
    default:
        break;  // MD2, MD4 and a zeroed state hold nothing but bytes
    }
    mbedtls_platform_zeroize(&state, sizeof state);
}

}  // namespace tinycapi::crypto
