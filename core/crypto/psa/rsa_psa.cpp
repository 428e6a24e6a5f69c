// The RSA operations of the psa backend (crypto/rsa.hpp): signing, verification, encryption
// and decryption are psa_* calls on a volatile PSA key imported for that one operation and
// destroyed at its end. The key's numbers are tinycapi's own (psa/rsa_keys_psa.cpp), made and
// checked on its own arithmetic, so this backend calls nothing of Mbed TLS but the PSA API.
//
// Why a PSA key per operation rather than one per RsaKey (docs/ARCHITECTURE.md, "Crypto
// backends"): CryptoAPI needs the numbers anyway (PRIVATEKEYBLOB export, the container record
// that seals every pair, Windows' totient d that PSA cannot keep apart from its own), so a
// long-lived PSA key would be a second copy of every key in the arena and one more slot of
// MBEDTLS_PSA_KEY_SLOT_COUNT per key object and cached pair. Mbed TLS 3.6's PSA core parses
// the DER of a key at every operation anyway, so the import adds one parse and one copy.
//
// The keys PSA refuses and Windows accepts (a modulus that is even, not a whole number of
// bytes or below 128 bits; e = 1) run on tinycapi's own arithmetic instead
// (psa_backend::own_rsa): the "exponent of one" pair Windows code uses to move session keys
// in the clear is one of them.
//
// Each operation runs in one PsaSession (the arena lock; a seeded DRBG for the operations that
// draw randomness). PSA writes its results into local buffers, copied out on success only, so
// a failed operation writes nothing (PSA fills the output of a failed signature with '!').
#include "crypto/psa/rsa_keys.hpp"

#if TINYCAPI_ENABLE_RSA

#include <string.h>

#include <mbedtls/platform_util.h>
#include <psa/crypto.h>

#include "crypto/arena.hpp"
#include "crypto/bignum.hpp"
#include "crypto/psa/psa_session.hpp"
#include "crypto/rsa_arguments.hpp"

namespace tinycapi::crypto {
namespace {

using psa_backend::PsaSession;
using psa_backend::Randomness;
namespace own_rsa = psa_backend::own_rsa;

constexpr size_t kMaxModulusBytes = rsa_arguments::max_modulus_bytes;

// Notices an allocation the arena refused during one operation: Mbed TLS's PSA core folds
// some of them into other codes (mbedtls_rsa_parse_pubkey reports every failure as bad input).
class AllocationWatch {
public:
    AllocationWatch() : failures_(arena_stats().failures) {}
    CryptoStatus status_of(psa_status_t status) const {
        if (status != PSA_SUCCESS && arena_stats().failures != failures_) return CryptoStatus::no_memory;
        return psa_backend::status_of(status);
    }

private:
    size_t failures_;
};

// Whether Mbed TLS 3.6's PSA core imports the key (psa_crypto_rsa.c's
// mbedtls_psa_rsa_load_representation and rsa.c's mbedtls_rsa_check_pubkey): n odd, a whole
// number of bytes, 128 to PSA_VENDOR_RSA_MAX_KEY_BITS bits; e odd, 3 ≤ e < n. The numbers are
// fixed from import to free and the caller holds the key's pin, so no lock is needed to read
// them.
bool psa_takes(const RsaKey &key) {
    const psa_backend::RsaNumbers numbers = psa_backend::rsa_numbers(key);
    const size_t bits = bignum::bit_length(numbers.n, numbers.modulus_limbs);
    const uint32_t e = key.state.exponent;
    // e < n: n has at least 128 bits here, e at most 32.
    return bits >= 128 && bits % 8 == 0 && bits <= PSA_VENDOR_RSA_MAX_KEY_BITS && bignum::is_odd(numbers.n) &&
           e % 2 == 1 && e >= 3;
}

// DER (X.690) of a non-negative INTEGER: its big-endian bytes without leading zeros, one zero
// byte first when the top bit is set (or for 0). Lengths below 2^16.
size_t der_length_bytes(size_t length) { return length < 0x80 ? 1 : length < 0x100 ? 2 : 3; }

size_t der_integer_content(const bignum::Limb *number, size_t limbs) {
    const size_t bits = bignum::bit_length(number, limbs);
    return bits / 8 + 1;  // a top bit on a byte boundary needs the extra zero byte; 0 is one byte
}

uint8_t *write_der_header(uint8_t *position, uint8_t tag, size_t length) {
    *position++ = tag;
    if (length >= 0x100) {
        *position++ = 0x82;
        *position++ = static_cast<uint8_t>(length >> 8);
    } else if (length >= 0x80) {
        *position++ = 0x81;
    }
    *position++ = static_cast<uint8_t>(length);
    return position;
}

// A key's PKCS#1 DER as psa_import_key takes it (RFC 8017 A.1): RSAPublicKey { n, e } or
// RSAPrivateKey { 0, n, e, d, p, q, dP, dQ, qInv }, written into the arena and wiped as the
// arena takes it back.
class KeyDer {
public:
    KeyDer() = default;
    KeyDer(const KeyDer &) = delete;
    KeyDer &operator=(const KeyDer &) = delete;
    ~KeyDer() {
        if (buffer_ != nullptr) tinycapi_arena_free(buffer_);
    }

    psa_status_t write(const RsaKey &key, bool pair) {
        const psa_backend::RsaNumbers numbers = psa_backend::rsa_numbers(key);
        const bignum::Limb version[1] = {0};
        const bignum::Limb exponent[1] = {key.state.exponent};
        struct Integer {
            const bignum::Limb *number;
            size_t limbs;
        };
        const Integer all[] = {{version, 1},
                               {numbers.n, numbers.modulus_limbs},
                               {exponent, 1},
                               {numbers.d, numbers.modulus_limbs},
                               {numbers.p, numbers.prime_limbs},
                               {numbers.q, numbers.prime_limbs},
                               {numbers.dp, numbers.prime_limbs},
                               {numbers.dq, numbers.prime_limbs},
                               {numbers.qinv, numbers.prime_limbs}};
        const size_t first = pair ? 0 : 1;
        const size_t last = pair ? sizeof all / sizeof all[0] : 3;
        size_t content = 0;
        for (size_t i = first; i < last; ++i) {
            const size_t length = der_integer_content(all[i].number, all[i].limbs);
            content += 1 + der_length_bytes(length) + length;
        }
        length_ = 1 + der_length_bytes(content) + content;
        buffer_ = static_cast<uint8_t *>(tinycapi_arena_calloc(1, length_));
        if (buffer_ == nullptr) return PSA_ERROR_INSUFFICIENT_MEMORY;
        uint8_t *position = write_der_header(buffer_, 0x30, content);  // SEQUENCE
        for (size_t i = first; i < last; ++i) {
            const size_t length = der_integer_content(all[i].number, all[i].limbs);
            position = write_der_header(position, 0x02, length);  // INTEGER
            bignum::write_big_endian(all[i].number, all[i].limbs, position, length);
            position += length;
        }
        return PSA_SUCCESS;
    }

    const uint8_t *data() const { return buffer_; }
    size_t length() const { return length_; }

private:
    uint8_t *buffer_ = nullptr;
    size_t length_ = 0;
};

// One volatile PSA key for one operation, destroyed when it goes out of scope. Its usage is
// the operation's alone: never PSA_KEY_USAGE_EXPORT or COPY.
class TransientKey {
public:
    TransientKey() = default;
    TransientKey(const TransientKey &) = delete;
    TransientKey &operator=(const TransientKey &) = delete;
    ~TransientKey() {
        if (id_ != PSA_KEY_ID_NULL) psa_destroy_key(id_);
    }

    psa_status_t import(const RsaKey &key, bool pair, psa_key_usage_t usage, psa_algorithm_t algorithm) {
        KeyDer der;
        psa_status_t status = der.write(key, pair);
        if (status != PSA_SUCCESS) return status;
        psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
        psa_set_key_type(&attributes, pair ? PSA_KEY_TYPE_RSA_KEY_PAIR : PSA_KEY_TYPE_RSA_PUBLIC_KEY);
        psa_set_key_usage_flags(&attributes, usage);
        psa_set_key_algorithm(&attributes, algorithm);
        status = psa_import_key(&attributes, der.data(), der.length(), &id_);
        psa_reset_key_attributes(&attributes);
        return status;
    }

    psa_key_id_t id() const { return id_; }

private:
    psa_key_id_t id_ = PSA_KEY_ID_NULL;
};

psa_algorithm_t encryption_algorithm(bool oaep) {
    // CryptoAPI's OAEP: SHA-1, MGF1-SHA-1, empty label (reference §7.3).
    return oaep ? PSA_ALG_RSA_OAEP(PSA_ALG_SHA_1) : PSA_ALG_RSA_PKCS1V15_CRYPT;
}

}  // namespace

CryptoStatus rsa_sign_pkcs1(RsaKey &key, const uint8_t *prefix, size_t prefix_length, const uint8_t *hash,
                            size_t hash_length, uint8_t *signature) {
    if ((prefix == nullptr && prefix_length != 0) || hash == nullptr || signature == nullptr) {
        return CryptoStatus::bad_data;
    }
    if (!key.initialised || !key.has_private) return CryptoStatus::bad_data;
    if (!psa_takes(key)) return own_rsa::sign_pkcs1(key, prefix, prefix_length, hash, hash_length, signature);
    // T = prefix ‖ hash, which PSA_ALG_RSA_PKCS1V15_SIGN_RAW pads as EMSA-PKCS1-v1_5; the
    // encoder's limit (at least eight bytes of padding) checked first, for the same answer.
    const size_t k = rsa_modulus_bytes(key);
    if (k > kMaxModulusBytes || k < 11 + prefix_length + hash_length) return CryptoStatus::bad_data;
    uint8_t t[kMaxModulusBytes], result[kMaxModulusBytes];
    if (prefix_length != 0) memcpy(t, prefix, prefix_length);
    memcpy(t + prefix_length, hash, hash_length);

    CryptoStatus status;
    {
        PsaSession session(Randomness::seeded);  // blinding
        status = session.status();
        if (status == CryptoStatus::ok) {
            const AllocationWatch watch;
            TransientKey transient;
            psa_status_t psa = transient.import(key, true, PSA_KEY_USAGE_SIGN_HASH, PSA_ALG_RSA_PKCS1V15_SIGN_RAW);
            size_t written = 0;
            if (psa == PSA_SUCCESS) {
                psa = psa_sign_hash(transient.id(), PSA_ALG_RSA_PKCS1V15_SIGN_RAW, t, prefix_length + hash_length,
                                    result, k, &written);
            }
            if (psa == PSA_SUCCESS && written != k) psa = PSA_ERROR_CORRUPTION_DETECTED;
            status = watch.status_of(psa);
        }
    }
    if (status == CryptoStatus::ok) memcpy(signature, result, k);
    mbedtls_platform_zeroize(t, sizeof t);
    return status;
}

CryptoStatus rsa_verify_pkcs1(RsaKey &key, const uint8_t *signature, const uint8_t *prefix, size_t prefix_length,
                              const uint8_t *hash, size_t hash_length, bool or_bare_hash) {
    if (signature == nullptr || (prefix == nullptr && prefix_length != 0) || hash == nullptr) {
        return CryptoStatus::bad_data;
    }
    if (!key.initialised) return CryptoStatus::bad_data;
    if (!psa_takes(key)) {
        return own_rsa::verify_pkcs1(key, signature, prefix, prefix_length, hash, hash_length, or_bare_hash);
    }
    const size_t k = rsa_modulus_bytes(key);
    uint8_t t[kMaxModulusBytes];
    const bool t_fits = prefix_length != 0 && prefix_length + hash_length <= sizeof t;
    if (t_fits) {
        memcpy(t, prefix, prefix_length);
        memcpy(t + prefix_length, hash, hash_length);
    }

    PsaSession session;  // verification draws no randomness
    if (session.status() != CryptoStatus::ok) return session.status();
    const AllocationWatch watch;
    TransientKey transient;
    psa_status_t psa = transient.import(key, false, PSA_KEY_USAGE_VERIFY_HASH, PSA_ALG_RSA_PKCS1V15_SIGN_RAW);
    if (psa != PSA_SUCCESS) return watch.status_of(psa);
    // A signature of prefix ‖ hash or, as Windows' verification also accepts, of the hash
    // alone: a second public operation only when the first encoding does not match.
    psa = PSA_ERROR_INVALID_SIGNATURE;
    if (t_fits) psa = psa_verify_hash(transient.id(), PSA_ALG_RSA_PKCS1V15_SIGN_RAW, t, prefix_length + hash_length,
                                      signature, k);
    if (psa != PSA_SUCCESS && watch.status_of(psa) != CryptoStatus::no_memory &&
        (or_bare_hash || prefix_length == 0)) {
        psa = psa_verify_hash(transient.id(), PSA_ALG_RSA_PKCS1V15_SIGN_RAW, hash, hash_length, signature, k);
    }
    return watch.status_of(psa);
}

CryptoStatus rsa_encrypt_pkcs1(RsaKey &key, bool oaep, const uint8_t *message, size_t length, uint8_t *output) {
    if ((message == nullptr && length != 0) || output == nullptr) return CryptoStatus::bad_data;
    if (!key.initialised) return CryptoStatus::bad_data;
    if (!psa_takes(key)) return own_rsa::encrypt_pkcs1(key, oaep, message, length, output);
    const size_t k = rsa_modulus_bytes(key);
    uint8_t result[kMaxModulusBytes];
    CryptoStatus status;
    {
        PsaSession session(Randomness::seeded);  // the padding's random bytes
        status = session.status();
        if (status == CryptoStatus::ok) {
            const AllocationWatch watch;
            TransientKey transient;
            const psa_algorithm_t algorithm = encryption_algorithm(oaep);
            psa_status_t psa = transient.import(key, false, PSA_KEY_USAGE_ENCRYPT, algorithm);
            size_t written = 0;
            if (psa == PSA_SUCCESS) {
                psa = psa_asymmetric_encrypt(transient.id(), algorithm, message, length, nullptr, 0, result, k,
                                             &written);
            }
            if (psa == PSA_SUCCESS && written != k) psa = PSA_ERROR_CORRUPTION_DETECTED;
            status = watch.status_of(psa);
        }
    }
    if (status == CryptoStatus::ok) memcpy(output, result, k);
    return status;
}

CryptoStatus rsa_decrypt_pkcs1(RsaKey &key, bool oaep, const uint8_t *input, uint8_t *message, size_t capacity,
                               size_t *length) {
    if (input == nullptr || (message == nullptr && capacity != 0) || length == nullptr) return CryptoStatus::bad_data;
    if (!key.initialised || !key.has_private) return CryptoStatus::bad_data;
    if (!psa_takes(key)) return own_rsa::decrypt_pkcs1(key, oaep, input, message, capacity, length);
    const size_t k = rsa_modulus_bytes(key);
    uint8_t result[kMaxModulusBytes];
    size_t decrypted = 0;
    CryptoStatus status;
    {
        PsaSession session(Randomness::seeded);  // blinding
        status = session.status();
        if (status == CryptoStatus::ok) {
            const AllocationWatch watch;
            TransientKey transient;
            const psa_algorithm_t algorithm = encryption_algorithm(oaep);
            psa_status_t psa = transient.import(key, true, PSA_KEY_USAGE_DECRYPT, algorithm);
            if (psa == PSA_SUCCESS) {
                psa = psa_asymmetric_decrypt(transient.id(), algorithm, input, k, nullptr, 0, result,
                                             capacity < k ? capacity : k, &decrypted);
            }
            // A message longer than `capacity` is bad_data, as every padding failure.
            if (psa == PSA_ERROR_BUFFER_TOO_SMALL) psa = PSA_ERROR_INVALID_PADDING;
            status = watch.status_of(psa);
        }
    }
    if (status == CryptoStatus::ok) {
        if (decrypted != 0) memcpy(message, result, decrypted);
        *length = decrypted;
    }
    mbedtls_platform_zeroize(result, sizeof result);
    return status;
}

}  // namespace tinycapi::crypto

#endif  // TINYCAPI_ENABLE_RSA
