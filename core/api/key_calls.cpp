// CryptDeriveKey, CryptGenKey, CryptImportKey, CryptExportKey, CryptEncrypt, CryptDecrypt,
// CryptGetKeyParam, CryptSetKeyParam, CryptDuplicateKey, CryptDestroyKey,
// CryptHashSessionKey: handle and pointer checks in Windows' order (reference §3.13-3.22,
// §3.26); the rest is core/objects.
#include "api_result.hpp"
#include "platform/secure_wipe.hpp"
#include "platform/stack_scrub.hpp"
#include "objects/key_cipher.hpp"
#include "objects/key_pairs.hpp"
#include "objects/key_params.hpp"
#include "objects/object_pools.hpp"
#include "objects/rsa_blobs.hpp"
#include "objects/session_key_creation.hpp"

using namespace tinycapi::api;
using tinycapi::objects::PinnedHash;
using tinycapi::objects::PinnedKey;
using tinycapi::objects::PinnedProvider;
namespace objects = tinycapi::objects;

namespace {

// An optional handle argument: 0 means none; anything else must be live.
Error pin_optional_hash(HCRYPTHASH handle, PinnedHash *out, objects::Hash **hash) {
    *hash = nullptr;
    if (handle == 0) return Error::none;
    if (Error e = objects::pin_hash(handle, out); e != Error::none) return e;
    *hash = &**out;
    return Error::none;
}

// CryptEncrypt's and CryptDecrypt's steps, which differ only where `encrypting` says (one
// copy at -Os; api_result.hpp). Every pin lives from the start, so a failure leaves through
// one exit (hash_calls.cpp).
TINYCAPI_CALL_STEPS Error cipher_call(bool encrypting, HCRYPTKEY hKey, HCRYPTHASH hHash, BOOL Final, DWORD dwFlags,
                                      BYTE *pbData, DWORD *pdwDataLen, DWORD dwBufLen) {
    PinnedKey key;
    PinnedHash pinned_hash;
    if (Error e = ensure_port(encrypting ? "CryptEncrypt" : "CryptDecrypt"); e != Error::none) return e;
    if (Error e = objects::pin_key(hKey, &key); e != Error::none) return e;
    // An RSA key's private operation, or a message that may be a key being wrapped.
    tinycapi::platform::ScrubStackOnReturn scrub(key->kind == objects::KeyKind::rsa);
    objects::Hash *hash;
    if (Error e = pin_optional_hash(hHash, &pinned_hash, &hash); e != Error::none) return e;
    // CryptEncrypt accepts no pbData (a size query); CryptDecrypt needs it.
    if ((!encrypting && pbData == nullptr) || pdwDataLen == nullptr) return Error::invalid_parameter;
    // CRYPT_DECRYPT_RSA_NO_PADDING_CHECK is unsupported, like every other flag (reference §3.18).
    if (dwFlags != 0 && dwFlags != CRYPT_OAEP) return Error::bad_flags;
    if (encrypting) return objects::encrypt(*key, hash, Final != FALSE, dwFlags == CRYPT_OAEP, pbData, pdwDataLen, dwBufLen);
    return objects::decrypt(*key, hash, Final != FALSE, dwFlags == CRYPT_OAEP, pbData, pdwDataLen);
}

// CryptGenKey of these makes an RSA pair for the container (reference §3.14 step 3).
bool is_key_pair_request(ALG_ID algorithm) {
    return algorithm == AT_KEYEXCHANGE || algorithm == AT_SIGNATURE || algorithm == CALG_RSA_KEYX ||
           algorithm == CALG_RSA_SIGN;
}

// Takes a key slot (after every check of Windows passed), runs `make` on it, and publishes
// it or gives the slot back. The defaults name the calling entry point and its caller.
template <typename Make>
BOOL create_key_with(const PinnedProvider &provider, HCRYPTKEY *phKey, Make make,
                     const char *created_in = __builtin_FUNCTION(),
                     const void *created_by = __builtin_return_address(0)) {
    PinnedKey key;
    if (Error e = objects::create_key(provider, &key); e != Error::none) return fail(e);
    if (Error e = make(*key); e != Error::none) {
        objects::discard(&key);
        return fail(e);
    }
    *phKey = objects::publish(key, created_in, created_by);
    return TRUE;
}

}  // namespace

extern "C" {

BOOL WINAPI CryptDeriveKey(HCRYPTPROV hProv, ALG_ID Algid, HCRYPTHASH hBaseData, DWORD dwFlags, HCRYPTKEY *phKey) {
    tinycapi::platform::ScrubStackOnReturn scrub;  // key material passes through (stack_scrub.hpp)
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    PinnedProvider provider;
    if (Error e = objects::pin_provider(hProv, &provider); e != Error::none) return fail(e);
    PinnedHash base;
    if (Error e = objects::pin_hash(hBaseData, &base); e != Error::none) return fail(e);
    if (phKey == nullptr) return fail(Error::invalid_parameter);
    *phKey = 0;  // every later failure leaves 0 (reference §1.3, library design)
    objects::KeyPlan plan;
    if (Error e = objects::plan_derived_key(*provider, Algid, *base, dwFlags, &plan); e != Error::none) return fail(e);
    return create_key_with(provider, phKey,
                           [&](objects::Key &key) { return objects::derive_key(*provider, plan, *base, key); });
}

BOOL WINAPI CryptGenKey(HCRYPTPROV hProv, ALG_ID Algid, DWORD dwFlags, HCRYPTKEY *phKey) {
    tinycapi::platform::ScrubStackOnReturn scrub;  // key material passes through (stack_scrub.hpp)
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    PinnedProvider provider;
    if (Error e = objects::pin_provider(hProv, &provider); e != Error::none) return fail(e);
    if (phKey == nullptr) return fail(Error::invalid_parameter);
    *phKey = 0;
    if (is_key_pair_request(Algid)) {
#if TINYCAPI_ENABLE_RSA
        ALG_ID pair_algorithm;
        DWORD bits;
        if (Error e = objects::plan_pair(*provider, Algid, dwFlags, &pair_algorithm, &bits); e != Error::none) {
            return fail(e);
        }
        return create_key_with(provider, phKey, [&](objects::Key &key) {
            return objects::generate_pair(*provider, pair_algorithm, bits, dwFlags, key);
        });
#else
        return fail(Error::bad_algid);
#endif
    }
    objects::KeyPlan plan;
    if (Error e = objects::plan_generated_key(*provider, Algid, dwFlags, &plan); e != Error::none) return fail(e);
    return create_key_with(provider, phKey,
                           [&](objects::Key &key) { return objects::generate_key(*provider, plan, key); });
}

BOOL WINAPI CryptImportKey(HCRYPTPROV hProv, const BYTE *pbData, DWORD dwDataLen, HCRYPTKEY hPubKey, DWORD dwFlags,
                           HCRYPTKEY *phKey) {
    tinycapi::platform::ScrubStackOnReturn scrub;  // key material passes through (stack_scrub.hpp)
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    PinnedProvider provider;
    if (Error e = objects::pin_provider(hProv, &provider); e != Error::none) return fail(e);
    PinnedKey public_key;
    if (hPubKey != 0) {
        if (Error e = objects::pin_key(hPubKey, &public_key); e != Error::none) return fail(e);
    }
    if (pbData == nullptr || dwDataLen == 0 || phKey == nullptr) return fail(Error::invalid_parameter);
    *phKey = 0;
    BLOBHEADER header;
    if (Error e = objects::read_blob_header(*provider, pbData, dwDataLen, dwFlags, &header); e != Error::none) return fail(e);
    if (header.bType != PLAINTEXTKEYBLOB) {
        // CRYPT_IPSEC_HMAC_KEY belongs to PLAINTEXTKEYBLOB only (reference §3.15 step 5).
        if (dwFlags & CRYPT_IPSEC_HMAC_KEY) return fail(Error::bad_flags);
#if TINYCAPI_ENABLE_RSA
        if (header.bType == SIMPLEBLOB) {
            objects::KeyPlan plan;
            objects::Key *wrapping = hPubKey != 0 ? &*public_key : nullptr;
            const Error e = objects::plan_simple_import(*provider, header, pbData, dwDataLen, dwFlags, wrapping, &plan);
            const BOOL result = e != Error::none ? fail(e) : create_key_with(provider, phKey, [&](objects::Key &key) {
                return objects::import_simple_key(*provider, plan, key);
            });
            tinycapi::platform::secure_wipe(plan.material, sizeof plan.material);
            return result;
        }
        const bool private_blob = header.bType == PRIVATEKEYBLOB;
        return create_key_with(provider, phKey, [&](objects::Key &key) {
            Error e = objects::import_rsa_blob(*provider, header, private_blob, pbData, dwDataLen, dwFlags, key);
            // A private key goes into the container's slot for its ALG_ID; a public one never
            // does (Windows-validated).
            if (e == Error::none && private_blob) e = objects::install_pair(*provider, key);
            return e;
        });
#else
        return fail(Error::bad_algid);
#endif
    }
    objects::KeyPlan plan;
    if (Error e = objects::plan_plaintext_import(*provider, header, pbData, dwDataLen, dwFlags, &plan);
        e != Error::none) {
        return fail(e);
    }
    return create_key_with(provider, phKey,
                           [&](objects::Key &key) { return objects::import_plaintext_key(*provider, plan, pbData, key); });
}

BOOL WINAPI CryptExportKey(HCRYPTKEY hKey, HCRYPTKEY hExpKey, DWORD dwBlobType, DWORD dwFlags, BYTE *pbData,
                           DWORD *pdwDataLen) {
    tinycapi::platform::ScrubStackOnReturn scrub;  // key material passes through (stack_scrub.hpp)
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    PinnedKey key;
    if (Error e = objects::pin_key(hKey, &key); e != Error::none) return fail(e);
    PinnedKey export_key;
    if (hExpKey != 0 && hExpKey != hKey) {
        if (Error e = objects::pin_key(hExpKey, &export_key); e != Error::none) return fail(e);
    }
    if (pdwDataLen == nullptr) return fail(Error::invalid_parameter);
    if (dwFlags & CRYPT_SSL2_FALLBACK) return fail(Error::bad_key);  // no SSL2 keys here
#if TINYCAPI_ENABLE_RSA
    const bool is_rsa = key->kind == objects::KeyKind::rsa;
    objects::Key *exporting = hExpKey == 0 ? nullptr : (hExpKey == hKey ? &*key : &*export_key);
#endif
    switch (dwBlobType & 0xFF) {
        case PLAINTEXTKEYBLOB: return finish(objects::export_plaintext_key(*key, pbData, pdwDataLen));
#if TINYCAPI_ENABLE_RSA
        case SIMPLEBLOB: return finish(objects::export_simple_blob(*key, exporting, dwFlags, pbData, pdwDataLen));
        case PUBLICKEYBLOB:
        case PRIVATEKEYBLOB:
            // hExpKey ≠ 0 (an encrypted private blob) is not offered; a session key has neither
            // blob (reference §3.16).
            if (exporting != nullptr || !is_rsa) return fail(Error::bad_key);
            return finish(objects::export_rsa_blob(*key, (dwBlobType & 0xFF) == PRIVATEKEYBLOB, pbData, pdwDataLen));
#else
        case SIMPLEBLOB: return fail(Error::bad_public_key);
        case PUBLICKEYBLOB:
        case PRIVATEKEYBLOB: return fail(Error::bad_key);
#endif
        default: return fail(Error::bad_type);
    }
}

BOOL WINAPI CryptEncrypt(HCRYPTKEY hKey, HCRYPTHASH hHash, BOOL Final, DWORD dwFlags, BYTE *pbData,
                         DWORD *pdwDataLen, DWORD dwBufLen) {
    return finish(cipher_call(true, hKey, hHash, Final, dwFlags, pbData, pdwDataLen, dwBufLen));
}

BOOL WINAPI CryptDecrypt(HCRYPTKEY hKey, HCRYPTHASH hHash, BOOL Final, DWORD dwFlags, BYTE *pbData,
                         DWORD *pdwDataLen) {
    return finish(cipher_call(false, hKey, hHash, Final, dwFlags, pbData, pdwDataLen, 0));
}

BOOL WINAPI CryptGetKeyParam(HCRYPTKEY hKey, DWORD dwParam, BYTE *pbData, DWORD *pdwDataLen, DWORD dwFlags) {
    PinnedKey key;
    Error e = ensure_port();
    if (e == Error::none) e = objects::pin_key(hKey, &key);
    if (e == Error::none && pdwDataLen == nullptr) e = Error::invalid_parameter;
    if (e == Error::none) e = objects::get_key_param(*key, dwParam, pbData, pdwDataLen, dwFlags);
    return finish(e);
}

BOOL WINAPI CryptSetKeyParam(HCRYPTKEY hKey, DWORD dwParam, const BYTE *pbData, DWORD dwFlags) {
    PinnedKey key;
    Error e = ensure_port();
    if (e == Error::none) e = objects::pin_key(hKey, &key);
    if (e == Error::none && pbData == nullptr) e = Error::invalid_parameter;
    if (e == Error::none) e = objects::set_key_param(*key, dwParam, pbData, dwFlags);
    return finish(e);
}

BOOL WINAPI CryptDuplicateKey(HCRYPTKEY hKey, DWORD *pdwReserved, DWORD dwFlags, HCRYPTKEY *phKey) {
    tinycapi::platform::ScrubStackOnReturn scrub;  // key material passes through (stack_scrub.hpp)
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    PinnedKey original;
    if (Error e = objects::pin_key(hKey, &original); e != Error::none) return fail(e);
    if (pdwReserved != nullptr || phKey == nullptr) return fail(Error::invalid_parameter);
    *phKey = 0;
    if (dwFlags != 0) return fail(Error::invalid_parameter);  // reference §3.21 step 3
    PinnedProvider owner;
    if (Error e = objects::pin_owner(original, &owner); e != Error::none) return fail(e);
    return create_key_with(owner, phKey, [&](objects::Key &copy) { return objects::key_duplicate(*original, copy); });
}

BOOL WINAPI CryptDestroyKey(HCRYPTKEY hKey) {
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    return finish(objects::destroy_key(hKey));
}

BOOL WINAPI CryptGetUserKey(HCRYPTPROV hProv, DWORD dwKeySpec, HCRYPTKEY *phUserKey) {
    tinycapi::platform::ScrubStackOnReturn scrub;  // key material passes through (stack_scrub.hpp)
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    PinnedProvider provider;
    if (Error e = objects::pin_provider(hProv, &provider); e != Error::none) return fail(e);
    if (phUserKey == nullptr) return fail(Error::invalid_parameter);
    *phUserKey = 0;
    if (dwKeySpec != AT_KEYEXCHANGE && dwKeySpec != AT_SIGNATURE) return fail(Error::bad_key);  // documented
#if TINYCAPI_ENABLE_RSA
    // An empty slot is NTE_NO_KEY (Windows-validated).
    if (Error e = objects::pair_presence(*provider, dwKeySpec); e != Error::none) return fail(e);
    return create_key_with(provider, phUserKey,
                           [&](objects::Key &key) { return objects::load_pair(*provider, dwKeySpec, key); });
#else
    return fail(Error::no_key);
#endif
}

BOOL WINAPI CryptHashSessionKey(HCRYPTHASH hHash, HCRYPTKEY hKey, DWORD dwFlags) {
    tinycapi::platform::ScrubStackOnReturn scrub;  // key material passes through (stack_scrub.hpp)
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    PinnedHash hash;
    if (Error e = objects::pin_hash(hHash, &hash); e != Error::none) return fail(e);
    PinnedKey key;
    if (Error e = objects::pin_key(hKey, &key); e != Error::none) return fail(e);
    return finish(objects::hash_session_key(*hash, *key, dwFlags));
}

}  // extern "C"
