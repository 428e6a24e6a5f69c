// The DER that crypt32's key structures use: reading one element at a time with the checks
// Windows makes (CRYPT_E_ASN1_EOD for anything cut short, CRYPT_E_ASN1_BADTAG for the wrong
// type, CRYPT_E_ASN1_CORRUPT for bytes left inside a structure or a malformed value), and
// writing elements whose sizes are computed first. Nothing here allocates or keeps state
// beyond the caller's buffers.
#pragma once

#include <stddef.h>

#include <tinycapi/wincrypt.h>

#include "objects/error.hpp"

namespace tinycapi::objects::formats {

namespace der_tag {
constexpr BYTE integer = 0x02;
constexpr BYTE bit_string = 0x03;
constexpr BYTE octet_string = 0x04;
constexpr BYTE null_value = 0x05;
constexpr BYTE object_id = 0x06;
constexpr BYTE sequence = 0x30;
constexpr BYTE set = 0x31;
constexpr BYTE context_0 = 0xa0;  // [0] IMPLICIT, constructed
}  // namespace der_tag

// One element: its tag, its content, and how many bytes it took with tag and length.
struct DerElement {
    BYTE tag = 0;
    const BYTE *content = nullptr;
    size_t length = 0;
    size_t encoded_size = 0;
};

// Reads the elements of a content one after another.
class DerReader {
public:
    DerReader(const BYTE *data, size_t size) : at_(data), left_(size) {}
    explicit DerReader(const DerElement &constructed) : DerReader(constructed.content, constructed.length) {}

    // The next element, whatever its tag (an ANY). Error::asn1_eod when it is cut short.
    Error next_any(DerElement *element);
    // The next element, which must carry `tag` (Error::asn1_badtag otherwise).
    Error next(BYTE tag, DerElement *element);
    bool at_end() const { return left_ == 0; }
    // A structure's content must hold exactly its members.
    Error expect_end() const { return left_ == 0 ? Error::none : Error::asn1_corrupt; }

private:
    const BYTE *at_;
    size_t left_;
};

// An INTEGER's content as an unsigned big-endian number: the sign byte Windows adds to a
// value whose top bit is set is dropped, and so are further leading zeros.
void unsigned_magnitude(const DerElement &integer, const BYTE **digits, size_t *count);

// A dotted OID ("1.2.840.113549.1.1.1") from an OBJECT IDENTIFIER's content: the string's
// length without the NUL, or an error for a malformed content. Writes it (with the NUL) when
// `out` is not null.
Error oid_to_text(const DerElement &oid, char *out, size_t *length);
// The content of an OBJECT IDENTIFIER for a dotted OID; null or "" gives an empty content.
// Error::asn1_error for a string that is not a dotted OID. Writes it when `out` is not null.
Error oid_from_text(const char *text, BYTE *out, size_t *length);

// ---- writing: sizes first, then bytes ----------------------------------------------------

// Bytes of an element with `content_length` content bytes (tag and length included).
size_t der_size(size_t content_length);
// Writes tag and length; returns where the content goes.
BYTE *write_der_header(BYTE *at, BYTE tag, size_t content_length);

// An INTEGER for a little-endian two's-complement number (X509_MULTI_BYTE_INTEGER's form),
// in its shortest form: returns the whole element's size, and writes it when `out` is not null.
size_t encode_signed_integer(const BYTE *little_endian, size_t count, BYTE *out);
// An INTEGER for a little-endian unsigned number (key BLOB components, X509_MULTI_BYTE_UINT):
// leading zeros dropped, a 0 byte added when the top bit is set.
size_t encode_unsigned_integer(const BYTE *little_endian, size_t count, BYTE *out);

}  // namespace tinycapi::objects::formats
