// X509_OCTET_STRING, X509_INTEGER, X509_MULTI_BYTE_INTEGER and X509_MULTI_BYTE_UINT
// (structures.hpp). Expected values: Wine's dlls/crypt32/tests/encode.c (ints, bigInts,
// bigUInts), which runs on Windows.
#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_ENCODING

#include <string.h>

#include "der.hpp"
#include "structures.hpp"

namespace tinycapi::objects::formats {

Error decode_octet_string(const BYTE *encoded, size_t size, BYTE *out, size_t *needed) {
    DerReader reader(encoded, size);
    DerElement octets;
    if (Error e = reader.next(der_tag::octet_string, &octets); e != Error::none) return e;
    *needed = sizeof(CRYPT_DATA_BLOB) + octets.length;
    if (out == nullptr) return Error::none;
    CRYPT_DATA_BLOB blob{};
    blob.cbData = static_cast<DWORD>(octets.length);
    blob.pbData = octets.length != 0 ? out + sizeof blob : nullptr;
    if (octets.length != 0) memcpy(out + sizeof blob, octets.content, octets.length);
    memcpy(out, &blob, sizeof blob);
    return Error::none;
}

Error decode_integer(const BYTE *encoded, size_t size, BYTE *out, size_t *needed) {
    DerReader reader(encoded, size);
    DerElement integer;
    if (Error e = reader.next(der_tag::integer, &integer); e != Error::none) return e;
    // An int holds four bytes (Windows: CRYPT_E_ASN1_LARGE for {2, 5, 0xff, 0xfe, ...}).
    if (integer.length > sizeof(int)) return Error::asn1_large;
    *needed = sizeof(int);
    if (out == nullptr) return Error::none;
    uint32_t value = (integer.length != 0 && (integer.content[0] & 0x80)) ? 0xffffffffu : 0;
    for (size_t i = 0; i < integer.length; ++i) value = value << 8 | integer.content[i];
    const int signed_value = static_cast<int>(value);
    memcpy(out, &signed_value, sizeof signed_value);
    return Error::none;
}

Error decode_multi_byte_integer(const BYTE *encoded, size_t size, BYTE *out, size_t *needed, bool is_unsigned) {
    DerReader reader(encoded, size);
    DerElement integer;
    if (Error e = reader.next(der_tag::integer, &integer); e != Error::none) return e;
    const BYTE *digits = integer.content;
    size_t count = integer.length;
    // The unsigned form drops the sign byte (Wine's encode.c, bigUInts: bin17 decodes to bin16).
    if (is_unsigned && count > 1 && digits[0] == 0) {
        ++digits;
        --count;
    }
    *needed = sizeof(CRYPT_INTEGER_BLOB) + count;
    if (out == nullptr) return Error::none;
    CRYPT_INTEGER_BLOB blob{};
    blob.cbData = static_cast<DWORD>(count);
    blob.pbData = count != 0 ? out + sizeof blob : nullptr;
    for (size_t i = 0; i < count; ++i) out[sizeof blob + i] = digits[count - 1 - i];  // little-endian
    memcpy(out, &blob, sizeof blob);
    return Error::none;
}

Error encode_octet_string(const CRYPT_DATA_BLOB &blob, BYTE *out, size_t *needed) {
    if (blob.cbData != 0 && blob.pbData == nullptr) return Error::invalid_argument;
    *needed = der_size(blob.cbData);
    if (out == nullptr) return Error::none;
    BYTE *at = write_der_header(out, der_tag::octet_string, blob.cbData);
    if (blob.cbData != 0) memcpy(at, blob.pbData, blob.cbData);
    return Error::none;
}

Error encode_integer(int value, BYTE *out, size_t *needed) {
    BYTE little_endian[sizeof(int)];
    const uint32_t bits = static_cast<uint32_t>(value);
    for (size_t i = 0; i < sizeof little_endian; ++i) little_endian[i] = static_cast<BYTE>(bits >> (8 * i));
    *needed = encode_signed_integer(little_endian, sizeof little_endian, out);
    return Error::none;
}

Error encode_multi_byte_integer(const CRYPT_INTEGER_BLOB &blob, BYTE *out, size_t *needed, bool is_unsigned) {
    if (blob.cbData != 0 && blob.pbData == nullptr) return Error::invalid_argument;
    *needed = is_unsigned ? encode_unsigned_integer(blob.pbData, blob.cbData, out)
                          : encode_signed_integer(blob.pbData, blob.cbData, out);
    return Error::none;
}

}  // namespace tinycapi::objects::formats

#endif  // TINYCAPI_ENABLE_ENCODING
