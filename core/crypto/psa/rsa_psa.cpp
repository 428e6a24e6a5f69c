// The RSA operations of the psa backend (crypto/rsa.hpp): signing, verification, encryption
// and decryption are psa_* calls on a volatile PSA key imported for that one operation and
// destroyed at its end. The key's numbers stay with the RSA engine (crypto/rsa_engine.hpp),
// which generates, imports, exports, copies and frees them on both backends.
//
// Why a PSA key per operation rather than one per RsaKey (docs/ARCHITECTURE.md, "Crypto
// backends"): CryptoAPI needs the numbers anyway (PRIVATEKEYBLOB export, the container record
// that seals every pair, Windows' totient d that PSA cannot keep apart from its own), so a
// long-lived PSA key would be a second copy of every key in the arena and one more slot of
// MBEDTLS_PSA_KEY_SLOT_COUNT per key object and cached pair. Mbed TLS 3.6's PSA core parses
// the DER of a key at every operation anyway, so the import adds one parse and one copy.
//
// The keys PSA refuses and Windows accepts (a modulus that is even, not a whole number of
// bytes or below 128 bits; e = 1, an even e, e ≥ n) go to the engine's own operations, as on
// the mbedtls3 backend: the "exponent of one" pair Windows code uses to move session keys in
// the clear is one of them.
//
// Each operation runs in one PsaSession (the arena lock; a seeded DRBG for the operations that
// draw randomness). PSA writes its results into local buffers, copied out on success only, so
// a failed operation writes nothing (PSA fills the output of a failed signature with '!').
#include "crypto/rsa_engine.hpp"

#if TINYCAPI_ENABLE_RSA

#include <string.h>

#include <mbedtls/asn1write.h>
#include <mbedtls/bignum.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/rsa.h>
#include <psa/crypto.h>

#include "crypto/arena.hpp"
#include "crypto/psa/psa_session.hpp"

namespace tinycapi::crypto {
namespace {

using psa_backend::PsaSession;
using psa_backend::Randomness;

constexpr size_t kMaxModulusBytes = (TINYCAPI_RSA_MAX_BITS + 7) / 8;

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
    const mbedtls_rsa_context &context = key.state.context;
    const mbedtls_mpi &n = context.MBEDTLS_PRIVATE(N);
    const mbedtls_mpi &e = context.MBEDTLS_PRIVATE(E);
    const size_t bits = mbedtls_mpi_bitlen(&n);
    return bits >= 128 && bits % 8 == 0 && bits <= PSA_VENDOR_RSA_MAX_KEY_BITS && mbedtls_mpi_get_bit(&n, 0) == 1 &&
           mbedtls_mpi_get_bit(&e, 0) == 1 && mbedtls_mpi_bitlen(&e) >= 2 && mbedtls_mpi_cmp_mpi(&e, &n) < 0;
}

// A key's PKCS#1 DER as psa_import_key takes it (RFC 8017 A.1): RSAPublicKey { n, e } or
// RSAPrivateKey { 0, n, e, d, p, q, dP, dQ, qInv }, written into the arena (Mbed TLS's
// mbedtls_rsa_write_key is private to its library) and wiped as the arena takes it back.
class KeyDer {
public:
    KeyDer() = default;
    KeyDer(const KeyDer &) = delete;
    KeyDer &operator=(const KeyDer &) = delete;
    ~KeyDer() {
        if (buffer_ != nullptr) tinycapi_arena_free(buffer_);
    }

    psa_status_t write(const mbedtls_rsa_context &context, bool pair) {
        const mbedtls_mpi *const pair_numbers[] = {
            &context.MBEDTLS_PRIVATE(QP), &context.MBEDTLS_PRIVATE(DQ), &context.MBEDTLS_PRIVATE(DP),
            &context.MBEDTLS_PRIVATE(Q),  &context.MBEDTLS_PRIVATE(P),  &context.MBEDTLS_PRIVATE(D),
            &context.MBEDTLS_PRIVATE(E),  &context.MBEDTLS_PRIVATE(N)};
        // Written backwards, as Mbed TLS's ASN.1 writer does: the public key is the last two.
        const size_t first = pair ? 0 : 6;
        constexpr size_t kCount = sizeof pair_numbers / sizeof pair_numbers[0];
        size_t capacity = 4 + 3;  // the SEQUENCE's tag and length, the version
        for (size_t i = first; i < kCount; ++i) capacity += 5 + mbedtls_mpi_size(pair_numbers[i]);
        buffer_ = static_cast<uint8_t *>(tinycapi_arena_calloc(1, capacity));
        if (buffer_ == nullptr) return PSA_ERROR_INSUFFICIENT_MEMORY;

        unsigned char *position = buffer_ + capacity;
        size_t length = 0;
        int written = 0;
        for (size_t i = first; i < kCount && written >= 0; ++i) {
            written = mbedtls_asn1_write_mpi(&position, buffer_, pair_numbers[i]);
            if (written >= 0) length += static_cast<size_t>(written);
        }
        if (pair && written >= 0) {
            written = mbedtls_asn1_write_int(&position, buffer_, 0);
            if (written >= 0) length += static_cast<size_t>(written);
        }
        if (written >= 0) {
            written = mbedtls_asn1_write_len(&position, buffer_, length);
            if (written >= 0) length += static_cast<size_t>(written);
        }
        if (written >= 0) {
            written = mbedtls_asn1_write_tag(&position, buffer_, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE);
            if (written >= 0) length += static_cast<size_t>(written);
        }
        if (written < 0) return PSA_ERROR_CORRUPTION_DETECTED;  // unreachable: the capacity is an upper bound
        der_ = position;
        length_ = length;
        return PSA_SUCCESS;
    }

    const uint8_t *data() const { return der_; }
    size_t length() const { return length_; }

private:
    uint8_t *buffer_ = nullptr;
    const uint8_t *der_ = nullptr;
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
        psa_status_t status = der.write(key.state.context, pair);
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
    if (!psa_takes(key)) return rsa_engine::sign_pkcs1(key, prefix, prefix_length, hash, hash_length, signature);
    // T = prefix ‖ hash, which PSA_ALG_RSA_PKCS1V15_SIGN_RAW pads as EMSA-PKCS1-v1_5; the
    // engine's limit (at least eight bytes of padding) checked first, for the same answer.
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
        return rsa_engine::verify_pkcs1(key, signature, prefix, prefix_length, hash, hash_length, or_bare_hash);
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
    if (!psa_takes(key)) return rsa_engine::encrypt_pkcs1(key, oaep, message, length, output);
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
    if (!psa_takes(key)) return rsa_engine::decrypt_pkcs1(key, oaep, input, message, capacity, length);
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
