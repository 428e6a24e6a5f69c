// A Crypt* call from an interrupt handler (see freertos_image.hpp): port/freertos refuses it
// with NTE_FAIL instead of taking a mutex there (which FreeRTOS forbids) or waiting. The check
// pends the interrupt while the calling task holds tinycapi's handle lock, so a handler that
// tried to take it could only block or fault; the handler's error must not reach the task's.
// The handler also locks a mutex of the Mbed TLS glue, which must refuse.
#include <mbedtls/threading.h>
#include <tinycapi/mbedtls_threading_freertos.h>
#include <tinycapi/port.h>
#include <tinycapi/tinycapi.h>
#include <tinycapi/wincrypt.h>

#include "freertos_image.hpp"
#include "kernel_glue.h"

namespace tinycapi::target::freertos {
namespace {

// An interrupt of the AN385 no peripheral of this image raises: pended by software only.
constexpr unsigned kInterrupt = 31;
// Numerically at or above configMAX_SYSCALL_INTERRUPT_PRIORITY: it may use the FromISR API.
constexpr uint8_t kPriority = 6u << 5;
constexpr HCRYPTHASH kUntouched = 0x5a5a5a5a;

volatile uintptr_t handler_provider;
volatile bool handler_ran;
volatile BOOL handler_result;
volatile DWORD handler_error;
volatile HCRYPTHASH handler_hash;
volatile int handler_glue_result;
tinycapi_freertos_mbedtls_mutex glue_mutex;

extern "C" void interrupt_refusal_handler() {
    HCRYPTHASH hash = kUntouched;
    handler_result = CryptCreateHash(handler_provider, CALG_SHA1, 0, 0, &hash);
    handler_error = GetLastError();
    handler_hash = hash;
    handler_glue_result = tinycapi_freertos_mbedtls_mutex_lock(&glue_mutex);
    handler_ran = true;
}

uint32_t hashes_in_use() {
    tinycapi_pool_stats stats{};
    return tinycapi_get_pool_stats(TINYCAPI_POOL_HASHES, &stats) == 0 ? stats.in_use : 0xffffffffu;
}

}  // namespace

void interrupt_refusal_install() {
    board_freertos_install_vectors(kInterrupt, &interrupt_refusal_handler, kPriority);
    tinycapi_freertos_mbedtls_mutex_init(&glue_mutex);
}

unsigned check_interrupt_refusal(uintptr_t provider) {
    unsigned failures = 0;
    auto expect = [&](bool held, const char *what) {
        if (!held) {
            ++failures;
            say(what);
        }
    };
    handler_provider = provider;
    const uint32_t hashes_before = hashes_in_use();
    SetLastError(0x1234);
    tinycapi_port_lock(TINYCAPI_LOCK_HANDLES);
    board_freertos_pend_interrupt(kInterrupt);  // taken here: nothing masks it
    tinycapi_port_unlock(TINYCAPI_LOCK_HANDLES);
    expect(handler_ran, "FAIL: the interrupt handler did not run");
    expect(handler_result == FALSE, "FAIL: CryptCreateHash in an interrupt handler succeeded");
    expect(handler_error == static_cast<DWORD>(NTE_FAIL), "FAIL: its error is not NTE_FAIL");
    expect(handler_hash == kUntouched, "FAIL: it wrote the handle");
    expect(hashes_in_use() == hashes_before, "FAIL: it took a hash slot");
    expect(GetLastError() == 0x1234, "FAIL: the handler's error reached the task's");
    expect(handler_glue_result == MBEDTLS_ERR_THREADING_MUTEX_ERROR &&
               xSemaphoreGetMutexHolder(glue_mutex.handle) == nullptr,
           "FAIL: the Mbed TLS glue locked a mutex in an interrupt handler");
    // And the same call from the task works.
    HCRYPTHASH hash = 0;
    expect(CryptCreateHash(provider, CALG_SHA1, 0, 0, &hash) == TRUE && CryptDestroyHash(hash) == TRUE,
           "FAIL: CryptCreateHash from the task failed");
    if (failures == 0) say("[ PASS ] in an interrupt handler: a Crypt* call fails with NTE_FAIL, the Mbed TLS glue refuses");
    return failures;
}

}  // namespace tinycapi::target::freertos
