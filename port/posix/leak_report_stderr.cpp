// The leak report of the posix port (TINYCAPI_LEAK_REPORT): one line on stderr per key or hash
// that the last CryptReleaseContext of its context had to destroy. The address is the return
// address into the code that created it: `addr2line -e <program> <address>` names the line
// (subtract the load address for a position-independent program).
#include <stdio.h>
#include <tinycapi/port.h>
#include <unistd.h>

extern "C" void tinycapi_port_report_leak(const tinycapi_port_leak *leak) {
    char line[200];
    const int length = snprintf(line, sizeof line,
                                "tinycapi: leaked %s (ALG_ID 0x%04x, handle 0x%lx) of context 0x%lx, "
                                "created by %s called from %p\n",
                                leak->kind == TINYCAPI_PORT_LEAKED_HASH ? "hash" : "key",
                                static_cast<unsigned>(leak->algorithm), static_cast<unsigned long>(leak->handle),
                                static_cast<unsigned long>(leak->context),
                                leak->created_in != nullptr ? leak->created_in : "?", leak->created_by);
    if (length <= 0) return;
    const size_t size = static_cast<size_t>(length) < sizeof line ? static_cast<size_t>(length) : sizeof line - 1;
    // Best effort: a report that cannot be written is dropped.
    if (write(STDERR_FILENO, line, size) < 0) return;
}
