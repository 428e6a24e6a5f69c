// The state of one RSA key on the psa backend (crypto/rsa.hpp): its numbers in one block of the
// fixed arena, as tinycapi's own limbs (crypto/bignum.hpp), which the backend writes into a
// PSA key per operation (psa/rsa_psa.cpp). Only rsa_copy may copy it.
#pragma once

#include <stdint.h>

#include "crypto/bignum.hpp"

namespace tinycapi::crypto {

struct RsaKeyState {
    // n (modulus_limbs), then for a pair d (modulus_limbs), p, q, dP, dQ and qInv (prime_limbs
    // each); null for no key.
    bignum::Limb *numbers;
    uint16_t modulus_bytes;  // k: n's length without leading zeros
    uint16_t modulus_limbs;
    uint16_t prime_limbs;
    uint32_t exponent;
};

}  // namespace tinycapi::crypto
