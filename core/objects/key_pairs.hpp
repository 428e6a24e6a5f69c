// Key pairs live in the key container, not in the context (reference §2.3): CryptGenKey and a
// PRIVATEKEYBLOB import put a pair into the container's exchange or signature slot, and
// CryptGetUserKey hands out a new key object for it. A pair is a record of the port's store
// (named containers, or the ephemeral container of a verify context).
#pragma once

#include "error.hpp"
#include "key_object.hpp"
#include "provider.hpp"

namespace tinycapi::objects {

#if TINYCAPI_ENABLE_RSA

// AT_KEYEXCHANGE / AT_SIGNATURE for a pair's ALG_ID (CALG_RSA_KEYX / CALG_RSA_SIGN).
DWORD key_spec_of(ALG_ID algorithm);

// Store the private RSA key `key` as the container's pair for its key spec, replacing the pair
// there. keyset_storage_full when the store has no room for it, fail on a storage fault.
Error install_pair(Provider &provider, const Key &key);

// CryptGetUserKey from step 3 on: a key object for the container's pair of `key_spec`.
Error load_pair(const Provider &provider, DWORD key_spec, Key &key);

// The pair alone (CryptSignHash): no_key when the slot is empty. *exportable may be null.
Error load_pair_key(const Provider &provider, DWORD key_spec, crypto::RsaKey &rsa, bool *exportable);

// The same in two steps, for the cache of loaded pairs (pair_cache.hpp): the stored record as
// the store holds it (sealed when keys are encrypted at rest), then the key it makes.
struct PairRecord {
    unsigned name_space;
    char name[TINYCAPI_CONTAINER_NAME_MAX];
    DWORD key_spec;
    size_t length;
    uint8_t bytes[TINYCAPI_CONTAINER_RECORD_MAX];
};
Error read_pair_record(const Provider &provider, DWORD key_spec, PairRecord *out);
Error parse_pair_record(const PairRecord &stored, crypto::RsaKey &rsa, bool *exportable);

// none when the container holds a pair of `key_spec` (checked before a key slot is taken),
// no_key when it holds none, fail or keyset_entry_bad when the store cannot say.
Error pair_presence(const Provider &provider, DWORD key_spec);

// CryptGenKey of a pair, from step 3 on: the RSA length rules of the personality (reference
// §3.14), then a new pair that replaces the one in the container.
Error plan_pair(const Provider &provider, ALG_ID algorithm, DWORD flags, ALG_ID *pair_algorithm, DWORD *bits);
Error generate_pair(Provider &provider, ALG_ID pair_algorithm, DWORD bits, DWORD flags, Key &key);

#endif

// The provider pool's destroy hook: a verify context's ephemeral container dies with it.
void destroy_provider_object(void *provider);

}  // namespace tinycapi::objects
