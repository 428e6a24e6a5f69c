// PUBLICKEYBLOB and PRIVATEKEYBLOB import and export (reference §6.2, §6.3, §3.16, §7.1).
// Every big number in a blob is little-endian, zero-padded at its high end.
#pragma once

#include "error.hpp"
#include "key_object.hpp"
#include "provider.hpp"

namespace tinycapi::objects {

#if TINYCAPI_ENABLE_RSA

// The RSA key a blob (already through read_blob_header) describes, into a zeroed key.
// `private_blob` selects PRIVATEKEYBLOB. The length and magic checks come first, in Wine's
// order; a private key that is not consistent (p·q ≠ n, wrong CRT values) is bad_data.
Error import_rsa_blob(const Provider &provider, const BLOBHEADER &header, bool private_blob, const BYTE *blob,
                      DWORD length, DWORD flags, Key &key);

// The blob of an RSA key, with the size-query protocol. A PRIVATEKEYBLOB needs a private key
// (bad_key) that is exportable (bad_key_state, checked before the size query).
Error export_rsa_blob(const Key &key, bool private_blob, BYTE *data, DWORD *length);

#endif

// Copy `length` bytes reversed: CryptoAPI's little-endian numbers ↔ big-endian (reference §7.1).
void reverse_copy(uint8_t *destination, const uint8_t *source, size_t length);

}  // namespace tinycapi::objects
