#include <mbedtls/ctr_drbg.h>
#include <mbedtls/platform_util.h>
#include <string.h>

#include "crypto/mbedtls_build.hpp"
#include "crypto/random.hpp"
#include "platform/port_lock.hpp"
#include "tinycapi_config.h"

namespace tinycapi::crypto {
namespace {

constexpr unsigned char kPersonalization[] = "tinycapi CryptGenRandom";
constexpr size_t kAdditionalInputBytes = 32;

// Guarded by TINYCAPI_LOCK_DRBG.
mbedtls_ctr_drbg_context drbg;
bool seeded;
// mbedtls_ctr_drbg_random calls since the last (re)seed: Mbed TLS reseeds on its own when
// this passes the interval, which is the one step that can fail in mid-request.
size_t requests_since_seed;

int port_entropy(void *, unsigned char *output, size_t length) {
    return tinycapi_port_entropy(output, length) == 0 ? 0 : MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
}

bool seed() {
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_ctr_drbg_set_entropy_len(&drbg, TINYCAPI_DRBG_SEED_BYTES);
    if (mbedtls_ctr_drbg_seed(&drbg, port_entropy, nullptr, kPersonalization, sizeof kPersonalization - 1) != 0) {
        mbedtls_ctr_drbg_free(&drbg);
        return false;
    }
    mbedtls_ctr_drbg_set_reseed_interval(&drbg, TINYCAPI_DRBG_RESEED_INTERVAL);
    requests_since_seed = 0;
    seeded = true;
    return true;
}

}  // namespace

CryptoStatus random_generate(uint8_t *buffer, size_t length) {
    if (length == 0) return CryptoStatus::ok;
    platform::LockGuard lock(TINYCAPI_LOCK_DRBG);
    if (!seeded && !seed()) return CryptoStatus::entropy_failure;

    const size_t requests = (length + MBEDTLS_CTR_DRBG_MAX_REQUEST - 1) / MBEDTLS_CTR_DRBG_MAX_REQUEST;
    if (requests_since_seed + requests > TINYCAPI_DRBG_RESEED_INTERVAL) {
        if (mbedtls_ctr_drbg_reseed(&drbg, nullptr, 0) != 0) return CryptoStatus::entropy_failure;
        requests_since_seed = 0;
    }

    // The caller's bytes are additional input; copy them out first, the output overwrites them.
    unsigned char additional[kAdditionalInputBytes];
    const size_t additional_length = length < sizeof additional ? length : sizeof additional;
    memcpy(additional, buffer, additional_length);

    CryptoStatus status = CryptoStatus::ok;
    for (size_t done = 0; done < length && status == CryptoStatus::ok;) {
        const size_t chunk = length - done < MBEDTLS_CTR_DRBG_MAX_REQUEST ? length - done : MBEDTLS_CTR_DRBG_MAX_REQUEST;
        const bool first = done == 0;
        if (mbedtls_ctr_drbg_random_with_add(&drbg, buffer + done, chunk, first ? additional : nullptr,
                                             first ? additional_length : 0) != 0) {
            status = CryptoStatus::failure;  // unreachable with the reseed done up front
        }
        ++requests_since_seed;
        done += chunk;
    }
    mbedtls_platform_zeroize(additional, sizeof additional);
    return status;
}

void random_forget_seed() {
    platform::LockGuard lock(TINYCAPI_LOCK_DRBG);
    if (seeded) mbedtls_ctr_drbg_free(&drbg);  // zeroizes the state
    seeded = false;
}

}  // namespace tinycapi::crypto
