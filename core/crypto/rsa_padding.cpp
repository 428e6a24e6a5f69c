// RSA paddings of RFC 8017 (crypto/rsa_padding.hpp): EMSA-PKCS1-v1_5, EME-PKCS1-v1_5 and
// EME-OAEP with SHA-1. The decoders see the output of a private-key operation, so an attacker
// who can time them, or watch the cache, must learn nothing about it but the result
// (Bleichenbacher 1998, Manger 2001): they read every byte whatever its value, keep validity and
// lengths in masks instead of branches, and move the message into place with shifts whose
// order is fixed by k alone.
#include "crypto/rsa_padding.hpp"

#if TINYCAPI_ENABLE_RSA

#include <limits.h>
#include <string.h>

#include "crypto/mbedtls_build.hpp"  // first of every file that includes Mbed TLS

#include <mbedtls/platform_util.h>

#include "crypto/hash.hpp"

namespace tinycapi::crypto::rsa_padding {
namespace {

// ---- Masks -----------------------------------------------------------------------------------
// A mask is a size_t that is all ones (true) or zero (false). Secret conditions are masks and
// combine with & | ~, never with && || or if.

constexpr unsigned kTopBit = sizeof(size_t) * CHAR_BIT - 1;

// `value`, hidden from the optimiser so that it cannot prove the value is 0 or 1 and turn the
// mask arithmetic built on it back into a branch (gcc and clang both do, at -O2 and -Os).
inline size_t opaque(size_t value) {
#if defined(__GNUC__)
    __asm__("" : "+r"(value));
#endif
    return value;
}

// All ones when `value` != 0: then value | -value has its top bit set.
inline size_t mask_nonzero(size_t value) {
    return size_t{0} - opaque((value | (size_t{0} - value)) >> kTopBit);
}

inline size_t mask_zero(size_t value) { return ~mask_nonzero(value); }

// All ones when a < b: the borrow out of a - b (Hacker's Delight, 2-13).
inline size_t mask_less(size_t a, size_t b) {
    return size_t{0} - opaque(((~a & b) | (~(a ^ b) & (a - b))) >> kTopBit);
}

inline size_t select(size_t mask, size_t if_true, size_t if_false) { return (if_true & mask) | (if_false & ~mask); }

inline uint8_t select_byte(size_t mask, uint8_t if_true, uint8_t if_false) {
    return static_cast<uint8_t>(select(mask, if_true, if_false));
}

// ---- Decoding --------------------------------------------------------------------------------

// Moves work[offset, k) to work[0, k - offset) and zeroes the rest, for a secret offset <= k:
// one conditional shift per bit of offset, every byte selected each time (k·log2 k steps
// where a copy from a secret position would take one memcpy whose length leaks).
void shift_left(uint8_t *work, size_t k, size_t offset) {
    for (size_t step = 1; step <= k; step <<= 1) {
        const size_t take = mask_nonzero(offset & step);
        for (size_t i = 0; i < k; ++i) {
            const uint8_t moved = i + step < k ? work[i + step] : 0;  // i and step are public
            work[i] = select_byte(take, moved, work[i]);
        }
    }
}

// The end both decoders share. `work` holds the decoded EM, the message starting at the secret
// index `start` (<= k); `good` says whether the padding was valid. Checks the length against
// `capacity`, then writes message[i] = work[start + i] for i < the message length if, and only
// if, everything was valid: every byte of message[0, bound) is read and stored back through a
// mask, so it keeps its value on failure and the memory touched does not depend on `em`.
// Wipes `work`.
CryptoStatus finish_decode(uint8_t *work, size_t k, size_t start, size_t good, size_t overhead, uint8_t *message,
                           size_t capacity, size_t *length) {
    const size_t message_length = k - start;
    good &= ~mask_less(capacity, message_length);
    shift_left(work, k, start);
    const size_t bound = capacity < k - overhead ? capacity : k - overhead;  // public: no message is longer
    for (size_t i = 0; i < bound; ++i) {
        message[i] = select_byte(good & mask_less(i, message_length), work[i], message[i]);
    }
    mbedtls_platform_zeroize(work, k);
    // The one branch on validity is the result itself, which the caller is told anyway.
    if (good == 0) return CryptoStatus::bad_data;
    *length = message_length;
    return CryptoStatus::ok;
}

// ---- OAEP ------------------------------------------------------------------------------------

// lHash = SHA-1 of the empty label (FIPS 180-4; RFC 3174's SHA1("")); CryptoAPI passes no label.
constexpr uint8_t kEmptyLabelHash[oaep_hash_length] = {0xda, 0x39, 0xa3, 0xee, 0x5e, 0x6b, 0x4b,
                                                       0x0d, 0x32, 0x55, 0xbf, 0xef, 0x95, 0x60,
                                                       0x18, 0x90, 0xaf, 0xd8, 0x07, 0x09};

// target ^= MGF1-SHA-1(source, target_length) (RFC 8017 §B.2.1): the digests of source ‖ C for
// the 32-bit big-endian counters C = 0, 1, ... The work depends on the lengths alone.
CryptoStatus mask_with_mgf1(const uint8_t *source, size_t source_length, uint8_t *target, size_t target_length) {
    HashState state{};  // zero: start() of the psa backend aborts whatever operation it finds
    uint8_t digest[oaep_hash_length];
    CryptoStatus status = CryptoStatus::ok;
    uint32_t counter = 0;
    for (size_t done = 0; done < target_length && status == CryptoStatus::ok; done += oaep_hash_length) {
        const uint8_t counter_bytes[4] = {static_cast<uint8_t>(counter >> 24), static_cast<uint8_t>(counter >> 16),
                                          static_cast<uint8_t>(counter >> 8), static_cast<uint8_t>(counter)};
        ++counter;
        status = start(state, HashAlgorithm::sha1);
        if (status == CryptoStatus::ok) status = update(state, source, source_length);
        if (status == CryptoStatus::ok) status = update(state, counter_bytes, sizeof counter_bytes);
        if (status == CryptoStatus::ok) status = finish(state, digest);
        if (status != CryptoStatus::ok) break;
        const size_t count = target_length - done < oaep_hash_length ? target_length - done : oaep_hash_length;
        for (size_t i = 0; i < count; ++i) target[done + i] ^= digest[i];
    }
    wipe(state);
    mbedtls_platform_zeroize(digest, sizeof digest);
    return status == CryptoStatus::ok ? CryptoStatus::ok : CryptoStatus::failure;
}

// A byte of a broken source (all zeros, say) is drawn this many times before encoding gives up;
// a working one fails this once in 256^64 draws.
constexpr unsigned kMaxRedraws = 64;

}  // namespace

bool encode_signature(uint8_t *em, size_t k, const uint8_t *prefix, size_t prefix_length, const uint8_t *hash,
                      size_t hash_length) {
    constexpr size_t kMinPadding = 8;
    if (k > max_modulus_bytes || k < 3 + kMinPadding + prefix_length + hash_length) return false;
    const size_t padding = k - 3 - prefix_length - hash_length;
    em[0] = 0x00;
    em[1] = 0x01;
    memset(em + 2, 0xFF, padding);
    em[2 + padding] = 0x00;
    if (prefix_length != 0) memcpy(em + 3 + padding, prefix, prefix_length);
    memcpy(em + k - hash_length, hash, hash_length);
    return true;
}

CryptoStatus encode_encryption_pkcs1(uint8_t *em, size_t k, const uint8_t *message, size_t length,
                                     RandomFill random, void *random_context) {
    if (k > max_modulus_bytes || k < pkcs1_overhead || length > k - pkcs1_overhead) return CryptoStatus::bad_data;
    const size_t padding = k - 3 - length;
    uint8_t *const ps = em + 2;
    // PS must hold no zero (the decoder looks for the first one): draw it whole, then draw
    // each zero byte again. PS is random, not the message, so these branches leak nothing.
    bool drawn = random(random_context, ps, padding);
    for (size_t i = 0; drawn && i < padding; ++i) {
        for (unsigned redraws = 0; drawn && ps[i] == 0; ++redraws) {
            drawn = redraws < kMaxRedraws && random(random_context, &ps[i], 1);
        }
    }
    if (!drawn) {
        mbedtls_platform_zeroize(em, k);
        return CryptoStatus::entropy_failure;
    }
    em[0] = 0x00;
    em[1] = 0x02;
    em[2 + padding] = 0x00;
    if (length != 0) memcpy(em + 3 + padding, message, length);
    return CryptoStatus::ok;
}

CryptoStatus encode_encryption_oaep(uint8_t *em, size_t k, const uint8_t *message, size_t length,
                                    RandomFill random, void *random_context) {
    if (k > max_modulus_bytes || k < oaep_overhead || length > k - oaep_overhead) return CryptoStatus::bad_data;
    // EM = 00 ‖ seed ‖ DB, DB = lHash ‖ PS(zeros) ‖ 01 ‖ M, built in place and masked in place.
    uint8_t *const seed = em + 1;
    uint8_t *const db = seed + oaep_hash_length;
    const size_t db_length = k - 1 - oaep_hash_length;
    if (!random(random_context, seed, oaep_hash_length)) {
        mbedtls_platform_zeroize(em, k);
        return CryptoStatus::entropy_failure;
    }
    em[0] = 0x00;
    memcpy(db, kEmptyLabelHash, oaep_hash_length);
    memset(db + oaep_hash_length, 0, db_length - oaep_hash_length - 1 - length);
    db[db_length - length - 1] = 0x01;
    if (length != 0) memcpy(db + db_length - length, message, length);
    if (mask_with_mgf1(seed, oaep_hash_length, db, db_length) != CryptoStatus::ok ||
        mask_with_mgf1(db, db_length, seed, oaep_hash_length) != CryptoStatus::ok) {
        mbedtls_platform_zeroize(em, k);
        return CryptoStatus::failure;
    }
    return CryptoStatus::ok;
}

CryptoStatus decode_encryption_pkcs1(const uint8_t *em, size_t k, uint8_t *message, size_t capacity,
                                     size_t *length) {
    if (k > max_modulus_bytes || k < pkcs1_overhead) return CryptoStatus::bad_data;  // k is public
    uint8_t work[max_modulus_bytes];
    memcpy(work, em, k);
    size_t good = mask_zero(work[0]) & mask_zero(work[1] ^ 0x02U);
    // The separator is the first zero after the block type; PS is what lies between.
    size_t found = 0;
    size_t separator = 0;
    for (size_t i = 2; i < k; ++i) {
        const size_t is_zero = mask_zero(work[i]);
        separator = select(is_zero & ~found, i, separator);
        found |= is_zero;
    }
    good &= found;
    good &= ~mask_less(separator, 2 + 8);  // at least eight bytes of PS (RFC 8017 §7.2.2 step 3)
    return finish_decode(work, k, separator + 1, good, pkcs1_overhead, message, capacity, length);
}

CryptoStatus decode_encryption_oaep(const uint8_t *em, size_t k, uint8_t *message, size_t capacity,
                                    size_t *length) {
    if (k > max_modulus_bytes || k < oaep_overhead) return CryptoStatus::bad_data;  // k is public
    uint8_t work[max_modulus_bytes];
    memcpy(work, em, k);
    uint8_t *const seed = work + 1;
    uint8_t *const db = seed + oaep_hash_length;
    const size_t db_length = k - 1 - oaep_hash_length;
    // seed = maskedSeed ^ MGF(maskedDB), then DB = maskedDB ^ MGF(seed).
    if (mask_with_mgf1(db, db_length, seed, oaep_hash_length) != CryptoStatus::ok ||
        mask_with_mgf1(seed, oaep_hash_length, db, db_length) != CryptoStatus::ok) {
        mbedtls_platform_zeroize(work, k);
        return CryptoStatus::failure;
    }
    size_t good = mask_zero(work[0]);
    size_t difference = 0;
    for (size_t i = 0; i < oaep_hash_length; ++i) difference |= db[i] ^ kEmptyLabelHash[i];
    good &= mask_zero(difference);
    // After lHash: zeros, then 01 as the first non-zero byte, then M.
    size_t found = 0;
    size_t one = 0;
    for (size_t i = oaep_hash_length; i < db_length; ++i) {
        const size_t is_first = mask_nonzero(db[i]) & ~found;
        good &= ~(is_first & mask_nonzero(db[i] ^ 0x01U));
        one = select(is_first, i, one);
        found |= is_first;
    }
    good &= found;
    const size_t start = 1 + oaep_hash_length + one + 1;  // index in EM of M's first byte
    return finish_decode(work, k, start, good, oaep_overhead, message, capacity, length);
}

}  // namespace tinycapi::crypto::rsa_padding

#endif  // TINYCAPI_ENABLE_RSA
