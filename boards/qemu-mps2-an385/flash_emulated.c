/*
 * The key-container store's "flash" on QEMU mps2-an385, which has no flash controller that
 * QEMU models: 16 KiB of SSRAM that neither the ELF loader nor startup.c touches, so it keeps
 * its contents across a CPU reset (SYSRESETREQ) but NOT across a restart of QEMU (it then reads
 * zeros, which the store erases at its first mount). It behaves as NOR flash: programming only
 * clears bits (AND), erase sets a 4 KiB sector to 0xFF, the write unit is 4 bytes.
 * What it does not emulate: program and erase times, power loss in the middle of a write (the
 * host tests cover that with port/mock's emulated NOR flash), endurance.
 * A real board supplies tinycapi_port_flash_device the same way over its flash driver (README,
 * "How a board supplies its flash").
 */
#include <stdint.h>
#include <string.h>

#include <tinycapi/flash_device.h>

#include "board_noinit.h"

#define SECTOR_SIZE 4096u
#define SECTOR_COUNT 4u
#define WRITE_UNIT 4u

extern uint8_t __flash_emulation_start__[];
extern uint8_t __noinit_scratch_start__[];

static int emulated_read(void *context, uint32_t address, void *buffer, size_t length) {
    (void)context;
    memcpy(buffer, __flash_emulation_start__ + address, length);
    return 0;
}

static int emulated_program(void *context, uint32_t address, const void *data, size_t length) {
    const uint8_t *in = (const uint8_t *)data;
    uint8_t *cells = __flash_emulation_start__ + address;
    (void)context;
    if (address % WRITE_UNIT != 0 || length % WRITE_UNIT != 0) return -1;
    for (size_t i = 0; i < length; ++i) cells[i] &= in[i];
    return 0;
}

static int emulated_erase(void *context, uint32_t sector) {
    (void)context;
    if (sector >= SECTOR_COUNT) return -1;
    memset(__flash_emulation_start__ + sector * SECTOR_SIZE, 0xFF, SECTOR_SIZE);
    return 0;
}

const tinycapi_flash_device *tinycapi_port_flash_device(void) {
    static const tinycapi_flash_device device = {
        NULL, SECTOR_SIZE, SECTOR_COUNT, WRITE_UNIT, emulated_read, emulated_program, emulated_erase,
    };
    return &device;
}

void *board_noinit_scratch(void) { return __noinit_scratch_start__; }
