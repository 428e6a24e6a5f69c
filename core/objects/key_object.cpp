#include "key_object.hpp"

#include <string.h>

#include <atomic>

#include "platform/secure_wipe.hpp"

namespace tinycapi::objects {
namespace {

bool block_engine_of(ALG_ID algorithm, crypto::BlockAlgorithm *engine) {
    switch (algorithm) {
        case CALG_AES_128: *engine = crypto::BlockAlgorithm::aes128; break;
        case CALG_AES_192: *engine = crypto::BlockAlgorithm::aes192; break;
        case CALG_AES_256: *engine = crypto::BlockAlgorithm::aes256; break;
        case CALG_DES: *engine = crypto::BlockAlgorithm::des; break;
        case CALG_3DES_112: *engine = crypto::BlockAlgorithm::des3_112; break;
        case CALG_3DES: *engine = crypto::BlockAlgorithm::des3; break;
        case CALG_RC2: *engine = crypto::BlockAlgorithm::rc2; break;
        default: return false;
    }
    return crypto::is_enabled(*engine);
}

bool is_stream_algorithm(ALG_ID algorithm) {
    return algorithm == CALG_RC4 && crypto::is_enabled(crypto::StreamAlgorithm::rc4);
}

// RC2 and RC4 take key bytes ‖ salt bytes as their cipher key (reference §5.2).
size_t cipher_key(const Key &key, uint8_t *out) {
    memcpy(out, key.material, key.key_length);
    memcpy(out + key.key_length, key.salt, key.salt_length);
    return static_cast<size_t>(key.key_length) + key.salt_length;
}

Error schedule(Key &key, crypto::ScheduleScrub scrub = crypto::ScheduleScrub::here) {
    uint8_t raw[kMaxKeyBytes + kMaxSaltBytes];
    const size_t length = cipher_key(key, raw);
    crypto::CryptoStatus status = crypto::CryptoStatus::failure;
    crypto::BlockAlgorithm engine;
    if (key.kind == KeyKind::block && block_engine_of(key.algorithm, &engine)) {
        status = crypto::set_key(key.cipher.block, engine, raw, length, key.effective_bits, scrub);
    } else if (key.kind == KeyKind::stream) {
        status = crypto::set_key(key.cipher.stream, crypto::StreamAlgorithm::rc4, raw, length);
    }
    platform::secure_wipe(raw, sizeof raw);
    return status == crypto::CryptoStatus::ok ? Error::none : Error::fail;
}

}  // namespace

bool is_session_key_algorithm(ALG_ID algorithm) {
    crypto::BlockAlgorithm engine;
    return block_engine_of(algorithm, &engine) || is_stream_algorithm(algorithm);
}

Error key_init(Key &key, PersonalityId personality, ALG_ID algorithm, const uint8_t *material, size_t key_length,
               const uint8_t *salt, size_t salt_length, bool exportable) {
    crypto::BlockAlgorithm engine;
    if (block_engine_of(algorithm, &engine)) {
        key.kind = KeyKind::block;
        key.block_length = static_cast<uint8_t>(crypto::block_size(engine));
    } else if (is_stream_algorithm(algorithm)) {
        key.kind = KeyKind::stream;
        key.block_length = 0;
    } else {
        return Error::bad_algid;
    }
    key.algorithm = algorithm;
    key.personality = personality;
    key.key_length = static_cast<uint16_t>(key_length);
    memcpy(key.material, material, key_length);
    key.salt_length = static_cast<uint8_t>(salt_length);
    if (salt) memcpy(key.salt, salt, salt_length);
    // RC2's effective length defaults to the key length without salt (reference §5.2).
    key.effective_bits = key_bits(key);
    key.permissions = kDefaultPermissions | (exportable ? CRYPT_EXPORT : 0);
    key.mode = key.kind == KeyKind::block ? CRYPT_MODE_CBC : 0;  // reference §5.4
    key.mode_bits = 8;
    // Every caller is an entry point that scrubs 4 KiB below its frame on return (key_object.hpp).
    if (Error e = schedule(key, crypto::ScheduleScrub::by_caller); e != Error::none) return e;
    key_reset(key);
    return Error::none;
}

Error key_rekey(Key &key) {
    if (Error e = schedule(key); e != Error::none) return e;
    key_reset(key);
    return Error::none;
}

void key_reset(Key &key) {
    if (key.kind == KeyKind::block) {
        memcpy(key.chain, key.iv, key.block_length);
    } else if (key.kind == KeyKind::stream) {
        schedule(key);  // cannot fail: the same key scheduled before
    }
}

}  // namespace tinycapi::objects

namespace tinycapi::objects {

#if TINYCAPI_ENABLE_RSA
namespace {
std::atomic<void (*)(crypto::RsaKey &)> release_rsa_key{nullptr};
}  // namespace

void enable_rsa_keys() { release_rsa_key.store(crypto::rsa_free, std::memory_order_relaxed); }
#endif

void destroy_key_object(void *object) {
#if TINYCAPI_ENABLE_RSA
    Key &key = *static_cast<Key *>(object);
    // An RSA key exists only after enable_rsa_keys ran, so the hook is set whenever it is needed.
    if (key.kind == KeyKind::rsa) {
        if (void (*release)(crypto::RsaKey &) = release_rsa_key.load(std::memory_order_relaxed)) release(key.cipher.rsa);
    }
#else
    (void)object;
#endif
}

Error key_duplicate(const Key &original, Key &copy) {
    copy.algorithm = original.algorithm;
    copy.kind = original.kind;
    copy.personality = original.personality;
    copy.key_length = original.key_length;
    copy.salt_length = original.salt_length;
    copy.block_length = original.block_length;
    copy.effective_bits = original.effective_bits;
    copy.permissions = original.permissions;
    copy.mode = original.mode;
    copy.mode_bits = original.mode_bits;
    memcpy(copy.iv, original.iv, sizeof copy.iv);
    memcpy(copy.chain, original.chain, sizeof copy.chain);
    memcpy(copy.material, original.material, sizeof copy.material);
    memcpy(copy.salt, original.salt, sizeof copy.salt);
    switch (original.kind) {
        case KeyKind::block: crypto::clone(copy.cipher.block, original.cipher.block); break;
        case KeyKind::stream: crypto::clone(copy.cipher.stream, original.cipher.stream); break;
        case KeyKind::hmac_only: memcpy(copy.cipher.hmac_key, original.cipher.hmac_key, sizeof copy.cipher.hmac_key); break;
        case KeyKind::rsa:
#if TINYCAPI_ENABLE_RSA
            switch (crypto::rsa_copy(copy.cipher.rsa, original.cipher.rsa)) {
                case crypto::CryptoStatus::ok: break;
                case crypto::CryptoStatus::no_memory: return Error::no_memory;
                default: return Error::fail;
            }
#endif
            break;
    }
    return Error::none;
}

}  // namespace tinycapi::objects
