#include "container_store_flash.hpp"

#include "container_store_ram.hpp"
#include "flash_record_store.hpp"

namespace tinycapi::port::split_store {
namespace {

constexpr unsigned kEphemeral = 2;

// IO_ERROR until the board's flash mounts; a failed mount is tried again on the next call.
tinycapi_port_status mounted(DeviceSource source) {
    if (flash_store::is_mounted()) return TINYCAPI_PORT_OK;
    return flash_store::mount(source ? source() : nullptr);
}

}  // namespace

tinycapi_port_status find(DeviceSource source, unsigned ns, const char *name) {
    if (ns == kEphemeral) return ram_store_find(ns, name);
    if (tinycapi_port_status s = mounted(source); s != TINYCAPI_PORT_OK) return s;
    return flash_store::find(ns, name);
}

tinycapi_port_status create(DeviceSource source, unsigned ns, const char *name) {
    if (ns == kEphemeral) return ram_store_create(ns, name);
    if (tinycapi_port_status s = mounted(source); s != TINYCAPI_PORT_OK) return s;
    return flash_store::create(ns, name);
}

tinycapi_port_status remove(DeviceSource source, unsigned ns, const char *name) {
    if (ns == kEphemeral) return ram_store_delete(ns, name);
    if (tinycapi_port_status s = mounted(source); s != TINYCAPI_PORT_OK) return s;
    return flash_store::remove(ns, name);
}

tinycapi_port_status read(DeviceSource source, unsigned ns, const char *name, unsigned record, uint8_t *buffer,
                          size_t capacity, size_t *length) {
    if (ns == kEphemeral) return ram_store_read(ns, name, record, buffer, capacity, length);
    if (tinycapi_port_status s = mounted(source); s != TINYCAPI_PORT_OK) return s;
    return flash_store::read(ns, name, record, buffer, capacity, length);
}

tinycapi_port_status write(DeviceSource source, unsigned ns, const char *name, unsigned record,
                           const uint8_t *data, size_t length) {
    if (ns == kEphemeral) return ram_store_write(ns, name, record, data, length);
    if (tinycapi_port_status s = mounted(source); s != TINYCAPI_PORT_OK) return s;
    return flash_store::write(ns, name, record, data, length);
}

tinycapi_port_status name_at(DeviceSource source, unsigned ns, size_t index, char *buffer, size_t capacity) {
    if (ns == kEphemeral) return ram_store_name_at(ns, index, buffer, capacity);
    if (tinycapi_port_status s = mounted(source); s != TINYCAPI_PORT_OK) return s;
    return flash_store::name_at(ns, index, buffer, capacity);
}

}  // namespace tinycapi::port::split_store
