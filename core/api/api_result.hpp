// How every entry point ends: the first failing check's Windows code goes to the thread's
// last error, once, and the function returns FALSE; success returns TRUE and leaves the last
// error alone (reference §1.1). Also what every entry point does first: the lazy port
// initialisation and, in test builds, the failure a test injected.
#pragma once

#include <tinycapi/port.h>
#include <tinycapi/wincrypt.h>

#include <atomic>

#include "objects/error.hpp"
#include "tinycapi_config.h"

namespace tinycapi::api {

using objects::Error;

// A call's steps in a function of their own, returning the first failure to the entry
// point's one finish(): at -Os (Cortex-M) it stays out of line, so its every failure leaves
// through one exit; elsewhere it is expanded into the entry point as before.
#if defined(__OPTIMIZE_SIZE__)
#define TINYCAPI_CALL_STEPS __attribute__((noinline))
#else
#define TINYCAPI_CALL_STEPS inline
#endif

inline BOOL fail(Error error) {
    SetLastError(static_cast<DWORD>(error));
    return FALSE;
}

inline BOOL finish(Error error) { return error == Error::none ? TRUE : fail(error); }

#if TINYCAPI_FAILURE_INJECTION
// Weak: only a test port defines it (port.h); elsewhere its address is null.
extern "C" __attribute__((weak)) uint32_t tinycapi_port_injected_failure(const char *entry_point);
#endif

extern std::atomic<bool> port_initialised;  // NOLINT(bugprone-dynamic-static-initializers): a declaration; the definition (context.cpp) is constant-initialised

inline Error injected_failure(const char *entry_point) {
#if TINYCAPI_FAILURE_INJECTION
    if (tinycapi_port_injected_failure != nullptr) return static_cast<Error>(tinycapi_port_injected_failure(entry_point));
#else
    (void)entry_point;
#endif
    return Error::none;
}

// The port's contract: tinycapi_port_init runs before any other hook (port.h).
// And the calling context must be one the port accepts (not an interrupt handler on an RTOS).
// At -Os on gcc one copy serves every entry point and SetLastError (no inlined or cloned ones).
#if defined(__OPTIMIZE_SIZE__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((noinline, noclone))
#endif
inline Error initialise_port() {
    if (tinycapi_port_context_refused() != 0) return Error::fail;
    if (port_initialised.load(std::memory_order_acquire)) return Error::none;
    if (tinycapi_port_init() != 0) return Error::fail;
    port_initialised.store(true, std::memory_order_release);
    return Error::none;
}

// What every Crypt* entry point does first. `entry_point` names it; entry points that share a
// helper (the A and W forms) pass their own name through it.
inline Error ensure_port(const char *entry_point = __builtin_FUNCTION()) {
    if (Error e = initialise_port(); e != Error::none) return e;
    return injected_failure(entry_point);
}

}  // namespace tinycapi::api
