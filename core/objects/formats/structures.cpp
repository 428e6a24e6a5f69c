// Which lpszStructType names which structure, and the dispatch to each one's codec
// (structures.hpp).
#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_ENCODING

#include "structures.hpp"

#include <stdint.h>

namespace tinycapi::objects::formats {

bool structure_named(LPCSTR struct_type, Structure *structure) {
    // Predefined types are small integers cast to LPCSTR; anything above 0xffff is an OID
    // string, and none of those names a structure tinycapi has.
    const uintptr_t value = reinterpret_cast<uintptr_t>(struct_type);
    if (value > 0xffff) return false;
    switch (value) {
        case 8: *structure = Structure::public_key_info; return true;        // X509_PUBLIC_KEY_INFO
        case 19: *structure = Structure::rsa_public_key; return true;        // RSA_CSP_PUBLICKEYBLOB
        case 25: *structure = Structure::octet_string; return true;          // X509_OCTET_STRING
        case 27: *structure = Structure::integer; return true;               // X509_INTEGER
        case 28: *structure = Structure::multi_byte_integer; return true;    // X509_MULTI_BYTE_INTEGER
        case 38: *structure = Structure::multi_byte_uint; return true;       // X509_MULTI_BYTE_UINT
        case 43: *structure = Structure::rsa_private_key; return true;       // PKCS_RSA_PRIVATE_KEY
        case 44: *structure = Structure::private_key_info; return true;      // PKCS_PRIVATE_KEY_INFO
        case 74: *structure = Structure::algorithm_identifier; return true;  // X509_ALGORITHM_IDENTIFIER
        default: return false;
    }
}

Error decode_structure(Structure structure, const BYTE *encoded, size_t size, BYTE *out, size_t *needed) {
    switch (structure) {
        case Structure::public_key_info: return decode_public_key_info(encoded, size, out, needed);
        case Structure::algorithm_identifier: return decode_algorithm_identifier(encoded, size, out, needed);
        case Structure::rsa_public_key: return decode_rsa_public_key(encoded, size, out, needed);
        case Structure::rsa_private_key: return decode_rsa_private_key(encoded, size, out, needed);
        case Structure::private_key_info: return decode_private_key_info(encoded, size, out, needed);
        case Structure::octet_string: return decode_octet_string(encoded, size, out, needed);
        case Structure::integer: return decode_integer(encoded, size, out, needed);
        case Structure::multi_byte_integer: return decode_multi_byte_integer(encoded, size, out, needed, false);
        case Structure::multi_byte_uint: return decode_multi_byte_integer(encoded, size, out, needed, true);
    }
    return Error::file_not_found;
}

Error encode_structure(Structure structure, const void *info, BYTE *out, size_t *needed) {
    switch (structure) {
        case Structure::public_key_info:
            return encode_public_key_info(*static_cast<const CERT_PUBLIC_KEY_INFO *>(info), out, needed);
        case Structure::algorithm_identifier:
            return encode_algorithm_identifier(*static_cast<const CRYPT_ALGORITHM_IDENTIFIER *>(info), out, needed);
        case Structure::rsa_public_key: return encode_rsa_public_key(static_cast<const BYTE *>(info), out, needed);
        case Structure::rsa_private_key: return encode_rsa_private_key(static_cast<const BYTE *>(info), out, needed);
        case Structure::private_key_info:
            return encode_private_key_info(*static_cast<const CRYPT_PRIVATE_KEY_INFO *>(info), out, needed);
        case Structure::octet_string:
            return encode_octet_string(*static_cast<const CRYPT_DATA_BLOB *>(info), out, needed);
        case Structure::integer: return encode_integer(*static_cast<const int *>(info), out, needed);
        case Structure::multi_byte_integer:
            return encode_multi_byte_integer(*static_cast<const CRYPT_INTEGER_BLOB *>(info), out, needed, false);
        case Structure::multi_byte_uint:
            return encode_multi_byte_integer(*static_cast<const CRYPT_INTEGER_BLOB *>(info), out, needed, true);
    }
    return Error::file_not_found;
}

}  // namespace tinycapi::objects::formats

#endif  // TINYCAPI_ENABLE_ENCODING
