// Fault injection at every step (issue 14, item 2): every failure of the platform that an API
// call can meet — the entropy source, the container store, the bignum arena, a full pool — is
// injected at each point where the call meets it, one point per run. Each must give Windows'
// error for it, change no object and leak nothing; once the fault lies past the call's last
// point, the call must succeed (so the points are counted exactly, and printed).
//
// How a point is reached: the mock port fails only the n-th entropy request or container-store
// operation from now (tinycapi_mock_fail_entropy_at / _fail_storage_at), the arena only the
// n-th allocation (crypto::arena_fail_after); n runs 1, 2, … from a fresh, identical world
// until the fault is no longer reached. The generator forgets its seed before each call, so
// every call that needs randomness meets the entropy source. A pool is "met" when the call takes
// a slot of it: the pool is filled to capacity first.
//
// Errors: an entropy or storage failure is NTE_FAIL (reference §1.1, the codes Windows gives for
// a provider's internal failure); a full arena or pool is NTE_NO_MEMORY (§2.1, library design).
#include <stdio.h>
#include <string.h>

#include <functional>
#include <string>
#include <vector>

#include <tinycapi/port.h>

#include "crypto/arena.hpp"
#include "crypto/random.hpp"
#include "objects/pair_cache.hpp"
#include "test_bytes.hpp"
#include "tinycapi_test.hpp"
#include "wine_rsaenh_keys.hpp"

namespace tinycapi::testing {
namespace {

using namespace wine_rsaenh;

constexpr char kContainer[] = "fault-injection";

// The objects every scenario starts from, made the same way each time.
struct World {
    HCRYPTPROV verify = 0;  // PROV_RSA_AES verify context
    HCRYPTPROV named = 0;   // the container kContainer, holding Wine's 512-bit exchange pair
    HCRYPTKEY aes = 0;      // AES-128, exportable, in `verify`
    HCRYPTKEY pair = 0;     // the exchange pair, exportable, in `named`
    HCRYPTKEY pub = 0;      // its public key, in `verify`
    HCRYPTHASH sha = 0;     // SHA-1 over "message", in `named`
    Bytes simple;           // `aes` wrapped by `pair`
    Bytes rsa_ciphertext;   // 20 bytes encrypted to `pair`
    Bytes signature;        // of a copy of `sha`, by `pair`
    // What a call made, destroyed after it.
    HCRYPTKEY made_key = 0;
    HCRYPTHASH made_hash = 0;
    HCRYPTPROV made_provider = 0;
};

Bytes Export(HCRYPTKEY key, HCRYPTKEY wrapping, DWORD type) {
    Bytes blob(2048);
    DWORD length = static_cast<DWORD>(blob.size());
    EXPECT_TRUE(CryptExportKey(key, wrapping, type, 0, blob.data(), &length)) << std::hex << GetLastError();
    blob.resize(length);
    return blob;
}

void Build(World &w) {
    ASSERT_TRUE(CryptAcquireContextA(&w.verify, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT));
    ASSERT_TRUE(CryptAcquireContextA(&w.named, kContainer, nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET));
    ASSERT_TRUE(CryptImportKey(w.named, kPrivateExchangeBlob, sizeof kPrivateExchangeBlob, 0, CRYPT_EXPORTABLE, &w.pair));
    ASSERT_TRUE(CryptImportKey(w.verify, kPublicExchangeBlob, sizeof kPublicExchangeBlob, 0, 0, &w.pub));
    const Bytes aes = Concat(Concat(Bytes{PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0}, Dword(CALG_AES_128)),
                             Concat(Dword(16), Seq(16, 0x30)));
    ASSERT_TRUE(CryptImportKey(w.verify, aes.data(), static_cast<DWORD>(aes.size()), 0, CRYPT_EXPORTABLE, &w.aes));
    ASSERT_TRUE(CryptCreateHash(w.named, CALG_SHA1, 0, 0, &w.sha));
    ASSERT_TRUE(CryptHashData(w.sha, reinterpret_cast<const BYTE *>("message"), 7, 0));
    w.simple = Export(w.aes, w.pair, SIMPLEBLOB);
    w.rsa_ciphertext = Seq(64);
    DWORD length = 20;
    ASSERT_TRUE(CryptEncrypt(w.pair, 0, TRUE, 0, w.rsa_ciphertext.data(), &length, 64));
    HCRYPTHASH copy;
    ASSERT_TRUE(CryptDuplicateHash(w.sha, nullptr, 0, &copy));
    w.signature.resize(64);
    length = 64;
    ASSERT_TRUE(CryptSignHashA(copy, AT_KEYEXCHANGE, nullptr, 0, w.signature.data(), &length));
    EXPECT_TRUE(CryptDestroyHash(copy));
}

void TearDownWorld(World &w) {
    if (w.made_key) { EXPECT_TRUE(CryptDestroyKey(w.made_key)); }
    if (w.made_hash) { EXPECT_TRUE(CryptDestroyHash(w.made_hash)); }
    if (w.made_provider) { EXPECT_TRUE(CryptReleaseContext(w.made_provider, 0)); }
    // Whatever a call left: contexts first end every key and hash with them.
    CryptReleaseContext(w.verify, 0);
    CryptReleaseContext(w.named, 0);
    HCRYPTPROV deleted;
    CryptAcquireContextA(&deleted, kContainer, nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET);
    CryptAcquireContextA(&deleted, "fault-new", nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET);
}

// Everything a failed call must leave as it was, as bytes: pool and arena use, every container
// of the store with its records, the keys (their blobs and, for the AES key, its chaining
// state), the hash (its value so far). Read with no fault armed.
Bytes Observe(const World &w) {
    // The arena without the pairs CryptSignHash keeps loaded (objects/pair_cache.hpp): a
    // performance cache, dropped by a failed signature, not state a call may leave changed.
    objects::forget_all_cached_pairs();
    Bytes seen;
    for (tinycapi_pool_id pool : {TINYCAPI_POOL_PROVIDERS, TINYCAPI_POOL_KEYS, TINYCAPI_POOL_HASHES}) {
        seen = Concat(seen, Dword(slots_in_use(pool)));
    }
    seen = Concat(seen, Dword(static_cast<uint32_t>(crypto::arena_stats().in_use)));
    for (unsigned name_space = 0; name_space < 3; ++name_space) {
        char name[TINYCAPI_CONTAINER_NAME_MAX];
        for (size_t i = 0; tinycapi_port_container_name_at(name_space, i, name, sizeof name) == TINYCAPI_PORT_OK; ++i) {
            seen = Concat(seen, Bytes(name, name + strlen(name) + 1));
            for (unsigned record : {TINYCAPI_RECORD_KEY_EXCHANGE, TINYCAPI_RECORD_SIGNATURE}) {
                uint8_t bytes[TINYCAPI_CONTAINER_RECORD_MAX];
                size_t length = 0;
                if (tinycapi_port_container_read(name_space, name, record, bytes, sizeof bytes, &length) == TINYCAPI_PORT_OK) {
                    seen = Concat(seen, Bytes(bytes, bytes + length));
                }
            }
        }
    }
    seen = Concat(seen, Export(w.aes, 0, PLAINTEXTKEYBLOB));
    HCRYPTKEY copy;
    EXPECT_TRUE(CryptDuplicateKey(w.aes, nullptr, 0, &copy));
    Bytes probe = Seq(16);
    DWORD length = 16;
    EXPECT_TRUE(CryptEncrypt(copy, 0, FALSE, 0, probe.data(), &length, 16));
    EXPECT_TRUE(CryptDestroyKey(copy));
    seen = Concat(seen, probe);
    seen = Concat(seen, Export(w.pair, 0, PRIVATEKEYBLOB));
    seen = Concat(seen, Export(w.pub, 0, PUBLICKEYBLOB));
    HCRYPTHASH hash_copy;
    EXPECT_TRUE(CryptDuplicateHash(w.sha, nullptr, 0, &hash_copy));
    BYTE value[20];
    DWORD value_length = sizeof value;
    EXPECT_TRUE(CryptGetHashParam(hash_copy, HP_HASHVAL, value, &value_length, 0));
    EXPECT_TRUE(CryptDestroyHash(hash_copy));
    return Concat(seen, Bytes(value, value + value_length));
}

struct Scenario {
    const char *name;
    std::function<BOOL(World &)> call;
};

std::vector<Scenario> Scenarios() {
    return {
        {"CryptAcquireContext(VERIFYCONTEXT)",
         [](World &w) { return CryptAcquireContextA(&w.made_provider, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT); }},
        {"CryptAcquireContext(NEWKEYSET)",
         [](World &w) { return CryptAcquireContextA(&w.made_provider, "fault-new", nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET); }},
        {"CryptAcquireContext(open)",
         [](World &w) { return CryptAcquireContextA(&w.made_provider, kContainer, nullptr, PROV_RSA_AES, 0); }},
        {"CryptAcquireContext(DELETEKEYSET)",
         [](World &) {
             HCRYPTPROV none;
             return CryptAcquireContextA(&none, kContainer, nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET);
         }},
        {"CryptGetProvParam(PP_ENUMCONTAINERS)",
         [](World &w) {
             BYTE name[300];
             DWORD length = sizeof name;
             return CryptGetProvParam(w.named, PP_ENUMCONTAINERS, name, &length, CRYPT_FIRST);
         }},
        {"CryptGenRandom",
         [](World &w) {
             BYTE random[40] = {};
             return CryptGenRandom(w.verify, sizeof random, random);
         }},
        {"CryptCreateHash(SHA-256)", [](World &w) { return CryptCreateHash(w.verify, CALG_SHA_256, 0, 0, &w.made_hash); }},
        {"CryptCreateHash(CALG_MAC)", [](World &w) { return CryptCreateHash(w.verify, CALG_MAC, w.aes, 0, &w.made_hash); }},
        {"CryptDuplicateHash", [](World &w) { return CryptDuplicateHash(w.sha, nullptr, 0, &w.made_hash); }},
        {"CryptDeriveKey(AES-128)", [](World &w) { return CryptDeriveKey(w.named, CALG_AES_128, w.sha, 0, &w.made_key); }},
        {"CryptGenKey(AES-256)", [](World &w) { return CryptGenKey(w.verify, CALG_AES_256, 0, &w.made_key); }},
        {"CryptGenKey(AT_SIGNATURE, 512)",
         [](World &w) { return CryptGenKey(w.named, AT_SIGNATURE, 512 << 16, &w.made_key); }},
        {"CryptImportKey(PLAINTEXTKEYBLOB)",
         [](World &w) {
             const Bytes blob = Concat(Concat(Bytes{PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0}, Dword(CALG_3DES)),
                                       Concat(Dword(24), Seq(24, 0x50)));
             return CryptImportKey(w.verify, blob.data(), static_cast<DWORD>(blob.size()), 0, 0, &w.made_key);
         }},
        {"CryptImportKey(PRIVATEKEYBLOB)",
         [](World &w) { return CryptImportKey(w.named, kSignBlob, sizeof kSignBlob, 0, 0, &w.made_key); }},
        {"CryptImportKey(PUBLICKEYBLOB)",
         [](World &w) {
             return CryptImportKey(w.verify, kSignaturePublicKey, sizeof kSignaturePublicKey, 0, 0, &w.made_key);
         }},
        {"CryptImportKey(SIMPLEBLOB)",
         [](World &w) {
             return CryptImportKey(w.named, w.simple.data(), static_cast<DWORD>(w.simple.size()), w.pair, 0, &w.made_key);
         }},
        {"CryptGetUserKey", [](World &w) { return CryptGetUserKey(w.named, AT_KEYEXCHANGE, &w.made_key); }},
        {"CryptDuplicateKey(AES)", [](World &w) { return CryptDuplicateKey(w.aes, nullptr, 0, &w.made_key); }},
        {"CryptDuplicateKey(RSA pair)", [](World &w) { return CryptDuplicateKey(w.pair, nullptr, 0, &w.made_key); }},
        {"CryptExportKey(PRIVATEKEYBLOB)",
         [](World &w) {
             BYTE blob[400];
             DWORD length = sizeof blob;
             return CryptExportKey(w.pair, 0, PRIVATEKEYBLOB, 0, blob, &length);
         }},
        {"CryptExportKey(SIMPLEBLOB)",
         [](World &w) {
             BYTE blob[100];
             DWORD length = sizeof blob;
             return CryptExportKey(w.aes, w.pub, SIMPLEBLOB, 0, blob, &length);
         }},
        {"CryptSignHash",
         [](World &w) {
             BYTE signature[64];
             DWORD length = sizeof signature;
             return CryptSignHashA(w.sha, AT_KEYEXCHANGE, nullptr, 0, signature, &length);
         }},
        {"CryptVerifySignature",
         [](World &w) {
             HCRYPTHASH copy;
             if (!CryptDuplicateHash(w.sha, nullptr, 0, &copy)) return FALSE;
             const BOOL verified = CryptVerifySignatureA(copy, w.signature.data(),
                                                         static_cast<DWORD>(w.signature.size()), w.pub, nullptr, 0);
             const DWORD error = GetLastError();
             EXPECT_TRUE(CryptDestroyHash(copy));
             SetLastError(error);
             return verified;
         }},
        {"CryptEncrypt(RSA)",
         [](World &w) {
             BYTE data[64] = {1, 2, 3};
             DWORD length = 3;
             return CryptEncrypt(w.pub, 0, TRUE, 0, data, &length, sizeof data);
         }},
        {"CryptDecrypt(RSA)",
         [](World &w) {
             Bytes data = w.rsa_ciphertext;
             DWORD length = 64;
             return CryptDecrypt(w.pair, 0, TRUE, 0, data.data(), &length);
         }},
        {"CryptHashSessionKey",
         [](World &w) { return CryptHashSessionKey(w.sha, w.aes, 0); }},
    };
}

enum class Fault { entropy, storage, arena, providers, keys, hashes };
const char *NameOf(Fault fault) {
    switch (fault) {
        case Fault::entropy: return "entropy";
        case Fault::storage: return "storage";
        case Fault::arena: return "arena";
        case Fault::providers: return "provider pool";
        case Fault::keys: return "key pool";
        default: return "hash pool";
    }
}

class FaultInjectionTest : public CapiTest {
protected:
    // Fills the pool of `fault` (a pool kind) with objects of `w.verify`; returns what to free.
    static std::vector<ULONG_PTR> FillPool(Fault fault, World &w) {
        std::vector<ULONG_PTR> fillers;
        for (;;) {
            ULONG_PTR handle = 0;
            BOOL made = FALSE;
            if (fault == Fault::providers) {
                HCRYPTPROV prov;
                made = CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT);
                handle = prov;
            } else if (fault == Fault::keys) {
                HCRYPTKEY key;
                made = CryptGenKey(w.verify, CALG_RC4, 0, &key);
                handle = key;
            } else {
                HCRYPTHASH hash;
                made = CryptCreateHash(w.verify, CALG_MD5, 0, 0, &hash);
                handle = hash;
            }
            if (!made) break;
            fillers.push_back(handle);
        }
        EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_NO_MEMORY));
        return fillers;
    }

    static void Free(Fault fault, const std::vector<ULONG_PTR> &fillers) {
        for (ULONG_PTR handle : fillers) {
            if (fault == Fault::providers) { EXPECT_TRUE(CryptReleaseContext(handle, 0)); }
            if (fault == Fault::keys) { EXPECT_TRUE(CryptDestroyKey(handle)); }
            if (fault == Fault::hashes) { EXPECT_TRUE(CryptDestroyHash(handle)); }
        }
    }

    // One run of `scenario` with the fault at point `n` (pools: n is ignored, the pool is full).
    // Returns whether the call failed because of the fault; adds a failure for a broken rule.
    bool RunOnce(const Scenario &scenario, Fault fault, unsigned n) {
        tinycapi_mock_reset(kMockSeed);
        World w;
        Build(w);
        if (::testing::Test::HasFatalFailure()) return false;
        const Bytes before = Observe(w);
        const bool pool_fault = fault == Fault::providers || fault == Fault::keys || fault == Fault::hashes;
        std::vector<ULONG_PTR> fillers;
        if (pool_fault) fillers = FillPool(fault, w);
        crypto::random_forget_seed();  // every call that needs randomness meets the source
        const unsigned entropy_before = tinycapi_mock_entropy_calls();
        const unsigned storage_before = tinycapi_mock_storage_calls();
        const size_t arena_failures_before = crypto::arena_stats().failures;
        if (fault == Fault::entropy) tinycapi_mock_fail_entropy_at(n);
        if (fault == Fault::storage) tinycapi_mock_fail_storage_at(n);
        if (fault == Fault::arena) crypto::arena_fail_after(n);
        SetLastError(0);
        const BOOL succeeded = scenario.call(w);
        const DWORD error = GetLastError();
        tinycapi_mock_fail_entropy_at(0);
        tinycapi_mock_fail_storage_at(0);
        crypto::arena_fail_after(0);
        bool reached = false;
        switch (fault) {
            case Fault::entropy: reached = tinycapi_mock_entropy_calls() - entropy_before >= n; break;
            case Fault::storage: reached = tinycapi_mock_storage_calls() - storage_before >= n; break;
            case Fault::arena: reached = crypto::arena_stats().failures != arena_failures_before; break;
            default: reached = !succeeded; break;
        }
        const std::string where = std::string(scenario.name) + ", " + NameOf(fault) + " fault at point " + std::to_string(n);
        if (succeeded) {
            EXPECT_FALSE(reached) << where << ": the call succeeded although the fault was reached";
        } else {
            EXPECT_TRUE(reached) << where << ": the call failed (" << std::hex << error << ") without the fault";
            const DWORD expected = fault == Fault::entropy || fault == Fault::storage ? static_cast<DWORD>(NTE_FAIL)
                                                                                     : static_cast<DWORD>(NTE_NO_MEMORY);
            EXPECT_EQ(error, expected) << where;
            Free(fault, fillers);
            fillers.clear();
            EXPECT_EQ(Observe(w), before) << where << ": a failed call changed something";
        }
        Free(fault, fillers);  // those of a call that took no slot of the full pool
        TearDownWorld(w);
        EXPECT_EQ(slots_in_use(TINYCAPI_POOL_PROVIDERS) + slots_in_use(TINYCAPI_POOL_KEYS) +
                      slots_in_use(TINYCAPI_POOL_HASHES),
                  0u)
            << where << ": a slot leaked";
        EXPECT_EQ(crypto::arena_stats().in_use, 0u) << where << ": arena memory leaked";
        EXPECT_EQ(tinycapi_mock_locks_held(), 0u) << where << ": a lock is still held";
        EXPECT_EQ(tinycapi_mock_nested_lock_violations(), 0u) << where << ": a lock was taken while another was held";
        return !succeeded;
    }
};

TEST_F(FaultInjectionTest, EveryFaultAtEveryPointOfEveryCallFailsCleanly) {
    unsigned total = 0;
    for (const Scenario &scenario : Scenarios()) {
        std::string counts;
        for (Fault fault : {Fault::entropy, Fault::storage, Fault::arena, Fault::providers, Fault::keys, Fault::hashes}) {
            unsigned points = 0;
            if (fault == Fault::providers || fault == Fault::keys || fault == Fault::hashes) {
                points = RunOnce(scenario, fault, 1) ? 1 : 0;
            } else {
                while (points < 5000 && RunOnce(scenario, fault, points + 1)) ++points;
            }
            if (::testing::Test::HasFailure()) {
                ADD_FAILURE() << "stopped at " << scenario.name << ", " << NameOf(fault);
                return;
            }
            total += points;
            if (points) counts += std::string(" ") + NameOf(fault) + "=" + std::to_string(points);
        }
        printf("[ faults   ] %-40s%s\n", scenario.name, counts.empty() ? " none" : counts.c_str());
    }
    printf("[ faults   ] %u fault points, each failing cleanly\n", total);
    RecordProperty("fault_points", static_cast<int>(total));
    EXPECT_GT(total, 50u);
}

}  // namespace
}  // namespace tinycapi::testing
