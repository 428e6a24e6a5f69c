#include "tinycapi_config.h"

#if TINYCAPI_CRYPTO_BACKEND_PSA

#include "crypto/psa/psa_session.hpp"

#include <string.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/platform_util.h>
#include <tinycapi/port.h>

#include "crypto/private_drbg.hpp"
#include "crypto/random.hpp"
#include "platform/stack_scrub.hpp"

namespace tinycapi::crypto::psa_backend {
namespace {

constexpr char kPersonalization[] = "tinycapi PSA";

// Guarded by TINYCAPI_LOCK_ARENA.
bool psa_initialised;
mbedtls_ctr_drbg_context drbg;
bool drbg_seeded;

}  // namespace

PsaSession::PsaSession(Randomness randomness) : status_(CryptoStatus::ok), seeded_(false) {
    uint8_t seed[private_drbg_seed_bytes] = {};  // zero: random_generate mixes the buffer in as input
    if (randomness == Randomness::seeded) status_ = random_generate(seed, sizeof seed);
    tinycapi_port_lock(TINYCAPI_LOCK_ARENA);
    if (status_ == CryptoStatus::ok && !psa_initialised) {
        status_ = status_of(psa_crypto_init());
        psa_initialised = status_ == CryptoStatus::ok;
    }
    if (status_ == CryptoStatus::ok && randomness == Randomness::seeded) {
        if (seed_private_drbg(drbg, seed, kPersonalization)) {  // one seed per session
            drbg_seeded = seeded_ = true;
        } else {
            status_ = CryptoStatus::failure;
        }
    }
    mbedtls_platform_zeroize(seed, sizeof seed);
}

PsaSession::~PsaSession() {
    if (seeded_) {
        mbedtls_ctr_drbg_free(&drbg);  // zeroizes the context
        drbg_seeded = false;
    }
    tinycapi_port_unlock(TINYCAPI_LOCK_ARENA);
    // PSA's key handling leaves key words in dead frames: zero them (platform/stack_scrub.hpp).
    platform::scrub_stack<TINYCAPI_STACK_SCRUB_BYTES>();
}

CryptoStatus status_of(psa_status_t status) {
    switch (status) {
        case PSA_SUCCESS: return CryptoStatus::ok;
        case PSA_ERROR_INSUFFICIENT_MEMORY: return CryptoStatus::no_memory;
        case PSA_ERROR_INVALID_ARGUMENT:
        case PSA_ERROR_INVALID_PADDING:
        case PSA_ERROR_INVALID_SIGNATURE: return CryptoStatus::bad_data;
        case PSA_ERROR_INSUFFICIENT_ENTROPY: return CryptoStatus::entropy_failure;
        default: return CryptoStatus::failure;
    }
}

}  // namespace tinycapi::crypto::psa_backend

// PSA's random source (MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG): the private DRBG of the session that
// holds TINYCAPI_LOCK_ARENA, the only context in which the PSA core runs.
extern "C" psa_status_t mbedtls_psa_external_get_random(mbedtls_psa_external_random_context_t *context,
                                                        uint8_t *output, size_t output_size, size_t *output_length) {
    (void)context;
    using tinycapi::crypto::psa_backend::drbg;
    using tinycapi::crypto::psa_backend::drbg_seeded;
    *output_length = 0;
    if (!drbg_seeded) return PSA_ERROR_INSUFFICIENT_ENTROPY;
    for (size_t done = 0; done < output_size;) {
        const size_t chunk =
            output_size - done < MBEDTLS_CTR_DRBG_MAX_REQUEST ? output_size - done : MBEDTLS_CTR_DRBG_MAX_REQUEST;
        if (mbedtls_ctr_drbg_random(&drbg, output + done, chunk) != 0) return PSA_ERROR_INSUFFICIENT_ENTROPY;
        done += chunk;
    }
    *output_length = output_size;
    return PSA_SUCCESS;
}

#endif  // TINYCAPI_CRYPTO_BACKEND_PSA
