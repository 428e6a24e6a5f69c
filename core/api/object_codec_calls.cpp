// CryptEncodeObject(Ex) and CryptDecodeObject(Ex) for the key structures of
// core/objects/formats/structures.hpp: checks and buffer rules in Windows' order (Wine's
// dlls/crypt32/tests/encode.c, which runs on Windows). tinycapi has no heap: the ALLOC flags
// use the caller's CRYPT_ENCODE_PARA / CRYPT_DECODE_PARA allocator and, without one, fail with
// ERROR_NOT_ENOUGH_MEMORY (docs/COMPATIBILITY.md, "Keys in standard formats").
#include "tinycapi_config.h"

#include "api_result.hpp"

#if TINYCAPI_ENABLE_ENCODING

#include <stddef.h>

#include "objects/formats/structures.hpp"

using namespace tinycapi::api;
using tinycapi::objects::formats::Structure;
namespace formats = tinycapi::objects::formats;

namespace {

// The caller's allocator, when the PARA structure is big enough to hold one.
template <typename Para>
PFN_CRYPT_ALLOC allocator_of(const Para *para) {
    if (para == nullptr || para->cbSize < offsetof(Para, pfnAlloc) + sizeof(PFN_CRYPT_ALLOC)) return nullptr;
    return para->pfnAlloc;
}

// What Windows looks up first: the encoding (only ASN.1 here) and the structure type; any
// other is "no such function" (Wine's encode.c: encoding 0 or 3, or an OID string such as
// szOID_RSA_RSA, give ERROR_FILE_NOT_FOUND).
Error find_structure(DWORD encoding_type, LPCSTR struct_type, Structure *structure) {
    if ((encoding_type & CERT_ENCODING_TYPE_MASK) != X509_ASN_ENCODING) return Error::file_not_found;
    if (!formats::structure_named(struct_type, structure)) return Error::file_not_found;
    return Error::none;
}

// Hands the result to the caller: a size query, ERROR_MORE_DATA with the size when the
// buffer is short, or the bytes in the caller's buffer or in one from the caller's allocator.
template <typename Produce>
BOOL deliver(size_t needed, bool allocate, PFN_CRYPT_ALLOC allocator, void *destination, DWORD *size,
             Produce produce) {
    if (needed > 0xffffffffu) return fail(Error::asn1_large);
    if (allocate) {
        if (allocator == nullptr) return fail(Error::not_enough_memory);
        BYTE *buffer = static_cast<BYTE *>(allocator(needed));
        if (buffer == nullptr) return fail(Error::not_enough_memory);
        produce(buffer);
        *static_cast<BYTE **>(destination) = buffer;
        *size = static_cast<DWORD>(needed);
        return TRUE;
    }
    if (destination == nullptr) {
        *size = static_cast<DWORD>(needed);
        return TRUE;
    }
    if (*size < needed) {
        *size = static_cast<DWORD>(needed);
        return fail(Error::more_data);
    }
    produce(static_cast<BYTE *>(destination));
    *size = static_cast<DWORD>(needed);
    return TRUE;
}

BOOL decode(const char *entry_point, DWORD encoding_type, LPCSTR struct_type, const BYTE *encoded,
            DWORD encoded_size, DWORD flags, PFN_CRYPT_ALLOC allocator, void *structure_info,
            DWORD *structure_size) {
    if (Error e = ensure_port(entry_point); e != Error::none) return fail(e);
    // Windows dereferences a null size; tinycapi reports it.
    if (structure_size == nullptr) return fail(Error::invalid_parameter);
    const bool allocate = (flags & CRYPT_DECODE_ALLOC_FLAG) != 0;
    if (allocate && structure_info == nullptr) return fail(Error::invalid_parameter);
    SetLastError(ERROR_SUCCESS);  // Windows clears it (Wine's encode.c, test_decodeInt)
    if (allocate) *static_cast<BYTE **>(structure_info) = nullptr;
    Structure structure;
    if (Error e = find_structure(encoding_type, struct_type, &structure); e != Error::none) return fail(e);
    if (encoded == nullptr || encoded_size == 0) return fail(Error::asn1_eod);
    size_t needed = 0;
    if (Error e = formats::decode_structure(structure, encoded, encoded_size, nullptr, &needed); e != Error::none) {
        return fail(e);
    }
    return deliver(needed, allocate, allocator, structure_info, structure_size, [&](BYTE *out) {
        formats::decode_structure(structure, encoded, encoded_size, out, &needed);
    });
}

BOOL encode(const char *entry_point, DWORD encoding_type, LPCSTR struct_type, const void *structure_info, DWORD flags,
            PFN_CRYPT_ALLOC allocator, void *encoded, DWORD *encoded_size) {
    if (Error e = ensure_port(entry_point); e != Error::none) return fail(e);
    if (encoded_size == nullptr) return fail(Error::invalid_parameter);
    const bool allocate = (flags & CRYPT_ENCODE_ALLOC_FLAG) != 0;
    if (allocate && encoded == nullptr) return fail(Error::invalid_parameter);
    if (allocate) *static_cast<BYTE **>(encoded) = nullptr;
    Structure structure;
    if (Error e = find_structure(encoding_type, struct_type, &structure); e != Error::none) return fail(e);
    // Windows faults on a null structure; tinycapi reports it.
    if (structure_info == nullptr) return fail(Error::invalid_parameter);
    size_t needed = 0;
    if (Error e = formats::encode_structure(structure, structure_info, nullptr, &needed); e != Error::none) {
        return fail(e);
    }
    return deliver(needed, allocate, allocator, encoded, encoded_size, [&](BYTE *out) {
        formats::encode_structure(structure, structure_info, out, &needed);
    });
}

}  // namespace

extern "C" {

BOOL WINAPI CryptDecodeObjectEx(DWORD dwCertEncodingType, LPCSTR lpszStructType, const BYTE *pbEncoded,
                                DWORD cbEncoded, DWORD dwFlags, PCRYPT_DECODE_PARA pDecodePara,
                                void *pvStructInfo, DWORD *pcbStructInfo) {
    return decode(__func__, dwCertEncodingType, lpszStructType, pbEncoded, cbEncoded, dwFlags, allocator_of(pDecodePara),
                  pvStructInfo, pcbStructInfo);
}

BOOL WINAPI CryptDecodeObject(DWORD dwCertEncodingType, LPCSTR lpszStructType, const BYTE *pbEncoded,
                              DWORD cbEncoded, DWORD dwFlags, void *pvStructInfo, DWORD *pcbStructInfo) {
    return decode(__func__, dwCertEncodingType, lpszStructType, pbEncoded, cbEncoded, dwFlags, nullptr, pvStructInfo,
                  pcbStructInfo);
}

BOOL WINAPI CryptEncodeObjectEx(DWORD dwCertEncodingType, LPCSTR lpszStructType, const void *pvStructInfo,
                                DWORD dwFlags, PCRYPT_ENCODE_PARA pEncodePara, void *pvEncoded,
                                DWORD *pcbEncoded) {
    return encode(__func__, dwCertEncodingType, lpszStructType, pvStructInfo, dwFlags, allocator_of(pEncodePara), pvEncoded,
                  pcbEncoded);
}

BOOL WINAPI CryptEncodeObject(DWORD dwCertEncodingType, LPCSTR lpszStructType, const void *pvStructInfo,
                              BYTE *pbEncoded, DWORD *pcbEncoded) {
    return encode(__func__, dwCertEncodingType, lpszStructType, pvStructInfo, 0, nullptr, pbEncoded, pcbEncoded);
}

}  // extern "C"

#else  // !TINYCAPI_ENABLE_ENCODING

using namespace tinycapi::api;

extern "C" {

BOOL WINAPI CryptDecodeObjectEx(DWORD, LPCSTR, const BYTE *, DWORD, DWORD, PCRYPT_DECODE_PARA, void *, DWORD *) {
    return fail(Error::not_implemented);
}
BOOL WINAPI CryptDecodeObject(DWORD, LPCSTR, const BYTE *, DWORD, DWORD, void *, DWORD *) {
    return fail(Error::not_implemented);
}
BOOL WINAPI CryptEncodeObjectEx(DWORD, LPCSTR, const void *, DWORD, PCRYPT_ENCODE_PARA, void *, DWORD *) {
    return fail(Error::not_implemented);
}
BOOL WINAPI CryptEncodeObject(DWORD, LPCSTR, const void *, BYTE *, DWORD *) { return fail(Error::not_implemented); }

}  // extern "C"

#endif  // TINYCAPI_ENABLE_ENCODING
