// The W entry points take WCHAR strings; the objects layer takes UTF-8. WCHAR is wchar_t:
// UTF-32 on most embedded and POSIX toolchains, UTF-16 with -fshort-wchar (both handled).
#pragma once

#include <stddef.h>

#include <tinycapi/wincrypt.h>

#include "objects/provider_lifecycle.hpp"

namespace tinycapi::api {

// Convert `text` (may be null) into `buffer`. Returns the argument for the objects layer:
// null text stays null; a string that does not fit is marked too_long.
objects::TextArgument to_utf8(const WCHAR *text, char *buffer, size_t capacity);

}  // namespace tinycapi::api
