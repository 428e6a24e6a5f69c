// Whatever CryptImportKey accepts, CryptExportKey gives back as a blob that imports again and
// means the same key (issue 17, defect 3, and its sweep over every blob type).
//
// For each blob type, a family of blobs — Windows-made ones from Wine's rsaenh conformance test
// (tests/support/wine_rsaenh_keys.hpp), every session-key algorithm and length of reference §6
// for PLAINTEXTKEYBLOB, and edge cases: leading zero bytes in the modulus, odd public exponents,
// a private exponent cut short — is imported; each one that imports is exported in the same
// type, imported again and exported again. The two exports must be identical and the two keys
// must agree: KP_KEYLEN, KP_ALGID, the cipher's output on the same data, the signature of the
// same hash, the size RSA encryption needs.
//
// A modulus whose most significant byte is zero is shorter than the bit length its blob
// declares: it is refused with NTE_BAD_DATA (library design; Windows untested:
// docs/COMPATIBILITY.md).
#include <string.h>

#include <string>
#include <vector>

#include "test_bytes.hpp"
#include "tinycapi_test.hpp"
#include "wine_rsaenh_keys.hpp"

namespace tinycapi::testing {
namespace {

using namespace wine_rsaenh;

constexpr size_t kRsaHeader = 20;  // BLOBHEADER + RSAPUBKEY

Bytes PlaintextBlob(ALG_ID algorithm, const Bytes &key) {
    return Concat(Concat(Concat(Bytes{PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0}, Dword(algorithm)),
                         Dword(static_cast<uint32_t>(key.size()))),
                  key);
}

// A PUBLICKEYBLOB of `bits` with exponent `exponent` and the little-endian modulus `modulus`.
Bytes PublicBlob(ALG_ID algorithm, DWORD bits, DWORD exponent, const Bytes &modulus) {
    return Concat(Concat(Concat(Bytes{PUBLICKEYBLOB, CUR_BLOB_VERSION, 0, 0}, Dword(algorithm)),
                         Concat(Dword(0x31415352), Dword(bits))),
                  Concat(Dword(exponent), modulus));
}

// Wine's 512-bit PUBLIC_EXCH_blob with its `zeros` most significant modulus bytes cleared.
Bytes PublicWithLeadingZeros(size_t zeros) {
    Bytes blob = B(kPublicExchangeBlob);
    for (size_t i = 0; i < zeros; ++i) blob[blob.size() - 1 - i] = 0;
    return blob;
}

DWORD DwordParam(HCRYPTKEY key, DWORD param) {
    DWORD value = 0, length = sizeof value;
    EXPECT_TRUE(CryptGetKeyParam(key, param, reinterpret_cast<BYTE *>(&value), &length, 0)) << GetLastError();
    return value;
}

class BlobRoundTripTest : public ContextTest {
protected:
    void SetUp() override {
        ContextTest::SetUp();
        ASSERT_TRUE(CryptImportKey(prov_, kPlainPrivateKey, sizeof kPlainPrivateKey, 0, 0, &exchange_));
    }
    void TearDown() override {
        EXPECT_TRUE(CryptDestroyKey(exchange_));
        ContextTest::TearDown();
    }

    HCRYPTKEY TryImport(const Bytes &blob, HCRYPTKEY wrapping = 0, DWORD flags = CRYPT_EXPORTABLE) {
        HCRYPTKEY key = 0;
        if (!CryptImportKey(prov_, blob.data(), static_cast<DWORD>(blob.size()), wrapping, flags, &key)) return 0;
        return key;
    }

    static Bytes Export(HCRYPTKEY key, DWORD type, HCRYPTKEY wrapping = 0) {
        DWORD length = 0;
        EXPECT_TRUE(CryptExportKey(key, wrapping, type, 0, nullptr, &length)) << std::hex << GetLastError();
        Bytes blob(length);
        EXPECT_TRUE(CryptExportKey(key, wrapping, type, 0, blob.data(), &length)) << std::hex << GetLastError();
        EXPECT_EQ(length, blob.size()) << "the size query told the size";
        return blob;
    }

    // What the key does, as far as it can be observed without its secret.
    Bytes Behaviour(HCRYPTKEY key, DWORD type) {
        Bytes out = Concat(Dword(DwordParam(key, KP_KEYLEN)), Dword(DwordParam(key, KP_ALGID)));
        if (type == PLAINTEXTKEYBLOB || type == SIMPLEBLOB) {
            Bytes data = Seq(40);
            data.resize(64);
            DWORD length = 40;
            EXPECT_TRUE(CryptEncrypt(key, 0, TRUE, 0, data.data(), &length, 64)) << std::hex << GetLastError();
            data.resize(length);
            return Concat(out, data);
        }
        DWORD needed = 0;  // RSA encryption's output size: the modulus bytes
        if (DwordParam(key, KP_ALGID) == CALG_RSA_KEYX) {
            EXPECT_TRUE(CryptEncrypt(key, 0, TRUE, 0, nullptr, &needed, 0)) << std::hex << GetLastError();
        }
        out = Concat(out, Dword(needed));
        if (type == PRIVATEKEYBLOB) {
            // PKCS#1 v1.5 signatures are deterministic: the same key signs the same way.
            HCRYPTHASH hash;
            EXPECT_TRUE(CryptCreateHash(prov_, CALG_SHA1, 0, 0, &hash));
            EXPECT_TRUE(CryptHashData(hash, reinterpret_cast<const BYTE *>("round trip"), 10, 0));
            const DWORD spec = DwordParam(key, KP_ALGID) == CALG_RSA_KEYX ? AT_KEYEXCHANGE : AT_SIGNATURE;
            BYTE signature[512];
            DWORD length = sizeof signature;
            EXPECT_TRUE(CryptSignHashA(hash, spec, nullptr, 0, signature, &length)) << std::hex << GetLastError();
            EXPECT_TRUE(CryptDestroyHash(hash));
            out = Concat(out, Bytes(signature, signature + length));
        }
        return out;
    }

    // The property for one blob. Returns whether it imported.
    bool CheckRoundTrip(const Bytes &blob, DWORD type, HCRYPTKEY wrapping = 0, DWORD flags = CRYPT_EXPORTABLE) {
        const HCRYPTKEY first = TryImport(blob, wrapping, flags);
        if (first == 0) return false;
        const Bytes exported = Export(first, type, wrapping);
        const HCRYPTKEY second = TryImport(exported, wrapping, flags);
        EXPECT_NE(second, 0u) << "the exported blob " << ToHex(exported) << " does not import: " << std::hex
                              << GetLastError();
        if (second != 0) {
            if (type != SIMPLEBLOB) {
                EXPECT_EQ(Export(second, type, wrapping), exported) << "a second round trip changed the blob";
            } else {
                // A SIMPLEBLOB's padding is random; the key it carries is not.
                EXPECT_EQ(Export(second, PLAINTEXTKEYBLOB), Export(first, PLAINTEXTKEYBLOB));
            }
            if (type == PRIVATEKEYBLOB) {
                // Both are installed in the container's slot in turn: sign with each right after
                // its own import.
                const Bytes second_behaviour = Behaviour(second, type);
                EXPECT_TRUE(CryptDestroyKey(second));
                const HCRYPTKEY again = TryImport(blob, wrapping, flags);
                EXPECT_EQ(Behaviour(again, type), second_behaviour) << "the two keys differ";
                EXPECT_TRUE(CryptDestroyKey(again));
            } else {
                EXPECT_EQ(Behaviour(second, type), Behaviour(first, type)) << "the two keys differ";
                EXPECT_TRUE(CryptDestroyKey(second));
            }
        }
        EXPECT_TRUE(CryptDestroyKey(first));
        return true;
    }

    HCRYPTKEY exchange_ = 0;
};

// The defect as found: a 512-bit blob whose 40 most significant modulus bytes are zero imported
// with KP_KEYLEN 512 and exported as a 192-bit blob that did not import (issue 17, defect 3).
TEST_F(BlobRoundTripTest, PublicKeyBlobWhoseModulusIsShorterThanDeclaredIsBadData) {
    for (size_t zeros : {size_t{1}, size_t{40}, size_t{64}}) {
        SCOPED_TRACE(zeros);
        const Bytes blob = PublicWithLeadingZeros(zeros);
        HCRYPTKEY key = 0xdeadbeef;
        EXPECT_FAILS_WITH(CryptImportKey(prov_, blob.data(), static_cast<DWORD>(blob.size()), 0, 0, &key), NTE_BAD_DATA);
        EXPECT_EQ(key, 0u);
    }
}

TEST_F(BlobRoundTripTest, PrivateKeyBlobWhoseModulusIsShorterThanDeclaredIsBadData) {
    // A consistent 504-bit pair written as a 512-bit blob: n gets one zero byte on top, p, q and
    // the CRT values keep their 32 bytes (⌊(512 + 8) / 16⌋ = ⌊(504 + 8) / 16⌋), d one zero byte.
    HCRYPTKEY pair;
    ASSERT_TRUE(CryptGenKey(prov_, AT_SIGNATURE, (504 << 16) | CRYPT_EXPORTABLE, &pair));
    const Bytes narrow = Export(pair, PRIVATEKEYBLOB);
    EXPECT_TRUE(CryptDestroyKey(pair));
    ASSERT_EQ(narrow.size(), kRsaHeader + 63 + 5 * 32 + 63);
    Bytes wide(narrow.begin(), narrow.begin() + 12);
    wide = Concat(wide, Dword(512));
    wide = Concat(wide, Bytes(narrow.begin() + 16, narrow.begin() + 20));                // e
    wide = Concat(Concat(wide, Bytes(narrow.begin() + 20, narrow.begin() + 83)), {0});   // n ‖ 00
    wide = Concat(wide, Bytes(narrow.begin() + 83, narrow.begin() + 243));               // p q dP dQ qInv
    wide = Concat(Concat(wide, Bytes(narrow.begin() + 243, narrow.end())), {0});         // d ‖ 00
    HCRYPTKEY key = 0xdeadbeef;
    EXPECT_FAILS_WITH(CryptImportKey(prov_, wide.data(), static_cast<DWORD>(wide.size()), 0, CRYPT_EXPORTABLE, &key),
                      NTE_BAD_DATA);
    EXPECT_EQ(key, 0u);
    EXPECT_TRUE(CheckRoundTrip(narrow, PRIVATEKEYBLOB)) << "the pair itself imports";
}

TEST_F(BlobRoundTripTest, EveryPublicKeyBlobThatImportsRoundTrips) {
    std::vector<Bytes> blobs = {B(kPublicExchangeBlob), B(kAllElevensPublicKey), B(kSignaturePublicKey)};
    for (DWORD exponent : {0u, 1u, 2u, 3u, 65537u, 0xFFFFFFFFu}) {
        blobs.push_back(PublicBlob(CALG_RSA_KEYX, 512, exponent, Bytes(kPublicExchangeBlob + kRsaHeader,
                                                                          kPublicExchangeBlob + sizeof kPublicExchangeBlob)));
    }
    Bytes top_bit_only(64, 0x11);
    top_bit_only.back() = 0x01;  // 505 significant bits: still 64 bytes
    blobs.push_back(PublicBlob(CALG_RSA_KEYX, 512, 65537, top_bit_only));
    for (size_t zeros = 1; zeros <= 64; ++zeros) blobs.push_back(PublicWithLeadingZeros(zeros));
    blobs.push_back(Concat(B(kPublicExchangeBlob), Bytes{1, 2, 3}));  // trailing bytes are ignored
    size_t imported = 0;
    for (const Bytes &blob : blobs) {
        SCOPED_TRACE(ToHex(blob));
        imported += CheckRoundTrip(blob, PUBLICKEYBLOB);
    }
    EXPECT_GE(imported, 5u);
    RecordProperty("public_blobs_imported", static_cast<int>(imported));
}

TEST_F(BlobRoundTripTest, EveryPrivateKeyBlobThatImportsRoundTrips) {
    std::vector<Bytes> blobs = {B(kPlainPrivateKey), B(kPrivateKeyWithHighBit), B(kSignBlob), B(kPrivateExchangeBlob)};
    // d cut short or absent imports (Windows-validated) and is computed again.
    const Bytes full = B(kPrivateExchangeBlob);
    for (size_t cut : {size_t{1}, size_t{32}, size_t{64}}) blobs.push_back(Bytes(full.begin(), full.end() - cut));
    // n with its top byte cleared no longer matches p·q, and is short besides.
    Bytes short_modulus = full;
    short_modulus[kRsaHeader + 63] = 0;
    blobs.push_back(short_modulus);
    size_t imported = 0;
    for (const Bytes &blob : blobs) {
        SCOPED_TRACE(ToHex(blob));
        imported += CheckRoundTrip(blob, PRIVATEKEYBLOB);
    }
    EXPECT_EQ(imported, blobs.size() - 1);
}

TEST_F(BlobRoundTripTest, EveryPlaintextKeyBlobThatImportsRoundTrips) {
    struct Case {
        ALG_ID algorithm;
        std::vector<size_t> lengths;
    };
    // Reference §6.1: the lengths each algorithm takes (and some it refuses), DES in 7 and 8 bytes.
    const Case cases[] = {
        {CALG_AES_128, {15, 16, 17}}, {CALG_AES_192, {24}},         {CALG_AES_256, {31, 32, 33}},
        {CALG_DES, {7, 8, 9}},        {CALG_3DES_112, {14, 16}},    {CALG_3DES, {21, 24}},
        {CALG_RC2, {1, 5, 7, 16, 17}}, {CALG_RC4, {1, 5, 16, 17}},
    };
    size_t imported = 0, tried = 0;
    for (const Case &c : cases) {
        for (size_t length : c.lengths) {
            SCOPED_TRACE(::testing::Message() << std::hex << c.algorithm << std::dec << " " << length);
            ++tried;
            imported += CheckRoundTrip(PlaintextBlob(c.algorithm, Seq(length, 0xC0)), PLAINTEXTKEYBLOB);
        }
    }
    // HMAC keys of IPSEC (any length; behaviour: they cannot encrypt, so export alone is compared).
    for (size_t length : {size_t{1}, size_t{64}, size_t{65}, size_t{TINYCAPI_MAX_HMAC_KEY_BYTES}}) {
        const Bytes blob = PlaintextBlob(CALG_RC2, Seq(length));
        const HCRYPTKEY first = TryImport(blob, 0, CRYPT_EXPORTABLE | CRYPT_IPSEC_HMAC_KEY);
        ASSERT_NE(first, 0u) << length;
        const Bytes exported = Export(first, PLAINTEXTKEYBLOB);
        EXPECT_EQ(exported, blob);
        EXPECT_TRUE(CryptDestroyKey(first));
    }
    EXPECT_GE(imported, 14u);
    EXPECT_LT(imported, tried) << "some lengths are refused";
}

TEST_F(BlobRoundTripTest, EverySimpleBlobThatImportsRoundTrips) {
    size_t imported = CheckRoundTrip(B(kRc4SimpleBlob), SIMPLEBLOB, exchange_) ? 1 : 0;
    for (ALG_ID algorithm : {CALG_AES_128, CALG_AES_256, CALG_DES, CALG_3DES, CALG_RC2, CALG_RC4}) {
        HCRYPTKEY session;
        ASSERT_TRUE(CryptGenKey(prov_, algorithm, CRYPT_EXPORTABLE, &session));
        const Bytes blob = Export(session, SIMPLEBLOB, exchange_);
        EXPECT_TRUE(CryptDestroyKey(session));
        imported += CheckRoundTrip(blob, SIMPLEBLOB, exchange_);
    }
    EXPECT_EQ(imported, 7u);
}

}  // namespace
}  // namespace tinycapi::testing
