// Property: for every enabled hash algorithm, any split of the input into CryptHashData
// calls gives the digest of the whole input in one call (issue 3, "Chunking"). Random inputs
// and random splits from a fixed seed, so a failure replays; plus the splits that stress the
// block buffering: one byte at a time, and pieces of block size − 1, block size and + 1.
#include <algorithm>
#include <random>
#include <vector>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

using HashChunkingTest = CapiTest;

struct Algorithm {
    ALG_ID id;
    size_t block_size;  // input block of the compression function (MD2 16, SHA-384/512 128)
    bool compiled;
};

constexpr Algorithm kAlgorithms[] = {
    {CALG_MD2, 16, TINYCAPI_ENABLE_MD2 != 0},
    {CALG_MD4, 64, TINYCAPI_ENABLE_MD4 != 0},
    {CALG_MD5, 64, TINYCAPI_ENABLE_MD5 != 0},
    {CALG_SHA1, 64, TINYCAPI_ENABLE_SHA1 != 0},
    {CALG_SHA_256, 64, TINYCAPI_ENABLE_SHA256 != 0},
    {CALG_SHA_384, 128, TINYCAPI_ENABLE_SHA384_512 != 0},
    {CALG_SHA_512, 128, TINYCAPI_ENABLE_SHA384_512 != 0},
};

constexpr uint32_t kSeed = 0x3A5C'0003u;
constexpr int kInputsPerAlgorithm = 40;
constexpr int kSplitsPerInput = 8;
constexpr size_t kMaxInput = 2600;  // beyond 20 SHA-512 blocks

std::vector<BYTE> HashValue(HCRYPTHASH hash) {
    BYTE value[64];
    DWORD length = sizeof value;
    if (!CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0)) {
        ADD_FAILURE() << "HP_HASHVAL failed: " << GetLastError();
        return {};
    }
    return std::vector<BYTE>(value, value + length);
}

// Feeds `data` cut at the given offsets (ascending, each ≤ data.size()); a repeated offset is
// a zero-length call. Alternates the flags 0 and CRYPT_USERDATA, which hash alike.
std::vector<BYTE> DigestInPieces(HCRYPTPROV prov, ALG_ID algorithm, const std::vector<BYTE> &data,
                                 const std::vector<size_t> &cuts) {
    HCRYPTHASH hash = 0;
    if (!CryptCreateHash(prov, algorithm, 0, 0, &hash)) {
        ADD_FAILURE() << "CryptCreateHash failed: " << GetLastError();
        return {};
    }
    size_t start = 0;
    DWORD flags = 0;
    for (size_t i = 0; i <= cuts.size(); ++i) {
        const size_t end = i < cuts.size() ? cuts[i] : data.size();
        const BYTE *piece = end > start ? data.data() + start : nullptr;  // empty pieces pass NULL
        EXPECT_TRUE(CryptHashData(hash, piece, static_cast<DWORD>(end - start), flags)) << GetLastError();
        flags ^= CRYPT_USERDATA;
        start = end;
    }
    std::vector<BYTE> value = HashValue(hash);
    EXPECT_TRUE(CryptDestroyHash(hash));
    return value;
}

std::vector<size_t> EveryStep(size_t length, size_t step) {
    std::vector<size_t> cuts;
    for (size_t offset = step; offset < length; offset += step) cuts.push_back(offset);
    return cuts;
}

TEST_F(HashChunkingTest, AnySplitGivesTheOneCallDigest) {
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);  // offers every hash (reference §4.2)
    std::mt19937 random(kSeed);
    int algorithms_tested = 0;
    for (const Algorithm &algorithm : kAlgorithms) {
        if (!algorithm.compiled) continue;
        ++algorithms_tested;
        for (int input = 0; input < kInputsPerAlgorithm; ++input) {
            // Lengths cluster on block boundaries now and then, where padding changes shape.
            size_t length = std::uniform_int_distribution<size_t>(0, kMaxInput)(random);
            if (input % 4 == 0) {
                length -= length % algorithm.block_size;  // a multiple of the block, then −1, +0 or +1
                if (input % 3 == 0 && length > 0) --length;
                if (input % 3 == 2) ++length;
            }
            std::vector<BYTE> data(length);
            for (BYTE &b : data) b = static_cast<BYTE>(random());
            const std::vector<BYTE> whole = DigestInPieces(prov, algorithm.id, data, {});
            ASSERT_FALSE(whole.empty());

            for (int split = 0; split < kSplitsPerInput; ++split) {
                const size_t pieces = std::uniform_int_distribution<size_t>(1, 12)(random);
                std::vector<size_t> cuts(pieces);
                for (size_t &cut : cuts) cut = std::uniform_int_distribution<size_t>(0, length)(random);
                std::sort(cuts.begin(), cuts.end());
                ASSERT_EQ(DigestInPieces(prov, algorithm.id, data, cuts), whole)
                    << "ALG_ID 0x" << std::hex << algorithm.id << std::dec << ", seed " << kSeed << ", input " << input
                    << " (" << length << " bytes), split " << split << " into " << pieces + 1 << " calls";
            }
            if (input < 3) {
                for (size_t step : {size_t{1}, algorithm.block_size - 1, algorithm.block_size, algorithm.block_size + 1}) {
                    ASSERT_EQ(DigestInPieces(prov, algorithm.id, data, EveryStep(length, step)), whole)
                        << "ALG_ID 0x" << std::hex << algorithm.id << std::dec << ", " << length << " bytes in " << step
                        << "-byte calls";
                }
            }
        }
    }
    EXPECT_GT(algorithms_tested, 0);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(HashChunkingTest, DuplicatingMidwayAndFinishingEitherCopyGivesTheSameDigest) {
    // A split point is also a fine place to duplicate (reference §3.11): the clone continues
    // the same computation.
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    std::mt19937 random(kSeed + 1);
    for (const Algorithm &algorithm : kAlgorithms) {
        if (!algorithm.compiled) continue;
        std::vector<BYTE> data(std::uniform_int_distribution<size_t>(1, kMaxInput)(random));
        for (BYTE &b : data) b = static_cast<BYTE>(random());
        const size_t cut = std::uniform_int_distribution<size_t>(0, data.size())(random);
        const std::vector<BYTE> whole = DigestInPieces(prov, algorithm.id, data, {});
        HCRYPTHASH hash = 0, clone = 0;
        ASSERT_TRUE(CryptCreateHash(prov, algorithm.id, 0, 0, &hash));
        ASSERT_TRUE(CryptHashData(hash, data.data(), static_cast<DWORD>(cut), 0));
        ASSERT_TRUE(CryptDuplicateHash(hash, nullptr, 0, &clone));
        for (HCRYPTHASH copy : {hash, clone}) {
            EXPECT_TRUE(CryptHashData(copy, data.data() + cut, static_cast<DWORD>(data.size() - cut), 0));
            EXPECT_EQ(HashValue(copy), whole) << "ALG_ID 0x" << std::hex << algorithm.id << std::dec << ", cut at " << cut;
            EXPECT_TRUE(CryptDestroyHash(copy));
        }
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

}  // namespace
}  // namespace tinycapi::testing
