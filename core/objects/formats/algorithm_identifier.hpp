// An AlgorithmIdentifier as the key structures share it (public_key_der.cpp): parsed from
// DER, written into a decoded CRYPT_ALGORITHM_IDENTIFIER, and encoded from one.
#pragma once

#include <stddef.h>

#include <tinycapi/wincrypt.h>

#include "der.hpp"
#include "objects/error.hpp"

namespace tinycapi::objects::formats {

struct ParsedAlgorithm {
    DerElement oid;
    size_t oid_text_length = 0;  // the dotted string, without its NUL
    const BYTE *parameters = nullptr;  // the parameters' whole element, or null
    size_t parameters_size = 0;
};

// Parses the content of an AlgorithmIdentifier SEQUENCE (exactly an OID and at most one
// parameters element: anything more is CRYPT_E_ASN1_CORRUPT).
Error parse_algorithm(const DerElement &sequence, ParsedAlgorithm *algorithm);
// Bytes a decoded CRYPT_ALGORITHM_IDENTIFIER needs after itself (string, NUL, parameters).
size_t algorithm_extra_bytes(const ParsedAlgorithm &algorithm);
// Writes the string and parameters at `tail`, points `out` at them; returns the end.
BYTE *write_algorithm(const ParsedAlgorithm &algorithm, BYTE *tail, CRYPT_ALGORITHM_IDENTIFIER *out);
// The DER of an AlgorithmIdentifier; empty parameters are written as NULL.
Error encode_algorithm(const CRYPT_ALGORITHM_IDENTIFIER &algorithm, BYTE *out, size_t *needed);

}  // namespace tinycapi::objects::formats
