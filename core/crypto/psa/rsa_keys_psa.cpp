// RSA keys on the psa backend (crypto/rsa.hpp, psa/rsa_keys.hpp): generation, import,
// export, copy and free of a key's numbers, made and checked on tinycapi's own arithmetic
// (crypto/rsa_key_math.hpp), so that the backend needs only the PSA Crypto API; and the four
// operations for the keys PSA refuses.
//
// The rules of the mbedtls3 backend hold here too:
//  - Every call holds TINYCAPI_LOCK_ARENA for its whole run (the numbers and the scratch of
//    the arithmetic live in the arena) and takes no other lock under it: randomness comes from
//    a PsaSession, which draws its seed before it locks.
//  - A failed call leaves the key as it was: a new key is built in a fresh arena block and
//    replaces the old one only once it is complete.
//  - The arena wipes every block it takes back, scratch included.
#include "crypto/psa/rsa_keys.hpp"

#if TINYCAPI_ENABLE_RSA

#include <string.h>

#include <mbedtls/platform_util.h>
#include <psa/crypto.h>

#include "crypto/arena.hpp"
#include "crypto/psa/psa_session.hpp"
#include "crypto/rsa_arguments.hpp"
#include "crypto/rsa_key_math.hpp"
#include "crypto/rsa_padding.hpp"
#include "platform/port_lock.hpp"
#include "platform/stack_scrub.hpp"

namespace tinycapi::crypto {
namespace {

using bignum::Limb;
using psa_backend::PsaSession;
using psa_backend::Randomness;

constexpr size_t kMaxModulusBytes = rsa_arguments::max_modulus_bytes;

// The arena lock for one call that needs no randomness; its end zeroes the dead stack below
// it, where the arithmetic leaves limbs of the private numbers (platform/stack_scrub.hpp).
class ArenaSession {
public:
    ArenaSession() : lock_(TINYCAPI_LOCK_ARENA) {}
    ~ArenaSession() { platform::scrub_stack<TINYCAPI_STACK_SCRUB_BYTES>(); }
    ArenaSession(const ArenaSession &) = delete;
    ArenaSession &operator=(const ArenaSession &) = delete;

private:
    platform::LockGuard lock_;
};

// Limbs from the arena, given back (and wiped by it) at the end of the scope unless kept.
class ArenaLimbs {
public:
    explicit ArenaLimbs(size_t count) : limbs_(static_cast<Limb *>(tinycapi_arena_calloc(count, sizeof(Limb)))) {}
    ~ArenaLimbs() {
        if (limbs_ != nullptr) tinycapi_arena_free(limbs_);
    }
    ArenaLimbs(const ArenaLimbs &) = delete;
    ArenaLimbs &operator=(const ArenaLimbs &) = delete;

    Limb *get() const { return limbs_; }
    Limb *keep() {
        Limb *const kept = limbs_;
        limbs_ = nullptr;
        return kept;
    }

private:
    Limb *limbs_;
};

size_t pair_limbs(size_t modulus_limbs, size_t prime_limbs) { return 2 * modulus_limbs + 5 * prime_limbs; }

// The numbers of a pair laid out as RsaKeyState describes.
struct PairLayout {
    Limb *n, *d, *p, *q, *dp, *dq, *qinv;
};
PairLayout pair_layout(Limb *numbers, size_t modulus_limbs, size_t prime_limbs) {
    Limb *const p = numbers + 2 * modulus_limbs;
    return {numbers, numbers + modulus_limbs, p, p + prime_limbs, p + 2 * prime_limbs, p + 3 * prime_limbs,
            p + 4 * prime_limbs};
}

// Replaces the key's numbers with `numbers` (an arena block the key now owns).
void install(RsaKey &key, Limb *numbers, size_t modulus_bytes, size_t modulus_limbs, size_t prime_limbs,
             uint32_t exponent, bool has_private) {
    if (key.state.numbers != nullptr) tinycapi_arena_free(key.state.numbers);
    key.state.numbers = numbers;
    key.state.modulus_bytes = static_cast<uint16_t>(modulus_bytes);
    key.state.modulus_limbs = static_cast<uint16_t>(modulus_limbs);
    key.state.prime_limbs = static_cast<uint16_t>(prime_limbs);
    key.state.exponent = exponent;
    key.has_private = has_private;
    key.initialised = true;
}

// PSA's random bytes (the session's private DRBG) as the key arithmetic's source.
bool psa_random(void *, uint8_t *output, size_t length) { return psa_generate_random(output, length) == PSA_SUCCESS; }

// x^exponent mod n for the key's odd n, in place in the k-byte big-endian `block`; bad_data
// when the block is not below n or n is even (no exponentiation is defined for it here, as in
// Mbed TLS), no_memory when the arena has no room for the work.
CryptoStatus exponentiate(const RsaKey &key, uint8_t *block, const Limb *exponent, size_t exponent_limbs) {
    const size_t size = key.state.modulus_limbs;
    const Limb *n = key.state.numbers;
    if (!bignum::is_odd(n)) return CryptoStatus::bad_data;
    ArenaLimbs work(size + bignum::mod_exp_scratch_limbs(size));
    if (work.get() == nullptr) return CryptoStatus::no_memory;
    Limb *x = work.get();
    const size_t k = key.state.modulus_bytes;
    if (!bignum::read_big_endian(x, size, block, k) || bignum::compare(x, n, size) >= 0) {
        return CryptoStatus::bad_data;
    }
    bignum::mod_exp(x, x, exponent, exponent_limbs, n, size, x + size);
    bignum::write_big_endian(x, size, block, k);
    return CryptoStatus::ok;
}

CryptoStatus public_operation(const RsaKey &key, uint8_t *block) {
    const Limb exponent[1] = {key.state.exponent};
    return exponentiate(key, block, exponent, 1);
}

CryptoStatus private_operation(const RsaKey &key, uint8_t *block) {
    const Limb *d = key.state.numbers + key.state.modulus_limbs;
    return exponentiate(key, block, d, key.state.modulus_limbs);
}

}  // namespace

size_t rsa_modulus_bytes(const RsaKey &key) { return key.initialised ? key.state.modulus_bytes : 0; }

CryptoStatus rsa_generate(RsaKey &key, unsigned bits, uint32_t exponent) {
    if (!rsa_arguments::generation_valid(bits, exponent)) return CryptoStatus::bad_data;
    const size_t prime_limbs = bignum::limbs_for_bits(bits / 2);
    const size_t modulus_limbs = 2 * prime_limbs;

    PsaSession session(Randomness::seeded);
    if (session.status() != CryptoStatus::ok) return session.status();
    ArenaLimbs scratch(rsa_key_math::private_scratch_limbs(prime_limbs));
    ArenaLimbs numbers(pair_limbs(modulus_limbs, prime_limbs));
    if (scratch.get() == nullptr || numbers.get() == nullptr) return CryptoStatus::no_memory;
    const PairLayout layout = pair_layout(numbers.get(), modulus_limbs, prime_limbs);
    const CryptoStatus status = rsa_key_math::generate(bits, exponent, psa_random, nullptr, layout.p, layout.q,
                                                       {layout.n, layout.d, layout.dp, layout.dq, layout.qinv},
                                                       scratch.get());
    if (status != CryptoStatus::ok) return status;
    install(key, numbers.keep(), bits / 8, modulus_limbs, prime_limbs, exponent, true);
    key.private_exponent = PrivateExponent::totient;
    return CryptoStatus::ok;
}

CryptoStatus rsa_import_public(RsaKey &key, const uint8_t *modulus, size_t modulus_length, uint32_t exponent) {
    if (!rsa_arguments::public_import_valid(modulus, modulus_length, exponent)) return CryptoStatus::bad_data;
    const size_t modulus_limbs = bignum::limbs_for_bytes(modulus_length);

    ArenaSession session;
    ArenaLimbs numbers(modulus_limbs);
    if (numbers.get() == nullptr) return CryptoStatus::no_memory;
    bignum::read_big_endian(numbers.get(), modulus_limbs, modulus, modulus_length);
    install(key, numbers.keep(), modulus_length, modulus_limbs, 0, exponent, false);
    return CryptoStatus::ok;
}

CryptoStatus rsa_import_private(RsaKey &key, const uint8_t *modulus, size_t modulus_length, uint32_t exponent,
                                const uint8_t *p, const uint8_t *q, size_t prime_length, const uint8_t *d,
                                size_t d_length, PrivateExponent form) {
    rsa_arguments::PrivateImport given;
    if (!rsa_arguments::private_import_valid(modulus, modulus_length, exponent, p, q, prime_length, &given)) {
        return CryptoStatus::bad_data;
    }
    const size_t prime_bytes = given.p_length > given.q_length ? given.p_length : given.q_length;
    const size_t prime_limbs = bignum::limbs_for_bytes(prime_bytes);
    const size_t modulus_limbs = 2 * prime_limbs;

    ArenaSession session;
    ArenaLimbs scratch(rsa_key_math::private_scratch_limbs(prime_limbs));
    ArenaLimbs numbers(pair_limbs(modulus_limbs, prime_limbs));
    if (scratch.get() == nullptr || numbers.get() == nullptr) return CryptoStatus::no_memory;
    const PairLayout layout = pair_layout(numbers.get(), modulus_limbs, prime_limbs);
    bignum::read_big_endian(layout.p, prime_limbs, given.p, given.p_length);
    bignum::read_big_endian(layout.q, prime_limbs, given.q, given.q_length);
    // A given d that does not fit is neither valid exponent; zero stands for it (no d is 0).
    const Limb *given_d = nullptr;
    if (d != nullptr) {
        if (!bignum::read_big_endian(layout.d, modulus_limbs, d, d_length)) bignum::set_zero(layout.d, modulus_limbs);
        given_d = layout.d;
    }
    PrivateExponent chosen = form;
    CryptoStatus status = rsa_key_math::complete_private(layout.p, layout.q, prime_limbs, exponent, given_d, form,
                                                         {layout.n, layout.d, layout.dp, layout.dq, layout.qinv},
                                                         &chosen, scratch.get());
    if (status != CryptoStatus::ok) return status;
    if (given.modulus != nullptr) {
        // n = p·q (the scratch is free again: the arithmetic is done).
        Limb *given_n = scratch.get();
        if (!bignum::read_big_endian(given_n, modulus_limbs, given.modulus, given.modulus_length) ||
            bignum::compare(given_n, layout.n, modulus_limbs) != 0) {
            return CryptoStatus::bad_data;
        }
    } else if (bignum::byte_length(layout.n, modulus_limbs) != given.expected_length) {
        return CryptoStatus::bad_data;
    }
    install(key, numbers.keep(), bignum::byte_length(layout.n, modulus_limbs), modulus_limbs, prime_limbs, exponent,
            true);
    key.private_exponent = chosen;
    return CryptoStatus::ok;
}

CryptoStatus rsa_export(const RsaKey &key, size_t modulus_length, size_t prime_length, const RsaParts &parts,
                        uint32_t *exponent) {
    ArenaSession session;
    if (!key.initialised) return CryptoStatus::bad_data;
    const bool wants_private = parts.p != nullptr || parts.q != nullptr || parts.dp != nullptr ||
                               parts.dq != nullptr || parts.qinv != nullptr || parts.d != nullptr;
    if (wants_private && !key.has_private) return CryptoStatus::bad_data;

    const size_t modulus_limbs = key.state.modulus_limbs;
    const size_t prime_limbs = key.state.prime_limbs;
    // A public key has n alone; its private parts are never read (wants_private is false).
    Limb *const n = key.state.numbers;
    const PairLayout layout =
        key.has_private ? pair_layout(n, modulus_limbs, prime_limbs) : PairLayout{n, n, n, n, n, n, n};
    struct Part {
        const Limb *number;
        size_t limbs;
        uint8_t *output;
        size_t length;
    };
    const Part all[] = {
        {layout.n, modulus_limbs, parts.modulus, modulus_length}, {layout.p, prime_limbs, parts.p, prime_length},
        {layout.q, prime_limbs, parts.q, prime_length},           {layout.dp, prime_limbs, parts.dp, prime_length},
        {layout.dq, prime_limbs, parts.dq, prime_length},         {layout.qinv, prime_limbs, parts.qinv, prime_length},
        {layout.d, modulus_limbs, parts.d, modulus_length},
    };
    // Every part is checked before any is written: a failed export writes nothing.
    for (const Part &part : all) {
        if (part.output != nullptr && bignum::byte_length(part.number, part.limbs) > part.length) {
            return CryptoStatus::bad_data;
        }
    }
    for (const Part &part : all) {
        if (part.output != nullptr) bignum::write_big_endian(part.number, part.limbs, part.output, part.length);
    }
    if (exponent != nullptr) *exponent = key.state.exponent;
    return CryptoStatus::ok;
}

CryptoStatus rsa_copy(RsaKey &destination, const RsaKey &source) {
    if (&destination == &source) return CryptoStatus::ok;
    ArenaSession session;
    if (!source.initialised) return CryptoStatus::bad_data;
    const size_t count = source.has_private ? pair_limbs(source.state.modulus_limbs, source.state.prime_limbs)
                                            : source.state.modulus_limbs;
    ArenaLimbs numbers(count);
    if (numbers.get() == nullptr) return CryptoStatus::no_memory;
    bignum::copy(numbers.get(), source.state.numbers, count);
    install(destination, numbers.keep(), source.state.modulus_bytes, source.state.modulus_limbs,
            source.state.prime_limbs, source.state.exponent, source.has_private);
    destination.private_exponent = source.private_exponent;
    return CryptoStatus::ok;
}

void rsa_free(RsaKey &key) {
    ArenaSession session;
    if (key.state.numbers != nullptr) tinycapi_arena_free(key.state.numbers);  // the arena wipes it
    mbedtls_platform_zeroize(&key, sizeof key);
}

namespace psa_backend {

RsaNumbers rsa_numbers(const RsaKey &key) {
    const size_t modulus_limbs = key.state.modulus_limbs;
    const size_t prime_limbs = key.state.prime_limbs;
    if (!key.has_private) {
        return {key.state.numbers, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, modulus_limbs, 0};
    }
    const PairLayout layout = pair_layout(key.state.numbers, modulus_limbs, prime_limbs);
    return {layout.n, layout.d, layout.p, layout.q, layout.dp, layout.dq, layout.qinv, modulus_limbs, prime_limbs};
}

CryptoStatus own_rsa::sign_pkcs1(RsaKey &key, const uint8_t *prefix, size_t prefix_length, const uint8_t *hash,
                                 size_t hash_length, uint8_t *signature) {
    const size_t k = key.state.modulus_bytes;
    uint8_t block[kMaxModulusBytes];
    if (!rsa_padding::encode_signature(block, k, prefix, prefix_length, hash, hash_length)) {
        return CryptoStatus::bad_data;
    }
    CryptoStatus status;
    {
        ArenaSession session;
        status = private_operation(key, block);
    }
    if (status == CryptoStatus::ok) memcpy(signature, block, k);
    mbedtls_platform_zeroize(block, sizeof block);
    return status;
}

CryptoStatus own_rsa::verify_pkcs1(RsaKey &key, const uint8_t *signature, const uint8_t *prefix,
                                   size_t prefix_length, const uint8_t *hash, size_t hash_length, bool or_bare_hash) {
    const size_t k = key.state.modulus_bytes;
    uint8_t block[kMaxModulusBytes], expected[kMaxModulusBytes];
    memcpy(block, signature, k);
    CryptoStatus status;
    {
        ArenaSession session;
        status = public_operation(key, block);
    }
    if (status != CryptoStatus::ok) return status;
    bool match = prefix_length != 0 &&
                 rsa_padding::encode_signature(expected, k, prefix, prefix_length, hash, hash_length) &&
                 memcmp(expected, block, k) == 0;
    if (!match && (or_bare_hash || prefix_length == 0)) {
        match = rsa_padding::encode_signature(expected, k, nullptr, 0, hash, hash_length) &&
                memcmp(expected, block, k) == 0;
    }
    return match ? CryptoStatus::ok : CryptoStatus::bad_data;
}

CryptoStatus own_rsa::encrypt_pkcs1(RsaKey &key, bool oaep, const uint8_t *message, size_t length,
                                    uint8_t *output) {
    const size_t k = key.state.modulus_bytes;
    uint8_t block[kMaxModulusBytes];
    CryptoStatus status;
    {
        PsaSession session(Randomness::seeded);  // the padding's random bytes
        status = session.status();
        if (status == CryptoStatus::ok) {
            status = oaep ? rsa_padding::encode_encryption_oaep(block, k, message, length, psa_random, nullptr)
                          : rsa_padding::encode_encryption_pkcs1(block, k, message, length, psa_random, nullptr);
        }
        if (status == CryptoStatus::ok) status = public_operation(key, block);
    }
    if (status == CryptoStatus::ok) memcpy(output, block, k);
    mbedtls_platform_zeroize(block, sizeof block);
    return status;
}

CryptoStatus own_rsa::decrypt_pkcs1(RsaKey &key, bool oaep, const uint8_t *input, uint8_t *message, size_t capacity,
                                    size_t *length) {
    const size_t k = key.state.modulus_bytes;
    uint8_t block[kMaxModulusBytes];
    memcpy(block, input, k);
    CryptoStatus status;
    {
        ArenaSession session;
        status = private_operation(key, block);
    }
    // Every padding failure, and a message longer than `capacity`, is bad_data alike.
    if (status == CryptoStatus::ok) {
        status = oaep ? rsa_padding::decode_encryption_oaep(block, k, message, capacity, length)
                      : rsa_padding::decode_encryption_pkcs1(block, k, message, capacity, length);
    }
    mbedtls_platform_zeroize(block, sizeof block);
    return status;
}

}  // namespace psa_backend
}  // namespace tinycapi::crypto

#endif  // TINYCAPI_ENABLE_RSA
