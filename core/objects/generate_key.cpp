// CryptGenKey for session keys (reference §3.14 step 4): random key bytes from the library's
// DRBG, lengths and salt as for CryptDeriveKey.
#include "crypto/random.hpp"
#include "key_rules.hpp"
#include "platform/secure_wipe.hpp"
#include "session_key_creation.hpp"

namespace tinycapi::objects {

Error plan_generated_key(const Provider &provider, ALG_ID algorithm, DWORD flags, KeyPlan *plan) {
    const AlgorithmInfo *info = find_algorithm(*provider.personality, algorithm);
    // CALG_AES (0x6611) is in no table (Windows-validated: NTE_BAD_ALGID).
    if (info == nullptr || !is_session_key_algorithm(algorithm)) return Error::bad_algid;
    if (Error e = requested_key_bytes(*info, length_bits_of(flags), &plan->key_length); e != Error::none) return e;
    plan->algorithm = algorithm;
    plan->source_length = plan->key_length;
    plan->flags = key_flags_of(flags);
    plan->salt_length = salt_bytes_for(provider.personality->id, algorithm, plan->key_length, plan->flags);
    return Error::none;
}

Error generate_key(const Provider &provider, const KeyPlan &plan, Key &key) {
    uint8_t material[kMaxKeyBytes];
    uint8_t salt[kMaxSaltBytes] = {};
    // A created salt is random (reference §5.3); the zero salt of 40-bit keys stays zero.
    const size_t random_salt = (plan.flags & CRYPT_CREATE_SALT) ? plan.salt_length : 0;
    Error e = Error::none;
    if (crypto::random_generate(material, plan.key_length) != crypto::CryptoStatus::ok ||
        crypto::random_generate(salt, random_salt) != crypto::CryptoStatus::ok) {
        e = Error::fail;
    } else {
        e = key_init(key, provider.personality->id, plan.algorithm, material, plan.key_length, salt, plan.salt_length,
                     (plan.flags & CRYPT_EXPORTABLE) != 0);
    }
    platform::secure_wipe(material, sizeof material);
    platform::secure_wipe(salt, sizeof salt);
    return e;
}

}  // namespace tinycapi::objects
