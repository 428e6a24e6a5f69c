// The hash primitives (crypto/hash.hpp) over Mbed TLS 3.6's direct contexts, and over
// crypto/legacy for MD2 and MD4, which Mbed TLS 3 removed.
#include "crypto/hash.hpp"

#include <string.h>

#include "platform/secure_wipe.hpp"

namespace tinycapi::crypto {
namespace {

// Mbed TLS 3 reports every failure as a nonzero int; the caller only needs to know it failed.
[[maybe_unused]] inline CryptoStatus status_of(int mbedtls_result) {
    return mbedtls_result == 0 ? CryptoStatus::ok : CryptoStatus::failure;
}

// Zero one member of the union (or the tag). Its size is a constant and, like every member,
// it starts where the union does, so the stores are laid out at compile time (no alignment
// prologue). `Whole` is the type the member sits at the start of.
template <typename Whole = HashContext, typename Member>
void wipe_member(Member& member) {
    platform::secure_wipe(__builtin_assume_aligned(&member, alignof(Whole)), sizeof member);
}

}  // namespace

CryptoStatus start(HashState& state, HashAlgorithm algorithm) {
    // Overwrite the whole state first: the union member about to go live may be smaller
    // than the one that was, and no byte of an earlier computation may stay behind.
    memset(&state, 0, sizeof state);
    int result = 0;
    switch (algorithm) {
#if TINYCAPI_ENABLE_MD2
    case HashAlgorithm::md2:
        legacy::md2_init(state.context.md2);
        break;
#endif
#if TINYCAPI_ENABLE_MD4
    case HashAlgorithm::md4:
        legacy::md4_init(state.context.md4);
        break;
#endif
#if TINYCAPI_ENABLE_MD5
    case HashAlgorithm::md5:
        mbedtls_md5_init(&state.context.md5);
        result = mbedtls_md5_starts(&state.context.md5);
        break;
#endif
#if TINYCAPI_ENABLE_SHA1
    case HashAlgorithm::sha1:
        mbedtls_sha1_init(&state.context.sha1);
        result = mbedtls_sha1_starts(&state.context.sha1);
        break;
#endif
#if TINYCAPI_ENABLE_SHA256
    case HashAlgorithm::sha256:
        mbedtls_sha256_init(&state.context.sha256);
        result = mbedtls_sha256_starts(&state.context.sha256, 0);  // 0: SHA-256, not SHA-224
        break;
#endif
#if TINYCAPI_ENABLE_SHA384_512
    case HashAlgorithm::sha384:
        mbedtls_sha512_init(&state.context.sha512);
        result = mbedtls_sha512_starts(&state.context.sha512, 1);  // 1: SHA-384
        break;
    case HashAlgorithm::sha512:
        mbedtls_sha512_init(&state.context.sha512);
        result = mbedtls_sha512_starts(&state.context.sha512, 0);
        break;
#endif
    default:
        return CryptoStatus::failure;  // switched off in tinycapi_config.h, or not an algorithm
    }
    state.algorithm = algorithm;
    if (result != 0) {
        wipe(state);
        return CryptoStatus::failure;
    }
    return CryptoStatus::ok;
}

// [[maybe_unused]]: with every hash switched off, only the default case remains.
CryptoStatus update(HashState& state, [[maybe_unused]] const uint8_t* data,
                    [[maybe_unused]] size_t length) {
    switch (state.algorithm) {
#if TINYCAPI_ENABLE_MD2
    case HashAlgorithm::md2:
        legacy::md2_update(state.context.md2, data, length);
        return CryptoStatus::ok;
#endif
#if TINYCAPI_ENABLE_MD4
    case HashAlgorithm::md4:
        legacy::md4_update(state.context.md4, data, length);
        return CryptoStatus::ok;
#endif
#if TINYCAPI_ENABLE_MD5
    case HashAlgorithm::md5:
        return status_of(mbedtls_md5_update(&state.context.md5, data, length));
#endif
#if TINYCAPI_ENABLE_SHA1
    case HashAlgorithm::sha1:
        return status_of(mbedtls_sha1_update(&state.context.sha1, data, length));
#endif
#if TINYCAPI_ENABLE_SHA256
    case HashAlgorithm::sha256:
        return status_of(mbedtls_sha256_update(&state.context.sha256, data, length));
#endif
#if TINYCAPI_ENABLE_SHA384_512
    case HashAlgorithm::sha384:
    case HashAlgorithm::sha512:
        return status_of(mbedtls_sha512_update(&state.context.sha512, data, length));
#endif
    default:
        return CryptoStatus::failure;
    }
}

CryptoStatus finish(HashState& state, [[maybe_unused]] uint8_t* digest) {
    switch (state.algorithm) {
#if TINYCAPI_ENABLE_MD2
    case HashAlgorithm::md2:
        legacy::md2_finish(state.context.md2, digest);
        return CryptoStatus::ok;
#endif
#if TINYCAPI_ENABLE_MD4
    case HashAlgorithm::md4:
        legacy::md4_finish(state.context.md4, digest);
        return CryptoStatus::ok;
#endif
#if TINYCAPI_ENABLE_MD5
    case HashAlgorithm::md5:
        return status_of(mbedtls_md5_finish(&state.context.md5, digest));
#endif
#if TINYCAPI_ENABLE_SHA1
    case HashAlgorithm::sha1:
        return status_of(mbedtls_sha1_finish(&state.context.sha1, digest));
#endif
#if TINYCAPI_ENABLE_SHA256
    case HashAlgorithm::sha256:
        return status_of(mbedtls_sha256_finish(&state.context.sha256, digest));
#endif
#if TINYCAPI_ENABLE_SHA384_512
    case HashAlgorithm::sha384:  // is384 was set by start(): writes 48 bytes, not 64
    case HashAlgorithm::sha512:
        return status_of(mbedtls_sha512_finish(&state.context.sha512, digest));
#endif
    default:
        return CryptoStatus::failure;
    }
}

void clone(HashState& destination, const HashState& source) {
    if (&destination == &source) {
        return;
    }
    // A destination with no algorithm is zeroed (a fresh or wiped slot: CryptDuplicateHash's
    // copy) and needs no clearing; that clear was a third of a duplicate.
    if (destination.algorithm != HashAlgorithm{}) memset(&destination, 0, sizeof destination);
    // An *_ALT accelerator's context may need its own duplication: Mbed TLS's clone function
    // then. Its software contexts are plain data and its clone functions a structure copy,
    // done here in place (a call and a copy of unknown layout were a tenth of a duplicate).
    switch (source.algorithm) {
#if TINYCAPI_ENABLE_MD2
    case HashAlgorithm::md2:
        destination.context.md2 = source.context.md2;
        break;
#endif
#if TINYCAPI_ENABLE_MD4
    case HashAlgorithm::md4:
        destination.context.md4 = source.context.md4;
        break;
#endif
#if TINYCAPI_ENABLE_MD5
    case HashAlgorithm::md5:
#if defined(MBEDTLS_MD5_ALT)
        mbedtls_md5_clone(&destination.context.md5, &source.context.md5);
#else
        destination.context.md5 = source.context.md5;
#endif
        break;
#endif
#if TINYCAPI_ENABLE_SHA1
    case HashAlgorithm::sha1:
#if defined(MBEDTLS_SHA1_ALT)
        mbedtls_sha1_clone(&destination.context.sha1, &source.context.sha1);
#else
        destination.context.sha1 = source.context.sha1;
#endif
        break;
#endif
#if TINYCAPI_ENABLE_SHA256
    case HashAlgorithm::sha256:
#if defined(MBEDTLS_SHA256_ALT)
        mbedtls_sha256_clone(&destination.context.sha256, &source.context.sha256);
#else
        destination.context.sha256 = source.context.sha256;
#endif
        break;
#endif
#if TINYCAPI_ENABLE_SHA384_512
    case HashAlgorithm::sha384:
    case HashAlgorithm::sha512:
#if defined(MBEDTLS_SHA512_ALT)
        mbedtls_sha512_clone(&destination.context.sha512, &source.context.sha512);
#else
        destination.context.sha512 = source.context.sha512;
#endif
        break;
#endif
    default:
        return;  // nothing live in the source: the destination stays zeroed
    }
    destination.algorithm = source.algorithm;
}

void wipe(HashState& state) {
    // Only the live member's bytes and the tag: the rest of the union is zero already, as
    // start() clears the whole state before a member goes live and clone() clears or is given
    // a zeroed destination. An *_ALT accelerator's context may hold resources that only its
    // free function releases; Mbed TLS's own *_free only zeroizes, which the wipe does anyway.
    switch (state.algorithm) {
#if TINYCAPI_ENABLE_MD2
    case HashAlgorithm::md2:
        wipe_member(state.context.md2);
        break;
#endif
#if TINYCAPI_ENABLE_MD4
    case HashAlgorithm::md4:
        wipe_member(state.context.md4);
        break;
#endif
#if TINYCAPI_ENABLE_MD5
    case HashAlgorithm::md5:
#if defined(MBEDTLS_MD5_ALT)
        mbedtls_md5_free(&state.context.md5);
#endif
        wipe_member(state.context.md5);
        break;
#endif
#if TINYCAPI_ENABLE_SHA1
    case HashAlgorithm::sha1:
#if defined(MBEDTLS_SHA1_ALT)
        mbedtls_sha1_free(&state.context.sha1);
#endif
        wipe_member(state.context.sha1);
        break;
#endif
#if TINYCAPI_ENABLE_SHA256
    case HashAlgorithm::sha256:
#if defined(MBEDTLS_SHA256_ALT)
        mbedtls_sha256_free(&state.context.sha256);
#endif
        wipe_member(state.context.sha256);
        break;
#endif
#if TINYCAPI_ENABLE_SHA384_512
    case HashAlgorithm::sha384:
    case HashAlgorithm::sha512:
#if defined(MBEDTLS_SHA512_ALT)
        mbedtls_sha512_free(&state.context.sha512);
#endif
        wipe_member(state.context.sha512);
        break;
#endif
    default:
        wipe_member(state.context);  // no live member (zeroed, or a tag no build knows): all of it
        break;
    }
    platform::secure_wipe(&state.algorithm, sizeof state.algorithm);
}

namespace {

// Whether a hash runs on Mbed TLS's own software context (no *_ALT accelerator, whose
// contexts only its own functions may free).
#if defined(MBEDTLS_MD5_ALT)
[[maybe_unused]] constexpr bool kMd5Software = false;
#else
[[maybe_unused]] constexpr bool kMd5Software = true;
#endif
#if defined(MBEDTLS_SHA1_ALT)
[[maybe_unused]] constexpr bool kSha1Software = false;
#else
[[maybe_unused]] constexpr bool kSha1Software = true;
#endif
#if defined(MBEDTLS_SHA256_ALT)
[[maybe_unused]] constexpr bool kSha256Software = false;
#else
[[maybe_unused]] constexpr bool kSha256Software = true;
#endif
#if defined(MBEDTLS_SHA512_ALT)
[[maybe_unused]] constexpr bool kSha512Software = false;
#else
[[maybe_unused]] constexpr bool kSha512Software = true;
#endif

// finish_hmac on one Mbed TLS context type, the union's `member`: direct calls, no dispatch in
// between. A software context (`Software`: no *_ALT) is wiped in place, an accelerator's
// through wipe(), which calls its free function.
template <bool Software, typename Context>
CryptoStatus hmac_tail(int (*finish_context)(Context*, unsigned char*),
                       int (*update_context)(Context*, const unsigned char*, size_t), Context HashContext::*member,
                       size_t size, HashState& inner, HashState& outer, uint8_t* digest) {
    Context& in = inner.context.*member;
    Context& out = outer.context.*member;
    const bool good = finish_context(&in, digest) == 0 && update_context(&out, digest, size) == 0 &&
                      finish_context(&out, digest) == 0;
    if (Software) {
        wipe_member(in);
        platform::secure_wipe(&inner.algorithm, sizeof inner.algorithm);
        wipe_member(out);
        platform::secure_wipe(&outer.algorithm, sizeof outer.algorithm);
    } else {
        wipe(inner);
        wipe(outer);
    }
    return good ? CryptoStatus::ok : CryptoStatus::failure;
}

}  // namespace

CryptoStatus finish_hmac(HashState& inner, HashState& outer, uint8_t* digest) {
    // Direct calls per algorithm where speed is asked for; an -Os build keeps only the general
    // steps below (a quarter of the code).
#if !defined(__OPTIMIZE_SIZE__)
    if (inner.algorithm == outer.algorithm) {
        switch (inner.algorithm) {
#if TINYCAPI_ENABLE_MD5
        case HashAlgorithm::md5:
            return hmac_tail<kMd5Software>(mbedtls_md5_finish, mbedtls_md5_update, &HashContext::md5,
                                           digest_size(HashAlgorithm::md5), inner, outer, digest);
#endif
#if TINYCAPI_ENABLE_SHA1
        case HashAlgorithm::sha1:
            return hmac_tail<kSha1Software>(mbedtls_sha1_finish, mbedtls_sha1_update, &HashContext::sha1,
                                            digest_size(HashAlgorithm::sha1), inner, outer, digest);
#endif
#if TINYCAPI_ENABLE_SHA256
        case HashAlgorithm::sha256:
            return hmac_tail<kSha256Software>(mbedtls_sha256_finish, mbedtls_sha256_update, &HashContext::sha256,
                                              digest_size(HashAlgorithm::sha256), inner, outer, digest);
#endif
#if TINYCAPI_ENABLE_SHA384_512
        case HashAlgorithm::sha384:
        case HashAlgorithm::sha512:
            return hmac_tail<kSha512Software>(mbedtls_sha512_finish, mbedtls_sha512_update, &HashContext::sha512,
                                              digest_size(inner.algorithm), inner, outer, digest);
#endif
        default: break;  // MD2, MD4 (void functions), or no algorithm: the general steps below
        }
    }
#endif
    return finish_hmac_in_steps(inner, outer, digest);
}

}  // namespace tinycapi::crypto
