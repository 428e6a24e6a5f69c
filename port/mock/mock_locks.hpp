// The mock port's lock accounting is reset with the rest of the mock (tinycapi_mock_reset).
// Defined by mock_locks.cpp, or by the RTOS fakes' accounting when an RTOS port's locks take
// the mock's place (tests/fakes/common/fake_lock_accounting.cpp).
#pragma once

extern "C" void tinycapi_mock_reset_lock_counters(void);
