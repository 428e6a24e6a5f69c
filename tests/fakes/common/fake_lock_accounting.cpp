// The mock port's lock accounting (tinycapi_mock_locks_held ...) read from the fake kernel, for
// the host suite linked over an RTOS port: every mutex the suite's tinycapi takes is the port's.
#include <tinycapi/port_mock.h>

#include "fake_kernel.hpp"

extern "C" {

void tinycapi_mock_reset_lock_counters(void) { fake_kernel::reset_counters(); }
unsigned tinycapi_mock_locks_held(void) { return fake_kernel::mutexes_held(); }
unsigned long tinycapi_mock_lock_acquisitions(void) { return fake_kernel::acquisitions(); }
unsigned tinycapi_mock_nested_lock_violations(void) { return fake_kernel::nested_acquisitions(); }

}  // extern "C"
