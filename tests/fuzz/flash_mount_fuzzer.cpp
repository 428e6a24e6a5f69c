// Flash-image fuzzer (issue 14, item 1, "mounting random flash images"): the input is the
// content of the flash the record store lives in (port/common/flash_record_store.cpp). The
// store mounts it, lists and reads every container, then writes, replaces and deletes one (so
// that a fuzzed image also meets garbage collection) and mounts again. Every answer must be one
// of the port contract's statuses, no read may run past a buffer (exact sizes, ASan), and
// whatever the store wrote must mount again and read back as written.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vector>

#include "flash_image.hpp"
#include "flash_record_store.hpp"
#include "tinycapi_config.h"

namespace {

namespace store = tinycapi::port::flash_store;
using tinycapi::fuzz::FlashImage;

// A broken rule names its line before the fuzzer reports the input.
#define Check(condition)                                                  \
    do {                                                                  \
        if (!(condition)) {                                               \
            fprintf(stderr, "flash_mount_fuzzer.cpp:%d: %s\n", __LINE__, #condition); \
            abort();                                                      \
        }                                                                 \
    } while (0)

bool Valid(tinycapi_port_status status) { return status >= TINYCAPI_PORT_OK && status <= TINYCAPI_PORT_DAMAGED; }

void ReadEverything() {
    for (unsigned name_space = 0; name_space < 2; ++name_space) {
        char name[TINYCAPI_CONTAINER_NAME_MAX];
        for (size_t i = 0; i < 64; ++i) {
            const tinycapi_port_status listed = store::name_at(name_space, i, name, sizeof name);
            Check(Valid(listed));
            if (listed != TINYCAPI_PORT_OK) break;
            Check(memchr(name, 0, sizeof name) != nullptr);
            Check(Valid(store::find(name_space, name)));
            for (unsigned record : {TINYCAPI_RECORD_KEY_EXCHANGE, TINYCAPI_RECORD_SIGNATURE}) {
                std::vector<uint8_t> buffer(TINYCAPI_CONTAINER_RECORD_MAX);
                size_t length = 0;
                const tinycapi_port_status read = store::read(name_space, name, record, buffer.data(), buffer.size(), &length);
                Check(Valid(read));
                if (read == TINYCAPI_PORT_OK) Check(length <= buffer.size());
            }
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static FlashImage flash;  // 16 KiB: not on the stack
    flash.Reset();
    memcpy(flash.bytes, data, size < FlashImage::kBytes ? size : FlashImage::kBytes);
    store::unmount();
    const tinycapi_port_status mounted = store::mount(&flash.device);
    Check(Valid(mounted));
    if (mounted != TINYCAPI_PORT_OK) return 0;
    ReadEverything();

    // Writes on the fuzzed image: what succeeds must survive a remount, byte for byte.
    const uint8_t pair[40] = {0x5A, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    const tinycapi_port_status created = store::create(0, "fuzz");
    Check(Valid(created));
    bool written = false;
    if (created == TINYCAPI_PORT_OK || created == TINYCAPI_PORT_EXISTS) {
        const tinycapi_port_status w = store::write(0, "fuzz", TINYCAPI_RECORD_SIGNATURE, pair, sizeof pair);
        Check(Valid(w));
        written = w == TINYCAPI_PORT_OK;
    }
    store::unmount();
    Check(Valid(store::mount(&flash.device)));
    if (written && store::is_mounted()) {
        uint8_t back[sizeof pair];
        size_t length = 0;
        const tinycapi_port_status r = store::read(0, "fuzz", TINYCAPI_RECORD_SIGNATURE, back, sizeof back, &length);
        // What was written reads back (reproducers/flash_mount/garbage-swallows-new-record: a
        // record written after garbage once read as damaged after the next mount).
        Check(r == TINYCAPI_PORT_OK && length == sizeof pair && memcmp(back, pair, sizeof pair) == 0);
        Check(Valid(store::remove(0, "fuzz")));
    }
    if (store::is_mounted()) ReadEverything();
    store::unmount();
    return 0;
}
