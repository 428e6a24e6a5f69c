// What tinycapi_mock_reset clears in the mock port's parts besides port_mock.cpp.
#pragma once

namespace tinycapi::mock {

void clear_call_failures();
void clear_leaks();

}  // namespace tinycapi::mock
