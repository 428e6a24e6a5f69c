// The FreeRTOS test image of boards/qemu-mps2-an385 (FreeRTOS-Kernel V11, port GCC/ARM_CM3,
// tinycapi over port/freertos). What it proves, in order:
//
//   main(), before vTaskStartScheduler: tinycapi works with no scheduler (port/freertos takes
//     no mutex then and keeps one last error): a context is acquired, SHA-1("abc") matches
//     FIPS 180-2's answer, a bad call sets ERROR_INVALID_PARAMETER.
//   supervisor (alone, at a higher priority): a new task's last error is 0, not main()'s; a
//     Crypt* call from an interrupt handler fails with NTE_FAIL while the task holds a lock
//     (interrupt_refusal.cpp); the Mbed TLS threading glue on the kernel's mutexes, before the
//     scheduler too (mbedtls_glue.cpp).
//   suite-a, suite-b: the whole on-target suite, each task a run of its own, at once
//     (suite_runs.cpp: the tests marked TINYCAPI_TARGET_TEST_ALONE run while no other does).
//   racer and supervisor: CryptContextAddRef/CryptReleaseContext on main()'s context
//     (context_race.cpp), meanwhile, as one shared test each (alone tests wait for them: the
//     context's slot and the race's hashes are in the pools); when both have ended, main()'s
//     reference is the last (its release succeeds, a further one fails with
//     ERROR_INVALID_PARAMETER).
//   supervisor, when all have ended: no slot of any pool is in use.
//
// The exit status (semihosting, as every image of the board) is 0 only if all of it held.
#include <atomic>

#include <tinycapi/tinycapi.h>
#include <tinycapi/wincrypt.h>

#include "freertos_image.hpp"
#include "semihosting.h"

namespace tf = tinycapi::target::freertos;

namespace {

// Static tasks. The suite's deepest path (RSA key generation) used 8.3 KiB of a suite task's
// stack (the high-water mark printed at the end): 16 KiB leaves it twice that.
constexpr configSTACK_DEPTH_TYPE kSuiteStackWords = 16 * 1024 / sizeof(StackType_t);
constexpr configSTACK_DEPTH_TYPE kSmallStackWords = 4 * 1024 / sizeof(StackType_t);
constexpr UBaseType_t kPriority = 1;
constexpr unsigned kRaceRounds = 3000;

struct StaticTaskMemory {
    StaticTask_t task;
    TaskHandle_t handle;
};

StaticTaskMemory supervisor, suite_a, suite_b, racer;
StackType_t supervisor_stack[kSmallStackWords];
StackType_t racer_stack[kSmallStackWords];
StackType_t suite_a_stack[kSuiteStackWords];
StackType_t suite_b_stack[kSuiteStackWords];

tf::SuiteRun run_a, run_b;
volatile int suite_a_result = -1;
volatile int suite_b_result = -1;
std::atomic<bool> racer_done{false};  // orders racer_result before it
tf::RaceResult racer_result;

HCRYPTPROV shared_provider;

void report_done() { xTaskNotifyGive(supervisor.handle); }

void suite_a_task(void *) {
    suite_a_result = tf::run_suite(run_a);
    report_done();
    vTaskSuspend(nullptr);
}

void suite_b_task(void *) {
    suite_b_result = tf::run_suite(run_b);
    report_done();
    vTaskSuspend(nullptr);
}

void racer_task(void *) {
    racer_result = tf::race_references(shared_provider, 1, kRaceRounds);
    racer_done = true;
    report_done();
    vTaskSuspend(nullptr);
}

uint32_t in_use(tinycapi_pool_id pool) {
    tinycapi_pool_stats stats{};
    return tinycapi_get_pool_stats(pool, &stats) == 0 ? stats.in_use : 0xffffffffu;
}

unsigned check(bool held, const char *what) {
    if (held) return 0;
    tf::say(what);
    return 1;
}

void supervisor_task(void *) {
    unsigned failures = 0;
    failures += check(GetLastError() == 0, "FAIL: a new task's last error is not 0");
    failures += tf::check_interrupt_refusal(shared_provider);
    failures += tf::check_mbedtls_glue();

    // Everyone else starts now: the suites, the racer, and this task racing it. The race joins
    // the gate before any test can start.
    tf::join_as_shared_test();  // the racer's
    tf::join_as_shared_test();  // this task's
    const TickType_t start = xTaskGetTickCount();
    vTaskPrioritySet(nullptr, kPriority);
    const tf::RaceResult own = tf::race_references(shared_provider, 2, kRaceRounds);
    int ended = 0;
    while (!racer_done) {
        ulTaskNotifyTake(pdFALSE, portMAX_DELAY);
        ++ended;
    }
    failures += check(own.failures == 0 && racer_result.failures == 0,
                      "FAIL: an AddRef, Release or CreateHash of the race failed");
    // main()'s reference is the last one left: it releases, a further release is refused.
    failures += check(CryptReleaseContext(shared_provider, 0) == TRUE, "FAIL: the last release");
    failures += check(CryptReleaseContext(shared_provider, 0) == FALSE &&
                          GetLastError() == static_cast<DWORD>(ERROR_INVALID_PARAMETER),
                      "FAIL: a release after the last one is not ERROR_INVALID_PARAMETER");
    tf::leave_as_shared_test();  // the racer's
    tf::leave_as_shared_test();  // this task's
    if (failures == 0) tf::say("[ PASS ] context race: every AddRef and Release held, main()'s reference was the last");
    tf::say_value("context race: calls by each racer, about", kRaceRounds * 6u);
    tf::say_value("context race: turns taken between the racers", own.interleavings + racer_result.interleavings);
    for (; ended < 3; ++ended) ulTaskNotifyTake(pdFALSE, portMAX_DELAY);
    const TickType_t ticks = xTaskGetTickCount() - start;

    failures += check(suite_a_result == 0, "FAIL: suite-a");
    failures += check(suite_b_result == 0, "FAIL: suite-b");
    failures += check(in_use(TINYCAPI_POOL_PROVIDERS) == 0 && in_use(TINYCAPI_POOL_KEYS) == 0 &&
                          in_use(TINYCAPI_POOL_HASHES) == 0,
                      "FAIL: slots left in use once every task ended");
    tinycapi_arena_stats arena{};
    if (tinycapi_get_arena_stats(&arena) == 0) {
        failures += check(arena.in_use == 0, "FAIL: arena bytes left in use");
    }
    tf::say_value("shared tests that started while another (or the race) ran:", tf::overlapping_shared_tests());
    tf::say_value("alone tests that waited for running tests:", tf::alone_waits());
    tf::say_value("stack words never used: suite-a", uxTaskGetStackHighWaterMark(suite_a.handle));
    tf::say_value("stack words never used: suite-b", uxTaskGetStackHighWaterMark(suite_b.handle));
    tf::say_value("stack words never used: racer", uxTaskGetStackHighWaterMark(racer.handle));
    tf::say_value("stack words never used: supervisor", uxTaskGetStackHighWaterMark(nullptr));
    tf::say_value("ms from the tasks' start to the last one's end:", ticks * 1000u / configTICK_RATE_HZ);
    tf::say(failures == 0 ? "FreeRTOS image: every task passed" : "FreeRTOS image: FAILED");
    semihosting_exit(failures == 0 ? 0 : 1);
}

TaskHandle_t create(TaskFunction_t body, const char *name, configSTACK_DEPTH_TYPE words,
                    StackType_t *stack, UBaseType_t priority, StaticTaskMemory &memory) {
    memory.handle = xTaskCreateStatic(body, name, words, nullptr, priority, stack, &memory.task);
    return memory.handle;
}

// Before the scheduler: one thread of execution, and tinycapi must work already.
unsigned check_before_scheduler() {
    // FIPS 180-2, appendix A.1: SHA-1("abc").
    static const BYTE sha1_abc[20] = {0xa9, 0x99, 0x3e, 0x36, 0x47, 0x06, 0x81, 0x6a, 0xba, 0x3e,
                                      0x25, 0x71, 0x78, 0x50, 0xc2, 0x6c, 0x9c, 0xd0, 0xd8, 0x9d};
    unsigned failures = 0;
    failures += check(CryptAcquireContextA(&shared_provider, nullptr, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                                           CRYPT_VERIFYCONTEXT) == TRUE,
                      "FAIL: CryptAcquireContext before the scheduler");
    HCRYPTHASH hash = 0;
    BYTE digest[20] = {};
    DWORD length = sizeof digest;
    const BYTE abc[3] = {'a', 'b', 'c'};
    failures += check(CryptCreateHash(shared_provider, CALG_SHA1, 0, 0, &hash) == TRUE &&
                          CryptHashData(hash, abc, sizeof abc, 0) == TRUE &&
                          CryptGetHashParam(hash, HP_HASHVAL, digest, &length, 0) == TRUE &&
                          CryptDestroyHash(hash) == TRUE,
                      "FAIL: SHA-1 before the scheduler");
    for (DWORD i = 0; i < sizeof digest; ++i) {
        if (digest[i] != sha1_abc[i]) {
            failures += check(false, "FAIL: SHA-1(\"abc\") before the scheduler is not FIPS 180-2's");
            break;
        }
    }
    failures += check(CryptReleaseContext(0, 0) == FALSE && GetLastError() == static_cast<DWORD>(ERROR_INVALID_PARAMETER),
                      "FAIL: the last error before the scheduler");
    if (failures == 0) tf::say("[ PASS ] before vTaskStartScheduler: acquire, SHA-1(\"abc\"), last error");
    return failures;
}

}  // namespace

int main() {
    tf::console_init();
    tf::suite_runs_init();
    tf::interrupt_refusal_install();
    if (check_before_scheduler() + tf::check_mbedtls_glue_before_scheduler() != 0) return 1;
    // The supervisor starts above the others: its interrupt check runs alone.
    if (create(&supervisor_task, "supervisor", kSmallStackWords, supervisor_stack, kPriority + 1, supervisor) == nullptr ||
        create(&suite_a_task, "suite-a", kSuiteStackWords, suite_a_stack, kPriority, suite_a) == nullptr ||
        create(&suite_b_task, "suite-b", kSuiteStackWords, suite_b_stack, kPriority, suite_b) == nullptr ||
        create(&racer_task, "racer", kSmallStackWords, racer_stack, kPriority, racer) == nullptr) {
        tf::say("FAIL: a task was not created");
        return 1;
    }
    vTaskStartScheduler();
    tf::say("FAIL: vTaskStartScheduler returned");
    return 1;
}
