// crypt32's key formats on the target (issue 12): known answers for CryptStringToBinaryA,
// CryptBinaryToStringA, CryptDecodeObjectEx/CryptEncodeObjectEx and CryptImportPublicKeyInfo.
// The key, its forms and its signature were made by OpenSSL (tests/support/openssl_rsa_key.hpp
// says how); "AQI=" is Wine's dlls/crypt32/tests/base64.c vector (toEncode2), run on Windows.
// Buffers are static (.bss), not on the stack (so each test runs alone where several runs of
// the suite go at once: TINYCAPI_TARGET_TEST_ALONE); every test ends with the key and hash pools and
// the RSA arena empty.
#include <tinycapi/tinycapi.h>
#include <tinycapi/wincrypt.h>

#include "../support/openssl_rsa_key.hpp"
#include "runner.hpp"
#include "tinycapi_config.h"

// The tests drop out with what the configuration leaves out: all of them without the formats,
// the key ones (and their buffers, 2 KiB of RAM) without RSA.
#if TINYCAPI_ENABLE_ENCODING

namespace {

using namespace tinycapi::testing::openssl_rsa;

constexpr DWORD kAsn = X509_ASN_ENCODING | PKCS_7_ASN_ENCODING;

bool same_bytes(const BYTE *a, const BYTE *b, DWORD length) {
    for (DWORD i = 0; i < length; ++i) {
        if (a[i] != b[i]) return false;
    }
    return true;
}

#if TINYCAPI_ENABLE_RSA
void check_nothing_left() {
    tinycapi_pool_stats keys{}, hashes{};
    tinycapi_arena_stats arena{};
    CHECK_EQ(tinycapi_get_pool_stats(TINYCAPI_POOL_KEYS, &keys), 0);
    CHECK_EQ(tinycapi_get_pool_stats(TINYCAPI_POOL_HASHES, &hashes), 0);
    CHECK_EQ(keys.in_use, 0u);
    CHECK_EQ(hashes.in_use, 0u);
    if (tinycapi_get_arena_stats(&arena) == 0) CHECK_EQ(arena.in_use, 0u);
}

BYTE der[256];
union {
    CERT_PUBLIC_KEY_INFO info;
    BYTE bytes[512];
} decoded;
BYTE blob[sizeof kRsaPrivateKeyBlob];
BYTE encoded[sizeof kRsaPrivateKeyDer];

TINYCAPI_TARGET_TEST_ALONE(Encoding, PemPublicKeyVerifiesOpenSslSignature) {
    DWORD der_length = sizeof der;
    if (!CHECK(CryptStringToBinaryA(kPublicKeyPem, 0, CRYPT_STRING_BASE64HEADER, der, &der_length, nullptr, nullptr))) {
        return;
    }
    CHECK_EQ(der_length, static_cast<DWORD>(sizeof kPublicKeyInfoDer));
    CHECK(same_bytes(der, kPublicKeyInfoDer, sizeof kPublicKeyInfoDer));
    DWORD info_length = sizeof decoded;
    if (!CHECK(CryptDecodeObjectEx(kAsn, X509_PUBLIC_KEY_INFO, der, der_length, 0, nullptr, &decoded, &info_length))) {
        return;
    }
    HCRYPTPROV prov = 0;
    if (!CHECK(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT))) return;
    HCRYPTKEY key = 0;
    if (CHECK(CryptImportPublicKeyInfo(prov, kAsn, &decoded.info, &key))) {
        for (int changed = 0; changed < 2; ++changed) {
            HCRYPTHASH hash = 0;
            CHECK(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash));
            CHECK(CryptHashData(hash, reinterpret_cast<const BYTE *>(kSignedMessage), sizeof kSignedMessage - 1 - changed,
                                0));
            const BOOL verified = CryptVerifySignatureA(hash, kSignatureSha256, sizeof kSignatureSha256, key, nullptr, 0);
            if (changed == 0) {
                CHECK(verified);
            } else {
                CHECK(!verified);
                CHECK_EQ(GetLastError(), NTE_BAD_SIGNATURE);
            }
            CHECK(CryptDestroyHash(hash));
        }
        CHECK(CryptDestroyKey(key));
    }
    CHECK(CryptReleaseContext(prov, 0));
    check_nothing_left();
}

TINYCAPI_TARGET_TEST_ALONE(Encoding, RsaPrivateKeyDerIsItsPrivateKeyBlob) {
    DWORD length = sizeof blob;
    if (!CHECK(CryptDecodeObjectEx(kAsn, PKCS_RSA_PRIVATE_KEY, kRsaPrivateKeyDer, sizeof kRsaPrivateKeyDer, 0, nullptr,
                                   blob, &length))) {
        return;
    }
    CHECK_EQ(length, static_cast<DWORD>(sizeof kRsaPrivateKeyBlob));
    CHECK(same_bytes(blob, kRsaPrivateKeyBlob, sizeof blob));
    length = sizeof encoded;
    CHECK(CryptEncodeObjectEx(kAsn, PKCS_RSA_PRIVATE_KEY, kRsaPrivateKeyBlob, 0, nullptr, encoded, &length));
    CHECK_EQ(length, static_cast<DWORD>(sizeof kRsaPrivateKeyDer));
    CHECK(same_bytes(encoded, kRsaPrivateKeyDer, sizeof encoded));
    // Ten bytes short (Wine's encode.c, test_decodeRsaPrivateKey): CRYPT_E_ASN1_EOD.
    length = sizeof blob;
    CHECK(!CryptDecodeObjectEx(kAsn, PKCS_RSA_PRIVATE_KEY, kRsaPrivateKeyDer, sizeof kRsaPrivateKeyDer - 10, 0, nullptr,
                               blob, &length));
    CHECK_EQ(GetLastError(), CRYPT_E_ASN1_EOD);
    check_nothing_left();
}

#endif  // TINYCAPI_ENABLE_RSA

char text[64];

TINYCAPI_TARGET_TEST_ALONE(Encoding, Base64TextHasWindowsLayout) {
    static const BYTE one_two[] = {1, 2};
    static const char expected[] = "-----BEGIN CERTIFICATE-----\r\nAQI=\r\n-----END CERTIFICATE-----\r\n";
    DWORD length = sizeof text;
    if (!CHECK(CryptBinaryToStringA(one_two, 2, CRYPT_STRING_BASE64HEADER, text, &length))) return;
    CHECK_EQ(length, static_cast<DWORD>(sizeof expected - 1));
    CHECK(same_bytes(reinterpret_cast<const BYTE *>(text), reinterpret_cast<const BYTE *>(expected), sizeof expected));
    BYTE back[4];
    DWORD back_length = sizeof back;
    CHECK(CryptStringToBinaryA(text, 0, CRYPT_STRING_BASE64_ANY, back, &back_length, nullptr, nullptr));
    CHECK_EQ(back_length, 2u);
    CHECK(same_bytes(back, one_two, 2));
}

}  // namespace

#endif  // TINYCAPI_ENABLE_ENCODING
