// PKCS_RSA_PRIVATE_KEY (PKCS #1 RSAPrivateKey <-> PRIVATEKEYBLOB) and PKCS_PRIVATE_KEY_INFO
// (PKCS #8 PrivateKeyInfo <-> CRYPT_PRIVATE_KEY_INFO) (structures.hpp). Expected values:
// Wine's dlls/crypt32/tests/encode.c (rsaPrivKeyDer and its components), which runs on Windows.
#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_ENCODING

#include <string.h>

#include "algorithm_identifier.hpp"
#include "der.hpp"
#include "objects/blob_bytes.hpp"
#include "structures.hpp"

namespace tinycapi::objects::formats {

namespace {

constexpr size_t kBlobPreamble = 8 + 12;  // BLOBHEADER + RSAPUBKEY
constexpr int kComponents = 8;            // n, e, d, p, q, dp, dq, qinv

// Where each RSAPrivateKey INTEGER goes in a PRIVATEKEYBLOB (reference §6.2): modulus, then
// prime1, prime2, exponent1, exponent2, coefficient of half its size, then the private
// exponent. The public exponent lives in RSAPUBKEY.
struct BlobLayout {
    size_t modulus_bytes;
    size_t half_bytes;
    size_t offset(int component) const {  // component: index in RSAPrivateKey order, 1..8
        switch (component) {
            case 1: return kBlobPreamble;                                    // n
            case 3: return kBlobPreamble + modulus_bytes + 5 * half_bytes;   // d
            case 4: return kBlobPreamble + modulus_bytes;                    // p
            case 5: return kBlobPreamble + modulus_bytes + half_bytes;       // q
            case 6: return kBlobPreamble + modulus_bytes + 2 * half_bytes;   // dp
            case 7: return kBlobPreamble + modulus_bytes + 3 * half_bytes;   // dq
            case 8: return kBlobPreamble + modulus_bytes + 4 * half_bytes;   // qinv
            default: return 0;
        }
    }
    size_t size(int component) const {
        return component == 1 || component == 3 ? modulus_bytes : half_bytes;
    }
    size_t total() const { return kBlobPreamble + 2 * modulus_bytes + 5 * half_bytes; }
};

}  // namespace

Error decode_rsa_private_key(const BYTE *encoded, size_t size, BYTE *out, size_t *needed) {
    DerReader reader(encoded, size);
    DerElement sequence;
    if (Error e = reader.next(der_tag::sequence, &sequence); e != Error::none) return e;
    DerReader members(sequence);
    DerElement version, element[kComponents + 1];
    if (Error e = members.next(der_tag::integer, &version); e != Error::none) return e;
    for (int i = 1; i <= kComponents; ++i) {
        if (Error e = members.next(der_tag::integer, &element[i]); e != Error::none) return e;
    }
    if (Error e = members.expect_end(); e != Error::none) return e;
    const BYTE *digits[kComponents + 1];
    size_t count[kComponents + 1];
    for (int i = 1; i <= kComponents; ++i) unsigned_magnitude(element[i], &digits[i], &count[i]);
    if (count[1] > 0xffffffffu / 8) return Error::asn1_large;
    const BlobLayout layout{count[1], (count[1] + 1) / 2};
    if (count[2] > 4) return Error::asn1_large;  // RSAPUBKEY.pubexp is a DWORD
    for (int i = 3; i <= kComponents; ++i) {
        if (count[i] > layout.size(i)) return Error::asn1_large;  // does not fit its place
    }
    *needed = layout.total();
    if (out == nullptr) return Error::none;
    memset(out, 0, layout.total());
    DWORD public_exponent = 0;
    for (size_t i = 0; i < count[2]; ++i) public_exponent = public_exponent << 8 | digits[2][i];
    write_blob_header(out, PRIVATEKEYBLOB, CALG_RSA_KEYX);
    write_dword(out + 8, TINYCAPI_RSA2_MAGIC);
    write_dword(out + 12, static_cast<DWORD>(layout.modulus_bytes * 8));
    write_dword(out + 16, public_exponent);
    for (int c = 1; c <= kComponents; ++c) {
        if (c == 2) continue;
        BYTE *at = out + layout.offset(c);
        for (size_t i = 0; i < count[c]; ++i) at[i] = digits[c][count[c] - 1 - i];  // little-endian
    }
    return Error::none;
}

Error encode_rsa_private_key(const BYTE *blob, BYTE *out, size_t *needed) {
    if (blob[0] != PRIVATEKEYBLOB || read_dword(blob + 8) != TINYCAPI_RSA2_MAGIC) return Error::invalid_argument;
    const DWORD bit_length = read_dword(blob + 12);
    const BlobLayout layout{(bit_length + 7) / 8, (bit_length + 15) / 16};
    BYTE exponent[4];
    write_dword(exponent, read_dword(blob + 16));
    static const BYTE version_zero = 0;
    auto component = [&](int c, BYTE *at) {
        if (c == 2) return encode_unsigned_integer(exponent, sizeof exponent, at);
        return encode_unsigned_integer(blob + layout.offset(c), layout.size(c), at);
    };
    size_t content = encode_unsigned_integer(&version_zero, 1, nullptr);
    for (int c = 1; c <= kComponents; ++c) content += component(c, nullptr);
    *needed = der_size(content);
    if (out == nullptr) return Error::none;
    BYTE *at = write_der_header(out, der_tag::sequence, content);
    at += encode_unsigned_integer(&version_zero, 1, at);
    for (int c = 1; c <= kComponents; ++c) at += component(c, at);
    return Error::none;
}

// ---- PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier,
//                                    privateKey OCTET STRING, attributes [0] IMPLICIT SET OF Attribute OPTIONAL }
// Attribute ::= SEQUENCE { type OBJECT IDENTIFIER, values SET OF ANY }

namespace {

struct ParsedAttributes {
    DerElement set;  // the [0] element's content
    size_t attributes = 0;
    size_t values = 0;
    size_t text_bytes = 0;  // OID strings with NULs and value bytes
};

Error parse_attributes(const DerElement &set, ParsedAttributes *parsed) {
    parsed->set = set;
    DerReader reader(set);
    while (!reader.at_end()) {
        DerElement attribute, oid, values;
        if (Error e = reader.next(der_tag::sequence, &attribute); e != Error::none) return e;
        DerReader members(attribute);
        if (Error e = members.next(der_tag::object_id, &oid); e != Error::none) return e;
        size_t oid_length = 0;
        if (Error e = oid_to_text(oid, nullptr, &oid_length); e != Error::none) return e;
        if (Error e = members.next(der_tag::set, &values); e != Error::none) return e;
        if (Error e = members.expect_end(); e != Error::none) return e;
        parsed->text_bytes += oid_length + 1;
        DerReader value_reader(values);
        while (!value_reader.at_end()) {
            DerElement value;
            if (Error e = value_reader.next_any(&value); e != Error::none) return e;
            ++parsed->values;
            parsed->text_bytes += value.encoded_size;
        }
        ++parsed->attributes;
    }
    return Error::none;
}

size_t attribute_bytes(const ParsedAttributes &parsed) {
    return sizeof(CRYPT_ATTRIBUTES) + parsed.attributes * sizeof(CRYPT_ATTRIBUTE) +
           parsed.values * sizeof(CRYPT_ATTR_BLOB) + parsed.text_bytes;
}

// Writes CRYPT_ATTRIBUTES, its arrays, then strings and values; all structures come first so
// they stay aligned as the caller's buffer is.
void write_attributes(const ParsedAttributes &parsed, BYTE *at, CRYPT_ATTRIBUTES **result) {
    BYTE *const attributes_at = at + sizeof(CRYPT_ATTRIBUTES);
    BYTE *const values_at = attributes_at + parsed.attributes * sizeof(CRYPT_ATTRIBUTE);
    BYTE *text = values_at + parsed.values * sizeof(CRYPT_ATTR_BLOB);
    CRYPT_ATTRIBUTES list{static_cast<DWORD>(parsed.attributes), static_cast<PCRYPT_ATTRIBUTE>(static_cast<void *>(attributes_at))};
    memcpy(at, &list, sizeof list);
    DerReader reader(parsed.set);
    size_t value_index = 0;
    for (size_t a = 0; a < parsed.attributes; ++a) {
        DerElement attribute, oid, values;
        reader.next(der_tag::sequence, &attribute);
        DerReader members(attribute);
        members.next(der_tag::object_id, &oid);
        members.next(der_tag::set, &values);
        size_t oid_length = 0;
        oid_to_text(oid, reinterpret_cast<char *>(text), &oid_length);
        CRYPT_ATTRIBUTE entry{reinterpret_cast<LPSTR>(text), 0,
                              static_cast<PCRYPT_ATTR_BLOB>(static_cast<void *>(values_at + value_index * sizeof(CRYPT_ATTR_BLOB)))};
        text += oid_length + 1;
        DerReader value_reader(values);
        while (!value_reader.at_end()) {
            DerElement value;
            value_reader.next_any(&value);
            const BYTE *start = value.content - (value.encoded_size - value.length);
            memcpy(text, start, value.encoded_size);
            CRYPT_ATTR_BLOB blob{static_cast<DWORD>(value.encoded_size), text};
            memcpy(values_at + value_index * sizeof(CRYPT_ATTR_BLOB), &blob, sizeof blob);
            text += value.encoded_size;
            ++value_index;
            ++entry.cValue;
        }
        memcpy(attributes_at + a * sizeof(CRYPT_ATTRIBUTE), &entry, sizeof entry);
    }
    *result = static_cast<CRYPT_ATTRIBUTES *>(static_cast<void *>(at));  // aligned as the caller's buffer is
}

}  // namespace

Error decode_private_key_info(const BYTE *encoded, size_t size, BYTE *out, size_t *needed) {
    DerReader reader(encoded, size);
    DerElement sequence, version, algorithm_element, key, attributes_element;
    if (Error e = reader.next(der_tag::sequence, &sequence); e != Error::none) return e;
    DerReader members(sequence);
    if (Error e = members.next(der_tag::integer, &version); e != Error::none) return e;
    const BYTE *version_digits;
    size_t version_bytes;
    unsigned_magnitude(version, &version_digits, &version_bytes);
    if (version_bytes > 4) return Error::asn1_large;  // CRYPT_PRIVATE_KEY_INFO.Version is a DWORD
    if (Error e = members.next(der_tag::sequence, &algorithm_element); e != Error::none) return e;
    ParsedAlgorithm algorithm;
    if (Error e = parse_algorithm(algorithm_element, &algorithm); e != Error::none) return e;
    if (Error e = members.next(der_tag::octet_string, &key); e != Error::none) return e;
    ParsedAttributes attributes;
    const bool has_attributes = !members.at_end();
    if (has_attributes) {
        if (Error e = members.next(der_tag::context_0, &attributes_element); e != Error::none) return e;
        if (Error e = parse_attributes(attributes_element, &attributes); e != Error::none) return e;
    }
    if (Error e = members.expect_end(); e != Error::none) return e;
    const size_t attributes_size = has_attributes ? attribute_bytes(attributes) : 0;
    *needed = sizeof(CRYPT_PRIVATE_KEY_INFO) + attributes_size + algorithm_extra_bytes(algorithm) + key.length;
    if (out == nullptr) return Error::none;
    CRYPT_PRIVATE_KEY_INFO info{};
    for (size_t i = 0; i < version_bytes; ++i) info.Version = info.Version << 8 | version_digits[i];
    BYTE *tail = out + sizeof info;
    if (has_attributes) {
        write_attributes(attributes, tail, &info.pAttributes);
        tail += attributes_size;
    }
    tail = write_algorithm(algorithm, tail, &info.Algorithm);
    info.PrivateKey.cbData = static_cast<DWORD>(key.length);
    info.PrivateKey.pbData = key.length != 0 ? tail : nullptr;
    if (key.length != 0) memcpy(tail, key.content, key.length);
    memcpy(out, &info, sizeof info);
    return Error::none;
}

Error encode_private_key_info(const CRYPT_PRIVATE_KEY_INFO &info, BYTE *out, size_t *needed) {
    size_t algorithm_size = 0;
    if (Error e = encode_algorithm(info.Algorithm, nullptr, &algorithm_size); e != Error::none) return e;
    if (info.PrivateKey.cbData != 0 && info.PrivateKey.pbData == nullptr) return Error::invalid_argument;
    BYTE version[4];
    write_dword(version, info.Version);
    const size_t version_size = encode_unsigned_integer(version, sizeof version, nullptr);
    // Attribute values are written as given; their SET OF is not re-sorted.
    size_t attributes_content = 0;
    const CRYPT_ATTRIBUTES *attributes = info.pAttributes;
    const bool has_attributes = attributes != nullptr && attributes->cAttr != 0;
    if (has_attributes) {
        if (attributes->rgAttr == nullptr) return Error::invalid_argument;
        for (DWORD a = 0; a < attributes->cAttr; ++a) {
            const CRYPT_ATTRIBUTE &attribute = attributes->rgAttr[a];
            size_t oid_length = 0;
            if (Error e = oid_from_text(attribute.pszObjId, nullptr, &oid_length); e != Error::none) return e;
            if (attribute.cValue != 0 && attribute.rgValue == nullptr) return Error::invalid_argument;
            size_t values = 0;
            for (DWORD v = 0; v < attribute.cValue; ++v) values += attribute.rgValue[v].cbData;
            attributes_content += der_size(der_size(oid_length) + der_size(values));
        }
    }
    const size_t content = version_size + algorithm_size + der_size(info.PrivateKey.cbData) +
                           (has_attributes ? der_size(attributes_content) : 0);
    *needed = der_size(content);
    if (out == nullptr) return Error::none;
    BYTE *at = write_der_header(out, der_tag::sequence, content);
    at += encode_unsigned_integer(version, sizeof version, at);
    encode_algorithm(info.Algorithm, at, &algorithm_size);
    at = write_der_header(at + algorithm_size, der_tag::octet_string, info.PrivateKey.cbData);
    if (info.PrivateKey.cbData != 0) memcpy(at, info.PrivateKey.pbData, info.PrivateKey.cbData);
    at += info.PrivateKey.cbData;
    if (has_attributes) {
        at = write_der_header(at, der_tag::context_0, attributes_content);
        for (DWORD a = 0; a < attributes->cAttr; ++a) {
            const CRYPT_ATTRIBUTE &attribute = attributes->rgAttr[a];
            size_t oid_length = 0, values = 0;
            oid_from_text(attribute.pszObjId, nullptr, &oid_length);
            for (DWORD v = 0; v < attribute.cValue; ++v) values += attribute.rgValue[v].cbData;
            at = write_der_header(at, der_tag::sequence, der_size(oid_length) + der_size(values));
            at = write_der_header(at, der_tag::object_id, oid_length);
            oid_from_text(attribute.pszObjId, at, &oid_length);
            at = write_der_header(at + oid_length, der_tag::set, values);
            for (DWORD v = 0; v < attribute.cValue; ++v) {
                if (attribute.rgValue[v].cbData != 0) memcpy(at, attribute.rgValue[v].pbData, attribute.rgValue[v].cbData);
                at += attribute.rgValue[v].cbData;
            }
        }
    }
    return Error::none;
}

}  // namespace tinycapi::objects::formats

#endif  // TINYCAPI_ENABLE_ENCODING
