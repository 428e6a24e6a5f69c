#include "signature.hpp"

#include <string.h>

#include "key_pairs.hpp"
#include "pair_cache.hpp"
#include "crypto_result.hpp"
#include "platform/secure_wipe.hpp"
#include "rsa_blobs.hpp"

namespace tinycapi::objects {

#if TINYCAPI_ENABLE_RSA

namespace {

constexpr size_t kMaxModulus = (TINYCAPI_RSA_MAX_BITS + 7) / 8;
constexpr size_t kMinPadding = 8;  // at least eight 0xFF bytes (EMSA-PKCS1-v1_5)

struct DigestPrefix {
    ALG_ID algorithm;
    uint8_t length;
    uint8_t bytes[19];
};

// Windows' DigestInfo prefixes (reference §7.2; MD2/MD4/MD5/SHA-1 Windows-validated).
constexpr DigestPrefix kPrefixes[] = {
    {CALG_MD2, 18, {0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x02, 0x05, 0x00, 0x04, 0x10}},
    {CALG_MD4, 18, {0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x04, 0x05, 0x00, 0x04, 0x10}},
    {CALG_MD5, 18, {0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05, 0x00, 0x04, 0x10}},
    {CALG_SHA1, 15, {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14}},
    {CALG_SHA_256, 19, {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20}},
    {CALG_SHA_384, 19, {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30}},
    {CALG_SHA_512, 19, {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40}},
};

const DigestPrefix *prefix_of(ALG_ID algorithm) {
    for (const DigestPrefix &p : kPrefixes) {
        if (p.algorithm == algorithm) return &p;
    }
    return nullptr;
}


// MAC and HMAC values have no signature encoding (reference §3.24 step 8).
bool signable(const Hash &hash) { return hash.kind == HashKind::plain || hash.kind == HashKind::ssl3_shamd5; }

// T = prefix ‖ H must leave room for EMSA-PKCS1-v1_5's 00 01, eight FF bytes and 00.
bool fits(size_t k, const DigestPrefix *prefix, size_t digest_length) {
    return k >= 3 + kMinPadding + (prefix ? prefix->length : 0) + digest_length;
}

// The description, hashed first as UTF-16LE without its terminator (reference §3.24 step 7).
Error absorb_description(Hash &hash, Description description) {
    const bool empty = (description.narrow == nullptr || *description.narrow == '\0') &&
                       (description.wide == nullptr || *description.wide == 0);
    if (empty) return Error::none;
    // Hashing into a finished hash is refused as CryptHashData refuses it.
    if (Error e = hash_can_absorb(hash); e != Error::none) return e;
    uint8_t unit[4];
    if (description.narrow) {
        for (const char *c = description.narrow; *c; ++c) {
            unit[0] = static_cast<uint8_t>(*c);  // ANSI: one code unit per byte
            unit[1] = 0;
            if (Error e = hash_absorb(hash, unit, 2); e != Error::none) return e;
        }
    } else if (description.wide) {
        for (const WCHAR *c = description.wide; *c; ++c) {
            uint32_t cp = static_cast<uint32_t>(*c);  // NOLINT(bugprone-signed-char-misuse,cert-str34-c): a wchar_t code unit, hashed as Windows' 16-bit unit below
            size_t n = 2;
            if (cp >= 0x10000 && cp <= 0x10FFFF) {  // a UTF-32 wchar_t beyond the BMP: a surrogate pair
                cp -= 0x10000;
                const uint32_t high = 0xD800 + (cp >> 10), low = 0xDC00 + (cp & 0x3FF);
                unit[0] = static_cast<uint8_t>(high);
                unit[1] = static_cast<uint8_t>(high >> 8);
                unit[2] = static_cast<uint8_t>(low);
                unit[3] = static_cast<uint8_t>(low >> 8);
                n = 4;
            } else {
                unit[0] = static_cast<uint8_t>(cp);
                unit[1] = static_cast<uint8_t>(cp >> 8);
            }
            if (Error e = hash_absorb(hash, unit, n); e != Error::none) return e;
        }
    }
    return Error::none;
}

}  // namespace

Error sign_hash(const Provider &provider, Hash &hash, DWORD key_spec, Description description, DWORD flags,
                BYTE *signature, DWORD *length) {
    if (flags & ~static_cast<DWORD>(CRYPT_NOHASHOID | CRYPT_X931_FORMAT)) return Error::bad_flags;
    if (key_spec != AT_KEYEXCHANGE && key_spec != AT_SIGNATURE) return Error::no_key;
    if (Error e = pair_presence(provider, key_spec); e != Error::none) return e;
    LoadedPair pair;  // cached between calls (pair_cache.hpp)
    if (Error e = pair.load(provider, key_spec); e != Error::none) return e;
    crypto::RsaKey &rsa = pair.key();
    const size_t k = crypto::rsa_modulus_bytes(rsa);
    Error e = Error::none;
    if (signature == nullptr) {
        *length = static_cast<DWORD>(k);  // the hash stays unfinished (Wine)
    } else if (*length < k) {
        *length = static_cast<DWORD>(k);
        e = Error::more_data;
    } else if (flags & CRYPT_X931_FORMAT) {
        e = Error::bad_flags;  // ANSI X9.31 encoding is not offered (docs/COMPATIBILITY.md)
    } else if (!signable(hash)) {
        e = Error::bad_algid;
    } else {
        // The description and the finish go into a copy, which replaces the hash only once the
        // signature exists: a call that fails (arena exhausted) leaves the hash as it was.
        Hash working{};
        hash_duplicate(hash, working);
        if ((e = absorb_description(working, description)) == Error::none) {
            const uint8_t *digest = hash_finish(working);
            const DigestPrefix *prefix = (flags & CRYPT_NOHASHOID) || working.kind == HashKind::ssl3_shamd5
                                             ? nullptr
                                             : prefix_of(working.algorithm);
            uint8_t result[kMaxModulus];
            if (!fits(k, prefix, working.value_size)) {
                e = Error::bad_len;
            } else {
                e = from_crypto(crypto::rsa_sign_pkcs1(rsa, prefix ? prefix->bytes : nullptr, prefix ? prefix->length : 0,
                                                       digest, working.value_size, result));
                if (e != Error::none) pair.failed();
                if (e == Error::none) {
                    reverse_copy(signature, result, k);  // signatures are little-endian (reference §7.1)
                    *length = static_cast<DWORD>(k);
                    hash_duplicate(working, hash);  // the signed hash is finished (reference §3.24)
                }
            }
            platform::secure_wipe(result, sizeof result);
        }
        platform::secure_wipe(&working, sizeof working);
    }
    return e;
}

Error verify_signature(Hash &hash, const BYTE *signature, DWORD length, Key &key, Description description,
                       DWORD flags) {
    if (flags & ~static_cast<DWORD>(CRYPT_NOHASHOID | CRYPT_X931_FORMAT)) return Error::bad_flags;
    if (key.kind != KeyKind::rsa) return Error::bad_key;
    const size_t k = crypto::rsa_modulus_bytes(key.cipher.rsa);
    // The length is checked before the pointer (Windows-validated).
    if (length != k) return Error::bad_signature;
    if (signature == nullptr) return Error::invalid_parameter;
    if (flags & CRYPT_X931_FORMAT) return Error::bad_flags;
    if (!signable(hash)) return Error::bad_algid;
    // As in sign_hash: the hash changes only when the verification ran to its answer.
    Hash working{};
    hash_duplicate(hash, working);
    Error e = absorb_description(working, description);
    uint8_t input[kMaxModulus];
    if (e == Error::none) {
        const uint8_t *digest = hash_finish(working);
        reverse_copy(input, signature, k);
        // Without CRYPT_NOHASHOID Windows also accepts the OID-less encoding (Windows-validated).
        const DigestPrefix *prefix = (flags & CRYPT_NOHASHOID) || working.kind == HashKind::ssl3_shamd5
                                         ? nullptr
                                         : prefix_of(working.algorithm);
        e = from_crypto(crypto::rsa_verify_pkcs1(key.cipher.rsa, input, prefix ? prefix->bytes : nullptr,
                                                 prefix ? prefix->length : 0, digest, working.value_size, true));
        if (e == Error::bad_data) e = Error::bad_signature;  // no match, or a signature not below n
        if (e == Error::none || e == Error::bad_signature) hash_duplicate(working, hash);
    }
    platform::secure_wipe(&working, sizeof working);
    return e;
}

#endif  // TINYCAPI_ENABLE_RSA

}  // namespace tinycapi::objects
