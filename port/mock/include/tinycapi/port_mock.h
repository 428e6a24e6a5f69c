/*
 * <tinycapi/port_mock.h> — control of the mock port, for host unit tests of tinycapi and of
 * firmware that uses it.
 *
 * The mock port is deterministic (entropy from a seeded generator), thread-safe (real
 * mutexes, so concurrency tests run on it under TSan), accounts for every lock, and injects
 * every fault a real device can produce: an entropy source that fails, a storage write that
 * fails or tears. For tests of code that uses tinycapi it also makes chosen Crypt* calls fail
 * with chosen Windows errors, and collects the keys and hashes that code forgot to destroy.
 * All state is reset by tinycapi_mock_reset().
 */
#ifndef TINYCAPI_PORT_MOCK_H
#define TINYCAPI_PORT_MOCK_H

#include <stddef.h>
#include <stdint.h>
#include <tinycapi/flash_device.h>
#include <tinycapi/port.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Clear every fault, counter and container, and reseed entropy with `seed`. */
void tinycapi_mock_reset(uint64_t seed);

/* ---- Entropy ---- */
/* The next `count` entropy requests fail (return non-zero). 0 cancels. */
void tinycapi_mock_fail_entropy(unsigned count);
/* Entropy requests served so far, failed ones included. */
unsigned tinycapi_mock_entropy_calls(void);
/* Only the `nth` entropy request from now fails (1 = the next one). 0 cancels. */
void tinycapi_mock_fail_entropy_at(unsigned nth);
/* Serve entropy requests from `source` (a board's entropy driver under test) instead of the
 * seeded generator; NULL restores the generator. The failure injections above still apply
 * first. tinycapi_mock_reset restores the generator. */
void tinycapi_mock_set_entropy_source(int (*source)(uint8_t *buffer, size_t length));

/* ---- Storage ---- */
/* The next `count` container create/delete/write operations fail with IO_ERROR and change
 * nothing, as a torn flash write that rolls back must. 0 cancels. */
void tinycapi_mock_fail_storage_writes(unsigned count);
/* Only the `nth` container-store operation from now, of any kind (find, create, delete, read,
 * write, name_at), fails with IO_ERROR and changes nothing (1 = the next one). 0 cancels. */
void tinycapi_mock_fail_storage_at(unsigned nth);
/* Container-store operations served so far, failed ones included. */
unsigned tinycapi_mock_storage_calls(void);

/* Keep named containers (namespaces 0 and 1) in the flash record store over `device`, as a
 * port built with TINYCAPI_CONTAINER_STORE_FLASH does, and mount it now; namespace 2 stays in
 * RAM. NULL goes back to the RAM store (tinycapi_mock_reset does too). Returns the mount's
 * tinycapi_port_status (0: mounted). The device must outlive its use. */
int tinycapi_mock_use_flash(const tinycapi_flash_device *device);

/* What a reset does to the store: RAM contents (namespace 2) are lost and the flash is
 * mounted again from what it holds. Returns the mount's tinycapi_port_status. */
int tinycapi_mock_reset_store(void);

/* The device key tinycapi_port_device_key hands out (TINYCAPI_ENCRYPT_KEYS_AT_REST): 32 bytes
 * of `fill` (0xA5 after a reset), as a device with another key would. */
void tinycapi_mock_set_device_key(uint8_t fill);

/* A gate that holds the next container-store operation in flight, so that a test can act on
 * an object while a call on another thread is inside it (ERROR_BUSY tests):
 *   arm → start the call on thread A → wait_entered → act on thread B → open.
 * The held operation runs under TINYCAPI_LOCK_STORAGE only, as every store call does. */
void tinycapi_mock_storage_gate_arm(void);
void tinycapi_mock_storage_gate_wait_entered(void);
void tinycapi_mock_storage_gate_open(void);

/* ---- Failing Crypt* calls (TINYCAPI_FAILURE_INJECTION, on in host builds) ---- */
/* After letting `skip` calls of `function` through, the next `count` calls fail: each returns
 * FALSE with `error` as GetLastError() and changes nothing, as if Windows had refused it.
 * `function` is an entry point ("CryptDecrypt", "CryptAcquireContextA") or a generic name that
 * covers its A and W forms ("CryptAcquireContext", "CryptSignHash"). Returns 0, or -1 (nothing
 * armed) for a name tinycapi does not export, a count or error of 0, or when 8 rules are armed.
 * Rules for different functions run side by side. */
int tinycapi_mock_fail_call(const char *function, unsigned skip, unsigned count, uint32_t error);
/* Disarm every rule. */
void tinycapi_mock_clear_call_failures(void);
/* Calls failed by a rule since the last reset. */
unsigned tinycapi_mock_injected_failures(void);

/* ---- Leaked keys and hashes (TINYCAPI_LEAK_REPORT) ---- */
/* Keys and hashes reported so far: each was still alive when the last CryptReleaseContext of
 * its context destroyed it. The first 64 are kept for tinycapi_mock_leak_at. */
size_t tinycapi_mock_leak_count(void);
/* The `index`-th report (0-based). Returns 0, or -1 if there is no such report kept. */
int tinycapi_mock_leak_at(size_t index, tinycapi_port_leak *out);
void tinycapi_mock_clear_leaks(void);

/* ---- Locks ---- */
/* Locks currently held, summed over every lock id and thread. */
unsigned tinycapi_mock_locks_held(void);
/* Lock acquisitions since the last reset (all ids). */
unsigned long tinycapi_mock_lock_acquisitions(void);
/* Times a thread acquired a lock while it already held another: tinycapi promises 0. */
unsigned tinycapi_mock_nested_lock_violations(void);

#ifdef __cplusplus
}
#endif

#endif /* TINYCAPI_PORT_MOCK_H */
