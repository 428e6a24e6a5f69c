// The block cipher primitives (crypto/block_cipher.hpp) on the psa backend: AES over the PSA
// Crypto API, DES, 3DES and RC2 over crypto/legacy, which PSA lacks (Mbed TLS 4 and
// TF-PSA-Crypto dropped DES). PSA's multipart cipher API cannot express CryptoAPI's chaining
// (CFB with 8-bit feedback, a chain the caller owns and resets): every mode here is built on
// single-block operations, PSA's ECB without padding for AES.
//
// An AES operation is one PSA session (crypto/psa/psa_session.hpp): the arena lock, a volatile
// PSA key imported from the key bytes the cipher holds, one ECB operation, then the key
// destroyed. The lock serialises the AES work of every thread; the reason the key does not stay
// in the PSA core between calls is in crypto/psa/block_cipher_state.hpp.
#include "tinycapi_config.h"

#if TINYCAPI_CRYPTO_BACKEND_PSA

#include "crypto/block_cipher.hpp"
#include "crypto/block_chaining.hpp"

#include <string.h>

#include <mbedtls/platform_util.h>

#include "crypto/psa/psa_session.hpp"
#include "platform/stack_scrub.hpp"

namespace tinycapi::crypto {
namespace {

using psa_backend::PsaSession;

// Below a legacy cipher operation: its frames and the chaining loop's stay well within this.
constexpr size_t kLegacyCipherScrubBytes = 512;

// Block sizes are powers of two, so "a multiple of the block size" is a mask test.
inline bool whole_blocks(size_t length, size_t block) {
    return (length & (block - 1)) == 0;
}

#if TINYCAPI_ENABLE_AES
constexpr size_t aes_block_bytes = 16;

// One AES operation in one direction: the session, the volatile key and the ECB operation,
// released in reverse order when it goes out of scope.
class AesCall {
public:
    // `chain` null: PSA's ECB, for single blocks. `chain` given: PSA's CBC without padding
    // with the chain as its IV, for whole-block CBC, which PSA can express.
    AesCall(const BlockCipher& cipher, bool encrypting, const uint8_t* chain = nullptr) {
        status_ = session_.status();
        if (status_ != CryptoStatus::ok) return;
        const psa_algorithm_t algorithm = chain != nullptr ? PSA_ALG_CBC_NO_PADDING : PSA_ALG_ECB_NO_PADDING;
        psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
        psa_set_key_type(&attributes, PSA_KEY_TYPE_AES);
        psa_set_key_usage_flags(&attributes, encrypting ? PSA_KEY_USAGE_ENCRYPT : PSA_KEY_USAGE_DECRYPT);
        psa_set_key_algorithm(&attributes, algorithm);
        status_ = psa_backend::status_of(
            psa_import_key(&attributes, cipher.schedule.aes.key, min_key_size(cipher.algorithm), &key_));
        if (status_ != CryptoStatus::ok) return;
        status_ = psa_backend::status_of(encrypting ? psa_cipher_encrypt_setup(&operation_, key_, algorithm)
                                                    : psa_cipher_decrypt_setup(&operation_, key_, algorithm));
        if (status_ == CryptoStatus::ok && chain != nullptr) {
            status_ = psa_backend::status_of(psa_cipher_set_iv(&operation_, chain, aes_block_bytes));
        }
        if (status_ == CryptoStatus::bad_data) status_ = CryptoStatus::failure;  // our key, not the caller's data
    }
    ~AesCall() {
        (void)psa_cipher_abort(&operation_);
        (void)psa_destroy_key(key_);  // 0 (no key) is accepted and does nothing
    }
    AesCall(const AesCall&) = delete;
    AesCall& operator=(const AesCall&) = delete;

    CryptoStatus status() const { return status_; }

    // `length` bytes, whole blocks, in one update (ECB: each block on its own; CBC: chained
    // from the IV); in place allowed.
    bool blocks(const uint8_t* input, uint8_t* output, size_t length) {
        size_t written = 0;
        return psa_cipher_update(&operation_, input, length, output, length, &written) == PSA_SUCCESS &&
               written == length;
    }

private:
    PsaSession session_;
    CryptoStatus status_ = CryptoStatus::failure;
    mbedtls_svc_key_id_t key_ = MBEDTLS_SVC_KEY_ID_INIT;
    psa_cipher_operation_t operation_ = PSA_CIPHER_OPERATION_INIT;
};
#endif

// The legacy ciphers' single block, in the same shape as AesCall.
class LegacyCall {
public:
    LegacyCall(const BlockCipher& cipher, bool encrypting) : cipher_(cipher), encrypting_(encrypting) {}
    CryptoStatus status() const { return CryptoStatus::ok; }
    bool blocks(const uint8_t* input, uint8_t* output, size_t length) {
        const size_t block = block_size(cipher_.algorithm);
        for (size_t offset = 0; offset < length; offset += block) {
            one(input + offset, output + offset);
        }
        return true;
    }

private:
    void one(const uint8_t* input, uint8_t* output) {
        switch (cipher_.algorithm) {
#if TINYCAPI_ENABLE_DES
        case BlockAlgorithm::des:
            if (encrypting_) {
                legacy::des_encrypt_block(cipher_.schedule.des, input, output);
            } else {
                legacy::des_decrypt_block(cipher_.schedule.des, input, output);
            }
            break;
        case BlockAlgorithm::des3_112:
        case BlockAlgorithm::des3:
            if (encrypting_) {
                legacy::des3_encrypt_block(cipher_.schedule.des3, input, output);
            } else {
                legacy::des3_decrypt_block(cipher_.schedule.des3, input, output);
            }
            break;
#endif
#if TINYCAPI_ENABLE_RC2
        case BlockAlgorithm::rc2:
            if (encrypting_) {
                legacy::rc2_encrypt_block(cipher_.schedule.rc2, input, output);
            } else {
                legacy::rc2_decrypt_block(cipher_.schedule.rc2, input, output);
            }
            break;
#endif
        default:
            (void)input;
            (void)output;
            break;  // unreachable: only a keyed legacy algorithm gets here
        }
    }
    const BlockCipher& cipher_;
    bool encrypting_;
};

inline bool is_aes(BlockAlgorithm algorithm) {
    return algorithm == BlockAlgorithm::aes128 || algorithm == BlockAlgorithm::aes192 ||
           algorithm == BlockAlgorithm::aes256;
}

// The modes, over any call type. `block` is the keyed algorithm's block size.
template <typename Call>
CryptoStatus ecb(Call& call, const uint8_t* input, uint8_t* output, size_t length) {
    return call.blocks(input, output, length) ? CryptoStatus::ok : CryptoStatus::failure;
}

enum class Mode { ecb, cbc, cfb8 };

#if TINYCAPI_ENABLE_AES
// Whole-block AES-CBC in one PSA operation whose IV is the caller's chain; the chain then
// becomes the last ciphertext block, as CryptoAPI carries it to the next call. Decrypting, that
// block is saved before the update, since output may be input.
CryptoStatus aes_cbc(const BlockCipher& cipher, bool decrypting, uint8_t* chain, const uint8_t* input,
                     uint8_t* output, size_t length) {
    uint8_t last_ciphertext[aes_block_bytes];
    if (decrypting) memcpy(last_ciphertext, input + length - aes_block_bytes, aes_block_bytes);
    AesCall call(cipher, !decrypting, chain);
    if (call.status() != CryptoStatus::ok || !call.blocks(input, output, length)) {
        return CryptoStatus::failure;  // a full arena included (block_cipher.hpp); the chain is as it was
    }
    memcpy(chain, decrypting ? last_ciphertext : output + length - aes_block_bytes, aes_block_bytes);
    return CryptoStatus::ok;  // ciphertext is not secret; nothing to wipe
}
#endif

template <typename Call>
CryptoStatus run_mode(Call& call, Mode mode, bool decrypting, size_t block, uint8_t* chain, const uint8_t* input,
                      uint8_t* output, size_t length) {
    if (call.status() != CryptoStatus::ok) {
        return CryptoStatus::failure;  // a full arena included (block_cipher.hpp)
    }
    auto one_block = [&call, block](const uint8_t* in, uint8_t* out) { return call.blocks(in, out, block); };
    switch (mode) {
    case Mode::ecb: return ecb(call, input, output, length);
    case Mode::cbc:
        return decrypting ? cbc_decrypt_blocks(one_block, block, chain, input, output, length)
                          : cbc_encrypt_blocks(one_block, block, chain, input, output, length);
    case Mode::cfb8: return cfb8_blocks(one_block, block, decrypting, chain, input, output, length);
    }
    return CryptoStatus::failure;
}

// Every public operation: checks, then the mode over the algorithm's call. CFB-8 runs the
// cipher forward in both directions.
CryptoStatus operate(BlockCipher& cipher, Mode mode, bool decrypting, uint8_t* chain, const uint8_t* input,
                     uint8_t* output, size_t length) {
    const size_t block = block_size(cipher.algorithm);
    if (block == 0 || !is_enabled(cipher.algorithm)) {
        return CryptoStatus::failure;  // not keyed
    }
    if (mode != Mode::cfb8 && !whole_blocks(length, block)) {
        return CryptoStatus::bad_data;  // checked before anything is written
    }
    const bool encrypting = mode == Mode::cfb8 || !decrypting;
#if TINYCAPI_ENABLE_AES
    if (is_aes(cipher.algorithm)) {
        if (length == 0) return CryptoStatus::ok;  // no session for nothing
        if (mode == Mode::cbc) return aes_cbc(cipher, decrypting, chain, input, output, length);
        AesCall call(cipher, encrypting);
        return run_mode(call, mode, decrypting, block, chain, input, output, length);
    }
#endif
    LegacyCall call(cipher, encrypting);
    const CryptoStatus status = run_mode(call, mode, decrypting, block, chain, input, output, length);
    // crypto/legacy's ciphers are C code like Mbed TLS's, and their round keys spill into their
    // frames on a CPU short of registers in the same way (the mbedtls3 backend's
    // ScrubCipherFrames, which the target's stack residue test motivated): zero those frames.
    // AES needs nothing more: its PSA session scrubs when it ends.
    platform::scrub_stack<kLegacyCipherScrubBytes>();
    return status;
}

}  // namespace

CryptoStatus set_key(BlockCipher& cipher, BlockAlgorithm algorithm, const uint8_t* key,
                     size_t key_length, unsigned rc2_effective_bits, ScheduleScrub scrub) {
    (void)scrub;  // no Mbed TLS key expansion runs here: AES is copied, DES and RC2 are crypto/legacy's
    // Every check before the first write: a refused key leaves the cipher as it was.
    if (const CryptoStatus checked = check_key(algorithm, key_length, rc2_effective_bits); checked != CryptoStatus::ok) {
        return checked;
    }
    // The member about to go live may be smaller than the one that was: nothing of it stays.
    // An unkeyed cipher is zero already (see the mbedtls3 backend's set_key).
    if (cipher.algorithm != BlockAlgorithm{}) wipe(cipher);
    switch (algorithm) {
#if TINYCAPI_ENABLE_AES
    case BlockAlgorithm::aes128:
    case BlockAlgorithm::aes192:
    case BlockAlgorithm::aes256:
        memcpy(cipher.schedule.aes.key, key, key_length);  // a PSA key per operation
        break;
#endif
#if TINYCAPI_ENABLE_DES
    case BlockAlgorithm::des:
        legacy::des_set_key(cipher.schedule.des, key);
        break;
    case BlockAlgorithm::des3_112:
    case BlockAlgorithm::des3:
        legacy::des3_set_key(cipher.schedule.des3, key, key_length);
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
    return CryptoStatus::ok;
}

CryptoStatus encrypt_block(BlockCipher& cipher, const uint8_t* input, uint8_t* output) {
    return operate(cipher, Mode::ecb, false, nullptr, input, output, block_size(cipher.algorithm));
}

CryptoStatus decrypt_block(BlockCipher& cipher, const uint8_t* input, uint8_t* output) {
    return operate(cipher, Mode::ecb, true, nullptr, input, output, block_size(cipher.algorithm));
}

CryptoStatus ecb_encrypt(BlockCipher& cipher, const uint8_t* input, uint8_t* output, size_t length) {
    return operate(cipher, Mode::ecb, false, nullptr, input, output, length);
}

CryptoStatus ecb_decrypt(BlockCipher& cipher, const uint8_t* input, uint8_t* output, size_t length) {
    return operate(cipher, Mode::ecb, true, nullptr, input, output, length);
}

CryptoStatus cbc_encrypt(BlockCipher& cipher, uint8_t* chain, const uint8_t* input, uint8_t* output,
                         size_t length) {
    return operate(cipher, Mode::cbc, false, chain, input, output, length);
}

CryptoStatus cbc_decrypt(BlockCipher& cipher, uint8_t* chain, const uint8_t* input, uint8_t* output,
                         size_t length) {
    return operate(cipher, Mode::cbc, true, chain, input, output, length);
}

CryptoStatus cfb8_encrypt(BlockCipher& cipher, uint8_t* shift_register, const uint8_t* input, uint8_t* output,
                          size_t length) {
    return operate(cipher, Mode::cfb8, false, shift_register, input, output, length);
}

CryptoStatus cfb8_decrypt(BlockCipher& cipher, uint8_t* shift_register, const uint8_t* input, uint8_t* output,
                          size_t length) {
    return operate(cipher, Mode::cfb8, true, shift_register, input, output, length);
}

void clone(BlockCipher& destination, const BlockCipher& source) {
    if (&destination != &source) {
        memcpy(&destination, &source, sizeof destination);  // plain data (block_cipher_state.hpp)
    }
}

void wipe(BlockCipher& cipher) {
    mbedtls_platform_zeroize(&cipher, sizeof cipher);  // the legacy wipes are this same zeroing
}

}  // namespace tinycapi::crypto

#endif  // TINYCAPI_CRYPTO_BACKEND_PSA
