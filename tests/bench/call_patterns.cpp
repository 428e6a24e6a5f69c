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

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

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
// `seconds`, all started together.
template <typename Make>
double throughput(int threads, double seconds, Make make) {
    std::atomic<bool> go{false}, stop{false};
    std::atomic<long> total{0};
    std::thread workers[2];
    for (int t = 0; t < threads; ++t) {
        workers[t] = std::thread([&] {
            auto operation = make();
            while (!go.load()) std::this_thread::yield();
            long done = 0;
            while (!stop.load(std::memory_order_relaxed)) {
                operation();
                ++done;
            }
            total += done;
        });
    }
    const auto start = std::chrono::steady_clock::now();
    go = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (int t = 0; t < threads; ++t) workers[t].join();
    return static_cast<double>(total.load()) / elapsed;
}

template <typename Make>
void scaling_row(const char *what, double seconds, Make make) {
    // Interleaved, best of three: other load on the machine only ever lowers a figure.
    double one = 0, two = 0;
    for (int round = 0; round < 3; ++round) {
        const double a = throughput(1, seconds, make), b = throughput(2, seconds, make);
        one = a > one ? a : one;
        two = b > two ? b : two;
    }
    printf("  %-44s%14.0f%14.0f%9.2fx\n", what, one, two, two / one);
}

int scaling(double seconds) {
    bench::fill(bench::input, sizeof bench::input, 1);
    printf("Two threads on independent hashes (each its own context and hash), operations per second,\n");
    printf("best of 3 interleaved runs of %.1f s; %u hardware threads. Target: 2 threads >= 1.8x one.\n\n",
           seconds, std::thread::hardware_concurrency());
    printf("  %-44s%14s%14s%10s\n", "operation", "1 thread", "2 threads", "ratio");
    scaling_row("SHA-256 64 B: create, hash, get value, destroy", seconds, [] {
        return [p = std::make_shared<Sha256Lifecycle>()] { p->capi(); };
    });
    scaling_row("CryptHashData 1 KiB on a live SHA-256 hash", seconds, [] {
        return [p = std::make_shared<LiveHash>(CALG_SHA_256, 1024)] { p->capi(); };
    });
    // The same work with no tinycapi at all: what this machine gives two threads right now.
    scaling_row("control: direct Mbed TLS SHA-256 64 B lifecycle", seconds, [] {
        return [p = std::make_shared<Sha256Lifecycle>()] { p->direct(); };
    });
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
