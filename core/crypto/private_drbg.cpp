#include "crypto/private_drbg.hpp"

#include <limits.h>
#include <string.h>

#include "crypto/mbedtls_build.hpp"

namespace tinycapi::crypto {
namespace {

struct SeedSource {
    const uint8_t *bytes;
    size_t remaining;
};

// The entropy callback: hands out the seed drawn before the lock, once.
int seed_entropy(void *source, unsigned char *output, size_t length) {
    SeedSource *seed = static_cast<SeedSource *>(source);
    if (length > seed->remaining) return MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
    memcpy(output, seed->bytes, length);
    seed->bytes += length;
    seed->remaining -= length;
    return 0;
}

}  // namespace

bool seed_private_drbg(mbedtls_ctr_drbg_context &drbg, const uint8_t *seed, const char *personalization) {
    SeedSource source{seed, private_drbg_seed_bytes};
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_ctr_drbg_set_entropy_len(&drbg, private_drbg_seed_bytes);
    if (mbedtls_ctr_drbg_seed(&drbg, seed_entropy, &source, reinterpret_cast<const unsigned char *>(personalization),
                              strlen(personalization)) != 0) {
        mbedtls_ctr_drbg_free(&drbg);
        return false;
    }
    mbedtls_ctr_drbg_set_reseed_interval(&drbg, INT_MAX);
    return true;
}

}  // namespace tinycapi::crypto
