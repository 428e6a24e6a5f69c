/*
 * tinycapi_port_entropy for the micro:bit: the nRF51's RNG peripheral, bias correction on,
 * health-tested (nrf51_rng.h). This is what a real micro:bit runs; under QEMU (`-M microbit`)
 * the model of the peripheral answers with bytes from the host's random source.
 *
 * Not reentrant: the bare-metal port calls it from one context (tinycapi's DRBG lock is held
 * around every seeding). A board with an RTOS and other users of the RNG serialises them.
 */
#include <tinycapi/port.h>

#include "nrf51_rng.h"

static nrf51_rng_health rng_health;

int tinycapi_port_entropy(uint8_t *buffer, size_t length) {
    return nrf51_rng_read((nrf51_rng_registers *)NRF51_RNG_BASE, &rng_health, buffer, length);
}
