// CryptoAPI's chaining modes (reference §5.5) over one block operation, for the ciphers a
// backend has no mode of its own for: RC2 on mbedtls3; AES, DES and RC2 on psa; 8-bit CFB on
// both. `block_operation(input, output)` transforms one block of the keyed algorithm,
// in place allowed, and returns false when it failed; `block` is that algorithm's block size
// and `length` a multiple of it (CFB-8: any length). The chain and the shift register are the
// caller's, so Final handling and resets stay with the caller.
//
// A failure stops the run where it happened; the caller reports it and Windows' callers
// discard the output (block_cipher.hpp).
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <mbedtls/platform_util.h>

#include "crypto/block_cipher.hpp"

namespace tinycapi::crypto {

// C_i = E(P_i ⊕ C_{i-1}). In place allowed: each input block is read before its output.
template <typename BlockOperation>
CryptoStatus cbc_encrypt_blocks(BlockOperation&& encrypt, size_t block, uint8_t* chain, const uint8_t* input,
                                uint8_t* output, size_t length) {
    for (size_t offset = 0; offset < length; offset += block) {
        for (size_t i = 0; i < block; ++i) {
            chain[i] = static_cast<uint8_t>(chain[i] ^ input[offset + i]);
        }
        if (!encrypt(chain, chain)) return CryptoStatus::failure;
        memcpy(output + offset, chain, block);
    }
    return CryptoStatus::ok;
}

// P_i = D(C_i) ⊕ C_{i-1}. The ciphertext block is saved first, since output may be input.
template <typename BlockOperation>
CryptoStatus cbc_decrypt_blocks(BlockOperation&& decrypt, size_t block, uint8_t* chain, const uint8_t* input,
                                uint8_t* output, size_t length) {
    uint8_t ciphertext[max_block_size];
    for (size_t offset = 0; offset < length; offset += block) {
        memcpy(ciphertext, input + offset, block);
        if (!decrypt(ciphertext, output + offset)) return CryptoStatus::failure;
        for (size_t i = 0; i < block; ++i) {
            output[offset + i] = static_cast<uint8_t>(output[offset + i] ^ chain[i]);
        }
        memcpy(chain, ciphertext, block);
    }
    return CryptoStatus::ok;  // ciphertext is not secret; nothing to wipe
}

// 8-bit CFB: o = E(R)[0]; c = p ⊕ o; R = R[1..] ‖ c, with c the ciphertext byte in both
// directions, so the cipher runs forward when decrypting too.
template <typename BlockOperation>
CryptoStatus cfb8_blocks(BlockOperation&& encrypt, size_t block, bool decrypting, uint8_t* shift_register,
                         const uint8_t* input, uint8_t* output, size_t length) {
    uint8_t encrypted_register[max_block_size];
    CryptoStatus status = CryptoStatus::ok;
    for (size_t n = 0; n < length; ++n) {
        if (!encrypt(shift_register, encrypted_register)) {
            status = CryptoStatus::failure;
            break;
        }
        const uint8_t in = input[n];  // read before writing: input may be output
        const uint8_t out = static_cast<uint8_t>(in ^ encrypted_register[0]);
        output[n] = out;
        memmove(shift_register, shift_register + 1, block - 1);
        shift_register[block - 1] = decrypting ? in : out;
    }
    // E(R) beyond its first byte is keystream nobody has seen; it does not outlive the call.
    mbedtls_platform_zeroize(encrypted_register, sizeof encrypted_register);
    return status;
}

}  // namespace tinycapi::crypto
