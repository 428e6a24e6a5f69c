/*
 * Firmware that has its own GetLastError/SetLastError (a Win32 emulation layer, say) switches
 * tinycapi's off with TINYCAPI_ENABLE_LAST_ERROR_FUNCTIONS 0, and tinycapi then calls these.
 * The minimal configuration this board builds with does so, which proves the switch links.
 */
#include <tinycapi/wincrypt.h>

#include "tinycapi_config.h"

#if !TINYCAPI_ENABLE_LAST_ERROR_FUNCTIONS

/* One thread of execution on this board: one value. */
static DWORD firmware_last_error;

DWORD WINAPI GetLastError(void) { return firmware_last_error; }

void WINAPI SetLastError(DWORD dwErrCode) { firmware_last_error = dwErrCode; }

#endif
