#include "personality.hpp"

#include "ascii_names.hpp"
#include "tinycapi_config.h"

namespace tinycapi::objects {
namespace {

// Protocol flags Windows reports per algorithm (reference §4.3).
constexpr DWORD kSigning = CRYPT_FLAG_SIGNING;
#if TINYCAPI_ENABLE_RSA
constexpr DWORD kSigningIpsec = CRYPT_FLAG_SIGNING | CRYPT_FLAG_IPSEC;

constexpr DWORD kRsaMaxBits(DWORD windows_max) {
    return windows_max < TINYCAPI_RSA_MAX_BITS ? windows_max : TINYCAPI_RSA_MAX_BITS;
}
#endif

#define TINYCAPI_HAVE_BLOCK_CIPHER (TINYCAPI_ENABLE_AES || TINYCAPI_ENABLE_DES || TINYCAPI_ENABLE_RC2)
// CALG_MAC needs a block cipher to run on.
#define TINYCAPI_HAVE_MAC (TINYCAPI_HAVE_BLOCK_CIPHER && TINYCAPI_ENABLE_MAC)

// Rows shared by personalities. Lengths are reference §4.2; order §4.3. The names are apart
// (algorithm_names.cpp), so an image that never enumerates algorithms does not carry them.
#if TINYCAPI_ENABLE_RC2
constexpr AlgorithmInfo kRc2Base{CALG_RC2, 40, 40, 56, 0};
constexpr AlgorithmInfo kRc2Strong{CALG_RC2, 128, 40, 128, 0};
#endif
#if TINYCAPI_ENABLE_RC4
constexpr AlgorithmInfo kRc4Base{CALG_RC4, 40, 40, 56, 0};
constexpr AlgorithmInfo kRc4Strong{CALG_RC4, 128, 40, 128, 0};
#endif
#if TINYCAPI_ENABLE_DES
constexpr AlgorithmInfo kDes{CALG_DES, 56, 56, 56, 0};
constexpr AlgorithmInfo kDes3Two{CALG_3DES_112, 112, 112, 112, 0};
constexpr AlgorithmInfo kDes3{CALG_3DES, 168, 168, 168, 0};
#endif
#if TINYCAPI_ENABLE_AES
constexpr AlgorithmInfo kAes128{CALG_AES_128, 128, 128, 128, 0};
constexpr AlgorithmInfo kAes192{CALG_AES_192, 192, 192, 192, 0};
constexpr AlgorithmInfo kAes256{CALG_AES_256, 256, 256, 256, 0};
#endif
#if TINYCAPI_ENABLE_SHA1
constexpr AlgorithmInfo kSha1{CALG_SHA1, 160, 160, 160, kSigning};
#endif
#if TINYCAPI_ENABLE_SHA256
constexpr AlgorithmInfo kSha256{CALG_SHA_256, 256, 256, 256, kSigning};
#endif
#if TINYCAPI_ENABLE_SHA384_512
constexpr AlgorithmInfo kSha384{CALG_SHA_384, 384, 384, 384, kSigning};
constexpr AlgorithmInfo kSha512{CALG_SHA_512, 512, 512, 512, kSigning};
#endif
#if TINYCAPI_ENABLE_MD2
constexpr AlgorithmInfo kMd2{CALG_MD2, 128, 128, 128, kSigning};
#endif
#if TINYCAPI_ENABLE_MD4
constexpr AlgorithmInfo kMd4{CALG_MD4, 128, 128, 128, kSigning};
#endif
#if TINYCAPI_ENABLE_MD5
constexpr AlgorithmInfo kMd5{CALG_MD5, 128, 128, 128, kSigning};
#endif
#if TINYCAPI_ENABLE_MD5 && TINYCAPI_ENABLE_SHA1
constexpr AlgorithmInfo kSsl3ShaMd5{CALG_SSL3_SHAMD5, 288, 288, 288, 0};
#endif
#if TINYCAPI_HAVE_MAC
constexpr AlgorithmInfo kMac{CALG_MAC, 0, 0, 0, 0};
#endif
#if TINYCAPI_ENABLE_RSA
constexpr AlgorithmInfo kRsaSignBase{CALG_RSA_SIGN, 512, 384, kRsaMaxBits(16384), kSigningIpsec};
constexpr AlgorithmInfo kRsaKeyxBase{CALG_RSA_KEYX, 512, 384, kRsaMaxBits(1024), kSigningIpsec};
constexpr AlgorithmInfo kRsaSign{CALG_RSA_SIGN, 1024, 384, kRsaMaxBits(16384), kSigningIpsec};
constexpr AlgorithmInfo kRsaKeyx{CALG_RSA_KEYX, 1024, 384, kRsaMaxBits(16384), kSigningIpsec};
#endif
constexpr AlgorithmInfo kHmac{CALG_HMAC, 0, 0, 0, 0};

// The tables, in the order Windows enumerates (reference §4.3). Each ends with HMAC, which
// every build has (it needs only one hash), so no table is ever empty.
constexpr const AlgorithmInfo *kBaseTable[] = {
#if TINYCAPI_ENABLE_RC2
    &kRc2Base,
#endif
#if TINYCAPI_ENABLE_RC4
    &kRc4Base,
#endif
#if TINYCAPI_ENABLE_DES
    &kDes,
#endif
#if TINYCAPI_ENABLE_SHA1
    &kSha1,
#endif
#if TINYCAPI_ENABLE_MD2
    &kMd2,
#endif
#if TINYCAPI_ENABLE_MD4
    &kMd4,
#endif
#if TINYCAPI_ENABLE_MD5
    &kMd5,
#endif
#if TINYCAPI_ENABLE_MD5 && TINYCAPI_ENABLE_SHA1
    &kSsl3ShaMd5,
#endif
#if TINYCAPI_HAVE_MAC
    &kMac,
#endif
#if TINYCAPI_ENABLE_RSA
    &kRsaSignBase,
    &kRsaKeyxBase,
#endif
    &kHmac,
};

// Strong and Enhanced share one table and differ only in salt behaviour (reference §4.1).
constexpr const AlgorithmInfo *kStrongTable[] = {
#if TINYCAPI_ENABLE_RC2
    &kRc2Strong,
#endif
#if TINYCAPI_ENABLE_RC4
    &kRc4Strong,
#endif
#if TINYCAPI_ENABLE_DES
    &kDes, &kDes3Two, &kDes3,
#endif
#if TINYCAPI_ENABLE_SHA1
    &kSha1,
#endif
#if TINYCAPI_ENABLE_MD2
    &kMd2,
#endif
#if TINYCAPI_ENABLE_MD4
    &kMd4,
#endif
#if TINYCAPI_ENABLE_MD5
    &kMd5,
#endif
#if TINYCAPI_ENABLE_MD5 && TINYCAPI_ENABLE_SHA1
    &kSsl3ShaMd5,
#endif
#if TINYCAPI_HAVE_MAC
    &kMac,
#endif
#if TINYCAPI_ENABLE_RSA
    &kRsaSign, &kRsaKeyx,
#endif
    &kHmac,
};

// The AES provider adds AES after 3DES and SHA-2 after SHA-1 (reference §4.3).
constexpr const AlgorithmInfo *kAesTable[] = {
#if TINYCAPI_ENABLE_RC2
    &kRc2Strong,
#endif
#if TINYCAPI_ENABLE_RC4
    &kRc4Strong,
#endif
#if TINYCAPI_ENABLE_DES
    &kDes, &kDes3Two, &kDes3,
#endif
#if TINYCAPI_ENABLE_AES
    &kAes128, &kAes192, &kAes256,
#endif
#if TINYCAPI_ENABLE_SHA1
    &kSha1,
#endif
#if TINYCAPI_ENABLE_SHA256
    &kSha256,
#endif
#if TINYCAPI_ENABLE_SHA384_512
    &kSha384, &kSha512,
#endif
#if TINYCAPI_ENABLE_MD2
    &kMd2,
#endif
#if TINYCAPI_ENABLE_MD4
    &kMd4,
#endif
#if TINYCAPI_ENABLE_MD5
    &kMd5,
#endif
#if TINYCAPI_ENABLE_MD5 && TINYCAPI_ENABLE_SHA1
    &kSsl3ShaMd5,
#endif
#if TINYCAPI_HAVE_MAC
    &kMac,
#endif
#if TINYCAPI_ENABLE_RSA
    &kRsaSign, &kRsaKeyx,
#endif
    &kHmac,
};

template <size_t N>
constexpr size_t count_of(const AlgorithmInfo *const (&)[N]) { return N; }

// Lookup without a scan: an ALG_ID's bucket is a mix of its class, type and id bits, and each
// table has, per bucket, its row's position + 1 (0: none), built at compile time; no two rows
// of a table may share a bucket (a compile error, through collision()). Two scans of
// the AES table were 1.6 % of CryptDeriveKey (issue 16); this is a few instructions and, on a
// Cortex-M, 32 bytes a table.
constexpr size_t kBuckets = 32;
constexpr size_t bucket_of(ALG_ID algorithm) { return (algorithm ^ (algorithm >> 6) ^ (algorithm >> 12)) & (kBuckets - 1); }

struct RowPositions {
    uint8_t of[kBuckets];
};

// Not constexpr: reached only while a table is built at compile time, which it then fails.
uint8_t collision() { return 0; }

template <size_t N>
constexpr RowPositions positions_of(const AlgorithmInfo *const (&table)[N]) {
    static_assert(N < 256, "positions are one byte");
    RowPositions positions{};
    for (size_t row = 0; row < N; ++row) {
        uint8_t &at = positions.of[bucket_of(table[row]->algorithm)];
        at = at == 0 ? static_cast<uint8_t>(row + 1) : collision();
    }
    return positions;
}

constexpr RowPositions kBasePositions = positions_of(kBaseTable);
constexpr RowPositions kStrongPositions = positions_of(kStrongTable);
constexpr RowPositions kAesPositions = positions_of(kAesTable);

constexpr Personality kPersonalities[] = {
    {PersonalityId::base, PROV_RSA_FULL, MS_DEF_PROV_A, kBaseTable, count_of(kBaseTable), kBasePositions.of},
    {PersonalityId::strong, PROV_RSA_FULL, MS_STRONG_PROV_A, kStrongTable, count_of(kStrongTable), kStrongPositions.of},
    {PersonalityId::enhanced, PROV_RSA_FULL, MS_ENHANCED_PROV_A, kStrongTable, count_of(kStrongTable),
     kStrongPositions.of},
    {PersonalityId::aes, PROV_RSA_AES, MS_ENH_RSA_AES_PROV_A, kAesTable, count_of(kAesTable), kAesPositions.of},
};
constexpr const Personality &kStrong = kPersonalities[1];
constexpr const Personality &kAes = kPersonalities[3];

}  // namespace

const Personality *find_personality(const char *provider_name, const char **canonical_name) {
    for (const Personality &p : kPersonalities) {
        if (equal_ignoring_ascii_case(p.name, provider_name)) {
            *canonical_name = p.name;
            return &p;
        }
    }
    // Windows XP's name for the AES provider (reference §4.1).
    if (equal_ignoring_ascii_case(MS_ENH_RSA_AES_PROV_XP_A, provider_name)) {
        *canonical_name = MS_ENH_RSA_AES_PROV_XP_A;
        return &kAes;
    }
    return nullptr;
}

const Personality *default_personality(DWORD provider_type) {
    switch (provider_type) {
        case PROV_RSA_FULL: return &kStrong;
        case PROV_RSA_AES: return &kAes;
        default: return nullptr;
    }
}

const Personality &personality_of(PersonalityId id) {
    for (const Personality &p : kPersonalities) {
        if (p.id == id) return p;
    }
    return kStrong;
}

const AlgorithmInfo *find_algorithm(const Personality &personality, ALG_ID algorithm) {
    const unsigned position = personality.row_positions[bucket_of(algorithm)];
    if (position == 0) return nullptr;
    const AlgorithmInfo *row = personality.algorithms[position - 1];
    return row->algorithm == algorithm ? row : nullptr;  // another ALG_ID may share the bucket
}

}  // namespace tinycapi::objects
