// CryptGetProvParam / CryptSetProvParam (reference §3.5, §3.6, §4.3, §4.4) and the
// size-query protocol of §1.2.
#include <string.h>

#include <string>
#include <vector>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

using ProvParamTest = CapiTest;

DWORD GetDword(HCRYPTPROV prov, DWORD param) {
    DWORD value = 0xFFFFFFFF, length = sizeof value;
    EXPECT_TRUE(CryptGetProvParam(prov, param, reinterpret_cast<BYTE *>(&value), &length, 0)) << param;
    EXPECT_EQ(length, 4u) << "DWORD parameters are 4 bytes";
    return value;
}

TEST_F(ProvParamTest, NullLengthPointerIsInvalidParameterAfterTheHandle) {
    HCRYPTPROV prov = AcquireVerify();
    BYTE data[8];
    EXPECT_FAILS_WITH(CryptGetProvParam(prov, PP_NAME, data, nullptr, 0), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptGetProvParam(0, PP_NAME, data, nullptr, 0), ERROR_INVALID_PARAMETER);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(ProvParamTest, SizeQueryThenShortBufferThenRead) {
    // §1.2: NULL data → size; short buffer → ERROR_MORE_DATA, size, buffer untouched.
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    DWORD length = 0;
    ASSERT_TRUE(CryptGetProvParam(prov, PP_NAME, nullptr, &length, 0));
    EXPECT_EQ(length, strlen(MS_ENH_RSA_AES_PROV_A) + 1);
    std::vector<BYTE> buffer(length, 0xEE);
    DWORD short_length = length - 1;
    EXPECT_FAILS_WITH(CryptGetProvParam(prov, PP_NAME, buffer.data(), &short_length, 0), ERROR_MORE_DATA);
    EXPECT_EQ(short_length, length);
    for (BYTE b : buffer) EXPECT_EQ(b, 0xEE);
    DWORD big = 200;
    buffer.resize(big);
    ASSERT_TRUE(CryptGetProvParam(prov, PP_NAME, buffer.data(), &big, 0));
    EXPECT_EQ(big, length) << "*pdwDataLen becomes the actual size";
    EXPECT_STREQ(reinterpret_cast<char *>(buffer.data()), MS_ENH_RSA_AES_PROV_A);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(ProvParamTest, FixedValuesOfTheProvider) {
    HCRYPTPROV full = AcquireVerify(PROV_RSA_FULL);
    HCRYPTPROV aes = AcquireVerify(PROV_RSA_AES);
    EXPECT_EQ(GetDword(full, PP_PROVTYPE), static_cast<DWORD>(PROV_RSA_FULL));  // Windows-validated
    EXPECT_EQ(GetDword(aes, PP_PROVTYPE), static_cast<DWORD>(PROV_RSA_AES));    // §4.4 library design
    EXPECT_EQ(GetDword(full, PP_IMPTYPE), static_cast<DWORD>(CRYPT_IMPL_SOFTWARE));
    EXPECT_EQ(GetDword(full, PP_VERSION), 0x200u);
    EXPECT_EQ(GetDword(full, PP_KEYSPEC), static_cast<DWORD>(AT_KEYEXCHANGE | AT_SIGNATURE));  // Windows-validated
    EXPECT_EQ(GetDword(full, PP_SIG_KEYSIZE_INC), 8u);
    EXPECT_EQ(GetDword(full, PP_KEYX_KEYSIZE_INC), 8u);
    EXPECT_EQ(GetDword(full, PP_KEYSET_TYPE), 0u);
    EXPECT_NE(GetDword(full, PP_KEYSTORAGE) & CRYPT_SEC_DESCR, 0u);
    EXPECT_TRUE(CryptReleaseContext(full, 0));
    EXPECT_TRUE(CryptReleaseContext(aes, 0));
}

TEST_F(ProvParamTest, UniqueContainerIsTheContainerName) {
    HCRYPTPROV prov;
    ASSERT_TRUE(CryptAcquireContextA(&prov, "unique", nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET));
    char name[32];
    DWORD length = sizeof name;
    ASSERT_TRUE(CryptGetProvParam(prov, PP_UNIQUE_CONTAINER, reinterpret_cast<BYTE *>(name), &length, 0));
    EXPECT_STREQ(name, "unique");
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    ASSERT_TRUE(CryptAcquireContextA(&prov, "unique", nullptr, PROV_RSA_FULL, CRYPT_DELETEKEYSET));
}

TEST_F(ProvParamTest, UnknownAndUnsupportedParametersAreBadType) {
    HCRYPTPROV prov = AcquireVerify();
    BYTE data[64];
    for (DWORD param : std::initializer_list<DWORD>{0u, 0x7Fu, static_cast<DWORD>(PP_KEYSET_SEC_DESCR), static_cast<DWORD>(PP_CRYPT_COUNT_KEY_USE)}) {
        DWORD length = sizeof data;
        EXPECT_FAILS_WITH(CryptGetProvParam(prov, param, data, &length, 0), NTE_BAD_TYPE);
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(ProvParamTest, KeysetSecurityDescriptorIsBadTypeEvenForASizeQuery) {
    // Windows answers Wine's test_container_sd (a machine keyset, OWNER_SECURITY_INFORMATION = 1)
    // with TRUE, ERROR_INSUFFICIENT_BUFFER and a length; a device has no security descriptors,
    // so tinycapi says NTE_BAD_TYPE and writes nothing (docs/COMPATIBILITY.md).
    HCRYPTPROV prov = 0;
    ASSERT_TRUE(CryptAcquireContextA(&prov, "winetest", MS_ENHANCED_PROV_A, PROV_RSA_FULL,
                                     CRYPT_MACHINE_KEYSET | CRYPT_NEWKEYSET));
    DWORD length = 0;
    EXPECT_FAILS_WITH(CryptGetProvParam(prov, PP_KEYSET_SEC_DESCR, nullptr, &length, 1), NTE_BAD_TYPE);
    EXPECT_EQ(length, 0u);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    ASSERT_TRUE(CryptAcquireContextA(&prov, "winetest", MS_ENHANCED_PROV_A, PROV_RSA_FULL,
                                     CRYPT_MACHINE_KEYSET | CRYPT_DELETEKEYSET));
}

TEST_F(ProvParamTest, UnimplementedSdkFunctionIsCallNotImplemented) {
    BYTE *data = nullptr;
    DWORD length = 7;
    EXPECT_FAILS_WITH(GetEncSChannel(&data, &length), ERROR_CALL_NOT_IMPLEMENTED);
    EXPECT_EQ(data, nullptr);
    EXPECT_EQ(length, 7u);
}

struct EnumEntry {
    ALG_ID id;
    DWORD default_bits, min_bits, max_bits, protocols;
    std::string name, long_name;
};

std::vector<EnumEntry> EnumerateEx(HCRYPTPROV prov) {
    std::vector<EnumEntry> entries;
    DWORD flags = CRYPT_FIRST;
    for (;;) {
        PROV_ENUMALGS_EX e;
        DWORD length = sizeof e;
        if (!CryptGetProvParam(prov, PP_ENUMALGS_EX, reinterpret_cast<BYTE *>(&e), &length, flags)) {
            EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NO_MORE_ITEMS));
            break;
        }
        EXPECT_EQ(length, sizeof e);
        EXPECT_EQ(e.dwNameLen, strlen(e.szName) + 1);
        EXPECT_EQ(e.dwLongNameLen, strlen(e.szLongName) + 1);
        entries.push_back({e.aiAlgid, e.dwDefaultLen, e.dwMinLen, e.dwMaxLen, e.dwProtocols, e.szName, e.szLongName});
        flags = 0;
    }
    return entries;
}

const EnumEntry *Find(const std::vector<EnumEntry> &entries, ALG_ID id) {
    for (const EnumEntry &e : entries) {
        if (e.id == id) return &e;
    }
    return nullptr;
}

TEST_F(ProvParamTest, EnumAlgsExListsThePersonalityTableOfReference4_2) {
    HCRYPTPROV base, strong, aes;
    ASSERT_TRUE(CryptAcquireContextA(&base, nullptr, MS_DEF_PROV_A, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT));
    ASSERT_TRUE(CryptAcquireContextA(&strong, nullptr, MS_STRONG_PROV_A, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT));
    aes = AcquireVerify(PROV_RSA_AES);
    const auto b = EnumerateEx(base), s = EnumerateEx(strong), a = EnumerateEx(aes);

    ASSERT_NE(Find(b, CALG_RC4), nullptr);
    EXPECT_EQ(Find(b, CALG_RC4)->default_bits, 40u);  // §4.2 Base: 40 [40-56]
    EXPECT_EQ(Find(b, CALG_RC4)->max_bits, 56u);
    EXPECT_EQ(Find(s, CALG_RC4)->default_bits, 128u);  // Strong: 128 [40-128]
    EXPECT_EQ(Find(b, CALG_3DES), nullptr) << "3DES is not in the Base table";
    ASSERT_NE(Find(s, CALG_3DES), nullptr);
    EXPECT_EQ(Find(s, CALG_3DES)->default_bits, 168u);
    EXPECT_EQ(Find(s, CALG_AES_128), nullptr) << "AES only on the AES provider (Windows-validated)";
    EXPECT_EQ(Find(s, CALG_SHA_256), nullptr) << "SHA-2 only on the AES provider (Windows-validated)";
    ASSERT_NE(Find(a, CALG_AES_256), nullptr);
    EXPECT_EQ(Find(a, CALG_AES_256)->name, "AES-256");
    EXPECT_EQ(Find(a, CALG_AES_256)->long_name, "Advanced Encryption Standard (AES-256)");
    ASSERT_NE(Find(a, CALG_SHA_512), nullptr);
    EXPECT_EQ(Find(a, CALG_SHA_512)->protocols, static_cast<DWORD>(CRYPT_FLAG_SIGNING));
    EXPECT_EQ(Find(a, CALG_AES), nullptr) << "CALG_AES (0x6611) is in no table";
    ASSERT_NE(Find(b, CALG_RSA_KEYX), nullptr);
    EXPECT_EQ(Find(b, CALG_RSA_KEYX)->max_bits, 1024u);  // Base RSA_KEYX 512 [384-1024]
    EXPECT_EQ(Find(a, CALG_RSA_SIGN)->max_bits, static_cast<DWORD>(TINYCAPI_RSA_MAX_BITS)) << "the build's cap";
    EXPECT_EQ(Find(a, CALG_RSA_SIGN)->protocols, static_cast<DWORD>(CRYPT_FLAG_SIGNING | CRYPT_FLAG_IPSEC));
    EXPECT_EQ(Find(a, CALG_HMAC)->long_name, "Hugo's MAC (HMAC)");
    // Wine's order (§4.3): AES after 3DES, SHA-2 after SHA-1.
    EXPECT_EQ(a[0].id, static_cast<ALG_ID>(CALG_RC2));
    size_t des3 = 0, aes128 = 0, sha1 = 0, sha256 = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].id == CALG_3DES) des3 = i;
        if (a[i].id == CALG_AES_128) aes128 = i;
        if (a[i].id == CALG_SHA1) sha1 = i;
        if (a[i].id == CALG_SHA_256) sha256 = i;
    }
    EXPECT_EQ(aes128, des3 + 1);
    EXPECT_EQ(sha256, sha1 + 1);
    for (HCRYPTPROV p : {base, strong, aes}) EXPECT_TRUE(CryptReleaseContext(p, 0));
}

TEST_F(ProvParamTest, EnumAlgsMatchesEnumAlgsEx) {
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    const auto ex = EnumerateEx(prov);
    for (size_t i = 0; i <= ex.size(); ++i) {
        PROV_ENUMALGS e;
        DWORD length = sizeof e;
        const BOOL ok = CryptGetProvParam(prov, PP_ENUMALGS, reinterpret_cast<BYTE *>(&e), &length, i ? 0 : CRYPT_FIRST);
        if (i == ex.size()) {
            EXPECT_FALSE(ok);
            EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NO_MORE_ITEMS));
            break;
        }
        ASSERT_TRUE(ok);
        EXPECT_EQ(length, 32u);
        EXPECT_EQ(e.aiAlgid, ex[i].id);
        EXPECT_EQ(e.dwBitLen, ex[i].default_bits) << "dwBitLen is the default length";
        EXPECT_EQ(std::string(e.szName), ex[i].name);
        for (size_t c = strlen(e.szName); c < sizeof e.szName; ++c) EXPECT_EQ(e.szName[c], 0) << "NUL-padded";
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(ProvParamTest, EnumerationCursorRules) {
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_AES);
    PROV_ENUMALGS e;
    DWORD length = sizeof e;
    // A first call without CRYPT_FIRST returns entry 0 (§4.3 library design).
    ASSERT_TRUE(CryptGetProvParam(prov, PP_ENUMALGS, reinterpret_cast<BYTE *>(&e), &length, 0));
    const ALG_ID first = e.aiAlgid;
    // A size query and a short buffer do not advance the cursor.
    DWORD size = 0;
    ASSERT_TRUE(CryptGetProvParam(prov, PP_ENUMALGS, nullptr, &size, 0));
    EXPECT_EQ(size, 32u);
    DWORD short_length = 8;
    EXPECT_FAILS_WITH(CryptGetProvParam(prov, PP_ENUMALGS, reinterpret_cast<BYTE *>(&e), &short_length, 0),
                      ERROR_MORE_DATA);
    EXPECT_EQ(short_length, 32u);
    length = sizeof e;
    ASSERT_TRUE(CryptGetProvParam(prov, PP_ENUMALGS, reinterpret_cast<BYTE *>(&e), &length, CRYPT_NEXT));
    const ALG_ID second = e.aiAlgid;
    EXPECT_NE(second, first);
    // One cursor per context, shared by PP_ENUMALGS and PP_ENUMALGS_EX (§4.3).
    PROV_ENUMALGS_EX ex;
    length = sizeof ex;
    ASSERT_TRUE(CryptGetProvParam(prov, PP_ENUMALGS_EX, reinterpret_cast<BYTE *>(&ex), &length, 0));
    EXPECT_NE(ex.aiAlgid, second);
    // CRYPT_FIRST restarts.
    length = sizeof e;
    ASSERT_TRUE(CryptGetProvParam(prov, PP_ENUMALGS, reinterpret_cast<BYTE *>(&e), &length, CRYPT_FIRST));
    EXPECT_EQ(e.aiAlgid, first);
    // Another context has its own cursor.
    HCRYPTPROV other = AcquireVerify(PROV_RSA_AES);
    length = sizeof e;
    ASSERT_TRUE(CryptGetProvParam(other, PP_ENUMALGS, reinterpret_cast<BYTE *>(&e), &length, 0));
    EXPECT_EQ(e.aiAlgid, first);
    EXPECT_TRUE(CryptReleaseContext(other, 0));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(ProvParamTest, EnumContainersQuirksOfReference1_2) {
    HCRYPTPROV a, b;
    ASSERT_TRUE(CryptAcquireContextA(&a, "alpha", nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET));
    ASSERT_TRUE(CryptAcquireContextA(&b, "beta", nullptr, PROV_RSA_FULL, CRYPT_NEWKEYSET));
    ASSERT_TRUE(CryptReleaseContext(b, 0));
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_FULL);
    DWORD length = 0;
    ASSERT_TRUE(CryptGetProvParam(prov, PP_ENUMCONTAINERS, nullptr, &length, CRYPT_FIRST));
    EXPECT_EQ(length, 261u) << "Windows-validated: MAX_PATH + 1";
    std::vector<std::string> names;
    char name[261];
    DWORD flags = CRYPT_FIRST;
    for (;;) {
        length = sizeof name;
        if (!CryptGetProvParam(prov, PP_ENUMCONTAINERS, reinterpret_cast<BYTE *>(name), &length, flags)) {
            EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NO_MORE_ITEMS));
            break;
        }
        EXPECT_EQ(length, sizeof name) << "Windows-validated: a read leaves *pdwDataLen unchanged";
        names.push_back(name);
        flags = CRYPT_NEXT;
    }
    EXPECT_EQ(names, (std::vector<std::string>{"alpha", "beta"}));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    EXPECT_TRUE(CryptReleaseContext(a, 0));
    ASSERT_TRUE(CryptAcquireContextA(&a, "alpha", nullptr, PROV_RSA_FULL, CRYPT_DELETEKEYSET));
    ASSERT_TRUE(CryptAcquireContextA(&b, "beta", nullptr, PROV_RSA_FULL, CRYPT_DELETEKEYSET));
}

TEST_F(ProvParamTest, SetProvParamAcceptsOnlyAClientWindow) {
    HCRYPTPROV prov = AcquireVerify();
    BYTE window[sizeof(void *)] = {1};
    EXPECT_TRUE(CryptSetProvParam(prov, PP_CLIENT_HWND, window, 0));
    EXPECT_FAILS_WITH(CryptSetProvParam(prov, PP_CLIENT_HWND, nullptr, 0), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptSetProvParam(prov, PP_KEYSET_SEC_DESCR, window, 0), NTE_BAD_TYPE);
    EXPECT_FAILS_WITH(CryptSetProvParam(prov, PP_NAME, window, 0), NTE_BAD_TYPE);
    EXPECT_FAILS_WITH(CryptSetProvParam(0xdeadbeef, PP_CLIENT_HWND, window, 0), ERROR_INVALID_PARAMETER);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

}  // namespace
}  // namespace tinycapi::testing
