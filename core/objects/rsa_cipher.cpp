// CryptEncrypt / CryptDecrypt with an RSA key-exchange key (reference §3.17-3.18 "RSA", §7.3):
// PKCS#1 v1.5 type 2 or OAEP, k bytes stored little-endian, always final.
#include <string.h>

#include "key_cipher.hpp"
#include "crypto_result.hpp"
#include "platform/secure_wipe.hpp"
#include "rsa_blobs.hpp"

namespace tinycapi::objects {

#if TINYCAPI_ENABLE_RSA

namespace {

constexpr size_t kMaxModulus = (TINYCAPI_RSA_MAX_BITS + 7) / 8;
constexpr size_t kPkcs1Overhead = 11;
constexpr size_t kOaepOverhead = 42;  // 2 × SHA-1 + 2


}  // namespace

Error rsa_encrypt(Key &key, Hash *hash, bool oaep, BYTE *data, DWORD *length, DWORD buffer_length) {
    if (key.algorithm == CALG_RSA_SIGN) return Error::bad_key;  // Windows-validated
    const size_t k = crypto::rsa_modulus_bytes(key.cipher.rsa);
    if (data == nullptr) {
        *length = static_cast<DWORD>(k);  // Windows-validated: 128 for 1024 bits
        return Error::none;
    }
    if (buffer_length < k) {
        *length = static_cast<DWORD>(k);
        return Error::more_data;
    }
    const size_t message = *length;
    if (message > k - (oaep ? kOaepOverhead : kPkcs1Overhead)) return Error::bad_len;
    if (hash) {
        if (Error e = hash_can_absorb(*hash); e != Error::none) return e;
    }
    uint8_t output[kMaxModulus];
    Error e = from_crypto(crypto::rsa_encrypt_pkcs1(key.cipher.rsa, oaep, data, message, output));
    if (e == Error::none && hash && message) e = hash_absorb(*hash, data, message);
    if (e == Error::none) {
        reverse_copy(data, output, k);
        *length = static_cast<DWORD>(k);
    }
    platform::secure_wipe(output, sizeof output);
    return e;
}

Error rsa_decrypt(Key &key, Hash *hash, bool oaep, BYTE *data, DWORD *length) {
    if (key.algorithm == CALG_RSA_SIGN) return Error::bad_key;
    if (!key.cipher.rsa.has_private) return Error::bad_key;
    const size_t k = crypto::rsa_modulus_bytes(key.cipher.rsa);
    // The ciphertext is the first k bytes. Windows reads them whatever *pdwDataLen says and
    // fails when the message is longer than it (Windows-validated); tinycapi never reads past
    // *pdwDataLen, so a shorter length is NTE_BAD_DATA before anything is read.
    if (*length < k) return Error::bad_data;
    if (hash) {
        if (Error e = hash_can_absorb(*hash); e != Error::none) return e;
    }
    uint8_t input[kMaxModulus], message[kMaxModulus];
    reverse_copy(input, data, k);
    size_t message_length = 0;
    Error e = from_crypto(crypto::rsa_decrypt_pkcs1(key.cipher.rsa, oaep, input, message, k, &message_length));
    if (e == Error::none) {
        memcpy(data, message, message_length);
        *length = static_cast<DWORD>(message_length);
        if (hash && message_length) e = hash_absorb(*hash, data, message_length);
    }
    platform::secure_wipe(input, sizeof input);
    platform::secure_wipe(message, sizeof message);
    return e;
}

#endif  // TINYCAPI_ENABLE_RSA

}  // namespace tinycapi::objects
