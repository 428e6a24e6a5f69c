// The container store of a port that keeps named containers in flash: namespaces 0 and 1 go
// to the flash record store, namespace 2 (verify-context pairs) to the RAM store, so an
// ephemeral pair never reaches flash. The flash is mounted on the first operation that needs
// it, from the device `source` returns.
#pragma once

#include <tinycapi/flash_device.h>
#include <tinycapi/port.h>

namespace tinycapi::port::split_store {

using DeviceSource = const tinycapi_flash_device *(*)();

tinycapi_port_status find(DeviceSource source, unsigned name_space, const char *name);
tinycapi_port_status create(DeviceSource source, unsigned name_space, const char *name);
tinycapi_port_status remove(DeviceSource source, unsigned name_space, const char *name);
tinycapi_port_status read(DeviceSource source, unsigned name_space, const char *name, unsigned record,
                          uint8_t *buffer, size_t capacity, size_t *length);
tinycapi_port_status write(DeviceSource source, unsigned name_space, const char *name, unsigned record,
                           const uint8_t *data, size_t length);
tinycapi_port_status name_at(DeviceSource source, unsigned name_space, size_t index, char *buffer,
                             size_t capacity);

}  // namespace tinycapi::port::split_store
