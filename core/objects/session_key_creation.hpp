// The ways a session key comes to be: CryptDeriveKey, CryptGenKey, and a PLAINTEXTKEYBLOB
// through CryptImportKey; and the way back out, CryptExportKey (reference §3.13-3.16, §5.1,
// §5.3, §6). Each fills a zeroed, pinned key after the API layer's handle checks.
#pragma once

#include "error.hpp"
#include "hash_object.hpp"
#include "key_object.hpp"
#include "provider.hpp"

namespace tinycapi::objects {

// What the checks of a creating call settled, before any slot is taken (so that a full pool
// never hides the error Windows gives): the key to make.
struct KeyPlan {
    ALG_ID algorithm;
    size_t key_length;     // bytes of key material in the key
    size_t source_length;  // bytes the material comes from (a 7-byte DES key in a blob: 7)
    size_t salt_length;
    DWORD flags;           // the low-word flags: CRYPT_EXPORTABLE, CRYPT_CREATE_SALT, …
    uint8_t material[kMaxKeyBytes];  // SIMPLEBLOB: the unwrapped key bytes
};

// CryptDeriveKey from step 4 on: the checks, then the key (which finishes `base`).
Error plan_derived_key(const Provider &provider, ALG_ID algorithm, const Hash &base, DWORD flags, KeyPlan *plan);
Error derive_key(const Provider &provider, const KeyPlan &plan, Hash &base, Key &key);

// CryptGenKey for session-key algorithms, from step 3 on.
Error plan_generated_key(const Provider &provider, ALG_ID algorithm, DWORD flags, KeyPlan *plan);
Error generate_key(const Provider &provider, const KeyPlan &plan, Key &key);

// The checks every blob shares (reference §6.3 "Common") and the blob's type, or an error.
// `flags` are CryptImportKey's: an IPSEC HMAC key may name a cipher this build left out.
Error read_blob_header(const Provider &provider, const BYTE *blob, DWORD length, DWORD flags, BLOBHEADER *header);

// CryptImportKey of a PLAINTEXTKEYBLOB whose header read_blob_header accepted.
Error plan_plaintext_import(const Provider &provider, const BLOBHEADER &header, const BYTE *blob, DWORD length,
                            DWORD flags, KeyPlan *plan);
Error import_plaintext_key(const Provider &provider, const KeyPlan &plan, const BYTE *blob, Key &key);

#if TINYCAPI_ENABLE_RSA
// CryptImportKey of a SIMPLEBLOB: `wrapping` is the pinned hPubKey (null when 0), which must be
// an RSA key-exchange key with its private part. The plan holds the unwrapped key bytes.
Error plan_simple_import(const Provider &provider, const BLOBHEADER &header, const BYTE *blob, DWORD length,
                         DWORD flags, Key *wrapping, KeyPlan *plan);
Error import_simple_key(const Provider &provider, const KeyPlan &plan, Key &key);

// CryptExportKey of a SIMPLEBLOB: `key` wrapped under `wrapping` (the pinned hExpKey, or null).
Error export_simple_blob(const Key &key, Key *wrapping, DWORD flags, BYTE *data, DWORD *length);
#endif

// CryptExportKey of a PLAINTEXTKEYBLOB, with the size-query protocol.
Error export_plaintext_key(const Key &key, BYTE *data, DWORD *length);

}  // namespace tinycapi::objects
