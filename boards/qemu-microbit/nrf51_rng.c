/* nRF51 RNG driver with a continuous health test: see nrf51_rng.h. */
#include "nrf51_rng.h"

/* The host tests advance their fake peripheral here (one byte per wait); on the target the
 * wait is empty and the hardware sets VALRDY by itself. */
#ifdef NRF51_RNG_TEST_WAIT_HOOK
void NRF51_RNG_TEST_WAIT_HOOK(nrf51_rng_registers *rng);
#define NRF51_RNG_WAIT(rng) NRF51_RNG_TEST_WAIT_HOOK(rng)
#else
#define NRF51_RNG_WAIT(rng) ((void)(rng))
#endif

/* One byte from the peripheral, or -1 if VALRDY never comes. */
static int next_byte(nrf51_rng_registers *rng, uint8_t *byte) {
    for (unsigned long polls = 0; rng->EVENTS_VALRDY == 0; ++polls) {
        if (polls >= NRF51_RNG_MAX_POLLS) {
            return -1;
        }
        NRF51_RNG_WAIT(rng);
    }
    /* Clear the event before reading, so that the next byte's event is never lost. */
    rng->EVENTS_VALRDY = 0;
    *byte = (uint8_t)(rng->VALUE & 0xffu);
    return 0;
}

/* SP 800-90B §4.4.1 and §4.4.2 on one sample; returns 0 while the source looks healthy. */
static int health_test(nrf51_rng_health *health, uint8_t sample) {
    if (health->rct_count != 0 && sample == health->rct_value) {
        if (++health->rct_count >= NRF51_RNG_RCT_CUTOFF) {
            return -1;
        }
    } else {
        health->rct_value = sample;
        health->rct_count = 1;
    }

    if (health->apt_position == 0) {
        health->apt_value = sample;
        health->apt_count = 1;
    } else if (sample == health->apt_value) {
        if (++health->apt_count >= NRF51_RNG_APT_CUTOFF) {
            return -1;
        }
    }
    if (++health->apt_position == NRF51_RNG_APT_WINDOW) {
        health->apt_position = 0;
    }
    return 0;
}

static int read_tested(nrf51_rng_registers *rng, nrf51_rng_health *health, uint8_t *buffer, size_t length) {
    for (size_t i = 0; i < length; ++i) {
        uint8_t byte;
        if (next_byte(rng, &byte) != 0 || health_test(health, byte) != 0) {
            return -1;
        }
        if (buffer != NULL) {
            buffer[i] = byte;
        }
    }
    return 0;
}

int nrf51_rng_read(nrf51_rng_registers *rng, nrf51_rng_health *health, uint8_t *buffer, size_t length) {
    if (health->failed) {
        return -1;
    }
    rng->INTENCLR = NRF51_RNG_INTENCLR_VALRDY;
    rng->SHORTS = 0;
    rng->CONFIG = NRF51_RNG_CONFIG_DERCEN;
    rng->EVENTS_VALRDY = 0;
    rng->TASKS_START = 1;

    int result = 0;
    if (!health->started) {
        result = read_tested(rng, health, NULL, NRF51_RNG_STARTUP_BYTES); /* discarded */
        health->started = result == 0;
    }
    if (result == 0) {
        result = read_tested(rng, health, buffer, length);
    }

    rng->TASKS_STOP = 1;
    if (result != 0) {
        health->failed = 1;
    }
    return result;
}
