// CryptGenRandom's generator: one AES-256 CTR_DRBG (NIST SP 800-90A) shared by every
// context, seeded lazily from the port's entropy source and reseeded by interval.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto_status.hpp"

namespace tinycapi::crypto {

// Fill `buffer` with `length` random bytes. The first bytes of `buffer` are mixed in as
// additional input, as Windows documents for CryptGenRandom. All or nothing: when the
// entropy source fails (at the first seeding or a due reseed) the result is entropy_failure
// and `buffer` is unchanged. Thread-safe: serialised on TINYCAPI_LOCK_DRBG, which is held
// for the whole request so that a reseed cannot fail half-way through one.
CryptoStatus random_generate(uint8_t *buffer, size_t length);

// Drop the generator's state: the next request seeds it afresh from the port's entropy
// source. For a device resumed from a state the generator must not continue (a restored RAM
// image), and for tests that inject entropy failures at a known step.
void random_forget_seed();

// A source of random bytes that a caller hands to code which draws but must not choose where
// from (RSA padding, key generation): fills all `length` bytes of `output` and returns true,
// or returns false when it cannot (then `output` means nothing). `context` is passed through.
using RandomFill = bool (*)(void *context, uint8_t *output, size_t length);

}  // namespace tinycapi::crypto
