// The arithmetic of RSA key numbers on tinycapi's own bignum (crypto/bignum.hpp): a private
// key's d and CRT values from its primes, with Windows' and Mbed TLS's checks, and key-pair
// generation. The psa backend makes and checks its keys here (PSA has no interface for either:
// Windows' totient d, keys from 384 bits, truncated PRIVATEKEYBLOBs); it owns no memory and
// takes no lock.
//
// Numbers are limb arrays (least significant limb first) of the sizes stated; `scratch` is
// room for intermediate values, private_scratch_limbs long.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/bignum.hpp"
#include "crypto/crypto_status.hpp"
#include "crypto/random.hpp"
#include "crypto/rsa.hpp"

#if TINYCAPI_ENABLE_RSA

namespace tinycapi::crypto::rsa_key_math {

using bignum::Limb;

// A private key's numbers for primes of `prime_size` limbs: n and d have 2·prime_size limbs,
// dP, dQ and qInv prime_size.
struct PrivateNumbers {
    Limb *n;
    Limb *d;
    Limb *dp;
    Limb *dq;
    Limb *qinv;
};

// (Key completion needs 16·prime_size + 6 limbs, generation's Miller-Rabin 15·prime_size + 2.)
constexpr size_t private_scratch_limbs(size_t prime_size) { return 16 * prime_size + 8; }

// n = p·q, d and the CRT values of p and q (prime_size limbs each) and e, or bad_data when
// they are no key, by the rules of Mbed TLS's key completion that the mbedtls3 backend applies
// (p, q odd and above 1; e invertible; e below lcm(p-1, q-1) unless a given totient d is
// kept; q invertible modulo p). `given_d` (2·prime_size limbs, may be null) is kept when it is
// one of the two valid private exponents; otherwise d is computed in `form`, as is d = 1 for
// e = 1. *chosen is the form of the d given back.
CryptoStatus complete_private(const Limb *p, const Limb *q, size_t prime_size, uint32_t e, const Limb *given_d,
                              PrivateExponent form, const PrivateNumbers &numbers, PrivateExponent *chosen,
                              Limb *scratch);

// A new pair of `bits` bits (even) and public exponent e (odd, ≥ 3): primes p > q of bits/2
// bits each (prime_size = limbs_for_bits(bits / 2) limbs), |p - q| above 2^(bits/2 - 100),
// d in Windows' totient form. Randomness from `random`; entropy_failure when it fails.
// scratch: private_scratch_limbs(prime_size).
CryptoStatus generate(unsigned bits, uint32_t e, RandomFill random, void *random_context, Limb *p, Limb *q,
                      const PrivateNumbers &numbers, Limb *scratch);

}  // namespace tinycapi::crypto::rsa_key_math

#endif  // TINYCAPI_ENABLE_RSA
