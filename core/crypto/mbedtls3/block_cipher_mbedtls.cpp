// The block cipher primitives (crypto/block_cipher.hpp) over Mbed TLS 3.6's direct AES, DES
// and 3DES contexts, and over crypto/legacy for RC2, which Mbed TLS 3 removed.
#include "crypto/block_cipher.hpp"
#include "crypto/block_chaining.hpp"

#include <string.h>

#include "crypto/mbedtls_build.hpp"

#include <mbedtls/platform_util.h>

#include "platform/stack_scrub.hpp"

namespace tinycapi::crypto {
namespace {

// Below set_key: Mbed TLS's AES/DES key expansion needs a few hundred bytes of stack (an
// AES context for the decryption schedule is 288 of them); twice that with sanitizers.
constexpr size_t kKeyScheduleScrubBytes = 1024;

// Mbed TLS 3 reports every failure as a nonzero int; the caller only needs to know it failed.
inline CryptoStatus status_of(int mbedtls_result) {
    return mbedtls_result == 0 ? CryptoStatus::ok : CryptoStatus::failure;
}

// Mbed TLS's C ciphers load round keys into registers, and a compiler short of them (a
// Cortex-M has 13) spills some into the ciphers' frames: after CryptDecrypt with AES-256,
// whose last decryption round key is the key's first 16 bytes, the target's stack residue test
// (tests/target/stack_residue_tests.cpp) found 12 of those bytes in dead stack. So every
// operation below ends by zeroing the stack under its own frame, where the cipher and the
// chaining ran (their frames stay well within it) — except AES on AES-NI, whose round keys
// never leave vector registers. CryptEncrypt and CryptDecrypt scrub nothing else (the hot
// path, stack_scrub.hpp); this costs a few hundred cycles of a call that encrypts at least a
// block.
constexpr size_t kCipherCallScrubBytes = 512;

inline bool round_keys_stay_in_registers(BlockAlgorithm algorithm) {
#if TINYCAPI_HOST_AES_ACCELERATION && defined(MBEDTLS_AESNI_C) && defined(__x86_64__)
    // Mbed TLS's own choice at run time (mbedtls_aesni_has_support): AES-NI when the CPU has it.
    return (algorithm == BlockAlgorithm::aes128 || algorithm == BlockAlgorithm::aes192 ||
            algorithm == BlockAlgorithm::aes256) &&
           __builtin_cpu_supports("aes") && __builtin_cpu_supports("sse2");
#else
    (void)algorithm;
    return false;
#endif
}

// Declared first in each operation, so that it runs last.
class ScrubCipherFrames {
public:
    explicit ScrubCipherFrames(const BlockCipher& cipher) : needed_(!round_keys_stay_in_registers(cipher.algorithm)) {}
    ~ScrubCipherFrames() {
        if (needed_) platform::scrub_stack<kCipherCallScrubBytes>();
    }
    ScrubCipherFrames(const ScrubCipherFrames&) = delete;
    ScrubCipherFrames& operator=(const ScrubCipherFrames&) = delete;

private:
    bool needed_;
};

// Block sizes are powers of two, so "a multiple of the block size" is a mask test.
inline bool whole_blocks(size_t length, size_t block) {
    return (length & (block - 1)) == 0;
}

// One block through the encryption or the decryption (inverse) schedule. Returns Mbed TLS's
// result, -1 when the cipher is not keyed. Inline, so constant directions fold away.
inline int one_block(BlockCipher& cipher, bool encrypting, const uint8_t* input, uint8_t* output) {
    switch (cipher.algorithm) {
#if TINYCAPI_ENABLE_AES
    case BlockAlgorithm::aes128:
    case BlockAlgorithm::aes192:
    case BlockAlgorithm::aes256:
        return mbedtls_aes_crypt_ecb(encrypting ? &cipher.schedule.aes.encrypt : &cipher.schedule.aes.decrypt,
                                     encrypting ? MBEDTLS_AES_ENCRYPT : MBEDTLS_AES_DECRYPT, input, output);
#endif
#if TINYCAPI_ENABLE_DES
    case BlockAlgorithm::des:
        return mbedtls_des_crypt_ecb(encrypting ? &cipher.schedule.des.encrypt : &cipher.schedule.des.decrypt,
                                     input, output);
    case BlockAlgorithm::des3_112:
    case BlockAlgorithm::des3:
        return mbedtls_des3_crypt_ecb(encrypting ? &cipher.schedule.des3.encrypt : &cipher.schedule.des3.decrypt,
                                      input, output);
#endif
#if TINYCAPI_ENABLE_RC2
    case BlockAlgorithm::rc2:
        if (encrypting) {
            legacy::rc2_encrypt_block(cipher.schedule.rc2, input, output);
        } else {
            legacy::rc2_decrypt_block(cipher.schedule.rc2, input, output);
        }
        return 0;
#endif
    default:
        (void)encrypting;  // no algorithm compiled in uses them on this path
        (void)input;
        (void)output;
        return -1;
    }
}

inline int forward(BlockCipher& cipher, const uint8_t* input, uint8_t* output) {
    return one_block(cipher, true, input, output);
}

inline int inverse(BlockCipher& cipher, const uint8_t* input, uint8_t* output) {
    return one_block(cipher, false, input, output);
}

// 8-bit CFB for every algorithm (crypto/block_chaining.hpp); Mbed TLS's own CFB-8 is AES-only.
template <bool decrypting>
CryptoStatus cfb8(BlockCipher& cipher, uint8_t* shift_register, const uint8_t* input,
                  uint8_t* output, size_t length) {
    const size_t block = block_size(cipher.algorithm);
    if (block == 0) {
        return CryptoStatus::failure;  // not keyed
    }
    auto encrypt = [&cipher](const uint8_t* in, uint8_t* out) { return forward(cipher, in, out) == 0; };
    return cfb8_blocks(encrypt, block, decrypting, shift_register, input, output, length);
}

template <bool decrypting>
CryptoStatus ecb(BlockCipher& cipher, const uint8_t* input, uint8_t* output,
                 size_t length) {
    const size_t block = block_size(cipher.algorithm);
    if (block == 0) {
        return CryptoStatus::failure;  // not keyed
    }
    if (!whole_blocks(length, block)) {
        return CryptoStatus::bad_data;
    }
    for (size_t offset = 0; offset < length; offset += block) {
        const int result = decrypting ? inverse(cipher, input + offset, output + offset)
                                      : forward(cipher, input + offset, output + offset);
        if (result != 0) {
            return CryptoStatus::failure;
        }
    }
    return CryptoStatus::ok;
}

}  // namespace

CryptoStatus set_key(BlockCipher& cipher, BlockAlgorithm algorithm, const uint8_t* key,
                     size_t key_length, unsigned rc2_effective_bits, ScheduleScrub scrub) {
    // Every check before the first write: a refused key leaves the cipher as it was.
    if (const CryptoStatus checked = check_key(algorithm, key_length, rc2_effective_bits); checked != CryptoStatus::ok) {
        return checked;
    }
    // The union member about to go live may be smaller than the one that was (DES after
    // 3DES): no byte of the earlier schedule may stay behind. An unkeyed cipher is zero already
    // (fresh slots are, and every path that unkeys one wipes it): CryptDeriveKey and
    // CryptImportKey key fresh slots, where this wipe was a tenth of their own cost (issue 16).
    if (cipher.algorithm != BlockAlgorithm{}) wipe(cipher);
    int result = 0;
    switch (algorithm) {
#if TINYCAPI_ENABLE_AES
    case BlockAlgorithm::aes128:
    case BlockAlgorithm::aes192:
    case BlockAlgorithm::aes256: {
        const unsigned key_bits = static_cast<unsigned>(key_length * 8);
        mbedtls_aes_init(&cipher.schedule.aes.encrypt);
        mbedtls_aes_init(&cipher.schedule.aes.decrypt);
        result = mbedtls_aes_setkey_enc(&cipher.schedule.aes.encrypt, key, key_bits);
        if (result == 0) {
            result = mbedtls_aes_setkey_dec(&cipher.schedule.aes.decrypt, key, key_bits);
        }
        break;
    }
#endif
#if TINYCAPI_ENABLE_DES
    case BlockAlgorithm::des:
        mbedtls_des_init(&cipher.schedule.des.encrypt);
        mbedtls_des_init(&cipher.schedule.des.decrypt);
        result = mbedtls_des_setkey_enc(&cipher.schedule.des.encrypt, key);
        if (result == 0) {
            result = mbedtls_des_setkey_dec(&cipher.schedule.des.decrypt, key);
        }
        break;
    case BlockAlgorithm::des3_112:
        mbedtls_des3_init(&cipher.schedule.des3.encrypt);
        mbedtls_des3_init(&cipher.schedule.des3.decrypt);
        result = mbedtls_des3_set2key_enc(&cipher.schedule.des3.encrypt, key);
        if (result == 0) {
            result = mbedtls_des3_set2key_dec(&cipher.schedule.des3.decrypt, key);
        }
        break;
    case BlockAlgorithm::des3:
        mbedtls_des3_init(&cipher.schedule.des3.encrypt);
        mbedtls_des3_init(&cipher.schedule.des3.decrypt);
        result = mbedtls_des3_set3key_enc(&cipher.schedule.des3.encrypt, key);
        if (result == 0) {
            result = mbedtls_des3_set3key_dec(&cipher.schedule.des3.decrypt, key);
        }
        break;
#endif
#if TINYCAPI_ENABLE_RC2
    case BlockAlgorithm::rc2:
        legacy::rc2_set_key(cipher.schedule.rc2, key, key_length, rc2_effective_bits);
        break;
#endif
    default:
        (void)key;
        return CryptoStatus::failure;  // unreachable: is_enabled() refused it above
    }
    cipher.algorithm = algorithm;
    // Mbed TLS's key expansion leaves key words in its dead frames (a vectorised copy of the
    // key, a temporary context for the decryption schedule): zero them (platform/stack_scrub.hpp).
    if (scrub == ScheduleScrub::here) platform::scrub_stack<kKeyScheduleScrubBytes>();
    if (result != 0) {
        wipe(cipher);
        return CryptoStatus::failure;
    }
    return CryptoStatus::ok;
}

CryptoStatus encrypt_block(BlockCipher& cipher, const uint8_t* input, uint8_t* output) {
    ScrubCipherFrames scrub(cipher);
    return status_of(forward(cipher, input, output));
}

CryptoStatus decrypt_block(BlockCipher& cipher, const uint8_t* input, uint8_t* output) {
    ScrubCipherFrames scrub(cipher);
    return status_of(inverse(cipher, input, output));
}

CryptoStatus ecb_encrypt(BlockCipher& cipher, const uint8_t* input, uint8_t* output,
                         size_t length) {
    ScrubCipherFrames scrub(cipher);
    return ecb<false>(cipher, input, output, length);
}

CryptoStatus ecb_decrypt(BlockCipher& cipher, const uint8_t* input, uint8_t* output,
                         size_t length) {
    ScrubCipherFrames scrub(cipher);
    return ecb<true>(cipher, input, output, length);
}

namespace {

#if TINYCAPI_ENABLE_RC2
// RC2, the one algorithm whose backend has no CBC (crypto/block_chaining.hpp). Apart from cbc(),
// so that the Mbed TLS ciphers' path there saves and restores no registers for it (issue 16:
// CryptEncrypt's fixed cost).
__attribute__((noinline)) CryptoStatus rc2_cbc(const legacy::Rc2Key& key, bool encrypting, uint8_t* chain,
                                               const uint8_t* input, uint8_t* output, size_t length) {
    constexpr size_t block = 8;
    if (encrypting) {
        auto encrypt = [&key](const uint8_t* in, uint8_t* out) {
            legacy::rc2_encrypt_block(key, in, out);
            return true;
        };
        return cbc_encrypt_blocks(encrypt, block, chain, input, output, length);
    }
    auto decrypt = [&key](const uint8_t* in, uint8_t* out) {
        legacy::rc2_decrypt_block(key, in, out);
        return true;
    };
    return cbc_decrypt_blocks(decrypt, block, chain, input, output, length);
}
#endif

// CBC in either direction: Mbed TLS keeps one schedule per direction, RC2 here one for both.
CryptoStatus cbc(BlockCipher& cipher, bool encrypting, uint8_t* chain, const uint8_t* input,
                 uint8_t* output, size_t length) {
    const size_t block = block_size(cipher.algorithm);
    if (block == 0) {
        return CryptoStatus::failure;  // not keyed
    }
    if (!whole_blocks(length, block)) {
        return CryptoStatus::bad_data;  // checked here so that no algorithm writes anything
    }
    switch (cipher.algorithm) {
#if TINYCAPI_ENABLE_AES
    case BlockAlgorithm::aes128:
    case BlockAlgorithm::aes192:
    case BlockAlgorithm::aes256:
        return status_of(mbedtls_aes_crypt_cbc(
            encrypting ? &cipher.schedule.aes.encrypt : &cipher.schedule.aes.decrypt,
            encrypting ? MBEDTLS_AES_ENCRYPT : MBEDTLS_AES_DECRYPT, length, chain, input, output));
#endif
#if TINYCAPI_ENABLE_DES
    case BlockAlgorithm::des:
        return status_of(mbedtls_des_crypt_cbc(
            encrypting ? &cipher.schedule.des.encrypt : &cipher.schedule.des.decrypt,
            encrypting ? MBEDTLS_DES_ENCRYPT : MBEDTLS_DES_DECRYPT, length, chain, input, output));
    case BlockAlgorithm::des3_112:
    case BlockAlgorithm::des3:
        return status_of(mbedtls_des3_crypt_cbc(
            encrypting ? &cipher.schedule.des3.encrypt : &cipher.schedule.des3.decrypt,
            encrypting ? MBEDTLS_DES_ENCRYPT : MBEDTLS_DES_DECRYPT, length, chain, input, output));
#endif
#if TINYCAPI_ENABLE_RC2
    case BlockAlgorithm::rc2: return rc2_cbc(cipher.schedule.rc2, encrypting, chain, input, output, length);
#endif
    default:
        (void)encrypting;  // an algorithm switched off: cannot have been keyed
        (void)chain;
        (void)input;
        (void)output;
        return CryptoStatus::failure;
    }
}

}  // namespace

CryptoStatus cbc_encrypt(BlockCipher& cipher, uint8_t* chain, const uint8_t* input,
                         uint8_t* output, size_t length) {
    ScrubCipherFrames scrub(cipher);
    return cbc(cipher, true, chain, input, output, length);
}

CryptoStatus cbc_decrypt(BlockCipher& cipher, uint8_t* chain, const uint8_t* input,
                         uint8_t* output, size_t length) {
    ScrubCipherFrames scrub(cipher);
    return cbc(cipher, false, chain, input, output, length);
}

CryptoStatus cfb8_encrypt(BlockCipher& cipher, uint8_t* shift_register,
                          const uint8_t* input, uint8_t* output, size_t length) {
    ScrubCipherFrames scrub(cipher);
    return cfb8<false>(cipher, shift_register, input, output, length);
}

CryptoStatus cfb8_decrypt(BlockCipher& cipher, uint8_t* shift_register,
                          const uint8_t* input, uint8_t* output, size_t length) {
    ScrubCipherFrames scrub(cipher);
    return cfb8<true>(cipher, shift_register, input, output, length);
}

void clone(BlockCipher& destination, const BlockCipher& source) {
    if (&destination == &source) {
        return;
    }
    // Mbed TLS 3.6 has no clone for these contexts and needs none: they hold no pointers
    // (AES keeps an offset into its own buffer and realigns it on use where that matters).
    memcpy(&destination, &source, sizeof destination);
}

void wipe(BlockCipher& cipher) {
    // Let Mbed TLS release the live contexts first (an *_ALT accelerator may hold resources),
    // then zero every byte, tag included, whatever member was live.
    switch (cipher.algorithm) {
#if TINYCAPI_ENABLE_AES
    case BlockAlgorithm::aes128:
    case BlockAlgorithm::aes192:
    case BlockAlgorithm::aes256:
        mbedtls_aes_free(&cipher.schedule.aes.encrypt);
        mbedtls_aes_free(&cipher.schedule.aes.decrypt);
        break;
#endif
#if TINYCAPI_ENABLE_DES
    case BlockAlgorithm::des:
        mbedtls_des_free(&cipher.schedule.des.encrypt);
        mbedtls_des_free(&cipher.schedule.des.decrypt);
        break;
    case BlockAlgorithm::des3_112:
    case BlockAlgorithm::des3:
        mbedtls_des3_free(&cipher.schedule.des3.encrypt);
        mbedtls_des3_free(&cipher.schedule.des3.decrypt);
        break;
#endif
    default:
        break;  // RC2 and "not keyed" own nothing beyond their bytes
    }
    mbedtls_platform_zeroize(&cipher, sizeof cipher);
}

}  // namespace tinycapi::crypto
