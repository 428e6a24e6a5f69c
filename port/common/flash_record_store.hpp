// The power-loss-safe record store over raw NOR flash that keeps named key containers
// (namespaces 0 and 1 of <tinycapi/port.h>) across resets. docs/ARCHITECTURE.md describes the
// record format and the recovery rules; the contracts are those of the tinycapi_port_container_*
// hooks. No heap; the RAM state is one static index sized by config/tinycapi_config.h.
// Not thread-safe by itself: tinycapi calls the store under TINYCAPI_LOCK_STORAGE.
#pragma once

#include <tinycapi/flash_device.h>
#include <tinycapi/port.h>

namespace tinycapi::port::flash_store {

// Forget the RAM state and rebuild it from `device` (as at power-up): finds the newest
// committed version of every container, ignores torn writes, zeroes superseded records,
// erases half-erased sectors and finishes an interrupted garbage collection.
// IO_ERROR when the device is unusable (bad geometry, a failing read, an index too small for
// what the flash holds); every operation then fails with IO_ERROR until a mount succeeds.
tinycapi_port_status mount(const tinycapi_flash_device *device);
// Forget the RAM state; the next mount reads the flash again.
void unmount();
bool is_mounted();

tinycapi_port_status find(unsigned name_space, const char *name);
tinycapi_port_status create(unsigned name_space, const char *name);
tinycapi_port_status remove(unsigned name_space, const char *name);
tinycapi_port_status read(unsigned name_space, const char *name, unsigned record, uint8_t *buffer,
                          size_t capacity, size_t *length);
tinycapi_port_status write(unsigned name_space, const char *name, unsigned record, const uint8_t *data,
                           size_t length);
tinycapi_port_status name_at(unsigned name_space, size_t index, char *buffer, size_t capacity);

// What the store did since the last mount, and what it holds (figures and tests).
struct Figures {
    uint32_t records_scanned;   // committed records seen by the last mount
    uint32_t live_bytes;        // flash bytes of the records the index points at
    uint32_t bytes_programmed;  // by the store since mount (records, copies, headers, scrubs)
    uint32_t sectors_erased;    // since mount
    uint32_t collections;       // garbage collections since mount
};
Figures figures();

// Where the newest record of a container (live, deleted or damaged) is in flash: tests flip
// its bits, tools measure it. False when the flash holds no record of that name.
bool locate(unsigned name_space, const char *name, uint32_t *address, uint32_t *size);

// Bytes one container record takes in flash for a name of `name_length` bytes (no NUL) and
// two pair records of the given lengths.
uint32_t record_bytes(const tinycapi_flash_device &device, size_t name_length, size_t record1, size_t record2);

}  // namespace tinycapi::port::flash_store
