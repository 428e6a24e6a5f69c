// Mock port for host tests: deterministic entropy, fault injection, lock accounting.
// The locks and the last error are in mock_locks.cpp, so that the RTOS ports can take their
// place over their fakes (tests/fakes) while this file stays the board.
#include <tinycapi/port.h>
#include <tinycapi/port_mock.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "container_store_flash.hpp"
#include "container_store_ram.hpp"
#include "flash_record_store.hpp"
#include "mock_locks.hpp"
#include "mock_state.hpp"

namespace {

// Entropy state is touched only under TINYCAPI_LOCK_DRBG by tinycapi, but tests may call the
// control functions from any thread: a mutex of its own keeps it consistent.
std::mutex entropy_mutex;
uint64_t entropy_state;
unsigned entropy_failures_pending;
unsigned entropy_calls;
int (*entropy_source)(uint8_t *, size_t);  // guarded by entropy_mutex; null: the generator

std::atomic<unsigned> storage_failures_pending{0};
// Fault at one step: counts down to the operation that fails (0: none armed).
unsigned entropy_fail_countdown;  // guarded by entropy_mutex
std::atomic<unsigned> storage_fail_countdown{0};
std::atomic<unsigned> storage_calls{0};
std::atomic<uint8_t> device_key_fill{0xA5};

// Set: namespaces 0 and 1 live in the flash record store over this device.
std::atomic<const tinycapi_flash_device *> flash_device{nullptr};
const tinycapi_flash_device *current_flash_device() { return flash_device.load(); }
bool use_flash() { return flash_device.load() != nullptr; }

// The storage gate: armed → the next store operation reports it entered, then waits to be let go.
std::mutex gate_mutex;
std::condition_variable gate_changed;
bool gate_armed;
bool gate_entered;
bool gate_open;

void pass_storage_gate() {
    std::unique_lock<std::mutex> lock(gate_mutex);
    if (!gate_armed) return;
    gate_armed = false;
    gate_entered = true;
    gate_changed.notify_all();
    gate_changed.wait(lock, [] { return gate_open; });
}

// SplitMix64: a tiny, well-distributed deterministic generator. Test-only by design.
uint64_t next_entropy_word() {
    uint64_t z = (entropy_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// Counts every store operation, and says whether the one armed by fail_storage_at is this one.
bool storage_step_fails() {
    ++storage_calls;
    unsigned countdown = storage_fail_countdown.load();
    while (countdown > 0) {
        if (storage_fail_countdown.compare_exchange_weak(countdown, countdown - 1)) return countdown == 1;
    }
    return false;
}

bool consume_storage_failure() {
    unsigned pending = storage_failures_pending.load();
    while (pending > 0) {
        if (storage_failures_pending.compare_exchange_weak(pending, pending - 1)) return true;
    }
    return false;
}

}  // namespace

extern "C" {

void tinycapi_mock_reset(uint64_t seed) {
    {
        std::lock_guard<std::mutex> guard(entropy_mutex);
        entropy_state = seed;
        entropy_failures_pending = 0;
        entropy_fail_countdown = 0;
        entropy_calls = 0;
        entropy_source = nullptr;
    }
    storage_failures_pending = 0;
    storage_fail_countdown = 0;
    storage_calls = 0;
    tinycapi_mock_reset_lock_counters();
    tinycapi::port::ram_store_clear();
    flash_device = nullptr;
    tinycapi::port::flash_store::unmount();
    device_key_fill = 0xA5;
    tinycapi::mock::clear_call_failures();
    tinycapi::mock::clear_leaks();
}

void tinycapi_mock_set_device_key(uint8_t fill) { device_key_fill = fill; }

int tinycapi_port_device_key(uint8_t key[32]) {
    for (int i = 0; i < 32; ++i) key[i] = static_cast<uint8_t>(device_key_fill.load() ^ i);
    return 0;
}

int tinycapi_mock_use_flash(const tinycapi_flash_device *device) {
    tinycapi::port::flash_store::unmount();
    flash_device = device;
    if (device == nullptr) return TINYCAPI_PORT_OK;
    return tinycapi::port::flash_store::mount(device);
}

int tinycapi_mock_reset_store(void) {
    tinycapi::port::ram_store_clear();
    tinycapi::port::flash_store::unmount();
    if (!use_flash()) return TINYCAPI_PORT_OK;
    return tinycapi::port::flash_store::mount(current_flash_device());
}

void tinycapi_mock_fail_entropy(unsigned count) {
    std::lock_guard<std::mutex> guard(entropy_mutex);
    entropy_failures_pending = count;
}

void tinycapi_mock_set_entropy_source(int (*source)(uint8_t *buffer, size_t length)) {
    std::lock_guard<std::mutex> guard(entropy_mutex);
    entropy_source = source;
}

unsigned tinycapi_mock_entropy_calls(void) {
    std::lock_guard<std::mutex> guard(entropy_mutex);
    return entropy_calls;
}

void tinycapi_mock_fail_entropy_at(unsigned nth) {
    std::lock_guard<std::mutex> guard(entropy_mutex);
    entropy_fail_countdown = nth;
}

void tinycapi_mock_fail_storage_writes(unsigned count) { storage_failures_pending = count; }
void tinycapi_mock_fail_storage_at(unsigned nth) { storage_fail_countdown = nth; }
unsigned tinycapi_mock_storage_calls(void) { return storage_calls.load(); }

void tinycapi_mock_storage_gate_arm(void) {
    std::lock_guard<std::mutex> lock(gate_mutex);
    gate_armed = true;
    gate_entered = false;
    gate_open = false;
}

void tinycapi_mock_storage_gate_wait_entered(void) {
    std::unique_lock<std::mutex> lock(gate_mutex);
    gate_changed.wait(lock, [] { return gate_entered; });
}

void tinycapi_mock_storage_gate_open(void) {
    std::lock_guard<std::mutex> lock(gate_mutex);
    gate_open = true;
    gate_changed.notify_all();
}

// ---- the port contract ----

int tinycapi_port_entropy(uint8_t *buffer, size_t length) {
    std::lock_guard<std::mutex> guard(entropy_mutex);
    ++entropy_calls;
    if (entropy_failures_pending > 0) {
        --entropy_failures_pending;
        return -1;
    }
    if (entropy_fail_countdown > 0 && --entropy_fail_countdown == 0) return -1;
    if (entropy_source != nullptr) return entropy_source(buffer, length);
    while (length > 0) {
        uint64_t word = next_entropy_word();
        for (int i = 0; i < 8 && length > 0; ++i, --length) {
            *buffer++ = static_cast<uint8_t>(word >> (8 * i));
        }
    }
    return 0;
}

tinycapi_port_status tinycapi_port_container_find(unsigned ns, const char *name) {
    pass_storage_gate();
    if (storage_step_fails()) return TINYCAPI_PORT_IO_ERROR;
    if (use_flash()) return tinycapi::port::split_store::find(current_flash_device, ns, name);
    return tinycapi::port::ram_store_find(ns, name);
}

tinycapi_port_status tinycapi_port_container_create(unsigned ns, const char *name) {
    pass_storage_gate();
    if (storage_step_fails() || consume_storage_failure()) return TINYCAPI_PORT_IO_ERROR;
    if (use_flash()) return tinycapi::port::split_store::create(current_flash_device, ns, name);
    return tinycapi::port::ram_store_create(ns, name);
}

tinycapi_port_status tinycapi_port_container_delete(unsigned ns, const char *name) {
    pass_storage_gate();
    if (storage_step_fails() || consume_storage_failure()) return TINYCAPI_PORT_IO_ERROR;
    if (use_flash()) return tinycapi::port::split_store::remove(current_flash_device, ns, name);
    return tinycapi::port::ram_store_delete(ns, name);
}

tinycapi_port_status tinycapi_port_container_read(unsigned ns, const char *name, unsigned record,
                                                  uint8_t *buffer, size_t capacity, size_t *length) {
    pass_storage_gate();
    if (storage_step_fails()) return TINYCAPI_PORT_IO_ERROR;
    if (use_flash()) return tinycapi::port::split_store::read(current_flash_device, ns, name, record, buffer, capacity, length);
    return tinycapi::port::ram_store_read(ns, name, record, buffer, capacity, length);
}

tinycapi_port_status tinycapi_port_container_write(unsigned ns, const char *name, unsigned record,
                                                   const uint8_t *data, size_t length) {
    pass_storage_gate();
    if (storage_step_fails() || consume_storage_failure()) return TINYCAPI_PORT_IO_ERROR;
    if (use_flash()) return tinycapi::port::split_store::write(current_flash_device, ns, name, record, data, length);
    return tinycapi::port::ram_store_write(ns, name, record, data, length);
}

tinycapi_port_status tinycapi_port_container_name_at(unsigned ns, size_t index, char *buffer,
                                                     size_t capacity) {
    pass_storage_gate();
    if (storage_step_fails()) return TINYCAPI_PORT_IO_ERROR;
    if (use_flash()) return tinycapi::port::split_store::name_at(current_flash_device, ns, index, buffer, capacity);
    return tinycapi::port::ram_store_name_at(ns, index, buffer, capacity);
}

}  // extern "C"
