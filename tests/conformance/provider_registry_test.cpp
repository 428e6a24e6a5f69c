// CryptEnumProviders, CryptEnumProviderTypes, CryptGetDefaultProvider, CryptSetProvider(Ex),
// A and W, and CryptAcquireContext with no provider name honouring the defaults.
//
// Sources: "Windows-validated" cases are assertions of Wine's dlls/advapi32/tests/crypt.c
// (test_enum_providers, test_enum_provider_types, test_get_default_provider,
// test_set_provider_ex), which run on Windows and compare with the registry; the registry's
// contents for tinycapi's four providers and two types are those of Windows 10 as listed by
// CryptEnumProviders/CryptEnumProviderTypes (mimikatz's crypto::providers output). Other
// cases follow Wine's advapi32 or are tinycapi's choices, as docs/COMPATIBILITY.md records.
#include <string.h>

#include <string>
#include <vector>

#include "tinycapi_test.hpp"

namespace tinycapi::testing {
namespace {

struct NamedEntry {
    DWORD type;
    const char *name;
};

// Windows' enumeration order: the registry sorts its keys by name.
const NamedEntry kProviders[] = {
    {PROV_RSA_FULL, MS_DEF_PROV_A},
    {PROV_RSA_FULL, MS_ENHANCED_PROV_A},
    {PROV_RSA_AES, MS_ENH_RSA_AES_PROV_A},
    {PROV_RSA_FULL, MS_STRONG_PROV_A},
};
const NamedEntry kTypes[] = {
    {PROV_RSA_FULL, "RSA Full (Signature and Key Exchange)"},
    {PROV_RSA_AES, "RSA Full and AES"},
};

DWORD SizeWithNul(const char *name) { return static_cast<DWORD>(strlen(name) + 1); }

// Every test leaves the defaults as a fresh device has them, whatever it changed.
class ProviderRegistryTest : public CapiTest {
protected:
    void TearDown() override {
        for (DWORD type : {DWORD{PROV_RSA_FULL}, DWORD{PROV_RSA_AES}}) {
            EXPECT_TRUE(CryptSetProviderExA(MS_DEF_PROV_A, type, nullptr, CRYPT_USER_DEFAULT | CRYPT_DELETE_DEFAULT));
        }
        EXPECT_TRUE(CryptSetProviderExA(MS_STRONG_PROV_A, PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT));
        EXPECT_TRUE(CryptSetProviderExA(MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES, nullptr, CRYPT_MACHINE_DEFAULT));
        CapiTest::TearDown();
    }

    static std::string DefaultName(DWORD type, DWORD flags) {
        char name[128];
        DWORD length = sizeof name;
        if (!CryptGetDefaultProviderA(type, nullptr, flags, name, &length)) return "<error " + std::to_string(GetLastError()) + ">";
        return std::string(name);
    }

    static std::string AcquiredName(DWORD type, LPCSTR provider = nullptr) {
        HCRYPTPROV prov = 0;
        if (!CryptAcquireContextA(&prov, nullptr, provider, type, CRYPT_VERIFYCONTEXT)) {
            return "<error " + std::to_string(GetLastError()) + ">";
        }
        char name[128];
        DWORD length = sizeof name;
        EXPECT_TRUE(CryptGetProvParam(prov, PP_NAME, reinterpret_cast<BYTE *>(name), &length, 0));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
        return std::string(name);
    }
};

// ---- CryptEnumProviders -------------------------------------------------------------------

TEST_F(ProviderRegistryTest, EnumProvidersReservedNotNullIsInvalidParameter) {
    DWORD reserved = 5, type = 0, length = 0;  // Windows-validated
    EXPECT_FAILS_WITH(CryptEnumProvidersA(0, &reserved, 0, &type, nullptr, &length), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptEnumProvidersW(0, &reserved, 0, &type, nullptr, &length), ERROR_INVALID_PARAMETER);
}

TEST_F(ProviderRegistryTest, EnumProvidersNonZeroFlagsIsBadFlags) {
    DWORD type = 0, length = 0;  // Windows-validated: dwFlags 5
    EXPECT_FAILS_WITH(CryptEnumProvidersA(0, nullptr, 5, &type, nullptr, &length), NTE_BAD_FLAGS);
    EXPECT_FAILS_WITH(CryptEnumProvidersW(0, nullptr, 5, &type, nullptr, &length), NTE_BAD_FLAGS);
}

TEST_F(ProviderRegistryTest, EnumProvidersNullLengthOrTypeIsInvalidParameter) {
    DWORD type = 0, length = 0;  // Wine checks pcbProvName; tinycapi also pdwProvType
    EXPECT_FAILS_WITH(CryptEnumProvidersA(0, nullptr, 0, &type, nullptr, nullptr), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptEnumProvidersA(0, nullptr, 0, nullptr, nullptr, &length), ERROR_INVALID_PARAMETER);
}

TEST_F(ProviderRegistryTest, EnumProvidersHalfSizedBufferIsMoreData) {
    // Windows-validated: a buffer of half the size needed.
    const DWORD needed = SizeWithNul(kProviders[0].name);
    std::vector<char> buffer(needed / 2, 'x');
    DWORD length = needed / 2, type = 0xdeadbeef;
    EXPECT_FAILS_WITH(CryptEnumProvidersA(0, nullptr, 0, &type, buffer.data(), &length), ERROR_MORE_DATA);
    EXPECT_EQ(length, needed) << "the size needed is reported (reference §1.2)";
    EXPECT_EQ(buffer, std::vector<char>(needed / 2, 'x')) << "the buffer is untouched";
    EXPECT_EQ(type, 0xdeadbeefu) << "a failed call writes nothing";
}

TEST_F(ProviderRegistryTest, EnumProvidersCountsTheProvidersThenNoMoreItems) {
    // Windows-validated: the size-query walk stops after the registry's count, and the next
    // index is ERROR_NO_MORE_ITEMS.
    DWORD count = 0, type, length;
    while (CryptEnumProvidersA(count, nullptr, 0, &type, nullptr, &length)) ++count;
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NO_MORE_ITEMS));
    EXPECT_EQ(count, 4u);
    EXPECT_FAILS_WITH(CryptEnumProvidersA(4, nullptr, 0, &type, nullptr, &length), ERROR_NO_MORE_ITEMS);
    EXPECT_FAILS_WITH(CryptEnumProvidersW(4, nullptr, 0, &type, nullptr, &length), ERROR_NO_MORE_ITEMS);
    EXPECT_FAILS_WITH(CryptEnumProvidersA(0xFFFFFFFF, nullptr, 0, &type, nullptr, &length), ERROR_NO_MORE_ITEMS);
}

TEST_F(ProviderRegistryTest, EnumProvidersListsNamesAndTypesInWindowsOrder) {
    for (DWORD index = 0; index < 4; ++index) {
        SCOPED_TRACE(kProviders[index].name);
        DWORD type = 0, length = 0;
        // Windows-validated: a size query gives the name's length with its NUL ...
        ASSERT_TRUE(CryptEnumProvidersA(index, nullptr, 0, &type, nullptr, &length));
        EXPECT_EQ(length, SizeWithNul(kProviders[index].name));
        EXPECT_EQ(type, kProviders[index].type);
        // ... and a read with a length of 0xffffffff or -1000 writes it and that length.
        for (DWORD claimed : std::initializer_list<DWORD>{0xFFFFFFFFu, static_cast<DWORD>(-1000)}) {
            std::vector<char> name(SizeWithNul(kProviders[index].name), 'x');
            length = claimed;
            type = 0;
            ASSERT_TRUE(CryptEnumProvidersA(index, nullptr, 0, &type, name.data(), &length));
            EXPECT_STREQ(name.data(), kProviders[index].name);
            EXPECT_EQ(length, SizeWithNul(kProviders[index].name));
            EXPECT_EQ(type, kProviders[index].type);
        }
    }
}

TEST_F(ProviderRegistryTest, EnumProvidersWCountsBytesOfWchar) {
    DWORD type = 0, length = 0;
    ASSERT_TRUE(CryptEnumProvidersW(2, nullptr, 0, &type, nullptr, &length));
    EXPECT_EQ(length, sizeof(WCHAR) * SizeWithNul(MS_ENH_RSA_AES_PROV_A));
    std::vector<WCHAR> name(length / sizeof(WCHAR));
    DWORD short_length = length - 1;
    EXPECT_FAILS_WITH(CryptEnumProvidersW(2, nullptr, 0, &type, name.data(), &short_length), ERROR_MORE_DATA);
    EXPECT_EQ(short_length, length);
    ASSERT_TRUE(CryptEnumProvidersW(2, nullptr, 0, &type, name.data(), &length));
    EXPECT_EQ(std::wstring(name.data()), std::wstring(MS_ENH_RSA_AES_PROV_W));
    EXPECT_EQ(type, static_cast<DWORD>(PROV_RSA_AES));
}

// ---- CryptEnumProviderTypes ---------------------------------------------------------------

TEST_F(ProviderRegistryTest, EnumProviderTypesReservedAndFlags) {
    DWORD reserved = 5, type = 0, length = 0;  // Windows-validated
    EXPECT_FAILS_WITH(CryptEnumProviderTypesA(0, &reserved, 0, &type, nullptr, &length), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptEnumProviderTypesA(0, nullptr, 5, &type, nullptr, &length), NTE_BAD_FLAGS);
    EXPECT_FAILS_WITH(CryptEnumProviderTypesW(0, &reserved, 0, &type, nullptr, &length), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptEnumProviderTypesW(0, nullptr, 5, &type, nullptr, &length), NTE_BAD_FLAGS);
    EXPECT_FAILS_WITH(CryptEnumProviderTypesA(0, nullptr, 0, nullptr, nullptr, &length), ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptEnumProviderTypesA(0, nullptr, 0, &type, nullptr, nullptr), ERROR_INVALID_PARAMETER);
}

TEST_F(ProviderRegistryTest, EnumProviderTypesCountsTheTypesThenNoMoreItems) {
    DWORD count = 0, type, length;  // Windows-validated walk
    while (CryptEnumProviderTypesA(count, nullptr, 0, &type, nullptr, &length)) ++count;
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NO_MORE_ITEMS));
    EXPECT_EQ(count, 2u);
    EXPECT_FAILS_WITH(CryptEnumProviderTypesW(2, nullptr, 0, &type, nullptr, &length), ERROR_NO_MORE_ITEMS);
}

TEST_F(ProviderRegistryTest, EnumProviderTypesListsTypesAndTheirNames) {
    for (DWORD index = 0; index < 2; ++index) {
        SCOPED_TRACE(kTypes[index].name);
        DWORD type = 0, length = 0;
        ASSERT_TRUE(CryptEnumProviderTypesA(index, nullptr, 0, &type, nullptr, &length));  // Windows-validated
        EXPECT_EQ(length, SizeWithNul(kTypes[index].name));
        std::vector<char> name(length);
        length = 0xdeadbeef;
        ASSERT_TRUE(CryptEnumProviderTypesA(index, nullptr, 0, &type, name.data(), &length));
        EXPECT_STREQ(name.data(), kTypes[index].name);
        EXPECT_EQ(length, SizeWithNul(kTypes[index].name));
        EXPECT_EQ(type, kTypes[index].type);
    }
}

TEST_F(ProviderRegistryTest, EnumProviderTypesShortBufferIsMoreData) {
    // Documented (Wine's Windows test of this case is disabled: Windows 2000 returned TRUE).
    char name[8] = "xxxxxxx";
    DWORD type = 0, length = sizeof name;
    EXPECT_FAILS_WITH(CryptEnumProviderTypesA(0, nullptr, 0, &type, name, &length), ERROR_MORE_DATA);
    EXPECT_EQ(length, SizeWithNul(kTypes[0].name));
    EXPECT_STREQ(name, "xxxxxxx");
    WCHAR wide[40];
    length = sizeof wide;
    ASSERT_TRUE(CryptEnumProviderTypesW(1, nullptr, 0, &type, wide, &length));
    EXPECT_EQ(std::wstring(wide), std::wstring(L"RSA Full and AES"));
    EXPECT_EQ(length, sizeof(WCHAR) * 17);
}

// ---- CryptGetDefaultProvider --------------------------------------------------------------

TEST_F(ProviderRegistryTest, GetDefaultProviderChecksInWindowsOrder) {
    DWORD reserved = 5, length = 0;
    // Windows-validated: reserved, flags 0xdeadbeef, type 0xdeadbeef.
    EXPECT_FAILS_WITH(CryptGetDefaultProviderA(PROV_RSA_FULL, &reserved, CRYPT_MACHINE_DEFAULT, nullptr, &length),
                      ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptGetDefaultProviderA(PROV_RSA_FULL, nullptr, 0xdeadbeef, nullptr, &length), NTE_BAD_FLAGS);
    EXPECT_FAILS_WITH(CryptGetDefaultProviderA(0xdeadbeef, nullptr, CRYPT_MACHINE_DEFAULT, nullptr, &length),
                      NTE_BAD_PROV_TYPE);
    // Wine: a NULL length, and the order reserved → flags → type.
    EXPECT_FAILS_WITH(CryptGetDefaultProviderA(PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT, nullptr, nullptr),
                      ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptGetDefaultProviderW(0xdeadbeef, &reserved, 0xdeadbeef, nullptr, &length),
                      ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptGetDefaultProviderW(0xdeadbeef, nullptr, 0xdeadbeef, nullptr, &length), NTE_BAD_FLAGS);
}

TEST_F(ProviderRegistryTest, GetDefaultProviderSizeProtocol) {
    const DWORD needed = SizeWithNul(MS_STRONG_PROV_A);
    DWORD length = 0;
    // Windows-validated: the size query, a half-sized buffer, and a read with length 0xdeadbeef.
    ASSERT_TRUE(CryptGetDefaultProviderA(PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT, nullptr, &length));
    EXPECT_EQ(length, needed);
    std::vector<char> half(needed / 2, 'x');
    length = needed / 2;
    EXPECT_FAILS_WITH(CryptGetDefaultProviderA(PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT, half.data(), &length),
                      ERROR_MORE_DATA);
    EXPECT_EQ(length, needed);
    EXPECT_EQ(half, std::vector<char>(needed / 2, 'x'));
    std::vector<char> name(needed);
    length = 0xdeadbeef;
    ASSERT_TRUE(CryptGetDefaultProviderA(PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT, name.data(), &length));
    EXPECT_STREQ(name.data(), MS_STRONG_PROV_A);
    EXPECT_EQ(length, needed);
    WCHAR wide[80];
    length = sizeof wide;
    ASSERT_TRUE(CryptGetDefaultProviderW(PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT, wide, &length));
    EXPECT_EQ(std::wstring(wide), std::wstring(MS_STRONG_PROV_W));
    EXPECT_EQ(length, sizeof(WCHAR) * needed);
}

TEST_F(ProviderRegistryTest, MachineDefaultsAreWindowsDefaults) {
    // Reference §4.1; flags 0 reads the machine's default (Wine).
    EXPECT_EQ(DefaultName(PROV_RSA_FULL, CRYPT_MACHINE_DEFAULT), MS_STRONG_PROV_A);
    EXPECT_EQ(DefaultName(PROV_RSA_AES, CRYPT_MACHINE_DEFAULT), MS_ENH_RSA_AES_PROV_A);
    EXPECT_EQ(DefaultName(PROV_RSA_FULL, 0), MS_STRONG_PROV_A);
}

TEST_F(ProviderRegistryTest, TypeWithoutDefaultIsNotDefined) {
    DWORD length = 0;  // Wine: no registry key for the type, or no user default yet
    EXPECT_FAILS_WITH(CryptGetDefaultProviderA(PROV_DSS, nullptr, CRYPT_MACHINE_DEFAULT, nullptr, &length),
                      NTE_PROV_TYPE_NOT_DEF);
    EXPECT_FAILS_WITH(CryptGetDefaultProviderA(999, nullptr, CRYPT_MACHINE_DEFAULT, nullptr, &length),
                      NTE_PROV_TYPE_NOT_DEF);
    EXPECT_FAILS_WITH(CryptGetDefaultProviderA(0, nullptr, CRYPT_MACHINE_DEFAULT, nullptr, &length),
                      NTE_PROV_TYPE_NOT_DEF);
    EXPECT_FAILS_WITH(CryptGetDefaultProviderA(PROV_RSA_FULL, nullptr, CRYPT_USER_DEFAULT, nullptr, &length),
                      NTE_PROV_TYPE_NOT_DEF);
    EXPECT_EQ(length, 0u);
}

// ---- CryptSetProviderEx / CryptSetProvider ------------------------------------------------

TEST_F(ProviderRegistryTest, SetProviderExReservedNotNullIsInvalidParameter) {
    DWORD reserved = 5;  // Windows-validated
    EXPECT_FAILS_WITH(CryptSetProviderExA(MS_DEF_PROV_A, PROV_RSA_FULL, &reserved, CRYPT_MACHINE_DEFAULT),
                      ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptSetProviderExW(MS_DEF_PROV_W, PROV_RSA_FULL, &reserved, CRYPT_MACHINE_DEFAULT),
                      ERROR_INVALID_PARAMETER);
    EXPECT_FAILS_WITH(CryptSetProviderExA(nullptr, PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT),
                      ERROR_INVALID_PARAMETER);  // Wine
    EXPECT_FAILS_WITH(CryptSetProviderA(nullptr, PROV_RSA_FULL), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(DefaultName(PROV_RSA_FULL, CRYPT_MACHINE_DEFAULT), MS_STRONG_PROV_A) << "nothing changed";
}

TEST_F(ProviderRegistryTest, DeleteThenSetMachineDefault) {
    // Windows-validated sequence of test_set_provider_ex.
    ASSERT_TRUE(CryptSetProviderExA(MS_DEF_PROV_A, PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT | CRYPT_DELETE_DEFAULT));
    ASSERT_TRUE(CryptSetProviderExA(MS_DEF_PROV_A, PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT));
    DWORD length = 0;
    ASSERT_TRUE(CryptGetDefaultProviderA(PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT, nullptr, &length));
    std::vector<char> name(length);
    ASSERT_TRUE(CryptGetDefaultProviderA(PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT, name.data(), &length));
    EXPECT_STREQ(name.data(), MS_DEF_PROV_A);
    EXPECT_EQ(length, SizeWithNul(MS_DEF_PROV_A));
}

TEST_F(ProviderRegistryTest, DeletedDefaultIsNotDefined) {
    // tinycapi: a deleted default is a type without one, for CryptGetDefaultProvider and for
    // CryptAcquireContext with no name (as type 999 on Windows, reference §3.1).
    ASSERT_TRUE(CryptSetProviderExA(MS_DEF_PROV_A, PROV_RSA_AES, nullptr, CRYPT_MACHINE_DEFAULT | CRYPT_DELETE_DEFAULT));
    DWORD length = 0;
    EXPECT_FAILS_WITH(CryptGetDefaultProviderA(PROV_RSA_AES, nullptr, CRYPT_MACHINE_DEFAULT, nullptr, &length),
                      NTE_PROV_TYPE_NOT_DEF);
    HCRYPTPROV prov = 0;
    EXPECT_FAILS_WITH(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT),
                      NTE_PROV_TYPE_NOT_DEF);
    EXPECT_EQ(AcquiredName(PROV_RSA_AES, MS_ENH_RSA_AES_PROV_A), MS_ENH_RSA_AES_PROV_A) << "by name it still works";
    EXPECT_EQ(DefaultName(PROV_RSA_FULL, CRYPT_MACHINE_DEFAULT), MS_STRONG_PROV_A) << "other types keep theirs";
}

TEST_F(ProviderRegistryTest, SetProviderExFlagsTypeAndNameChecks) {
    // Wine's order and codes: type range, flags, the type's key, the provider's key.
    EXPECT_FAILS_WITH(CryptSetProviderExA(MS_DEF_PROV_A, 1000, nullptr, 0x80), NTE_BAD_PROV_TYPE);
    EXPECT_FAILS_WITH(CryptSetProviderExA(MS_DEF_PROV_A, PROV_RSA_FULL, nullptr, 0x8), NTE_BAD_FLAGS);
    EXPECT_FAILS_WITH(CryptSetProviderExA(MS_DEF_PROV_A, PROV_RSA_FULL, nullptr, CRYPT_DELETE_DEFAULT), NTE_BAD_FLAGS);
    EXPECT_FAILS_WITH(CryptSetProviderExA(MS_DEF_DSS_PROV_A, PROV_DSS, nullptr, CRYPT_MACHINE_DEFAULT), NTE_BAD_PROVIDER);
    EXPECT_FAILS_WITH(CryptSetProviderExA("Wine Nonexistent Cryptographic Provider v11.2", PROV_RSA_FULL, nullptr,
                                          CRYPT_MACHINE_DEFAULT),
                      NTE_BAD_PROVIDER);
    // tinycapi: a provider of another type would make the default unusable.
    EXPECT_FAILS_WITH(CryptSetProviderExA(MS_ENH_RSA_AES_PROV_A, PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT),
                      NTE_PROV_TYPE_NO_MATCH);
    EXPECT_FAILS_WITH(CryptSetProviderA(MS_DEF_PROV_A, PROV_RSA_AES), NTE_PROV_TYPE_NO_MATCH);
    EXPECT_EQ(DefaultName(PROV_RSA_FULL, CRYPT_MACHINE_DEFAULT), MS_STRONG_PROV_A) << "nothing changed";
    EXPECT_EQ(DefaultName(PROV_RSA_AES, CRYPT_USER_DEFAULT), "<error " + std::to_string(NTE_PROV_TYPE_NOT_DEF) + ">");
}

TEST_F(ProviderRegistryTest, NamesCompareCaseInsensitivelyAndReadBackAsWindowsSpellsThem) {
    ASSERT_TRUE(CryptSetProviderExA("microsoft enhanced cryptographic provider v1.0", PROV_RSA_FULL, nullptr,
                                    CRYPT_MACHINE_DEFAULT));
    EXPECT_EQ(DefaultName(PROV_RSA_FULL, CRYPT_MACHINE_DEFAULT), MS_ENHANCED_PROV_A);
    ASSERT_TRUE(CryptSetProviderExW(MS_ENH_RSA_AES_PROV_XP_W, PROV_RSA_AES, nullptr, CRYPT_USER_DEFAULT));
    EXPECT_EQ(DefaultName(PROV_RSA_AES, CRYPT_USER_DEFAULT), MS_ENH_RSA_AES_PROV_XP_A);
    EXPECT_EQ(AcquiredName(PROV_RSA_AES), MS_ENH_RSA_AES_PROV_XP_A);
}

// ---- CryptAcquireContext with no provider name ---------------------------------------------

TEST_F(ProviderRegistryTest, AcquireWithoutNameUsesUserDefaultThenMachineDefault) {
    EXPECT_EQ(AcquiredName(PROV_RSA_FULL), MS_STRONG_PROV_A);
    ASSERT_TRUE(CryptSetProviderExA(MS_DEF_PROV_A, PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT));
    EXPECT_EQ(AcquiredName(PROV_RSA_FULL), MS_DEF_PROV_A);
    EXPECT_EQ(AcquiredName(PROV_RSA_FULL, ""), MS_DEF_PROV_A) << "an empty name is no name (reference §3.1)";
    // Documented: CryptSetProvider sets the user's default, which wins over the machine's.
    ASSERT_TRUE(CryptSetProviderA(MS_ENHANCED_PROV_A, PROV_RSA_FULL));
    EXPECT_EQ(DefaultName(PROV_RSA_FULL, CRYPT_USER_DEFAULT), MS_ENHANCED_PROV_A);
    EXPECT_EQ(DefaultName(PROV_RSA_FULL, CRYPT_MACHINE_DEFAULT), MS_DEF_PROV_A);
    EXPECT_EQ(AcquiredName(PROV_RSA_FULL), MS_ENHANCED_PROV_A);
    ASSERT_TRUE(CryptSetProviderExW(MS_DEF_PROV_W, PROV_RSA_FULL, nullptr, CRYPT_USER_DEFAULT | CRYPT_DELETE_DEFAULT));
    EXPECT_EQ(AcquiredName(PROV_RSA_FULL), MS_DEF_PROV_A) << "back to the machine's";
    ASSERT_TRUE(CryptSetProviderW(MS_STRONG_PROV_W, PROV_RSA_FULL));
    EXPECT_EQ(AcquiredName(PROV_RSA_FULL), MS_STRONG_PROV_A);
    EXPECT_EQ(AcquiredName(PROV_RSA_AES), MS_ENH_RSA_AES_PROV_A) << "other types keep theirs";
}

TEST_F(ProviderRegistryTest, DefaultProviderDecidesTheAlgorithms) {
    // With Base as the default, a NULL-name context is a Base one: its RC4 is at most 56 bits
    // (reference §4.2), where Strong's takes 128.
    ASSERT_TRUE(CryptSetProviderExA(MS_DEF_PROV_A, PROV_RSA_FULL, nullptr, CRYPT_MACHINE_DEFAULT));
    HCRYPTPROV prov = AcquireVerify(PROV_RSA_FULL);
    HCRYPTKEY key = 0;
    EXPECT_FAILS_WITH(CryptGenKey(prov, CALG_RC4, 128 << 16, &key), NTE_BAD_DATA);  // §3.13 step 5
    ASSERT_TRUE(CryptGenKey(prov, CALG_RC4, 56 << 16, &key));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

}  // namespace
}  // namespace tinycapi::testing
