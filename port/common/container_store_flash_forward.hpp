// Defines the tinycapi_port_container_* hooks over the board's flash
// (tinycapi_port_flash_device) for ports built with TINYCAPI_CONTAINER_STORE_FLASH.
// Include once, in the port's .cpp.
#pragma once

#include "container_store_flash.hpp"

extern "C" {
tinycapi_port_status tinycapi_port_container_find(unsigned ns, const char *name) {
    return tinycapi::port::split_store::find(tinycapi_port_flash_device, ns, name);
}
tinycapi_port_status tinycapi_port_container_create(unsigned ns, const char *name) {
    return tinycapi::port::split_store::create(tinycapi_port_flash_device, ns, name);
}
tinycapi_port_status tinycapi_port_container_delete(unsigned ns, const char *name) {
    return tinycapi::port::split_store::remove(tinycapi_port_flash_device, ns, name);
}
tinycapi_port_status tinycapi_port_container_read(unsigned ns, const char *name, unsigned record,
                                                  uint8_t *buffer, size_t capacity, size_t *length) {
    return tinycapi::port::split_store::read(tinycapi_port_flash_device, ns, name, record, buffer, capacity, length);
}
tinycapi_port_status tinycapi_port_container_write(unsigned ns, const char *name, unsigned record,
                                                   const uint8_t *data, size_t length) {
    return tinycapi::port::split_store::write(tinycapi_port_flash_device, ns, name, record, data, length);
}
tinycapi_port_status tinycapi_port_container_name_at(unsigned ns, size_t index, char *buffer,
                                                     size_t capacity) {
    return tinycapi::port::split_store::name_at(tinycapi_port_flash_device, ns, index, buffer, capacity);
}
}
