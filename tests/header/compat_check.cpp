// The compat checks as C++17 (see compat_check.c).
#include "compat_check.c"
