// RC4: the key-scheduling algorithm and the pseudo-random generation algorithm, nothing
// else. Checked against RFC 6229 (tests/unit/crypto_cipher_test.cpp).
#include "crypto/legacy/rc4.hpp"

#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_RC4

#include "crypto/mbedtls_build.hpp"

#include <mbedtls/platform_util.h>

namespace tinycapi::crypto::legacy {

void rc4_set_key(Rc4State& state, const uint8_t* key, size_t key_length) {
    uint8_t* s = state.s;
    for (unsigned n = 0; n < 256; ++n) {
        s[n] = static_cast<uint8_t>(n);
    }
    // Key schedule: j += S[i] + key[i mod keylength]; swap S[i], S[j]. The key index runs
    // alongside instead of a division per byte.
    uint8_t j = 0;
    size_t k = 0;
    for (unsigned n = 0; n < 256; ++n) {
        const uint8_t t = s[n];
        j = static_cast<uint8_t>(j + t + key[k]);
        s[n] = s[j];
        s[j] = t;
        if (++k == key_length) {
            k = 0;
        }
    }
    state.i = 0;
    state.j = 0;
}

void rc4_crypt(Rc4State& state, const uint8_t* input, uint8_t* output, size_t length) {
    uint8_t* s = state.s;
    uint8_t i = state.i;
    uint8_t j = state.j;
    for (size_t n = 0; n < length; ++n) {
        i = static_cast<uint8_t>(i + 1);
        const uint8_t si = s[i];
        j = static_cast<uint8_t>(j + si);
        const uint8_t sj = s[j];
        s[i] = sj;
        s[j] = si;
        output[n] = static_cast<uint8_t>(input[n] ^ s[static_cast<uint8_t>(si + sj)]);
    }
    state.i = i;
    state.j = j;
}

void rc4_wipe(Rc4State& state) {
    mbedtls_platform_zeroize(&state, sizeof state);
}

}  // namespace tinycapi::crypto::legacy

#endif  // TINYCAPI_ENABLE_RC4
