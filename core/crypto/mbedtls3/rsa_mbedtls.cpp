// The RSA primitives of the mbedtls3 backend (crypto/rsa.hpp) over Mbed TLS 3.6's rsa and
// bignum modules, whose memory comes from the fixed arena (crypto/arena.hpp): the keys'
// numbers (generation, import, export, copy, free) and the four operations.
//
// Three rules shape this file:
//  - Every call holds TINYCAPI_LOCK_ARENA for its whole run, and takes no other lock under it:
//    the seed of the private DRBG is drawn from CryptGenRandom's generator before the lock.
//  - A failed call leaves the key as it was. Imports, generation and copies build into a
//    context on the stack and move it into the key only once it is complete.
//  - Between calls a key object holds its numbers (and a public key R^2 mod n once used) and
//    nothing else (see drop_caches), so a failed operation cannot leave it changed. Only the
//    pairs CryptSignHash keeps loaded (RsaKey::keep_caches) hold Mbed TLS's caches, and drop
//    them on any failure.
#include "crypto/rsa.hpp"

#if TINYCAPI_ENABLE_RSA

#include <string.h>

#include <mbedtls/bignum.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/platform.h>
#include <mbedtls/rsa.h>

#include "crypto/arena.hpp"
#include "crypto/private_drbg.hpp"
#include "crypto/random.hpp"
#include "crypto/rsa_arguments.hpp"
#include "crypto/rsa_padding.hpp"
#include "platform/port_lock.hpp"
#include "platform/stack_scrub.hpp"
#include "tinycapi_config.h"

// This file reads the fields of Mbed TLS's own RSA context, CRT values included
// (config/tinycapi_mbedtls_check.h refuses MBEDTLS_RSA_ALT and MBEDTLS_RSA_NO_CRT).

namespace tinycapi::crypto {
namespace {

// ---- The private DRBG ---------------------------------------------------------------------

constexpr char kPersonalization[] = "tinycapi RSA";

// Guarded by TINYCAPI_LOCK_ARENA; seeded afresh by each operation that needs randomness and
// wiped at its end.
mbedtls_ctr_drbg_context drbg;

// The arena lock for one RSA operation. With an Mbed TLS tinycapi did not configure (an
// installed package, TINYCAPI_MBEDTLS_EXTERNAL_CONFIG), mbedtls_calloc cannot be routed at compile
// time; the first session routes it to the arena at run time instead.
//
// Its end also zeroes the dead stack below the operation: Mbed TLS leaves limbs of the private
// numbers there (core/platform/stack_scrub.hpp).
class ArenaSession {
public:
    ~ArenaSession() { platform::scrub_stack<TINYCAPI_STACK_SCRUB_BYTES>(); }
    ArenaSession(const ArenaSession &) = delete;
    ArenaSession &operator=(const ArenaSession &) = delete;
    ArenaSession() : lock_(TINYCAPI_LOCK_ARENA) {
#if defined(TINYCAPI_MBEDTLS_EXTERNAL_CONFIG) && !defined(MBEDTLS_PLATFORM_CALLOC_MACRO)
        static bool routed;  // guarded by the arena lock
        if (!routed) {
            mbedtls_platform_set_calloc_free(tinycapi_arena_calloc, tinycapi_arena_free);
            routed = true;
        }
#endif
    }

private:
    platform::LockGuard lock_;
};

// Runs `operation` under the arena lock with the private DRBG seeded from 48 fresh bytes of
// CryptGenRandom's generator, drawn before the lock: random_generate takes TINYCAPI_LOCK_DRBG,
// and tinycapi never holds two locks at once.
template <typename Operation>
CryptoStatus with_random(Operation operation) {
    uint8_t seed[private_drbg_seed_bytes] = {};  // zero: random_generate mixes the buffer in as input
    const CryptoStatus drawn = random_generate(seed, sizeof seed);
    if (drawn != CryptoStatus::ok) return drawn;

    CryptoStatus status = CryptoStatus::failure;
    {
        ArenaSession session;
        if (seed_private_drbg(drbg, seed, kPersonalization)) {  // one seed per operation
            status = operation();
            mbedtls_ctr_drbg_free(&drbg);  // zeroizes the context
        }
    }
    mbedtls_platform_zeroize(seed, sizeof seed);
    return status;
}

// ---- Errors --------------------------------------------------------------------------------

// Notices an allocation the arena refused during one call. Some Mbed TLS paths fold an
// allocation failure into another code (mbedtls_rsa_check_privkey returns KEY_CHECK_FAILED,
// the md module MD_ALLOC_FAILED), so the arena's own count is the reliable witness.
class AllocationWatch {
public:
    AllocationWatch() : failures_(arena_stats().failures) {}
    bool refused() const { return arena_stats().failures != failures_; }

private:
    size_t failures_;
};

// The codes whose meaning tinycapi passes on; every other code is a failure.
constexpr int kNoMemoryCodes[] = {MBEDTLS_ERR_MPI_ALLOC_FAILED, MBEDTLS_ERR_MD_ALLOC_FAILED};
constexpr int kBadDataCodes[] = {
    MBEDTLS_ERR_MPI_BAD_INPUT_DATA,  // e.g. an input not below n
    MBEDTLS_ERR_MPI_BUFFER_TOO_SMALL,    MBEDTLS_ERR_MPI_NEGATIVE_VALUE, MBEDTLS_ERR_MPI_DIVISION_BY_ZERO,
    MBEDTLS_ERR_MPI_NOT_ACCEPTABLE,  // e.g. no inverse of e: the numbers are no key
    MBEDTLS_ERR_RSA_BAD_INPUT_DATA,      MBEDTLS_ERR_RSA_INVALID_PADDING, MBEDTLS_ERR_RSA_KEY_CHECK_FAILED,
    MBEDTLS_ERR_RSA_OUTPUT_TOO_LARGE};

CryptoStatus status_of_code(int code) {
    for (const int listed : kNoMemoryCodes) {
        if (code == listed) return CryptoStatus::no_memory;
    }
    for (const int listed : kBadDataCodes) {
        if (code == listed) return CryptoStatus::bad_data;
    }
    return CryptoStatus::failure;
}

// Mbed TLS 3.6 adds a low-level code (0x01..0x7F, bignum) to a high-level one (0x1000..0x7F80,
// RSA, md), and the low-level one says what went wrong; TF-PSA-Crypto 1.x gives each error as
// one PSA code (its MBEDTLS_ERR_* are PSA_ERROR_* aliases), which the whole code matches.
CryptoStatus status_of(int error, const AllocationWatch &watch) {
    if (error == 0) return CryptoStatus::ok;
    if (watch.refused()) return CryptoStatus::no_memory;
    if (const CryptoStatus whole = status_of_code(error); whole != CryptoStatus::failure) return whole;
    const int low = -error & 0x7F;
    return status_of_code(low != 0 ? -low : -(-error & ~0x7F));
}

// ---- Keys ----------------------------------------------------------------------------------

void clear_number(mbedtls_mpi &number) {
    mbedtls_mpi_free(&number);
    memset(&number, 0, sizeof number);  // as mbedtls_rsa_init leaves it
}

// Mbed TLS keeps caches in the context: R^2 mod n, p and q (RN, RP, RQ) and the blinding pair
// (Vi, Vf). They are dropped after every operation of a key object (but R^2 mod n of a public
// key, see rsa_verify_pkcs1, and the pairs CryptSignHash keeps loaded, RsaKey::keep_caches), for three
// reasons:
//  - a key then costs the same arena bytes from import to free, whatever ran on it;
//  - the blinding pair is updated in place by squaring Vi then Vf: an allocation failure
//    between the two would leave them inconsistent and every later result silently wrong;
//  - the arena stays small: these caches about double a key's footprint.
// The price: every private operation draws a fresh blinding pair (two modular inverses and an
// exponentiation by e), about +60% on an RSA-2048 private operation against Mbed TLS with warm
// caches on a host; recomputing the R^2 values costs nothing measurable.
void drop_caches(mbedtls_rsa_context &context) {
    clear_number(context.MBEDTLS_PRIVATE(RN));
    clear_number(context.MBEDTLS_PRIVATE(RP));
    clear_number(context.MBEDTLS_PRIVATE(RQ));
    clear_number(context.MBEDTLS_PRIVATE(Vi));
    clear_number(context.MBEDTLS_PRIVATE(Vf));
}

// Replaces the key with a complete context built on the stack (which the key now owns: the
// context holds pointers into the arena, and, as tinycapi builds Mbed TLS, no mutex).
void install(RsaKey &key, const mbedtls_rsa_context &built, bool has_private) {
    mbedtls_rsa_free(&key.state.context);
    memcpy(&key.state.context, &built, sizeof built);
    key.has_private = has_private;
    key.initialised = true;
}

constexpr size_t kMaxModulusBytes = rsa_arguments::max_modulus_bytes;

void big_endian(uint32_t value, uint8_t (&bytes)[4]) {
    bytes[0] = static_cast<uint8_t>(value >> 24);
    bytes[1] = static_cast<uint8_t>(value >> 16);
    bytes[2] = static_cast<uint8_t>(value >> 8);
    bytes[3] = static_cast<uint8_t>(value);
}

// MBEDTLS_ERR_RSA_KEY_CHECK_FAILED unless n = p·q. (mbedtls_rsa_validate_params does this
// too, but is declared in a private header of Mbed TLS.)
int check_product(const mbedtls_rsa_context &context) {
    mbedtls_mpi product;
    mbedtls_mpi_init(&product);
    int error = mbedtls_mpi_mul_mpi(&product, &context.MBEDTLS_PRIVATE(P), &context.MBEDTLS_PRIVATE(Q));
    if (error == 0 && mbedtls_mpi_cmp_mpi(&product, &context.MBEDTLS_PRIVATE(N)) != 0) {
        error = MBEDTLS_ERR_RSA_KEY_CHECK_FAILED;
    }
    mbedtls_mpi_free(&product);
    return error;
}

// D = e^-1 mod (p-1)(q-1), Windows' form, in place of Mbed TLS's lcm form. The CRT values
// are the same for both (d mod p-1 and d mod q-1 do not change).
int use_totient_exponent(mbedtls_rsa_context &context) {
    mbedtls_mpi p1, q1, totient;
    mbedtls_mpi_init(&p1);
    mbedtls_mpi_init(&q1);
    mbedtls_mpi_init(&totient);
    int error = mbedtls_mpi_sub_int(&p1, &context.MBEDTLS_PRIVATE(P), 1);
    if (error == 0) error = mbedtls_mpi_sub_int(&q1, &context.MBEDTLS_PRIVATE(Q), 1);
    if (error == 0) error = mbedtls_mpi_mul_mpi(&totient, &p1, &q1);
    // e = 1 keeps d = 1, which is its own inverse modulo anything.
    if (error == 0 && mbedtls_mpi_cmp_int(&context.MBEDTLS_PRIVATE(E), 1) != 0) {
        error = mbedtls_mpi_inv_mod(&context.MBEDTLS_PRIVATE(D), &context.MBEDTLS_PRIVATE(E), &totient);
    }
    mbedtls_mpi_free(&p1);
    mbedtls_mpi_free(&q1);
    mbedtls_mpi_free(&totient);
    return error;
}

// True when `given` (big-endian) is Windows' totient-form d of p, q and e: below
// (p-1)(q-1) and d·e ≡ 1 modulo it (the inverse there is unique). Two multiplications and a
// reduction, where computing d costs a modular inverse: an import of a Windows-made blob
// keeps its d instead of computing it twice (issue 16). *error is an allocation failure.
bool is_totient_exponent(const uint8_t *given, size_t given_length, const mbedtls_mpi &p, const mbedtls_mpi &q,
                         const mbedtls_mpi &e, mbedtls_mpi *d, int *error) {
    mbedtls_mpi p1, q1, totient, product;
    mbedtls_mpi_init(&p1);
    mbedtls_mpi_init(&q1);
    mbedtls_mpi_init(&totient);
    mbedtls_mpi_init(&product);
    *error = mbedtls_mpi_read_binary(d, given, given_length);
    if (*error == 0) *error = mbedtls_mpi_sub_int(&p1, &p, 1);
    if (*error == 0) *error = mbedtls_mpi_sub_int(&q1, &q, 1);
    if (*error == 0) *error = mbedtls_mpi_mul_mpi(&totient, &p1, &q1);
    bool totient_form = false;
    if (*error == 0 && mbedtls_mpi_cmp_int(d, 0) > 0 && mbedtls_mpi_cmp_mpi(d, &totient) < 0) {
        *error = mbedtls_mpi_mul_mpi(&product, d, &e);
        if (*error == 0) *error = mbedtls_mpi_mod_mpi(&product, &product, &totient);
        totient_form = *error == 0 && mbedtls_mpi_cmp_int(&product, 1) == 0;
    }
    mbedtls_mpi_free(&p1);
    mbedtls_mpi_free(&q1);
    mbedtls_mpi_free(&totient);
    mbedtls_mpi_free(&product);
    return totient_form;
}

// Keeps the Carmichael-form D Mbed TLS computed if `given` is that number, else switches to the
// totient form (which is also what a `given` d that is neither — truncated — gets).
int choose_exponent(mbedtls_rsa_context &context, const uint8_t *given, size_t given_length, PrivateExponent form,
                    PrivateExponent *chosen) {
    if (given != nullptr) {
        mbedtls_mpi candidate;
        mbedtls_mpi_init(&candidate);
        int error = mbedtls_mpi_read_binary(&candidate, given, given_length);
        const bool carmichael = error == 0 && mbedtls_mpi_cmp_mpi(&candidate, &context.MBEDTLS_PRIVATE(D)) == 0;
        mbedtls_mpi_free(&candidate);
        if (error != 0) return error;
        form = carmichael ? PrivateExponent::carmichael : PrivateExponent::totient;
    }
    *chosen = form;
    return form == PrivateExponent::totient ? use_totient_exponent(context) : 0;
}

// Restores the padding every key keeps between calls (mbedtls_rsa_init's) and drops the
// caches, unless the key keeps them (RsaKey::keep_caches) and the operation succeeded: a
// failure may have left the blinding pair half updated, so it is always dropped then.
void end_operation(RsaKey &key, int error) {
    mbedtls_rsa_set_padding(&key.state.context, MBEDTLS_RSA_PKCS_V15, MBEDTLS_MD_NONE);
    if (!key.keep_caches || error != 0) drop_caches(key.state.context);
}

}  // namespace

// The length is fixed from import to free and lives in the key itself, not in the arena: no
// lock, so that the objects layer may ask at any time.
size_t rsa_modulus_bytes(const RsaKey &key) { return key.initialised ? mbedtls_rsa_get_len(&key.state.context) : 0; }

CryptoStatus rsa_generate(RsaKey &key, unsigned bits, uint32_t exponent) {
    if (!rsa_arguments::generation_valid(bits, exponent)) return CryptoStatus::bad_data;
    // Mbed TLS refuses sizes below MBEDTLS_RSA_GEN_KEY_MIN_BITS (1024 unless configured); the
    // tinycapi configuration lowers it to Windows' 384.
    if (bits < MBEDTLS_RSA_GEN_KEY_MIN_BITS) return CryptoStatus::failure;

    return with_random([&]() {
        mbedtls_rsa_context generated;
        mbedtls_rsa_init(&generated);
        const AllocationWatch watch;
        const int error =
            mbedtls_rsa_gen_key(&generated, mbedtls_ctr_drbg_random, &drbg, bits, static_cast<int>(exponent));
        if (error != 0) return status_of(error, watch);  // mbedtls_rsa_gen_key freed `generated`
        const int exponent_error = use_totient_exponent(generated);
        if (exponent_error != 0) {
            mbedtls_rsa_free(&generated);
            return status_of(exponent_error, watch);
        }
        drop_caches(generated);
        install(key, generated, true);
        key.private_exponent = PrivateExponent::totient;
        return CryptoStatus::ok;
    });
}

CryptoStatus rsa_import_public(RsaKey &key, const uint8_t *modulus, size_t modulus_length, uint32_t exponent) {
    if (!rsa_arguments::public_import_valid(modulus, modulus_length, exponent)) return CryptoStatus::bad_data;
    uint8_t exponent_bytes[4];
    big_endian(exponent, exponent_bytes);

    ArenaSession session;
    mbedtls_rsa_context imported;
    mbedtls_rsa_init(&imported);
    const AllocationWatch watch;
    // No mbedtls_rsa_complete: it would refuse an even modulus, and Windows imports any.
    const int error = mbedtls_rsa_import_raw(&imported, modulus, modulus_length, nullptr, 0, nullptr, 0, nullptr,
                                             0, exponent_bytes, sizeof exponent_bytes);
    if (error != 0) {
        mbedtls_rsa_free(&imported);
        return status_of(error, watch);
    }
    install(key, imported, false);
    return CryptoStatus::ok;
}

CryptoStatus rsa_import_private(RsaKey &key, const uint8_t *modulus, size_t modulus_length, uint32_t exponent,
                                const uint8_t *p, const uint8_t *q, size_t prime_length, const uint8_t *d,
                                size_t d_length, PrivateExponent form) {
    rsa_arguments::PrivateImport given;
    if (!rsa_arguments::private_import_valid(modulus, modulus_length, exponent, p, q, prime_length, &given)) {
        return CryptoStatus::bad_data;
    }
    uint8_t exponent_bytes[4];
    big_endian(exponent, exponent_bytes);
    // e = 1 (the "exponent of one" key Windows code uses to move session keys in the clear)
    // gives d = 1, which Mbed TLS's inverse cannot compute (it wants 1 < e): supply it.
    static const uint8_t kOne[1] = {1};
    const bool exponent_one = exponent == 1;

    ArenaSession session;
    mbedtls_rsa_context imported;
    mbedtls_rsa_init(&imported);
    const AllocationWatch watch;
    int error = mbedtls_rsa_import_raw(&imported, given.modulus, given.modulus != nullptr ? given.modulus_length : 0,
                                       given.p, given.p_length, given.q, given.q_length, exponent_one ? kOne : nullptr,
                                       exponent_one ? 1 : 0, exponent_bytes, sizeof exponent_bytes);
    // n = p·q, checked before anything is derived from p and q.
    if (error == 0 && given.modulus != nullptr) error = check_product(imported);
    // A given d in Windows' form is kept as it is: mbedtls_rsa_complete then derives only the
    // CRT values, and the form is known without computing either d.
    bool given_totient = false;
    if (error == 0 && d != nullptr && !exponent_one) {
        given_totient = is_totient_exponent(d, d_length, imported.MBEDTLS_PRIVATE(P), imported.MBEDTLS_PRIVATE(Q),
                                            imported.MBEDTLS_PRIVATE(E), &imported.MBEDTLS_PRIVATE(D), &error);
        if (!given_totient) clear_number(imported.MBEDTLS_PRIVATE(D));
    }
    // n = p·q when no modulus was given; d = e^-1 mod lcm(p-1, q-1) (Mbed TLS's choice, as in
    // FIPS 186-4 B.3.1); then dP, dQ and qInv.
    if (error == 0) error = mbedtls_rsa_complete(&imported);
    if (error == 0 && given.modulus == nullptr && mbedtls_rsa_get_len(&imported) != given.expected_length) {
        error = MBEDTLS_ERR_RSA_KEY_CHECK_FAILED;
    }
    PrivateExponent chosen = given_totient ? PrivateExponent::totient : form;
    if (error == 0 && !given_totient) error = choose_exponent(imported, d, d_length, form, &chosen);
    if (error != 0) {
        mbedtls_rsa_free(&imported);
        return status_of(error, watch);
    }
    drop_caches(imported);
    install(key, imported, true);
    key.private_exponent = chosen;
    return CryptoStatus::ok;
}

CryptoStatus rsa_export(const RsaKey &key, size_t modulus_length, size_t prime_length, const RsaParts &parts,
                        uint32_t *exponent) {
    ArenaSession session;
    if (!key.initialised) return CryptoStatus::bad_data;
    const mbedtls_rsa_context &context = key.state.context;
    const bool wants_private = parts.p != nullptr || parts.q != nullptr || parts.dp != nullptr ||
                               parts.dq != nullptr || parts.qinv != nullptr || parts.d != nullptr;
    if (wants_private && !key.has_private) return CryptoStatus::bad_data;

    // Every part is checked before any is written: a failed export writes nothing.
    struct Part {
        const mbedtls_mpi *number;
        uint8_t *output;
        size_t length;
    };
    const Part all[] = {
        {&context.MBEDTLS_PRIVATE(N), parts.modulus, modulus_length},
        {&context.MBEDTLS_PRIVATE(P), parts.p, prime_length},
        {&context.MBEDTLS_PRIVATE(Q), parts.q, prime_length},
        // The CRT values are read in place: mbedtls_rsa_export_crt would copy them into new
        // numbers, an allocation (and a failure point) an export does not need.
        {&context.MBEDTLS_PRIVATE(DP), parts.dp, prime_length},
        {&context.MBEDTLS_PRIVATE(DQ), parts.dq, prime_length},
        {&context.MBEDTLS_PRIVATE(QP), parts.qinv, prime_length},
        {&context.MBEDTLS_PRIVATE(D), parts.d, modulus_length},
    };
    for (const Part &part : all) {
        if (part.output != nullptr && mbedtls_mpi_size(part.number) > part.length) return CryptoStatus::bad_data;
    }
    if (exponent != nullptr && mbedtls_mpi_size(&context.MBEDTLS_PRIVATE(E)) > sizeof(uint32_t)) {
        return CryptoStatus::bad_data;
    }

    for (const Part &part : all) {
        if (part.output != nullptr && mbedtls_mpi_write_binary(part.number, part.output, part.length) != 0) {
            return CryptoStatus::failure;  // unreachable after the size checks
        }
    }
    if (exponent != nullptr) {
        uint8_t bytes[4];
        if (mbedtls_mpi_write_binary(&context.MBEDTLS_PRIVATE(E), bytes, sizeof bytes) != 0) {
            return CryptoStatus::failure;
        }
        *exponent = static_cast<uint32_t>(bytes[0]) << 24 | static_cast<uint32_t>(bytes[1]) << 16 |
                    static_cast<uint32_t>(bytes[2]) << 8 | bytes[3];
    }
    return CryptoStatus::ok;
}

CryptoStatus rsa_sign_pkcs1(RsaKey &key, const uint8_t *prefix, size_t prefix_length, const uint8_t *hash,
                            size_t hash_length, uint8_t *signature) {
    if ((prefix == nullptr && prefix_length != 0) || hash == nullptr || signature == nullptr) {
        return CryptoStatus::bad_data;
    }
    if (!key.initialised || !key.has_private) return CryptoStatus::bad_data;
    // The encoding is built here and run through the raw private operation, not through
    // mbedtls_rsa_pkcs1_sign: that one verifies its own result with a public operation
    // (MBEDTLS_RSA_PKCS1_V15 fault check), about 5 % of a sign (issue 16's 1.10x target).
    uint8_t em[kMaxModulusBytes];
    const size_t k = mbedtls_rsa_get_len(&key.state.context);
    if (!rsa_padding::encode_signature(em, k, prefix, prefix_length, hash, hash_length)) {
        return CryptoStatus::bad_data;
    }
    const CryptoStatus status = with_random([&]() {
        const AllocationWatch watch;
        const int error = mbedtls_rsa_private(&key.state.context, mbedtls_ctr_drbg_random, &drbg, em, signature);
        end_operation(key, error);
        return status_of(error, watch);
    });
    mbedtls_platform_zeroize(em, sizeof em);
    return status;
}

CryptoStatus rsa_verify_pkcs1(RsaKey &key, const uint8_t *signature, const uint8_t *prefix, size_t prefix_length,
                              const uint8_t *hash, size_t hash_length, bool or_bare_hash) {
    if (signature == nullptr || (prefix == nullptr && prefix_length != 0) || hash == nullptr) {
        return CryptoStatus::bad_data;
    }
    uint8_t em[kMaxModulusBytes], expected[kMaxModulusBytes];
    size_t k = 0;
    int error = 0;
    CryptoStatus status;
    {
        ArenaSession session;
        if (!key.initialised) return CryptoStatus::bad_data;
        k = mbedtls_rsa_get_len(&key.state.context);
        const AllocationWatch watch;
        // One public operation for both encodings. A public key keeps R^2 mod n, all a public
        // operation caches, once it is computed (issue 16: recomputing it was 15 % of a
        // verification). From then on it is only read, so a later failed operation leaves it,
        // and the key, as they were.
        const bool had_modulus_cache = key.state.context.MBEDTLS_PRIVATE(RN).MBEDTLS_PRIVATE(p) != nullptr;
        error = mbedtls_rsa_public(&key.state.context, signature, em);
        if (!key.has_private && (error == 0 || had_modulus_cache)) {
            mbedtls_rsa_set_padding(&key.state.context, MBEDTLS_RSA_PKCS_V15, MBEDTLS_MD_NONE);
        } else {
            end_operation(key, error);
        }
        status = status_of(error, watch);
    }
    if (status == CryptoStatus::ok) {
        bool match = prefix_length != 0 &&
                     rsa_padding::encode_signature(expected, k, prefix, prefix_length, hash, hash_length) &&
                     memcmp(expected, em, k) == 0;
        if (!match && (or_bare_hash || prefix_length == 0)) {
            match = rsa_padding::encode_signature(expected, k, nullptr, 0, hash, hash_length) &&
                    memcmp(expected, em, k) == 0;
        }
        status = match ? CryptoStatus::ok : CryptoStatus::bad_data;
    }
    return status;
}

CryptoStatus rsa_encrypt_pkcs1(RsaKey &key, bool oaep, const uint8_t *message, size_t length, uint8_t *output) {
    if ((message == nullptr && length != 0) || output == nullptr) return CryptoStatus::bad_data;
    if (!key.initialised) return CryptoStatus::bad_data;
    return with_random([&]() {
        const AllocationWatch watch;
        int error;
        if (oaep) {
            // CryptoAPI's OAEP: SHA-1, MGF1-SHA-1, empty label (reference §7.3).
            error = mbedtls_rsa_set_padding(&key.state.context, MBEDTLS_RSA_PKCS_V21, MBEDTLS_MD_SHA1);
            if (error == 0) {
                error = mbedtls_rsa_rsaes_oaep_encrypt(&key.state.context, mbedtls_ctr_drbg_random, &drbg, nullptr, 0,
                                                       length, message, output);
            }
        } else {
            error = mbedtls_rsa_rsaes_pkcs1_v15_encrypt(&key.state.context, mbedtls_ctr_drbg_random, &drbg, length,
                                                        message, output);
        }
        end_operation(key, error);
        return status_of(error, watch);
    });
}

CryptoStatus rsa_decrypt_pkcs1(RsaKey &key, bool oaep, const uint8_t *input, uint8_t *message, size_t capacity,
                               size_t *length) {
    if (input == nullptr || (message == nullptr && capacity != 0) || length == nullptr) return CryptoStatus::bad_data;
    if (!key.initialised || !key.has_private) return CryptoStatus::bad_data;
    return with_random([&]() {
        const AllocationWatch watch;
        size_t decrypted = 0;
        int error;
        if (oaep) {
            error = mbedtls_rsa_set_padding(&key.state.context, MBEDTLS_RSA_PKCS_V21, MBEDTLS_MD_SHA1);
            if (error == 0) {
                error = mbedtls_rsa_rsaes_oaep_decrypt(&key.state.context, mbedtls_ctr_drbg_random, &drbg, nullptr, 0,
                                                       &decrypted, input, message, capacity);
            }
        } else {
            // Mbed TLS decodes in constant time and requires at least 8 bytes of PS (§7.3).
            error = mbedtls_rsa_rsaes_pkcs1_v15_decrypt(&key.state.context, mbedtls_ctr_drbg_random, &drbg, &decrypted,
                                                        input, message, capacity);
        }
        end_operation(key, error);
        // Every padding failure, and a message longer than `capacity`, is bad_data alike.
        const CryptoStatus status = status_of(error, watch);
        if (status == CryptoStatus::ok) *length = decrypted;
        return status;
    });
}

CryptoStatus rsa_copy(RsaKey &destination, const RsaKey &source) {
    if (&destination == &source) return CryptoStatus::ok;
    ArenaSession session;
    if (!source.initialised) return CryptoStatus::bad_data;
    mbedtls_rsa_context copied;
    mbedtls_rsa_init(&copied);
    const AllocationWatch watch;
    const int error = mbedtls_rsa_copy(&copied, &source.state.context);
    if (error != 0) return status_of(error, watch);  // mbedtls_rsa_copy freed `copied`
    drop_caches(copied);
    install(destination, copied, source.has_private);
    destination.private_exponent = source.private_exponent;
    return CryptoStatus::ok;
}

void rsa_free(RsaKey &key) {
    ArenaSession session;
    mbedtls_rsa_free(&key.state.context);  // the arena wipes each number as it takes it back
    mbedtls_platform_zeroize(&key, sizeof key);
}

}  // namespace tinycapi::crypto

#endif  // TINYCAPI_ENABLE_RSA
