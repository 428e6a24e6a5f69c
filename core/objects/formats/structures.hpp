// The crypt32 structure types tinycapi encodes and decodes (CryptEncodeObjectEx /
// CryptDecodeObjectEx with X509_ASN_ENCODING): DER on one side, Windows' C structure or key
// BLOB on the other. Decoding runs twice: once to validate and size (out == nullptr), once to
// write into the caller's buffer of that size, so a failed call writes nothing.
#pragma once

#include <stddef.h>

#include <tinycapi/wincrypt.h>

#include "objects/error.hpp"

namespace tinycapi::objects::formats {

enum class Structure {
    public_key_info,       // X509_PUBLIC_KEY_INFO: CERT_PUBLIC_KEY_INFO
    algorithm_identifier,  // X509_ALGORITHM_IDENTIFIER: CRYPT_ALGORITHM_IDENTIFIER
    rsa_public_key,        // RSA_CSP_PUBLICKEYBLOB: a PUBLICKEYBLOB
    rsa_private_key,       // PKCS_RSA_PRIVATE_KEY: a PRIVATEKEYBLOB
    private_key_info,      // PKCS_PRIVATE_KEY_INFO: CRYPT_PRIVATE_KEY_INFO
    octet_string,          // X509_OCTET_STRING: CRYPT_DATA_BLOB
    integer,               // X509_INTEGER: int
    multi_byte_integer,    // X509_MULTI_BYTE_INTEGER: CRYPT_INTEGER_BLOB, little-endian
    multi_byte_uint,       // X509_MULTI_BYTE_UINT: CRYPT_UINT_BLOB, little-endian
};

// The structure an lpszStructType names; false for any other (Windows: ERROR_FILE_NOT_FOUND).
bool structure_named(LPCSTR struct_type, Structure *structure);

// Validates `encoded` and sets *needed to the bytes of the decoded structure; writes it to
// `out` (at least *needed bytes) when out is not null. Bytes after the first element are
// ignored, as Windows does (Wine's encode.c, test_decodeInt "extraBytes").
Error decode_structure(Structure structure, const BYTE *encoded, size_t size, BYTE *out, size_t *needed);

// Sets *needed to the DER size of `info`; writes the DER to `out` when it is not null.
Error encode_structure(Structure structure, const void *info, BYTE *out, size_t *needed);

// One structure each (public_key_der.cpp, private_key_der.cpp, basic_der.cpp).
Error decode_public_key_info(const BYTE *encoded, size_t size, BYTE *out, size_t *needed);
Error decode_algorithm_identifier(const BYTE *encoded, size_t size, BYTE *out, size_t *needed);
Error decode_rsa_public_key(const BYTE *encoded, size_t size, BYTE *out, size_t *needed);
Error decode_rsa_private_key(const BYTE *encoded, size_t size, BYTE *out, size_t *needed);
Error decode_private_key_info(const BYTE *encoded, size_t size, BYTE *out, size_t *needed);
Error decode_octet_string(const BYTE *encoded, size_t size, BYTE *out, size_t *needed);
Error decode_integer(const BYTE *encoded, size_t size, BYTE *out, size_t *needed);
Error decode_multi_byte_integer(const BYTE *encoded, size_t size, BYTE *out, size_t *needed, bool is_unsigned);

Error encode_public_key_info(const CERT_PUBLIC_KEY_INFO &info, BYTE *out, size_t *needed);
Error encode_algorithm_identifier(const CRYPT_ALGORITHM_IDENTIFIER &algorithm, BYTE *out, size_t *needed);
Error encode_rsa_public_key(const BYTE *blob, BYTE *out, size_t *needed);
Error encode_rsa_private_key(const BYTE *blob, BYTE *out, size_t *needed);
Error encode_private_key_info(const CRYPT_PRIVATE_KEY_INFO &info, BYTE *out, size_t *needed);
Error encode_octet_string(const CRYPT_DATA_BLOB &blob, BYTE *out, size_t *needed);
Error encode_integer(int value, BYTE *out, size_t *needed);
Error encode_multi_byte_integer(const CRYPT_INTEGER_BLOB &blob, BYTE *out, size_t *needed, bool is_unsigned);

}  // namespace tinycapi::objects::formats
