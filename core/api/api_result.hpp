// How every entry point ends: the first failing check's Windows code goes to the thread's
// last error, once, and the function returns FALSE; success returns TRUE and leaves the last
// error alone (reference §1.1). Also the lazy port initialisation every entry point needs.
#pragma once

#include <tinycapi/port.h>
#include <tinycapi/wincrypt.h>

#include <atomic>

#include "objects/error.hpp"

namespace tinycapi::api {

using objects::Error;

inline BOOL fail(Error error) {
    SetLastError(static_cast<DWORD>(error));
    return FALSE;
}

inline BOOL finish(Error error) { return error == Error::none ? TRUE : fail(error); }

extern std::atomic<bool> port_initialised;  // NOLINT(bugprone-dynamic-static-initializers): a declaration; the definition (context.cpp) is constant-initialised

// The port's contract: tinycapi_port_init runs before any other hook (port.h).
// And the calling context must be one the port accepts (not an interrupt handler on an RTOS).
inline Error ensure_port() {
    if (tinycapi_port_context_refused() != 0) return Error::fail;
    if (port_initialised.load(std::memory_order_acquire)) return Error::none;
    if (tinycapi_port_init() != 0) return Error::fail;
    port_initialised.store(true, std::memory_order_release);
    return Error::none;
}

}  // namespace tinycapi::api
