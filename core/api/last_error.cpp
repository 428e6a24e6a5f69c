// GetLastError / SetLastError, per thread through the port. Firmware that has its own
// (TINYCAPI_ENABLE_LAST_ERROR_FUNCTIONS 0) keeps them, and tinycapi calls those.
#include "api_result.hpp"
#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_LAST_ERROR_FUNCTIONS

extern "C" {

DWORD WINAPI GetLastError(void) {
    tinycapi::api::initialise_port();
    return tinycapi_port_get_last_error();
}

void WINAPI SetLastError(DWORD dwErrCode) {
    tinycapi::api::initialise_port();
    tinycapi_port_set_last_error(dwErrCode);
}

}  // extern "C"

#endif
