// Unchanged Windows code: the classic "collection of providers" that CryptoAPI samples build
// before they acquire anything. It enumerates the providers with the generic TCHAR names
// through <windows.h>/<wincrypt.h>, asks for the default of each type, and acquires every
// provider by the name the enumeration returned. Only the test's assertions are tinycapi's.
#include <windows.h>
#include <wincrypt.h>
#include <tchar.h>

#include <stdlib.h>

#include <vector>

#include "tinycapi_test.hpp"

namespace {

// --- Windows code, as written for Windows -------------------------------------------------

// Such code casts the C way.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"

struct CspInfo {
    DWORD dwProvType;
    LPTSTR pszName;
};

class CspCollection {
public:
    ~CspCollection() {
        for (size_t i = 0; i < m_items.size(); ++i) free(m_items[i].pszName);
    }

    BOOL Load() {
        DWORD dwIndex = 0, dwType = 0, cbName = 0;
        while (CryptEnumProviders(dwIndex, NULL, 0, &dwType, NULL, &cbName)) {
            LPTSTR pszName = (LPTSTR)malloc(cbName);
            if (!pszName) return FALSE;
            if (!CryptEnumProviders(dwIndex, NULL, 0, &dwType, pszName, &cbName)) {
                free(pszName);
                return FALSE;
            }
            CspInfo info = {dwType, pszName};
            m_items.push_back(info);
            dwIndex++;
        }
        return GetLastError() == ERROR_NO_MORE_ITEMS;
    }

    // Acquires a verify context from every provider by name; returns how many worked.
    size_t AcquireEach() const {
        size_t acquired = 0;
        for (size_t i = 0; i < m_items.size(); ++i) {
            HCRYPTPROV hProv = 0;
            if (CryptAcquireContext(&hProv, NULL, m_items[i].pszName, m_items[i].dwProvType, CRYPT_VERIFYCONTEXT)) {
                BYTE abRandom[8];
                if (CryptGenRandom(hProv, sizeof(abRandom), abRandom)) acquired++;
                CryptReleaseContext(hProv, 0);
            }
        }
        return acquired;
    }

    BOOL IsDefault(size_t i) const {
        TCHAR szDefault[MAX_PATH];
        DWORD cbDefault = sizeof(szDefault);
        if (!CryptGetDefaultProvider(m_items[i].dwProvType, NULL, CRYPT_MACHINE_DEFAULT, szDefault, &cbDefault))
            return FALSE;
        return _tcscmp(szDefault, m_items[i].pszName) == 0;
    }

    size_t Count() const { return m_items.size(); }
    DWORD TypeAt(size_t i) const { return m_items[i].dwProvType; }

private:
    std::vector<CspInfo> m_items;
};

#pragma GCC diagnostic pop

// --- the test ---------------------------------------------------------------------------

using ProviderCollectionTest = tinycapi::testing::CapiTest;

TEST_F(ProviderCollectionTest, EnumeratesAndAcquiresEveryProviderByName) {
    CspCollection providers;
    ASSERT_TRUE(providers.Load()) << GetLastError();
    ASSERT_EQ(providers.Count(), 4u);
    EXPECT_EQ(providers.AcquireEach(), 4u);
    size_t defaults = 0;
    for (size_t i = 0; i < providers.Count(); ++i) {
        if (providers.IsDefault(i)) {
            ++defaults;
            EXPECT_TRUE(providers.TypeAt(i) == PROV_RSA_FULL || providers.TypeAt(i) == PROV_RSA_AES);
        }
    }
    EXPECT_EQ(defaults, 2u) << "one default per type: Strong for PROV_RSA_FULL, AES for PROV_RSA_AES";
}

}  // namespace
