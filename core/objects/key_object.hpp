// The session-key object behind an HCRYPTKEY (reference §3.13-3.22, §5): its algorithm,
// lengths, salt, parameters, the one chaining state CryptEncrypt and CryptDecrypt share, and
// the cipher schedule. RSA keys join in a later issue.
#pragma once

#include <stdint.h>

#include "crypto/block_cipher.hpp"
#include "crypto/rsa.hpp"
#include "crypto/stream_cipher.hpp"
#include "error.hpp"
#include "leak_origin.hpp"
#include "personality.hpp"
#include "tinycapi_config.h"

namespace tinycapi::objects {

// Longest salt: KP_SALT_EX accepts up to 24 bytes (reference §3.20). Only RC2 and RC4 keys
// carry salt, so a build without both keeps a single unused byte.
constexpr bool kSaltedCiphers = TINYCAPI_ENABLE_RC2 || TINYCAPI_ENABLE_RC4;
constexpr size_t kMaxSaltBytes = kSaltedCiphers ? 24 : 1;
// Longest key material: 3DES 24, AES 32, RC2/RC4 16, over-long RC2 SIMPLEBLOB keys 64.
constexpr size_t kMaxKeyBytes = TINYCAPI_ENABLE_RC2 ? 64 : 32;
// Salt of a 40-bit RC2/RC4 key, and of CRYPT_CREATE_SALT on Base/Strong (reference §5.3).
constexpr size_t kStandardSaltBytes = 11;

constexpr DWORD kDefaultPermissions =
    CRYPT_ENCRYPT | CRYPT_DECRYPT | CRYPT_READ | CRYPT_WRITE | CRYPT_MAC;  // 0x3B

enum class KeyKind : uint8_t {
    block,      // AES, DES, 3DES, RC2
    stream,     // RC4
    hmac_only,  // a CRYPT_IPSEC_HMAC_KEY import: key bytes for HMAC, no cipher
    rsa         // CALG_RSA_KEYX / CALG_RSA_SIGN, public or a pair
};

struct Key {
    ALG_ID algorithm;
    KeyKind kind;
    PersonalityId personality;
    uint16_t key_length;      // bytes of key material (KP_KEYLEN / 8)
    uint8_t salt_length;      // bytes of salt the cipher key carries after the key bytes
    uint8_t block_length;     // bytes; 0 for RC4
    DWORD effective_bits;     // RC2's T1 (KP_EFFECTIVE_KEYLEN)
    DWORD permissions;        // KP_PERMISSIONS
    DWORD mode;               // KP_MODE
    DWORD mode_bits;          // KP_MODE_BITS
    uint8_t iv[crypto::max_block_size];     // the configured IV (KP_IV)
    uint8_t chain[crypto::max_block_size];  // the running CBC vector / CFB register
    uint8_t material[kMaxKeyBytes];
    uint8_t salt[kMaxSaltBytes];
    union {
        crypto::BlockCipher block;
        crypto::StreamCipher stream;
        uint8_t hmac_key[TINYCAPI_MAX_HMAC_KEY_BYTES];  // kind hmac_only: the key bytes
#if TINYCAPI_ENABLE_RSA
        crypto::RsaKey rsa;  // kind rsa: numbers in the arena, released by destroy_key_object
#endif
    } cipher;
#if TINYCAPI_LEAK_REPORT
    LeakOrigin origin;
#endif
};

// The key pool's destroy hook: releases what a key holds outside its slot (an RSA key's arena
// memory). Called with no lock held, before the slot is wiped.
void destroy_key_object(void *key);

#if TINYCAPI_ENABLE_RSA
// Every code path that makes an RSA key calls this first. It lets destroy_key_object release
// RSA keys without naming the backend's RSA key code itself, so an image that never makes an RSA
// key links neither that code nor its arena (the context lifecycle alone would otherwise pull
// both in).
void enable_rsa_keys();
#endif

// The cipher an ALG_ID names, with its block length; false for anything that is not a
// session-key algorithm of this build.
bool is_session_key_algorithm(ALG_ID algorithm);

// Start a zeroed key (a slot just created) of `algorithm` from `key_length` bytes of material and `salt_length` bytes of
// salt (zero salt when `salt` is null): every parameter at its Windows default (reference
// §5.4), the cipher scheduled, the chain at the IV. fail if the backend refuses.
// Only for entry points that scrub the stack on return (platform::ScrubStackOnReturn): the key
// expansion leaves the stack below it to them (crypto::ScheduleScrub::by_caller).
Error key_init(Key &key, PersonalityId personality, ALG_ID algorithm, const uint8_t *material, size_t key_length,
               const uint8_t *salt, size_t salt_length, bool exportable);

// Schedule the cipher again from material ‖ salt and the effective length, and reset the
// chain (KP_SALT, KP_SALT_EX, KP_EFFECTIVE_KEYLEN).
Error key_rekey(Key &key);

// The reset of reference §5.6: chain back to the IV; RC4 restarts from its key.
void key_reset(Key &key);

// KP_KEYLEN in bits.
inline DWORD key_bits(const Key &key) { return static_cast<DWORD>(key.key_length) * 8; }

// The key bytes without salt: what PLAINTEXTKEYBLOB and SIMPLEBLOB export, HMAC keys with and
// CryptHashSessionKey hashes. A key pair has none (length 0): its key_length is the modulus
// length, and nothing of it may be read as session-key bytes (issue 17).
struct KeyMaterial {
    const uint8_t *bytes;
    size_t length;
};
inline KeyMaterial symmetric_material(const Key &key) {
    switch (key.kind) {
        case KeyKind::hmac_only: return {key.cipher.hmac_key, key.key_length};
        case KeyKind::rsa: return {nullptr, 0};
        default: return {key.material, key.key_length};
    }
}

}  // namespace tinycapi::objects

namespace tinycapi::objects {

// CryptDuplicateKey: `copy` (zeroed) becomes an independent copy of the whole state, chain,
// IV, mode, salt, permissions and effective length included (reference §3.21). no_memory when
// an RSA key's copy does not fit in the arena.
Error key_duplicate(const Key &original, Key &copy);

}  // namespace tinycapi::objects
