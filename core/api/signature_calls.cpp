// CryptSignHashA/W and CryptVerifySignatureA/W: handle and pointer checks in Windows' order
// (reference §3.24, §3.25); the rest is core/objects/signature.
#include "api_result.hpp"
#include "objects/object_pools.hpp"
#include "objects/signature.hpp"
#include "platform/stack_scrub.hpp"

using namespace tinycapi::api;
using tinycapi::objects::PinnedHash;
using tinycapi::objects::PinnedKey;
using tinycapi::objects::PinnedProvider;
namespace objects = tinycapi::objects;

namespace {

BOOL sign(const char *entry_point, HCRYPTHASH hHash, DWORD dwKeySpec, const char *narrow, const WCHAR *wide, DWORD dwFlags, BYTE *pbSignature,
          DWORD *pdwSigLen) {
    tinycapi::platform::ScrubStackOnReturn scrub;  // a private key signs (stack_scrub.hpp)
    if (Error e = ensure_port(entry_point); e != Error::none) return fail(e);
    PinnedHash hash;
    if (Error e = objects::pin_hash(hHash, &hash); e != Error::none) return fail(e);
    if (pdwSigLen == nullptr) return fail(Error::invalid_parameter);
#if TINYCAPI_ENABLE_RSA
    // The pair that signs is in the container of the context that made the hash.
    PinnedProvider owner;
    if (Error e = objects::pin_owner(hash, &owner); e != Error::none) return fail(e);
    return finish(objects::sign_hash(*owner, *hash, dwKeySpec, objects::Description{narrow, wide}, dwFlags,
                                     pbSignature, pdwSigLen));
#else
    (void)dwKeySpec, (void)narrow, (void)wide, (void)dwFlags, (void)pbSignature;
    return fail(Error::no_key);
#endif
}

BOOL verify(const char *entry_point, HCRYPTHASH hHash, const BYTE *pbSignature, DWORD dwSigLen, HCRYPTKEY hPubKey, const char *narrow,
            const WCHAR *wide, DWORD dwFlags) {
    if (Error e = ensure_port(entry_point); e != Error::none) return fail(e);
    PinnedHash hash;
    if (Error e = objects::pin_hash(hHash, &hash); e != Error::none) return fail(e);
    PinnedKey key;
    if (Error e = objects::pin_key(hPubKey, &key); e != Error::none) return fail(e);
#if TINYCAPI_ENABLE_RSA
    return finish(objects::verify_signature(*hash, pbSignature, dwSigLen, *key, objects::Description{narrow, wide},
                                            dwFlags));
#else
    (void)pbSignature, (void)dwSigLen, (void)narrow, (void)wide, (void)dwFlags;
    return fail(Error::bad_key);
#endif
}

}  // namespace

extern "C" {

BOOL WINAPI CryptSignHashA(HCRYPTHASH hHash, DWORD dwKeySpec, LPCSTR szDescription, DWORD dwFlags, BYTE *pbSignature,
                           DWORD *pdwSigLen) {
    return sign(__func__, hHash, dwKeySpec, szDescription, nullptr, dwFlags, pbSignature, pdwSigLen);
}

BOOL WINAPI CryptSignHashW(HCRYPTHASH hHash, DWORD dwKeySpec, LPCWSTR szDescription, DWORD dwFlags,
                           BYTE *pbSignature, DWORD *pdwSigLen) {
    return sign(__func__, hHash, dwKeySpec, nullptr, szDescription, dwFlags, pbSignature, pdwSigLen);
}

BOOL WINAPI CryptVerifySignatureA(HCRYPTHASH hHash, const BYTE *pbSignature, DWORD dwSigLen, HCRYPTKEY hPubKey,
                                  LPCSTR szDescription, DWORD dwFlags) {
    return verify(__func__, hHash, pbSignature, dwSigLen, hPubKey, szDescription, nullptr, dwFlags);
}

BOOL WINAPI CryptVerifySignatureW(HCRYPTHASH hHash, const BYTE *pbSignature, DWORD dwSigLen, HCRYPTKEY hPubKey,
                                  LPCWSTR szDescription, DWORD dwFlags) {
    return verify(__func__, hHash, pbSignature, dwSigLen, hPubKey, nullptr, szDescription, dwFlags);
}

}  // extern "C"
