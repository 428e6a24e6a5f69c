#include "hash_object.hpp"

#include <string.h>

#include "platform/secure_wipe.hpp"
#include "size_query.hpp"

namespace tinycapi::objects {
namespace {

// The engine of each plain hash ALG_ID; false for everything else.
bool engine_of(ALG_ID algorithm, crypto::HashAlgorithm *engine) {
    switch (algorithm) {
        case CALG_MD2: *engine = crypto::HashAlgorithm::md2; return true;
        case CALG_MD4: *engine = crypto::HashAlgorithm::md4; return true;
        case CALG_MD5: *engine = crypto::HashAlgorithm::md5; return true;
        case CALG_SHA1: *engine = crypto::HashAlgorithm::sha1; return true;
        case CALG_SHA_256: *engine = crypto::HashAlgorithm::sha256; return true;
        case CALG_SHA_384: *engine = crypto::HashAlgorithm::sha384; return true;
        case CALG_SHA_512: *engine = crypto::HashAlgorithm::sha512; return true;
        default: return false;
    }
}

}  // namespace

Error hash_create(const Provider &provider, ALG_ID algorithm, DWORD flags, Hash &hash) {
    if (flags != 0) return Error::bad_flags;
    // Not in the personality's table, or in it but not a hash (e.g. CALG_RC4): both are
    // NTE_BAD_ALGID (reference §3.7 step 5).
    if (find_algorithm(*provider.personality, algorithm) == nullptr || GET_ALG_CLASS(algorithm) != ALG_CLASS_HASH) {
        return Error::bad_algid;
    }
    // Keyed hashes need a live key (Windows-validated: HMAC with hKey 0 → NTE_BAD_KEY). Until
    // session keys exist no key can be live, so here they always lack one.
    if (algorithm == CALG_HMAC || algorithm == CALG_MAC) return Error::bad_key;
    hash.algorithm = algorithm;
    if (algorithm == CALG_SSL3_SHAMD5) {
        hash.value_size = kSsl3ShaMd5Size;
        return Error::none;
    }
    crypto::HashAlgorithm engine;
    if (!engine_of(algorithm, &engine) || crypto::start(hash.data.state, engine) != crypto::CryptoStatus::ok) {
        return Error::bad_algid;
    }
    hash.value_size = static_cast<DWORD>(crypto::digest_size(engine));
    return Error::none;
}

Error hash_data(Hash &hash, const BYTE *data, DWORD length, DWORD flags) {
    // CRYPT_USERDATA is accepted and does nothing (Windows-validated).
    if (flags & ~static_cast<DWORD>(CRYPT_USERDATA)) return Error::bad_flags;
    if (hash.algorithm == CALG_SSL3_SHAMD5) return Error::bad_algid;  // Windows-validated
    if (hash.finished) return Error::bad_hash_state;
    if (data == nullptr && length > 0) return Error::invalid_parameter;
    if (length == 0) return Error::none;
    return crypto::update(hash.data.state, data, length) == crypto::CryptoStatus::ok ? Error::none : Error::fail;
}

const uint8_t *hash_finish(Hash &hash) {
    if (!hash.finished) {
        if (hash.algorithm != CALG_SSL3_SHAMD5) {
            uint8_t digest[crypto::max_digest_size];
            crypto::finish(hash.data.state, digest);
            crypto::wipe(hash.data.state);
            memcpy(hash.data.value, digest, hash.value_size);
            platform::secure_wipe(digest, sizeof digest);
        }
        // An SSL3_SHAMD5 value never set reads as zeroes (docs/COMPATIBILITY.md).
        hash.finished = true;
    }
    return hash.data.value;
}

Error hash_get_param(Hash &hash, DWORD param, BYTE *data, DWORD *length, DWORD flags) {
    if (flags != 0) return Error::bad_flags;
    switch (param) {
        case HP_ALGID: return copy_out_dword(hash.algorithm, data, length);
        case HP_HASHSIZE: return copy_out_dword(hash.value_size, data, length);
        // Every request finishes the hash, size queries and short buffers included
        // (reference §3.9; Wine's behaviour, kept: docs/COMPATIBILITY.md).
        case HP_HASHVAL: return copy_out(hash_finish(hash), hash.value_size, data, length);
        default: return Error::bad_type;
    }
}

Error hash_set_param(Hash &hash, DWORD param, const BYTE *data, DWORD flags) {
    if (flags != 0) return Error::bad_flags;
    switch (param) {
        case HP_HASHVAL:
            // HP_HASHSIZE bytes, no length argument (reference §3.10 step 5); finishes the hash.
            if (!hash.finished && hash.algorithm != CALG_SSL3_SHAMD5) crypto::wipe(hash.data.state);
            memcpy(hash.data.value, data, hash.value_size);
            hash.finished = true;
            return Error::none;
        default: return Error::bad_type;
    }
}

void hash_duplicate(const Hash &original, Hash &copy) {
    copy.algorithm = original.algorithm;
    copy.value_size = original.value_size;
    copy.finished = original.finished;
    if (original.finished || original.algorithm == CALG_SSL3_SHAMD5) {
        memcpy(copy.data.value, original.data.value, sizeof copy.data.value);
    } else {
        crypto::clone(copy.data.state, original.data.state);
    }
}

}  // namespace tinycapi::objects
