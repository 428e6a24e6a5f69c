// CryptGenRandom, CryptGetProvParam, CryptSetProvParam (reference §3.4-3.6).
#include "api_result.hpp"
#include "objects/object_pools.hpp"
#include "objects/provider_params.hpp"
#include "objects/random.hpp"

using namespace tinycapi::api;
using tinycapi::objects::PinnedProvider;

extern "C" {

BOOL WINAPI CryptGenRandom(HCRYPTPROV hProv, DWORD dwLen, BYTE *pbBuffer) {
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    PinnedProvider provider;
    if (Error e = tinycapi::objects::pin_provider(hProv, &provider); e != Error::none) return fail(e);
    if (pbBuffer == nullptr && dwLen > 0) return fail(Error::invalid_parameter);
    return finish(tinycapi::objects::generate_random(pbBuffer, dwLen));
}

BOOL WINAPI CryptGetProvParam(HCRYPTPROV hProv, DWORD dwParam, BYTE *pbData, DWORD *pdwDataLen, DWORD dwFlags) {
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    PinnedProvider provider;
    if (Error e = tinycapi::objects::pin_provider(hProv, &provider); e != Error::none) return fail(e);
    if (pdwDataLen == nullptr) return fail(Error::invalid_parameter);
    return finish(tinycapi::objects::get_provider_param(*provider, dwParam, pbData, pdwDataLen, dwFlags));
}

BOOL WINAPI CryptSetProvParam(HCRYPTPROV hProv, DWORD dwParam, const BYTE *pbData, DWORD dwFlags) {
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    PinnedProvider provider;
    if (Error e = tinycapi::objects::pin_provider(hProv, &provider); e != Error::none) return fail(e);
    return finish(tinycapi::objects::set_provider_param(*provider, dwParam, pbData, dwFlags));
}

}  // extern "C"
