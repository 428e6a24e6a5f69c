/*
 * <tinycapi/port.h> — what a platform port implements.
 *
 * tinycapi reaches the platform only through the functions below. A port is one C or C++
 * file per platform (see port/posix, port/baremetal, port/mock); it never needs to read
 * core/ to be written. Every function here:
 *   - MUST be callable from any thread that calls the Crypt* API;
 *   - MUST NOT allocate from a heap, and MUST NOT call back into tinycapi;
 *   - MAY block only where its contract says so.
 *
 * The RTOS ports (port/freertos, port/zephyr, port/cmsis-rtos2; README, "On an RTOS"):
 *   FreeRTOS    locks: xSemaphoreCreateMutexStatic over a static StaticSemaphore_t per
 *               tinycapi_port_lock_id, created by tinycapi_port_init in a critical section;
 *               last error: a thread-local-storage pointer (TINYCAPI_FREERTOS_TLS_INDEX) holding
 *               the DWORD itself; entropy: the board's TRNG hook.
 *   Zephyr      locks: K_MUTEX_DEFINE per lock id (the handle lock too: a k_spinlock would mask
 *               interrupts, and a k_mutex is uncontended in the common case); last error: a
 *               __thread variable (CONFIG_THREAD_LOCAL_STORAGE); entropy: sys_csrand_get().
 *   CMSIS-RTOS2 locks: osMutexNew with a static cb_mem per lock id, created at the first call
 *               once the kernel is initialised (tinycapi_port_init may run before
 *               osKernelInitialize, when osMutexNew is not allowed); last error: a table keyed by
 *               osThreadGetId() (no thread-local storage in CMSIS-RTOS2); entropy: the board's.
 *   All three: before the scheduler runs, no mutex is taken and the last error is one variable;
 *   in an interrupt handler tinycapi_port_context_refused makes every Crypt* call fail.
 *   Key containers on all three: the in-RAM store of port/common, or the power-loss-safe
 *   flash record store of port/common over the board's flash (<tinycapi/flash_device.h>,
 *   TINYCAPI_CONTAINER_STORE_FLASH), or any store implementing the tinycapi_port_container_*
 *   functions with the same contracts.
 */
#ifndef TINYCAPI_PORT_H
#define TINYCAPI_PORT_H

#include <stddef.h>
#include <stdint.h>

#include "tinycapi_config.h" /* TINYCAPI_HANDLE_LOCK_STRIPES */

#ifdef __cplusplus
extern "C" {
#endif

/* Result of the port functions that can fail. */
typedef enum tinycapi_port_status {
    TINYCAPI_PORT_OK = 0,
    TINYCAPI_PORT_NOT_FOUND = 1, /* no such container or record */
    TINYCAPI_PORT_EXISTS = 2,    /* a container of that name exists already */
    TINYCAPI_PORT_FULL = 3,      /* no room for another container or for a record that large */
    TINYCAPI_PORT_IO_ERROR = 4,  /* the medium failed; nothing was changed */
    TINYCAPI_PORT_DAMAGED = 5    /* the container's stored bytes fail their integrity check
                                    (bit rot, tampering); only deleting it succeeds */
} tinycapi_port_status;

/* ---- Initialisation ------------------------------------------------------------------ */

/* Called by tinycapi before its first use of any other hook (from the first Crypt* call,
 * under no lock). It MAY be called more than once and MUST then do nothing. Ports whose
 * state is valid as zero-initialised memory implement it as an empty function.
 * Returns 0 on success; a non-zero result makes the Crypt* call fail with NTE_FAIL. */
int tinycapi_port_init(void);

/* ---- Calling context ------------------------------------------------------------------ */

/* Non-zero when tinycapi may not run in the calling context: an interrupt handler, on an RTOS
 * whose mutexes cannot be taken there (FreeRTOS, Zephyr, CMSIS-RTOS2), or a scheduler state in
 * which the port could not wait for a lock. Checked on entry of every Crypt* function, before any
 * other hook; the call then fails with NTE_FAIL and changes nothing. GetLastError/SetLastError
 * still work there (a port keeps a last error for that context). MUST NOT block.
 * Optional: port/common gives a weak definition that accepts every context (posix, baremetal). */
int tinycapi_port_context_refused(void);

/* ---- Locks --------------------------------------------------------------------------- */

/* The locks tinycapi uses. Their storage is static in the port: one mutex per id. */
typedef enum tinycapi_port_lock_id {
    TINYCAPI_LOCK_HANDLES = 0, /* the global handle table: held for a few instructions */
    TINYCAPI_LOCK_DRBG = 1,    /* the CryptGenRandom DRBG: held for one generate or reseed */
    TINYCAPI_LOCK_ARENA = 2,   /* the Mbed TLS memory arena: held for one allocation */
    TINYCAPI_LOCK_STORAGE = 3, /* the key-container store: held for one store operation */
    /* Stripes 1 .. TINYCAPI_HANDLE_LOCK_STRIPES - 1 of the handle table, as TINYCAPI_LOCK_HANDLES
     * (stripe 0) is: ids 4, 5, ... (none where the config asks for one stripe, as on Cortex-M). */
    TINYCAPI_LOCK_HANDLE_STRIPE_1 = 4,
    TINYCAPI_LOCK_COUNT = 3 + TINYCAPI_HANDLE_LOCK_STRIPES
} tinycapi_port_lock_id;

/* Acquire lock `id`. MAY block until the lock is free; tinycapi never holds one lock while
 * acquiring another, and never holds TINYCAPI_LOCK_HANDLES across cryptography, entropy or
 * storage I/O. Locks are not recursive: tinycapi never re-acquires a lock it holds.
 * On a single-core system without threads, masking interrupts (or nothing at all, if
 * tinycapi is never called from an interrupt) is a valid implementation. MUST NOT fail. */
void tinycapi_port_lock(tinycapi_port_lock_id id);

/* Release lock `id`, held by the calling thread. MUST NOT block or fail. */
void tinycapi_port_unlock(tinycapi_port_lock_id id);

#if TINYCAPI_HANDLE_LOCK_STRIPES > 1
/* The handle table's locks by address, where it has several stripes (hosts; none on Cortex-M,
 * where TINYCAPI_LOCK_HANDLES is its one lock). Stripe k's lock is tinycapi_port_handle_locks[k]:
 * tinycapi finds it with a shift and an add and passes its address, so a port whose lock lives
 * in the object (posix: a spin word) takes it with no lookup; a port that locks by id takes
 * tinycapi_port_lock(lock->id). tinycapi_port_lock of a handle lock's id MUST take the same lock
 * as these functions given its object. Contracts as tinycapi_port_lock / tinycapi_port_unlock. */
typedef struct tinycapi_port_handle_lock {
    uint32_t word;            /* the port's: zero at start (posix: its spin lock) */
    tinycapi_port_lock_id id; /* TINYCAPI_LOCK_HANDLES for stripe 0, STRIPE_1 + k - 1 for k */
}
#if TINYCAPI_SLOT_ALIGNMENT > 1
__attribute__((aligned(TINYCAPI_SLOT_ALIGNMENT))) /* one lock per cache line */
#endif
tinycapi_port_handle_lock;

/* Defined by the port: TINYCAPI_PORT_HANDLE_LOCKS_INITIALISER gives each element its id. */
/* A declaration (constant-initialised where the port defines it): NOLINTNEXTLINE(bugprone-dynamic-static-initializers) */
extern tinycapi_port_handle_lock tinycapi_port_handle_locks[TINYCAPI_HANDLE_LOCK_STRIPES];

void tinycapi_port_lock_handles(tinycapi_port_handle_lock *lock);
void tinycapi_port_unlock_handles(tinycapi_port_handle_lock *lock);

#ifdef __cplusplus
#define TINYCAPI_PORT_HANDLE_LOCK_(k) {0, static_cast<tinycapi_port_lock_id>(TINYCAPI_LOCK_HANDLE_STRIPE_1 + (k) - 1)}
#else
#define TINYCAPI_PORT_HANDLE_LOCK_(k) {0, (tinycapi_port_lock_id)(TINYCAPI_LOCK_HANDLE_STRIPE_1 + (k) - 1)}
#endif
#if TINYCAPI_HANDLE_LOCK_STRIPES == 2
#define TINYCAPI_PORT_HANDLE_LOCKS_INITIALISER {{0, TINYCAPI_LOCK_HANDLES}, TINYCAPI_PORT_HANDLE_LOCK_(1)}
#elif TINYCAPI_HANDLE_LOCK_STRIPES == 4
#define TINYCAPI_PORT_HANDLE_LOCKS_INITIALISER                                                     \
    {{0, TINYCAPI_LOCK_HANDLES}, TINYCAPI_PORT_HANDLE_LOCK_(1), TINYCAPI_PORT_HANDLE_LOCK_(2),    \
     TINYCAPI_PORT_HANDLE_LOCK_(3)}
#elif TINYCAPI_HANDLE_LOCK_STRIPES == 8
#define TINYCAPI_PORT_HANDLE_LOCKS_INITIALISER                                                     \
    {{0, TINYCAPI_LOCK_HANDLES}, TINYCAPI_PORT_HANDLE_LOCK_(1), TINYCAPI_PORT_HANDLE_LOCK_(2),    \
     TINYCAPI_PORT_HANDLE_LOCK_(3), TINYCAPI_PORT_HANDLE_LOCK_(4), TINYCAPI_PORT_HANDLE_LOCK_(5),  \
     TINYCAPI_PORT_HANDLE_LOCK_(6), TINYCAPI_PORT_HANDLE_LOCK_(7)}
#else
#error "TINYCAPI_HANDLE_LOCK_STRIPES: 1, 2, 4 or 8"
#endif
#endif

/* ---- Per-thread last error ----------------------------------------------------------- */

/* The calling thread's last-error value (GetLastError). A thread that never set one reads
 * 0. MUST NOT block or fail. */
uint32_t tinycapi_port_get_last_error(void);

/* Set the calling thread's last-error value (SetLastError). MUST NOT block or fail. */
void tinycapi_port_set_last_error(uint32_t code);

/* ---- Entropy ------------------------------------------------------------------------- */

/* Fill `buffer` with `length` bytes from a true random source (a hardware TRNG), used only to
 * seed tinycapi's CTR_DRBG. MAY block while the source gathers entropy. Returns 0 when every
 * byte was written with full entropy; any other value when the source failed, in which case
 * tinycapi discards the buffer and the calling Crypt* function fails with NTE_FAIL.
 * A board without a true RNG MUST NOT pretend: it may offer a source named as test-only
 * (see boards/qemu-mps2-an385), which production images must not link. */
int tinycapi_port_entropy(uint8_t *buffer, size_t length);

/* ---- Device key (only with TINYCAPI_ENCRYPT_KEYS_AT_REST) ---------------------------- */

/* Copy the device's 32-byte key-encryption key into `key`. tinycapi seals every key-pair
 * record with it (AES-256-GCM) before the container store sees the record, and wipes its copy
 * after each use. The key MUST be the same for the life of the device (another key makes every
 * stored pair NTE_KEYSET_ENTRY_BAD) and SHOULD be unreadable to anything that can read the
 * store: a hardware unique key through a KDF, a key in a secure element or in OTP readable
 * only by secure code. MAY block. Returns 0 on success; any other value makes the calling
 * Crypt* function fail with NTE_FAIL. Not called (need not exist) when the knob is 0. */
int tinycapi_port_device_key(uint8_t key[32]);

/* ---- Key-container store ------------------------------------------------------------- */

/* Containers are named (a NUL-terminated ASCII/UTF-8 string of at most
 * TINYCAPI_CONTAINER_NAME_MAX bytes with its NUL, compared case-insensitively for ASCII) within
 * one of three namespaces: 0 = user keysets, 1 = machine keysets (CRYPT_MACHINE_KEYSET),
 * 2 = ephemeral: the key pairs of CRYPT_VERIFYCONTEXT contexts, which tinycapi creates and
 * deletes itself and which must not outlive a reset (a persistent store keeps namespace 2 in
 * RAM or erases it at start-up).
 * A container holds up to two records: TINYCAPI_RECORD_KEY_EXCHANGE and
 * TINYCAPI_RECORD_SIGNATURE (the key pairs, serialised by tinycapi; opaque to the port).
 *
 * tinycapi calls these under TINYCAPI_LOCK_STORAGE, so a store needs no lock of its own.
 * They MAY block for I/O. Each operation is atomic: when it fails, the store is as it was
 * (a torn flash write must roll back, not leave half a record). */
enum { TINYCAPI_RECORD_KEY_EXCHANGE = 1, TINYCAPI_RECORD_SIGNATURE = 2 };

/* OK if the container exists, NOT_FOUND otherwise, DAMAGED if it exists but its stored bytes
 * are corrupt (then read and write also return DAMAGED, delete succeeds, name_at skips it). */
tinycapi_port_status tinycapi_port_container_find(unsigned name_space, const char *name);

/* Create an empty container. EXISTS if it is there already, FULL when the store has no room,
 * IO_ERROR when the medium failed. */
tinycapi_port_status tinycapi_port_container_create(unsigned name_space, const char *name);

/* Delete a container and its records. NOT_FOUND if absent. */
tinycapi_port_status tinycapi_port_container_delete(unsigned name_space, const char *name);

/* Read a record into `buffer` (`capacity` bytes) and set *length. NOT_FOUND if the container
 * or the record is absent; FULL if the record is larger than `capacity` (*length then holds
 * the size needed and the buffer is untouched). */
tinycapi_port_status tinycapi_port_container_read(unsigned name_space, const char *name,
                                                  unsigned record, uint8_t *buffer,
                                                  size_t capacity, size_t *length);

/* Replace a record (length 0 erases it). NOT_FOUND if the container is absent, FULL if the
 * record does not fit, IO_ERROR on a failed write (the old record is then kept). */
tinycapi_port_status tinycapi_port_container_write(unsigned name_space, const char *name,
                                                   unsigned record, const uint8_t *data,
                                                   size_t length);

/* Copy the name of the container at position `index` (0, 1, 2 …, in any stable order) into
 * `buffer`. NOT_FOUND past the last one; FULL if `capacity` is too small. */
tinycapi_port_status tinycapi_port_container_name_at(unsigned name_space, size_t index,
                                                     char *buffer, size_t capacity);

/* ---- Test and porting aids (optional) ------------------------------------------------ */

/* TINYCAPI_FAILURE_INJECTION: called at the start of every Crypt* entry point with its name
 * ("CryptDecrypt", "CryptAcquireContextA", ...). A non-zero result is a Windows error code:
 * the call then fails with it as the last error and changes nothing. Only a test port
 * defines it (port/mock); tinycapi references it weakly, so other ports leave it out. */
uint32_t tinycapi_port_injected_failure(const char *entry_point);

/* TINYCAPI_LEAK_REPORT: what the last CryptReleaseContext of a context found still alive. */
typedef enum tinycapi_port_leak_kind {
    TINYCAPI_PORT_LEAKED_HASH = 1,
    TINYCAPI_PORT_LEAKED_KEY = 2
} tinycapi_port_leak_kind;

typedef struct tinycapi_port_leak {
    tinycapi_port_leak_kind kind;
    uint32_t algorithm;     /* its ALG_ID */
    uintptr_t handle;       /* the HCRYPTHASH or HCRYPTKEY nobody destroyed */
    uintptr_t context;      /* the HCRYPTPROV whose last release destroyed it */
    const char *created_in; /* the entry point that made it: "CryptCreateHash", "CryptGenKey", ... */
    const void *created_by; /* the return address into the code that called it (addr2line) */
} tinycapi_port_leak;

/* TINYCAPI_LEAK_REPORT: one call per leaked object, from the CryptReleaseContext that destroys
 * it, under no lock. MUST NOT call back into tinycapi. Required when the switch is on. */
void tinycapi_port_report_leak(const tinycapi_port_leak *leak);

#ifdef __cplusplus
}
#endif

#endif /* TINYCAPI_PORT_H */
