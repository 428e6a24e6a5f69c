/*
 * The compat shims as unchanged Windows code sees them: <windows.h>, <wincrypt.h> and
 * <tchar.h>, with or without UNICODE/_UNICODE, in either include order. Built four times
 * (C99 and C++17 through compat_check.cpp, each ANSI and UNICODE); the build defines
 * COMPAT_CHECK_FUNCTION to this variant's entry point and COMPAT_WINCRYPT_FIRST to swap
 * the order of the includes.
 */
#ifdef COMPAT_WINCRYPT_FIRST
#include <wincrypt.h>
#include <windows.h>
#else
#include <windows.h>
#include <wincrypt.h>
#endif
#include <tchar.h>

#include "header_checks.h"

#ifndef COMPAT_CHECK_FUNCTION
#error "the build names this variant's entry point"
#endif

#ifdef __cplusplus
#include <type_traits>
#endif

/* ---- Win32 base types (Windows' widths) --------------------------------------------------- */
HEADER_ASSERT(long_is_32_bits, sizeof(LONG) == 4 && sizeof(ULONG) == 4);
HEADER_ASSERT(hresult_is_32_bits, sizeof(HRESULT) == 4);
HEADER_ASSERT(word_is_16_bits, sizeof(WORD) == 2 && sizeof(USHORT) == 2);
HEADER_ASSERT(handle_is_pointer, sizeof(HANDLE) == sizeof(void *) && sizeof(LPVOID) == sizeof(void *));
HEADER_ASSERT(size_t_is_pointer_sized, sizeof(SIZE_T) == sizeof(void *));
HEADER_ASSERT(max_path, MAX_PATH == 260); /* §8 */
HEADER_ASSERT(true_false, TRUE == 1 && FALSE == 0);

/* ---- TCHAR follows UNICODE, _TCHAR and _T follow _UNICODE --------------------------------- */
#ifdef UNICODE
HEADER_ASSERT(tchar_is_wide, sizeof(TCHAR) == sizeof(WCHAR));
HEADER_ASSERT(text_is_wide, sizeof(TEXT("x")[0]) == sizeof(WCHAR));
HEADER_ASSERT(generic_provider_is_wide, sizeof(MS_ENH_RSA_AES_PROV[0]) == sizeof(WCHAR));
#else
HEADER_ASSERT(tchar_is_narrow, sizeof(TCHAR) == sizeof(char));
HEADER_ASSERT(text_is_narrow, sizeof(TEXT("x")[0]) == sizeof(char));
HEADER_ASSERT(generic_provider_is_narrow, sizeof(MS_ENH_RSA_AES_PROV[0]) == sizeof(char));
#endif
#ifdef _UNICODE
HEADER_ASSERT(underscore_tchar_is_wide, sizeof(_TCHAR) == sizeof(wchar_t) && sizeof(_T("x")[0]) == sizeof(wchar_t));
#else
HEADER_ASSERT(underscore_tchar_is_narrow, sizeof(_TCHAR) == 1 && sizeof(_T("x")[0]) == 1);
#endif

#ifdef __cplusplus
/* The generic CryptoAPI names take TCHAR strings. */
static_assert(std::is_same<decltype(CryptAcquireContext),
                           BOOL(HCRYPTPROV *, LPCTSTR, LPCTSTR, DWORD, DWORD)>::value,
              "CryptAcquireContext follows UNICODE");
static_assert(std::is_same<decltype(CryptSignHash),
                           BOOL(HCRYPTHASH, DWORD, LPCTSTR, DWORD, BYTE *, DWORD *)>::value,
              "CryptSignHash follows UNICODE");
static_assert(std::is_same<decltype(CryptVerifySignature),
                           BOOL(HCRYPTHASH, const BYTE *, DWORD, HCRYPTKEY, LPCTSTR, DWORD)>::value,
              "CryptVerifySignature follows UNICODE");
#endif

/* ---- Version constants: Windows' values, usable in #if ------------------------------------ */
HEADER_ASSERT(win32_winnt, _WIN32_WINNT_WINXP == 0x0501 && _WIN32_WINNT_VISTA == 0x0600 &&
                               _WIN32_WINNT_WIN7 == 0x0601 && _WIN32_WINNT_WIN10 == 0x0A00);
HEADER_ASSERT(ntddi, NTDDI_WINXPSP3 == 0x05010300 && NTDDI_VISTA == 0x06000000 &&
                         NTDDI_WS08 == 0x06000100 && NTDDI_WIN7 == 0x06010000 &&
                         NTDDI_WIN10 == 0x0A000000 && NTDDI_WIN10_RS5 == 0x0A000006);
#if !defined(_WIN32_WINNT) || _WIN32_WINNT < _WIN32_WINNT_VISTA
#error "without a chosen target, code sees a current Windows"
#endif
#if NTDDI_VERSION != NTDDI_WIN10 || WINVER != _WIN32_WINNT_WIN10
#error "NTDDI_VERSION and WINVER follow _WIN32_WINNT"
#endif
#ifdef _WIN32
#error "the shims must not claim to be Windows"
#endif

int COMPAT_CHECK_FUNCTION(void)
{
    int failures = 0;
    BYTE secret[16];
    BYTE copy[16];
    size_t i;
    HRESULT hr = NTE_BAD_KEY; /* an HRESULT on Windows: negative */
    LPCTSTR provider = MS_ENH_RSA_AES_PROV;
    TCHAR name[MAX_PATH];

    FillMemory(secret, sizeof(secret), 0xA5);
    CopyMemory(copy, secret, sizeof(copy));
    for (i = 0; i < sizeof(copy); ++i) {
        if (copy[i] != 0xA5) {
            failures += header_check_failed("FillMemory(dest, length, fill) / CopyMemory");
            break;
        }
    }
    MoveMemory(copy + 1, copy, sizeof(copy) - 1);
    ZeroMemory(copy, 1);
    if (copy[0] != 0 || copy[15] != 0xA5) failures += header_check_failed("MoveMemory / ZeroMemory");

    if (SecureZeroMemory(secret, sizeof(secret)) != secret) {
        failures += header_check_failed("SecureZeroMemory returns its pointer");
    }
    for (i = 0; i < sizeof(secret); ++i) {
        if (secret[i] != 0) {
            failures += header_check_failed("SecureZeroMemory zeroes every byte");
            break;
        }
    }

    if (!FAILED(hr) || SUCCEEDED(hr) || !SUCCEEDED(S_OK) || FAILED(S_FALSE)) {
        failures += header_check_failed("SUCCEEDED/FAILED on NTE_BAD_KEY, S_OK, S_FALSE");
    }
    if (HIWORD(RSA1024BIT_KEY | CRYPT_EXPORTABLE) != 1024 || LOWORD(RSA1024BIT_KEY | CRYPT_EXPORTABLE) != 1 ||
        MAKELONG(CRYPT_EXPORTABLE, 2048) != (2048 << 16 | 1) || MAKEWORD(0x34, 0x12) != 0x1234 ||
        LOBYTE(0x1234) != 0x34 || HIBYTE(0x1234) != 0x12) {
        failures += header_check_failed("LOWORD/HIWORD/MAKELONG/MAKEWORD/LOBYTE/HIBYTE");
    }

    _tcscpy(name, provider);
    if (_tcslen(name) != 53 || _tcscmp(name, MS_ENH_RSA_AES_PROV) != 0) {
        failures += header_check_failed("TCHAR copy of MS_ENH_RSA_AES_PROV (53 characters, §4.1)");
    }
    if (ARRAYSIZE(name) != MAX_PATH) failures += header_check_failed("ARRAYSIZE");
    {
        /* DWORD and ULONG are one type, as on Windows (unsigned long there): pointers to
         * either convert to the other with no cast, a compile error otherwise. Where long is
         * 32 bits that type is unsigned long, so code that passes an `unsigned long *` for a
         * `DWORD *` (curl does) compiles unchanged; on LP64 hosts it is the 32-bit unsigned int. */
        ULONG length = 20;
        LPDWORD as_dword = &length;
        PULONG as_ulong = as_dword;
#if ULONG_MAX == 0xffffffffUL
        unsigned long curl_length = 20;
        as_dword = &curl_length;
#endif
        if (*as_dword != 20 || *as_ulong != 20) failures += header_check_failed("DWORD * and ULONG * interchangeable");
    }
    return failures;
}
