// Figures (README, "On an RTOS"): what one lock round trip (tinycapi_port_lock + unlock) and one
// last-error write + read cost through a port, uncontended, on the host. Built once per RTOS port
// over its fake, and over the posix port for comparison; printed, never asserted. On a fake the
// figure is the fake's cost (a pthread mutex and bookkeeping), not the RTOS's: it shows what the
// port adds around the kernel call, and that the suite's locking is not dominated by it.
#include <tinycapi/port.h>

#include <chrono>
#include <cstdio>

int main(int argc, char **argv) {
    const char *port = argc > 1 ? argv[1] : "?";
    if (tinycapi_port_init() != 0 || tinycapi_port_context_refused() != 0) {
        std::printf("[ figures  ] %s: the port refused this thread\n", port);
        return 1;
    }
    constexpr int kRounds = 1'000'000;
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kRounds; ++i) {
        tinycapi_port_lock(TINYCAPI_LOCK_HANDLES);
        tinycapi_port_unlock(TINYCAPI_LOCK_HANDLES);
    }
    auto locked = std::chrono::steady_clock::now();
    uint32_t sum = 0;
    for (int i = 0; i < kRounds; ++i) {
        tinycapi_port_set_last_error(static_cast<uint32_t>(i));
        sum += tinycapi_port_get_last_error();
    }
    auto errors = std::chrono::steady_clock::now();
    for (int i = 0; i < kRounds; ++i) sum += static_cast<uint32_t>(tinycapi_port_context_refused());
    auto contexts = std::chrono::steady_clock::now();
    auto ns = [](auto from, auto to) {
        return std::chrono::duration<double, std::nano>(to - from).count() / kRounds;
    };
    std::printf("[ figures  ] %-12s lock round trip %6.1f ns, last error set+get %6.1f ns, context check %5.1f ns (%u)\n",
                port, ns(start, locked), ns(locked, errors), ns(errors, contexts), sum & 1u);
    return 0;
}
