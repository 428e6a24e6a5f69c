// CryptHashSessionKey (reference §3.26): the key bytes, without salt, into a hash — reversed
// ("big-endian form") unless CRYPT_LITTLE_ENDIAN asks for the stored order.
#include "hash_object.hpp"
#include "platform/secure_wipe.hpp"

namespace tinycapi::objects {

Error hash_session_key(Hash &hash, const Key &key, DWORD flags) {
    if (GET_ALG_CLASS(key.algorithm) != ALG_CLASS_DATA_ENCRYPT) return Error::bad_key;
    if (flags & ~static_cast<DWORD>(CRYPT_LITTLE_ENDIAN)) return Error::bad_flags;
    if (Error e = hash_can_absorb(hash); e != Error::none) return e;
    const KeyMaterial material = symmetric_material(key);
    if (material.bytes == nullptr) return Error::bad_key;  // a key pair: no session-key bytes
    const uint8_t *bytes = material.bytes;
    const size_t length = material.length;
    if (flags & CRYPT_LITTLE_ENDIAN) return hash_absorb(hash, bytes, length);
    uint8_t reversed[64];
    Error e = Error::none;
    // Longer keys (IPSEC HMAC keys) are reversed piece by piece, last piece first.
    for (size_t end = length; end > 0 && e == Error::none;) {
        const size_t n = end < sizeof reversed ? end : sizeof reversed;
        for (size_t i = 0; i < n; ++i) reversed[i] = bytes[end - 1 - i];
        e = hash_absorb(hash, reversed, n);
        end -= n;
    }
    platform::secure_wipe(reversed, sizeof reversed);
    return e;
}

}  // namespace tinycapi::objects
