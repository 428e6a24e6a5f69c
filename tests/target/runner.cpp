// The on-target test runner (see runner.hpp): registration list, checks, output formatting.
#include "runner.hpp"

namespace tinycapi::target {
namespace {

// Constant-initialised (zero) before any TestCase constructor runs, in whatever order the
// translation units' constructors come.
TestCase *first_test;
TestCase *last_test;

// The run of run_all(OutputHook), or of run_all(Run &) without a lookup.
Run *single_run;
RunLookup run_lookup;

Run &current_run() { return run_lookup != nullptr ? *run_lookup() : *single_run; }

size_t text_length(const char *text) {
    size_t length = 0;
    while (text[length] != '\0') {
        ++length;
    }
    return length;
}

void write(const char *text, size_t length) {
    const OutputHook output = current_run().output;
    if (output != nullptr && length > 0) {
        output(text, length);
    }
}

void write(const char *text) { write(text, text_length(text)); }

void write_unsigned(uint64_t value) {
    char digits[20];
    size_t position = sizeof digits;
    do {
        digits[--position] = static_cast<char>('0' + value % 10u);
        value /= 10u;
    } while (value != 0);
    write(&digits[position], sizeof digits - position);
}

void write_hex(uint64_t value, unsigned digit_count) {
    static const char hex_digits[] = "0123456789abcdef";
    char text[2 + 16] = {'0', 'x'};
    for (unsigned i = 0; i < digit_count; ++i) {
        text[2 + i] = hex_digits[(value >> (4u * (digit_count - 1u - i))) & 0xfu];
    }
    write(text, 2 + digit_count);
}

// "0x80090009 (2148073481)", or "(-5)" for a negative signed value, or "(1)" for bool.
void write_value(const CheckedValue &value) {
    write_hex(value.bits, 2u * value.width_bytes);
    write(" (");
    const unsigned bits_in_type = 8u * value.width_bytes;
    const uint64_t sign_bit = uint64_t{1} << (bits_in_type - 1u);
    if (value.is_signed && (value.bits & sign_bit) != 0) {
        // Two's complement magnitude within the type's width.
        const uint64_t mask = bits_in_type == 64u ? ~uint64_t{0} : (sign_bit << 1u) - 1u;
        write("-");
        write_unsigned(((~value.bits) & mask) + 1u);
    } else {
        write_unsigned(value.bits);
    }
    write(")");
}

// __FILE__ without its directories: "lifecycle_tests.cpp".
const char *base_name(const char *path) {
    const char *name = path;
    for (const char *p = path; *p != '\0'; ++p) {
        if (*p == '/' || *p == '\\') {
            name = p + 1;
        }
    }
    return name;
}

void write_location(const char *file, int line) {
    write("    ");
    write(base_name(file));
    write(":");
    write_unsigned(static_cast<uint64_t>(line < 0 ? 0 : line));
    write(": ");
}

}  // namespace

TestCase::TestCase(const char *suite_name, const char *test_name, TestBody test_body,
                   bool needs_library_alone) noexcept
    : suite(suite_name), name(test_name), body(test_body), alone(needs_library_alone) {
    if (last_test == nullptr) {
        first_test = this;
    } else {
        last_test->next = this;
    }
    last_test = this;
}

bool check_true(bool condition, const char *expression, const char *file, int line) noexcept {
    if (condition) {
        return true;
    }
    ++current_run().current_test_failures;
    write_location(file, line);
    write("CHECK(");
    write(expression);
    write(") failed\n");
    return false;
}

bool check_equal(CheckedValue actual, CheckedValue expected, const char *actual_expression,
                 const char *expected_expression, const char *file, int line) noexcept {
    if (actual.bits == expected.bits) {
        return true;
    }
    ++current_run().current_test_failures;
    write_location(file, line);
    write("CHECK_EQ(");
    write(actual_expression);
    write(", ");
    write(expected_expression);
    write(") failed: ");
    write_value(actual);
    write(" != ");
    write_value(expected);
    write("\n");
    return false;
}

void note(const char *text) noexcept {
    write("    ");
    write(text);
    write("\n");
}

size_t append_text(char *text, size_t at, const char *words) noexcept {
    while (*words) text[at++] = *words++;
    return at;
}

size_t append_decimal(char *text, size_t at, size_t value) noexcept {
    char digits[20];
    size_t count = 0;
    do {
        digits[count++] = static_cast<char>('0' + value % 10u);
        value /= 10u;
    } while (value != 0);
    while (count > 0) text[at++] = digits[--count];
    return at;
}

void set_run_lookup(RunLookup lookup) noexcept { run_lookup = lookup; }

bool pools_are_exclusive() noexcept { return current_run().current_test_alone; }

bool defer_pool_check() noexcept {
    ++current_run().deferred_pool_checks;
    return true;
}

int run_all(OutputHook output) noexcept {
    static Run run;
    run.output = output;
    return run_all(run);
}

int run_all(Run &run) noexcept {
    if (run_lookup == nullptr) single_run = &run;
    unsigned passed = 0;
    unsigned failed = 0;
    for (TestCase *test = first_test; test != nullptr; test = test->next) {
        if (run.enter != nullptr) run.enter(test->alone);
        run.current_test_alone = run.enter == nullptr || test->alone;
        run.current_test_failures = 0;
        test->body();
        const bool test_passed = run.current_test_failures == 0;
        if (run.leave != nullptr) run.leave(test->alone);
        if (test_passed) {
            ++passed;
            write("[ PASS ] ");
        } else {
            ++failed;
            write("[ FAIL ] ");
        }
        write(test->suite);
        write(".");
        write(test->name);
        write(test->alone && run.enter != nullptr ? " (alone)\n" : "\n");
    }
    write_unsigned(passed);
    write(" passed, ");
    write_unsigned(failed);
    write(" failed");
    if (run.deferred_pool_checks != 0) {
        write(", ");
        write_unsigned(run.deferred_pool_checks);
        write(" slot counts left to the final check (other runs shared the pools)");
    }
    write("\n");
    return (failed == 0 && passed > 0) ? 0 : 1;
}

}  // namespace tinycapi::target
