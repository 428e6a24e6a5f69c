// The posix port's container store: one file per named container (see the .cpp for the
// directory, the format and the atomicity rules); namespace 2 stays in RAM.
#pragma once

#include <tinycapi/port.h>

namespace tinycapi::port::file_store {

tinycapi_port_status find(unsigned name_space, const char *name);
tinycapi_port_status create(unsigned name_space, const char *name);
tinycapi_port_status remove(unsigned name_space, const char *name);
tinycapi_port_status read(unsigned name_space, const char *name, unsigned record, uint8_t *buffer,
                          size_t capacity, size_t *length);
tinycapi_port_status write(unsigned name_space, const char *name, unsigned record, const uint8_t *data,
                           size_t length);
tinycapi_port_status name_at(unsigned name_space, size_t index, char *buffer, size_t capacity);
// The key file of TINYCAPI_ENCRYPT_KEYS_AT_REST on a host (see the .cpp for what it protects).
int device_key(uint8_t key[32]);

}  // namespace tinycapi::port::file_store
