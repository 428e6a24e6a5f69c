/*
 * <tchar.h> for unchanged Windows source built against tinycapi (target tinycapi::compat).
 *
 * The generic-text names that follow _UNICODE, mapped onto the C library: _TCHAR, _T and
 * _TEXT, and the common string and stdio functions. Only names whose narrow and wide C
 * functions take the same arguments are mapped; others (_stprintf, _tcsicmp, ...) fail to
 * compile rather than silently differ. _tmain exists only without _UNICODE, because a
 * hosted C program here has no wmain entry point.
 */
#ifndef TINYCAPI_COMPAT_TCHAR_H
#define TINYCAPI_COMPAT_TCHAR_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#ifndef TINYCAPI_COMPAT_TCHAR_TYPES_DEFINED
#define TINYCAPI_COMPAT_TCHAR_TYPES_DEFINED 1
#ifdef _UNICODE
typedef wchar_t _TCHAR;
#else
typedef char _TCHAR;
#endif
#endif

/* The same definitions as in the compat <windows.h>, whichever comes first. */
#ifndef _T
#ifdef _UNICODE
#define __T(x) L##x
#else
#define __T(x) x
#endif
#define _T(x) __T(x)
#define _TEXT(x) __T(x)
#endif

#ifdef _UNICODE
#define _tcslen wcslen
#define _tcscpy wcscpy
#define _tcsncpy wcsncpy
#define _tcscat wcscat
#define _tcsncat wcsncat
#define _tcscmp wcscmp
#define _tcsncmp wcsncmp
#define _tcschr wcschr
#define _tcsrchr wcsrchr
#define _tcsstr wcsstr
#define _tprintf wprintf
#define _ftprintf fwprintf
#define _fputts fputws
#else
#define _tcslen strlen
#define _tcscpy strcpy
#define _tcsncpy strncpy
#define _tcscat strcat
#define _tcsncat strncat
#define _tcscmp strcmp
#define _tcsncmp strncmp
#define _tcschr strchr
#define _tcsrchr strrchr
#define _tcsstr strstr
#define _tprintf printf
#define _ftprintf fprintf
#define _fputts fputs
#define _tmain main
#endif

#endif /* TINYCAPI_COMPAT_TCHAR_H */
