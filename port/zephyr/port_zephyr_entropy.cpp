// Entropy on Zephyr: the kernel's cryptographically secure generator (CONFIG_CSPRNG_ENABLED,
// fed by the board's entropy driver). Zephyr before 3.5 named the header random/rand32.h.
#include <tinycapi/port.h>

#if __has_include(<zephyr/random/random.h>)
#include <zephyr/random/random.h>
#else
#include <zephyr/random/rand32.h>
#endif

extern "C" int tinycapi_port_entropy(uint8_t *buffer, size_t length) {
    return sys_csrand_get(buffer, length) == 0 ? 0 : -1;
}
