/*
 * Windows-style code, unchanged: it would build the same way against Microsoft's headers
 * and advapi32. Built twice by the package test, as ANSI and as UNICODE.
 */
#include <windows.h>
#include <wincrypt.h>
#include <tchar.h>

static int report_failure(LPCTSTR step)
{
    _tprintf(_T("tinycapi consumer: "));
    _fputts(step, stdout);
    _tprintf(_T(" failed, GetLastError() = 0x%08lx\n"), (unsigned long)GetLastError());
    return 1;
}

int main(void)
{
    HCRYPTPROV hProv = 0;
    LPCTSTR provider = MS_ENH_RSA_AES_PROV;
    BYTE key[32];
    BYTE seen = 0;
    DWORD i;

    if (!CryptAcquireContext(&hProv, NULL, provider, PROV_RSA_AES, CRYPT_VERIFYCONTEXT)) {
        return report_failure(TEXT("CryptAcquireContext"));
    }

    ZeroMemory(key, sizeof(key));
    if (!CryptGenRandom(hProv, sizeof(key), key)) {
        report_failure(TEXT("CryptGenRandom"));
        CryptReleaseContext(hProv, 0);
        return 1;
    }
    for (i = 0; i < sizeof(key); ++i) {
        seen |= key[i];
    }
    SecureZeroMemory(key, sizeof(key));

    if (!CryptReleaseContext(hProv, 0)) {
        return report_failure(TEXT("CryptReleaseContext"));
    }
    /* The handle is dead now: Windows reports ERROR_INVALID_PARAMETER (reference §2.3). */
    if (CryptReleaseContext(hProv, 0) || GetLastError() != ERROR_INVALID_PARAMETER) {
        return report_failure(TEXT("a second CryptReleaseContext"));
    }
    if (seen == 0) {
        return report_failure(TEXT("CryptGenRandom (32 zero bytes)"));
    }

    _tprintf(_T("tinycapi consumer: OK (%u random bytes)\n"), (unsigned)sizeof(key));
    return 0;
}
