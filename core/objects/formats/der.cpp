// DER reading and writing for crypt32's key structures (der.hpp).
#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_ENCODING

#include "der.hpp"

namespace tinycapi::objects::formats {

Error DerReader::next_any(DerElement *element) {
    if (left_ < 2) return Error::asn1_eod;
    const BYTE tag = at_[0];
    // Multi-byte tags (low bits 11111) belong to no structure tinycapi decodes.
    if ((tag & 0x1f) == 0x1f) return Error::asn1_badtag;
    size_t header = 2;
    size_t length = at_[1];
    if (length & 0x80) {
        const size_t length_bytes = length & 0x7f;
        // 0x80 is BER's indefinite length, which DER forbids; more than four length bytes is
        // more than any DWORD-sized input holds (Windows: CRYPT_E_ASN1_LARGE).
        if (length_bytes == 0) return Error::asn1_corrupt;
        if (length_bytes > 4) return Error::asn1_large;
        if (left_ < 2 + length_bytes) return Error::asn1_eod;
        length = 0;
        // A long form that could have been short is accepted, as Windows does (Wine's
        // encode.c, test_decodeInt: {2, 0x81, 0x01, 0x01} decodes to 1).
        for (size_t i = 0; i < length_bytes; ++i) length = length << 8 | at_[2 + i];
        header += length_bytes;
    }
    if (length > left_ - header) return Error::asn1_eod;
    element->tag = tag;
    element->content = at_ + header;
    element->length = length;
    element->encoded_size = header + length;
    at_ += element->encoded_size;
    left_ -= element->encoded_size;
    return Error::none;
}

Error DerReader::next(BYTE tag, DerElement *element) {
    if (left_ >= 1 && at_[0] != tag) return Error::asn1_badtag;
    return next_any(element);
}

void unsigned_magnitude(const DerElement &integer, const BYTE **digits, size_t *count) {
    const BYTE *at = integer.content;
    size_t left = integer.length;
    while (left > 1 && at[0] == 0) {
        ++at;
        --left;
    }
    if (left == 1 && at[0] == 0) left = 0;  // zero has no digits
    *digits = at;
    *count = left;
}

namespace {

// Decimal digits of a 32-bit arc, written backwards into `scratch`.
size_t decimal(DWORD value, char *scratch) {
    size_t n = 0;
    do {
        scratch[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    return n;
}

void put_arc(DWORD value, char *out, size_t *length, bool dot) {
    char scratch[10];
    const size_t digits = decimal(value, scratch);
    if (dot) {
        if (out != nullptr) out[*length] = '.';
        ++*length;
    }
    for (size_t i = 0; i < digits; ++i) {
        if (out != nullptr) out[*length] = scratch[digits - 1 - i];
        ++*length;
    }
}

}  // namespace

Error oid_to_text(const DerElement &oid, char *out, size_t *length) {
    *length = 0;
    bool first = true;
    for (size_t i = 0; i < oid.length;) {
        // A subidentifier: base-128 digits, the top bit set on all but the last; a leading
        // 0x80 digit is padding DER forbids.
        if (oid.content[i] == 0x80) return Error::asn1_corrupt;
        DWORD value = 0;
        for (;;) {
            if (i == oid.length) return Error::asn1_corrupt;  // the last digit is missing
            if (value > (0xffffffffu >> 7)) return Error::asn1_large;
            const BYTE digit = oid.content[i++];
            value = value << 7 | (digit & 0x7f);
            if ((digit & 0x80) == 0) break;
        }
        if (first) {
            const DWORD top = value < 40 ? 0 : value < 80 ? 1 : 2;
            put_arc(top, out, length, false);
            put_arc(value - top * 40, out, length, true);
            first = false;
        } else {
            put_arc(value, out, length, true);
        }
    }
    if (out != nullptr) out[*length] = '\0';
    return Error::none;
}

namespace {

size_t base128_size(DWORD value) {
    size_t n = 1;
    while (value >>= 7) ++n;
    return n;
}

void put_base128(DWORD value, BYTE *out, size_t *length) {
    const size_t n = base128_size(value);
    for (size_t i = 0; i < n; ++i) {
        const BYTE digit = static_cast<BYTE>((value >> (7 * (n - 1 - i))) & 0x7f);
        if (out != nullptr) out[*length] = static_cast<BYTE>(digit | (i + 1 < n ? 0x80 : 0));
        ++*length;
    }
}

// The next decimal arc at *text; false when there is none or it overflows 32 bits.
bool parse_arc(const char **text, DWORD *value) {
    const char *at = *text;
    if (*at < '0' || *at > '9') return false;
    DWORD result = 0;
    while (*at >= '0' && *at <= '9') {
        const DWORD digit = static_cast<DWORD>(*at - '0');
        if (result > (0xffffffffu - digit) / 10) return false;
        result = result * 10 + digit;
        ++at;
    }
    *text = at;
    *value = result;
    return true;
}

}  // namespace

Error oid_from_text(const char *text, BYTE *out, size_t *length) {
    *length = 0;
    if (text == nullptr || *text == '\0') return Error::none;
    DWORD first = 0, second = 0;
    if (!parse_arc(&text, &first) || first > 2 || *text++ != '.' || !parse_arc(&text, &second)) {
        return Error::asn1_error;
    }
    if ((first < 2 && second >= 40) || second > 0xffffffffu - 80) return Error::asn1_error;
    put_base128(first * 40 + second, out, length);
    while (*text != '\0') {
        DWORD arc = 0;
        if (*text++ != '.' || !parse_arc(&text, &arc)) return Error::asn1_error;
        put_base128(arc, out, length);
    }
    return Error::none;
}

size_t der_size(size_t content_length) {
    size_t length_bytes = 0;
    if (content_length >= 0x80) {
        for (size_t n = content_length; n != 0; n >>= 8) ++length_bytes;
    }
    return 2 + length_bytes + content_length;
}

BYTE *write_der_header(BYTE *at, BYTE tag, size_t content_length) {
    *at++ = tag;
    if (content_length < 0x80) {
        *at++ = static_cast<BYTE>(content_length);
        return at;
    }
    size_t length_bytes = 0;
    for (size_t n = content_length; n != 0; n >>= 8) ++length_bytes;
    *at++ = static_cast<BYTE>(0x80 | length_bytes);
    for (size_t i = length_bytes; i-- > 0;) *at++ = static_cast<BYTE>(content_length >> (8 * i));
    return at;
}

namespace {

size_t write_integer(const BYTE *little_endian, size_t significant, bool zero_prefix, BYTE *out) {
    const size_t content = significant + (zero_prefix ? 1 : 0);
    if (out != nullptr) {
        BYTE *at = write_der_header(out, der_tag::integer, content);
        if (zero_prefix) *at++ = 0;
        for (size_t i = significant; i-- > 0;) *at++ = little_endian[i];
    }
    return der_size(content);
}

}  // namespace

size_t encode_signed_integer(const BYTE *little_endian, size_t count, BYTE *out) {
    if (count == 0) {
        static const BYTE zero = 0;
        return write_integer(&zero, 1, false, out);
    }
    // Drop sign bytes that the next byte repeats (Wine's encode.c, bigInts).
    size_t significant = count;
    while (significant > 1) {
        const BYTE top = little_endian[significant - 1];
        const BYTE next = little_endian[significant - 2];
        if ((top == 0x00 && (next & 0x80) == 0) || (top == 0xff && (next & 0x80) != 0)) {
            --significant;
        } else {
            break;
        }
    }
    return write_integer(little_endian, significant, false, out);
}

size_t encode_unsigned_integer(const BYTE *little_endian, size_t count, BYTE *out) {
    size_t significant = count;
    while (significant > 0 && little_endian[significant - 1] == 0) --significant;
    if (significant == 0) {
        static const BYTE zero = 0;
        return write_integer(&zero, 1, false, out);
    }
    return write_integer(little_endian, significant, (little_endian[significant - 1] & 0x80) != 0, out);
}

}  // namespace tinycapi::objects::formats

#endif  // TINYCAPI_ENABLE_ENCODING
