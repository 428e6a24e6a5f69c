// One hash used from two threads at once (issue 3; docs/ARCHITECTURE.md, "Pins and the
// lock"): a call on a hash that another thread's call holds fails with ERROR_BUSY and changes
// nothing; a destroy of the hash, or the last release of its provider, while a call holds it
// fails with ERROR_BUSY too. Windows leaves such races undefined (docs/COMPATIBILITY.md).
//
// Only thread A feeds data, so the order of the accepted chunks is A's order, and the digest
// must be that of exactly the chunks whose CryptHashData returned TRUE. Thread B only reads
// (HP_HASHSIZE, HP_ALGID), makes zero-length calls, duplicates, destroys or releases. Timing
// is made deterministic by retrying a round (bounded) until the race of interest was seen.
#include <atomic>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

using HashBusyTest = CapiTest;

#if TINYCAPI_ENABLE_SHA256
constexpr ALG_ID kAlgorithm = CALG_SHA_256;
constexpr DWORD kDigestSize = 32;
#elif TINYCAPI_ENABLE_SHA1
constexpr ALG_ID kAlgorithm = CALG_SHA1;
constexpr DWORD kDigestSize = 20;
#else
constexpr ALG_ID kAlgorithm = CALG_MD5;
constexpr DWORD kDigestSize = 16;
#endif

std::vector<BYTE> RandomBytes(size_t length, uint32_t seed) {
    std::mt19937 random(seed);
    std::vector<BYTE> bytes(length);
    for (BYTE &b : bytes) b = static_cast<BYTE>(random());
    return bytes;
}

std::vector<BYTE> HashValue(HCRYPTHASH hash) {
    BYTE value[64];
    DWORD length = sizeof value;
    if (!CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0)) {
        ADD_FAILURE() << "HP_HASHVAL failed: " << GetLastError();
        return {};
    }
    return std::vector<BYTE>(value, value + length);
}

// Chunk i of the input: a slice of `data` whose position and length depend on i, so that a
// lost, doubled or reordered chunk changes the digest.
struct Chunks {
    const std::vector<BYTE> &data;
    size_t max_length;
    const BYTE *at(size_t i) const { return data.data() + (i * 7919) % (data.size() - max_length); }
    DWORD length(size_t i) const { return static_cast<DWORD>(max_length / 2 + (i * 104729) % (max_length / 2)); }
};

// Feeds the chunks A's calls accepted, in A's order, to a fresh hash. With `prefixes`, also
// collects the digest of every prefix (the values a concurrent duplicate may have seen).
std::vector<BYTE> DigestOf(HCRYPTPROV prov, const Chunks &chunks, const std::vector<size_t> &accepted,
                           std::set<std::vector<BYTE>> *prefixes = nullptr) {
    HCRYPTHASH reference = 0;
    if (!CryptCreateHash(prov, kAlgorithm, 0, 0, &reference)) {
        ADD_FAILURE() << "CryptCreateHash failed: " << GetLastError();
        return {};
    }
    auto snapshot = [&] {
        HCRYPTHASH copy = 0;
        EXPECT_TRUE(CryptDuplicateHash(reference, nullptr, 0, &copy));
        prefixes->insert(HashValue(copy));
        EXPECT_TRUE(CryptDestroyHash(copy));
    };
    if (prefixes) snapshot();
    for (size_t i : accepted) {
        EXPECT_TRUE(CryptHashData(reference, chunks.at(i), chunks.length(i), 0));
        if (prefixes) snapshot();
    }
    std::vector<BYTE> value = HashValue(reference);
    EXPECT_TRUE(CryptDestroyHash(reference));
    return value;
}

// What thread A saw: the chunks accepted, how many calls were busy, any other outcome.
struct Feeder {
    std::vector<size_t> accepted;
    size_t busy = 0;
    size_t dead = 0;  // EIP: legitimate only once the other thread destroyed the hash
    std::vector<std::string> problems;

    void feed(HCRYPTHASH hash, const Chunks &chunks, size_t calls, std::atomic<bool> &started) {
        started = true;
        for (size_t i = 0; i < calls; ++i) {
            if (CryptHashData(hash, chunks.at(i), chunks.length(i), 0)) {
                accepted.push_back(i);
                continue;
            }
            const DWORD error = GetLastError();
            if (error == ERROR_BUSY) {
                ++busy;
            } else if (error == ERROR_INVALID_PARAMETER) {
                ++dead;
                return;  // the hash is gone; every later call would say the same
            } else {
                problems.push_back("CryptHashData: " + std::to_string(error));
            }
        }
    }
};

std::string Join(const std::vector<std::string> &lines) {
    std::string text;
    for (const std::string &line : lines) text += line + "\n";
    return text;
}

TEST_F(HashBusyTest, CallsDuringHashingOnAnotherThreadSucceedOrAreBusyAndNeverCorruptTheDigest) {
    constexpr size_t kCalls = 3000;
    constexpr int kMaxRounds = 20;
    const std::vector<BYTE> data = RandomBytes(256 * 1024, 0xB05E);
    const Chunks chunks{data, 4096};
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    size_t busy_seen = 0;
    for (int round = 0; round < kMaxRounds && busy_seen == 0; ++round) {
        SCOPED_TRACE(::testing::Message() << "round " << round);
        HCRYPTHASH hash = 0;
        ASSERT_TRUE(CryptCreateHash(prov, kAlgorithm, 0, 0, &hash));
        std::atomic<bool> started{false}, done{false};
        Feeder feeder;
        size_t reader_busy = 0, reader_ok = 0;
        std::vector<std::string> reader_problems;
        std::vector<std::vector<BYTE>> snapshots;  // values of duplicates made mid-stream

        std::thread a([&] {
            feeder.feed(hash, chunks, kCalls, started);
            done = true;
        });
        std::thread b([&] {
            while (!started) std::this_thread::yield();
            for (unsigned op = 0; !done; ++op) {
                BOOL result = FALSE;
                DWORD value = 0, length = sizeof value;
                HCRYPTHASH copy = 0;
                const char *what = "";
                switch (op % 5) {
                    case 0:
                        what = "HP_HASHSIZE";
                        result = CryptGetHashParam(hash, HP_HASHSIZE, reinterpret_cast<BYTE *>(&value), &length, 0);
                        if (result && (value != kDigestSize || length != 4)) reader_problems.push_back("wrong HP_HASHSIZE");
                        break;
                    case 1:
                        what = "HP_ALGID";
                        result = CryptGetHashParam(hash, HP_ALGID, reinterpret_cast<BYTE *>(&value), &length, 0);
                        if (result && value != kAlgorithm) reader_problems.push_back("wrong HP_ALGID");
                        break;
                    case 2:
                        what = "CryptHashData(NULL, 0)";
                        result = CryptHashData(hash, nullptr, 0, 0);
                        break;
                    case 3:
                        what = "CryptHashData(data, 0, CRYPT_USERDATA)";
                        result = CryptHashData(hash, data.data(), 0, CRYPT_USERDATA);
                        break;
                    case 4:
                        what = "CryptDuplicateHash";
                        result = CryptDuplicateHash(hash, nullptr, 0, &copy);
                        if (result) {
                            // The copy is this thread's own: reading it finishes only the copy.
                            if (snapshots.size() < 64) snapshots.push_back(HashValue(copy));
                            if (!CryptDestroyHash(copy)) reader_problems.push_back("destroying the copy failed");
                        }
                        break;
                }
                if (result) {
                    ++reader_ok;
                } else if (GetLastError() == ERROR_BUSY) {
                    ++reader_busy;
                } else {
                    reader_problems.push_back(std::string(what) + ": " + std::to_string(GetLastError()));
                }
            }
        });
        a.join();
        b.join();

        EXPECT_TRUE(feeder.problems.empty()) << Join(feeder.problems);
        EXPECT_TRUE(reader_problems.empty()) << Join(reader_problems);
        EXPECT_EQ(feeder.dead, 0u) << "nobody destroyed the hash";
        EXPECT_EQ(feeder.accepted.size() + feeder.busy, kCalls);
        std::set<std::vector<BYTE>> prefixes;
        const std::vector<BYTE> expected = DigestOf(prov, chunks, feeder.accepted, &prefixes);
        EXPECT_EQ(HashValue(hash), expected) << "the digest covers exactly the accepted chunks, in order";
        for (const std::vector<BYTE> &snapshot : snapshots) {
            EXPECT_EQ(prefixes.count(snapshot), 1u) << "a mid-stream duplicate holds the digest of a prefix";
        }
        EXPECT_TRUE(CryptDestroyHash(hash));
        busy_seen = feeder.busy + reader_busy;
        if (::testing::Test::HasFailure()) break;
    }
    EXPECT_GT(busy_seen, 0u) << "no ERROR_BUSY in " << kMaxRounds << " rounds: the race was never exercised";
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// Thread B waits until a call of its own is refused with ERROR_BUSY (A is inside a call right
// now, and A's calls are long), then at once tries `attempt`. Returns its result and error.
template <typename Attempt>
void RaceAgainstTheFeeder(HCRYPTHASH hash, std::atomic<bool> &started, std::atomic<bool> &done, Attempt attempt,
                          BOOL *result, DWORD *error, bool *attempted, std::vector<std::string> *problems) {
    while (!started) std::this_thread::yield();
    while (!done) {
        DWORD algorithm = 0, length = sizeof algorithm;
        if (CryptGetHashParam(hash, HP_ALGID, reinterpret_cast<BYTE *>(&algorithm), &length, 0)) continue;
        if (GetLastError() != ERROR_BUSY) {
            problems->push_back("HP_ALGID: " + std::to_string(GetLastError()));
            return;
        }
        *result = attempt();
        *error = *result ? 0 : GetLastError();
        *attempted = true;
        return;
    }
}

TEST_F(HashBusyTest, DestroyDuringACallOnAnotherThreadIsBusyAndLeavesTheHashUsable) {
    constexpr size_t kCalls = 16;
    constexpr int kMaxRounds = 50;
    const std::vector<BYTE> data = RandomBytes(256 * 1024, 0xDE57);
    const Chunks chunks{data, 64 * 1024};  // long calls, 32-64 KiB each: B's attempt lands inside one
    const std::vector<BYTE> tail = RandomBytes(100, 7);
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    int busy_destroys = 0;
    for (int round = 0; round < kMaxRounds && busy_destroys == 0; ++round) {
        SCOPED_TRACE(::testing::Message() << "round " << round);
        HCRYPTHASH hash = 0;
        ASSERT_TRUE(CryptCreateHash(prov, kAlgorithm, 0, 0, &hash));
        std::atomic<bool> started{false}, done{false};
        Feeder feeder;
        BOOL destroyed = FALSE;
        DWORD destroy_error = 0;
        bool attempted = false;
        std::vector<std::string> problems;
        std::thread a([&] {
            feeder.feed(hash, chunks, kCalls, started);
            done = true;
        });
        std::thread b([&] {
            RaceAgainstTheFeeder(hash, started, done, [&] { return CryptDestroyHash(hash); }, &destroyed,
                                 &destroy_error, &attempted, &problems);
        });
        a.join();
        b.join();
        EXPECT_TRUE(feeder.problems.empty()) << Join(feeder.problems);
        EXPECT_TRUE(problems.empty()) << Join(problems);

        if (attempted && destroyed) {
            // The call had just returned: a legitimate destroy. A may then have met a dead hash.
            EXPECT_EQ(slots_in_use(TINYCAPI_POOL_HASHES), 0u);
            EXPECT_FAILS_WITH(CryptDestroyHash(hash), ERROR_INVALID_PARAMETER);
            continue;
        }
        EXPECT_EQ(feeder.dead, 0u) << "nobody destroyed the hash, yet A found it dead";
        if (attempted) {
            EXPECT_EQ(destroy_error, static_cast<DWORD>(ERROR_BUSY)) << "a destroy of a hash in use is busy, nothing else";
            if (destroy_error == ERROR_BUSY) ++busy_destroys;
        }
        // Busy or not attempted: the hash is intact and still hashing.
        EXPECT_TRUE(CryptHashData(hash, tail.data(), static_cast<DWORD>(tail.size()), 0)) << GetLastError();
        std::vector<BYTE> expected_value;
        {
            HCRYPTHASH reference = 0;
            ASSERT_TRUE(CryptCreateHash(prov, kAlgorithm, 0, 0, &reference));
            for (size_t i : feeder.accepted) EXPECT_TRUE(CryptHashData(reference, chunks.at(i), chunks.length(i), 0));
            EXPECT_TRUE(CryptHashData(reference, tail.data(), static_cast<DWORD>(tail.size()), 0));
            expected_value = HashValue(reference);
            EXPECT_TRUE(CryptDestroyHash(reference));
        }
        EXPECT_EQ(HashValue(hash), expected_value);
        EXPECT_TRUE(CryptDestroyHash(hash));
        if (::testing::Test::HasFailure()) break;
    }
    EXPECT_GT(busy_destroys, 0) << "no destroy met a call in flight in " << kMaxRounds << " rounds";
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashBusyTest, LastReleaseDuringACallOnAHashOfTheProviderIsBusyAndChangesNothing) {
    // A pinned hash pins its provider (docs/ARCHITECTURE.md): the last release would pull the
    // hash from under the call, so it fails with ERROR_BUSY and consumes no reference.
    constexpr size_t kCalls = 16;
    constexpr int kMaxRounds = 50;
    const std::vector<BYTE> data = RandomBytes(256 * 1024, 0x5E1E);
    const Chunks chunks{data, 64 * 1024};
    int busy_releases = 0;
    for (int round = 0; round < kMaxRounds && busy_releases == 0; ++round) {
        SCOPED_TRACE(::testing::Message() << "round " << round);
        HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
        HCRYPTHASH hash = 0;
        ASSERT_TRUE(CryptCreateHash(prov, kAlgorithm, 0, 0, &hash));
        std::atomic<bool> started{false}, done{false};
        Feeder feeder;
        BOOL released = FALSE;
        DWORD release_error = 0;
        bool attempted = false;
        std::vector<std::string> problems;
        std::thread a([&] {
            feeder.feed(hash, chunks, kCalls, started);
            done = true;
        });
        std::thread b([&] {
            RaceAgainstTheFeeder(hash, started, done, [&] { return CryptReleaseContext(prov, 0); }, &released,
                                 &release_error, &attempted, &problems);
        });
        a.join();
        b.join();
        EXPECT_TRUE(feeder.problems.empty()) << Join(feeder.problems);
        EXPECT_TRUE(problems.empty()) << Join(problems);

        if (attempted && released) {
            // The call had just returned: the release went through and took the hash with it.
            EXPECT_EQ(slots_in_use(TINYCAPI_POOL_HASHES), 0u);
            EXPECT_EQ(slots_in_use(TINYCAPI_POOL_PROVIDERS), 0u);
            EXPECT_FAILS_WITH(CryptHashData(hash, nullptr, 0, 0), ERROR_INVALID_PARAMETER);
            continue;
        }
        EXPECT_EQ(feeder.dead, 0u) << "the provider was not released, yet A found its hash dead";
        if (attempted) {
            EXPECT_EQ(release_error, static_cast<DWORD>(ERROR_BUSY)) << "busy, nothing else";
            if (release_error == ERROR_BUSY) ++busy_releases;
        }
        // Nothing changed: the hash holds exactly the accepted chunks, the provider its one reference.
        EXPECT_EQ(HashValue(hash), DigestOf(prov, chunks, feeder.accepted));
        EXPECT_TRUE(CryptReleaseContext(prov, 0)) << "the busy release consumed no reference";
        EXPECT_FAILS_WITH(CryptReleaseContext(prov, 0), ERROR_INVALID_PARAMETER);
        EXPECT_FAILS_WITH(CryptDestroyHash(hash), ERROR_INVALID_PARAMETER);  // went with its provider
        if (::testing::Test::HasFailure()) break;
    }
    EXPECT_GT(busy_releases, 0) << "no release met a call in flight in " << kMaxRounds << " rounds";
}

}  // namespace
}  // namespace tinycapi::testing
