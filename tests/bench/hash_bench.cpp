// What the core/crypto hash layer costs on top of Mbed TLS: SHA-256 fed in 64-byte and
// 16 KiB update calls, directly (mbedtls_sha256_update) and through
// tinycapi::crypto::update. After the usual table it prints tinycapi/direct per chunk size
// (issue 3's targets for CryptHashData: <= 1.10x at 64 B, <= 1.01x at 16 KiB; this layer
// must stay well inside them, the API layer adds its pin and checks on top).
// Run with --benchmark_repetitions=N to compare medians instead of single runs.
#include <benchmark/benchmark.h>

#include <mbedtls/sha256.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "crypto/hash.hpp"

namespace {

std::vector<std::uint8_t> make_input(std::size_t length) {
    std::vector<std::uint8_t> input(length);
    for (std::size_t i = 0; i < length; ++i) {
        input[i] = static_cast<std::uint8_t>(i & 0xff);
    }
    return input;
}

void BM_Sha256UpdateDirect(benchmark::State& run) {
    const auto input = make_input(static_cast<std::size_t>(run.range(0)));
    mbedtls_sha256_context context;
    mbedtls_sha256_init(&context);
    if (mbedtls_sha256_starts(&context, 0) != 0) {
        run.SkipWithError("mbedtls_sha256_starts failed");
        return;
    }
    for (auto _ : run) {
        benchmark::DoNotOptimize(mbedtls_sha256_update(&context, input.data(), input.size()));
    }
    benchmark::DoNotOptimize(context);
    mbedtls_sha256_free(&context);
    run.SetBytesProcessed(static_cast<std::int64_t>(run.iterations()) * run.range(0));
}

void BM_Sha256UpdateTinycapi(benchmark::State& run) {
    using namespace tinycapi::crypto;
    const auto input = make_input(static_cast<std::size_t>(run.range(0)));
    HashState state;
    if (start(state, HashAlgorithm::sha256) != CryptoStatus::ok) {
        run.SkipWithError("tinycapi::crypto::start failed");
        return;
    }
    for (auto _ : run) {
        benchmark::DoNotOptimize(update(state, input.data(), input.size()));
    }
    benchmark::DoNotOptimize(state);
    wipe(state);
    run.SetBytesProcessed(static_cast<std::int64_t>(run.iterations()) * run.range(0));
}

BENCHMARK(BM_Sha256UpdateDirect)->Arg(64)->Arg(16 * 1024);
BENCHMARK(BM_Sha256UpdateTinycapi)->Arg(64)->Arg(16 * 1024);

// The console table, plus the time per call of each benchmark kept for the ratio line
// (the median when repetitions are asked for, else the single run).
class RatioReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        for (const Run& run : runs) {
            if (run.error_occurred) {
                continue;
            }
            const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
            if (run.run_type == Run::RT_Iteration || median) {
                std::string name = run.run_name.function_name + "/" + run.run_name.args;
                if (median || medians_.count(name) == 0) {
                    times_[name] = run.GetAdjustedCPUTime();  // CPU time: wall time swings on a shared machine
                }
                if (median) {
                    medians_[name] = true;
                }
            }
        }
        ConsoleReporter::ReportRuns(runs);
    }

    void PrintRatios() const {
        for (const char* size : {"64", "16384"}) {
            const auto direct = times_.find(std::string("BM_Sha256UpdateDirect/") + size);
            const auto layered = times_.find(std::string("BM_Sha256UpdateTinycapi/") + size);
            if (direct != times_.end() && layered != times_.end() && direct->second > 0) {
                std::printf("SHA-256 update, %5s-byte calls: tinycapi::crypto::update / mbedtls_sha256_update = %.3fx\n",
                            size, layered->second / direct->second);
            }
        }
    }

private:
    std::map<std::string, double> times_;
    std::map<std::string, bool> medians_;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    reporter.PrintRatios();
    benchmark::Shutdown();
    return 0;
}
