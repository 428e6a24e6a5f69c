// CryptSignHash and CryptVerifySignature (reference §3.24, §3.25, §7.2): PKCS#1 v1.5 with
// Windows' DigestInfo prefixes, CRYPT_NOHASHOID, the description string, and signatures
// stored little-endian.
#pragma once

#include "error.hpp"
#include "hash_object.hpp"
#include "key_object.hpp"
#include "provider.hpp"

namespace tinycapi::objects {

#if TINYCAPI_ENABLE_RSA

// The description string as CryptSignHash hashes it: UTF-16LE without the terminator. The A
// variants pass ANSI text (`narrow`), the W variants wide text; null means none.
struct Description {
    const char *narrow;
    const WCHAR *wide;
};

// CryptSignHash from step 3 on: `provider` owns the hash; its container's pair of `key_spec`
// signs.
Error sign_hash(const Provider &provider, Hash &hash, DWORD key_spec, Description description, DWORD flags,
                BYTE *signature, DWORD *length);

// CryptVerifySignature from step 2 on.
Error verify_signature(Hash &hash, const BYTE *signature, DWORD length, Key &key, Description description,
                       DWORD flags);

#endif

}  // namespace tinycapi::objects
