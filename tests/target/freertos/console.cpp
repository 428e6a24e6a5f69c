// The FreeRTOS image's console: lines from several tasks, never mixed (see freertos_image.hpp).
#include "freertos_image.hpp"

#include "semphr.h"

extern "C" void board_console_write(const char *text, size_t length);

namespace tinycapi::target::freertos {
namespace {

StaticSemaphore_t console_storage;
SemaphoreHandle_t console;

size_t length_of(const char *text) {
    size_t length = 0;
    while (text[length] != '\0') ++length;
    return length;
}

void write(const char *text) { board_console_write(text, length_of(text)); }

void write_decimal(uint32_t value) {
    char digits[10];
    size_t position = sizeof digits;
    do {
        digits[--position] = static_cast<char>('0' + value % 10u);
        value /= 10u;
    } while (value != 0);
    board_console_write(&digits[position], sizeof digits - position);
}

// Takes the console for one line; before the scheduler there is one thread of execution.
bool running() { return xTaskGetSchedulerState() != taskSCHEDULER_NOT_STARTED; }

void begin_line() {
    if (!running()) return;
    xSemaphoreTake(console, portMAX_DELAY);
    write("[");
    write(pcTaskGetName(nullptr));
    write("] ");
}

void end_line() {
    write("\n");
    if (running()) xSemaphoreGive(console);
}

}  // namespace

void console_init() { console = xSemaphoreCreateMutexStatic(&console_storage); }

void say(const char *text) {
    begin_line();
    write(text);
    end_line();
}

void say(const char *text, size_t length) {
    begin_line();
    board_console_write(text, length);
    end_line();
}

void say_value(const char *text, uint32_t value) {
    begin_line();
    write(text);
    write(" ");
    write_decimal(value);
    end_line();
}

}  // namespace tinycapi::target::freertos
