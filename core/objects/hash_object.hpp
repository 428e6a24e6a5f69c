// The hash object behind an HCRYPTHASH and what the hash functions do to it once the API
// layer has checked handles and pointers (reference §3.7-3.12, §5.9).
#pragma once

#include <stdint.h>

#include "crypto/hash.hpp"
#include "error.hpp"
#include "provider.hpp"

namespace tinycapi::objects {

// CALG_SSL3_SHAMD5's value: MD5 ‖ SHA-1, set whole through HP_HASHVAL (reference §5.9).
constexpr DWORD kSsl3ShaMd5Size = 36;

struct Hash {
    ALG_ID algorithm;
    DWORD value_size;  // HP_HASHSIZE
    bool finished;     // HP_HASHVAL read or set: CryptHashData now gives NTE_BAD_HASH_STATE
    // While hashing the state is live; once finished it is wiped and the value takes its place,
    // so a slot costs the largest hash state plus a few bytes.
    union {
        crypto::HashState state;
        uint8_t value[crypto::max_digest_size];
    } data;
};

// CryptCreateHash from step 4 on (flags, algorithm, keyed hashes): fills a zeroed `hash`.
Error hash_create(const Provider &provider, ALG_ID algorithm, DWORD flags, Hash &hash);

// CryptHashData from step 2 on.
Error hash_data(Hash &hash, const BYTE *data, DWORD length, DWORD flags);

// CryptGetHashParam from step 3 on.
Error hash_get_param(Hash &hash, DWORD param, BYTE *data, DWORD *length, DWORD flags);

// CryptSetHashParam from step 3 on.
Error hash_set_param(Hash &hash, DWORD param, const BYTE *data, DWORD flags);

// CryptDuplicateHash's copy: `copy` (zeroed) becomes independent of `original`.
void hash_duplicate(const Hash &original, Hash &copy);

// The hash value, finishing the hash if it is still hashing (HP_HASHVAL, and later
// CryptDeriveKey and CryptSignHash). Returns the value's bytes; hash.value_size of them.
const uint8_t *hash_finish(Hash &hash);

}  // namespace tinycapi::objects
