// What CryptHashData costs on top of Mbed TLS (issue 3's figures): SHA-256 fed in 64-byte
// and 16 KiB calls through the public API, against mbedtls_sha256_update on the same bytes.
// Steady state: each benchmark feeds one long-lived hash, so only the per-call cost is timed
// (no create, finish or destroy in the loop). Targets: CryptHashData / direct ≤ 1.10× at
// 64 bytes, ≤ 1.01× at 16 KiB. tools/bench builds this, runs it with repetitions and prints
// the ratios.
//
// Two ways to get the ratio. The plain pair (BM_HashApiDirect…, BM_HashApiCryptHashData…)
// times each side in its own run: the ratio of their medians is the textbook figure, but on
// a shared, loaded machine the runs see different loads and it swings by ±10 %. The paired
// benchmark (BM_HashApiPaired…) alternates short batches of both sides inside one run, so
// both see the same machine, and reports the median of the per-batch ratios ("ratio").
//
// The library is the one firmware links (the posix port, its real lock): CryptHashData pins
// the hash under TINYCAPI_LOCK_HANDLES and unpins it after the update, which is what the
// 64-byte figure mostly shows.
#include <benchmark/benchmark.h>
#include <mbedtls/sha256.h>
#include <tinycapi/wincrypt.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

namespace {

std::vector<BYTE> Input(std::size_t length) {
    std::vector<BYTE> input(length);
    for (std::size_t i = 0; i < length; ++i) input[i] = static_cast<BYTE>(i & 0xff);
    return input;
}

void BM_HashApiDirectSha256Update(benchmark::State &state) {
    const std::vector<BYTE> input = Input(static_cast<std::size_t>(state.range(0)));
    mbedtls_sha256_context context;
    mbedtls_sha256_init(&context);
    if (mbedtls_sha256_starts(&context, 0) != 0) {
        state.SkipWithError("mbedtls_sha256_starts failed");
        return;
    }
    for (auto _ : state) {
        if (mbedtls_sha256_update(&context, input.data(), input.size()) != 0) {
            state.SkipWithError("mbedtls_sha256_update failed");
            break;
        }
    }
    benchmark::DoNotOptimize(context);
    mbedtls_sha256_free(&context);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

void BM_HashApiCryptHashDataSha256(benchmark::State &state) {
    const std::vector<BYTE> input = Input(static_cast<std::size_t>(state.range(0)));
    HCRYPTPROV prov = 0;
    HCRYPTHASH hash = 0;
    if (!CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT)) {
        state.SkipWithError("CryptAcquireContextA failed");
        return;
    }
    if (!CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash)) {
        state.SkipWithError("CryptCreateHash(CALG_SHA_256) failed");
        CryptReleaseContext(prov, 0);
        return;
    }
    const DWORD length = static_cast<DWORD>(input.size());
    for (auto _ : state) {
        if (!CryptHashData(hash, input.data(), length, 0)) {
            state.SkipWithError("CryptHashData failed");
            break;
        }
    }
    CryptDestroyHash(hash);
    CryptReleaseContext(prov, 0);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

double NanosecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
}

// Each iteration: a batch of about 32 KiB through mbedtls_sha256_update and the same batch
// through CryptHashData, in alternating order (neither side always gets the warmer cache).
// Counters: "ratio", the median over batches of CryptHashData time / direct time (a batch
// that a preemption hit is an outlier the median ignores), and the mean ns per call of each.
void BM_HashApiPairedSha256(benchmark::State &state) {
    const std::size_t size = static_cast<std::size_t>(state.range(0));
    const std::size_t calls = std::max<std::size_t>(1, 32 * 1024 / size);
    const std::vector<BYTE> input = Input(size);
    mbedtls_sha256_context context;
    mbedtls_sha256_init(&context);
    HCRYPTPROV prov = 0;
    HCRYPTHASH hash = 0;
    if (mbedtls_sha256_starts(&context, 0) != 0 ||
        !CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) ||
        !CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash)) {
        state.SkipWithError("set-up failed");
        if (prov) CryptReleaseContext(prov, 0);
        mbedtls_sha256_free(&context);
        return;
    }
    const DWORD length = static_cast<DWORD>(size);
    bool failed = false;
    auto direct_batch = [&] {
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < calls; ++i) failed |= mbedtls_sha256_update(&context, input.data(), size) != 0;
        return NanosecondsSince(start);
    };
    auto api_batch = [&] {
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < calls; ++i) failed |= !CryptHashData(hash, input.data(), length, 0);
        return NanosecondsSince(start);
    };
    std::vector<double> ratios;
    double direct_total = 0, api_total = 0;
    bool api_first = false;
    for (auto _ : state) {
        double direct_ns, api_ns;
        if (api_first) {
            api_ns = api_batch();
            direct_ns = direct_batch();
        } else {
            direct_ns = direct_batch();
            api_ns = api_batch();
        }
        api_first = !api_first;
        direct_total += direct_ns;
        api_total += api_ns;
        ratios.push_back(api_ns / direct_ns);
    }
    CryptDestroyHash(hash);
    CryptReleaseContext(prov, 0);
    mbedtls_sha256_free(&context);
    if (failed) {
        state.SkipWithError("an update failed");
        return;
    }
    std::sort(ratios.begin(), ratios.end());
    const double total_calls = static_cast<double>(state.iterations()) * static_cast<double>(calls);
    state.counters["ratio"] = ratios.empty() ? 0.0 : ratios[ratios.size() / 2];
    state.counters["direct_ns"] = direct_total / total_calls;
    state.counters["api_ns"] = api_total / total_calls;
    state.SetBytesProcessed(static_cast<std::int64_t>(2 * total_calls) * state.range(0));
}

// Direct first, then the API, for each size: tools/bench pairs them by name.
BENCHMARK(BM_HashApiDirectSha256Update)->Arg(64)->Arg(16 * 1024);
BENCHMARK(BM_HashApiCryptHashDataSha256)->Arg(64)->Arg(16 * 1024);
BENCHMARK(BM_HashApiPairedSha256)->Arg(64)->Arg(16 * 1024);

}  // namespace
