// One run of the on-target suite per task (see freertos_image.hpp).
//
// The gate: tests run concurrently in every run, except those marked
// TINYCAPI_TARGET_TEST_ALONE (file-scope buffers, named containers, the default provider, a pool
// exhausted on purpose), which run while no other test of any run does. A readers-writer
// turnstile: every test passes the turnstile mutex; a shared test only counts itself in, an
// alone test keeps the turnstile (no test can start) until the tests already running end.
#include <atomic>

#include "freertos_image.hpp"
#include "semphr.h"

namespace tinycapi::target::freertos {
namespace {

StaticSemaphore_t turnstile_storage;
SemaphoreHandle_t turnstile;
std::atomic<unsigned> shared_tests_running{0};
std::atomic<unsigned> waits_for_alone{0};
std::atomic<unsigned> overlapping_starts{0};

SuiteRun &current_suite() {
    return *static_cast<SuiteRun *>(pvTaskGetThreadLocalStoragePointer(nullptr, kRunTlsIndex));
}

Run *current_run() { return &current_suite().run; }

void enter(bool alone) {
    xSemaphoreTake(turnstile, portMAX_DELAY);
    if (!alone) {
        if (shared_tests_running.fetch_add(1) != 0) overlapping_starts.fetch_add(1);
        xSemaphoreGive(turnstile);
        return;
    }
    if (shared_tests_running.load() != 0) waits_for_alone.fetch_add(1);
    while (shared_tests_running.load() != 0) vTaskDelay(1);
}

void leave(bool alone) {
    if (alone) {
        xSemaphoreGive(turnstile);
    } else {
        shared_tests_running.fetch_sub(1);
    }
}

// The runner's output: whole lines to the console, prefixed with the task's name.
void output(const char *text, size_t length) {
    SuiteRun &suite = current_suite();
    for (size_t i = 0; i < length; ++i) {
        if (text[i] == '\n' || suite.used == sizeof suite.line) {
            say(suite.line, suite.used);
            suite.used = 0;
            if (text[i] == '\n') continue;
        }
        suite.line[suite.used++] = text[i];
    }
}

}  // namespace

void suite_runs_init() {
    turnstile = xSemaphoreCreateMutexStatic(&turnstile_storage);
    set_run_lookup(&current_run);
}

int run_suite(SuiteRun &suite) {
    suite.run.output = &output;
    suite.run.enter = &enter;
    suite.run.leave = &leave;
    vTaskSetThreadLocalStoragePointer(nullptr, kRunTlsIndex, &suite);
    return run_all(suite.run);
}

void join_as_shared_test() { shared_tests_running.fetch_add(1); }

void leave_as_shared_test() { shared_tests_running.fetch_sub(1); }

unsigned alone_waits() { return waits_for_alone.load(); }

unsigned overlapping_shared_tests() { return overlapping_starts.load(); }

}  // namespace tinycapi::target::freertos
