// Defines the tinycapi_port_container_* hooks as the in-RAM store, for ports that add nothing
// to it. Include once, in the port's .cpp.
#pragma once

#include "container_store_ram.hpp"

extern "C" {
tinycapi_port_status tinycapi_port_container_find(unsigned ns, const char *name) {
    return tinycapi::port::ram_store_find(ns, name);
}
tinycapi_port_status tinycapi_port_container_create(unsigned ns, const char *name) {
    return tinycapi::port::ram_store_create(ns, name);
}
tinycapi_port_status tinycapi_port_container_delete(unsigned ns, const char *name) {
    return tinycapi::port::ram_store_delete(ns, name);
}
tinycapi_port_status tinycapi_port_container_read(unsigned ns, const char *name, unsigned record,
                                                  uint8_t *buffer, size_t capacity, size_t *length) {
    return tinycapi::port::ram_store_read(ns, name, record, buffer, capacity, length);
}
tinycapi_port_status tinycapi_port_container_write(unsigned ns, const char *name, unsigned record,
                                                   const uint8_t *data, size_t length) {
    return tinycapi::port::ram_store_write(ns, name, record, data, length);
}
tinycapi_port_status tinycapi_port_container_name_at(unsigned ns, size_t index, char *buffer,
                                                     size_t capacity) {
    return tinycapi::port::ram_store_name_at(ns, index, buffer, capacity);
}
}
