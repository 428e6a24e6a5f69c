/*
 * The entropy hook of the generic Cortex-M4 build check: a STUB THAT ALWAYS FAILS.
 *
 * tinycapi seeds CryptGenRandom's CTR_DRBG from tinycapi_port_entropy
 * (port/include/tinycapi/port.h). This board is no particular chip, so it has no TRNG driver
 * to call, and it does not pretend: every call fails, so CryptGenRandom fails with NTE_FAIL
 * and writes nothing. The rest of the API works.
 *
 * Integrator: replace this file with one that reads your MCU's true random number generator
 * (STM32 RNG, nRF RNG, SAM TRNG, i.MX TRNG, ...): fill `buffer` with `length` bytes of full
 * entropy and return 0, or return non-zero when the source reports a fault (seed or clock
 * error). It may block while the TRNG gathers bits; it must not allocate or call tinycapi.
 */
#include <tinycapi/port.h>

int tinycapi_port_entropy(uint8_t *buffer, size_t length) {
    (void)buffer;
    (void)length;
    return -1; /* no TRNG wired up: see above */
}
