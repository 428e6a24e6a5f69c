// The block cipher primitives of core/crypto: one keyed-cipher type and the three modes
// CryptoAPI offers (ECB, CBC, 8-bit CFB; reference §5.5) over AES, DES, 3DES, 3DES-112 and
// RC2. The objects layer (Key objects: CryptEncrypt/CryptDecrypt, CALG_MAC) builds padding,
// the Final protocol and the reset rules (§5.6) on top; it never calls Mbed TLS or
// crypto/legacy directly.
//
// No heap: a BlockCipher holds the backend's schedules (crypto/mbedtls3/block_cipher_state.hpp:
// Mbed TLS's direct contexts; crypto/psa/block_cipher_state.hpp: the AES key, imported into
// the PSA core per operation, and crypto/legacy's DES) and the legacy RC2 key in one union, so
// it costs the largest enabled member plus a tag. An algorithm switched off in tinycapi_config.h is compiled out: its
// contexts leave the union and set_key() refuses it.
//
// Both directions are scheduled at set_key(), so one keyed cipher encrypts and decrypts
// (CryptoAPI keys share one state for both, §5.6). Nothing here changes the schedule after
// set_key(): the chaining state lives in a buffer the caller owns and passes in, so resetting
// a key's chain to its IV (Final, bad padding, KP_IV) never needs a re-key.
//
// The hot path of every function is a switch on the algorithm and the direct backend call
// (mbedtls_aes_crypt_cbc for AES-CBC), nothing else: CryptEncrypt's cost stays Mbed TLS's.
//
// Not thread-safe per cipher: the caller serialises calls on one BlockCipher (the handle
// layer pins the key object). Distinct ciphers are independent.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/crypto_status.hpp"
#include "crypto/mbedtls_build.hpp"
#include "tinycapi_config.h"

// The backend's key schedules (BlockSchedule): TINYCAPI_CRYPTO_BACKEND picks one directory.
#if TINYCAPI_CRYPTO_BACKEND_PSA
#include "crypto/psa/block_cipher_state.hpp"
#else
#include "crypto/mbedtls3/block_cipher_state.hpp"
#endif

namespace tinycapi::crypto {

// Every block algorithm of the interface, enabled or not. 0 is deliberately no algorithm: a
// zeroed (wiped, never keyed, .bss) BlockCipher is refused by every operation.
enum class BlockAlgorithm : uint8_t {
    aes128 = 1,
    aes192,
    aes256,
    des,
    des3_112,  // two-key triple DES: K1 ‖ K2, used as K1, K2, K1
    des3,      // three-key triple DES: K1 ‖ K2 ‖ K3
    rc2,       // RFC 2268, with its effective key bits (T1) given separately
};

// Largest block_size() of any algorithm (AES): a chain or shift-register buffer this big fits
// every algorithm.
inline constexpr size_t max_block_size = 16;

// True when `algorithm` is compiled in (its TINYCAPI_ENABLE_* switch is 1). Only an enabled
// algorithm can be keyed.
constexpr bool is_enabled(BlockAlgorithm algorithm) {
    switch (algorithm) {
    case BlockAlgorithm::aes128:  // NOLINT(bugprone-branch-clone): each case reads its own TINYCAPI_ENABLE_* switch; equal only in some builds
    case BlockAlgorithm::aes192:
    case BlockAlgorithm::aes256: return TINYCAPI_ENABLE_AES != 0;
    case BlockAlgorithm::des:
    case BlockAlgorithm::des3_112:
    case BlockAlgorithm::des3: return TINYCAPI_ENABLE_DES != 0;
    case BlockAlgorithm::rc2: return TINYCAPI_ENABLE_RC2 != 0;
    }
    return false;
}

// Block length in bytes (CryptoAPI's bl, KP_BLOCKLEN/8), enabled or not: 16 for AES, 8 for
// the others (§5.4); 0 for a value that is not an algorithm.
constexpr size_t block_size(BlockAlgorithm algorithm) {
    switch (algorithm) {
    case BlockAlgorithm::aes128:
    case BlockAlgorithm::aes192:
    case BlockAlgorithm::aes256: return 16;
    case BlockAlgorithm::des:
    case BlockAlgorithm::des3_112:
    case BlockAlgorithm::des3:
    case BlockAlgorithm::rc2: return 8;
    }
    return 0;
}

// Key lengths in bytes that set_key() accepts, enabled or not. Fixed for AES and DES (the
// DES parity bits count and are neither checked nor fixed, §5.1); 1..128 for RC2, whose key
// is CryptoAPI's key ‖ salt (§5.2). 0 for a value that is not an algorithm.
constexpr size_t min_key_size(BlockAlgorithm algorithm) {
    switch (algorithm) {
    case BlockAlgorithm::aes128: return 16;
    case BlockAlgorithm::aes192: return 24;
    case BlockAlgorithm::aes256: return 32;
    case BlockAlgorithm::des: return 8;
    case BlockAlgorithm::des3_112: return 16;
    case BlockAlgorithm::des3: return 24;
    case BlockAlgorithm::rc2: return 1;
    }
    return 0;
}
constexpr size_t max_key_size(BlockAlgorithm algorithm) {
    return algorithm == BlockAlgorithm::rc2 ? 128 : min_key_size(algorithm);
}

// RC2's effective key bits (T1, KP_EFFECTIVE_KEYLEN) that set_key() accepts (RFC 2268 §2).
inline constexpr unsigned rc2_min_effective_bits = 1;
inline constexpr unsigned rc2_max_effective_bits = 1024;

// The checks set_key() makes, in both backends, before it writes anything: ok; failure when
// `algorithm` is not enabled; bad_data when the key length or RC2's T1 is out of range.
constexpr CryptoStatus check_key(BlockAlgorithm algorithm, size_t key_length, unsigned rc2_effective_bits) {
    if (!is_enabled(algorithm)) return CryptoStatus::failure;
    if (key_length < min_key_size(algorithm) || key_length > max_key_size(algorithm)) return CryptoStatus::bad_data;
    if (algorithm == BlockAlgorithm::rc2 &&
        (rc2_effective_bits < rc2_min_effective_bits || rc2_effective_bits > rc2_max_effective_bits)) {
        return CryptoStatus::bad_data;
    }
    return CryptoStatus::ok;
}

// One keyed block cipher: the encryption and the decryption schedule of one key. Plain data
// with no constructor: all-zero (e.g. a pool slot in .bss) is a valid "not keyed" state.
// Use the functions below, not the fields. A byte copy (or clone()) is an independent
// duplicate on both backends (Mbed TLS 3.6 contexts hold no pointers; the psa backend holds
// no PSA key between calls), e.g. for CryptDuplicateKey or the
// private copy a CALG_MAC hash takes (§5.8).
struct BlockCipher {
    BlockSchedule schedule;  // the backend's (crypto/<backend>/block_cipher_state.hpp)
    BlockAlgorithm algorithm;  // which member of `schedule` is live; 0 when none is
};

// Who zeroes the stack the key expansion leaves secrets in (platform/stack_scrub.hpp):
// set_key itself, or a caller that zeroes a deeper area below its own frame before returning
// anyway (every entry point that creates a key), so the second pass is spared (issue 16:
// CryptDeriveKey). The stack residue test checks the callers' reach.
enum class ScheduleScrub { here, by_caller };

// Keys `cipher` for `algorithm` with `key_length` bytes of `key`, scheduling both directions.
// `rc2_effective_bits` is RC2's T1 and must then be in [rc2_min_effective_bits,
// rc2_max_effective_bits], independently of the key length; other algorithms ignore it.
// Returns ok; bad_data when key_length is outside [min_key_size, max_key_size] or T1 is out
// of range; failure when `algorithm` is not enabled. In those three cases the cipher is
// unchanged. When the backend itself fails (possible only with an Mbed TLS *_ALT
// accelerator) it returns failure and leaves the cipher zeroed (not keyed).
// A keyed cipher is wiped first, so nothing of an earlier key remains in the union; an
// unkeyed one (algorithm 0: fresh zeroed storage, or wiped) is taken as it is.
CryptoStatus set_key(BlockCipher& cipher, BlockAlgorithm algorithm, const uint8_t* key,
                     size_t key_length, unsigned rc2_effective_bits = 0,
                     ScheduleScrub scrub = ScheduleScrub::here);

// The raw block cipher (ECB on one block): encrypts or decrypts block_size(cipher.algorithm)
// bytes from `input` to `output`. They may be the same buffer; they must not overlap
// otherwise. Returns ok, or failure when the cipher is not keyed or the backend failed (then
// `output` holds nothing meaningful).
CryptoStatus encrypt_block(BlockCipher& cipher, const uint8_t* input, uint8_t* output);
CryptoStatus decrypt_block(BlockCipher& cipher, const uint8_t* input, uint8_t* output);

// ECB over whole blocks: `length` bytes, a multiple of the block size (0 allowed), each block
// on its own. Same buffer rules as encrypt_block. Returns ok; bad_data when `length` is not a
// multiple of the block size (nothing written); failure when the cipher is not keyed or the
// backend failed (then `output` holds nothing meaningful).
CryptoStatus ecb_encrypt(BlockCipher& cipher, const uint8_t* input, uint8_t* output,
                         size_t length);
CryptoStatus ecb_decrypt(BlockCipher& cipher, const uint8_t* input, uint8_t* output,
                         size_t length);

// CBC over whole blocks (§5.5: C_i = E(P_i ⊕ C_{i-1}), C_0 = IV). `chain` is the caller's
// block_size() bytes: the IV before the first call, and on return the last ciphertext block
// processed, so a message split into several calls gives the same bytes as one call (the
// key's running vector; the caller resets it to the IV when CryptoAPI resets the key).
// `length` is a multiple of the block size (0 allowed: nothing changes). `input` and
// `output` may be the same buffer and must not overlap otherwise; `chain` must not overlap
// either. Returns ok; bad_data when `length` is not a multiple of the block size (nothing
// written, chain unchanged); failure when the cipher is not keyed or the backend failed (then
// `output` and `chain` hold nothing meaningful: reset the key).
// mbedtls3: AES, DES and 3DES run Mbed TLS's own CBC, RC2's is the backend's. psa: the chain
// is built here on single-block operations for every algorithm. On psa, failure also covers a
// full arena (the per-call PSA key and cipher context live there).
CryptoStatus cbc_encrypt(BlockCipher& cipher, uint8_t* chain, const uint8_t* input,
                         uint8_t* output, size_t length);
CryptoStatus cbc_decrypt(BlockCipher& cipher, uint8_t* chain, const uint8_t* input,
                         uint8_t* output, size_t length);

// CFB with 8-bit feedback exactly as CryptoAPI runs it (§5.5): `shift_register` is the
// caller's block_size() bytes R, the IV before the first call. For each byte:
// o = E(R)[0]; c = p ⊕ o; R = R[1..] ‖ c, where c is the ciphertext byte in both
// directions. Any number of bytes (0 allowed), and on return R holds the register after the
// last byte, so a message split into several calls at any byte gives the same bytes as one
// call. Only the encryption schedule is used, for both directions. Buffer rules as for CBC.
// Returns ok, or failure when the cipher is not keyed or the backend failed (then `output`
// and `shift_register` hold nothing meaningful: reset the key). One block encryption per
// byte: CFB-8 costs block_size() times CBC.
CryptoStatus cfb8_encrypt(BlockCipher& cipher, uint8_t* shift_register,
                          const uint8_t* input, uint8_t* output, size_t length);
CryptoStatus cfb8_decrypt(BlockCipher& cipher, uint8_t* shift_register,
                          const uint8_t* input, uint8_t* output, size_t length);

// Makes `destination` an independent copy of `source`, both schedules included; whatever
// `destination` held is overwritten. `destination` and `source` being the same object is
// allowed and changes nothing. Cannot fail.
void clone(BlockCipher& destination, const BlockCipher& source);

// Releases the schedules and zeroes every byte of `cipher`, tag included, with
// mbedtls_platform_zeroize (which the compiler may not elide); it is then not keyed. Safe on
// a zeroed cipher. Call it where the key dies (slot freed, stack copy going out of scope).
void wipe(BlockCipher& cipher);

}  // namespace tinycapi::crypto
