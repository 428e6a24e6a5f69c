/*
 * Driver for the RNG peripheral of the nRF51 series (nRF51822: the BBC micro:bit's MCU),
 * written from Nordic's nRF51 Series Reference Manual v3.0, chapter 21 "RNG — Random number
 * generator", with a continuous health test from NIST SP 800-90B §4.4.
 *
 * The peripheral produces one byte at a time from thermal noise. With CONFIG.DERCEN set
 * (bias correction: a digital corrector that removes a bias towards '1' or '0') the bytes
 * are uniformly distributed but come several times slower (hundreds of microseconds a byte;
 * the product specification gives the figures). A byte is ready when EVENTS_VALRDY is set; VALUE holds it. This
 * driver polls VALRDY (no interrupt: it owns the peripheral only while it reads) and stops
 * the generator when it has what it was asked for.
 *
 * Health test: every byte goes through SP 800-90B's Repetition Count Test (§4.4.1) and
 * Adaptive Proportion Test (§4.4.2), with cutoffs for an assumed min-entropy of 2 bits per
 * byte (far below what the corrected output carries; the false-alarm rate is then below
 * 2^-20 per test, as the standard asks):
 *   - RCT: 11 identical bytes in a row (C = 1 + ceil(20 / H)) is a failure: a stuck source;
 *   - APT: one value 177 or more times in a window of 512 bytes (C = 1 + CRITBINOM(512,
 *     2^-H, 1 - 2^-20)) is a failure: a source repeating a short pattern or heavily biased.
 * The first use runs a start-up test over 1024 bytes that are then discarded (§4.3: two APT
 * windows). A peripheral that never sets VALRDY fails too (a bounded wait). Any failure is
 * latched: the source stays failed until reset, so tinycapi fails every seeding with its
 * Windows error (NTE_FAIL from CryptGenRandom) and never runs on a bad source.
 *
 * Plain C99. The register block is a parameter so that the host tests drive the same code
 * against a fake block in memory (tests/unit/nrf51_rng_test.cpp).
 */
#ifndef TINYCAPI_BOARD_NRF51_RNG_H
#define TINYCAPI_BOARD_NRF51_RNG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The register block (Reference Manual, Table 52 "Register overview"), at 0x4000D000. */
typedef struct nrf51_rng_registers {
    volatile uint32_t TASKS_START;    /* 0x000: start generating */
    volatile uint32_t TASKS_STOP;     /* 0x004: stop generating */
    uint32_t reserved0[62];
    volatile uint32_t EVENTS_VALRDY;  /* 0x100: a new value is in VALUE; write 0 to clear */
    uint32_t reserved1[63];
    volatile uint32_t SHORTS;         /* 0x200: bit 0 VALRDY_STOP */
    uint32_t reserved2[64];
    volatile uint32_t INTENSET;       /* 0x304 */
    volatile uint32_t INTENCLR;       /* 0x308: bit 0 VALRDY */
    uint32_t reserved3[126];
    volatile uint32_t CONFIG;         /* 0x504: bit 0 DERCEN, bias correction */
    volatile uint32_t VALUE;          /* 0x508: bits 7..0, the random byte */
} nrf51_rng_registers;

#define NRF51_RNG_BASE 0x4000D000u
#define NRF51_RNG_CONFIG_DERCEN 1u
#define NRF51_RNG_INTENCLR_VALRDY 1u

/* Health-test parameters (see above). */
#define NRF51_RNG_RCT_CUTOFF 11u
#define NRF51_RNG_APT_WINDOW 512u
#define NRF51_RNG_APT_CUTOFF 177u
#define NRF51_RNG_STARTUP_BYTES 1024u
/* Polls of VALRDY before the peripheral counts as dead: at about 10 cycles a poll on a 16 MHz
 * nRF51, over half a second, orders of magnitude longer than a corrected byte takes. */
#define NRF51_RNG_MAX_POLLS 1000000ul

/* Continuous health-test state; zero-initialised (static storage) is "not started". */
typedef struct nrf51_rng_health {
    uint8_t started;        /* the start-up test passed */
    uint8_t failed;         /* latched: a test failed or the peripheral stopped answering */
    uint8_t rct_value;      /* RCT: the value being counted and its run length */
    uint8_t apt_value;      /* APT: the window's first value, its count, the window position */
    uint32_t rct_count;
    uint32_t apt_count;
    uint32_t apt_position;
} nrf51_rng_health;

/* Fill `buffer` with `length` bytes from the peripheral at `rng`, bias correction on. Returns
 * 0 when every byte passed the health test; -1 when the source has failed (now or before),
 * and then the buffer's contents are unspecified (tinycapi discards them). */
int nrf51_rng_read(nrf51_rng_registers *rng, nrf51_rng_health *health, uint8_t *buffer, size_t length);

#ifdef __cplusplus
}
#endif

#endif /* TINYCAPI_BOARD_NRF51_RNG_H */
