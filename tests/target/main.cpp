// Entry point of the on-target test image: run every registered test, print through the
// board's console, and return the verdict (0 = all passed), which the board's startup hands
// to the host as the exit status (on QEMU: semihosting SYS_EXIT_EXTENDED → ctest).
#include "runner.hpp"

// The board's console hook: boards/common/semihosting.c on QEMU,
// boards/host/console_stdio.c on a host.
extern "C" void board_console_write(const char *text, size_t length);

int main() { return tinycapi::target::run_all(&board_console_write); }
