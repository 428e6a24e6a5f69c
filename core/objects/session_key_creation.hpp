// The ways a session key comes to be: CryptDeriveKey, CryptGenKey, and a PLAINTEXTKEYBLOB
// through CryptImportKey; and the way back out, CryptExportKey (reference §3.13-3.16, §5.1,
// §5.3, §6). Each fills a zeroed, pinned key after the API layer's handle checks.
#pragma once

#include "error.hpp"
#include "hash_object.hpp"
#include "key_object.hpp"
#include "provider.hpp"

namespace tinycapi::objects {

// CryptDeriveKey from step 4 on: finishes `base`.
Error derive_key(const Provider &provider, ALG_ID algorithm, Hash &base, DWORD flags, Key &key);

// CryptGenKey for session-key algorithms, from step 3 on.
Error generate_key(const Provider &provider, ALG_ID algorithm, DWORD flags, Key &key);

// The checks every blob shares (reference §6.3 "Common") and the blob's type, or an error.
Error read_blob_header(const Provider &provider, const BYTE *blob, DWORD length, BLOBHEADER *header);

// CryptImportKey of a PLAINTEXTKEYBLOB whose header read_blob_header accepted.
Error import_plaintext_key(const Provider &provider, const BLOBHEADER &header, const BYTE *blob, DWORD length,
                           DWORD flags, Key &key);

// CryptExportKey of a PLAINTEXTKEYBLOB, with the size-query protocol.
Error export_plaintext_key(const Key &key, BYTE *data, DWORD *length);

}  // namespace tinycapi::objects
