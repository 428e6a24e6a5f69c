// Prints the flash record store's figures (README, "Figures"): flash bytes per container,
// write amplification, wear per sector, and mount cost against the number of records.
// A tool, not a test: nothing here is asserted. Run build/<preset>/tests/tinycapi_flash_store_figures.
#include <stdio.h>

#include <chrono>
#include <string>
#include <vector>

#include <tinycapi/emulated_nor_flash.hpp>
#include <tinycapi/port_mock.h>

#include "flash_record_store.hpp"
#include "tinycapi_config.h"

namespace store = tinycapi::port::flash_store;
using tinycapi::mock::EmulatedNorFlash;

int main() {
    tinycapi_mock_reset(1);
    const size_t pair_2048 = 8 + 2 * 128;  // the store's record of a 2048-bit pair: header, p, q
    {
        EmulatedNorFlash flash(4096, 4, 4);
        printf("flash bytes per container (name \"device\", 4-byte write unit):\n");
        printf("  empty %u, one 2048-bit pair %u, both pairs %u; a deleted container's tombstone %u\n",
               store::record_bytes(*flash.device(), 6, 0, 0), store::record_bytes(*flash.device(), 6, pair_2048, 0),
               store::record_bytes(*flash.device(), 6, pair_2048, pair_2048),
               store::record_bytes(*flash.device(), 6, 0, 0) - 4);
    }
    {
        EmulatedNorFlash flash(4096, 4, 4);
        store::mount(flash.device());
        const char *names[] = {"device", "backup", "update"};
        std::vector<uint8_t> pair(pair_2048, 0x5A);
        for (const char *name : names) {
            store::create(0, name);
            store::write(0, name, 1, pair.data(), pair.size());
            store::write(0, name, 2, pair.data(), pair.size());
        }
        store::mount(flash.device());
        const uint64_t before = flash.units_programmed() * 4;
        const unsigned replacements = 1000;
        for (unsigned i = 0; i < replacements; ++i) {
            pair[0] = static_cast<uint8_t>(i);
            store::write(0, names[i % 3], 1 + (i / 3) % 2, pair.data(), pair.size());
        }
        const double programmed = static_cast<double>(flash.units_programmed() * 4 - before);
        const store::Figures f = store::figures();
        printf("write amplification: %u replacements of one 2048-bit pair (%zu bytes) in three full containers,\n"
               "  4 x 4096-byte sectors: %.0f bytes programmed per replacement = %.2fx the pair\n"
               "  (the whole container record, zeroing the old one, garbage-collection copies);\n"
               "  %u collections, %u sector erases (sector erase counts:",
               replacements, pair.size(), programmed / replacements, programmed / replacements / pair.size(),
               f.collections, f.sectors_erased);
        for (uint32_t s = 0; s < 4; ++s) printf(" %llu", static_cast<unsigned long long>(flash.erases_of(s)));
        printf("); with TINYCAPI_FLASH_STORE_SCRUB 0 the zeroing is not done\n");
    }
    printf("mount cost against committed records in flash (8 x 4096-byte sectors, host time is not MCU time;\n"
           "  bytes read is what an MCU pays, at its flash read speed):\n");
    for (unsigned target : {1u, 8u, 16u, 32u, 48u}) {
        EmulatedNorFlash flash(4096, 8, 4);
        store::mount(flash.device());
        store::create(0, "device");
        std::vector<uint8_t> pair(pair_2048, 0x11);
        unsigned records = 1;
        // Replacing a pair supersedes the old record; superseded records stay until collection,
        // and the mount reads them all.
        while (records < target) {
            pair[1] = static_cast<uint8_t>(records);
            if (store::write(0, "device", 1, pair.data(), pair.size()) != TINYCAPI_PORT_OK) break;
            ++records;
        }
        const uint64_t read_before = flash.bytes_read();
        const auto start = std::chrono::steady_clock::now();
        const int mounts = 200;
        for (int m = 0; m < mounts; ++m) store::mount(flash.device());
        const auto elapsed = std::chrono::steady_clock::now() - start;
        printf("  %3u records scanned: %6.1f us per mount on this host, %7llu flash bytes read\n",
               store::figures().records_scanned,
               std::chrono::duration<double, std::micro>(elapsed).count() / mounts,
               static_cast<unsigned long long>((flash.bytes_read() - read_before) / mounts));
    }
    store::unmount();
    return 0;
}
