// One key used from two threads at once (issue 4; docs/ARCHITECTURE.md, "Pins and the lock"):
// a call on a key that another thread's call holds fails with ERROR_BUSY and changes nothing;
// a destroy of the key, or the last release of its provider, while a call holds it fails with
// ERROR_BUSY too. Windows leaves such races undefined (docs/COMPATIBILITY.md).
//
// How the outcome stays checkable: the key is AES-128 in CBC mode, whose one chaining state
// (reference §5.6) every successful CryptEncrypt advances and every successful KP_IV resets.
// Each thread records what its successful calls did; afterwards the two records must merge into
// one sequence that a model (Mbed TLS's AES-CBC, independent of tinycapi) reproduces call by
// call from the IV, and the key's state after the run must be the model's. A lost, doubled or
// torn call, or a busy call that changed the chain, breaks the merge. Timing is made
// deterministic by retrying a round (bounded) until the race of interest was seen.
#include <mbedtls/aes.h>
#include <string.h>

#include <atomic>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

using Bytes = std::vector<BYTE>;

constexpr size_t kBlock = 16;

Bytes RandomBytes(size_t length, uint32_t seed) {
    std::mt19937 random(seed);
    Bytes bytes(length);
    for (BYTE &b : bytes) b = static_cast<BYTE>(random());
    return bytes;
}

const Bytes kKey = RandomBytes(16, 0x6B65);
const Bytes kIv = RandomBytes(16, 0x4956);

// FNV-1a over the bytes: a compact fingerprint of a call's output.
uint64_t Fingerprint(const BYTE *data, size_t length) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < length; ++i) h = (h ^ data[i]) * 0x100000001b3ull;
    return h;
}

// What one successful call did to the key: a non-final CBC encryption of `input` (its output
// fingerprint and last block kept), or a new IV (KP_IV), which resets the chain to it.
struct Event {
    bool reset = false;
    BYTE iv[kBlock] = {};
    const BYTE *input = nullptr;
    size_t length = 0;
    uint64_t output = 0;
    BYTE first_block[kBlock] = {};
    BYTE last_block[kBlock] = {};
};

Event EncryptEvent(const BYTE *input, size_t length, const Bytes &output) {
    Event e;
    e.input = input;
    e.length = length;
    e.output = Fingerprint(output.data(), output.size());
    memcpy(e.first_block, output.data(), kBlock);
    memcpy(e.last_block, output.data() + output.size() - kBlock, kBlock);
    return e;
}

// The independent model: AES-128-CBC from Mbed TLS with an explicit chain.
class Model {
public:
    Model() {
        mbedtls_aes_init(&aes_);
        EXPECT_EQ(mbedtls_aes_setkey_enc(&aes_, kKey.data(), 128), 0);
        reset();
    }
    ~Model() { mbedtls_aes_free(&aes_); }
    Model(const Model &) = delete;
    Model &operator=(const Model &) = delete;

    void reset(const BYTE *iv = kIv.data()) { memcpy(chain_, iv, kBlock); }

    // Whether `e` is what the key does next from the model's chain; if so, the model takes it.
    bool take(const Event &e) {
        if (e.reset) {
            reset(e.iv);
            return true;
        }
        // The first block decides cheaply whether the call was made from this chain.
        if (next_block(e.input) != Bytes(e.first_block, e.first_block + kBlock)) return false;
        Bytes out(e.length);
        unsigned char chain[kBlock];
        memcpy(chain, chain_, kBlock);
        EXPECT_EQ(mbedtls_aes_crypt_cbc(&aes_, MBEDTLS_AES_ENCRYPT, e.length, chain, e.input, out.data()), 0);
        if (Fingerprint(out.data(), out.size()) != e.output || memcmp(out.data() + e.length - kBlock, e.last_block, kBlock)) {
            return false;
        }
        memcpy(chain_, chain, kBlock);
        return true;
    }

    Bytes next_block(const BYTE *input) {
        Bytes out(kBlock);
        unsigned char chain[kBlock];
        memcpy(chain, chain_, kBlock);
        EXPECT_EQ(mbedtls_aes_crypt_cbc(&aes_, MBEDTLS_AES_ENCRYPT, kBlock, chain, input, out.data()), 0);
        return out;
    }

private:
    mbedtls_aes_context aes_;
    unsigned char chain_[kBlock];
};

// Merges the two threads' records into one order the model reproduces. Each thread's own
// order is kept; at each step the next encryption of either thread is taken if the model
// agrees with it (B's short ones are tried first, they are cheap), and B's next new IV only
// when A's next call does not fit. A wrong pick is impossible short of an AES collision: an
// encryption matches only from the chain it was made from, every IV B sets is new, so no two
// points of the run share a chain. Returns false if no order fits.
bool Serializable(const std::vector<Event> &a, const std::vector<Event> &b, Model &model) {
    size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (j < b.size() && !b[j].reset && model.take(b[j])) {
            ++j;
        } else if (i < a.size() && model.take(a[i])) {
            ++i;
        } else if (j < b.size() && b[j].reset && model.take(b[j])) {
            ++j;
        } else {
            ADD_FAILURE() << "no serial order fits: A at " << i << "/" << a.size() << ", B at " << j << "/" << b.size();
            return false;
        }
    }
    return true;
}

// Chunk i of A's input: whole blocks at a position and of a length that depend on i.
struct Chunks {
    const Bytes &data;
    size_t max_length;
    const BYTE *at(size_t i) const { return data.data() + (i * 7919 * kBlock) % (data.size() - max_length); }
    size_t length(size_t i) const { return (max_length / 2 + (i * 104729) % (max_length / 2)) / kBlock * kBlock; }
};

std::string Join(const std::vector<std::string> &lines) {
    std::string text;
    for (const std::string &line : lines) text += line + "\n";
    return text;
}

// Thread A: `calls` non-final CBC encryptions, recorded; busy calls counted; anything else is a
// problem, except EIP once the key was legitimately destroyed (then A stops).
struct Encryptor {
    std::vector<Event> events;
    size_t busy = 0;
    size_t dead = 0;
    std::vector<std::string> problems;

    void run(HCRYPTKEY key, const Chunks &chunks, size_t calls, std::atomic<bool> &started) {
        started = true;
        Bytes buffer;
        for (size_t i = 0; i < calls; ++i) {
            const size_t length = chunks.length(i);
            buffer.assign(chunks.at(i), chunks.at(i) + length);
            DWORD data_length = static_cast<DWORD>(length);
            if (CryptEncrypt(key, 0, FALSE, 0, buffer.data(), &data_length, static_cast<DWORD>(buffer.size()))) {
                if (data_length != length) problems.push_back("CryptEncrypt changed the length");
                events.push_back(EncryptEvent(chunks.at(i), length, buffer));
                continue;
            }
            const DWORD error = GetLastError();
            if (error == ERROR_BUSY) {
                ++busy;
                if (memcmp(buffer.data(), chunks.at(i), length) != 0) problems.push_back("a busy CryptEncrypt wrote the buffer");
            } else if (error == ERROR_INVALID_PARAMETER) {
                ++dead;
                return;
            } else {
                problems.push_back("CryptEncrypt: " + std::to_string(error));
            }
        }
    }
};

using KeyBusyTest = CapiTest;

HCRYPTKEY ImportTheKey(HCRYPTPROV prov) {
    Bytes blob = {PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0, 0x0E, 0x66, 0, 0, 16, 0, 0, 0};  // CALG_AES_128
    blob.insert(blob.end(), kKey.begin(), kKey.end());
    HCRYPTKEY key = 0;
    EXPECT_TRUE(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, 0, &key)) << GetLastError();
    EXPECT_TRUE(CryptSetKeyParam(key, KP_IV, kIv.data(), 0));
    return key;
}

// The key's chain now, by encrypting one more block: it must be the model's.
void ExpectKeyAtModel(HCRYPTKEY key, Model &model) {
    const Bytes block = RandomBytes(kBlock, 0xB10C);
    Bytes data = block;
    DWORD length = kBlock;
    ASSERT_TRUE(CryptEncrypt(key, 0, FALSE, 0, data.data(), &length, kBlock)) << GetLastError();
    EXPECT_EQ(data, model.next_block(block.data())) << "the key's chain is where the accepted calls left it";
}

TEST_F(KeyBusyTest, CallsOnAKeyInUseSucceedOrAreBusyAndTheChainStaysSerializable) {
    // Thread A encrypts (long calls); thread B encrypts short chunks, resets the IV, sets and
    // reads parameters on the same key. Every call returns TRUE or ERROR_BUSY.
    constexpr size_t kCalls = 400;
    constexpr int kMaxRounds = 20;
    const Bytes data = RandomBytes(256 * 1024, 0xC0DE);
    const Chunks chunks{data, 32 * 1024};
    const Bytes small = RandomBytes(4096, 0x5A11);
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    size_t busy_seen = 0, b_successes = 0;
    for (int round = 0; round < kMaxRounds && (busy_seen == 0 || b_successes == 0); ++round) {
        SCOPED_TRACE(::testing::Message() << "round " << round);
        HCRYPTKEY key = ImportTheKey(prov);
        std::atomic<bool> started{false}, done{false};
        Encryptor a_side;
        std::vector<Event> b_events;
        size_t b_busy = 0;
        std::vector<std::string> b_problems;
        std::thread a([&] {
            a_side.run(key, chunks, kCalls, started);
            done = true;
        });
        std::thread b([&] {
            while (!started) std::this_thread::yield();
            Bytes buffer, current_iv = kIv;
            for (unsigned op = 0; !done; ++op) {
                std::this_thread::yield();  // leave A room to get calls in
                BOOL result = FALSE;
                const char *what = "";
                const BYTE *input = small.data() + (op * 48) % (small.size() - 64);
                const size_t length = kBlock * (1 + op % 4);
                DWORD value = 0;
                BYTE iv[kBlock];
                DWORD iv_length = sizeof iv;
                switch (op % 4) {
                    case 0: {
                        what = "CryptEncrypt";
                        buffer.assign(input, input + length);
                        DWORD data_length = static_cast<DWORD>(length);
                        result = CryptEncrypt(key, 0, FALSE, 0, buffer.data(), &data_length, static_cast<DWORD>(length));
                        if (result) b_events.push_back(EncryptEvent(input, length, buffer));
                        break;
                    }
                    case 1: {
                        what = "CryptSetKeyParam(KP_IV)";
                        Bytes next_iv = kIv;  // a new IV each time: the op number in its first bytes
                        for (int k = 0; k < 4; ++k) next_iv[k] ^= static_cast<BYTE>((op + 1) >> (8 * k));
                        result = CryptSetKeyParam(key, KP_IV, next_iv.data(), 0);
                        if (result) {
                            Event reset;
                            reset.reset = true;
                            memcpy(reset.iv, next_iv.data(), kBlock);
                            b_events.push_back(reset);
                            current_iv = next_iv;
                        }
                        break;
                    }
                    case 2:
                        what = "CryptSetKeyParam(KP_MODE_BITS)";
                        value = 8;
                        result = CryptSetKeyParam(key, KP_MODE_BITS, reinterpret_cast<const BYTE *>(&value), 0);
                        break;
                    case 3:
                        what = "CryptGetKeyParam(KP_IV)";
                        result = CryptGetKeyParam(key, KP_IV, iv, &iv_length, 0);
                        if (result && (iv_length != kBlock || memcmp(iv, current_iv.data(), kBlock))) {
                            b_problems.push_back("KP_IV read something else than the IV last set");
                        }
                        break;
                }
                if (!result) {
                    if (GetLastError() == ERROR_BUSY) {
                        ++b_busy;
                    } else {
                        b_problems.push_back(std::string(what) + ": " + std::to_string(GetLastError()));
                    }
                }
            }
        });
        a.join();
        b.join();

        EXPECT_TRUE(a_side.problems.empty()) << Join(a_side.problems);
        EXPECT_TRUE(b_problems.empty()) << Join(b_problems);
        EXPECT_EQ(a_side.dead, 0u) << "nobody destroyed the key";
        EXPECT_EQ(a_side.events.size() + a_side.busy, kCalls);
        Model model;
        if (Serializable(a_side.events, b_events, model)) ExpectKeyAtModel(key, model);
        EXPECT_TRUE(CryptDestroyKey(key));
        busy_seen += a_side.busy + b_busy;
        for (const Event &e : b_events) b_successes += e.reset ? 0 : 1;
        if (::testing::Test::HasFailure()) break;
    }
    EXPECT_GT(busy_seen, 0u) << "no ERROR_BUSY in " << kMaxRounds << " rounds: the race was never exercised";
    EXPECT_GT(b_successes, 0u) << "thread B never got an encryption in between: the merge was never exercised";
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// Thread B waits until a call of its own is refused with ERROR_BUSY (A is inside a call right
// now, and A's calls are long), then at once tries `attempt`.
template <typename Attempt>
void RaceAgainstTheEncryptor(HCRYPTKEY key, std::atomic<bool> &started, std::atomic<bool> &done, Attempt attempt,
                             BOOL *result, DWORD *error, bool *attempted, std::vector<std::string> *problems) {
    while (!started) std::this_thread::yield();
    while (!done) {
        DWORD algorithm = 0, length = sizeof algorithm;
        if (CryptGetKeyParam(key, KP_ALGID, reinterpret_cast<BYTE *>(&algorithm), &length, 0)) continue;
        if (GetLastError() != ERROR_BUSY) {
            problems->push_back("KP_ALGID: " + std::to_string(GetLastError()));
            return;
        }
        *result = attempt();
        *error = *result ? 0 : GetLastError();
        *attempted = true;
        return;
    }
}

TEST_F(KeyBusyTest, DestroyDuringACallOnAnotherThreadIsBusyAndLeavesTheKeyUsable) {
    constexpr size_t kCalls = 64;
    constexpr int kMaxRounds = 50;
    const Bytes data = RandomBytes(512 * 1024, 0xDE57);
    const Chunks chunks{data, 128 * 1024};  // long calls: 64-128 KiB each
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    int busy_destroys = 0;
    for (int round = 0; round < kMaxRounds && busy_destroys == 0; ++round) {
        SCOPED_TRACE(::testing::Message() << "round " << round);
        HCRYPTKEY key = ImportTheKey(prov);
        std::atomic<bool> started{false}, done{false};
        Encryptor a_side;
        BOOL destroyed = FALSE;
        DWORD destroy_error = 0;
        bool attempted = false;
        std::vector<std::string> problems;
        std::thread a([&] {
            a_side.run(key, chunks, kCalls, started);
            done = true;
        });
        std::thread b([&] {
            RaceAgainstTheEncryptor(key, started, done, [&] { return CryptDestroyKey(key); }, &destroyed, &destroy_error,
                                    &attempted, &problems);
        });
        a.join();
        b.join();
        EXPECT_TRUE(a_side.problems.empty()) << Join(a_side.problems);
        EXPECT_TRUE(problems.empty()) << Join(problems);
        Model model;
        const bool serial = Serializable(a_side.events, {}, model);
        if (attempted && destroyed) {
            // The call had just returned: a legitimate destroy. A may then have met a dead key.
            EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
            EXPECT_FAILS_WITH(CryptDestroyKey(key), ERROR_INVALID_PARAMETER);
            continue;
        }
        EXPECT_EQ(a_side.dead, 0u) << "nobody destroyed the key, yet A found it dead";
        if (attempted) {
            EXPECT_EQ(destroy_error, static_cast<DWORD>(ERROR_BUSY)) << "a destroy of a key in use is busy, nothing else";
            if (destroy_error == ERROR_BUSY) ++busy_destroys;
        }
        // Busy or not attempted: the key is intact, its chain where A's calls left it.
        if (serial) ExpectKeyAtModel(key, model);
        EXPECT_TRUE(CryptDestroyKey(key));
        if (::testing::Test::HasFailure()) break;
    }
    EXPECT_GT(busy_destroys, 0) << "no destroy met a call in flight in " << kMaxRounds << " rounds";
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(KeyBusyTest, LastReleaseWhileAKeyOfTheProviderIsInUseIsBusyAndChangesNothing) {
    // A pinned key pins its provider (docs/ARCHITECTURE.md): the last release would pull the key
    // from under the call, so it fails with ERROR_BUSY and consumes no reference.
    constexpr size_t kCalls = 64;
    constexpr int kMaxRounds = 50;
    const Bytes data = RandomBytes(512 * 1024, 0x5E1E);
    const Chunks chunks{data, 128 * 1024};
    int busy_releases = 0;
    for (int round = 0; round < kMaxRounds && busy_releases == 0; ++round) {
        SCOPED_TRACE(::testing::Message() << "round " << round);
        HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
        HCRYPTKEY key = ImportTheKey(prov);
        std::atomic<bool> started{false}, done{false};
        Encryptor a_side;
        BOOL released = FALSE;
        DWORD release_error = 0;
        bool attempted = false;
        std::vector<std::string> problems;
        std::thread a([&] {
            a_side.run(key, chunks, kCalls, started);
            done = true;
        });
        std::thread b([&] {
            RaceAgainstTheEncryptor(key, started, done, [&] { return CryptReleaseContext(prov, 0); }, &released,
                                    &release_error, &attempted, &problems);
        });
        a.join();
        b.join();
        EXPECT_TRUE(a_side.problems.empty()) << Join(a_side.problems);
        EXPECT_TRUE(problems.empty()) << Join(problems);
        Model model;
        const bool serial = Serializable(a_side.events, {}, model);
        if (attempted && released) {
            // The call had just returned: the release went through and took the key with it.
            EXPECT_EQ(slots_in_use(TINYCAPI_POOL_KEYS), 0u);
            EXPECT_EQ(slots_in_use(TINYCAPI_POOL_PROVIDERS), 0u);
            EXPECT_FAILS_WITH(CryptDestroyKey(key), ERROR_INVALID_PARAMETER);
            continue;
        }
        EXPECT_EQ(a_side.dead, 0u) << "the provider was not released, yet A found its key dead";
        if (attempted) {
            EXPECT_EQ(release_error, static_cast<DWORD>(ERROR_BUSY)) << "busy, nothing else";
            if (release_error == ERROR_BUSY) ++busy_releases;
        }
        if (serial) ExpectKeyAtModel(key, model);
        EXPECT_TRUE(CryptReleaseContext(prov, 0)) << "the busy release consumed no reference";
        EXPECT_FAILS_WITH(CryptReleaseContext(prov, 0), ERROR_INVALID_PARAMETER);
        EXPECT_FAILS_WITH(CryptDestroyKey(key), ERROR_INVALID_PARAMETER);  // went with its provider
        if (::testing::Test::HasFailure()) break;
    }
    EXPECT_GT(busy_releases, 0) << "no release met a call in flight in " << kMaxRounds << " rounds";
}

}  // namespace
}  // namespace tinycapi::testing
