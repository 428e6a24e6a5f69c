// The FreeRTOS test image of boards/qemu-mps2-an385 (see main.cpp): what its files share.
#ifndef TINYCAPI_TESTS_TARGET_FREERTOS_IMAGE_HPP
#define TINYCAPI_TESTS_TARGET_FREERTOS_IMAGE_HPP

#include <stdint.h>

#include "FreeRTOS.h"
#include "task.h"
#include "runner.hpp"

namespace tinycapi::target::freertos {

// The thread-local-storage pointer holding a suite task's SuiteRun (index 0 is tinycapi's).
constexpr BaseType_t kRunTlsIndex = 1;

// console.cpp: whole lines on the semihosting console, one task at a time, each prefixed
// with the task's name ("[suite-a] [ PASS ] Hash.KnownAnswers..."); before the scheduler
// starts, plain.
void console_init();
void say(const char *text);                   // one line (the newline is added)
void say(const char *text, size_t length);    // the same, `length` bytes
void say_value(const char *text, uint32_t value);  // "text value"

// suite_runs.cpp: one run of the on-target suite per task, through the gate.
struct SuiteRun {
    Run run;
    char line[192];
    size_t used = 0;
};
void suite_runs_init();                       // before the scheduler
int run_suite(SuiteRun &suite);               // in the task that owns `suite`
unsigned alone_waits();                       // how often an alone test waited for others
unsigned overlapping_shared_tests();          // shared tests that started while another ran
// Work outside the suite that uses the pools (the context race) counts as a shared test:
// join before the suites start, leave when done; alone tests wait for it.
void join_as_shared_test();
void leave_as_shared_test();

// context_race.cpp: CryptContextAddRef/CryptReleaseContext on one context from two tasks.
struct RaceResult {
    unsigned failures;
    unsigned interleavings;  // times a racer found the other had run since its last call
};
RaceResult race_references(uintptr_t provider, unsigned racer, unsigned rounds);

// interrupt_refusal.cpp: a Crypt* call from an interrupt handler; number of failed checks.
void interrupt_refusal_install();             // before the scheduler
unsigned check_interrupt_refusal(uintptr_t provider);

// mbedtls_glue.cpp: port/freertos's Mbed TLS threading glue; numbers of failed checks.
unsigned check_mbedtls_glue_before_scheduler();
unsigned check_mbedtls_glue();

}  // namespace tinycapi::target::freertos

#endif  // TINYCAPI_TESTS_TARGET_FREERTOS_IMAGE_HPP
