#include "hash_object.hpp"

#include <string.h>

#include "object_pools.hpp"
#include "platform/secure_wipe.hpp"
#include "size_query.hpp"
#include "tinycapi_config.h"

namespace tinycapi::objects {
namespace {

constexpr size_t kHmacDefaultPadBytes = 64;  // 64 × 0x36 / 0x5C, whatever the hash (reference §5.7)
constexpr size_t kIpsecKeyPrehashThreshold = 64;
// CALG_SSL3_SHAMD5 is in the personalities' tables only with MD5 and SHA-1 (personality.cpp);
// without them hash_check refuses it, so no hash is ever of that kind and its branches fold.
constexpr bool kSsl3ShaMd5 = TINYCAPI_ENABLE_MD5 && TINYCAPI_ENABLE_SHA1;

bool ok(crypto::CryptoStatus status) { return status == crypto::CryptoStatus::ok; }

// A copy of a fixed length: at -Os a call to memcpy, which GCC otherwise expands into a loop at
// each site (issue 16: code size); elsewhere expanded as before.
inline void copy_bytes(void *to, const void *from, size_t length) {
#if defined(__OPTIMIZE_SIZE__)
    __asm__("" : "+r"(length));
#endif
    memcpy(to, from, length);
}

// H(pad XOR K) absorbed into `state`, where pad is the caller's string with the caller's
// length, or `fill` repeated 64 times when the caller gave none.
bool absorb_pad(crypto::HashState &state, const BYTE *pad, DWORD pad_length, BYTE fill, const uint8_t *key,
                size_t key_length) {
    const size_t length = pad_length ? pad_length : kHmacDefaultPadBytes;
    uint8_t chunk[64];
    bool good = true;
    for (size_t done = 0; done < length && good;) {
        const size_t n = length - done < sizeof chunk ? length - done : sizeof chunk;
        for (size_t i = 0; i < n; ++i) {
            const size_t at = done + i;
            const uint8_t byte = pad_length ? pad[at] : fill;
            chunk[i] = static_cast<uint8_t>(byte ^ (at < key_length ? key[at] : 0));
        }
        good = ok(crypto::update(state, chunk, n));
        done += n;
    }
    platform::secure_wipe(chunk, sizeof chunk);
    return good;
}

Error apply_hmac_info(Hash &hash, const HMAC_INFO &info, PinnedKey &key) {
    crypto::HashAlgorithm engine;
    if (!hash_engine_of(info.HashAlgid, &engine)) return Error::bad_algid;
    if ((info.cbInnerString && !info.pbInnerString) || (info.cbOuterString && !info.pbOuterString)) {
        return Error::invalid_parameter;
    }
    // The key may have been destroyed since CryptCreateHash (reference §3.10: NTE_FAIL).
    if (Error e = pin_key(hash.hmac_key, &key); e != Error::none) return e == Error::busy ? e : Error::fail;
    const KeyMaterial material = symmetric_material(*key);
    if (material.bytes == nullptr) return Error::bad_key;  // hash_check refused key pairs already
    const uint8_t *k = material.bytes;
    size_t k_length = material.length;
    const DWORD value_size = static_cast<DWORD>(crypto::digest_size(engine));
    uint8_t digest[crypto::max_digest_size];
    // Both pads go into fresh states first; the hash changes only once they are complete.
    HmacState fresh;
    bool good = true;
    // An IPSEC key longer than the block is hashed first (reference §5.7, Windows-validated),
    // in the inner state, which starts again below.
    if (key->kind == KeyKind::hmac_only && k_length > kIpsecKeyPrehashThreshold) {
        good = ok(crypto::start(fresh.inner, engine)) && ok(crypto::update(fresh.inner, k, k_length)) &&
               ok(crypto::finish(fresh.inner, digest));
        k = digest;
        k_length = value_size;
    }
    good = good && ok(crypto::start(fresh.inner, engine)) && ok(crypto::start(fresh.outer, engine)) &&
           absorb_pad(fresh.inner, info.pbInnerString, info.cbInnerString, 0x36, k, k_length) &&
           absorb_pad(fresh.outer, info.pbOuterString, info.cbOuterString, 0x5C, k, k_length);
    platform::secure_wipe(digest, sizeof digest);
    if (good) {
        HmacState &hmac = hash.data.hmac;
        crypto::clone(hmac.inner, fresh.inner);
        crypto::clone(hmac.outer, fresh.outer);
        hash.hmac_ready = true;
        hash.finished = false;
        hash.value_size = value_size;
    }
    crypto::wipe(fresh.inner);
    crypto::wipe(fresh.outer);
    return good ? Error::none : Error::fail;
}

#if TINYCAPI_ENABLE_MAC
// One CBC-MAC step over whole blocks in `mac.pending`, with a schedule rebuilt from the copy.
bool mac_absorb(MacState &mac, const uint8_t *data, size_t length) {
    // Zeroed: set_key takes only a zeroed (unkeyed) or keyed cipher, and reads its tag.
    crypto::BlockCipher cipher{};
    if (!ok(crypto::set_key(cipher, mac.engine, mac.cipher_key, mac.cipher_key_length, mac.effective_bits))) {
        return false;
    }
    bool good = true;
    while (length > 0 && good) {
        const size_t room = static_cast<size_t>(mac.block_length - mac.pending_length);
        const size_t take = room < length ? room : length;
        memcpy(mac.pending + mac.pending_length, data, take);
        mac.pending_length = static_cast<uint8_t>(mac.pending_length + take);
        data += take;
        length -= take;
        if (mac.pending_length == mac.block_length) {
            good = ok(crypto::cbc_encrypt(cipher, mac.chain, mac.pending, mac.pending, mac.block_length));
            mac.pending_length = 0;
        }
    }
    crypto::wipe(cipher);
    return good;
}

void mac_create(Key &key, Hash &hash) {
    MacState &mac = hash.data.mac;
    mac.engine = key.cipher.block.algorithm;
    mac.block_length = key.block_length;
    mac.effective_bits = key.effective_bits;
    mac.cipher_key_length = static_cast<uint8_t>(key.key_length + key.salt_length);
    memcpy(mac.cipher_key, key.material, key.key_length);
    memcpy(mac.cipher_key + key.key_length, key.salt, key.salt_length);
    memcpy(mac.chain, key.iv, key.block_length);
    key_reset(key);  // creating a MAC resets its key (reference §5.6)
    hash.value_size = key.block_length;
}

// The MAC's value: PKCS#5 padding, a whole block when the data is aligned (Windows-validated).
void finish_mac(MacState &mac, uint8_t *value) {
    const uint8_t pad = static_cast<uint8_t>(mac.block_length - mac.pending_length);
    uint8_t padding[crypto::max_block_size];
    memset(padding, pad, pad);
    mac_absorb(mac, padding, pad);
    memcpy(value, mac.chain, mac.block_length);
    platform::secure_wipe(&mac, sizeof mac);
}
#endif  // TINYCAPI_ENABLE_MAC

// An HMAC's value into `digest` (max_digest_size zeroed bytes). The states are wiped where
// they lie, so the union's bytes past the value are zero, and a value never computed (no
// HP_HMAC_INFO) reads as zeroes.
void finish_hmac_into(Hash &hash, uint8_t *digest) {
    HmacState &hmac = hash.data.hmac;
    if (hash.hmac_ready) {
        crypto::finish_hmac(hmac.inner, hmac.outer, digest);  // wipes both states
    } else {
        crypto::wipe(hmac.inner);
        crypto::wipe(hmac.outer);
    }
}

#if !defined(__OPTIMIZE_SIZE__)
// An HMAC's value, on the short path PBKDF2 takes once per iteration: one digest buffer for
// both results, copied and wiped whole (fixed sizes: no library calls).
void finish_hmac(Hash &hash) {
    uint8_t digest[crypto::max_digest_size] = {};
    finish_hmac_into(hash, digest);
    static_assert(sizeof hash.data.value == sizeof digest, "the value is one digest buffer");
    memcpy(hash.data.value, digest, sizeof digest);
    platform::secure_wipe(digest, sizeof digest);
}
#endif

}  // namespace

bool hash_engine_of(ALG_ID algorithm, crypto::HashAlgorithm *engine) {
    // Only the build's engines have a case: a switched-off one is no engine (and no code).
    switch (algorithm) {
#if TINYCAPI_ENABLE_MD2
        case CALG_MD2: *engine = crypto::HashAlgorithm::md2; return true;
#endif
#if TINYCAPI_ENABLE_MD4
        case CALG_MD4: *engine = crypto::HashAlgorithm::md4; return true;
#endif
#if TINYCAPI_ENABLE_MD5
        case CALG_MD5: *engine = crypto::HashAlgorithm::md5; return true;
#endif
#if TINYCAPI_ENABLE_SHA1
        case CALG_SHA1: *engine = crypto::HashAlgorithm::sha1; return true;
#endif
#if TINYCAPI_ENABLE_SHA256
        case CALG_SHA_256: *engine = crypto::HashAlgorithm::sha256; return true;
#endif
#if TINYCAPI_ENABLE_SHA384_512
        case CALG_SHA_384: *engine = crypto::HashAlgorithm::sha384; return true;
        case CALG_SHA_512: *engine = crypto::HashAlgorithm::sha512; return true;
#endif
        default: return false;
    }
}

Error hash_check(const Provider &provider, ALG_ID algorithm, const Key *key, DWORD flags) {
    if (flags != 0) return Error::bad_flags;
    // Not in the personality's table, or in it but not a hash (e.g. CALG_RC4): both are
    // NTE_BAD_ALGID (reference §3.7 step 5).
    if (find_algorithm(*provider.personality, algorithm) == nullptr || GET_ALG_CLASS(algorithm) != ALG_CLASS_HASH) {
        return Error::bad_algid;
    }
    crypto::HashAlgorithm engine;
    switch (algorithm) {
        // Windows-validated: HMAC with hKey 0 → NTE_BAD_KEY; a MAC needs a block cipher (RC4 →
        // NTE_BAD_KEY). A key pair has no bytes to key an HMAC with (library design, issue 17).
        case CALG_HMAC:
            return key == nullptr || symmetric_material(*key).bytes == nullptr ? Error::bad_key : Error::none;
#if TINYCAPI_ENABLE_MAC
        case CALG_MAC: return key == nullptr || key->kind != KeyKind::block ? Error::bad_key : Error::none;
#endif
        case CALG_SSL3_SHAMD5: return kSsl3ShaMd5 ? Error::none : Error::bad_algid;
        default: return hash_engine_of(algorithm, &engine) ? Error::none : Error::bad_algid;
    }
}

Error hash_create(ALG_ID algorithm, Key *key, HCRYPTKEY key_handle, Hash &hash) {
    hash.algorithm = algorithm;
    switch (algorithm) {
        case CALG_HMAC:
            hash.kind = HashKind::hmac;
            hash.hmac_key = key_handle;
            return Error::none;  // HP_HASHSIZE stays 0 until HP_HMAC_INFO (Windows-validated)
#if TINYCAPI_ENABLE_MAC
        case CALG_MAC:
            hash.kind = HashKind::mac;
            mac_create(*key, hash);
            return Error::none;
#else
        case CALG_MAC: (void)key; return Error::fail;  // hash_check refused it
#endif
        case CALG_SSL3_SHAMD5:
            if (!kSsl3ShaMd5) return Error::fail;  // hash_check refused it
            hash.kind = HashKind::ssl3_shamd5;
            hash.value_size = kSsl3ShaMd5Size;
            return Error::none;
        default: break;
    }
    crypto::HashAlgorithm engine;
    if (!hash_engine_of(algorithm, &engine) || !ok(crypto::start(hash.data.state, engine))) return Error::fail;
    hash.kind = HashKind::plain;
    hash.value_size = static_cast<DWORD>(crypto::digest_size(engine));
    return Error::none;
}

Error hash_can_absorb(const Hash &hash) {
    if (kSsl3ShaMd5 && hash.kind == HashKind::ssl3_shamd5) return Error::bad_algid;  // Windows-validated
    if (hash.finished) return Error::bad_hash_state;
    return Error::none;
}

Error hash_absorb(Hash &hash, const BYTE *data, size_t length) {
    bool good = true;
    switch (hash.kind) {
        case HashKind::plain: good = ok(crypto::update(hash.data.state, data, length)); break;
        // Before HP_HMAC_INFO the data is dropped and the call succeeds (Wine; docs/COMPATIBILITY.md).
        case HashKind::hmac: good = !hash.hmac_ready || ok(crypto::update(hash.data.hmac.inner, data, length)); break;
#if TINYCAPI_ENABLE_MAC
        case HashKind::mac: good = mac_absorb(hash.data.mac, data, length); break;
#else
        case HashKind::mac: break;  // never created
#endif
        case HashKind::ssl3_shamd5: break;
    }
    return good ? Error::none : Error::fail;
}

Error hash_data(Hash &hash, const BYTE *data, DWORD length, DWORD flags) {
    // CRYPT_USERDATA is accepted and does nothing (Windows-validated).
    if (flags & ~static_cast<DWORD>(CRYPT_USERDATA)) return Error::bad_flags;
    if (Error e = hash_can_absorb(hash); e != Error::none) return e;
    if (data == nullptr && length > 0) return Error::invalid_parameter;
    if (length == 0) return Error::none;
    return hash_absorb(hash, data, length);
}

const uint8_t *hash_finish(Hash &hash) {
    if (hash.finished) return hash.data.value;
#if !defined(__OPTIMIZE_SIZE__)
    // Its own path where speed is asked for; at -Os the HMAC shares the one below.
    if (hash.kind == HashKind::hmac) {
        finish_hmac(hash);
        hash.finished = true;
        return hash.data.value;
    }
#endif
    uint8_t value[crypto::max_digest_size] = {};
    switch (hash.kind) {
        case HashKind::plain:
            crypto::finish(hash.data.state, value);
            crypto::wipe(hash.data.state);
            break;
        case HashKind::mac:
#if TINYCAPI_ENABLE_MAC
            finish_mac(hash.data.mac, value);
#endif
            break;
        case HashKind::ssl3_shamd5:
            // A value never set reads as zeroes (docs/COMPATIBILITY.md).
            if (kSsl3ShaMd5) memcpy(value, hash.data.value, kSsl3ShaMd5Size);
            break;
        case HashKind::hmac: finish_hmac_into(hash, value); break;
    }
    copy_bytes(hash.data.value, value, sizeof value);
    platform::secure_wipe(value, sizeof value);
    hash.finished = true;
    return hash.data.value;
}

Error hash_get_param(Hash &hash, DWORD param, BYTE *data, DWORD *length, DWORD flags) {
    if (flags != 0) return Error::bad_flags;
    // One copy_out for the two DWORDs (code size); the value's own, as before, on the path
    // every PBKDF2 iteration takes.
    // ALG_ID and DWORD are both 32 bits but distinct types where DWORD is unsigned long.
    static_assert(sizeof hash.algorithm == sizeof(DWORD) && sizeof hash.value_size == sizeof(DWORD), "DWORD values");
    const void *value;
    switch (param) {
        case HP_ALGID: value = &hash.algorithm; break;
        case HP_HASHSIZE: value = &hash.value_size; break;
        // Every request finishes the hash, size queries and short buffers included
        // (reference §3.9; Wine's behaviour, kept: docs/COMPATIBILITY.md).
        case HP_HASHVAL: return copy_out(hash_finish(hash), hash.value_size, data, length);
        default: return Error::bad_type;
    }
    return copy_out(value, sizeof(DWORD), data, length);
}

Error hash_set_param(Hash &hash, DWORD param, const BYTE *data, DWORD flags, PinnedKey *hmac_key) {
    if (flags != 0) return Error::bad_flags;
    switch (param) {
        case HP_HMAC_INFO: {
            if (hash.kind != HashKind::hmac) return Error::bad_type;
            HMAC_INFO info;
            copy_bytes(&info, data, sizeof info);  // the caller's struct may be unaligned
            // Setting it again restarts the HMAC (reference §3.10); a failed one changes nothing.
            return apply_hmac_info(hash, info, *hmac_key);
        }
        case HP_HASHVAL: {
            // HP_HASHSIZE bytes, no length argument (reference §3.10 step 5); finishes the hash.
            if (!hash.finished) hash_finish(hash);
            memcpy(hash.data.value, data, hash.value_size);
            return Error::none;
        }
        default: return Error::bad_type;
    }
}

void hash_duplicate(const Hash &original, Hash &copy) {
    // The header (ALG_ID, kind, flags, sizes, HMAC key handle) in one block, padding and all.
    copy_bytes(&copy, &original, offsetof(Hash, data));
    if (original.finished) {
        copy_bytes(copy.data.value, original.data.value, sizeof copy.data.value);
        return;
    }
    switch (original.kind) {
        case HashKind::plain: crypto::clone(copy.data.state, original.data.state); break;
        case HashKind::hmac:
            crypto::clone(copy.data.hmac.inner, original.data.hmac.inner);
            crypto::clone(copy.data.hmac.outer, original.data.hmac.outer);
            break;
        case HashKind::mac:
#if TINYCAPI_ENABLE_MAC
            copy.data.mac = original.data.mac;
#endif
            break;
        case HashKind::ssl3_shamd5:
            if (kSsl3ShaMd5) memcpy(copy.data.value, original.data.value, sizeof copy.data.value);
            break;
    }
}

}  // namespace tinycapi::objects
