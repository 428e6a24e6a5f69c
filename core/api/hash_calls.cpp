// CryptCreateHash, CryptHashData, CryptGetHashParam, CryptSetHashParam, CryptDuplicateHash,
// CryptDestroyHash: handle and pointer checks in Windows' order (reference §3.7-3.12); the
// rest is core/objects/hash_object.
//
// Each call's steps return the first failure's Error to one finish(), and every pin the call
// may take lives from its start: a failure at any step then leaves through one exit that
// unpins whatever was pinned (an unpinned Pin's unpin does nothing), where an early return
// per step repeated the unpins at each one (issue 16: code size on Cortex-M). The order of
// the checks and of the unpins is that of the steps.
#include "api_result.hpp"
#include "objects/object_pools.hpp"
#include "platform/stack_scrub.hpp"

using namespace tinycapi::api;
using tinycapi::objects::PinnedHash;
using tinycapi::objects::PinnedKey;
using tinycapi::objects::PinnedProvider;
namespace objects = tinycapi::objects;

namespace {

// `caller` is the entry point's return address, for the leak report (object_pools.hpp).
TINYCAPI_CALL_STEPS Error create_hash(HCRYPTPROV hProv, ALG_ID Algid, HCRYPTKEY hKey, DWORD dwFlags, HCRYPTHASH *phHash,
                  const void *caller) {
    PinnedProvider provider;
    PinnedKey key;
    PinnedHash hash;
    if (Error e = ensure_port("CryptCreateHash"); e != Error::none) return e;
    if (Error e = objects::pin_provider(hProv, &provider); e != Error::none) return e;
    // Unkeyed hashes ignore hKey, but a non-zero one must still be live (reference §3.7).
    if (hKey != 0) {
        if (Error e = objects::pin_key(hKey, &key); e != Error::none) return e;
    }
    if (phHash == nullptr) return Error::invalid_parameter;
    *phHash = 0;  // every later failure leaves 0 (reference §1.3, library design)
    objects::Key *keyed = hKey != 0 ? &*key : nullptr;
    if (Error e = objects::hash_check(*provider, Algid, keyed, dwFlags); e != Error::none) return e;
    if (Error e = objects::create_hash(provider, &hash); e != Error::none) return e;
    if (Error e = objects::hash_create(Algid, keyed, hKey, *hash); e != Error::none) {
        objects::discard(&hash);
        return e;
    }
    *phHash = objects::publish(hash, "CryptCreateHash", caller);
    return Error::none;
}

TINYCAPI_CALL_STEPS Error duplicate_hash(HCRYPTHASH hHash, DWORD *pdwReserved, DWORD dwFlags, HCRYPTHASH *phHash, const void *caller) {
    PinnedHash original;
    PinnedHash copy;
    if (Error e = ensure_port("CryptDuplicateHash"); e != Error::none) return e;
    if (pdwReserved != nullptr || phHash == nullptr || dwFlags != 0) {
        // The handle is checked first all the same (reference §3.11); nothing is created.
        if (Error e = objects::pin_hash(hHash, &original); e != Error::none) return e;
        if (phHash != nullptr && pdwReserved == nullptr) *phHash = 0;
        return Error::invalid_parameter;  // reference §3.11 steps 2 and 3
    }
    // The pin and the copy's slot in one step (object_pools.hpp); the checks keep their order.
    Error created = Error::none;
    if (Error e = objects::pin_hash_and_create_copy(hHash, &original, &copy, &created); e != Error::none) return e;
    *phHash = 0;
    if (created != Error::none) return created;
    objects::hash_duplicate(*original, *copy);
    *phHash = objects::publish(copy, "CryptDuplicateHash", caller);
    return Error::none;
}

}  // namespace

extern "C" {

BOOL WINAPI CryptCreateHash(HCRYPTPROV hProv, ALG_ID Algid, HCRYPTKEY hKey, DWORD dwFlags, HCRYPTHASH *phHash) {
    tinycapi::platform::ScrubStackOnReturn scrub(hKey != 0);  // a MAC copies its key (stack_scrub.hpp)
    return finish(create_hash(hProv, Algid, hKey, dwFlags, phHash, __builtin_return_address(0)));
}

BOOL WINAPI CryptHashData(HCRYPTHASH hHash, const BYTE *pbData, DWORD dwDataLen, DWORD dwFlags) {
    PinnedHash hash;
    Error e = ensure_port();
    if (e == Error::none) e = objects::pin_hash(hHash, &hash);
    if (e == Error::none) e = objects::hash_data(*hash, pbData, dwDataLen, dwFlags);
    return finish(e);
}

BOOL WINAPI CryptGetHashParam(HCRYPTHASH hHash, DWORD dwParam, BYTE *pbData, DWORD *pdwDataLen, DWORD dwFlags) {
    PinnedHash hash;
    Error e = ensure_port();
    if (e == Error::none) e = objects::pin_hash(hHash, &hash);
    if (e == Error::none && pdwDataLen == nullptr) e = Error::invalid_parameter;
    if (e == Error::none) e = objects::hash_get_param(*hash, dwParam, pbData, pdwDataLen, dwFlags);
    return finish(e);
}

BOOL WINAPI CryptSetHashParam(HCRYPTHASH hHash, DWORD dwParam, const BYTE *pbData, DWORD dwFlags) {
    tinycapi::platform::ScrubStackOnReturn scrub(dwParam == HP_HMAC_INFO);  // the HMAC's key (stack_scrub.hpp)
    PinnedHash hash;
    PinnedKey hmac_key;  // HP_HMAC_INFO's key, unpinned after the hash (hash_object.hpp)
    Error e = ensure_port();
    if (e == Error::none) e = objects::pin_hash(hHash, &hash);
    if (e == Error::none && pbData == nullptr) e = Error::invalid_parameter;
    if (e == Error::none) e = objects::hash_set_param(*hash, dwParam, pbData, dwFlags, &hmac_key);
    return finish(e);
}

BOOL WINAPI CryptDuplicateHash(HCRYPTHASH hHash, DWORD *pdwReserved, DWORD dwFlags, HCRYPTHASH *phHash) {
    return finish(duplicate_hash(hHash, pdwReserved, dwFlags, phHash, __builtin_return_address(0)));
}

BOOL WINAPI CryptDestroyHash(HCRYPTHASH hHash) {
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    return finish(objects::destroy_hash(hHash));
}

}  // extern "C"
