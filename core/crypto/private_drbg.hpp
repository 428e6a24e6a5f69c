// A CTR_DRBG private to one locked operation (an RSA call, a PSA session), seeded from bytes of
// CryptGenRandom's generator that the caller drew before taking its lock: random_generate takes
// TINYCAPI_LOCK_DRBG, and tinycapi never holds two locks at once.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <mbedtls/ctr_drbg.h>

namespace tinycapi::crypto {

// A full AES-256 CTR_DRBG seed: entropy input and nonce (SP 800-90A 10.2.1), so Mbed TLS asks
// for no separate nonce.
inline constexpr size_t private_drbg_seed_bytes = 48;

// Initialises `drbg` and seeds it from the private_drbg_seed_bytes of `seed` and the NUL-ended
// `personalization`, with no reseed in its life: were one due, the seed would be used up and the
// operation would fail rather than run on stale state (a 4096-bit key generation asks for a few
// thousand outputs; SP 800-90A allows 2^48 between reseeds). Returns true when seeded; false
// leaves `drbg` freed. The caller frees a seeded `drbg` with mbedtls_ctr_drbg_free (which
// zeroizes it) and wipes `seed`.
bool seed_private_drbg(mbedtls_ctr_drbg_context &drbg, const uint8_t *seed, const char *personalization);

}  // namespace tinycapi::crypto
