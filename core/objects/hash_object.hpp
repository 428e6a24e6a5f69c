// The hash object behind an HCRYPTHASH and what the hash functions do to it once the API
// layer has checked handles and pointers (reference §3.7-3.12, §5.7-5.9).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/block_cipher.hpp"
#include "crypto/hash.hpp"
#include "error.hpp"
#include "handles/handle_table.hpp"  // TINYCAPI_PIN_LAYOUT_TAG
#include "key_object.hpp"
#include "provider.hpp"

namespace tinycapi::handles {
template <typename T>
struct Pool;
}  // namespace tinycapi::handles

namespace tinycapi::objects {

// CALG_SSL3_SHAMD5's value: MD5 ‖ SHA-1, set whole through HP_HASHVAL (reference §5.9).
constexpr DWORD kSsl3ShaMd5Size = 36;

enum class HashKind : uint8_t { plain, ssl3_shamd5, hmac, mac };

// CALG_HMAC (reference §5.7): inert until HP_HMAC_INFO names the hash; then the inner hash
// runs over the data and the outer one waits, its pad already absorbed.
struct HmacState {
    crypto::HashState inner;
    crypto::HashState outer;
};

// CALG_MAC (reference §5.8): CBC-MAC over a private copy of the key taken at CryptCreateHash.
// The schedule is rebuilt per call from the copied key bytes, which keeps the slot small.
struct MacState {
    crypto::BlockAlgorithm engine;
    uint8_t block_length;
    uint8_t cipher_key_length;
    uint8_t pending_length;
    DWORD effective_bits;
    uint8_t cipher_key[kMaxKeyBytes + kMaxSaltBytes];
    uint8_t chain[crypto::max_block_size];
    uint8_t pending[crypto::max_block_size];
};

struct Hash {
    ALG_ID algorithm;
    HashKind kind;
    bool finished;     // HP_HASHVAL read or set: CryptHashData now gives NTE_BAD_HASH_STATE
    bool hmac_ready;   // HP_HMAC_INFO applied
    DWORD value_size;  // HP_HASHSIZE
    HCRYPTKEY hmac_key;  // CALG_HMAC: looked up again when HP_HMAC_INFO arrives, as Windows does
    // One state at a time: while hashing the running state, once finished the value.
    union {
        crypto::HashState state;
        HmacState hmac;
        MacState mac;
        uint8_t value[crypto::max_digest_size];
    } data;
#if TINYCAPI_LEAK_REPORT
    LeakOrigin origin;
#endif
};

// The hash pool's wipe extent (handles::WipeExtentFunction): a finished hash holds its value
// in the union's first bytes and nothing after it (its states were wiped when it finished; the
// bytes past any state's live part were never written), so its slot's wipe can stop there.
inline size_t hash_wipe_extent(const void *object) {
    const Hash &hash = *static_cast<const Hash *>(object);
#if TINYCAPI_LEAK_REPORT
    (void)hash;
    return sizeof(Hash);  // the origin follows the union
#else
    return hash.finished ? offsetof(Hash, data) + sizeof hash.data.value : sizeof(Hash);
#endif
}

// CryptCreateHash's checks from step 4 on, before any slot is taken, so that a full pool
// never hides the error Windows gives. `key` is the pinned hKey, or null when hKey was 0.
Error hash_check(const Provider &provider, ALG_ID algorithm, const Key *key, DWORD flags);

// Fill a zeroed `hash` that hash_check accepted. A CALG_MAC takes a copy of the key and
// resets it (reference §5.6).
Error hash_create(ALG_ID algorithm, Key *key, HCRYPTKEY key_handle, Hash &hash);

// CryptHashData from step 2 on; the checks alone for callers that hash later.
Error hash_data(Hash &hash, const BYTE *data, DWORD length, DWORD flags);
Error hash_can_absorb(const Hash &hash);
// Absorb data into a hash that hash_can_absorb accepted.
Error hash_absorb(Hash &hash, const BYTE *data, size_t length);

// CryptGetHashParam from step 3 on.
Error hash_get_param(Hash &hash, DWORD param, BYTE *data, DWORD *length, DWORD flags);

// object_pools.hpp's PinnedKey, declared here as there (that header includes this one).
template <typename Pool, const Pool &(*pool)()>
class TINYCAPI_PIN_LAYOUT_TAG Pinned;
const handles::Pool<Key> &key_pool();
using PinnedKey = Pinned<handles::Pool<Key>, key_pool>;

// CryptSetHashParam from step 3 on. HP_HMAC_INFO pins the HMAC's key for its copy into
// *hmac_key, which the caller holds: its unpin is then the API layer's one out-of-line copy,
// not a second one inlined here (issue 16: code size on Cortex-M).
Error hash_set_param(Hash &hash, DWORD param, const BYTE *data, DWORD flags, PinnedKey *hmac_key);

// CryptDuplicateHash's copy: `copy` (zeroed) becomes independent of `original`.
void hash_duplicate(const Hash &original, Hash &copy);

// The hash value, finishing the hash if it is still hashing (HP_HASHVAL, CryptDeriveKey,
// CryptSignHash). Returns the value's bytes; hash.value_size of them.
const uint8_t *hash_finish(Hash &hash);

// CryptHashSessionKey from step 2 on.
Error hash_session_key(Hash &hash, const Key &key, DWORD flags);

// The plain hash engine of an ALG_ID (MD2 … SHA-512); false for every other ALG_ID.
bool hash_engine_of(ALG_ID algorithm, crypto::HashAlgorithm *engine);

}  // namespace tinycapi::objects
