// The in-RAM key-container store that the posix, baremetal and mock ports share.
// Containers live until deleted or until the device resets (docs/COMPATIBILITY.md).
// Not thread-safe by itself: tinycapi calls the store under TINYCAPI_LOCK_STORAGE.
#pragma once

#include <tinycapi/port.h>

namespace tinycapi::port {

tinycapi_port_status ram_store_find(unsigned name_space, const char *name);
tinycapi_port_status ram_store_create(unsigned name_space, const char *name);
tinycapi_port_status ram_store_delete(unsigned name_space, const char *name);
tinycapi_port_status ram_store_read(unsigned name_space, const char *name, unsigned record,
                                    uint8_t *buffer, size_t capacity, size_t *length);
tinycapi_port_status ram_store_write(unsigned name_space, const char *name, unsigned record,
                                     const uint8_t *data, size_t length);
tinycapi_port_status ram_store_name_at(unsigned name_space, size_t index, char *buffer,
                                       size_t capacity);
// Forget every container (tests; a device reset does the same).
void ram_store_clear();

}  // namespace tinycapi::port
