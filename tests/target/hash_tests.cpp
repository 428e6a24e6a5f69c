// Hash known answers on the target, through the public API (issue 3): the RFC and FIPS
// "abc" vectors and the Windows-validated digests of Wine's rsaenh test_hashes, whose input
// is the 2048 bytes i & 0xff. The vectors of algorithms the configuration switches off
// (TINYCAPI_ENABLE_*) are left out of the table by the same switches.
#include <tinycapi/tinycapi.h>
#include <tinycapi/wincrypt.h>

#include "runner.hpp"
#include "tinycapi_config.h"

namespace {

struct Vector {
    ALG_ID algorithm;
    const char *source;
    bool wine_input;  // the 2048 bytes i & 0xff; otherwise "abc"
    DWORD size;
    BYTE digest[64];
};

const Vector kVectors[] = {
    // RFC 1319 A.5, RFC 1320 A.5, RFC 1321 A.5: "abc".
#if TINYCAPI_ENABLE_MD2
    {CALG_MD2, "RFC 1319", false, 16, {0xda, 0x85, 0x3b, 0x0d, 0x3f, 0x88, 0xd9, 0x9b, 0x30, 0x28, 0x3a, 0x69, 0xe6, 0xde, 0xd6, 0xbb}},
#endif
#if TINYCAPI_ENABLE_MD4
    {CALG_MD4, "RFC 1320", false, 16, {0xa4, 0x48, 0x01, 0x7a, 0xaf, 0x21, 0xd8, 0x52, 0x5f, 0xc1, 0x0a, 0xe8, 0x7a, 0xa6, 0x72, 0x9d}},
#endif
#if TINYCAPI_ENABLE_MD5
    {CALG_MD5, "RFC 1321", false, 16, {0x90, 0x01, 0x50, 0x98, 0x3c, 0xd2, 0x4f, 0xb0, 0xd6, 0x96, 0x3f, 0x7d, 0x28, 0xe1, 0x7f, 0x72}},
#endif
    // FIPS 180-2 appendices (NIST CSRC examples): "abc".
#if TINYCAPI_ENABLE_SHA1
    {CALG_SHA1, "FIPS 180", false, 20, {0xa9, 0x99, 0x3e, 0x36, 0x47, 0x06, 0x81, 0x6a, 0xba, 0x3e, 0x25, 0x71, 0x78, 0x50, 0xc2, 0x6c, 0x9c, 0xd0, 0xd8, 0x9d}},
#endif
#if TINYCAPI_ENABLE_SHA256
    {CALG_SHA_256, "FIPS 180", false, 32,
     {0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
      0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad}},
#endif
#if TINYCAPI_ENABLE_SHA384_512
    {CALG_SHA_384, "FIPS 180", false, 48,
     {0xcb, 0x00, 0x75, 0x3f, 0x45, 0xa3, 0x5e, 0x8b, 0xb5, 0xa0, 0x3d, 0x69, 0x9a, 0xc6, 0x50, 0x07,
      0x27, 0x2c, 0x32, 0xab, 0x0e, 0xde, 0xd1, 0x63, 0x1a, 0x8b, 0x60, 0x5a, 0x43, 0xff, 0x5b, 0xed,
      0x80, 0x86, 0x07, 0x2b, 0xa1, 0xe7, 0xcc, 0x23, 0x58, 0xba, 0xec, 0xa1, 0x34, 0xc8, 0x25, 0xa7}},
#endif
#if TINYCAPI_ENABLE_SHA384_512
    {CALG_SHA_512, "FIPS 180", false, 64,
     {0xdd, 0xaf, 0x35, 0xa1, 0x93, 0x61, 0x7a, 0xba, 0xcc, 0x41, 0x73, 0x49, 0xae, 0x20, 0x41, 0x31,
      0x12, 0xe6, 0xfa, 0x4e, 0x89, 0xa9, 0x7e, 0xa2, 0x0a, 0x9e, 0xee, 0xe6, 0x4b, 0x55, 0xd3, 0x9a,
      0x21, 0x92, 0x99, 0x2a, 0x27, 0x4f, 0xc1, 0xa8, 0x36, 0xba, 0x3c, 0x23, 0xa3, 0xfe, 0xeb, 0xbd,
      0x45, 0x4d, 0x44, 0x23, 0x64, 0x3c, 0xe8, 0x0e, 0x2a, 0x9a, 0xc9, 0x4f, 0xa5, 0x4c, 0xa4, 0x9f}},
#endif
    // Wine dlls/rsaenh/tests/rsaenh.c, test_hashes (run on Windows): md2hash, md4hash, md5hash,
    // sha1hash over the 2048 bytes i & 0xff.
#if TINYCAPI_ENABLE_MD2
    {CALG_MD2, "Wine test_hashes", true, 16, {0x12, 0xcb, 0x1b, 0x08, 0xc8, 0x48, 0xa4, 0xa9, 0xaa, 0xf3, 0xf1, 0x9f, 0xfc, 0x29, 0x28, 0x68}},
#endif
#if TINYCAPI_ENABLE_MD4
    {CALG_MD4, "Wine test_hashes", true, 16, {0x8e, 0x2a, 0x58, 0xbf, 0xf2, 0xf5, 0x26, 0x23, 0x79, 0xd2, 0x92, 0x36, 0x1b, 0x23, 0xe3, 0x81}},
#endif
#if TINYCAPI_ENABLE_MD5
    {CALG_MD5, "Wine test_hashes", true, 16, {0x15, 0x76, 0xa9, 0x4d, 0x6c, 0xb3, 0x34, 0xdd, 0x12, 0x6c, 0xb1, 0xc2, 0x7f, 0x19, 0xe0, 0xf2}},
#endif
#if TINYCAPI_ENABLE_SHA1
    {CALG_SHA1, "Wine test_hashes", true, 20, {0xf1, 0x0c, 0xcf, 0xde, 0x60, 0xc1, 0x7d, 0xb2, 0x6e, 0x7d, 0x85, 0xd3, 0x56, 0x65, 0xc7, 0x66, 0x1d, 0xbb, 0xeb, 0x2c}},
#endif
};

// Filled by the tests that read it: they run alone where several runs of the suite go at once.
BYTE wine_input[2048];

// The vector of `algorithm` over `wine_input` or "abc"; nullptr if the build has none.
const Vector *find_vector(ALG_ID algorithm, bool over_wine_input) {
    for (const Vector &v : kVectors) {
        if (v.algorithm == algorithm && v.wine_input == over_wine_input) return &v;
    }
    return nullptr;
}

// Any hash the build has: the lifecycle tests do not depend on which.
#if TINYCAPI_ENABLE_MD5
constexpr ALG_ID kAnyHash = CALG_MD5;
#elif TINYCAPI_ENABLE_SHA1
constexpr ALG_ID kAnyHash = CALG_SHA1;
#else
constexpr ALG_ID kAnyHash = CALG_SHA_256;
#endif

bool equal(const BYTE *a, const BYTE *b, DWORD n) {
    for (DWORD i = 0; i < n; ++i) {
        if (a[i] != b[i]) return false;
    }
    return true;
}

uint32_t hashes_in_use() {
    tinycapi_pool_stats stats{};
    return tinycapi_get_pool_stats(TINYCAPI_POOL_HASHES, &stats) == 0 ? stats.in_use : 0xffffffffu;
}

}  // namespace

TINYCAPI_TARGET_TEST_ALONE(Hash, KnownAnswersOfRfcFipsAndWindows) {
    for (DWORD i = 0; i < sizeof wine_input; ++i) wine_input[i] = static_cast<BYTE>(i);
    HCRYPTPROV prov = 0;
    CHECK_EQ(CryptAcquireContextA(&prov, nullptr, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES, CRYPT_VERIFYCONTEXT), TRUE);
    for (const Vector &v : kVectors) {
        HCRYPTHASH hash = 0;
        CHECK_EQ(CryptCreateHash(prov, v.algorithm, 0, 0, &hash), TRUE);
        const BYTE abc[] = {'a', 'b', 'c'};
        CHECK_EQ(v.wine_input ? CryptHashData(hash, wine_input, sizeof wine_input, 0) : CryptHashData(hash, abc, 3, 0),
                 TRUE);
        BYTE digest[64] = {};
        DWORD length = sizeof digest;
        CHECK_EQ(CryptGetHashParam(hash, HP_HASHVAL, digest, &length, 0), TRUE);
        CHECK_EQ(length, v.size);
        CHECK(equal(digest, v.digest, v.size));
        CHECK_EQ(CryptDestroyHash(hash), TRUE);
    }
    CHECK_EQ(CryptReleaseContext(prov, 0), TRUE);
    CHECK_IN_USE(hashes_in_use(), 0u);
}

#if TINYCAPI_ENABLE_SHA1
TINYCAPI_TARGET_TEST_ALONE(Hash, DuplicateAfterFiveBytesMatchesWindows) {
    // Wine test_hashes: SHA-1 of 5 bytes duplicated; 2043 more into the clone give the SHA-1
    // of all 2048 bytes (reference §3.11, Windows-validated).
    for (DWORD i = 0; i < sizeof wine_input; ++i) wine_input[i] = static_cast<BYTE>(i);
    HCRYPTPROV prov = 0;
    CHECK_EQ(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT), TRUE);
    HCRYPTHASH hash = 0, clone = 0;
    CHECK_EQ(CryptCreateHash(prov, CALG_SHA1, 0, 0, &hash), TRUE);
    CHECK_EQ(CryptHashData(hash, wine_input, 5, 0), TRUE);
    CHECK_EQ(CryptDuplicateHash(hash, nullptr, 0, &clone), TRUE);
    CHECK_EQ(CryptHashData(clone, wine_input + 5, sizeof wine_input - 5, 0), TRUE);
    BYTE digest[20];
    DWORD length = sizeof digest;
    CHECK_EQ(CryptGetHashParam(clone, HP_HASHVAL, digest, &length, 0), TRUE);
    const Vector *sha1_of_wine_input = find_vector(CALG_SHA1, true);
    CHECK(sha1_of_wine_input != nullptr && equal(digest, sha1_of_wine_input->digest, 20));
    CHECK_EQ(CryptDestroyHash(clone), TRUE);
    CHECK_EQ(CryptDestroyHash(hash), TRUE);
    CHECK_EQ(CryptReleaseContext(prov, 0), TRUE);
    CHECK_IN_USE(hashes_in_use(), 0u);
}
#endif

TINYCAPI_TARGET_TEST(Hash, ReleasedProviderTakesItsHashesWithIt) {
    // Reference §2.3: a hash of a released context is dead (Windows-validated for HashData
    // and DestroyHash).
    HCRYPTPROV prov = 0;
    CHECK_EQ(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT), TRUE);
    HCRYPTHASH hash = 0;
    CHECK_EQ(CryptCreateHash(prov, kAnyHash, 0, 0, &hash), TRUE);
    CHECK_EQ(CryptReleaseContext(prov, 0), TRUE);
    const BYTE b = 1;
    CHECK_EQ(CryptHashData(hash, &b, 1, 0), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    CHECK_EQ(CryptDestroyHash(hash), FALSE);
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    CHECK_IN_USE(hashes_in_use(), 0u);
}
