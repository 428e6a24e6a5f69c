// A tiny test framework for the on-target runner (QEMU mps2-an385) that also builds on a host.
//
// Plain C++17 for -fno-exceptions -fno-rtti, no heap, no stdio: every byte of output goes
// through the OutputHook the image hands to run_all (semihosting on QEMU, stdout on a host).
// It needs no C++ standard library header either (Debian's gcc-arm-none-eabi ships none:
// libstdc++ for it is the separate package libstdc++-arm-none-eabi-newlib), only <stdint.h>
// and <stddef.h> from the C library.
//
//   TINYCAPI_TARGET_TEST(Release, WithFlagsStillReleases) {
//       CHECK_EQ(CryptReleaseContext(provider, 1), FALSE);   // reference §2.3.4
//   }
//
// Registration: each TINYCAPI_TARGET_TEST defines one static TestCase whose constructor
// appends it to an intrusive list (the "static table": the nodes are the tests' own static
// storage, so nothing is allocated). The image's startup must therefore run static
// constructors (.init_array) before main; boards/qemu-mps2-an385/startup.c does. Tests run in
// the order of definition within a file, files in link order.
//
// Several runs at once: an RTOS image may run the suite in several tasks at once (the FreeRTOS
// image of boards/qemu-mps2-an385 does). Each task then has a Run of its own (run_all(Run &)),
// the runner finds the calling task's through set_run_lookup, and the image's gate (Run::enter
// and Run::leave) lets a test marked TINYCAPI_TARGET_TEST_ALONE (it uses file-scope buffers,
// named containers or the default provider, or exhausts a pool) run only while no other test
// runs. Counts of slots in use are exact only when the pools are the test's alone: check them
// with CHECK_IN_USE, which leaves them to the image's final check otherwise.
//
// Checks do not abort the test: a failed CHECK prints the file, line, expression and, for
// CHECK_EQ, both values, and marks the test failed. Both return whether they held, so a test
// can stop where continuing makes no sense: `if (!CHECK(ok)) return;`.
#ifndef TINYCAPI_TESTS_TARGET_RUNNER_HPP
#define TINYCAPI_TESTS_TARGET_RUNNER_HPP

#include <stddef.h>
#include <stdint.h>

namespace tinycapi::target {

// Where the runner's text goes. `text` is not NUL-terminated; `length` bytes are valid.
using OutputHook = void (*)(const char *text, size_t length);

using TestBody = void (*)();

// One registered test. Define these only through TINYCAPI_TARGET_TEST, at namespace scope.
class TestCase {
public:
    TestCase(const char *suite, const char *name, TestBody body, bool alone = false) noexcept;
    TestCase(const TestCase &) = delete;
    TestCase &operator=(const TestCase &) = delete;

    const char *const suite;
    const char *const name;
    const TestBody body;
    const bool alone;  // needs the library to itself where several runs go at once
    TestCase *next = nullptr;
};

// One run of the suite: where its text goes and the gate around each of its tests.
struct Run {
    OutputHook output = nullptr;
    // Called before and after each test with the test's `alone`; nullptr in a single run.
    void (*enter)(bool alone) = nullptr;
    void (*leave)(bool alone) = nullptr;
    // The runner's own state.
    unsigned current_test_failures = 0;
    bool current_test_alone = true;
    unsigned deferred_pool_checks = 0;
};

// Where the calling task's Run is, for images that run several at once.
using RunLookup = Run *(*)();
void set_run_lookup(RunLookup lookup) noexcept;

// A checked value as CHECK_EQ compares and prints it: the bit pattern of the value in its own
// type's width, zero-extended. Two values are equal when those bit patterns are, which is how
// Windows code compares a DWORD from GetLastError() with an NTE_* code typed as a negative
// HRESULT (0x80090009 either way).
struct CheckedValue {
    uint64_t bits;
    unsigned width_bytes;
    bool is_signed;
};

// One overload per integer type (unscoped enums promote to one of them), plus pointers.
#define TINYCAPI_TARGET_CHECKED_VALUE(type, unsigned_type, signed_flag)                          \
    inline CheckedValue checked_value(type value) noexcept {                                   \
        return CheckedValue{static_cast<uint64_t>(static_cast<unsigned_type>(value)),          \
                            sizeof(type), signed_flag};                                        \
    }
TINYCAPI_TARGET_CHECKED_VALUE(char, unsigned char, static_cast<char>(-1) < 0)
TINYCAPI_TARGET_CHECKED_VALUE(signed char, unsigned char, true)
TINYCAPI_TARGET_CHECKED_VALUE(unsigned char, unsigned char, false)
TINYCAPI_TARGET_CHECKED_VALUE(short, unsigned short, true)
TINYCAPI_TARGET_CHECKED_VALUE(unsigned short, unsigned short, false)
TINYCAPI_TARGET_CHECKED_VALUE(int, unsigned int, true)
TINYCAPI_TARGET_CHECKED_VALUE(unsigned int, unsigned int, false)
TINYCAPI_TARGET_CHECKED_VALUE(long, unsigned long, true)
TINYCAPI_TARGET_CHECKED_VALUE(unsigned long, unsigned long, false)
TINYCAPI_TARGET_CHECKED_VALUE(long long, unsigned long long, true)
TINYCAPI_TARGET_CHECKED_VALUE(unsigned long long, unsigned long long, false)
#undef TINYCAPI_TARGET_CHECKED_VALUE

inline CheckedValue checked_value(bool value) noexcept {
    return CheckedValue{value ? 1u : 0u, 1, false};
}

inline CheckedValue checked_value(decltype(nullptr)) noexcept {
    return CheckedValue{0, sizeof(void *), false};
}

template <typename T>
CheckedValue checked_value(T *pointer) noexcept {
    return CheckedValue{reinterpret_cast<uintptr_t>(pointer), sizeof(void *), false};
}

// The bodies of CHECK and CHECK_EQ. They return whether the check held.
bool check_true(bool condition, const char *expression, const char *file, int line) noexcept;
bool check_equal(CheckedValue actual, CheckedValue expected, const char *actual_expression,
                 const char *expected_expression, const char *file, int line) noexcept;

// Print a line of free text from inside a test (e.g. a measured figure), indented under it.
void note(const char *text) noexcept;

// Building a note's text without printf: `words`, or `value` in decimal, written at
// text + at; each returns the new end. The caller sizes `text` and ends it with '\0'.
size_t append_text(char *text, size_t at, const char *words) noexcept;
size_t append_decimal(char *text, size_t at, size_t value) noexcept;

// Run every registered test once, in registration order. Prints one line per test
// ("[ PASS ] Suite.Name" or "[ FAIL ] Suite.Name", failed checks indented above it) and then
// "N passed, N failed". Returns 0 when every test passed (and at least one ran), 1 otherwise:
// the value for main to return.
int run_all(OutputHook output) noexcept;

// The same for one of several runs going at once (set_run_lookup first). With a gate, the
// summary also counts the CHECK_IN_USE checks other runs made inexact.
int run_all(Run &run) noexcept;

// Whether the library's pools are the current test's alone: always in a single run; where
// several go at once, only in a test marked TINYCAPI_TARGET_TEST_ALONE.
bool pools_are_exclusive() noexcept;

// CHECK_IN_USE's other branch: counts a skipped check, holds.
bool defer_pool_check() noexcept;

}  // namespace tinycapi::target

#define TINYCAPI_TARGET_TEST(suite, name)                                                      \
    static void tinycapi_target_test_##suite##_##name();                                       \
    static ::tinycapi::target::TestCase tinycapi_target_case_##suite##_##name(                 \
        #suite, #name, &tinycapi_target_test_##suite##_##name);                                \
    static void tinycapi_target_test_##suite##_##name()

// A test that needs the library to itself where several runs of the suite go at once.
#define TINYCAPI_TARGET_TEST_ALONE(suite, name)                                                \
    static void tinycapi_target_test_##suite##_##name();                                       \
    static ::tinycapi::target::TestCase tinycapi_target_case_##suite##_##name(                 \
        #suite, #name, &tinycapi_target_test_##suite##_##name, true);                          \
    static void tinycapi_target_test_##suite##_##name()

#define CHECK(condition)                                                                       \
    ::tinycapi::target::check_true(static_cast<bool>(condition), #condition, __FILE__, __LINE__)

#define CHECK_EQ(actual, expected)                                                             \
    ::tinycapi::target::check_equal(::tinycapi::target::checked_value(actual),                 \
                                    ::tinycapi::target::checked_value(expected), #actual,      \
                                    #expected, __FILE__, __LINE__)

// A count of slots in use: CHECK_EQ when the pools are the test's alone (pools_are_exclusive),
// else deferred (the image checks the pools are empty once every run has ended).
#define CHECK_IN_USE(actual, expected)                                                         \
    (::tinycapi::target::pools_are_exclusive() ? CHECK_EQ(actual, expected)                    \
                                               : ::tinycapi::target::defer_pool_check())

#endif  // TINYCAPI_TESTS_TARGET_RUNNER_HPP
