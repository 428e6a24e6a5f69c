/*
 * <windows.h> for unchanged Windows source built against tinycapi (target tinycapi::compat).
 *
 * Not Windows: only the CryptoAPI (from <tinycapi/wincrypt.h>) and the small part of the
 * Win32 base that CryptoAPI code commonly takes from <windows.h> — base types, TRUE/FALSE,
 * the memory macros, SecureZeroMemory, TCHAR and its text macros, HRESULT tests and the
 * version constants. Anything else a program needs from Windows will fail to compile,
 * visibly, rather than be emulated here.
 *
 * Deliberately absent: _WIN32 (code would take Windows-only paths in the C library and in
 * Mbed TLS) and the min/max macros (they break C++'s std::min/std::max).
 */
#ifndef TINYCAPI_COMPAT_WINDOWS_H
#define TINYCAPI_COMPAT_WINDOWS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Defines BYTE, WORD, DWORD, BOOL, CHAR, WCHAR, ULONG_PTR, the LP/P forms, TRUE/FALSE,
 * WINAPI and the ERROR_* codes of the CryptoAPI. */
#include <tinycapi/wincrypt.h>

/* Casts in macros: C++ builds often warn on C-style casts (-Wold-style-cast). */
#ifdef __cplusplus
#define TINYCAPI_COMPAT_CAST(type, value) static_cast<type>(value)
#define TINYCAPI_COMPAT_REINTERPRET(type, value) reinterpret_cast<type>(value)
#else
#define TINYCAPI_COMPAT_CAST(type, value) ((type)(value))
#define TINYCAPI_COMPAT_REINTERPRET(type, value) ((type)(value))
#endif

/* ===== More Win32 base types (Windows' widths: LONG and ULONG are 32 bits) ============== */

#ifndef TINYCAPI_COMPAT_WINDOWS_TYPES_DEFINED
#define TINYCAPI_COMPAT_WINDOWS_TYPES_DEFINED 1

typedef void *PVOID, *LPVOID;
typedef const void *LPCVOID;
typedef void *HANDLE;
typedef HANDLE *PHANDLE, *LPHANDLE;
typedef HANDLE HWND;
typedef HANDLE HMODULE;
typedef HANDLE HINSTANCE;

typedef int INT;
typedef unsigned int UINT;
typedef int16_t SHORT;
typedef uint16_t USHORT;
#if TINYCAPI_DWORD_IS_UNSIGNED_LONG /* <tinycapi/wincrypt.h>: long is 32 bits, as on Windows */
typedef long LONG;
typedef unsigned long ULONG;
#else
typedef int32_t LONG;
typedef uint32_t ULONG;
#endif
typedef int64_t LONGLONG;
typedef uint64_t ULONGLONG;
typedef int64_t LONG64;
typedef uint64_t ULONG64;
typedef uint64_t DWORD64;
typedef uint64_t QWORD;
typedef unsigned char UCHAR;
typedef BYTE BOOLEAN;

typedef intptr_t INT_PTR, LONG_PTR;
typedef uintptr_t UINT_PTR;
typedef ULONG_PTR DWORD_PTR, SIZE_T;
typedef LONG_PTR SSIZE_T;

#ifndef _HRESULT_DEFINED /* <tinycapi/wincrypt.h> defines it too */
#define _HRESULT_DEFINED
typedef LONG HRESULT;
#endif

typedef INT *PINT, *LPINT;
typedef UINT *PUINT;
typedef LONG *PLONG, *LPLONG;
typedef ULONG *PULONG;
typedef WORD *PWORD, *LPWORD;
typedef UCHAR *PUCHAR;
typedef SIZE_T *PSIZE_T;

/* TCHAR follows UNICODE, as in Windows' <winnt.h>. */
#ifdef UNICODE
typedef WCHAR TCHAR;
#else
typedef CHAR TCHAR;
#endif
typedef TCHAR *PTCHAR, *PTSTR, *LPTSTR;
typedef const TCHAR *PCTSTR, *LPCTSTR;

#endif /* TINYCAPI_COMPAT_WINDOWS_TYPES_DEFINED */

#ifndef VOID
#define VOID void
#endif
#ifndef CONST
#define CONST const
#endif
#ifndef CALLBACK
#define CALLBACK
#endif
#ifndef APIENTRY
#define APIENTRY WINAPI
#endif

/* ===== Text macros ===================================================================== */

/* TEXT follows UNICODE (<winnt.h>). */
#ifdef UNICODE
#define __TEXT(quote) L##quote
#else
#define __TEXT(quote) quote
#endif
#define TEXT(quote) __TEXT(quote)

/* _T/_TEXT belong to <tchar.h> and follow _UNICODE there; Windows code often gets them
 * through other includes, so they are here too, defined exactly as <tchar.h> does. */
#ifndef _T
#ifdef _UNICODE
#define __T(x) L##x
#else
#define __T(x) x
#endif
#define _T(x) __T(x)
#define _TEXT(x) __T(x)
#endif

/* ===== Values ========================================================================== */

#ifndef MAX_PATH
#define MAX_PATH 260
#endif

#ifndef INVALID_HANDLE_VALUE
#define INVALID_HANDLE_VALUE TINYCAPI_COMPAT_REINTERPRET(HANDLE, TINYCAPI_COMPAT_CAST(LONG_PTR, -1))
#endif

#define S_OK TINYCAPI_COMPAT_CAST(HRESULT, 0)
#define S_FALSE TINYCAPI_COMPAT_CAST(HRESULT, 1)
#define SUCCEEDED(hr) (TINYCAPI_COMPAT_CAST(HRESULT, hr) >= 0)
#define FAILED(hr) (TINYCAPI_COMPAT_CAST(HRESULT, hr) < 0)

#define LOBYTE(w) TINYCAPI_COMPAT_CAST(BYTE, TINYCAPI_COMPAT_CAST(DWORD_PTR, w) & 0xff)
#define HIBYTE(w) TINYCAPI_COMPAT_CAST(BYTE, (TINYCAPI_COMPAT_CAST(DWORD_PTR, w) >> 8) & 0xff)
#define LOWORD(l) TINYCAPI_COMPAT_CAST(WORD, TINYCAPI_COMPAT_CAST(DWORD_PTR, l) & 0xffff)
#define HIWORD(l) TINYCAPI_COMPAT_CAST(WORD, (TINYCAPI_COMPAT_CAST(DWORD_PTR, l) >> 16) & 0xffff)
#define MAKEWORD(low, high) \
    TINYCAPI_COMPAT_CAST(WORD, LOBYTE(low) | TINYCAPI_COMPAT_CAST(WORD, LOBYTE(high)) << 8)
#define MAKELONG(low, high) \
    TINYCAPI_COMPAT_CAST(LONG, LOWORD(low) | TINYCAPI_COMPAT_CAST(DWORD, LOWORD(high)) << 16)

#ifndef ARRAYSIZE
#define ARRAYSIZE(array) (sizeof(array) / sizeof((array)[0]))
#endif

/* ===== Memory ========================================================================== */

#define MoveMemory(destination, source, length) memmove((destination), (source), (length))
#define CopyMemory(destination, source, length) memcpy((destination), (source), (length))
#define FillMemory(destination, length, fill) memset((destination), (fill), (length))
#define ZeroMemory(destination, length) memset((destination), 0, (length))
#define RtlMoveMemory MoveMemory
#define RtlCopyMemory CopyMemory
#define RtlFillMemory FillMemory
#define RtlZeroMemory ZeroMemory

/* Zeroes memory with writes the compiler may not drop as dead stores: each byte is written
 * through a volatile lvalue, which is observable behaviour. Use it for secrets. */
static inline PVOID RtlSecureZeroMemory(PVOID ptr, SIZE_T cnt)
{
    volatile BYTE *cursor = TINYCAPI_COMPAT_CAST(volatile BYTE *, ptr);
    while (cnt != 0) {
        *cursor = 0;
        ++cursor;
        --cnt;
    }
    return ptr;
}
#define SecureZeroMemory RtlSecureZeroMemory

/* ===== Version constants (values of Windows' <sdkddkver.h>) ============================ */

#define _WIN32_WINNT_NT4 0x0400
#define _WIN32_WINNT_WIN2K 0x0500
#define _WIN32_WINNT_WINXP 0x0501
#define _WIN32_WINNT_WS03 0x0502
#define _WIN32_WINNT_WIN6 0x0600
#define _WIN32_WINNT_VISTA 0x0600
#define _WIN32_WINNT_WS08 0x0600
#define _WIN32_WINNT_LONGHORN 0x0600
#define _WIN32_WINNT_WIN7 0x0601
#define _WIN32_WINNT_WIN8 0x0602
#define _WIN32_WINNT_WINBLUE 0x0603
#define _WIN32_WINNT_WINTHRESHOLD 0x0A00
#define _WIN32_WINNT_WIN10 0x0A00

#define NTDDI_WIN2K 0x05000000
#define NTDDI_WIN2KSP1 0x05000100
#define NTDDI_WIN2KSP2 0x05000200
#define NTDDI_WIN2KSP3 0x05000300
#define NTDDI_WIN2KSP4 0x05000400
#define NTDDI_WINXP 0x05010000
#define NTDDI_WINXPSP1 0x05010100
#define NTDDI_WINXPSP2 0x05010200
#define NTDDI_WINXPSP3 0x05010300
#define NTDDI_WINXPSP4 0x05010400
#define NTDDI_WS03 0x05020000
#define NTDDI_WS03SP1 0x05020100
#define NTDDI_WS03SP2 0x05020200
#define NTDDI_WS03SP3 0x05020300
#define NTDDI_WS03SP4 0x05020400
#define NTDDI_WIN6 0x06000000
#define NTDDI_WIN6SP1 0x06000100
#define NTDDI_WIN6SP2 0x06000200
#define NTDDI_WIN6SP3 0x06000300
#define NTDDI_WIN6SP4 0x06000400
#define NTDDI_VISTA NTDDI_WIN6
#define NTDDI_VISTASP1 NTDDI_WIN6SP1
#define NTDDI_VISTASP2 NTDDI_WIN6SP2
#define NTDDI_VISTASP3 NTDDI_WIN6SP3
#define NTDDI_VISTASP4 NTDDI_WIN6SP4
#define NTDDI_LONGHORN NTDDI_VISTA
#define NTDDI_WS08 NTDDI_WIN6SP1
#define NTDDI_WS08SP2 NTDDI_WIN6SP2
#define NTDDI_WS08SP3 NTDDI_WIN6SP3
#define NTDDI_WS08SP4 NTDDI_WIN6SP4
#define NTDDI_WIN7 0x06010000
#define NTDDI_WIN8 0x06020000
#define NTDDI_WINBLUE 0x06030000
#define NTDDI_WINTHRESHOLD 0x0A000000
#define NTDDI_WIN10 0x0A000000
#define NTDDI_WIN10_TH2 0x0A000001
#define NTDDI_WIN10_RS1 0x0A000002
#define NTDDI_WIN10_RS2 0x0A000003
#define NTDDI_WIN10_RS3 0x0A000004
#define NTDDI_WIN10_RS4 0x0A000005
#define NTDDI_WIN10_RS5 0x0A000006
#define NTDDI_WIN10_19H1 0x0A000007
#define NTDDI_WIN10_VB 0x0A000008
#define NTDDI_WIN10_MN 0x0A000009
#define NTDDI_WIN10_FE 0x0A00000A
#define NTDDI_WIN10_CO 0x0A00000B
#define NTDDI_WIN10_NI 0x0A00000C

#define OSVERSION_MASK 0xFFFF0000u
#define SPVERSION_MASK 0x0000FF00
#define SUBVERSION_MASK 0x000000FF
#define OSVER(version) ((version) & OSVERSION_MASK)
#define SPVER(version) (((version) & SPVERSION_MASK) >> 8)
#define SUBVER(version) ((version) & SUBVERSION_MASK)
#define NTDDI_VERSION_FROM_WIN32_WINNT2(version) version##0000
#define NTDDI_VERSION_FROM_WIN32_WINNT(version) NTDDI_VERSION_FROM_WIN32_WINNT2(version)

/* Unless the program chose a target, behave as a current SDK does and target the newest
 * Windows, so that version-gated code takes its modern path (SHA-2, the AES provider). */
#ifndef _WIN32_WINNT
#define _WIN32_WINNT _WIN32_WINNT_WIN10
#endif
#ifndef WINVER
#define WINVER _WIN32_WINNT
#endif
#ifndef NTDDI_VERSION
#define NTDDI_VERSION NTDDI_VERSION_FROM_WIN32_WINNT(_WIN32_WINNT)
#endif

#endif /* TINYCAPI_COMPAT_WINDOWS_H */
