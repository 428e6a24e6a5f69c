#include "key_cipher.hpp"

#include <string.h>

#include "platform/secure_wipe.hpp"
#include "tinycapi_config.h"

namespace tinycapi::objects {
namespace {

bool ok(crypto::CryptoStatus status) { return status == crypto::CryptoStatus::ok; }

// OFB, CTS and anything else are refused when used (Windows-validated for OFB); so is CFB
// when TINYCAPI_ENABLE_CFB is 0.
bool mode_supported(DWORD mode) {
    return mode == CRYPT_MODE_ECB || mode == CRYPT_MODE_CBC || (TINYCAPI_ENABLE_CFB && mode == CRYPT_MODE_CFB);
}

// The checks every cipher call starts with (reference §3.17 steps 5-6).
Error check_cipher_key(const Key &key) {
    if (key.kind == KeyKind::hmac_only) return Error::bad_data;  // not in a cipher state
    return Error::none;
}

// Inlined: each caller runs one direction, so its switch folds to that direction's calls
// (issue 16: CryptEncrypt's fixed cost).
__attribute__((always_inline)) inline bool run_blocks(Key &key, bool encrypting, BYTE *data, size_t length) {
    crypto::BlockCipher &cipher = key.cipher.block;
    switch (key.mode) {
        case CRYPT_MODE_ECB:
            return ok(encrypting ? crypto::ecb_encrypt(cipher, data, data, length)
                                 : crypto::ecb_decrypt(cipher, data, data, length));
        case CRYPT_MODE_CBC:
            return ok(encrypting ? crypto::cbc_encrypt(cipher, key.chain, data, data, length)
                                 : crypto::cbc_decrypt(cipher, key.chain, data, data, length));
        default:  // CFB: always 8-bit feedback, whatever KP_MODE_BITS says (documented)
#if TINYCAPI_ENABLE_CFB
            return ok(encrypting ? crypto::cfb8_encrypt(cipher, key.chain, data, data, length)
                                 : crypto::cfb8_decrypt(cipher, key.chain, data, data, length));
#else
            return false;  // mode_supported refused it
#endif
    }
}

// The plaintext of the last block, computed aside so that a bad padding changes nothing. The
// block before it is the previous ciphertext block, or the chain for a one-block message; in
// CBC it is XORed in, in CFB-8 it is the shift register the last block starts from.
bool last_plaintext_block(Key &key, const BYTE *data, size_t length, uint8_t *out) {
    const size_t bl = key.block_length;
    const uint8_t *last = data + length - bl;
    const uint8_t *previous = length > bl ? last - bl : key.chain;
    crypto::BlockCipher &cipher = key.cipher.block;
    switch (key.mode) {
        case CRYPT_MODE_ECB: return ok(crypto::decrypt_block(cipher, last, out));
        case CRYPT_MODE_CBC:
            if (!ok(crypto::decrypt_block(cipher, last, out))) return false;
            for (size_t i = 0; i < bl; ++i) out[i] ^= previous[i];
            return true;
        default: {
#if TINYCAPI_ENABLE_CFB
            uint8_t shift_register[crypto::max_block_size];
            memcpy(shift_register, previous, bl);
            return ok(crypto::cfb8_decrypt(cipher, shift_register, last, out, bl));
#else
            return false;  // mode_supported refused it
#endif
        }
    }
}

// PKCS#5: the last byte p is 1..bl and the last p bytes all equal p (reference §5.5). Every
// byte is looked at whatever p is, so the time does not tell where a mismatch was.
size_t padding_length(const uint8_t *block, size_t bl) {
    const uint8_t p = block[bl - 1];
    unsigned bad = (p == 0) | (p > bl);
    for (size_t i = 0; i < bl; ++i) {
        const unsigned in_pad = (bl - i) <= p;
        bad |= in_pad & (block[i] != p);
    }
    return bad ? 0 : p;
}

Error encrypt_block_cipher(Key &key, Hash *hash, bool final, BYTE *data, DWORD *length, DWORD buffer_length) {
    const size_t bl = key.block_length;
    const DWORD input = *length;
    if (!final && input % bl) return Error::bad_data;  // also on a size query
    const DWORD output = static_cast<DWORD>((input / bl + (final ? 1 : 0)) * bl);
    if (output < input) return Error::bad_len;  // the padded length would not fit in a DWORD
    if (data == nullptr) {
        *length = output;
        return Error::none;
    }
    if (buffer_length < output) {
        *length = output;
        return Error::more_data;
    }
    if (!mode_supported(key.mode)) return Error::bad_algid;
    if (hash) {
        if (Error e = hash_can_absorb(*hash); e != Error::none) return e;
        if (Error e = hash_absorb(*hash, data, input); e != Error::none) return e;
    }
    if (final) {
        // PKCS#5: 1..bl bytes of value p, a whole block when aligned (Windows-validated).
        const uint8_t p = static_cast<uint8_t>(output - input);
        memset(data + input, p, p);
    }
    if (!run_blocks(key, true, data, output)) return Error::fail;
    *length = output;
    if (final) key_reset(key);
    return Error::none;
}

Error decrypt_block_cipher(Key &key, Hash *hash, bool final, BYTE *data, DWORD *length) {
    const size_t bl = key.block_length;
    const DWORD input = *length;
    if (final && input == 0) return Error::bad_len;
    if (input % bl) return Error::bad_data;  // never read or write past the data
    if (!mode_supported(key.mode)) return Error::bad_algid;
    if (hash) {
        if (Error e = hash_can_absorb(*hash); e != Error::none) return e;
    }
    size_t pad = 0;
    if (final) {
        uint8_t last[crypto::max_block_size];
        const bool decrypted = last_plaintext_block(key, data, input, last);
        pad = decrypted ? padding_length(last, bl) : 0;
        platform::secure_wipe(last, sizeof last);
        if (pad == 0) {
            key_reset(key);  // Windows-validated: a failed final decrypt restores the initial state
            return decrypted ? Error::bad_data : Error::fail;
        }
    }
    if (!run_blocks(key, false, data, input)) return Error::fail;
    const DWORD plaintext = static_cast<DWORD>(input - pad);
    *length = plaintext;
    if (final) key_reset(key);
    // The plaintext is hashed after unpadding (reference §3.18 step 11).
    if (hash && plaintext) return hash_absorb(*hash, data, plaintext);
    return Error::none;
}

Error stream_crypt(Key &key, Hash *hash, bool final, bool encrypting, BYTE *data, DWORD *length) {
    if (data == nullptr) return Error::none;  // RC4 size query: the data length is the answer
    if (hash) {
        if (Error e = hash_can_absorb(*hash); e != Error::none) return e;
        if (encrypting && *length) {
            if (Error e = hash_absorb(*hash, data, *length); e != Error::none) return e;
        }
    }
    if (!ok(crypto::crypt(key.cipher.stream, data, data, *length))) return Error::fail;
    if (hash && !encrypting && *length) {
        if (Error e = hash_absorb(*hash, data, *length); e != Error::none) return e;
    }
    if (final) key_reset(key);  // RC4 restarts its keystream (Wine; docs/COMPATIBILITY.md)
    return Error::none;
}

}  // namespace

Error encrypt(Key &key, Hash *hash, bool final, bool oaep, BYTE *data, DWORD *length, DWORD buffer_length) {
    if (Error e = check_cipher_key(key); e != Error::none) return e;
    // An RC2 key longer than its provider allows (a SIMPLEBLOB import) never encrypts,
    // whatever Final is (Windows-validated).
    if (TINYCAPI_ENABLE_RC2 && key.algorithm == CALG_RC2 && key.kind == KeyKind::block &&
        key_bits(key) > find_algorithm(personality_of(key.personality), CALG_RC2)->max_bits) {
        return Error::bad_key;
    }
#if TINYCAPI_ENABLE_RSA
    if (key.kind == KeyKind::rsa) return rsa_encrypt(key, hash, oaep, data, length, buffer_length);
#else
    (void)oaep;
#endif
    if (TINYCAPI_ENABLE_RC4 && key.kind == KeyKind::stream) {
        // RC4's output is as long as its input, so that is the size required: data longer than
        // the buffer is the short-buffer rule (documented; Wine ignores dwBufLen and writes past
        // it). *pdwDataLen already holds the required size.
        if (data != nullptr && *length > buffer_length) return Error::more_data;
        return stream_crypt(key, hash, final, true, data, length);
    }
    return encrypt_block_cipher(key, hash, final, data, length, buffer_length);
}

Error decrypt(Key &key, Hash *hash, bool final, bool oaep, BYTE *data, DWORD *length) {
    if (Error e = check_cipher_key(key); e != Error::none) return e;
#if TINYCAPI_ENABLE_RSA
    if (key.kind == KeyKind::rsa) return rsa_decrypt(key, hash, oaep, data, length);
#else
    (void)oaep;
#endif
    if (TINYCAPI_ENABLE_RC4 && key.kind == KeyKind::stream) return stream_crypt(key, hash, final, false, data, length);
    return decrypt_block_cipher(key, hash, final, data, length);
}

}  // namespace tinycapi::objects
