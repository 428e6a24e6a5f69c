// The call patterns of issue 16, each done twice: through the CryptoAPI as ported Windows code
// does it, and with direct Mbed TLS code doing the same work. tools/bench runs this program
// under valgrind's cachegrind with two repeat counts and divides the difference of the
// instruction counts by the difference of the counts, so set-up and checks cancel out and
// what remains is the instructions of one repetition: deterministic, not a timing.
//
//   tinycapi_call_patterns PATTERN SIDE COUNT [RSA-BLOB-FILE]
//       SIDE is capi or direct. Before the COUNT repetitions, both sides are run once and must
//       produce the same bytes (the program exits with status 3 when they do not).
//   tinycapi_call_patterns --make-rsa-blob FILE
//       writes the PRIVATEKEYBLOB of a fresh RSA-2048 pair (the RSA patterns read it; made
//       once, natively, because generation under valgrind takes minutes).
//   tinycapi_call_patterns --list
//       the patterns, one per line: name, unit repeated, target ratio.
//   tinycapi_call_patterns --scaling [SECONDS]
//       issue 16's scaling figure, timed (not counted): operations per second of one thread and
//       of two threads, each thread on its own context and hashes, and their ratio.
//
// The work of each pattern is call_pattern_work.hpp, which the Cortex-M3 image counts too.
// The library is the one firmware links: the tinycapi target with the posix port.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "call_pattern_work.hpp"

namespace {

// ---- how a failure ends the program ---------------------------------------------------------

[[noreturn]] void die(const char *what) {
    fprintf(stderr, "tinycapi_call_patterns: %s failed (error 0x%lx)\n", what, static_cast<unsigned long>(GetLastError()));
    exit(2);
}

}  // namespace

void bench::check(bool ok, const char *what) {
    if (!ok) die(what);
}

void bench::expect_same(const BYTE *a, const BYTE *b, size_t length, const char *pattern) {
    if (memcmp(a, b, length) != 0) {
        fprintf(stderr, "tinycapi_call_patterns: %s: the CryptoAPI and direct Mbed TLS produce different bytes\n", pattern);
        exit(3);
    }
}

namespace {

using bench::check;

HCRYPTPROV acquire() {
    HCRYPTPROV prov = 0;
    check(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) != 0, "CryptAcquireContext");
    return prov;
}

volatile BYTE g_sink;

// The patterns the scaling figure also runs, each on a context of its own.
struct Sha256Lifecycle {
    HCRYPTPROV prov = acquire();
    BYTE digest[32];
    ~Sha256Lifecycle() { CryptReleaseContext(prov, 0); }
    void capi() { bench::sha256_lifecycle_capi(prov, digest); }
    void direct() { bench::sha256_lifecycle_direct(digest); }
};

struct LiveHash {
    HCRYPTPROV prov = acquire();
    bench::LiveHash work;
    LiveHash(ALG_ID algorithm, DWORD length) { work.set_up(prov, algorithm, length); }
    ~LiveHash() {
        work.tear_down();
        CryptReleaseContext(prov, 0);
    }
    void capi() { work.capi(); }
};

// ---- the RSA key the RSA patterns use -----------------------------------------------------

BYTE g_rsa_blob[bench::kRsa2048BlobSize];

void read_rsa_blob(const char *path) {
    FILE *file = path ? fopen(path, "rb") : nullptr;
    if (!file || fread(g_rsa_blob, 1, sizeof g_rsa_blob, file) != sizeof g_rsa_blob) die("reading the RSA blob file");
    fclose(file);
}

int make_rsa_blob(const char *path) {
    HCRYPTPROV prov = acquire();
    HCRYPTKEY key = 0;
    check(CryptGenKey(prov, AT_KEYEXCHANGE, (2048u << 16) | CRYPT_EXPORTABLE, &key) != 0, "CryptGenKey");
    DWORD length = sizeof g_rsa_blob;
    check(CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, g_rsa_blob, &length) != 0 && length == sizeof g_rsa_blob,
          "CryptExportKey(PRIVATEKEYBLOB)");
    FILE *file = fopen(path, "wb");
    if (!file || fwrite(g_rsa_blob, 1, length, file) != length || fclose(file) != 0) die("writing the RSA blob file");
    CryptDestroyKey(key);
    CryptReleaseContext(prov, 0);
    return 0;
}

// ---- one side of one pattern, COUNT times ------------------------------------------------------

template <typename Capi, typename Direct>
void repeat(bool capi_side, long count, Capi capi, Direct direct) {
    for (long i = 0; i < count; ++i) {
        if (capi_side) capi();
        else direct();
    }
}

int run(const char *name, bool capi_side, long count) {
    bench::fill(bench::input, sizeof bench::input, 1);
    const auto is = [name](const char *n) { return strcmp(name, n) == 0; };
    const HCRYPTPROV prov = acquire();
    if (is("sha256-64-lifecycle")) {
        Sha256Lifecycle p;
        BYTE a[32];
        p.capi();
        memcpy(a, p.digest, 32);
        p.direct();
        bench::expect_same(a, p.digest, 32, name);
        repeat(capi_side, count, [&] { p.capi(); }, [&] { p.direct(); });
        g_sink = p.digest[0];
    } else if (is("hashdata-64") || is("sha256-16k") || is("md5-16k")) {
        bench::LiveHash p;
        p.set_up(prov, is("md5-16k") ? CALG_MD5 : CALG_SHA_256, is("hashdata-64") ? 64 : 16384);
        p.capi();
        p.direct();
        p.compare(name);
        repeat(capi_side, count, [&] { p.capi(); }, [&] { p.direct(); });
        p.tear_down();
    } else if (is("pbkdf2-hmac-sha1")) {
        bench::Pbkdf2 p;
        p.set_up(prov);
        p.compare(name);
        repeat(capi_side, count, [&] { p.capi(); }, [&] { p.direct(); });
        g_sink = p.result[0];
        p.tear_down();
    } else if (is("derive-aes256")) {
        bench::derive_compare(prov, name);
        BYTE block[16];
        repeat(capi_side, count, [&] { bench::derive_capi(prov, nullptr); }, [&] { bench::derive_direct(block); });
        g_sink = block[0];
    } else if (is("aes128-cbc-4k") || is("aes256-cbc-4k") || is("3des-cbc-4k")) {
        bench::LiveCipher p;
        p.set_up(prov, is("3des-cbc-4k") ? CALG_3DES : is("aes128-cbc-4k") ? CALG_AES_128 : CALG_AES_256,
                 is("3des-cbc-4k") ? 24 : is("aes128-cbc-4k") ? 16 : 32);
        p.compare(name);
        repeat(capi_side, count, [&] { p.capi(); }, [&] { p.direct(); });
        p.tear_down();
    } else if (is("rsa2048-sign") || is("rsa2048-verify") || is("rsa2048-import")) {
        bench::Rsa p;
        p.set_up(prov, g_rsa_blob);
        p.compare(prov, "rsa2048-sign");
        if (is("rsa2048-sign")) {
            repeat(capi_side, count, [&] { p.capi_sign(prov); }, [&] { p.direct_sign(); });
        } else if (is("rsa2048-verify")) {
            repeat(capi_side, count, [&] { p.capi_verify(prov); }, [&] { p.direct_verify(); });
        } else {
            repeat(capi_side, count, [&] { p.capi_import(prov); }, [&] { p.direct_import(); });
        }
        p.tear_down();
    } else {
        fprintf(stderr, "tinycapi_call_patterns: no pattern %s (--list)\n", name);
        return 1;
    }
    CryptReleaseContext(prov, 0);
    return 0;
}

// ---- two threads on independent hashes (timed; tools/bench --scaling) ----------------------

// Operations per second of `threads` threads, each doing `operation` on its own objects for
// `seconds`, all started together: over the whole run (wall clock), and while every thread was
// running. On a machine shared with other work the threads are often descheduled, which lowers
// the first figure and hides contention; the second counts operations per 500 us window and
// takes the median over the windows inside stretches where every thread ran throughout (the
// scheduler's slices last milliseconds), so it measures what two cores running at once give.
struct Throughput {
    double per_second;
    double while_all_ran;  // operations per second; 0 if no window qualified
    long windows;          // how many windows qualified
};

constexpr double kWindowSeconds = 500e-6;

template <typename Make>
Throughput throughput(int threads, double seconds, Make make) {
    std::atomic<bool> go{false}, stop{false};
    std::atomic<long> total{0};
    const size_t window_count = static_cast<size_t>(seconds / kWindowSeconds) + 2;
    std::vector<uint32_t> windows[2] = {std::vector<uint32_t>(window_count), std::vector<uint32_t>(window_count)};
    std::chrono::steady_clock::time_point start;
    std::thread workers[2];
    for (int t = 0; t < threads; ++t) {
        workers[t] = std::thread([&, t] {
            auto operation = make();
            while (!go.load()) std::this_thread::yield();
            long done = 0;
            constexpr long kEvery = 8;  // a clock read per 8 operations: under 1 % of the lifecycle
            while (!stop.load(std::memory_order_relaxed)) {
                operation();
                if (++done % kEvery == 0) {
                    const double at = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                    const size_t w = static_cast<size_t>(at / kWindowSeconds);
                    if (w < window_count) windows[t][w] += kEvery;
                }
            }
            total += done;
        });
    }
    start = std::chrono::steady_clock::now();
    go = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (int t = 0; t < threads; ++t) workers[t].join();
    std::vector<uint32_t> sums;
    for (size_t w = 1; w + 1 < window_count; ++w) {
        bool all_ran = true;
        uint32_t sum = 0;
        for (int t = 0; t < threads; ++t) {
            all_ran = all_ran && windows[t][w - 1] != 0 && windows[t][w] != 0 && windows[t][w + 1] != 0;
            sum += windows[t][w];
        }
        if (all_ran) sums.push_back(sum);
    }
    double median = 0;
    if (!sums.empty()) {
        std::sort(sums.begin(), sums.end());
        median = sums[sums.size() / 2] / kWindowSeconds;
    }
    return Throughput{static_cast<double>(total.load()) / elapsed, median, static_cast<long>(sums.size())};
}

template <typename Make>
void scaling_row(const char *what, double seconds, Make make) {
    // Interleaved, best of three: other load on the machine only ever lowers a figure.
    Throughput one{0, 0, 0}, two{0, 0, 0};
    for (int round = 0; round < 3; ++round) {
        const Throughput a = throughput(1, seconds, make), b = throughput(2, seconds, make);
        one.per_second = a.per_second > one.per_second ? a.per_second : one.per_second;
        two.per_second = b.per_second > two.per_second ? b.per_second : two.per_second;
        if (a.windows > one.windows) one.while_all_ran = a.while_all_ran, one.windows = a.windows;
        if (b.windows > two.windows) two.while_all_ran = b.while_all_ran, two.windows = b.windows;
    }
    printf("  %-44s%12.0f%12.0f%8.2fx%12.0f%12.0f%8.2fx  (%ld/%ld windows)\n", what, one.per_second, two.per_second,
           two.per_second / one.per_second, one.while_all_ran, two.while_all_ran,
           one.while_all_ran > 0 ? two.while_all_ran / one.while_all_ran : 0.0, one.windows, two.windows);
}

int scaling(double seconds) {
    bench::fill(bench::input, sizeof bench::input, 1);
    printf("Two threads on independent hashes, operations per second, best of 3 interleaved runs of\n");
    double load[1] = {-1};
    getloadavg(load, 1);  // other work on the machine lowers the wall-clock figures: say how much
    printf("%.1f s; %u hardware threads; load average %.2f. Target: 2 threads >= 1.8x one.\n", seconds,
           std::thread::hardware_concurrency(), load[0]);
    printf("Left: over the whole run. Right: while every thread ran (median of 500 us windows inside\n");
    printf("stretches where each thread ran throughout; the run of the 3 with most such windows), the\n");
    printf("figure that holds on a machine shared with other work.\n\n");
    printf("  %-44s%12s%12s%9s%12s%12s%9s\n", "operation", "1 thread", "2 threads", "ratio", "1 running", "2 running",
           "ratio");
    scaling_row("SHA-256 64 B: create, hash, get value, destroy", seconds, [] {
        return [p = std::make_shared<Sha256Lifecycle>()] { p->capi(); };
    });
    // Both threads on one context (one HCRYPTPROV, as threads sharing a global context do).
    static HCRYPTPROV shared = acquire();
    scaling_row("  the same, both threads on one context", seconds, [] {
        return [] {
            HCRYPTHASH hash = 0;
            BYTE digest[32];
            DWORD length = sizeof digest;
            check(CryptCreateHash(shared, CALG_SHA_256, 0, 0, &hash) != 0 && CryptHashData(hash, bench::input, 64, 0) != 0 &&
                      CryptGetHashParam(hash, HP_HASHVAL, digest, &length, 0) != 0 && CryptDestroyHash(hash) != 0,
                  "lifecycle on a shared context");
        };
    });
    scaling_row("CryptHashData 64 B on a live SHA-256 hash", seconds, [] {
        return [p = std::make_shared<LiveHash>(CALG_SHA_256, 64)] { p->capi(); };
    });
    scaling_row("CryptHashData 1 KiB on a live SHA-256 hash", seconds, [] {
        return [p = std::make_shared<LiveHash>(CALG_SHA_256, 1024)] { p->capi(); };
    });
    // The same work with no tinycapi at all: what this machine gives two threads right now.
    scaling_row("control: direct Mbed TLS SHA-256 64 B lifecycle", seconds, [] {
        return [p = std::make_shared<Sha256Lifecycle>()] { p->direct(); };
    });
    CryptReleaseContext(shared, 0);
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "--scaling") == 0) return scaling(argc > 2 ? strtod(argv[2], nullptr) : 0.5);
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (const bench::PatternRow &p : bench::kPatternRows) {
            printf("%s\t%.2f\t%d\t%s\n", p.name, p.target_thousandths / 1000.0, p.needs_rsa ? 1 : 0, p.unit);
        }
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--make-rsa-blob") == 0) return make_rsa_blob(argv[2]);
    if (argc < 4 || (strcmp(argv[2], "capi") != 0 && strcmp(argv[2], "direct") != 0)) {
        fprintf(stderr, "usage: %s PATTERN capi|direct COUNT [RSA-BLOB-FILE] | --list | --make-rsa-blob FILE\n", argv[0]);
        return 1;
    }
    if (argc > 4) read_rsa_blob(argv[4]);
    return run(argv[1], strcmp(argv[2], "capi") == 0, strtol(argv[3], nullptr, 10));
}
