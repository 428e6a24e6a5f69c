// The bounded memory of RSA at the API level (issue 5): Mbed TLS's bignum memory comes from a
// fixed arena (core/crypto/arena.hpp), and running out is a clean NTE_NO_MEMORY. With fault
// injection (crypto::arena_fail_after) every allocation point of each RSA call fails in turn:
// the call returns FALSE with NTE_NO_MEMORY, the arena holds what it held before, and every
// object the call touched is as it was (style.md, "Errors": a failed call leaves every object
// as it was; reference §1.1 for the one error code).
//
// The figures of the issue are printed by the ...Figures... tests (RecordProperty and stdout):
// the arena high-water mark of RSA-1024 and RSA-2048 key generation, signing, verification,
// encryption and decryption through the API, and the time of one RSA-2048 CryptSignHash
// against Mbed TLS's own mbedtls_rsa_pkcs1_sign on the same key. They assert correctness
// only, never time.
//
// The Windows-made key blobs come from rsa_vectors_test.cpp (namespace wine_rsaenh).
#include <string.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <mbedtls/rsa.h>

#include "crypto/arena.hpp"
#include "objects/pair_cache.hpp"
#include "objects/provider.hpp"
#include "test_bytes.hpp"
#include "tinycapi_test.hpp"
#include "wine_rsaenh_keys.hpp"


namespace tinycapi::testing {
namespace {

using namespace wine_rsaenh;


size_t ArenaInUse() { return crypto::arena_stats().in_use; }

class RsaArenaTest : public CapiTest {
protected:
    void TearDown() override {
        crypto::arena_fail_after(0);
        CapiTest::TearDown();
    }

    static HCRYPTPROV Acquire() {
        HCRYPTPROV prov = 0;
        EXPECT_TRUE(CryptAcquireContextA(&prov, nullptr, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES, CRYPT_VERIFYCONTEXT))
            << GetLastError();
        return prov;
    }

    static HCRYPTKEY Import(HCRYPTPROV prov, const Bytes &blob, DWORD flags = 0, HCRYPTKEY wrapping = 0) {
        HCRYPTKEY key = 0;
        EXPECT_TRUE(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), wrapping, flags, &key))
            << GetLastError();
        return key;
    }

    static Bytes Export(HCRYPTKEY key, DWORD type, HCRYPTKEY wrapping = 0) {
        BYTE blob[1200];
        DWORD length = sizeof blob;
        if (!CryptExportKey(key, wrapping, type, 0, blob, &length)) {
            ADD_FAILURE() << "CryptExportKey: " << GetLastError();
            return {};
        }
        return Bytes(blob, blob + length);
    }

    // The public blob of the container's pair, or empty when the slot is empty.
    static Bytes PairPublic(HCRYPTPROV prov, DWORD key_spec) {
        HCRYPTKEY key = 0;
        if (!CryptGetUserKey(prov, key_spec, &key)) return {};
        const Bytes blob = Export(key, PUBLICKEYBLOB);
        EXPECT_TRUE(CryptDestroyKey(key));
        return blob;
    }

    static HCRYPTHASH HashOf(HCRYPTPROV prov, const Bytes &data, ALG_ID algorithm = CALG_SHA1) {
        HCRYPTHASH hash = 0;
        EXPECT_TRUE(CryptCreateHash(prov, algorithm, 0, 0, &hash)) << GetLastError();
        EXPECT_TRUE(CryptHashData(hash, data.data(), static_cast<DWORD>(data.size()), 0)) << GetLastError();
        return hash;
    }

    static Bytes Sign(HCRYPTHASH hash, DWORD key_spec, const char *description = nullptr) {
        BYTE signature[512];
        DWORD length = sizeof signature;
        if (!CryptSignHashA(hash, key_spec, description, 0, signature, &length)) {
            ADD_FAILURE() << "CryptSignHash: " << std::hex << GetLastError();
            return {};
        }
        return Bytes(signature, signature + length);
    }

    // Whether `hash` is still open: a duplicate of it takes more data (CryptHashData on a
    // finished hash is NTE_BAD_HASH_STATE, reference §3.8).
    static bool StillOpen(HCRYPTHASH hash) {
        HCRYPTHASH copy = 0;
        if (!CryptDuplicateHash(hash, nullptr, 0, &copy)) {
            ADD_FAILURE() << "CryptDuplicateHash: " << GetLastError();
            return false;
        }
        const BYTE byte = 0;
        const bool open = CryptHashData(copy, &byte, 1, 0) != FALSE;
        EXPECT_TRUE(CryptDestroyHash(copy));
        return open;
    }

    // Runs `call` with the n-th arena allocation refused, for n = 1, 2, … until it succeeds.
    // Every failure must be NTE_NO_MEMORY with the arena as it was, and `unchanged` checks the
    // objects (with the fault injection off). Returns the allocation points found; *completed
    // says whether the last call succeeded (the loop stops at the first broken rule).
    static unsigned FailAtEveryAllocation(const char *what, const std::function<BOOL()> &call,
                                          const std::function<void()> &unchanged, bool *completed = nullptr) {
        unsigned points = 0;
        if (completed) *completed = false;
        for (unsigned n = 1; n < 100000; ++n) {
            // Without the pairs CryptSignHash keeps loaded: a failure drops the one it used
            // (objects/pair_cache.hpp), so each round starts from the record.
            objects::forget_all_cached_pairs();
            const size_t in_use = ArenaInUse();
            SetLastError(0);
            crypto::arena_fail_after(n);
            const BOOL succeeded = call();
            const DWORD error = GetLastError();
            crypto::arena_fail_after(0);
            if (succeeded) {
                if (completed) *completed = true;
                std::printf("[ arena    ] %s: %u allocation points\n", what, points);
                return points;
            }
            ++points;
            EXPECT_EQ(error, static_cast<DWORD>(NTE_NO_MEMORY)) << what << ", allocation " << n << " refused";
            EXPECT_EQ(ArenaInUse(), in_use) << what << ", allocation " << n << " refused: arena memory leaked";
            unchanged();
            if (::testing::Test::HasFailure()) {
                ADD_FAILURE() << what << ": stopped at allocation " << n;
                return points;
            }
        }
        ADD_FAILURE() << what << " never succeeded";
        return points;
    }
};

// ---- Key generation and import --------------------------------------------------------------

TEST_F(RsaArenaTest, GenKeyOutOfArenaIsNoMemoryAndKeepsThePairInTheSlot) {
    // CryptGenKey(AT_KEYEXCHANGE, 512 bits): each refused allocation → NTE_NO_MEMORY, *phKey
    // 0, the slot's previous pair (PRIVATE_EXCH_blob) still there, no key slot taken.
    HCRYPTPROV prov = Acquire();
    EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kPrivateExchangeBlob))));
    const Bytes before = PairPublic(prov, AT_KEYEXCHANGE);
    const size_t baseline = ArenaInUse();
    HCRYPTKEY key = 0;
    const unsigned points = FailAtEveryAllocation(
        "CryptGenKey RSA-512", [&] { return CryptGenKey(prov, AT_KEYEXCHANGE, (512 << 16) | CRYPT_EXPORTABLE, &key); },
        [&] {
            EXPECT_EQ(key, 0u);
            EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
            EXPECT_EQ(ToHex(PairPublic(prov, AT_KEYEXCHANGE)), ToHex(before));
        });
    EXPECT_GT(points, 0u);
    ASSERT_NE(key, 0u);
    EXPECT_NE(ToHex(PairPublic(prov, AT_KEYEXCHANGE)), ToHex(before)) << "the generated pair replaced it";
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_EQ(ArenaInUse(), baseline);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    RecordProperty("genkey512_allocation_points", static_cast<int>(points));
}

TEST_F(RsaArenaTest, PrivateKeyBlobImportOutOfArenaIsNoMemoryAndKeepsThePairInTheSlot) {
    // CryptImportKey(PRIVATEKEYBLOB abPlainPrivateKey) over a slot holding PRIVATE_EXCH_blob.
    HCRYPTPROV prov = Acquire();
    EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kPrivateExchangeBlob))));
    const Bytes before = PairPublic(prov, AT_KEYEXCHANGE);
    const Bytes blob = B(kPlainPrivateKey);
    HCRYPTKEY key = 0;
    const unsigned points = FailAtEveryAllocation(
        "CryptImportKey PRIVATEKEYBLOB-1024",
        [&] { return CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, 0, &key); },
        [&] {
            EXPECT_EQ(key, 0u);
            EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
            EXPECT_EQ(ToHex(PairPublic(prov, AT_KEYEXCHANGE)), ToHex(before));
        });
    EXPECT_GT(points, 0u);
    EXPECT_EQ(ToHex(PairPublic(prov, AT_KEYEXCHANGE)), ToHex(Export(key, PUBLICKEYBLOB)));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaArenaTest, GetUserKeyOutOfArenaIsNoMemory) {
    // CryptGetUserKey loads the pair into a key object: each refused allocation → NTE_NO_MEMORY
    // and *phUserKey 0.
    HCRYPTPROV prov = Acquire();
    EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kPlainPrivateKey))));
    HCRYPTKEY key = 0;
    const unsigned points = FailAtEveryAllocation(
        "CryptGetUserKey RSA-1024", [&] { return CryptGetUserKey(prov, AT_KEYEXCHANGE, &key); },
        [&] {
            EXPECT_EQ(key, 0u);
            EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
        });
    EXPECT_GT(points, 0u);
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaArenaTest, DuplicateKeyOutOfArenaIsNoMemoryAndKeepsTheOriginal) {
    // CryptDuplicateKey of an RSA key copies its numbers into the arena.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY original = Import(prov, B(kPlainPrivateKey));
    const Bytes blob = Export(original, PUBLICKEYBLOB);
    HCRYPTKEY copy = 0;
    const unsigned points = FailAtEveryAllocation(
        "CryptDuplicateKey RSA-1024", [&] { return CryptDuplicateKey(original, nullptr, 0, &copy); },
        [&] {
            EXPECT_EQ(copy, 0u);
            EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 1u);
            EXPECT_EQ(ToHex(Export(original, PUBLICKEYBLOB)), ToHex(blob));
        });
    EXPECT_GT(points, 0u);
    EXPECT_EQ(ToHex(Export(copy, PUBLICKEYBLOB)), ToHex(blob));
    EXPECT_TRUE(CryptDestroyKey(copy));
    EXPECT_TRUE(CryptDestroyKey(original));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ---- Signatures -----------------------------------------------------------------------------

TEST_F(RsaArenaTest, SignKeepsTheLoadedPairUntilItsRecordChangesOrItsContextGoes) {
    // Issue 16: CryptSignHash keeps the container pair it loaded (objects/pair_cache.hpp). The
    // signatures are those of the pair in the container at each moment (PKCS#1 v1.5 is
    // deterministic); the kept pair costs arena bytes only while its context lives.
    HCRYPTPROV prov = Acquire();
    EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kPlainPrivateKey))));
    const size_t without_pair = ArenaInUse();
    auto sign_seq = [&](DWORD key_spec) {
        HCRYPTHASH hash = HashOf(prov, Seq(64));
        const Bytes signature = Sign(hash, key_spec);
        EXPECT_TRUE(CryptDestroyHash(hash));
        return signature;
    };
    const Bytes first = sign_seq(AT_KEYEXCHANGE);
    ASSERT_EQ(first.size(), 128u);
    EXPECT_GT(ArenaInUse(), without_pair) << "the loaded pair stays in the arena";
    // The blinding pair's numbers reach their working size at the second use (squared in
    // place); from then on the kept pair costs the same arena bytes.
    EXPECT_EQ(ToHex(sign_seq(AT_KEYEXCHANGE)), ToHex(first));
    const size_t kept = ArenaInUse();
    EXPECT_EQ(ToHex(sign_seq(AT_KEYEXCHANGE)), ToHex(first));
    EXPECT_EQ(ArenaInUse(), kept) << "a further signature reuses the kept pair";

    // A failed signature with the pair kept: NTE_NO_MEMORY, the hash still open, the pair
    // dropped (its blinding state may be half updated); the next signature is the same.
    HCRYPTHASH hash = HashOf(prov, Seq(64));
    BYTE signature[128];
    DWORD length = sizeof signature;
    crypto::arena_fail_after(1);
    EXPECT_FALSE(CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, signature, &length));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_NO_MEMORY));
    crypto::arena_fail_after(0);
    EXPECT_TRUE(StillOpen(hash));
    EXPECT_LE(ArenaInUse(), kept);
    EXPECT_EQ(ToHex(Sign(hash, AT_KEYEXCHANGE)), ToHex(first));
    EXPECT_TRUE(CryptDestroyHash(hash));

    // Another pair replaces the container's exchange pair: its record changed, so the next
    // signature is made with the new pair (512 bits), not the kept one.
    EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kPrivateExchangeBlob))));
    EXPECT_EQ(sign_seq(AT_KEYEXCHANGE).size(), 64u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_EQ(ArenaInUse(), 0u) << "the release forgets the kept pair";
}

TEST_F(RsaArenaTest, AReleaseWhileAnotherContextSignsEmptiesThePairWhenThatSignatureEnds) {
    // pair_cache.hpp: a forget that finds the entry in use (another context of the container
    // signing at that moment) takes effect when that call checks the entry in, so the pair
    // does not stay in RAM after the release. The signing call is held open here by loading
    // the pair the way CryptSignHash does (white box: no API call can be paused mid-way).
    constexpr char kName[] = "pair-cache-busy-release";
    HCRYPTPROV prov = 0;
    ASSERT_TRUE(CryptAcquireContextA(&prov, kName, nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET)) << GetLastError();
    EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kPlainPrivateKey))));
    const size_t without_pair = ArenaInUse();
    objects::Provider container{};
    container.name_space = 0;
    container.verify_context = false;
    memcpy(container.container, kName, sizeof kName);
    {
        objects::LoadedPair in_use;
        ASSERT_EQ(in_use.load(container, AT_KEYEXCHANGE), objects::Error::none);
        EXPECT_GT(ArenaInUse(), without_pair);
        objects::forget_cached_pairs(0, kName);  // what a release of another context does
        EXPECT_GT(ArenaInUse(), without_pair) << "the signing call keeps its pair until it ends";
    }
    EXPECT_EQ(ArenaInUse(), without_pair) << "the pair left RAM when the call ended";
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_TRUE(CryptAcquireContextA(&prov, kName, nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET));
}

TEST_F(RsaArenaTest, SignHashOutOfArenaIsNoMemoryAndLeavesTheHashSignable) {
    // CryptSignHash with the exchange pair of abPlainPrivateKey: after each refused allocation
    // the hash is still open, and the signature finally made is the one an untouched hash of
    // the same data gives (PKCS#1 v1.5 is deterministic).
    HCRYPTPROV prov = Acquire();
    EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kPlainPrivateKey))));
    HCRYPTHASH reference = HashOf(prov, Seq(64));
    const Bytes expected = Sign(reference, AT_KEYEXCHANGE);
    EXPECT_TRUE(CryptDestroyHash(reference));
    HCRYPTHASH hash = HashOf(prov, Seq(64));
    BYTE signature[128] = {};
    DWORD length = 0;
    bool completed = false;
    const unsigned points = FailAtEveryAllocation(
        "CryptSignHash RSA-1024",
        [&] {
            length = sizeof signature;
            return CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, signature, &length);
        },
        [&] {
            EXPECT_EQ(length, sizeof signature);
            EXPECT_TRUE(StillOpen(hash)) << "a failed CryptSignHash finished the hash";
        },
        &completed);
    EXPECT_GT(points, 0u);
    if (completed) {
        EXPECT_EQ(ToHex(Bytes(signature, signature + length)), ToHex(expected));
    }
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaArenaTest, SignHashWithDescriptionOutOfArenaLeavesTheHashSignable) {
    // The same with a description, which CryptSignHash hashes before signing (reference §3.24
    // step 7): a refused allocation must not leave the description hashed in.
    HCRYPTPROV prov = Acquire();
    EXPECT_TRUE(CryptDestroyKey(Import(prov, B(kPlainPrivateKey))));
    HCRYPTHASH reference = HashOf(prov, Seq(64));
    const Bytes expected = Sign(reference, AT_KEYEXCHANGE, "Tag");
    EXPECT_TRUE(CryptDestroyHash(reference));
    HCRYPTHASH hash = HashOf(prov, Seq(64));
    BYTE signature[128] = {};
    DWORD length = 0;
    bool completed = false;
    const unsigned points = FailAtEveryAllocation(
        "CryptSignHash RSA-1024 with a description",
        [&] {
            length = sizeof signature;
            return CryptSignHashA(hash, AT_KEYEXCHANGE, "Tag", 0, signature, &length);
        },
        [&] { EXPECT_TRUE(StillOpen(hash)) << "a failed CryptSignHash finished the hash"; }, &completed);
    EXPECT_GT(points, 0u);
    if (completed) {
        EXPECT_EQ(ToHex(Bytes(signature, signature + length)), ToHex(expected));
    }
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaArenaTest, VerifySignatureOutOfArenaIsNoMemoryAndLeavesTheHashOpen) {
    // CryptVerifySignature under the public key of abPlainPrivateKey.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY pair = Import(prov, B(kPlainPrivateKey));
    HCRYPTKEY public_key = Import(prov, Export(pair, PUBLICKEYBLOB));
    EXPECT_TRUE(CryptDestroyKey(pair));
    HCRYPTHASH signer = HashOf(prov, Seq(64));
    const Bytes signature = Sign(signer, AT_KEYEXCHANGE);
    EXPECT_TRUE(CryptDestroyHash(signer));
    HCRYPTHASH hash = HashOf(prov, Seq(64));
    const unsigned points = FailAtEveryAllocation(
        "CryptVerifySignature RSA-1024",
        [&] { return CryptVerifySignatureA(hash, signature.data(), 128, public_key, nullptr, 0); },
        [&] { EXPECT_TRUE(StillOpen(hash)) << "a failed CryptVerifySignature finished the hash"; });
    EXPECT_GT(points, 0u);
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(public_key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ---- Encryption -----------------------------------------------------------------------------

TEST_F(RsaArenaTest, RsaEncryptOutOfArenaIsNoMemoryAndLeavesTheBufferAlone) {
    // CryptEncrypt with the exchange key, both paddings: the message and its length untouched
    // by each failure; the ciphertext finally made decrypts to the message.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kPlainPrivateKey));
    const Bytes message = Seq(20, 1);
    for (DWORD flags : {DWORD{0}, DWORD{CRYPT_OAEP}}) {
        Bytes buffer;
        DWORD length = 0;
        const unsigned points = FailAtEveryAllocation(
            flags ? "CryptEncrypt RSA-1024 OAEP" : "CryptEncrypt RSA-1024 PKCS#1",
            [&] {
                buffer = message;
                buffer.resize(128, 0xee);
                length = static_cast<DWORD>(message.size());
                return CryptEncrypt(key, 0, TRUE, flags, buffer.data(), &length, 128);
            },
            [&] {
                EXPECT_EQ(length, message.size());
                Bytes expected = message;
                expected.resize(128, 0xee);
                EXPECT_EQ(ToHex(buffer), ToHex(expected));
            });
        EXPECT_GT(points, 0u);
        ASSERT_EQ(length, 128u);
        EXPECT_TRUE(CryptDecrypt(key, 0, TRUE, flags, buffer.data(), &length)) << GetLastError();
        EXPECT_EQ(ToHex(Bytes(buffer.begin(), buffer.begin() + length)), ToHex(message));
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaArenaTest, RsaDecryptOutOfArenaIsNoMemoryAndLeavesTheCiphertextAlone) {
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kPlainPrivateKey));
    const Bytes message = Seq(20, 1);
    for (DWORD flags : {DWORD{0}, DWORD{CRYPT_OAEP}}) {
        Bytes ciphertext = message;
        ciphertext.resize(128);
        DWORD length = 20;
        ASSERT_TRUE(CryptEncrypt(key, 0, TRUE, flags, ciphertext.data(), &length, 128)) << GetLastError();
        Bytes buffer;
        const unsigned points = FailAtEveryAllocation(
            flags ? "CryptDecrypt RSA-1024 OAEP" : "CryptDecrypt RSA-1024 PKCS#1",
            [&] {
                buffer = ciphertext;
                length = 128;
                return CryptDecrypt(key, 0, TRUE, flags, buffer.data(), &length);
            },
            [&] {
                EXPECT_EQ(length, 128u);
                EXPECT_EQ(ToHex(buffer), ToHex(ciphertext));
            });
        EXPECT_GT(points, 0u);
        EXPECT_EQ(ToHex(Bytes(buffer.begin(), buffer.begin() + length)), ToHex(message));
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaArenaTest, SimpleBlobExportOutOfArenaIsNoMemoryAndLeavesTheBufferAlone) {
    // CryptExportKey(SIMPLEBLOB) of an AES-128 key under the exchange key; the blob finally
    // made imports as the same key.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY exchange = Import(prov, B(kPlainPrivateKey));
    HCRYPTKEY session = 0;
    ASSERT_TRUE(CryptGenKey(prov, CALG_AES_128, CRYPT_EXPORTABLE, &session)) << GetLastError();
    Bytes blob;
    DWORD length = 0;
    const unsigned points = FailAtEveryAllocation(
        "CryptExportKey SIMPLEBLOB under RSA-1024",
        [&] {
            blob.assign(140, 0xee);
            length = 140;
            return CryptExportKey(session, exchange, SIMPLEBLOB, 0, blob.data(), &length);
        },
        [&] {
            EXPECT_EQ(length, 140u);
            EXPECT_EQ(ToHex(blob), ToHex(Bytes(140, 0xee)));
        });
    EXPECT_GT(points, 0u);
    HCRYPTKEY imported = Import(prov, blob, CRYPT_EXPORTABLE, exchange);
    EXPECT_EQ(ToHex(Export(imported, PLAINTEXTKEYBLOB)), ToHex(Export(session, PLAINTEXTKEYBLOB)));
    for (HCRYPTKEY key : {imported, session, exchange}) EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaArenaTest, SimpleBlobImportOutOfArenaIsNoMemory) {
    // CryptImportKey(SIMPLEBLOB abSessionKey) under abPlainPrivateKey.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY exchange = Import(prov, B(kPlainPrivateKey));
    HCRYPTKEY session = 0;
    const unsigned points = FailAtEveryAllocation(
        "CryptImportKey SIMPLEBLOB under RSA-1024",
        [&] { return CryptImportKey(prov, kRc4SimpleBlob, 140, exchange, 0, &session); },
        [&] {
            EXPECT_EQ(session, 0u);
            EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 1u);
        });
    EXPECT_GT(points, 0u);
    EXPECT_TRUE(CryptDestroyKey(session));
    EXPECT_TRUE(CryptDestroyKey(exchange));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaArenaTest, RsaBlobExportAllocatesNothing) {
    // PUBLICKEYBLOB and PRIVATEKEYBLOB export read the numbers in place (core/crypto/rsa.hpp):
    // with the next allocation refused they still succeed.
    HCRYPTPROV prov = Acquire();
    HCRYPTKEY key = Import(prov, B(kPlainPrivateKey), CRYPT_EXPORTABLE);
    for (DWORD type : {DWORD{PUBLICKEYBLOB}, DWORD{PRIVATEKEYBLOB}}) {
        BYTE blob[600];
        DWORD length = sizeof blob;
        crypto::arena_fail_after(1);
        EXPECT_TRUE(CryptExportKey(key, 0, type, 0, blob, &length)) << GetLastError();
        crypto::arena_fail_after(0);
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ---- Figures --------------------------------------------------------------------------------

// The PRIVATEKEYBLOB of one RSA-2048 pair, generated once per process: 2048-bit generation
// takes seconds under the sanitizers.
Bytes &Rsa2048Blob() {
    static Bytes blob;
    return blob;
}

struct Peak {
    size_t resident;  // arena bytes held before the call (keys that stay)
    size_t peak;      // the high-water mark during the call
};

// The arena high-water mark of one call, from a reset mark.
template <typename Call>
Peak Measure(Call call) {
    Peak peak{ArenaInUse(), 0};
    crypto::arena_reset_high_water();
    call();
    peak.peak = crypto::arena_stats().high_water;
    return peak;
}

TEST_F(RsaArenaTest, HighWaterFigures) {
    // For each size: key generation with no key resident; signing with only the pair in the
    // container (no key handle); verification and encryption with the public key resident;
    // decryption with the pair resident. Every call must succeed within the arena.
    const size_t arena = crypto::arena_stats().size;
    std::printf("[ figures  ] arena %zu bytes; peak (resident before the call), bytes\n", arena);
    for (DWORD bits : {DWORD{1024}, DWORD{2048}}) {
        HCRYPTPROV prov = Acquire();
        HCRYPTKEY generated = 0;
        const Peak keygen = Measure([&] {
            EXPECT_TRUE(CryptGenKey(prov, AT_KEYEXCHANGE, (bits << 16) | CRYPT_EXPORTABLE, &generated))
                << GetLastError();
        });
        const Bytes public_blob = Export(generated, PUBLICKEYBLOB);
        if (bits == 2048) Rsa2048Blob() = Export(generated, PRIVATEKEYBLOB);
        EXPECT_TRUE(CryptDestroyKey(generated));

        HCRYPTHASH hash = HashOf(prov, Seq(100), CALG_SHA_256);
        Bytes signature;
        const Peak sign = Measure([&] { signature = Sign(hash, AT_KEYEXCHANGE); });
        EXPECT_TRUE(CryptDestroyHash(hash));

        HCRYPTKEY public_key = Import(prov, public_blob);
        hash = HashOf(prov, Seq(100), CALG_SHA_256);
        const Peak verify = Measure([&] {
            EXPECT_TRUE(CryptVerifySignatureA(hash, signature.data(), static_cast<DWORD>(signature.size()), public_key,
                                              nullptr, 0))
                << GetLastError();
        });
        EXPECT_TRUE(CryptDestroyHash(hash));

        Bytes buffer = Seq(32);
        buffer.resize(bits / 8);
        DWORD length = 32;
        const Peak encrypt = Measure([&] {
            EXPECT_TRUE(CryptEncrypt(public_key, 0, TRUE, CRYPT_OAEP, buffer.data(), &length, bits / 8))
                << GetLastError();
        });
        EXPECT_TRUE(CryptDestroyKey(public_key));

        HCRYPTKEY pair = 0;
        EXPECT_TRUE(CryptGetUserKey(prov, AT_KEYEXCHANGE, &pair));
        const Peak decrypt = Measure([&] {
            EXPECT_TRUE(CryptDecrypt(pair, 0, TRUE, CRYPT_OAEP, buffer.data(), &length)) << GetLastError();
        });
        EXPECT_EQ(ToHex(Bytes(buffer.begin(), buffer.begin() + length)), ToHex(Seq(32)));
        EXPECT_TRUE(CryptDestroyKey(pair));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));

        const struct {
            const char *name;
            Peak peak;
        } rows[] = {{"keygen", keygen}, {"sign", sign}, {"verify", verify}, {"encrypt", encrypt}, {"decrypt", decrypt}};
        for (const auto &row : rows) {
            EXPECT_LE(row.peak.peak, arena);
            EXPECT_GT(row.peak.peak, row.peak.resident) << row.name << " allocates";
            std::printf("[ figures  ] RSA-%lu %-8s %6zu (%zu)\n", static_cast<unsigned long>(bits), row.name,
                        row.peak.peak, row.peak.resident);
            RecordProperty("rsa" + std::to_string(bits) + "_" + row.name + "_peak", static_cast<int>(row.peak.peak));
        }
    }
    EXPECT_EQ(ArenaInUse(), 0u);
}

// Mbed TLS's random callback for the direct signature: blinding only, any bytes do.
int CounterRandom(void *state, unsigned char *output, size_t length) {
    auto *counter = static_cast<unsigned *>(state);
    for (size_t i = 0; i < length; ++i) output[i] = static_cast<unsigned char>(++*counter * 0x9d);
    return 0;
}

TEST_F(RsaArenaTest, SignTimeFiguresAgainstMbedTls) {
    // One RSA-2048 CryptSignHash (SHA-256) against mbedtls_rsa_pkcs1_sign on the same key and
    // the same encoded digest: the two signatures must be the same bytes (PKCS#1 v1.5 is
    // deterministic; CryptoAPI stores them reversed, §7.1). The times are printed, not
    // asserted. Mbed TLS is called without TINYCAPI_LOCK_ARENA: this test runs alone.
    HCRYPTPROV prov = Acquire();
    if (Rsa2048Blob().empty()) {
        HCRYPTKEY generated = 0;
        ASSERT_TRUE(CryptGenKey(prov, AT_KEYEXCHANGE, (2048 << 16) | CRYPT_EXPORTABLE, &generated));
        Rsa2048Blob() = Export(generated, PRIVATEKEYBLOB);
        EXPECT_TRUE(CryptDestroyKey(generated));
    }
    const Bytes &blob = Rsa2048Blob();
    ASSERT_EQ(blob.size(), 20u + 2 * 256 + 5 * 128);
    EXPECT_TRUE(CryptDestroyKey(Import(prov, blob)));

    // The pair as Mbed TLS wants it: big-endian n, p, q, d (§6.2 offsets), e = 65537.
    auto big_endian = [&](size_t offset, size_t length) {
        Bytes number(blob.begin() + static_cast<ptrdiff_t>(offset), blob.begin() + static_cast<ptrdiff_t>(offset + length));
        std::reverse(number.begin(), number.end());
        return number;
    };
    const Bytes n = big_endian(20, 256), p = big_endian(276, 128), q = big_endian(404, 128), d = big_endian(916, 256);
    const unsigned char e[] = {0x01, 0x00, 0x01};
    mbedtls_rsa_context context;
    mbedtls_rsa_init(&context);
    ASSERT_EQ(mbedtls_rsa_import_raw(&context, n.data(), n.size(), p.data(), p.size(), q.data(), q.size(), d.data(),
                                     d.size(), e, sizeof e),
              0);
    ASSERT_EQ(mbedtls_rsa_complete(&context), 0);

    const Bytes data = Seq(100);
    HCRYPTHASH hash = HashOf(prov, data, CALG_SHA_256);
    DWORD size = 32;
    BYTE digest[32];
    ASSERT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, digest, &size, 0));
    EXPECT_TRUE(CryptDestroyHash(hash));
    // SHA-256's DigestInfo prefix (reference §7.2) ‖ digest, signed as raw data (MD_NONE).
    Bytes encoded = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                     0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
    encoded.insert(encoded.end(), digest, digest + 32);

    // Medians of single calls, after a warm-up of each (Mbed TLS keeps its blinding values in
    // the context between calls; tinycapi loads the pair and draws fresh ones every time).
    constexpr int kRounds = 15;
    using Clock = std::chrono::steady_clock;
    auto median = [](std::vector<double> times) {
        std::sort(times.begin(), times.end());
        return times[times.size() / 2];
    };
    unsigned counter = 0;
    unsigned char direct[256];
    std::vector<double> direct_times, capi_times;
    for (int i = 0; i <= kRounds; ++i) {
        const auto start = Clock::now();
        ASSERT_EQ(mbedtls_rsa_pkcs1_sign(&context, CounterRandom, &counter, MBEDTLS_MD_NONE,
                                         static_cast<unsigned>(encoded.size()), encoded.data(), direct),
                  0);
        if (i > 0) direct_times.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    mbedtls_rsa_free(&context);
    const double direct_us = median(direct_times);

    Bytes signature;
    for (int i = 0; i <= kRounds; ++i) {
        hash = HashOf(prov, data, CALG_SHA_256);
        const auto start = Clock::now();
        signature = Sign(hash, AT_KEYEXCHANGE);
        if (i > 0) capi_times.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        EXPECT_TRUE(CryptDestroyHash(hash));
    }
    const double capi_us = median(capi_times);
    std::reverse(signature.begin(), signature.end());
    EXPECT_EQ(ToHex(signature), ToHex(Bytes(direct, direct + 256))) << "the same key signs the same bytes";
    EXPECT_TRUE(CryptReleaseContext(prov, 0));

    std::printf("[ figures  ] RSA-2048 sign: CryptSignHash %.0f us, mbedtls_rsa_pkcs1_sign %.0f us, ratio %.2f\n",
                capi_us, direct_us, capi_us / direct_us);
    RecordProperty("rsa2048_sign_capi_us", static_cast<int>(capi_us));
    RecordProperty("rsa2048_sign_mbedtls_us", static_cast<int>(direct_us));
    RecordProperty("rsa2048_sign_ratio_x100", static_cast<int>(100 * capi_us / direct_us));
}

}  // namespace
}  // namespace tinycapi::testing
