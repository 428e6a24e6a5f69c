// RSA primitives of core/crypto. Numbers cross this interface big-endian (I2OSP order);
// CryptoAPI's little-endian blobs are the objects layer's business. The interface has no raw
// private operation (x^d mod n): signing is PKCS#1 v1.5 of a caller-built T, so that a backend
// whose keys never leave a crypto service (PSA: PSA_ALG_RSA_PKCS1V15_SIGN_RAW) can offer it.
//
// Memory: an RsaKey's numbers live in the fixed arena (core/crypto/arena.hpp), never on the
// heap. Every function here but rsa_modulus_bytes takes TINYCAPI_LOCK_ARENA itself for its whole run and releases
// it before returning, so callers hold no lock when they call in. Randomness (key generation,
// blinding, padding) comes from a private CTR_DRBG seeded from CryptGenRandom's generator
// before the lock is taken, so no other lock is ever taken inside it.
//
// Failures: no_memory when the arena runs out (the key is then as it was: an import or
// generation into it leaves it empty), bad_data for malformed input, entropy_failure when the
// seed could not be drawn, failure otherwise.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/crypto_status.hpp"
#include "crypto/mbedtls_build.hpp"

#if TINYCAPI_ENABLE_RSA
// The key state (RsaKeyState), the backend's: Mbed TLS's RSA context on mbedtls3, tinycapi's
// own numbers on psa (which hands them to PSA per operation).
#if TINYCAPI_CRYPTO_BACKEND_PSA
#include "crypto/psa/rsa_state.hpp"
#else
#include "crypto/mbedtls3/rsa_state.hpp"
#endif
#endif

namespace tinycapi::crypto {

#if TINYCAPI_ENABLE_RSA

// Which private exponent a key carries. Both work; a key's PRIVATEKEYBLOB shows its d, so a
// re-export must give back the form the key came with.
enum class PrivateExponent : uint8_t {
    totient,     // d = e^-1 mod (p-1)(q-1): what Windows generates (Wine's Windows-made blobs)
    carmichael   // d = e^-1 mod lcm(p-1, q-1): FIPS 186-4, OpenSSL 3, Mbed TLS
};

// One RSA key, public or private. Plain data: all-zero (a fresh or wiped slot) is "no key".
// Copy it only with rsa_copy.
struct RsaKey {
    RsaKeyState state;
    bool has_private;
    bool initialised;
    PrivateExponent private_exponent;
    // Keep Mbed TLS's caches (R^2 mod n, p, q and the blinding pair) between operations: set
    // by the objects layer only on its bounded cache of loaded pairs (pair_cache.hpp), whose
    // arena bytes then grow once, at the first operation. Any failed operation drops them.
    bool keep_caches;
};

// Modulus length in bytes (k); 0 for no key. Takes no lock: the length is fixed from import
// to free, and only the holder of the key's pin calls this.
size_t rsa_modulus_bytes(const RsaKey &key);

// A new key pair of `bits` (a multiple of 8, 384..TINYCAPI_RSA_MAX_BITS) with public
// exponent `exponent`; d in Windows' (totient) form.
CryptoStatus rsa_generate(RsaKey &key, unsigned bits, uint32_t exponent);

// A public key from modulus n (big-endian, `modulus_length` bytes, leading zeros allowed) and
// exponent e. No plausibility check of n (Windows imports any modulus).
CryptoStatus rsa_import_public(RsaKey &key, const uint8_t *modulus, size_t modulus_length, uint32_t exponent);

// A private key from n, e, p, q (big-endian; p and q each `prime_length` bytes). The CRT
// values are computed; bad_data when p·q ≠ n or the numbers do not form a key. `modulus` may
// be null: n is then p·q, and must be `modulus_length` bytes long. d is computed in `form`,
// unless `d` (big-endian, `d_length` bytes, may be null) is one of the two valid private
// exponents: then that one is kept, so that the key exports as it came.
CryptoStatus rsa_import_private(RsaKey &key, const uint8_t *modulus, size_t modulus_length, uint32_t exponent,
                                const uint8_t *p, const uint8_t *q, size_t prime_length, const uint8_t *d = nullptr,
                                size_t d_length = 0, PrivateExponent form = PrivateExponent::totient);

// The parts of a key, big-endian, each zero-padded at its high end to the length given:
// n (`modulus_length`), and for a private key p, q, dP, dQ, qInv (`prime_length` each) and d
// (`modulus_length`). Null pointers skip a part. bad_data if a part does not fit.
struct RsaParts {
    uint8_t *modulus;
    uint8_t *p;
    uint8_t *q;
    uint8_t *dp;
    uint8_t *dq;
    uint8_t *qinv;
    uint8_t *d;
};
CryptoStatus rsa_export(const RsaKey &key, size_t modulus_length, size_t prime_length, const RsaParts &parts,
                        uint32_t *exponent);

// PKCS#1 v1.5 signatures (EMSA-PKCS1-v1_5, RFC 8017 §9.2) of T = prefix ‖ hash: the caller
// gives the DigestInfo header of the hash's algorithm as `prefix`, or none (prefix_length 0:
// CRYPT_NOHASHOID, or an algorithm without an OID such as CALG_SSL3_SHAMD5); the backend pads.
// rsa_sign_pkcs1 writes k bytes (big-endian); bad_data when T is longer than k - 11 bytes or
// the key has no private part. rsa_verify_pkcs1 is ok when the k-byte `signature` signs
// prefix ‖ hash or, with `or_bare_hash`, the hash alone (Windows' verification accepts both
// encodings); bad_data when it signs neither or is not below n.
CryptoStatus rsa_sign_pkcs1(RsaKey &key, const uint8_t *prefix, size_t prefix_length, const uint8_t *hash,
                            size_t hash_length, uint8_t *signature);
CryptoStatus rsa_verify_pkcs1(RsaKey &key, const uint8_t *signature, const uint8_t *prefix, size_t prefix_length,
                              const uint8_t *hash, size_t hash_length, bool or_bare_hash);

// PKCS#1 v1.5 type 2 (EME-PKCS1-v1_5) and OAEP (SHA-1, MGF1-SHA-1, empty label): encrypt
// `length` bytes into k output bytes; decrypt k input bytes into at most `capacity` bytes and
// set *length. Decryption failures of every kind give bad_data, in constant time.
CryptoStatus rsa_encrypt_pkcs1(RsaKey &key, bool oaep, const uint8_t *message, size_t length, uint8_t *output);
CryptoStatus rsa_decrypt_pkcs1(RsaKey &key, bool oaep, const uint8_t *input, uint8_t *message, size_t capacity,
                               size_t *length);

// An independent copy (rsa_copy) and the release of the key's arena memory (rsa_free, which
// leaves the key zeroed). Both take the arena lock.
CryptoStatus rsa_copy(RsaKey &destination, const RsaKey &source);
void rsa_free(RsaKey &key);

#endif  // TINYCAPI_ENABLE_RSA

}  // namespace tinycapi::crypto
