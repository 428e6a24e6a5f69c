/*
 * tinycapi compile-time configuration: every knob, its default and why.
 *
 * Override any knob by defining it before this file is read: put your values in a header
 * and build with -DTINYCAPI_USER_CONFIG_FILE='"my_tinycapi_config.h"' (CMake:
 * -DTINYCAPI_USER_CONFIG_FILE=/path/to/file.h). Every value below is only a default.
 */
#ifndef TINYCAPI_CONFIG_H
#define TINYCAPI_CONFIG_H

#if defined(TINYCAPI_USER_CONFIG_FILE)
#include TINYCAPI_USER_CONFIG_FILE
#elif defined(TINYCAPI_INSTALLED_USER_CONFIG)
/* An installed package built with a configuration header carries it under this name, and its
 * pkg-config file sets this macro: no quotes that a shell would have to keep. */
#include "tinycapi_user_config.h"
#endif

/* ---- Object pools -------------------------------------------------------------------- */

/* Contexts (HCRYPTPROV) alive at once. A slot costs about 104 bytes (see tools/footprint);
 * raise it when several tasks each hold their own context. */
#ifndef TINYCAPI_MAX_PROVIDERS
#define TINYCAPI_MAX_PROVIDERS 4
#endif

/* Key handles (HCRYPTKEY) alive at once, across all contexts. Each costs one key slot. */
#ifndef TINYCAPI_MAX_KEYS
#define TINYCAPI_MAX_KEYS 8
#endif

/* Hash handles (HCRYPTHASH) alive at once, across all contexts. A slot holds the largest
 * enabled hash state (SHA-512: 224 bytes) plus bookkeeping: about 260 bytes. */
#ifndef TINYCAPI_MAX_HASHES
#define TINYCAPI_MAX_HASHES 8
#endif

/* What happens when a slot has been reused so often that its handle generation would repeat
 * (2^(29 - index bits) reuses of that one slot: 67 million with 8 slots, 2^17 with 4096).
 * 0: the generation wraps; a stale handle could then, in theory, match the slot's new object.
 * 1: the slot is retired for good, so no handle value is ever issued twice; the pool shrinks
 *    by one slot each time (tinycapi_get_pool_stats reports `retired`).
 * Firmware that runs for years prefers 0: a pool that slowly dies is worse than a stale-handle
 * bug surviving 67 million reuses. Security-first builds that restart often may choose 1. */
#ifndef TINYCAPI_HANDLE_RETIRE_EXHAUSTED_SLOTS
#define TINYCAPI_HANDLE_RETIRE_EXHAUSTED_SLOTS 0
#endif

/* Alignment, in bytes, of each slot's bookkeeping, each slot's object and each pool's counters
 * (issue 16: two threads). On a multi-core host, neighbouring slots used by two threads at once
 * would share cache lines and every write would bounce the line between the cores; aligned to
 * the cache line they never do, at the cost of padding (a 16-byte slot header becomes 64). On a
 * single-core microcontroller there are no such lines to share and RAM is scarce: 0 (natural
 * alignment, no padding). Any power of two; 0 and 1 mean no padding. */
#ifndef TINYCAPI_SLOT_ALIGNMENT
#if defined(__x86_64__) || defined(__i386__) || defined(__aarch64__) || defined(_M_X64) || defined(_M_IX86) || \
    defined(_M_ARM64)
#define TINYCAPI_SLOT_ALIGNMENT 64
#else
#define TINYCAPI_SLOT_ALIGNMENT 0
#endif
#endif

/* Locks of the handle table (a power of two; issue 16: two threads). Each context (context slot
 * modulo this count) and every key and hash it owns is guarded by one of them, and a destroyed
 * key or hash goes back on that stripe's free list, from which its context's next key or hash
 * comes first: threads on their own contexts take different locks and reuse their own slots,
 * so no cache line bounces between their cores. Each stripe past the first is one more port
 * lock (TINYCAPI_LOCK_HANDLE_STRIPE_1 ...; with several, the port also defines
 * tinycapi_port_handle_locks, port.h) and 8 bytes of counters per pool, and the stripes divide
 * the generations a slot's handle values run through before they repeat. 1, 2, 4 or 8.
 * Single-core microcontrollers gain nothing from it: 1 (one lock, one FIFO list, today's code). */
#ifndef TINYCAPI_HANDLE_LOCK_STRIPES
#if TINYCAPI_SLOT_ALIGNMENT > 1
#define TINYCAPI_HANDLE_LOCK_STRIPES 4
#else
#define TINYCAPI_HANDLE_LOCK_STRIPES 1
#endif
#endif

/* Longest HMAC key a PLAINTEXTKEYBLOB imported with CRYPT_IPSEC_HMAC_KEY may carry, in bytes.
 * Windows takes any length; such a key shares its slot's room with the cipher schedules, so
 * up to about 550 bytes cost nothing extra. A longer blob is NTE_BAD_LEN. */
#ifndef TINYCAPI_MAX_HMAC_KEY_BYTES
#define TINYCAPI_MAX_HMAC_KEY_BYTES 512
#endif

/* ---- Providers ----------------------------------------------------------------------- */

/* Which of Windows' providers (reference §4.1) are compiled in. Code names its provider in
 * CryptAcquireContext; firmware that only ever asks for one type can drop the other's names,
 * algorithm tables and registry rows (PROV_RSA_FULL's: about 300 bytes of Cortex-M flash).
 * A provider switched off is one this Windows has not installed (docs/COMPATIBILITY.md):
 * CryptAcquireContext by its name is NTE_KEYSET_NOT_DEF, by its type with no name
 * NTE_PROV_TYPE_NOT_DEF; CryptEnumProviders and CryptEnumProviderTypes do not list it;
 * CryptGetDefaultProvider of its type is NTE_PROV_TYPE_NOT_DEF, CryptSetProviderEx
 * NTE_BAD_PROVIDER. At least one must stay.
 * 1: PROV_RSA_FULL with MS_DEF_PROV (Base), MS_STRONG_PROV (Strong), MS_ENHANCED_PROV. */
#ifndef TINYCAPI_ENABLE_PROV_RSA_FULL
#define TINYCAPI_ENABLE_PROV_RSA_FULL 1
#endif
/* 1: PROV_RSA_AES with MS_ENH_RSA_AES_PROV (also by its Windows XP name). */
#ifndef TINYCAPI_ENABLE_PROV_RSA_AES
#define TINYCAPI_ENABLE_PROV_RSA_AES 1
#endif

/* ---- Key containers ------------------------------------------------------------------ */

/* Named key containers the in-memory container store holds (per store, user and machine
 * keysets together). A container costs TINYCAPI_CONTAINER_NAME_MAX bytes plus its record.
 * The flash record store holds as many named containers (it costs no RAM per container); the
 * in-memory store then keeps only verify-context pairs. */
#ifndef TINYCAPI_MAX_CONTAINERS
#define TINYCAPI_MAX_CONTAINERS 4
#endif

/* 1: named key containers (CryptAcquireContext without CRYPT_VERIFYCONTEXT: open, CRYPT_NEWKEYSET,
 *    CRYPT_DELETEKEYSET, the default container, PP_ENUMCONTAINERS).
 * 0: only verify contexts, for firmware that keeps no key pair: the store then behaves as one
 *    with room for no container, with Windows' answers for that state (docs/COMPATIBILITY.md):
 *    opening or deleting a container is NTE_BAD_KEYSET (none exists), CRYPT_NEWKEYSET is
 *    NTE_TOKEN_KEYSET_STORAGE_FULL, PP_ENUMCONTAINERS lists nothing. Saves the container code
 *    (with TINYCAPI_ENABLE_RSA 0 also the in-memory store and its RAM) and the container name
 *    in each provider slot. */
#ifndef TINYCAPI_ENABLE_NAMED_CONTAINERS
#define TINYCAPI_ENABLE_NAMED_CONTAINERS 1
#endif

/* Longest container name in bytes, including the terminating NUL. Windows allows MAX_PATH
 * (260); firmware rarely needs more than a short tag, so the default saves RAM. A longer name
 * fails with NTE_BAD_KEYSET_PARAM. */
#ifndef TINYCAPI_CONTAINER_NAME_MAX
#define TINYCAPI_CONTAINER_NAME_MAX 64
#endif

/* 1: key-pair records are encrypted and authenticated (AES-256-GCM, a random 96-bit nonce per
 *    record, the container's namespace, name and key spec as associated data) under a device
 *    key from tinycapi_port_device_key() before they reach the container store, so a dump of
 *    the flash or of the files reveals no private key and a modified or transplanted record is
 *    rejected (NTE_KEYSET_ENTRY_BAD). Costs 29 bytes per record, the GCM code, and about 1 KiB
 *    of stack while a record is sealed or opened. The port or board MUST then define
 *    tinycapi_port_device_key (the posix port keeps a key file beside the containers).
 * 0: records are stored as they are (the store's CRC still detects corruption). */
#ifndef TINYCAPI_ENCRYPT_KEYS_AT_REST
#define TINYCAPI_ENCRYPT_KEYS_AT_REST 0
#endif

/* Largest key-pair record the in-memory container store keeps per container and key spec.
 * A pair is stored compactly (bit length, public exponent, p and q): 16 bytes plus one
 * modulus length. Each container reserves two records, so the default (2048-bit pairs) costs
 * about 560 bytes per container; raise it to 16 + TINYCAPI_RSA_MAX_BITS / 8 to keep larger
 * pairs in containers (plus 29 with TINYCAPI_ENCRYPT_KEYS_AT_REST). */
#ifndef TINYCAPI_CONTAINER_RECORD_MAX
#define TINYCAPI_CONTAINER_RECORD_MAX (16 + 2048 / 8 + (TINYCAPI_ENCRYPT_KEYS_AT_REST ? 29 : 0))
#endif

/* Where the posix and baremetal ports keep named containers (namespaces 0 and 1):
 * 0: in RAM (port/common/container_store_ram.cpp); they die at reset.
 * 1: in the power-loss-safe record store over the board's raw flash
 *    (port/common/flash_record_store.cpp, <tinycapi/flash_device.h>); the board supplies
 *    tinycapi_port_flash_device(). The posix port ignores it: it keeps one file per
 *    container (port/posix/container_store_file.cpp; README, "Where containers live").
 * Verify-context pairs (namespace 2) always stay in RAM. */
#ifndef TINYCAPI_CONTAINER_STORE_FLASH
#define TINYCAPI_CONTAINER_STORE_FLASH 0
#endif

/* Longest path of a container file of the posix port's file store (directory, '/', and a
 * 140-byte file name), in bytes with the NUL. Two such buffers are on the stack of a store
 * call; a longer TINYCAPI_STORE_DIR makes every named-container operation fail (NTE_FAIL). */
#ifndef TINYCAPI_FILE_STORE_PATH_MAX
#define TINYCAPI_FILE_STORE_PATH_MAX 512
#endif

/* The posix port's handle lock (taken once or twice by every Crypt* call, held for a slot
 * lookup and never across cryptography or I/O): 1, a spin lock that yields the core after a
 * few spins (about 10 instructions uncontended against a pthread mutex's 65); 0, a pthread
 * mutex. Choose 0 in a process whose threads run under SCHED_FIFO or SCHED_RR on a shared
 * core: there a spinning higher-priority waiter's sched_yield() never lets a preempted
 * lower-priority holder run. The host-m32 preset builds 0, the other host presets 1. */
#ifndef TINYCAPI_POSIX_HANDLE_SPIN_LOCK
#define TINYCAPI_POSIX_HANDLE_SPIN_LOCK 1
#endif

/* Most sectors a flash device may give the store. Each costs 8 bytes of RAM; 2 is the
 * minimum a device may give (one live, one kept erased for garbage collection). More sectors
 * spread wear further and waste less room to garbage collection. */
#ifndef TINYCAPI_FLASH_STORE_MAX_SECTORS
#define TINYCAPI_FLASH_STORE_MAX_SECTORS 8
#endif

/* Distinct container names the flash store's RAM index tracks: the live containers plus the
 * deleted ones whose tombstone is still in flash (garbage collection frees those). 16 bytes
 * of RAM each. Twice the container count lets as many deletions wait for collection; when the
 * index is full the store collects first, then reports the store full. */
#ifndef TINYCAPI_FLASH_STORE_MAX_KEYS
#define TINYCAPI_FLASH_STORE_MAX_KEYS (2 * TINYCAPI_MAX_CONTAINERS)
#endif

/* 1: once a record is superseded (a replaced pair, a deleted container) the store programs
 *    its payload to zeros, so a flash dump holds no old key pair. NOR parts allow it (bits
 *    only go 1 -> 0).
 * 0: for parts whose ECC forbids programming a unit twice (many STM32 and nRF52 flash
 *    controllers): old records then remain readable until garbage collection erases their
 *    sector. */
#ifndef TINYCAPI_FLASH_STORE_SCRUB
#define TINYCAPI_FLASH_STORE_SCRUB 1
#endif

/* The container a NULL or "" name opens without CRYPT_VERIFYCONTEXT. Windows uses the
 * logged-on user's name; a device has no user, so it is a fixed name (ASCII). */
#ifndef TINYCAPI_DEFAULT_CONTAINER_NAME
#define TINYCAPI_DEFAULT_CONTAINER_NAME "tinycapi"
#endif

/* ---- Platform integration ------------------------------------------------------------ */

/* 1: tinycapi defines GetLastError/SetLastError (per thread, through the port).
 * 0: the firmware already has them (e.g. a Win32 emulation layer); tinycapi then calls
 *    the application's SetLastError and never defines either symbol. */
#ifndef TINYCAPI_ENABLE_LAST_ERROR_FUNCTIONS
#define TINYCAPI_ENABLE_LAST_ERROR_FUNCTIONS 1
#endif

/* 1: the crypt32 key-format functions: CryptStringToBinary/CryptBinaryToString (base64, PEM,
 *    hex), CryptEncodeObject(Ex)/CryptDecodeObject(Ex) for the key structures, and
 *    CryptImportPublicKeyInfo(Ex)/CryptExportPublicKeyInfo(Ex). About 9.5 KiB of Cortex-M3 flash
 *    (-Os) once any of the object functions is called, since lpszStructType picks the structure
 *    at run time; the string functions alone about 3 KiB; an image that calls none links none of
 *    it (tools/footprint). No RAM; at most 550 bytes of stack (an RSA-4096 public BLOB).
 * 0: they are still declared and each fails with ERROR_CALL_NOT_IMPLEMENTED. */
#ifndef TINYCAPI_ENABLE_ENCODING
#define TINYCAPI_ENABLE_ENCODING 1
#endif

/* Bytes CryptGenRandom's CTR_DRBG draws from the port's entropy source to (re)seed. 48 gives
 * the 256-bit security strength plus a nonce that NIST SP 800-90A asks of AES-256 CTR_DRBG. */
#ifndef TINYCAPI_DRBG_SEED_BYTES
#define TINYCAPI_DRBG_SEED_BYTES 48
#endif

/* Requests between reseeds of the DRBG from the entropy source. Lower costs entropy-source
 * time; higher lengthens the window a state compromise exposes. Mbed TLS's default. */
#ifndef TINYCAPI_DRBG_RESEED_INTERVAL
#define TINYCAPI_DRBG_RESEED_INTERVAL 10000
#endif

/* 1: every Crypt* entry point first asks the port whether a test wants it to fail now
 *    (tinycapi_port_injected_failure, port.h); the mock port answers from the rules a test set
 *    with tinycapi_mock_fail_call (<tinycapi/port_mock.h>). Other ports need not implement the
 *    hook: it is a weak reference, and without a definition the check is one compare.
 * 0: no check at all (the default on bare-metal and RTOS builds). */
#ifndef TINYCAPI_FAILURE_INJECTION
#if defined(__unix__) || defined(__APPLE__) || defined(_WIN32)
#define TINYCAPI_FAILURE_INJECTION 1
#else
#define TINYCAPI_FAILURE_INJECTION 0
#endif
#endif

/* 1: the last CryptReleaseContext of a context reports every key and hash the program forgot
 *    to destroy (kind, algorithm, handle, where it was created) through
 *    tinycapi_port_report_leak (port.h), which the port must then provide: posix prints to
 *    stderr, the mock port collects them for a test to assert on. A porting aid: each key and
 *    hash slot grows by three pointers. 0: no report (the default). */
#ifndef TINYCAPI_LEAK_REPORT
#define TINYCAPI_LEAK_REPORT 0
#endif

/* ---- Algorithms (0 removes the code; a removed algorithm gives NTE_BAD_ALGID and leaves
 * the PP_ENUMALGS lists) ---------------------------------------------------------------- */

#ifndef TINYCAPI_ENABLE_MD2
#define TINYCAPI_ENABLE_MD2 1 /* legacy, ~1 KiB flash; kept for Windows data signed with it */
#endif
#ifndef TINYCAPI_ENABLE_MD4
#define TINYCAPI_ENABLE_MD4 1 /* legacy, ~1 KiB flash; kept for Windows data derived with it */
#endif
#ifndef TINYCAPI_ENABLE_MD5
#define TINYCAPI_ENABLE_MD5 1
#endif
#ifndef TINYCAPI_ENABLE_SHA1
#define TINYCAPI_ENABLE_SHA1 1
#endif
#ifndef TINYCAPI_ENABLE_SHA256
#define TINYCAPI_ENABLE_SHA256 1
#endif
#ifndef TINYCAPI_ENABLE_SHA384_512
#define TINYCAPI_ENABLE_SHA384_512 1 /* SHA-384 and SHA-512 share one engine */
#endif
#ifndef TINYCAPI_ENABLE_AES
#define TINYCAPI_ENABLE_AES 1
#endif
#ifndef TINYCAPI_ENABLE_DES
#define TINYCAPI_ENABLE_DES 1 /* DES, 3DES and 3DES_112 */
#endif
#ifndef TINYCAPI_ENABLE_RC2
#define TINYCAPI_ENABLE_RC2 1 /* legacy; ported Windows data uses it */
#endif
#ifndef TINYCAPI_ENABLE_RC4
#define TINYCAPI_ENABLE_RC4 1 /* legacy; ported Windows data uses it */
#endif
#ifndef TINYCAPI_ENABLE_RSA
#define TINYCAPI_ENABLE_RSA 1 /* pulls in bignum and the Mbed TLS arena */
#endif

/* 1: CALG_MAC, the CBC-MAC over a block-cipher key (Windows' legacy MAC; a few hundred bytes of
 *    Cortex-M3 flash, tools/footprint). 0 removes it: CryptCreateHash(CALG_MAC) is
 *    NTE_BAD_ALGID and MAC leaves the PP_ENUMALGS lists, as for any compiled-out algorithm.
 *    CALG_HMAC does not depend on it. */
#ifndef TINYCAPI_ENABLE_MAC
#define TINYCAPI_ENABLE_MAC 1
#endif

/* 1: the CFB cipher mode (KP_MODE CRYPT_MODE_CFB, 8-bit feedback) for block ciphers. 0 removes
 *    it: KP_MODE still stores any value, as on Windows, and CryptEncrypt/CryptDecrypt of a key
 *    in CFB mode then give NTE_BAD_ALGID, as Windows does for a mode its provider lacks (OFB).
 *    ECB and CBC (the default) stay. */
#ifndef TINYCAPI_ENABLE_CFB
#define TINYCAPI_ENABLE_CFB 1
#endif

/* Largest RSA modulus accepted, in bits. Windows allows 16384; 4096 bounds the arena and the
 * time of a key generation on an MCU. Reported by PP_ENUMALGS_EX; larger → NTE_BAD_DATA. */
#ifndef TINYCAPI_RSA_MAX_BITS
#define TINYCAPI_RSA_MAX_BITS 4096
#endif

/* Bytes of the fixed arena Mbed TLS's bignum code allocates from (RSA only; never the heap).
 * An RSA-2048 sign or decrypt peaks at about 7.5 KiB and each live 2048-bit key holds 1.2 KiB,
 * so the default runs the heaviest 2048-bit operation with several keys alive; 1024-bit keys
 * need half. Raise it to 24 KiB or more for 4096-bit keys. The arena tests print the
 * high-water mark of every RSA operation. Running out is a clean NTE_NO_MEMORY. */
#ifndef TINYCAPI_MBEDTLS_ARENA_SIZE
#define TINYCAPI_MBEDTLS_ARENA_SIZE (16 * 1024)
#endif

/* 1: Mbed TLS's AES uses AES-NI where the CPU has it (detected at run time, with the software
 * tables as the fallback) and its full-size tables, as a user's host build would. Only for
 * x86-64 hosts (GCC or clang inline assembly, MBEDTLS_HAVE_ASM, which also lets the bignum
 * code use its x86-64 assembly); microcontroller builds keep the small tables in flash. */
#ifndef TINYCAPI_HOST_AES_ACCELERATION
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TINYCAPI_HOST_AES_ACCELERATION 1
#else
#define TINYCAPI_HOST_AES_ACCELERATION 0
#endif
#endif

/* 1 when core/crypto runs over the PSA Crypto API (core/crypto/psa), 0 over Mbed TLS 3.6's
 * direct interfaces (core/crypto/mbedtls3). Set by CMake from -DTINYCAPI_CRYPTO_BACKEND. */
#ifndef TINYCAPI_CRYPTO_BACKEND_PSA
#define TINYCAPI_CRYPTO_BACKEND_PSA 0
#endif

/* Container key pairs CryptSignHash keeps loaded between calls, with Mbed TLS's blinding and
 * R^2 caches (core/objects/pair_cache.hpp): about half of an RSA-2048 signature is loading the
 * pair and drawing a fresh blinding pair. Each kept 2048-bit pair holds about 2.5 KiB of the
 * arena until its context is released or its record changes. 0 loads the pair every time. */
#ifndef TINYCAPI_RSA_PAIR_CACHE
#define TINYCAPI_RSA_PAIR_CACHE 1
#endif

/* Bytes of dead stack zeroed below an RSA operation when it ends, and below every entry point
 * that handles key material when it returns (docs/ARCHITECTURE.md, "Secrets on the stack"):
 * Mbed TLS and compiler spills leave key bytes there that tinycapi cannot wipe at the source.
 * Must cover the deepest stack those calls use in your build: tests/misuse/stack_residue_test.cpp
 * checks in each host build that no call writes a byte of stack below its scrubs, and prints the
 * depth. 4 KiB covers optimised builds (gcc -O2/-O3, clang -O2 with ThreadSanitizer, and the
 * Cortex-M builds' -Os) and costs a few microseconds per call; AddressSanitizer's frames are
 * larger (RSA signing went 8.7 KB deep at gcc -O0 with it), so an ASan build scrubs 16 KiB. The
 * stack needs this much room at each such call. */
#ifndef TINYCAPI_STACK_SCRUB_BYTES
#if defined(__SANITIZE_ADDRESS__)
#define TINYCAPI_STACK_SCRUB_BYTES 16384
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TINYCAPI_STACK_SCRUB_BYTES 16384
#endif
#endif
#endif
#ifndef TINYCAPI_STACK_SCRUB_BYTES
#define TINYCAPI_STACK_SCRUB_BYTES 4096
#endif

/* ---- Consistency --------------------------------------------------------------------- */

#if TINYCAPI_MAX_PROVIDERS < 1 || TINYCAPI_MAX_PROVIDERS > 1024
#error "TINYCAPI_MAX_PROVIDERS must be 1..1024"
#endif
#if TINYCAPI_MAX_KEYS < 1 || TINYCAPI_MAX_KEYS > 4096
#error "TINYCAPI_MAX_KEYS must be 1..4096"
#endif
#if TINYCAPI_MAX_HASHES < 1 || TINYCAPI_MAX_HASHES > 4096
#error "TINYCAPI_MAX_HASHES must be 1..4096"
#endif
#if !TINYCAPI_ENABLE_PROV_RSA_FULL && !TINYCAPI_ENABLE_PROV_RSA_AES
#error "TINYCAPI_ENABLE_PROV_RSA_FULL and TINYCAPI_ENABLE_PROV_RSA_AES: at least one provider type"
#endif
#if TINYCAPI_CONTAINER_NAME_MAX < 2
#error "TINYCAPI_CONTAINER_NAME_MAX must leave room for a name and its NUL"
#endif
#if TINYCAPI_DRBG_SEED_BYTES < 32 || TINYCAPI_DRBG_SEED_BYTES > 256
#error "TINYCAPI_DRBG_SEED_BYTES must be 32..256"
#endif

#endif /* TINYCAPI_CONFIG_H */
