/*
 * TEST-ONLY ENTROPY for the QEMU mps2-an385 board. NOT RANDOM. NEVER SHIP IT.
 *
 * The MPS2 AN385 has no true random number generator, and QEMU models none. tinycapi's
 * CryptGenRandom needs tinycapi_port_entropy to seed its CTR_DRBG (port/include/tinycapi/
 * port.h), so the board's test and demo images get this stand-in: a call counter mixed with
 * the SysTick current value through a 32-bit integer hash. Its output is predictable by anyone
 * who knows the boot time to within a few cycles; a key made from it is no secret.
 *
 * It exists so that the on-target tests and the demo can exercise the real DRBG path. It is
 * linked only into those images (boards/qemu-mps2-an385/CMakeLists.txt), never into the
 * tinycapi library, and it says so on the console the first time it is used. A product
 * board implements tinycapi_port_entropy over its TRNG instead (see
 * boards/cortex-m4-generic/entropy_trng_stub.c for the shape of that hook).
 */
#include <stdint.h>

#include <tinycapi/port.h>

#include "semihosting.h"

/* The warning, printed once. As a named global it is also a marker: every image that links
 * this file has the symbol, so `nm image.elf | grep test_only` tells a release check that
 * the image carries the fake source (tools/footprint reports it). */
const char tinycapi_test_only_entropy_marker[] =
    "*** TEST-ONLY ENTROPY: this board has no TRNG. tinycapi_port_entropy is a counter\n"
    "*** mixed with SysTick, not a random source. Never ship this image.\n";

#define SYST_CSR (*(volatile uint32_t *)0xe000e010u)
#define SYST_RVR (*(volatile uint32_t *)0xe000e014u)
#define SYST_CVR (*(volatile uint32_t *)0xe000e018u)
#define SYST_CSR_ENABLE 1u
#define SYST_CSR_PROCESSOR_CLOCK 4u

static uint32_t call_counter;
static int warned;

/* Start SysTick free-running over its full 24-bit range, without its interrupt. */
static void start_systick(void) {
    if ((SYST_CSR & SYST_CSR_ENABLE) == 0) {
        SYST_RVR = 0x00ffffffu;
        SYST_CVR = 0;
        SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_PROCESSOR_CLOCK;
    }
}

/* A 32-bit finaliser (the one of MurmurHash3): spreads every input bit over the output. It
 * adds no entropy; it only keeps consecutive outputs from looking alike. */
static uint32_t mix32(uint32_t value) {
    value ^= value >> 16;
    value *= 0x85ebca6bu;
    value ^= value >> 13;
    value *= 0xc2b2ae35u;
    value ^= value >> 16;
    return value;
}

int tinycapi_port_entropy(uint8_t *buffer, size_t length) {
    if (!warned) {
        warned = 1;
        semihosting_puts(tinycapi_test_only_entropy_marker);
    }
    start_systick();
    for (size_t i = 0; i < length; i += 4) {
        uint32_t word = mix32(++call_counter * 0x9e3779b9u ^ SYST_CVR);
        for (size_t byte = 0; byte < 4 && i + byte < length; ++byte) {
            buffer[i + byte] = (uint8_t)(word >> (8u * byte));
        }
    }
    return 0;
}
