// Contexts: CryptAcquireContext, CryptContextAddRef, CryptReleaseContext (reference §2, §3.1).
#pragma once

#include <tinycapi/wincrypt.h>

#include "error.hpp"

namespace tinycapi::objects {

// A string argument after the API layer converted it to UTF-8 (A variants pass theirs as is).
// `too_long` marks one that did not fit the conversion buffer.
struct TextArgument {
    const char *text;  // may be null
    bool too_long;
};

// Everything of CryptAcquireContext after the provider-type range and phProv checks, in
// Windows' order: provider resolution, the keyset flags, the container store. On success
// *out is the new context (or 0 after CRYPT_DELETEKEYSET); on failure *out is unchanged.
Error acquire_context(TextArgument container, TextArgument provider_name, DWORD provider_type, DWORD flags,
                      HCRYPTPROV *out);

// CryptContextAddRef: one more reference to a live context.
Error add_context_reference(HCRYPTPROV handle);

// CryptReleaseContext: drop one reference; the last one destroys the context and every key
// and hash made from it. Containers and their key pairs stay.
Error release_context(HCRYPTPROV handle);

}  // namespace tinycapi::objects
