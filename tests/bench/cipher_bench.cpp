// What CryptEncrypt costs on top of Mbed TLS (issue 4's figure): AES-128-CBC over 4 KiB
// buffers, through the public API and through mbedtls_aes_crypt_cbc on the same data. Steady
// state on one key: non-final calls of whole blocks, so each call carries the chain on and no
// padding, reset, import or destroy is timed. Target: CryptEncrypt / direct ≤ 1.03×.
// tools/bench builds this, runs it with repetitions and prints the ratios of the medians.
//
// The library is the one firmware links (the posix port, its real lock): CryptEncrypt pins the
// key under TINYCAPI_LOCK_HANDLES, checks its arguments and the mode, and calls
// mbedtls_aes_crypt_cbc through core/crypto; the figure is what that adds.
#include <benchmark/benchmark.h>
#include <mbedtls/aes.h>
#include <tinycapi/wincrypt.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <vector>

namespace {

constexpr std::size_t kKeyBytes = 16;

std::vector<BYTE> Bytes(std::size_t length, unsigned start) {
    std::vector<BYTE> out(length);
    for (std::size_t i = 0; i < length; ++i) out[i] = static_cast<BYTE>(i + start);
    return out;
}

// An AES-128 key with the bytes of Bytes(16, 1), imported as a PLAINTEXTKEYBLOB into a verify
// context of the AES provider; CBC with a zero IV, its defaults (reference §5.4).
struct ApiKey {
    HCRYPTPROV prov = 0;
    HCRYPTKEY key = 0;

    bool open() {
        std::vector<BYTE> blob = {PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0, 0x0E, 0x66, 0, 0, static_cast<BYTE>(kKeyBytes), 0, 0, 0};
        const std::vector<BYTE> key_bytes = Bytes(kKeyBytes, 1);
        blob.insert(blob.end(), key_bytes.begin(), key_bytes.end());
        return CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) &&
               CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), 0, 0, &key);
    }
    ~ApiKey() {
        if (key) CryptDestroyKey(key);
        if (prov) CryptReleaseContext(prov, 0);
    }
};

// The same key and IV straight on Mbed TLS.
struct DirectKey {
    mbedtls_aes_context aes;
    unsigned char iv[16] = {};

    DirectKey() { mbedtls_aes_init(&aes); }
    ~DirectKey() { mbedtls_aes_free(&aes); }
    bool open() { return mbedtls_aes_setkey_enc(&aes, Bytes(kKeyBytes, 1).data(), 128) == 0; }
};

void BM_AesCbcDirect(benchmark::State &state) {
    const std::size_t size = static_cast<std::size_t>(state.range(0));
    std::vector<BYTE> data = Bytes(size, 0);
    DirectKey direct;
    if (!direct.open()) {
        state.SkipWithError("mbedtls_aes_setkey_enc failed");
        return;
    }
    for (auto _ : state) {
        if (mbedtls_aes_crypt_cbc(&direct.aes, MBEDTLS_AES_ENCRYPT, size, direct.iv, data.data(), data.data()) != 0) {
            state.SkipWithError("mbedtls_aes_crypt_cbc failed");
            break;
        }
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

void BM_AesCbcCryptEncrypt(benchmark::State &state) {
    const std::size_t size = static_cast<std::size_t>(state.range(0));
    std::vector<BYTE> data = Bytes(size, 0);
    ApiKey api;
    if (!api.open()) {
        state.SkipWithError("key set-up failed");
        return;
    }
    const DWORD length = static_cast<DWORD>(size);
    for (auto _ : state) {
        DWORD data_length = length;
        if (!CryptEncrypt(api.key, 0, FALSE, 0, data.data(), &data_length, length)) {
            state.SkipWithError("CryptEncrypt failed");
            break;
        }
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

double NanosecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
}

// Each iteration: a batch of about 32 KiB through mbedtls_aes_crypt_cbc and the same amount
// through CryptEncrypt, in alternating order (neither side always gets the warmer cache).
// Counters: "ratio", the median over batches of CryptEncrypt time / direct time (a batch a
// preemption hit is an outlier the median ignores), and the mean ns per call of each side.
void BM_AesCbcPaired(benchmark::State &state) {
    const std::size_t size = static_cast<std::size_t>(state.range(0));
    const std::size_t calls = std::max<std::size_t>(1, 32 * 1024 / size);
    std::vector<BYTE> direct_data = Bytes(size, 0), api_data = Bytes(size, 0);
    DirectKey direct;
    ApiKey api;
    if (!direct.open() || !api.open()) {
        state.SkipWithError("set-up failed");
        return;
    }
    const DWORD length = static_cast<DWORD>(size);
    bool failed = false;
    auto direct_batch = [&] {
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < calls; ++i) {
            failed |= mbedtls_aes_crypt_cbc(&direct.aes, MBEDTLS_AES_ENCRYPT, size, direct.iv, direct_data.data(),
                                            direct_data.data()) != 0;
        }
        benchmark::ClobberMemory();
        return NanosecondsSince(start);
    };
    auto api_batch = [&] {
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < calls; ++i) {
            DWORD data_length = length;
            failed |= !CryptEncrypt(api.key, 0, FALSE, 0, api_data.data(), &data_length, length);
        }
        benchmark::ClobberMemory();
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
    if (failed) {
        state.SkipWithError("an encryption failed");
        return;
    }
    // Both sides encrypted the same bytes from the same key and IV the same number of times.
    if (direct_data != api_data) {
        state.SkipWithError("CryptEncrypt and mbedtls_aes_crypt_cbc disagree");
        return;
    }
    std::sort(ratios.begin(), ratios.end());
    const double total_calls = static_cast<double>(state.iterations()) * static_cast<double>(calls);
    state.counters["ratio"] = ratios.empty() ? 0.0 : ratios[ratios.size() / 2];
    state.counters["direct_ns"] = direct_total / total_calls;
    state.counters["api_ns"] = api_total / total_calls;
    state.SetBytesProcessed(static_cast<std::int64_t>(2 * total_calls) * state.range(0));
}

// Direct first, then the API: tools/bench pairs them by name.
BENCHMARK(BM_AesCbcDirect)->Arg(4096);
BENCHMARK(BM_AesCbcCryptEncrypt)->Arg(4096);
BENCHMARK(BM_AesCbcPaired)->Arg(4096);

}  // namespace
