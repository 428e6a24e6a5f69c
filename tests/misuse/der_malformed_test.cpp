// Malformed DER never decodes by accident: every truncation of a valid encoding, every
// flipped bit of a tag byte and every length byte one more or one less gives a
// CRYPT_E_ASN1_* error with the caller's buffer and size untouched — or, where the mutation
// happens to be a valid encoding again, a structure that encodes back to exactly the mutated
// bytes (or, for a non-minimal length Windows accepts, to the original).
// The valid encodings are the known-answer vectors of the conformance tests (Wine's
// dlls/crypt32/tests/encode.c and tests/support/openssl_rsa_key.hpp).
#include <string.h>

#include <vector>

#include "encoding_helpers.hpp"
#include "openssl_rsa_key.hpp"
#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

struct ValidEncoding {
    const char *name;
    LPCSTR type;
    Bytes der;
};

std::vector<ValidEncoding> ValidEncodings() {
    using namespace openssl_rsa;
    return {
        {"X509_INTEGER", X509_INTEGER, Hex("0204baddf00d")},
        {"X509_MULTI_BYTE_INTEGER", X509_MULTI_BYTE_INTEGER, Hex("020a0807060504030201ffff")},
        {"X509_OCTET_STRING", X509_OCTET_STRING, Hex("0403010203")},
        {"RSA_CSP_PUBLICKEYBLOB mod4", RSA_CSP_PUBLICKEYBLOB, Hex("301002090080000001010101010203010001")},
        {"X509_PUBLIC_KEY_INFO bin70", X509_PUBLIC_KEY_INFO,
         Hex("3020300b06062a864886f70d0201010311000001 02030405060708090a0b0c0d0e0f")},
        {"X509_ALGORITHM_IDENTIFIER", X509_ALGORITHM_IDENTIFIER, Hex("300d06092a864886f70d01010b0500")},
        {"OpenSSL SubjectPublicKeyInfo", X509_PUBLIC_KEY_INFO, B(kPublicKeyInfoDer)},
        {"OpenSSL RSAPublicKey", RSA_CSP_PUBLICKEYBLOB, Bytes(kPublicKeyInfoDer + 22, kPublicKeyInfoDer + 162)},
        {"OpenSSL RSAPrivateKey", PKCS_RSA_PRIVATE_KEY, B(kRsaPrivateKeyDer)},
        {"OpenSSL PrivateKeyInfo", PKCS_PRIVATE_KEY_INFO, B(kPrivateKeyInfoDer)},
    };
}

// Positions of the tag and length bytes of every element, descending into constructed ones
// (BIT STRING and OCTET STRING contents are data, not structure).
void CollectHeaders(const Bytes &der, size_t from, size_t to, std::vector<size_t> *tags, std::vector<size_t> *lengths) {
    size_t at = from;
    while (at + 2 <= to) {
        tags->push_back(at);
        size_t length = der[at + 1], header = 2;
        lengths->push_back(at + 1);
        if (length & 0x80) {
            const size_t n = length & 0x7f;
            length = 0;
            for (size_t i = 0; i < n; ++i) {
                lengths->push_back(at + 2 + i);
                length = length << 8 | der[at + 2 + i];
            }
            header += n;
        }
        if (der[at] & 0x20) CollectHeaders(der, at + header, at + header + length, tags, lengths);
        at += header + length;
    }
}

bool IsAsn1Error(DWORD error) { return (error & 0xffffff00u) == 0x80093100u || (error & 0xffffff00u) == 0x80093200u; }

// Decodes `der`: either an ASN.1 error with buffer and size untouched, or a structure that
// encodes back to `der` itself.
void ExpectRejectedOrExact(const ValidEncoding &valid, const Bytes &der, const char *what, size_t where) {
    SCOPED_TRACE(::testing::Message() << valid.name << ": " << what << " at " << where);
    std::vector<BYTE> out(4096, 0xa5);
    DWORD size = static_cast<DWORD>(out.size());
    if (!CryptDecodeObjectEx(kAsn, valid.type, der.data(), static_cast<DWORD>(der.size()), 0, nullptr, out.data(), &size)) {
        EXPECT_TRUE(IsAsn1Error(GetLastError())) << std::hex << GetLastError();
        EXPECT_EQ(size, out.size());
        EXPECT_EQ(out, std::vector<BYTE>(4096, 0xa5));
        return;
    }
    // Valid again: either new DER (bytes after the first element are ignored, as Windows does),
    // or the same values in a form Windows also accepts (a non-minimal long-form length), which
    // encodes back to the original.
    const Bytes again = EncodeObject(valid.type, out.data());
    const Bytes prefix(der.begin(), der.begin() + static_cast<long>(std::min(again.size(), der.size())));
    EXPECT_TRUE(again == prefix || again == valid.der);
}

class MalformedDerTest : public CapiTest {};

TEST_F(MalformedDerTest, EveryTruncationIsAnAsn1ErrorAndWritesNothing) {
    for (const ValidEncoding &valid : ValidEncodings()) {
        ASSERT_FALSE(DecodeObject(valid.type, valid.der).empty()) << valid.name;
        for (size_t length = 1; length < valid.der.size(); ++length) {
            SCOPED_TRACE(::testing::Message() << valid.name << " cut to " << length);
            std::vector<BYTE> out(4096, 0xa5);
            DWORD size = static_cast<DWORD>(out.size());
            EXPECT_FALSE(CryptDecodeObjectEx(kAsn, valid.type, valid.der.data(), static_cast<DWORD>(length), 0, nullptr,
                                             out.data(), &size));
            EXPECT_EQ(GetLastError(), CRYPT_E_ASN1_EOD);
            EXPECT_EQ(size, out.size());
            EXPECT_EQ(out, std::vector<BYTE>(4096, 0xa5));
        }
    }
}

TEST_F(MalformedDerTest, EveryFlippedTagBitIsRejectedOrReencodesExactly) {
    for (const ValidEncoding &valid : ValidEncodings()) {
        std::vector<size_t> tags, lengths;
        CollectHeaders(valid.der, 0, valid.der.size(), &tags, &lengths);
        for (size_t at : tags) {
            for (int bit = 0; bit < 8; ++bit) {
                Bytes der = valid.der;
                der[at] ^= static_cast<BYTE>(1 << bit);
                ExpectRejectedOrExact(valid, der, "tag bit flipped", at);
            }
        }
    }
}

TEST_F(MalformedDerTest, EveryLengthByteOffByOneIsRejectedOrReencodesExactly) {
    for (const ValidEncoding &valid : ValidEncodings()) {
        std::vector<size_t> tags, lengths;
        CollectHeaders(valid.der, 0, valid.der.size(), &tags, &lengths);
        for (size_t at : lengths) {
            for (int delta : {-1, 1, 0x80}) {
                Bytes der = valid.der;
                der[at] = static_cast<BYTE>(der[at] + delta);
                ExpectRejectedOrExact(valid, der, "length changed", at);
            }
        }
    }
}

TEST_F(MalformedDerTest, StructuralRulesGiveTheirErrors) {
    struct Case {
        LPCSTR type;
        const char *der;
        DWORD error;
    };
    const Case cases[] = {
        {X509_INTEGER, "0280", CRYPT_E_ASN1_CORRUPT},                         // indefinite length
        {X509_INTEGER, "028501000000 01", CRYPT_E_ASN1_LARGE},                // five length bytes
        {X509_OCTET_STRING, "1f0401", CRYPT_E_ASN1_BADTAG},                   // a multi-byte tag
        {RSA_CSP_PUBLICKEYBLOB, "3008020101020101 0500", CRYPT_E_ASN1_CORRUPT},  // a member too many
        {RSA_CSP_PUBLICKEYBLOB, "300b020101020601000000000 1", CRYPT_E_ASN1_LARGE},  // exponent > DWORD
        {X509_PUBLIC_KEY_INFO, "3008300306012a030108", CRYPT_E_ASN1_CORRUPT},      // 8 unused bits
        {X509_PUBLIC_KEY_INFO, "3008300306018a030100", CRYPT_E_ASN1_CORRUPT},      // OID's last digit missing
        {X509_PUBLIC_KEY_INFO, "30083003060180030100", CRYPT_E_ASN1_CORRUPT},      // OID padded with 0x80
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.der);
        EXPECT_TRUE(DecodeObject(c.type, Hex(c.der)).empty());
        EXPECT_EQ(GetLastError(), c.error);
    }
}

}  // namespace
}  // namespace tinycapi::testing
