// CryptDeriveKey (reference §3.13, §5.1): key bytes from a hash value, expanded with the
// 0x36/0x5C construction when the value is too short, or for AES-128 from MD5/SHA-1.
#include <string.h>

#include "key_rules.hpp"
#include "platform/secure_wipe.hpp"
#include "session_key_creation.hpp"

namespace tinycapi::objects {
namespace {

constexpr size_t kExpansionBlock = 64;

// M = H(0x36-pad ‖ hv) ‖ H(0x5C-pad ‖ hv) with the base hash's own algorithm.
bool expand(crypto::HashAlgorithm engine, const uint8_t *value, size_t value_length, uint8_t *out) {
    uint8_t block[kExpansionBlock];
    const size_t digest = crypto::digest_size(engine);
    bool good = true;
    for (int half = 0; half < 2 && good; ++half) {
        const uint8_t fill = half == 0 ? 0x36 : 0x5C;
        for (size_t i = 0; i < sizeof block; ++i) block[i] = static_cast<uint8_t>(fill ^ (i < value_length ? value[i] : 0));
        crypto::HashState state;
        good = crypto::start(state, engine) == crypto::CryptoStatus::ok &&
               crypto::update(state, block, sizeof block) == crypto::CryptoStatus::ok &&
               crypto::finish(state, out + half * digest) == crypto::CryptoStatus::ok;
        crypto::wipe(state);
    }
    platform::secure_wipe(block, sizeof block);
    return good;
}

// The engine that expands a base hash: a plain hash's own algorithm. Keyed hashes (HMAC, MAC)
// have none; a key too long for their value is NTE_BAD_ALGID (docs/COMPATIBILITY.md).
bool expansion_engine(const Hash &base, crypto::HashAlgorithm *engine) {
    if (base.kind == HashKind::plain) return hash_engine_of(base.algorithm, engine);
    return false;
}

}  // namespace

Error plan_derived_key(const Provider &provider, ALG_ID algorithm, const Hash &base, DWORD flags, KeyPlan *plan) {
    const AlgorithmInfo *info = find_algorithm(*provider.personality, algorithm);
    if (info == nullptr || GET_ALG_CLASS(algorithm) != ALG_CLASS_DATA_ENCRYPT || !is_session_key_algorithm(algorithm)) {
        return Error::bad_algid;
    }
    if (Error e = requested_key_bytes(*info, length_bits_of(flags), &plan->key_length); e != Error::none) return e;
    plan->algorithm = algorithm;
    plan->flags = key_flags_of(flags);
    plan->salt_length = salt_bytes_for(provider.personality->id, algorithm, plan->key_length, plan->flags);
    // Windows-validated for MD2/MD4/MD5/SHA-1/SHA-256 × every cipher: expansion iff the value
    // is shorter than the key, and always for AES-128 from a 16- or 20-byte value.
    const size_t value_length = base.value_size;
    if (value_length == 0) return Error::bad_hash_state;  // an HMAC that never got HP_HMAC_INFO
    const bool expanded =
        (algorithm == CALG_AES_128 && (value_length == 16 || value_length == 20)) || value_length < plan->key_length;
    crypto::HashAlgorithm engine;
    if (expanded && !expansion_engine(base, &engine)) return Error::bad_algid;
    plan->source_length = expanded ? 2 * crypto::digest_size(engine) : value_length;
    return Error::none;
}

Error derive_key(const Provider &provider, const KeyPlan &plan, Hash &base, Key &key) {
    // The key comes from the hash value itself, read in place (it stays in the hash until that
    // dies), or from its expansion, made here and wiped (issue 16: no copy of the common case).
    const uint8_t *source = hash_finish(base);  // the base hash is finished (documented)
    uint8_t expanded[2 * crypto::max_digest_size];
    const bool expanding = plan.source_length != base.value_size;
    if (expanding) {
        crypto::HashAlgorithm engine;
        const bool good = expansion_engine(base, &engine) && expand(engine, source, base.value_size, expanded);
        source = expanded;
        if (!good) {
            platform::secure_wipe(expanded, sizeof expanded);
            return Error::fail;
        }
    }
    // CRYPT_CREATE_SALT takes the salt from the bytes after the key, zero beyond the hash
    // (reference §5.3, Windows-validated); otherwise a salt is zero.
    // Only RC2 and RC4 keys carry salt: the others skip its buffer.
    uint8_t salt[kMaxSaltBytes];
    const bool salted = kSaltedCiphers && plan.salt_length != 0;
    if (salted) {
        memset(salt, 0, sizeof salt);
        if (plan.flags & CRYPT_CREATE_SALT) {
            for (size_t i = 0; i < plan.salt_length && plan.key_length + i < plan.source_length; ++i) {
                salt[i] = source[plan.key_length + i];
            }
        }
    }
    const Error e = key_init(key, provider.personality->id, plan.algorithm, source, plan.key_length,
                             salted ? salt : nullptr, plan.salt_length, (plan.flags & CRYPT_EXPORTABLE) != 0);
    if (expanding) platform::secure_wipe(expanded, sizeof expanded);
    if (salted) platform::secure_wipe(salt, sizeof salt);
    return e;
}

}  // namespace tinycapi::objects
