// CryptImportPublicKeyInfo(Ex) and CryptExportPublicKeyInfo(Ex), and the whole chain Windows
// code runs on a PEM key: CryptStringToBinaryA -> CryptDecodeObjectEx(X509_PUBLIC_KEY_INFO) ->
// CryptImportPublicKeyInfo -> CryptVerifySignature. Errors as Wine's
// dlls/crypt32/tests/encode.c (testImportPublicKey, testExportPublicKey) records them on
// Windows; the key and its OpenSSL signature are tests/support/openssl_rsa_key.hpp.
#include <string.h>

#include <vector>

#include "encoding_helpers.hpp"
#include "openssl_rsa_key.hpp"
#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

using namespace openssl_rsa;

class PublicKeyInfoTest : public ContextTest {
protected:
    // The PEM text through CryptStringToBinaryA and CryptDecodeObjectEx, as Windows code does.
    std::vector<BYTE> InfoFromPem() {
        DWORD der_size = 0;
        EXPECT_TRUE(CryptStringToBinaryA(kPublicKeyPem, 0, CRYPT_STRING_BASE64HEADER, nullptr, &der_size, nullptr,
                                         nullptr));
        Bytes der(der_size);
        EXPECT_TRUE(CryptStringToBinaryA(kPublicKeyPem, 0, CRYPT_STRING_BASE64HEADER, der.data(), &der_size, nullptr,
                                         nullptr));
        EXPECT_EQ(der, B(kPublicKeyInfoDer));
        return DecodeObject(X509_PUBLIC_KEY_INFO, der);
    }

    bool Verifies(HCRYPTKEY key, const BYTE *signature, DWORD length) {
        HCRYPTHASH hash = 0;
        EXPECT_TRUE(CryptCreateHash(prov_, CALG_SHA_256, 0, 0, &hash));
        EXPECT_TRUE(CryptHashData(hash, reinterpret_cast<const BYTE *>(kSignedMessage), sizeof kSignedMessage - 1, 0));
        const BOOL ok = CryptVerifySignatureA(hash, signature, length, key, nullptr, 0);
        const DWORD error = GetLastError();
        CryptDestroyHash(hash);
        SetLastError(error);
        return ok != FALSE;
    }
};

TEST_F(PublicKeyInfoTest, PemKeyVerifiesOpenSslSignatureAndRejectsAChangedOne) {
    std::vector<BYTE> info = InfoFromPem();
    ASSERT_FALSE(info.empty());
    HCRYPTKEY key = 0;
    ASSERT_TRUE(CryptImportPublicKeyInfo(prov_, kAsn, reinterpret_cast<PCERT_PUBLIC_KEY_INFO>(info.data()), &key))
        << std::hex << GetLastError();
    ALG_ID algorithm = 0;
    DWORD size = sizeof algorithm;
    ASSERT_TRUE(CryptGetKeyParam(key, KP_ALGID, reinterpret_cast<BYTE *>(&algorithm), &size, 0));
    EXPECT_EQ(algorithm, static_cast<ALG_ID>(CALG_RSA_KEYX));  // encode.c: "Default ALG_ID"
    EXPECT_TRUE(Verifies(key, kSignatureSha256, sizeof kSignatureSha256)) << std::hex << GetLastError();
    BYTE changed[sizeof kSignatureSha256];
    memcpy(changed, kSignatureSha256, sizeof changed);
    changed[5] ^= 1;
    EXPECT_FALSE(Verifies(key, changed, sizeof changed));
    EXPECT_EQ(GetLastError(), NTE_BAD_SIGNATURE);
    // The imported key exports as the same PUBLICKEYBLOB OpenSSL wrote.
    BYTE blob[sizeof kPublicKeyBlob];
    size = sizeof blob;
    ASSERT_TRUE(CryptExportKey(key, 0, PUBLICKEYBLOB, 0, blob, &size));
    EXPECT_EQ(B(blob), B(kPublicKeyBlob));
    EXPECT_TRUE(CryptDestroyKey(key));
}

TEST_F(PublicKeyInfoTest, ImportErrorsComeInWindowsOrder) {
    std::vector<BYTE> info = InfoFromPem();
    auto *pinfo = reinterpret_cast<PCERT_PUBLIC_KEY_INFO>(info.data());
    HCRYPTKEY key = 0;
    // encode.c, testImportPublicKey.
    EXPECT_FALSE(CryptImportPublicKeyInfoEx(0, 0, pinfo, 0, 0, nullptr, &key));
    EXPECT_EQ(GetLastError(), ERROR_FILE_NOT_FOUND);
    EXPECT_FALSE(CryptImportPublicKeyInfoEx(prov_, 0, pinfo, 0, 0, nullptr, &key));
    EXPECT_EQ(GetLastError(), ERROR_FILE_NOT_FOUND);
    EXPECT_FALSE(CryptImportPublicKeyInfoEx(0, X509_ASN_ENCODING, pinfo, 0, 0, nullptr, &key));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    // Forced algorithm ("Repeat with forced algorithm").
    ASSERT_TRUE(CryptImportPublicKeyInfoEx(prov_, X509_ASN_ENCODING, pinfo, CALG_RSA_SIGN, 0, nullptr, &key));
    ALG_ID algorithm = 0;
    DWORD size = sizeof algorithm;
    ASSERT_TRUE(CryptGetKeyParam(key, KP_ALGID, reinterpret_cast<BYTE *>(&algorithm), &size, 0));
    EXPECT_EQ(algorithm, static_cast<ALG_ID>(CALG_RSA_SIGN));
    EXPECT_TRUE(CryptDestroyKey(key));
    // tinycapi: an OID other than szOID_RSA_RSA has no import function; null pointers, which
    // Windows dereferences, are ERROR_INVALID_PARAMETER; a corrupt key is its ASN.1 error.
    CERT_PUBLIC_KEY_INFO other = *pinfo;
    static char oid_dsa[] = "1.2.840.10040.4.1";
    other.Algorithm.pszObjId = oid_dsa;
    EXPECT_FALSE(CryptImportPublicKeyInfo(prov_, X509_ASN_ENCODING, &other, &key));
    EXPECT_EQ(GetLastError(), ERROR_FILE_NOT_FOUND);
    EXPECT_FALSE(CryptImportPublicKeyInfo(prov_, X509_ASN_ENCODING, nullptr, &key));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_FALSE(CryptImportPublicKeyInfo(prov_, X509_ASN_ENCODING, pinfo, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    other = *pinfo;
    other.PublicKey.cbData -= 1;
    EXPECT_FALSE(CryptImportPublicKeyInfo(prov_, X509_ASN_ENCODING, &other, &key));
    EXPECT_EQ(GetLastError(), CRYPT_E_ASN1_EOD);
}

TEST_F(PublicKeyInfoTest, ExportErrorsAndResultMatchWindows) {
    // encode.c, testExportPublicKey.
    DWORD size = 0;
    EXPECT_FALSE(CryptExportPublicKeyInfoEx(0, 0, 0, nullptr, 0, nullptr, nullptr, &size));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_FALSE(CryptExportPublicKeyInfoEx(0, AT_SIGNATURE, 0, nullptr, 0, nullptr, nullptr, &size));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_FALSE(CryptExportPublicKeyInfoEx(0, 0, X509_ASN_ENCODING, nullptr, 0, nullptr, nullptr, &size));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_FALSE(CryptExportPublicKeyInfoEx(0, AT_SIGNATURE, X509_ASN_ENCODING, nullptr, 0, nullptr, nullptr, &size));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);

    HCRYPTPROV prov = 0;
    ASSERT_TRUE(CryptAcquireContextA(&prov, "public-key-info", nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET))
        << std::hex << GetLastError();
    EXPECT_FALSE(CryptExportPublicKeyInfoEx(prov, AT_SIGNATURE, X509_ASN_ENCODING, nullptr, 0, nullptr, nullptr, &size));
    EXPECT_EQ(GetLastError(), NTE_NO_KEY);
    HCRYPTKEY pair = 0;
    ASSERT_TRUE(CryptImportKey(prov, kRsaPrivateKeyBlob, sizeof kRsaPrivateKeyBlob, 0, 0, &pair));
    ASSERT_TRUE(CryptDestroyKey(pair));
    ASSERT_TRUE(CryptExportPublicKeyInfo(prov, AT_KEYEXCHANGE, X509_ASN_ENCODING, nullptr, &size));
    std::vector<BYTE> info(size);
    DWORD short_size = size - 1;
    EXPECT_FALSE(CryptExportPublicKeyInfo(prov, AT_KEYEXCHANGE, X509_ASN_ENCODING,
                                          reinterpret_cast<PCERT_PUBLIC_KEY_INFO>(info.data()), &short_size));
    EXPECT_EQ(GetLastError(), ERROR_MORE_DATA);
    EXPECT_EQ(short_size, size);
    ASSERT_TRUE(CryptExportPublicKeyInfo(prov, AT_KEYEXCHANGE, X509_ASN_ENCODING,
                                         reinterpret_cast<PCERT_PUBLIC_KEY_INFO>(info.data()), &size));
    const auto &exported = As<CERT_PUBLIC_KEY_INFO>(info);
    EXPECT_STREQ(exported.Algorithm.pszObjId, szOID_RSA_RSA);  // "By default ... szOID_RSA_RSA"
    // Encoded, it is the SubjectPublicKeyInfo OpenSSL wrote for the same key.
    EXPECT_EQ(EncodeObject(X509_PUBLIC_KEY_INFO, &exported), B(kPublicKeyInfoDer));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    ASSERT_TRUE(CryptAcquireContextA(&prov, "public-key-info", nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET));
}

TEST_F(PublicKeyInfoTest, SignatureOfAPrivateKeyBlobVerifiesWithItsPemPublicKey) {
    HCRYPTKEY pair = 0;
    ASSERT_TRUE(CryptImportKey(prov_, kRsaPrivateKeyBlob, sizeof kRsaPrivateKeyBlob, 0, 0, &pair));
    HCRYPTHASH hash = 0;
    ASSERT_TRUE(CryptCreateHash(prov_, CALG_SHA_256, 0, 0, &hash));
    ASSERT_TRUE(CryptHashData(hash, reinterpret_cast<const BYTE *>(kSignedMessage), sizeof kSignedMessage - 1, 0));
    BYTE signature[128];
    DWORD length = sizeof signature;
    ASSERT_TRUE(CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, signature, &length));
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(pair));
    // PKCS #1 v1.5 is deterministic: the same bytes OpenSSL produced.
    EXPECT_EQ(B(signature), B(kSignatureSha256));
    std::vector<BYTE> info = InfoFromPem();
    HCRYPTKEY key = 0;
    ASSERT_TRUE(CryptImportPublicKeyInfo(prov_, kAsn, reinterpret_cast<PCERT_PUBLIC_KEY_INFO>(info.data()), &key));
    EXPECT_TRUE(Verifies(key, signature, length));
    EXPECT_TRUE(CryptDestroyKey(key));
}

}  // namespace
}  // namespace tinycapi::testing
