// CryptImportPublicKeyInfo(Ex) and CryptExportPublicKeyInfo(Ex) for RSA (szOID_RSA_RSA): a
// SubjectPublicKeyInfo's key is an RSA_CSP_PUBLICKEYBLOB encoding, imported and exported
// through CryptImportKey / CryptExportKey. Errors in Windows' order (Wine's
// dlls/crypt32/tests/encode.c, testImportPublicKey and testExportPublicKey, run on Windows).
#include "tinycapi_config.h"

#include "api_result.hpp"

#if TINYCAPI_ENABLE_ENCODING

#include <string.h>

#include "objects/formats/structures.hpp"

using namespace tinycapi::api;
using tinycapi::objects::formats::Structure;
namespace formats = tinycapi::objects::formats;

namespace {

// A PUBLICKEYBLOB of the largest modulus tinycapi takes: BLOBHEADER, RSAPUBKEY, modulus.
constexpr size_t kMaxPublicBlob = 8 + 12 + (TINYCAPI_RSA_MAX_BITS + 7) / 8;
constexpr BYTE kNullParameters[] = {0x05, 0x00};

bool is_rsa(LPCSTR oid) { return oid != nullptr && strcmp(oid, szOID_RSA_RSA) == 0; }

}  // namespace

extern "C" {

BOOL WINAPI CryptImportPublicKeyInfoEx(HCRYPTPROV hCryptProv, DWORD dwCertEncodingType,
                                       PCERT_PUBLIC_KEY_INFO pInfo, ALG_ID aiKeyAlg, DWORD dwFlags,
                                       void *pvAuxInfo, HCRYPTKEY *phKey) {
    static_cast<void>(dwFlags);
    static_cast<void>(pvAuxInfo);
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    // The encoding selects the import function; Windows finds none for 0 (ERROR_FILE_NOT_FOUND,
    // before the context is looked at).
    if ((dwCertEncodingType & CERT_ENCODING_TYPE_MASK) != X509_ASN_ENCODING) return fail(Error::file_not_found);
    // Windows faults on a null info or key pointer; tinycapi reports it.
    if (pInfo == nullptr || phKey == nullptr) return fail(Error::invalid_parameter);
    if (!is_rsa(pInfo->Algorithm.pszObjId)) return fail(Error::file_not_found);
    if (pInfo->PublicKey.pbData == nullptr || pInfo->PublicKey.cbData == 0) return fail(Error::asn1_eod);
    size_t needed = 0;
    if (Error e = formats::decode_rsa_public_key(pInfo->PublicKey.pbData, pInfo->PublicKey.cbData, nullptr, &needed);
        e != Error::none) {
        return fail(e);
    }
    if (needed > kMaxPublicBlob) return fail(Error::bad_data);  // as CryptImportKey rejects it
    BYTE blob[kMaxPublicBlob];
    formats::decode_rsa_public_key(pInfo->PublicKey.pbData, pInfo->PublicKey.cbData, blob, &needed);
    // A caller's ALG_ID replaces CALG_RSA_KEYX (Wine's encode.c: CALG_RSA_SIGN is kept).
    if (aiKeyAlg != 0) {
        for (int i = 0; i < 4; ++i) blob[4 + i] = static_cast<BYTE>(aiKeyAlg >> (8 * i));
    }
    return CryptImportKey(hCryptProv, blob, static_cast<DWORD>(needed), 0, 0, phKey);
}

BOOL WINAPI CryptImportPublicKeyInfo(HCRYPTPROV hCryptProv, DWORD dwCertEncodingType, PCERT_PUBLIC_KEY_INFO pInfo,
                                     HCRYPTKEY *phKey) {
    // Its own entry point for failure injection; the rest is the Ex form's (as on Windows).
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    return CryptImportPublicKeyInfoEx(hCryptProv, dwCertEncodingType, pInfo, 0, 0, nullptr, phKey);
}

BOOL WINAPI CryptExportPublicKeyInfoEx(HCRYPTPROV_OR_NCRYPT_KEY_HANDLE hCryptProvOrNCryptKey, DWORD dwKeySpec,
                                       DWORD dwCertEncodingType, LPSTR pszPublicKeyObjId, DWORD dwFlags,
                                       void *pvAuxInfo, PCERT_PUBLIC_KEY_INFO pInfo, DWORD *pcbInfo) {
    static_cast<void>(dwFlags);
    static_cast<void>(pvAuxInfo);
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    // Windows faults on a null size; tinycapi reports it. A zero context is
    // ERROR_INVALID_PARAMETER and a context without the pair NTE_NO_KEY (Wine's encode.c).
    if (pcbInfo == nullptr || hCryptProvOrNCryptKey == 0) return fail(Error::invalid_parameter);
    HCRYPTKEY key = 0;
    if (!CryptGetUserKey(static_cast<HCRYPTPROV>(hCryptProvOrNCryptKey), dwKeySpec, &key)) return FALSE;
    BYTE blob[kMaxPublicBlob];
    DWORD blob_size = sizeof blob;
    const BOOL exported = CryptExportKey(key, 0, PUBLICKEYBLOB, 0, blob, &blob_size);
    const DWORD export_error = exported ? ERROR_SUCCESS : GetLastError();
    CryptDestroyKey(key);
    if (!exported) return fail(static_cast<Error>(export_error));
    if ((dwCertEncodingType & CERT_ENCODING_TYPE_MASK) != X509_ASN_ENCODING) return fail(Error::file_not_found);
    size_t key_der = 0;
    formats::encode_rsa_public_key(blob, nullptr, &key_der);
    const char *oid = pszPublicKeyObjId != nullptr ? pszPublicKeyObjId : szOID_RSA_RSA;
    const size_t oid_bytes = strlen(oid) + 1;
    const size_t needed = sizeof(CERT_PUBLIC_KEY_INFO) + oid_bytes + sizeof kNullParameters + key_der;
    if (pInfo == nullptr) {
        *pcbInfo = static_cast<DWORD>(needed);
        return TRUE;
    }
    if (*pcbInfo < needed) {
        *pcbInfo = static_cast<DWORD>(needed);
        return fail(Error::more_data);
    }
    BYTE *tail = reinterpret_cast<BYTE *>(pInfo) + sizeof(CERT_PUBLIC_KEY_INFO);
    CERT_PUBLIC_KEY_INFO info{};
    info.Algorithm.pszObjId = reinterpret_cast<LPSTR>(tail);
    memcpy(tail, oid, oid_bytes);
    tail += oid_bytes;
    info.Algorithm.Parameters.cbData = sizeof kNullParameters;
    info.Algorithm.Parameters.pbData = tail;
    memcpy(tail, kNullParameters, sizeof kNullParameters);
    tail += sizeof kNullParameters;
    info.PublicKey.cbData = static_cast<DWORD>(key_der);
    info.PublicKey.pbData = tail;
    info.PublicKey.cUnusedBits = 0;
    formats::encode_rsa_public_key(blob, tail, &key_der);
    memcpy(pInfo, &info, sizeof info);
    *pcbInfo = static_cast<DWORD>(needed);
    return TRUE;
}

BOOL WINAPI CryptExportPublicKeyInfo(HCRYPTPROV_OR_NCRYPT_KEY_HANDLE hCryptProvOrNCryptKey, DWORD dwKeySpec,
                                     DWORD dwCertEncodingType, PCERT_PUBLIC_KEY_INFO pInfo, DWORD *pcbInfo) {
    if (Error e = ensure_port(); e != Error::none) return fail(e);
    return CryptExportPublicKeyInfoEx(hCryptProvOrNCryptKey, dwKeySpec, dwCertEncodingType, nullptr, 0, nullptr,
                                      pInfo, pcbInfo);
}

}  // extern "C"

#else  // !TINYCAPI_ENABLE_ENCODING

using namespace tinycapi::api;

extern "C" {

BOOL WINAPI CryptImportPublicKeyInfoEx(HCRYPTPROV, DWORD, PCERT_PUBLIC_KEY_INFO, ALG_ID, DWORD, void *, HCRYPTKEY *) {
    return fail(Error::not_implemented);
}
BOOL WINAPI CryptImportPublicKeyInfo(HCRYPTPROV, DWORD, PCERT_PUBLIC_KEY_INFO, HCRYPTKEY *) {
    return fail(Error::not_implemented);
}
BOOL WINAPI CryptExportPublicKeyInfoEx(HCRYPTPROV_OR_NCRYPT_KEY_HANDLE, DWORD, DWORD, LPSTR, DWORD, void *,
                                       PCERT_PUBLIC_KEY_INFO, DWORD *) {
    return fail(Error::not_implemented);
}
BOOL WINAPI CryptExportPublicKeyInfo(HCRYPTPROV_OR_NCRYPT_KEY_HANDLE, DWORD, DWORD, PCERT_PUBLIC_KEY_INFO, DWORD *) {
    return fail(Error::not_implemented);
}

}  // extern "C"

#endif  // TINYCAPI_ENABLE_ENCODING
