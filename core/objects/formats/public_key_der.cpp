// X509_PUBLIC_KEY_INFO, X509_ALGORITHM_IDENTIFIER and RSA_CSP_PUBLICKEYBLOB (structures.hpp).
// Expected values: Wine's dlls/crypt32/tests/encode.c (pubKeys, rsaPubKeys), which runs on
// Windows.
#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_ENCODING

#include <string.h>

#include "algorithm_identifier.hpp"
#include "der.hpp"
#include "objects/blob_bytes.hpp"
#include "structures.hpp"

namespace tinycapi::objects::formats {

// ---- AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }

Error parse_algorithm(const DerElement &sequence, ParsedAlgorithm *algorithm) {
    DerReader reader(sequence);
    if (Error e = reader.next(der_tag::object_id, &algorithm->oid); e != Error::none) return e;
    if (Error e = oid_to_text(algorithm->oid, nullptr, &algorithm->oid_text_length); e != Error::none) return e;
    algorithm->parameters = nullptr;
    algorithm->parameters_size = 0;
    if (!reader.at_end()) {
        // The parameters are kept as their whole DER element (Windows gives {05 00} for NULL).
        DerElement parameters;
        if (Error e = reader.next_any(&parameters); e != Error::none) return e;
        algorithm->parameters = sequence.content + algorithm->oid.encoded_size;
        algorithm->parameters_size = parameters.encoded_size;
    }
    return reader.expect_end();
}

size_t algorithm_extra_bytes(const ParsedAlgorithm &algorithm) {
    return algorithm.oid_text_length + 1 + algorithm.parameters_size;
}

BYTE *write_algorithm(const ParsedAlgorithm &algorithm, BYTE *tail, CRYPT_ALGORITHM_IDENTIFIER *out) {
    size_t length = 0;
    oid_to_text(algorithm.oid, reinterpret_cast<char *>(tail), &length);
    out->pszObjId = reinterpret_cast<LPSTR>(tail);
    tail += length + 1;
    out->Parameters.cbData = static_cast<DWORD>(algorithm.parameters_size);
    out->Parameters.pbData = algorithm.parameters_size != 0 ? tail : nullptr;
    if (algorithm.parameters_size != 0) memcpy(tail, algorithm.parameters, algorithm.parameters_size);
    return tail + algorithm.parameters_size;
}

// Windows writes NULL parameters when there are none (Wine's encode.c: "MS encodes public
// key info with a NULL if the algorithm identifier's parameters are empty").
Error encode_algorithm(const CRYPT_ALGORITHM_IDENTIFIER &algorithm, BYTE *out, size_t *needed) {
    size_t oid_length = 0;
    if (Error e = oid_from_text(algorithm.pszObjId, nullptr, &oid_length); e != Error::none) return e;
    const BYTE null_parameters[] = {der_tag::null_value, 0};
    const bool has_parameters = algorithm.Parameters.cbData != 0;
    if (has_parameters && algorithm.Parameters.pbData == nullptr) return Error::invalid_argument;
    const BYTE *parameters = has_parameters ? algorithm.Parameters.pbData : null_parameters;
    const size_t parameters_size = has_parameters ? algorithm.Parameters.cbData : sizeof null_parameters;
    const size_t content = der_size(oid_length) + parameters_size;
    *needed = der_size(content);
    if (out == nullptr) return Error::none;
    BYTE *at = write_der_header(out, der_tag::sequence, content);
    at = write_der_header(at, der_tag::object_id, oid_length);
    oid_from_text(algorithm.pszObjId, at, &oid_length);
    memcpy(at + oid_length, parameters, parameters_size);
    return Error::none;
}

Error decode_algorithm_identifier(const BYTE *encoded, size_t size, BYTE *out, size_t *needed) {
    DerReader reader(encoded, size);
    DerElement sequence;
    if (Error e = reader.next(der_tag::sequence, &sequence); e != Error::none) return e;
    ParsedAlgorithm algorithm;
    if (Error e = parse_algorithm(sequence, &algorithm); e != Error::none) return e;
    *needed = sizeof(CRYPT_ALGORITHM_IDENTIFIER) + algorithm_extra_bytes(algorithm);
    if (out == nullptr) return Error::none;
    CRYPT_ALGORITHM_IDENTIFIER result{};
    write_algorithm(algorithm, out + sizeof result, &result);
    memcpy(out, &result, sizeof result);
    return Error::none;
}

Error encode_algorithm_identifier(const CRYPT_ALGORITHM_IDENTIFIER &algorithm, BYTE *out, size_t *needed) {
    return encode_algorithm(algorithm, out, needed);
}

// ---- SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }

Error decode_public_key_info(const BYTE *encoded, size_t size, BYTE *out, size_t *needed) {
    DerReader reader(encoded, size);
    DerElement sequence;
    if (Error e = reader.next(der_tag::sequence, &sequence); e != Error::none) return e;
    DerReader members(sequence);
    DerElement algorithm_element, key;
    if (Error e = members.next(der_tag::sequence, &algorithm_element); e != Error::none) return e;
    ParsedAlgorithm algorithm;
    if (Error e = parse_algorithm(algorithm_element, &algorithm); e != Error::none) return e;
    if (Error e = members.next(der_tag::bit_string, &key); e != Error::none) return e;
    if (Error e = members.expect_end(); e != Error::none) return e;
    // A BIT STRING starts with its count of unused bits: 0-7, and 0 when it has no bits.
    if (key.length == 0 || key.content[0] > 7 || (key.length == 1 && key.content[0] != 0)) {
        return Error::asn1_corrupt;
    }
    const size_t key_bytes = key.length - 1;
    *needed = sizeof(CERT_PUBLIC_KEY_INFO) + algorithm_extra_bytes(algorithm) + key_bytes;
    if (out == nullptr) return Error::none;
    CERT_PUBLIC_KEY_INFO info{};
    BYTE *tail = write_algorithm(algorithm, out + sizeof info, &info.Algorithm);
    info.PublicKey.cbData = static_cast<DWORD>(key_bytes);
    info.PublicKey.pbData = key_bytes != 0 ? tail : nullptr;
    info.PublicKey.cUnusedBits = key.content[0];
    if (key_bytes != 0) memcpy(tail, key.content + 1, key_bytes);
    memcpy(out, &info, sizeof info);
    return Error::none;
}

Error encode_public_key_info(const CERT_PUBLIC_KEY_INFO &info, BYTE *out, size_t *needed) {
    size_t algorithm_size = 0;
    if (Error e = encode_algorithm(info.Algorithm, nullptr, &algorithm_size); e != Error::none) return e;
    const CRYPT_BIT_BLOB &key = info.PublicKey;
    if (key.cbData != 0 && key.pbData == nullptr) return Error::invalid_argument;
    const DWORD unused_bits = key.cbData != 0 ? (key.cUnusedBits & 7) : 0;
    const size_t bit_string_size = der_size(1 + key.cbData);
    *needed = der_size(algorithm_size + bit_string_size);
    if (out == nullptr) return Error::none;
    BYTE *at = write_der_header(out, der_tag::sequence, algorithm_size + bit_string_size);
    encode_algorithm(info.Algorithm, at, &algorithm_size);
    at = write_der_header(at + algorithm_size, der_tag::bit_string, 1 + key.cbData);
    *at++ = static_cast<BYTE>(unused_bits);
    if (key.cbData != 0) {
        memcpy(at, key.pbData, key.cbData);
        at[key.cbData - 1] &= static_cast<BYTE>(0xff << unused_bits);  // DER: unused bits are 0
    }
    return Error::none;
}

// ---- RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } <-> PUBLICKEYBLOB

constexpr size_t kBlobPreamble = 8 + 12;  // BLOBHEADER + RSAPUBKEY

Error decode_rsa_public_key(const BYTE *encoded, size_t size, BYTE *out, size_t *needed) {
    DerReader reader(encoded, size);
    DerElement sequence, modulus_element, exponent_element;
    if (Error e = reader.next(der_tag::sequence, &sequence); e != Error::none) return e;
    DerReader members(sequence);
    if (Error e = members.next(der_tag::integer, &modulus_element); e != Error::none) return e;
    if (Error e = members.next(der_tag::integer, &exponent_element); e != Error::none) return e;
    if (Error e = members.expect_end(); e != Error::none) return e;
    const BYTE *modulus, *exponent;
    size_t modulus_bytes, exponent_bytes;
    unsigned_magnitude(modulus_element, &modulus, &modulus_bytes);
    unsigned_magnitude(exponent_element, &exponent, &exponent_bytes);
    if (exponent_bytes > 4) return Error::asn1_large;  // RSAPUBKEY.pubexp is a DWORD
    // bitlen counts the modulus' bytes, as Windows does (Wine's encode.c, rsaPubKeys: a
    // 5-byte modulus gives bitlen 40).
    if (modulus_bytes > 0xffffffffu / 8) return Error::asn1_large;
    *needed = kBlobPreamble + modulus_bytes;
    if (out == nullptr) return Error::none;
    DWORD public_exponent = 0;
    for (size_t i = 0; i < exponent_bytes; ++i) public_exponent = public_exponent << 8 | exponent[i];
    write_blob_header(out, PUBLICKEYBLOB, CALG_RSA_KEYX);
    write_dword(out + 8, TINYCAPI_RSA1_MAGIC);
    write_dword(out + 12, static_cast<DWORD>(modulus_bytes * 8));
    write_dword(out + 16, public_exponent);
    for (size_t i = 0; i < modulus_bytes; ++i) out[kBlobPreamble + i] = modulus[modulus_bytes - 1 - i];
    return Error::none;
}

Error encode_rsa_public_key(const BYTE *blob, BYTE *out, size_t *needed) {
    // Only the BLOB type is checked; version, reserved and ALG_ID are not (Wine's encode.c,
    // test_encodeRsaPublicKey: a bogus type is E_INVALIDARG, the others encode).
    if (blob[0] != PUBLICKEYBLOB) return Error::invalid_argument;
    const DWORD bit_length = read_dword(blob + 12);
    BYTE exponent[4];
    write_dword(exponent, read_dword(blob + 16));
    const BYTE *modulus = blob + kBlobPreamble;
    const size_t modulus_size = encode_unsigned_integer(modulus, (bit_length + 7) / 8, nullptr);
    const size_t exponent_size = encode_unsigned_integer(exponent, sizeof exponent, nullptr);
    *needed = der_size(modulus_size + exponent_size);
    if (out == nullptr) return Error::none;
    BYTE *at = write_der_header(out, der_tag::sequence, modulus_size + exponent_size);
    at += encode_unsigned_integer(modulus, (bit_length + 7) / 8, at);
    encode_unsigned_integer(exponent, sizeof exponent, at);
    return Error::none;
}

}  // namespace tinycapi::objects::formats

#endif  // TINYCAPI_ENABLE_ENCODING
