// The leak report's receiving end in the mock port: it keeps what tinycapi reports
// (TINYCAPI_LEAK_REPORT) so that a test can assert that nothing leaked, or what did.
#include <tinycapi/port.h>
#include <tinycapi/port_mock.h>

#include <mutex>

#include "mock_state.hpp"

namespace {

constexpr size_t kKeptLeaks = 64;

std::mutex leaks_mutex;
tinycapi_port_leak leaks[kKeptLeaks];
size_t leak_count;  // every report, also those beyond kKeptLeaks

}  // namespace

namespace tinycapi::mock {

void clear_leaks() {
    std::lock_guard<std::mutex> guard(leaks_mutex);
    leak_count = 0;
}

}  // namespace tinycapi::mock

extern "C" {

void tinycapi_port_report_leak(const tinycapi_port_leak *leak) {
    std::lock_guard<std::mutex> guard(leaks_mutex);
    if (leak_count < kKeptLeaks) leaks[leak_count] = *leak;
    ++leak_count;
}

size_t tinycapi_mock_leak_count(void) {
    std::lock_guard<std::mutex> guard(leaks_mutex);
    return leak_count;
}

int tinycapi_mock_leak_at(size_t index, tinycapi_port_leak *out) {
    std::lock_guard<std::mutex> guard(leaks_mutex);
    if (out == nullptr || index >= leak_count || index >= kKeptLeaks) return -1;
    *out = leaks[index];
    return 0;
}

void tinycapi_mock_clear_leaks(void) { tinycapi::mock::clear_leaks(); }

}  // extern "C"
