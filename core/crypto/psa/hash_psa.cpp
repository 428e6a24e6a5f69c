// The hash primitives (crypto/hash.hpp) over PSA hash operations, and over crypto/legacy for
// MD2 and MD4, which PSA does not offer. Hash operations own no key slot and allocate nothing,
// so they run without the arena lock (crypto/psa/psa_session.hpp).
#include "tinycapi_config.h"

#if TINYCAPI_CRYPTO_BACKEND_PSA

#include "crypto/hash.hpp"

#include <string.h>

#include <mbedtls/platform_util.h>

namespace tinycapi::crypto {
namespace {

// The PSA algorithm of a hash PSA offers in this build; 0 for MD2, MD4 and anything off.
psa_algorithm_t psa_algorithm_of(HashAlgorithm algorithm) {
    switch (algorithm) {
#if TINYCAPI_ENABLE_MD5
    case HashAlgorithm::md5: return PSA_ALG_MD5;
#endif
#if TINYCAPI_ENABLE_SHA1
    case HashAlgorithm::sha1: return PSA_ALG_SHA_1;
#endif
#if TINYCAPI_ENABLE_SHA256
    case HashAlgorithm::sha256: return PSA_ALG_SHA_256;
#endif
#if TINYCAPI_ENABLE_SHA384_512
    case HashAlgorithm::sha384: return PSA_ALG_SHA_384;
    case HashAlgorithm::sha512: return PSA_ALG_SHA_512;
#endif
    default: return 0;
    }
}

inline CryptoStatus status_of(psa_status_t status) {
    return status == PSA_SUCCESS ? CryptoStatus::ok : CryptoStatus::failure;
}

}  // namespace

CryptoStatus start(HashState& state, HashAlgorithm algorithm) {
    wipe(state);  // aborts a live PSA operation before its bytes go
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
    default: {
        const psa_algorithm_t psa_algorithm = psa_algorithm_of(algorithm);
        if (psa_algorithm == 0) {
            return CryptoStatus::failure;  // switched off in tinycapi_config.h, or not an algorithm
        }
        if (psa_hash_setup(&state.context.psa, psa_algorithm) != PSA_SUCCESS) {
            wipe(state);
            return CryptoStatus::failure;
        }
        break;
    }
    }
    state.algorithm = algorithm;
    return CryptoStatus::ok;
}

CryptoStatus update(HashState& state, const uint8_t* data, size_t length) {
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
    default:
        if (psa_algorithm_of(state.algorithm) == 0) return CryptoStatus::failure;
        return status_of(psa_hash_update(&state.context.psa, data, length));
    }
}

CryptoStatus finish(HashState& state, uint8_t* digest) {
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
    default: {
        if (psa_algorithm_of(state.algorithm) == 0) return CryptoStatus::failure;
        // PSA ends the operation here (it is then inactive): update() on the spent state fails.
        size_t written = 0;
        return status_of(
            psa_hash_finish(&state.context.psa, digest, digest_size(state.algorithm), &written));
    }
    }
}

void clone(HashState& destination, const HashState& source) {
    if (&destination == &source) {
        return;
    }
    if (destination.algorithm != HashAlgorithm{}) wipe(destination);
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
    default:
        if (psa_algorithm_of(source.algorithm) == 0) {
            return;  // nothing live in the source: the destination stays zeroed
        }
        // PSA clones only into an inactive operation. A destination that holds no algorithm
        // may still carry other bytes (the objects layer keeps a finished hash's value in the
        // same union), so its operation is made inactive here, whatever it held.
        destination.context.psa = psa_hash_operation_init();
        // A spent (finished) source is an inactive operation, which PSA refuses to clone: the
        // destination is then spent too (its operation inactive, every update refused).
        (void)psa_hash_clone(&source.context.psa, &destination.context.psa);
        break;
    }
    destination.algorithm = source.algorithm;
}

void wipe(HashState& state) {
    if (psa_algorithm_of(state.algorithm) != 0) {
        (void)psa_hash_abort(&state.context.psa);
    }
    mbedtls_platform_zeroize(&state, sizeof state);
}

CryptoStatus finish_hmac(HashState& inner, HashState& outer, uint8_t* digest) {
    return finish_hmac_in_steps(inner, outer, digest);
}

}  // namespace tinycapi::crypto

#endif  // TINYCAPI_CRYPTO_BACKEND_PSA
