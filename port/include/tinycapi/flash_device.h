/*
 * <tinycapi/flash_device.h> — the raw flash a board lends to tinycapi's flash record store.
 *
 * A port built with TINYCAPI_CONTAINER_STORE_FLASH (config/tinycapi_config.h) keeps the named
 * key containers (namespaces 0 and 1 of <tinycapi/port.h>) in a power-loss-safe record store
 * over this device; the ephemeral namespace 2 stays in RAM and never reaches flash.
 * The board supplies the device through tinycapi_port_flash_device().
 *
 * The device is NOR-like: erased bytes read 0xFF, programming can only turn bits from 1 to 0,
 * and only a whole sector goes back to 0xFF. The store never programs a unit twice except to
 * turn more bits to 0 (zeroing a superseded record, see TINYCAPI_FLASH_STORE_SCRUB).
 *
 * Every callback:
 *   - MUST NOT allocate from a heap and MUST NOT call back into tinycapi;
 *   - MAY block until the operation completes (the store calls them under
 *     TINYCAPI_LOCK_STORAGE and never with another tinycapi lock held);
 *   - returns 0 on success and any other value on failure. After a failure the store treats
 *     the bytes involved as unknown: a failed program is a torn record, which the store skips.
 */
#ifndef TINYCAPI_FLASH_DEVICE_H
#define TINYCAPI_FLASH_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tinycapi_flash_device {
    /* Passed back to every callback (the driver's state, or NULL). */
    void *context;
    /* Bytes per erase sector: a multiple of write_unit, large enough for the sector header
     * (16 bytes) and the largest container record (see TINYCAPI_FLASH_STORE_SECTOR_MIN). */
    uint32_t sector_size;
    /* Sectors given to the store, addressed 0 … sector_count × sector_size − 1: at least 2
     * (one is always kept erased for garbage collection) and at most
     * TINYCAPI_FLASH_STORE_MAX_SECTORS. */
    uint32_t sector_count;
    /* The smallest unit the part programs: 1, 2, 4, 8 or 16 bytes. Every program call is
     * aligned to it and a multiple of it. */
    uint32_t write_unit;
    /* Copy `length` bytes at `address` into `buffer`. Any alignment. */
    int (*read)(void *context, uint32_t address, void *buffer, size_t length);
    /* Program `length` bytes at `address` (both multiples of write_unit). Bits only go 1 → 0. */
    int (*program)(void *context, uint32_t address, const void *data, size_t length);
    /* Erase sector `sector` (0 … sector_count − 1) to 0xFF. */
    int (*erase)(void *context, uint32_t sector);
} tinycapi_flash_device;

/* Board hook, needed only by images whose port keeps containers in flash: the device of the
 * key-container store, valid for the life of the program. Called once, on the first store
 * operation; returning NULL makes every persistent container operation fail (NTE_FAIL). */
const tinycapi_flash_device *tinycapi_port_flash_device(void);

#ifdef __cplusplus
}
#endif

#endif /* TINYCAPI_FLASH_DEVICE_H */
