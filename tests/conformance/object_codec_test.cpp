// CryptEncodeObjectEx/CryptDecodeObjectEx (and the non-Ex forms) for the key structures.
// Windows' answers are those of Wine's conformance test dlls/crypt32/tests/encode.c
// (wine-mirror/wine), whose assertions that are neither todo_wine nor broken() record what
// Windows does; the arrays below keep Wine's names. Known-answer pairs for the RSA key forms
// come from OpenSSL (tests/support/openssl_rsa_key.hpp) and Wine's rsaenh key blobs.
#include <stdlib.h>
#include <string.h>

#include <string>

#include "encoding_helpers.hpp"
#include "openssl_rsa_key.hpp"
#include "tinycapi_test.hpp"
#include "wine_rsaenh_keys.hpp"

namespace tinycapi::testing {
namespace {

// encode.c: ints (bin1..bin7).
struct EncodedInt {
    int value;
    Bytes der;
};
const EncodedInt kInts[] = {
    {1, {0x02, 0x01, 0x01}},
    {127, {0x02, 0x01, 0x7f}},
    {128, {0x02, 0x02, 0x00, 0x80}},
    {256, {0x02, 0x02, 0x01, 0x00}},
    {-128, {0x02, 0x01, 0x80}},
    {-129, {0x02, 0x02, 0xff, 0x7f}},
    {static_cast<int>(0xbaddf00du), {0x02, 0x04, 0xba, 0xdd, 0xf0, 0x0d}},
};

class ObjectCodecTest : public CapiTest {};

TEST_F(ObjectCodecTest, UnknownEncodingOrStructureIsFileNotFound) {
    // encode.c, test_encodeInt / test_decodeInt ("check bogus encoding") and
    // test_encodeRsaPublicKey ("Check a couple of RSA-related OIDs").
    DWORD size = 0;
    const int one = 1;
    EXPECT_FALSE(CryptEncodeObjectEx(0, X509_INTEGER, &one, 0, nullptr, nullptr, &size));
    EXPECT_EQ(GetLastError(), ERROR_FILE_NOT_FOUND);
    EXPECT_FALSE(CryptDecodeObjectEx(3, X509_INTEGER, kInts[0].der.data(), 3, 0, nullptr, nullptr, &size));
    EXPECT_EQ(GetLastError(), ERROR_FILE_NOT_FOUND);
    for (LPCSTR oid : {szOID_RSA_RSA, szOID_RSA_SHA1RSA}) {
        EXPECT_FALSE(CryptEncodeObjectEx(kAsn, oid, &one, 0, nullptr, nullptr, &size));
        EXPECT_EQ(GetLastError(), ERROR_FILE_NOT_FOUND);
        EXPECT_FALSE(CryptDecodeObjectEx(kAsn, oid, kInts[0].der.data(), 3, 0, nullptr, nullptr, &size));
        EXPECT_EQ(GetLastError(), ERROR_FILE_NOT_FOUND);
    }
    // A structure type Windows has but tinycapi does not (X509_CERT_TO_BE_SIGNED, 2).
    EXPECT_FALSE(CryptDecodeObjectEx(kAsn, TINYCAPI_STRUCT_TYPE(2), kInts[0].der.data(), 3, 0, nullptr, nullptr,
                                     &size));
    EXPECT_EQ(GetLastError(), ERROR_FILE_NOT_FOUND);
}

TEST_F(ObjectCodecTest, IntegersEncodeAndDecodeAsWindows) {
    for (const EncodedInt &c : kInts) {
        EXPECT_EQ(EncodeObject(X509_INTEGER, &c.value), c.der);
        const CRYPT_INTEGER_BLOB blob{sizeof c.value, reinterpret_cast<BYTE *>(const_cast<int *>(&c.value))};
        EXPECT_EQ(EncodeObject(X509_MULTI_BYTE_INTEGER, &blob), c.der);
        // "When the output buffer is NULL, this always succeeds", and the last error is cleared.
        DWORD size = 0;
        SetLastError(0xdeadbeef);
        ASSERT_TRUE(CryptDecodeObjectEx(kAsn, X509_INTEGER, c.der.data(), static_cast<DWORD>(c.der.size()), 0, nullptr,
                                        nullptr, &size));
        EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_SUCCESS));
        EXPECT_EQ(size, sizeof(int));
        const std::vector<BYTE> decoded = DecodeObject(X509_INTEGER, c.der);
        ASSERT_EQ(decoded.size(), sizeof(int));
        EXPECT_EQ(As<int>(decoded), c.value);
    }
}

TEST_F(ObjectCodecTest, IntegerDecodingErrorsAndLeniencyMatchWindows) {
    // encode.c, test_decodeInt.
    const Bytes big_int = {2, 5, 0xff, 0xfe, 0xff, 0xfe, 0xff};
    const Bytes test_string = {0x16, 4, 't', 'e', 's', 't'};
    const Bytes long_form = {2, 0x81, 0x01, 0x01};
    const Bytes extra_bytes = {2, 1, 1, 0, 0, 0, 0};
    DWORD size = 0;
    EXPECT_FALSE(CryptDecodeObjectEx(kAsn, X509_INTEGER, nullptr, 0, 0, nullptr, nullptr, &size));
    EXPECT_EQ(GetLastError(), CRYPT_E_ASN1_EOD);
    EXPECT_TRUE(DecodeObject(X509_INTEGER, big_int).empty());
    EXPECT_EQ(GetLastError(), CRYPT_E_ASN1_LARGE);
    EXPECT_TRUE(DecodeObject(X509_INTEGER, test_string).empty());
    EXPECT_EQ(GetLastError(), CRYPT_E_ASN1_BADTAG);
    const std::vector<BYTE> one = DecodeObject(X509_MULTI_BYTE_INTEGER, long_form);
    ASSERT_FALSE(one.empty());
    EXPECT_EQ(As<CRYPT_INTEGER_BLOB>(one).cbData, 1u);
    EXPECT_EQ(As<CRYPT_INTEGER_BLOB>(one).pbData[0], 1);
    const std::vector<BYTE> extra = DecodeObject(X509_INTEGER, extra_bytes);  // trailing bytes are ignored
    ASSERT_FALSE(extra.empty());
    EXPECT_EQ(As<int>(extra), 1);
}

// encode.c: bigInts (bin8 -> bin9 -> bin10, bin11 -> bin12 -> bin13) and bigUInts (bin14 <->
// bin15, bin16 <-> bin17): little-endian in, leading sign bytes dropped.
TEST_F(ObjectCodecTest, MultiByteIntegersAreLittleEndianWithSignBytesDropped) {
    struct BigCase {
        LPCSTR type;
        Bytes value, der, decoded;
    };
    const BigCase cases[] = {
        {X509_MULTI_BYTE_INTEGER, Hex("ffff0102030405060708"), Hex("020a0807060504030201ffff"),
         Hex("ffff0102030405060708")},
        {X509_MULTI_BYTE_INTEGER, Hex("0807060504030201ffffff"), Hex("0209ff0102030405060708"),
         Hex("0807060504030201ff")},
        {X509_MULTI_BYTE_UINT, Hex("ffff0102030405060708"), Hex("020a0807060504030201ffff"),
         Hex("ffff0102030405060708")},
        {X509_MULTI_BYTE_UINT, Hex("0807060504030201ffffff"), Hex("020c00ffffff0102030405060708"),
         Hex("0807060504030201ffffff")},
    };
    for (const BigCase &c : cases) {
        const CRYPT_INTEGER_BLOB blob{static_cast<DWORD>(c.value.size()), const_cast<BYTE *>(c.value.data())};
        EXPECT_EQ(EncodeObject(c.type, &blob), c.der);
        const std::vector<BYTE> decoded = DecodeObject(c.type, c.der);
        ASSERT_FALSE(decoded.empty());
        const auto &result = As<CRYPT_INTEGER_BLOB>(decoded);
        EXPECT_EQ(Bytes(result.pbData, result.pbData + result.cbData), c.decoded);
    }
}

// encode.c: modulus1..4 with mod1_encoded..mod4_encoded, and the decoded modulus lengths.
struct RsaPublicCase {
    Bytes modulus;
    Bytes der;
    size_t decoded_length;
};
const RsaPublicCase kRsaPublicKeys[] = {
    {{0, 0, 0, 1, 1, 1, 1, 1}, Hex("300f020801010101010000000203010001"), 8},
    {{1, 1, 1, 1, 1, 0, 0, 0}, Hex("300c0205010101010102030100 01"), 5},
    {{0x80, 1, 1, 1, 1, 0, 0, 0}, Hex("300c0205010101018002030100 01"), 5},
    {{1, 1, 1, 1, 1, 0, 0, 0x80}, Hex("301002090080000001010101010203010001"), 8},
};

Bytes PublicBlob(const Bytes &modulus, BYTE type = PUBLICKEYBLOB, BYTE version = CUR_BLOB_VERSION, WORD reserved = 0,
                 ALG_ID algorithm = CALG_RSA_KEYX) {
    Bytes blob = {type, version, static_cast<BYTE>(reserved), static_cast<BYTE>(reserved >> 8)};
    blob = Concat(blob, Dword(algorithm));
    blob = Concat(blob, Dword(TINYCAPI_RSA1_MAGIC));
    blob = Concat(blob, Dword(static_cast<uint32_t>(modulus.size() * 8)));
    blob = Concat(blob, Dword(65537));
    return Concat(blob, modulus);
}

TEST_F(ObjectCodecTest, RsaPublicKeyBlobsEncodeAsWindows) {
    // encode.c, test_encodeRsaPublicKey: a bogus BLOB type is E_INVALIDARG; bogus reserved,
    // version and ALG_ID still encode.
    const Bytes bogus_type = PublicBlob(kRsaPublicKeys[0].modulus, 2);
    DWORD size = 0;
    EXPECT_FALSE(CryptEncodeObjectEx(kAsn, RSA_CSP_PUBLICKEYBLOB, bogus_type.data(), 0, nullptr, nullptr, &size));
    EXPECT_EQ(GetLastError(), E_INVALIDARG);
    for (const Bytes &blob : {PublicBlob(kRsaPublicKeys[0].modulus, PUBLICKEYBLOB, CUR_BLOB_VERSION, 1),
                              PublicBlob(kRsaPublicKeys[0].modulus, PUBLICKEYBLOB, 0),
                              PublicBlob(kRsaPublicKeys[0].modulus, PUBLICKEYBLOB, CUR_BLOB_VERSION, 0, CALG_DES)}) {
        EXPECT_EQ(EncodeObject(RSA_CSP_PUBLICKEYBLOB, blob.data()), kRsaPublicKeys[0].der);
    }
    for (const RsaPublicCase &c : kRsaPublicKeys) {
        EXPECT_EQ(EncodeObject(RSA_CSP_PUBLICKEYBLOB, PublicBlob(c.modulus).data()), c.der);
    }
}

TEST_F(ObjectCodecTest, RsaPublicKeysDecodeToPublicKeyBlobs) {
    // encode.c, test_decodeRsaPublicKey.
    DWORD size = 0;
    const Bytes &first = kRsaPublicKeys[0].der;
    EXPECT_FALSE(CryptDecodeObjectEx(kAsn, RSA_CSP_PUBLICKEYBLOB, first.data(), first[1], 0, nullptr, nullptr, &size));
    EXPECT_EQ(GetLastError(), CRYPT_E_ASN1_EOD);
    for (const RsaPublicCase &c : kRsaPublicKeys) {
        const std::vector<BYTE> decoded = DecodeObject(RSA_CSP_PUBLICKEYBLOB, c.der);
        ASSERT_GE(decoded.size(), 20 + c.decoded_length);
        const Bytes modulus(c.modulus.begin(), c.modulus.begin() + static_cast<long>(c.decoded_length));
        Bytes expected = PublicBlob(modulus);
        EXPECT_EQ(Bytes(decoded.begin(), decoded.begin() + static_cast<long>(expected.size())), expected);
    }
}

// encode.c: pubKeys (bin64..bin71): encoded with NULL parameters when there are none; the
// NULL form decodes to {05 00} parameters, the form without them to none.
TEST_F(ObjectCodecTest, PublicKeyInfoEncodesAndDecodesAsWindows) {
    static const BYTE key[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xa, 0xb, 0xc, 0xd, 0xe, 0xf};
    static const BYTE params[] = {0x02, 0x01, 0x01};
    static char oid_bogus[] = "1.2.3";
    static char oid_rsa[] = szOID_RSA;
    struct Case {
        CERT_PUBLIC_KEY_INFO info;
        Bytes encoded, encoded_no_null;
        Bytes decoded_parameters;
    };
    const Case cases[] = {
        {{{oid_bogus, {0, nullptr}}, {0, nullptr, 0}}, Hex("300b300606022a030500030100"), Hex("30093004 06022a03030100"),
         {0x05, 0x00}},
        {{{oid_rsa, {0, nullptr}}, {0, nullptr, 0}}, Hex("300f300a06062a864886f70d0500030100"),
         Hex("300d300806062a864886f70d030100"), {0x05, 0x00}},
        {{{oid_rsa, {0, nullptr}}, {sizeof key, const_cast<BYTE *>(key), 0}},
         Hex("301f300a06062a864886f70d050003110000 0102030405060708090a0b0c0d0e0f"),
         Hex("301d300806062a864886f70d03110000 0102030405060708090a0b0c0d0e0f"), {0x05, 0x00}},
        {{{oid_rsa, {sizeof params, const_cast<BYTE *>(params)}}, {sizeof key, const_cast<BYTE *>(key), 0}},
         Hex("3020300b06062a864886f70d02010103110000 0102030405060708090a0b0c0d0e0f"),
         Hex("3020300b06062a864886f70d02010103110000 0102030405060708090a0b0c0d0e0f"), B(params)},
    };
    for (const Case &c : cases) {
        EXPECT_EQ(EncodeObject(X509_PUBLIC_KEY_INFO, &c.info), c.encoded);
        for (const Bytes *form : {&c.encoded, &c.encoded_no_null}) {
            const std::vector<BYTE> decoded = DecodeObject(X509_PUBLIC_KEY_INFO, *form);
            ASSERT_FALSE(decoded.empty()) << std::hex << GetLastError();
            const auto &info = As<CERT_PUBLIC_KEY_INFO>(decoded);
            EXPECT_STREQ(info.Algorithm.pszObjId, c.info.Algorithm.pszObjId);
            const Bytes parameters(info.Algorithm.Parameters.pbData,
                                   info.Algorithm.Parameters.pbData + info.Algorithm.Parameters.cbData);
            const bool has_null = form == &c.encoded || c.info.Algorithm.Parameters.cbData != 0;
            EXPECT_EQ(parameters, has_null ? c.decoded_parameters : Bytes{});
            EXPECT_EQ(Bytes(info.PublicKey.pbData, info.PublicKey.pbData + info.PublicKey.cbData),
                      Bytes(c.info.PublicKey.pbData, c.info.PublicKey.pbData + c.info.PublicKey.cbData));
        }
    }
    // "Test with bogus (not valid DER) parameters".
    const Bytes bogus = Hex("3022300d06062a864886f70d010101010103110000 0102030405060708090a0b0c0d0e0f");
    EXPECT_TRUE(DecodeObject(X509_PUBLIC_KEY_INFO, bogus).empty());
    EXPECT_EQ(GetLastError(), CRYPT_E_ASN1_CORRUPT);
}

TEST_F(ObjectCodecTest, RsaPrivateKeyDerAndPrivateKeyBlobAreOneAnother) {
    using namespace openssl_rsa;
    const Bytes der = B(kRsaPrivateKeyDer);
    const std::vector<BYTE> blob = DecodeObject(PKCS_RSA_PRIVATE_KEY, der);
    EXPECT_EQ(Bytes(blob.begin(), blob.end()), B(kRsaPrivateKeyBlob));
    EXPECT_EQ(EncodeObject(PKCS_RSA_PRIVATE_KEY, kRsaPrivateKeyBlob), der);
    // encode.c, test_decodeRsaPrivateKey: ten bytes short is CRYPT_E_ASN1_EOD.
    DWORD size = 0;
    EXPECT_FALSE(CryptDecodeObjectEx(kAsn, PKCS_RSA_PRIVATE_KEY, der.data(), static_cast<DWORD>(der.size() - 10), 0,
                                     nullptr, nullptr, &size));
    EXPECT_EQ(GetLastError(), CRYPT_E_ASN1_EOD);
    // A PUBLICKEYBLOB is not a private key.
    EXPECT_FALSE(CryptEncodeObjectEx(kAsn, PKCS_RSA_PRIVATE_KEY, kPublicKeyBlob, 0, nullptr, nullptr, &size));
    EXPECT_EQ(GetLastError(), E_INVALIDARG);
}

TEST_F(ObjectCodecTest, WindowsMadePrivateKeyBlobsRoundTripThroughDer) {
    using namespace wine_rsaenh;
    for (const BYTE *blob : {kPlainPrivateKey, kPrivateKeyWithHighBit, kSignBlob, kPrivateExchangeBlob}) {
        const size_t size = blob == kSignBlob || blob == kPrivateExchangeBlob ? 308 : 596;
        const Bytes der = EncodeObject(PKCS_RSA_PRIVATE_KEY, blob);
        const std::vector<BYTE> back = DecodeObject(PKCS_RSA_PRIVATE_KEY, der);
        ASSERT_EQ(back.size(), size);
        Bytes expected(blob, blob + size);
        expected[4] = 0x00;  // decoding always names CALG_RSA_KEYX (encode.c, test_decodeRsaPrivateKey)
        expected[5] = 0xa4;
        EXPECT_EQ(Bytes(back.begin(), back.end()), expected);
    }
}

TEST_F(ObjectCodecTest, PublicKeyInfoOfOpenSslKeyHoldsItsPublicKeyBlob) {
    using namespace openssl_rsa;
    const std::vector<BYTE> decoded = DecodeObject(X509_PUBLIC_KEY_INFO, B(kPublicKeyInfoDer));
    ASSERT_FALSE(decoded.empty());
    const auto &info = As<CERT_PUBLIC_KEY_INFO>(decoded);
    EXPECT_STREQ(info.Algorithm.pszObjId, szOID_RSA_RSA);
    EXPECT_EQ(info.PublicKey.cUnusedBits, 0u);
    const Bytes key(info.PublicKey.pbData, info.PublicKey.pbData + info.PublicKey.cbData);
    const std::vector<BYTE> blob = DecodeObject(RSA_CSP_PUBLICKEYBLOB, key);
    EXPECT_EQ(Bytes(blob.begin(), blob.end()), B(kPublicKeyBlob));
    EXPECT_EQ(EncodeObject(RSA_CSP_PUBLICKEYBLOB, kPublicKeyBlob), key);
    EXPECT_EQ(EncodeObject(X509_PUBLIC_KEY_INFO, &info), B(kPublicKeyInfoDer));
}

TEST_F(ObjectCodecTest, PrivateKeyInfoWrapsThePkcs1Key) {
    using namespace openssl_rsa;
    const std::vector<BYTE> decoded = DecodeObject(PKCS_PRIVATE_KEY_INFO, B(kPrivateKeyInfoDer));
    ASSERT_FALSE(decoded.empty());
    const auto &info = As<CRYPT_PRIVATE_KEY_INFO>(decoded);
    EXPECT_EQ(info.Version, 0u);
    EXPECT_STREQ(info.Algorithm.pszObjId, szOID_RSA_RSA);
    EXPECT_EQ(info.pAttributes, nullptr);
    EXPECT_EQ(Bytes(info.PrivateKey.pbData, info.PrivateKey.pbData + info.PrivateKey.cbData), B(kRsaPrivateKeyDer));
    EXPECT_EQ(EncodeObject(PKCS_PRIVATE_KEY_INFO, &info), B(kPrivateKeyInfoDer));
}

TEST_F(ObjectCodecTest, PrivateKeyInfoAttributesRoundTrip) {
    // tinycapi: attributes decode into CRYPT_ATTRIBUTES and encode back unchanged.
    static char oid_rsa[] = szOID_RSA_RSA;
    static char oid_attribute[] = "2.5.29.15";
    static BYTE key[] = {0x30, 0x00};
    static BYTE value1[] = {0x03, 0x02, 0x01, 0x06};
    static BYTE value2[] = {0x05, 0x00};
    CRYPT_ATTR_BLOB values[] = {{sizeof value1, value1}, {sizeof value2, value2}};
    CRYPT_ATTRIBUTE attribute{oid_attribute, 2, values};
    CRYPT_ATTRIBUTES attributes{1, &attribute};
    const CRYPT_PRIVATE_KEY_INFO info{0, {oid_rsa, {0, nullptr}}, {sizeof key, key}, &attributes};
    const Bytes der = EncodeObject(PKCS_PRIVATE_KEY_INFO, &info);
    EXPECT_EQ(der, Hex("3027020100300d06092a864886f70d0101010500040230 00a00f300d0603551d0f3106030201060500"));
    const std::vector<BYTE> decoded = DecodeObject(PKCS_PRIVATE_KEY_INFO, der);
    ASSERT_FALSE(decoded.empty());
    const auto &back = As<CRYPT_PRIVATE_KEY_INFO>(decoded);
    ASSERT_NE(back.pAttributes, nullptr);
    ASSERT_EQ(back.pAttributes->cAttr, 1u);
    EXPECT_STREQ(back.pAttributes->rgAttr[0].pszObjId, "2.5.29.15");
    ASSERT_EQ(back.pAttributes->rgAttr[0].cValue, 2u);
    EXPECT_EQ(Bytes(back.pAttributes->rgAttr[0].rgValue[1].pbData, back.pAttributes->rgAttr[0].rgValue[1].pbData + 2),
              B(value2));
    EXPECT_EQ(EncodeObject(PKCS_PRIVATE_KEY_INFO, &back), der);
}

TEST_F(ObjectCodecTest, OctetStringAndAlgorithmIdentifierRoundTrip) {
    static BYTE octets[] = {1, 2, 3};
    const CRYPT_DATA_BLOB blob{sizeof octets, octets};
    EXPECT_EQ(EncodeObject(X509_OCTET_STRING, &blob), Hex("0403010203"));
    const std::vector<BYTE> decoded = DecodeObject(X509_OCTET_STRING, Hex("0403010203"));
    ASSERT_FALSE(decoded.empty());
    EXPECT_EQ(As<CRYPT_DATA_BLOB>(decoded).cbData, 3u);
    EXPECT_EQ(memcmp(As<CRYPT_DATA_BLOB>(decoded).pbData, octets, 3), 0);
    static char oid_sha256rsa[] = szOID_RSA_SHA256RSA;
    const CRYPT_ALGORITHM_IDENTIFIER algorithm{oid_sha256rsa, {0, nullptr}};
    const Bytes der = EncodeObject(X509_ALGORITHM_IDENTIFIER, &algorithm);
    EXPECT_EQ(der, Hex("300d06092a864886f70d01010b0500"));  // sha256WithRSAEncryption, RFC 4055
    const std::vector<BYTE> back = DecodeObject(X509_ALGORITHM_IDENTIFIER, der);
    ASSERT_FALSE(back.empty());
    EXPECT_STREQ(As<CRYPT_ALGORITHM_IDENTIFIER>(back).pszObjId, szOID_RSA_SHA256RSA);
    // A string that is not a dotted OID.
    static char not_an_oid[] = "1.x";
    const CRYPT_ALGORITHM_IDENTIFIER bad{not_an_oid, {0, nullptr}};
    DWORD size = 0;
    EXPECT_FALSE(CryptEncodeObjectEx(kAsn, X509_ALGORITHM_IDENTIFIER, &bad, 0, nullptr, nullptr, &size));
    EXPECT_EQ(GetLastError(), CRYPT_E_ASN1_ERROR);
}

TEST_F(ObjectCodecTest, ShortBufferIsMoreDataWithTheSizeAndWritesNothing) {
    const Bytes der = B(openssl_rsa::kPublicKeyInfoDer);
    DWORD size = 0;
    ASSERT_TRUE(CryptDecodeObjectEx(kAsn, X509_PUBLIC_KEY_INFO, der.data(), static_cast<DWORD>(der.size()), 0, nullptr,
                                    nullptr, &size));
    const DWORD needed = size;
    std::vector<BYTE> out(needed, 0xa5);
    size = needed - 1;
    EXPECT_FALSE(CryptDecodeObjectEx(kAsn, X509_PUBLIC_KEY_INFO, der.data(), static_cast<DWORD>(der.size()), 0,
                                     nullptr, out.data(), &size));
    EXPECT_EQ(GetLastError(), ERROR_MORE_DATA);
    EXPECT_EQ(size, needed);
    EXPECT_EQ(out, std::vector<BYTE>(needed, 0xa5));
    const int value = 5;
    BYTE encoded[2] = {0xa5, 0xa5};
    size = 2;
    EXPECT_FALSE(CryptEncodeObject(kAsn, X509_INTEGER, &value, encoded, &size));
    EXPECT_EQ(GetLastError(), ERROR_MORE_DATA);
    EXPECT_EQ(size, 3u);
    EXPECT_EQ(encoded[0], 0xa5);
    BYTE exact[3];
    ASSERT_TRUE(CryptEncodeObject(kAsn, X509_INTEGER, &value, exact, &size));
    EXPECT_EQ(Bytes(exact, exact + 3), Hex("020105"));
    std::vector<BYTE> decoded(sizeof(int));
    size = sizeof(int);
    ASSERT_TRUE(CryptDecodeObject(kAsn, X509_INTEGER, exact, 3, 0, decoded.data(), &size));
    EXPECT_EQ(As<int>(decoded), 5);
}

int allocations = 0;
void *WINAPI CountingAlloc(size_t size) {
    ++allocations;
    return malloc(size);
}
void WINAPI CountingFree(void *p) { free(p); }

TEST_F(ObjectCodecTest, AllocFlagUsesTheCallersAllocatorAndFailsWithoutOne) {
    const Bytes der = B(openssl_rsa::kRsaPrivateKeyDer);
    BYTE *blob = reinterpret_cast<BYTE *>(1);
    DWORD size = 0;
    // tinycapi has no heap: without an allocator the flag is ERROR_NOT_ENOUGH_MEMORY.
    EXPECT_FALSE(CryptDecodeObjectEx(kAsn, PKCS_RSA_PRIVATE_KEY, der.data(), static_cast<DWORD>(der.size()),
                                     CRYPT_DECODE_ALLOC_FLAG, nullptr, &blob, &size));
    EXPECT_EQ(GetLastError(), ERROR_NOT_ENOUGH_MEMORY);
    EXPECT_EQ(blob, nullptr);  // Windows clears the pointer first
    CRYPT_DECODE_PARA para{sizeof para, CountingAlloc, CountingFree};
    allocations = 0;
    ASSERT_TRUE(CryptDecodeObjectEx(kAsn, PKCS_RSA_PRIVATE_KEY, der.data(), static_cast<DWORD>(der.size()),
                                    CRYPT_DECODE_ALLOC_FLAG, &para, &blob, &size));
    EXPECT_EQ(allocations, 1);
    EXPECT_EQ(Bytes(blob, blob + size), B(openssl_rsa::kRsaPrivateKeyBlob));
    CRYPT_ENCODE_PARA encode_para{sizeof encode_para, CountingAlloc, CountingFree};
    BYTE *encoded = nullptr;
    DWORD encoded_size = 0;
    ASSERT_TRUE(CryptEncodeObjectEx(kAsn, PKCS_RSA_PRIVATE_KEY, blob, CRYPT_ENCODE_ALLOC_FLAG, &encode_para, &encoded,
                                    &encoded_size));
    EXPECT_EQ(Bytes(encoded, encoded + encoded_size), der);
    free(encoded);
    free(blob);
    EXPECT_FALSE(CryptEncodeObjectEx(kAsn, X509_INTEGER, &size, CRYPT_ENCODE_ALLOC_FLAG, nullptr, &encoded, &encoded_size));
    EXPECT_EQ(GetLastError(), ERROR_NOT_ENOUGH_MEMORY);
}

TEST_F(ObjectCodecTest, NullSizeOrStructureIsInvalidParameter) {
    // Windows faults on these; tinycapi reports ERROR_INVALID_PARAMETER (COMPATIBILITY.md).
    const int one = 1;
    EXPECT_FALSE(CryptEncodeObjectEx(kAsn, X509_INTEGER, &one, 0, nullptr, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    DWORD size = 0;
    EXPECT_FALSE(CryptEncodeObjectEx(kAsn, X509_INTEGER, nullptr, 0, nullptr, nullptr, &size));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_FALSE(CryptDecodeObjectEx(kAsn, X509_INTEGER, kInts[0].der.data(), 3, 0, nullptr, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
}

}  // namespace
}  // namespace tinycapi::testing
