#include "container_store_ram.hpp"

#include <string.h>

#include "tinycapi_config.h"

namespace tinycapi::port {
namespace {

constexpr unsigned kRecordsPerContainer = 2;

struct Record {
    size_t length;  // 0: no key pair stored
    uint8_t bytes[TINYCAPI_CONTAINER_RECORD_MAX];
};

struct Container {
    bool in_use;
    unsigned name_space;
    char name[TINYCAPI_CONTAINER_NAME_MAX];
    Record records[kRecordsPerContainer];
};

// Zero-initialised .bss is the empty store.
Container containers[TINYCAPI_MAX_CONTAINERS];

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Windows compares container names case-insensitively, like registry keys (reference §3.1).
bool names_equal(const char *a, const char *b) {
    for (;; ++a, ++b) {
        if (ascii_lower(*a) != ascii_lower(*b)) return false;
        if (*a == '\0') return true;
    }
}

bool name_fits(const char *name) { return strlen(name) < sizeof(Container::name); }

Container *find(unsigned name_space, const char *name) {
    for (Container &c : containers) {
        if (c.in_use && c.name_space == name_space && names_equal(c.name, name)) return &c;
    }
    return nullptr;
}

Record *record_of(Container &c, unsigned record) {
    if (record < TINYCAPI_RECORD_KEY_EXCHANGE || record > TINYCAPI_RECORD_SIGNATURE) return nullptr;
    return &c.records[record - TINYCAPI_RECORD_KEY_EXCHANGE];
}

void wipe(void *p, size_t n) {
    // Key pairs are secrets: a volatile store the compiler cannot elide.
    volatile uint8_t *bytes = static_cast<volatile uint8_t *>(p);
    while (n--) *bytes++ = 0;
}

}  // namespace

tinycapi_port_status ram_store_find(unsigned name_space, const char *name) {
    return find(name_space, name) ? TINYCAPI_PORT_OK : TINYCAPI_PORT_NOT_FOUND;
}

tinycapi_port_status ram_store_create(unsigned name_space, const char *name) {
    if (find(name_space, name)) return TINYCAPI_PORT_EXISTS;
    if (!name_fits(name)) return TINYCAPI_PORT_FULL;
    for (Container &c : containers) {
        if (!c.in_use) {
            wipe(&c, sizeof c);
            c.in_use = true;
            c.name_space = name_space;
            memcpy(c.name, name, strlen(name) + 1);
            return TINYCAPI_PORT_OK;
        }
    }
    return TINYCAPI_PORT_FULL;
}

tinycapi_port_status ram_store_delete(unsigned name_space, const char *name) {
    Container *c = find(name_space, name);
    if (!c) return TINYCAPI_PORT_NOT_FOUND;
    wipe(c, sizeof *c);
    return TINYCAPI_PORT_OK;
}

tinycapi_port_status ram_store_read(unsigned name_space, const char *name, unsigned record,
                                    uint8_t *buffer, size_t capacity, size_t *length) {
    Container *c = find(name_space, name);
    Record *r = c ? record_of(*c, record) : nullptr;
    if (!r || r->length == 0) return TINYCAPI_PORT_NOT_FOUND;
    *length = r->length;
    if (r->length > capacity) return TINYCAPI_PORT_FULL;
    memcpy(buffer, r->bytes, r->length);
    return TINYCAPI_PORT_OK;
}

tinycapi_port_status ram_store_write(unsigned name_space, const char *name, unsigned record,
                                     const uint8_t *data, size_t length) {
    Container *c = find(name_space, name);
    Record *r = c ? record_of(*c, record) : nullptr;
    if (!r) return TINYCAPI_PORT_NOT_FOUND;
    if (length > sizeof r->bytes) return TINYCAPI_PORT_FULL;
    wipe(r, sizeof *r);
    if (length) memcpy(r->bytes, data, length);
    r->length = length;
    return TINYCAPI_PORT_OK;
}

tinycapi_port_status ram_store_name_at(unsigned name_space, size_t index, char *buffer,
                                       size_t capacity) {
    for (const Container &c : containers) {
        if (!c.in_use || c.name_space != name_space) continue;
        if (index-- != 0) continue;
        size_t needed = strlen(c.name) + 1;
        if (needed > capacity) return TINYCAPI_PORT_FULL;
        memcpy(buffer, c.name, needed);
        return TINYCAPI_PORT_OK;
    }
    return TINYCAPI_PORT_NOT_FOUND;
}

void ram_store_clear() { wipe(containers, sizeof containers); }

}  // namespace tinycapi::port
