/* Shared by the header-check translation units (C99, C++17, and the compat variants). */
#ifndef TINYCAPI_TESTS_HEADER_CHECKS_H
#define TINYCAPI_TESTS_HEADER_CHECKS_H

/* A failed HEADER_ASSERT stops the build: static_assert in C++; in C99, which has no
 * _Static_assert, a typedef of an array whose size is then negative. */
#ifdef __cplusplus
#define HEADER_ASSERT(name, condition) static_assert(condition, #name)
#else
#define HEADER_ASSERT(name, condition) typedef char header_assert_##name[(condition) ? 1 : -1]
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Prints "FAILED: <what>" and returns 1, so that checks can add up failures. */
int header_check_failed(const char *what);

/* Each returns its number of failed run-time checks. */
int c99_runtime_checks(void);
int cxx_runtime_checks(void);
int compat_c_ansi_checks(void);
int compat_c_unicode_checks(void);
int compat_cxx_ansi_checks(void);
int compat_cxx_unicode_checks(void);

#ifdef __cplusplus
}
#endif

#endif
