// The board of the port tests: what firmware supplies beside an RTOS port. TEST-ONLY entropy
// (a counter: these tests prove locking and contexts, not randomness), a fixed device key, and
// the leak report: the port tests destroy what they make, so a report fails the running test.
#include <gtest/gtest.h>
#include <tinycapi/port.h>

#include "tinycapi_config.h"

#ifndef TINYCAPI_TEST_BOARD_HAS_ENTROPY
#define TINYCAPI_TEST_BOARD_HAS_ENTROPY 1
#endif

extern "C" {

#if TINYCAPI_TEST_BOARD_HAS_ENTROPY
int tinycapi_port_entropy(uint8_t *buffer, size_t length) {
    static uint8_t counter;  // under TINYCAPI_LOCK_DRBG
    for (size_t i = 0; i < length; ++i) buffer[i] = ++counter;
    return 0;
}
#endif

#if TINYCAPI_ENCRYPT_KEYS_AT_REST
int tinycapi_port_device_key(uint8_t key[32]) {
    for (int i = 0; i < 32; ++i) key[i] = static_cast<uint8_t>(0x5A ^ i);
    return 0;
}
#endif

#if TINYCAPI_LEAK_REPORT
void tinycapi_port_report_leak(const tinycapi_port_leak *leak) {
    ADD_FAILURE() << "a port test left " << (leak->kind == TINYCAPI_PORT_LEAKED_HASH ? "a hash" : "a key")
                  << " (ALG_ID " << std::hex << leak->algorithm << ") made by " << leak->created_in
                  << " alive at the last CryptReleaseContext";
}
#endif

}  // extern "C"
