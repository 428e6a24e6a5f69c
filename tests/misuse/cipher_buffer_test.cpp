// CryptEncrypt and CryptDecrypt never touch a byte outside the caller's buffer (issue 17,
// defect 1, and its sweep). Every buffer here is a heap block of exactly the stated size, so
// AddressSanitizer reports any read or write past it.
//
// The rules checked for every algorithm, mode, Final value, with and without a hash:
// * CryptEncrypt with *pdwDataLen > dwBufLen and a buffer fails (the reference's short-buffer
//   rule, §3.17 step 9: ERROR_MORE_DATA with the required size; NTE_BAD_DATA / NTE_BAD_LEN where
//   an earlier check of Windows applies) — RC4 included, where Wine does not check dwBufLen;
// * a size query (NULL buffer) hashes nothing and changes no key;
// * a failed call leaves the buffer, the hash and the key as they were (style.md, "Errors");
// * a successful call never reports more bytes than the buffer holds.
#include <string.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "test_bytes.hpp"
#include "tinycapi_test.hpp"
#include "wine_rsaenh_keys.hpp"

namespace tinycapi::testing {
namespace {

// A heap block of exactly the content's size (new BYTE[0] for none: every access is reported).
struct ExactBuffer {
    explicit ExactBuffer(const Bytes &content) : bytes(new BYTE[content.size()]), size(content.size()) {
        if (!content.empty()) memcpy(bytes.get(), content.data(), content.size());
    }
    Bytes Content() const { return Bytes(bytes.get(), bytes.get() + size); }
    std::unique_ptr<BYTE[]> bytes;
    size_t size;
};

// Where a sweep's key comes from.
enum class KeySource { generated, ipsec_hmac, rsa_exchange_pair, rsa_public, rsa_signature_pair };

struct CipherCase {
    std::string name;
    KeySource source;
    ALG_ID algorithm;  // for generated keys
    DWORD mode;        // 0: the key's default
    DWORD flags;       // CRYPT_OAEP for RSA-OAEP
};

// Every session-key algorithm in every mode (OFB is refused when used, Windows-validated), RC4,
// an IPSEC HMAC key (not a cipher), and RSA: a pair in both paddings, a public key, a signature
// pair (not an exchange key).
std::vector<CipherCase> AllCases() {
    std::vector<CipherCase> cases;
    const std::pair<const char *, ALG_ID> blocks[] = {{"AES-128", CALG_AES_128}, {"AES-192", CALG_AES_192},
                                                      {"AES-256", CALG_AES_256}, {"DES", CALG_DES},
                                                      {"3DES-112", CALG_3DES_112}, {"3DES", CALG_3DES},
                                                      {"RC2", CALG_RC2}};
    const std::pair<const char *, DWORD> modes[] = {
        {"ECB", CRYPT_MODE_ECB}, {"CBC", CRYPT_MODE_CBC}, {"CFB", CRYPT_MODE_CFB}, {"OFB", CRYPT_MODE_OFB}};
    for (const auto &block : blocks) {
        for (const auto &mode : modes) {
            cases.push_back({std::string(block.first) + "-" + mode.first, KeySource::generated, block.second,
                             mode.second, 0});
        }
    }
    cases.push_back({"RC4", KeySource::generated, CALG_RC4, 0, 0});
    cases.push_back({"IPSEC-HMAC", KeySource::ipsec_hmac, 0, 0, 0});
    cases.push_back({"RSA-PKCS1", KeySource::rsa_exchange_pair, 0, 0, 0});
    cases.push_back({"RSA-OAEP", KeySource::rsa_exchange_pair, 0, 0, CRYPT_OAEP});
    cases.push_back({"RSA-public", KeySource::rsa_public, 0, 0, 0});
    cases.push_back({"RSA-signature-pair", KeySource::rsa_signature_pair, 0, 0, 0});
    return cases;
}

// The hash a sweep passes: none, a fresh one, or one already finished (NTE_BAD_HASH_STATE).
enum class HashUse { none, fresh, finished };

// Around the block lengths (8, 16) and the RSA-512 limits (53 = k − 11, 64 = k).
const DWORD kLengths[] = {0, 1, 7, 8, 9, 16, 17, 53, 64, 65};

class CipherBufferTest : public ContextTest {
protected:

    HCRYPTKEY MakeKey(const CipherCase &c) {
        HCRYPTKEY key = 0;
        auto import = [&](const BYTE *blob, size_t length, DWORD flags) {
            EXPECT_TRUE(CryptImportKey(prov_, blob, static_cast<DWORD>(length), 0, flags, &key)) << GetLastError();
        };
        switch (c.source) {
            case KeySource::rsa_exchange_pair:
                import(wine_rsaenh::kPrivateExchangeBlob, sizeof wine_rsaenh::kPrivateExchangeBlob, 0);
                return key;
            case KeySource::rsa_public:
                import(wine_rsaenh::kPublicExchangeBlob, sizeof wine_rsaenh::kPublicExchangeBlob, 0);
                return key;
            case KeySource::rsa_signature_pair: import(wine_rsaenh::kSignBlob, sizeof wine_rsaenh::kSignBlob, 0); return key;
            case KeySource::ipsec_hmac: {
                static const BYTE kHmacBlob[12 + 20] = {PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0, 0x02, 0x66, 0, 0, 20};
                import(kHmacBlob, sizeof kHmacBlob, CRYPT_IPSEC_HMAC_KEY);
                return key;
            }
            case KeySource::generated: break;
        }
        EXPECT_TRUE(CryptGenKey(prov_, c.algorithm, 0, &key)) << GetLastError();
        if (c.mode != 0) {
            EXPECT_TRUE(CryptSetKeyParam(key, KP_MODE, reinterpret_cast<const BYTE *>(&c.mode), 0));
        }
        return key;
    }

    HCRYPTHASH MakeHash(HashUse use) {
        if (use == HashUse::none) return 0;
        HCRYPTHASH hash = 0;
        EXPECT_TRUE(CryptCreateHash(prov_, CALG_SHA1, 0, 0, &hash)) << GetLastError();
        if (use == HashUse::finished) Value(hash);
        return hash;
    }

    // The hash's value (which finishes it).
    static Bytes Value(HCRYPTHASH hash) {
        BYTE value[20];
        DWORD length = sizeof value;
        EXPECT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0)) << GetLastError();
        return Bytes(value, value + length);
    }

    // What the key's state does to a probe: two keys with the same state answer the same.
    // RSA and HMAC keys have no state between calls.
    static Bytes Probe(HCRYPTKEY key, const CipherCase &c) {
        if (c.source != KeySource::generated) return {};
        Bytes probe = Seq(32, 0x40);  // whole blocks of 8 and 16
        DWORD length = 32;
        const BOOL ok = CryptEncrypt(key, 0, FALSE, 0, probe.data(), &length, 32);
        return Concat(probe, Dword(ok ? 0 : GetLastError()));
    }

};

// The defect as found: RC4, an 8-byte heap buffer, *pdwDataLen 100 (issue 17, defect 1).
TEST_F(CipherBufferTest, Rc4EncryptWithDataLongerThanTheBufferIsMoreDataAndTouchesNothing) {
    HCRYPTKEY key;
    ASSERT_TRUE(CryptGenKey(prov_, CALG_RC4, 0, &key));
    ExactBuffer buffer(Seq(8));
    DWORD length = 100;
    EXPECT_FAILS_WITH(CryptEncrypt(key, 0, TRUE, 0, buffer.bytes.get(), &length, 8), ERROR_MORE_DATA);
    EXPECT_EQ(length, 100u) << "the required size: RC4 output is as long as its input";
    EXPECT_EQ(buffer.Content(), Seq(8));
    EXPECT_TRUE(CryptDestroyKey(key));
}

TEST_F(CipherBufferTest, Rc4EncryptFillingTheBufferExactlySucceeds) {
    HCRYPTKEY key;
    ASSERT_TRUE(CryptGenKey(prov_, CALG_RC4, 0, &key));
    ExactBuffer buffer(Seq(8));
    DWORD length = 8;
    EXPECT_TRUE(CryptEncrypt(key, 0, TRUE, 0, buffer.bytes.get(), &length, 8)) << GetLastError();
    EXPECT_EQ(length, 8u);
    EXPECT_NE(buffer.Content(), Seq(8));
    EXPECT_TRUE(CryptDestroyKey(key));
}

TEST_F(CipherBufferTest, EncryptSweepNeverTouchesBytesPastTheBufferAndAFailureChangesNothing) {
    size_t calls = 0;
    for (const CipherCase &c : AllCases()) {
        const HCRYPTKEY key = MakeKey(c);
        for (BOOL final : {FALSE, TRUE}) {
            for (HashUse hash_use : {HashUse::none, HashUse::fresh, HashUse::finished}) {
                const bool with_hash = hash_use != HashUse::none;
                for (DWORD data_length : kLengths) {
                    for (DWORD buffer_length : kLengths) {
                        for (bool null_buffer : {false, true}) {
                            SCOPED_TRACE(c.name + " final=" + std::to_string(final) +
                                         " hash=" + std::to_string(static_cast<int>(hash_use)) + " len=" + std::to_string(data_length) +
                                         " buf=" + std::to_string(buffer_length) + " null=" + std::to_string(null_buffer));
                            HCRYPTKEY before;
                            ASSERT_TRUE(CryptDuplicateKey(key, nullptr, 0, &before));
                            const HCRYPTHASH hash = MakeHash(hash_use);
                            const HCRYPTHASH untouched = MakeHash(hash_use);
                            const Bytes content = Seq(buffer_length, data_length);
                            ExactBuffer buffer(content);
                            DWORD length = data_length;
                            const BOOL ok = CryptEncrypt(key, hash, final, c.flags,
                                                         null_buffer ? nullptr : buffer.bytes.get(), &length,
                                                         buffer_length);
                            const DWORD error = GetLastError();
                            ++calls;
                            if (!null_buffer && data_length > buffer_length) {
                                EXPECT_FALSE(ok) << "the data does not fit in dwBufLen";
                                // The short-buffer rule, or a check Windows makes before it.
                                EXPECT_TRUE(error == ERROR_MORE_DATA || error == NTE_BAD_DATA || error == NTE_BAD_LEN ||
                                            error == NTE_BAD_KEY || error == NTE_BAD_ALGID ||
                                            error == NTE_BAD_HASH_STATE)
                                    << std::hex << error;
                            }
                            if (ok && !null_buffer) { EXPECT_LE(length, buffer_length); }
                            if (!ok || null_buffer) {
                                EXPECT_EQ(buffer.Content(), content) << "a failure or size query wrote data";
                                if (with_hash) { EXPECT_EQ(Value(hash), Value(untouched)) << "the hash changed"; }
                                EXPECT_EQ(Probe(key, c), Probe(before, c)) << "the key changed";
                            }
                            if (hash) { EXPECT_TRUE(CryptDestroyHash(hash)); }
                            if (untouched) { EXPECT_TRUE(CryptDestroyHash(untouched)); }
                            EXPECT_TRUE(CryptDestroyKey(before));
                            if (::testing::Test::HasFailure()) {
                                EXPECT_TRUE(CryptDestroyKey(key));
                                return;  // one report per defect, not thousands
                            }
                        }
                    }
                }
            }
        }
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    RecordProperty("encrypt_calls", static_cast<int>(calls));
}

TEST_F(CipherBufferTest, DecryptSweepReadsOnlyTheStatedLengthAndAFailureChangesNothingButTheKeyReset) {
    size_t calls = 0;
    for (const CipherCase &c : AllCases()) {
        for (BOOL final : {FALSE, TRUE}) {
            for (HashUse hash_use : {HashUse::none, HashUse::fresh, HashUse::finished}) {
                const bool with_hash = hash_use != HashUse::none;
                for (DWORD data_length : kLengths) {
                    // Random-looking ciphertext (mostly bad padding), and a real one of that many
                    // plaintext bytes encrypted by a copy of the key.
                    for (bool real_ciphertext : {false, true}) {
                        SCOPED_TRACE(c.name + " final=" + std::to_string(final) + " hash=" +
                                     std::to_string(static_cast<int>(hash_use)) + " len=" + std::to_string(data_length) +
                                     " real=" + std::to_string(real_ciphertext));
                        const HCRYPTKEY key = MakeKey(c);  // each case from a key's initial state
                        Bytes content = Seq(data_length, 3 * data_length);
                        if (real_ciphertext) {
                            HCRYPTKEY encryptor;
                            ASSERT_TRUE(CryptDuplicateKey(key, nullptr, 0, &encryptor));
                            DWORD length = data_length;
                            content.resize(data_length + 256);
                            if (!CryptEncrypt(encryptor, 0, final, c.flags, content.data(), &length,
                                              static_cast<DWORD>(content.size()))) {
                                length = data_length;  // not a valid plaintext length for this cipher
                            }
                            content.resize(length);
                            EXPECT_TRUE(CryptDestroyKey(encryptor));
                        }
                        const HCRYPTHASH hash = MakeHash(hash_use);
                        const HCRYPTHASH untouched = MakeHash(hash_use);
                        ExactBuffer buffer(content);
                        const DWORD input_length = static_cast<DWORD>(content.size());
                        DWORD length = input_length;
                        const BOOL ok = CryptDecrypt(key, hash, final, c.flags, buffer.bytes.get(), &length);
                        ++calls;
                        if (ok) {
                            EXPECT_LE(length, input_length);
                        } else {
                            EXPECT_EQ(length, input_length) << "a failure changed *pdwDataLen";
                            EXPECT_EQ(buffer.Content(), content) << "a failure wrote data";
                            if (with_hash) { EXPECT_EQ(Value(hash), Value(untouched)) << "the hash changed"; }
                        }
                        if (hash) { EXPECT_TRUE(CryptDestroyHash(hash)); }
                        if (untouched) { EXPECT_TRUE(CryptDestroyHash(untouched)); }
                        EXPECT_TRUE(CryptDestroyKey(key));
                        if (::testing::Test::HasFailure()) return;
                    }
                }
            }
        }
    }
    RecordProperty("decrypt_calls", static_cast<int>(calls));
}

}  // namespace
}  // namespace tinycapi::testing
