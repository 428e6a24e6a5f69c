// The one way core/crypto/psa enters the PSA core for anything that touches key slots.
//
// Mbed TLS 3.6's PSA core is thread-safe only with MBEDTLS_THREADING_C, which tinycapi does
// not build (its configuration has no threading layer); and the key material of its slots,
// and the cipher contexts of its operations, come from tinycapi's arena, which is not
// thread-safe either. So every PSA call that allocates or reads the global key-slot table runs
// inside a PsaSession, which holds TINYCAPI_LOCK_ARENA for its lifetime and initialises the
// PSA core on first use. Hash operations touch neither and run without it.
//
// Randomness: PSA draws from mbedtls_psa_external_get_random (MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG),
// which tinycapi serves from a private CTR_DRBG seeded with fresh bytes of CryptGenRandom's
// generator before the lock is taken (no lock is ever taken while another is held). A session
// opened without randomness refuses PSA's requests for it.
#pragma once

#include "crypto/crypto_status.hpp"
#include "crypto/mbedtls_build.hpp"

#include <psa/crypto.h>

namespace tinycapi::crypto::psa_backend {

enum class Randomness : bool { none, seeded };

class PsaSession {
public:
    explicit PsaSession(Randomness randomness = Randomness::none);
    ~PsaSession();
    PsaSession(const PsaSession &) = delete;
    PsaSession &operator=(const PsaSession &) = delete;

    // ok when the PSA core is initialised and, if asked for, the private DRBG seeded;
    // otherwise nothing may run in this session.
    CryptoStatus status() const { return status_; }

private:
    CryptoStatus status_;
    bool seeded_;
};

// A PSA status as the interface's: no_memory for an exhausted arena (PSA reports it as
// PSA_ERROR_INSUFFICIENT_MEMORY), bad_data for malformed input, entropy_failure for
// PSA_ERROR_INSUFFICIENT_ENTROPY, failure for the rest.
CryptoStatus status_of(psa_status_t status);

}  // namespace tinycapi::crypto::psa_backend
