// CryptCreateHash, CryptHashData, CryptGetHashParam, CryptSetHashParam, CryptDuplicateHash,
// CryptDestroyHash: handle and pointer checks in Windows' order (reference §3.7-3.12); the
// rest is core/objects/hash_object.
#include "api_result.hpp"
#include "objects/object_pools.hpp"
#include "platform/stack_scrub.hpp"

using namespace tinycapi::api;
using tinycapi::objects::PinnedHash;
using tinycapi::objects::PinnedKey;
using tinycapi::objects::PinnedProvider;
namespace objects = tinycapi::objects;

extern "C" {

BOOL WINAPI CryptCreateHash(HCRYPTPROV hProv, ALG_ID Algid, HCRYPTKEY hKey, DWORD dwFlags, HCRYPTHASH *phHash) {
    tinycapi::platform::ScrubStackOnReturn scrub(hKey != 0);  // a MAC copies its key (stack_scrub.hpp)
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    PinnedProvider provider;
    if (Error e = objects::pin_provider(hProv, &provider); e != Error::none) return fail(e);
    // Unkeyed hashes ignore hKey, but a non-zero one must still be live (reference §3.7).
    PinnedKey key;
    if (hKey != 0) {
        if (Error e = objects::pin_key(hKey, &key); e != Error::none) return fail(e);
    }
    if (phHash == nullptr) return fail(Error::invalid_parameter);
    *phHash = 0;  // every later failure leaves 0 (reference §1.3, library design)
    objects::Key *keyed = hKey != 0 ? &*key : nullptr;
    if (Error e = objects::hash_check(*provider, Algid, keyed, dwFlags); e != Error::none) return fail(e);
    PinnedHash hash;
    if (Error e = objects::create_hash(provider, &hash); e != Error::none) return fail(e);
    if (Error e = objects::hash_create(Algid, keyed, hKey, *hash); e != Error::none) {
        objects::discard(&hash);
        return fail(e);
    }
    *phHash = objects::publish(hash);
    return TRUE;
}

BOOL WINAPI CryptHashData(HCRYPTHASH hHash, const BYTE *pbData, DWORD dwDataLen, DWORD dwFlags) {
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    PinnedHash hash;
    if (Error e = objects::pin_hash(hHash, &hash); e != Error::none) return fail(e);
    return finish(objects::hash_data(*hash, pbData, dwDataLen, dwFlags));
}

BOOL WINAPI CryptGetHashParam(HCRYPTHASH hHash, DWORD dwParam, BYTE *pbData, DWORD *pdwDataLen, DWORD dwFlags) {
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    PinnedHash hash;
    if (Error e = objects::pin_hash(hHash, &hash); e != Error::none) return fail(e);
    if (pdwDataLen == nullptr) return fail(Error::invalid_parameter);
    return finish(objects::hash_get_param(*hash, dwParam, pbData, pdwDataLen, dwFlags));
}

BOOL WINAPI CryptSetHashParam(HCRYPTHASH hHash, DWORD dwParam, const BYTE *pbData, DWORD dwFlags) {
    tinycapi::platform::ScrubStackOnReturn scrub(dwParam == HP_HMAC_INFO);  // the HMAC's key (stack_scrub.hpp)
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    PinnedHash hash;
    if (Error e = objects::pin_hash(hHash, &hash); e != Error::none) return fail(e);
    if (pbData == nullptr) return fail(Error::invalid_parameter);
    return finish(objects::hash_set_param(*hash, dwParam, pbData, dwFlags));
}

BOOL WINAPI CryptDuplicateHash(HCRYPTHASH hHash, DWORD *pdwReserved, DWORD dwFlags, HCRYPTHASH *phHash) {
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    PinnedHash original;
    if (Error e = objects::pin_hash(hHash, &original); e != Error::none) return fail(e);
    if (pdwReserved != nullptr || phHash == nullptr) return fail(Error::invalid_parameter);
    *phHash = 0;
    if (dwFlags != 0) return fail(Error::invalid_parameter);  // reference §3.11 step 3
    PinnedHash copy;
    if (Error e = objects::create_hash_beside(original, &copy); e != Error::none) return fail(e);
    objects::hash_duplicate(*original, *copy);
    *phHash = objects::publish(copy);
    return TRUE;
}

BOOL WINAPI CryptDestroyHash(HCRYPTHASH hHash) {
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    return finish(objects::destroy_hash(hHash));
}

}  // extern "C"
