/* Runs the run-time half of the header checks; the compile-time half already passed when
 * this program was built. Exit status 0 = every check passed. */
#include <stdio.h>

#include "header_checks.h"

int header_check_failed(const char *what)
{
    printf("FAILED: %s\n", what);
    return 1;
}

int main(void)
{
    int failures = c99_runtime_checks() + cxx_runtime_checks() + compat_c_ansi_checks() +
                   compat_c_unicode_checks() + compat_cxx_ansi_checks() + compat_cxx_unicode_checks();
    printf("%d header check(s) failed\n", failures);
    return failures == 0 ? 0 : 1;
}
