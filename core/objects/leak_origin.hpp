// Where a key or hash came from, kept for the leak report (TINYCAPI_LEAK_REPORT): the last
// CryptReleaseContext tells the port about every key and hash nobody destroyed.
#pragma once

#include <tinycapi/wincrypt.h>

#include "tinycapi_config.h"

namespace tinycapi::objects {

struct LeakOrigin {
    ULONG_PTR handle;        // as published
    const char *created_in;  // the entry point that made it
    const void *created_by;  // the return address into its caller
};

}  // namespace tinycapi::objects
