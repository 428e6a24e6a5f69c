// CryptEncrypt / CryptDecrypt with a session key (reference §3.17, §3.18, §5.5, §5.6):
// ECB, CBC and 8-bit CFB with PKCS#5 padding, and RC4. The API layer has checked handles,
// pointers and flags; `hash` is the pinned hHash or null.
#pragma once

#include "error.hpp"
#include "hash_object.hpp"
#include "key_object.hpp"

namespace tinycapi::objects {

// Final, and dwFlags' CRYPT_OAEP. One small value, so that encrypt's arguments all travel in
// registers (issue 16: CryptEncrypt's fixed cost).
struct CipherCall {
    bool final;
    bool oaep;
};

// `data` null is a size query. Every check runs before any side effect: on failure the key,
// the hash and the buffer are as they were.
Error encrypt(Key &key, Hash *hash, CipherCall call, BYTE *data, DWORD *length, DWORD buffer_length);

// Decrypts in place. A bad padding leaves the buffer and *length as they were and resets the
// key (Windows-validated for the length and the reset).
Error decrypt(Key &key, Hash *hash, CipherCall call, BYTE *data, DWORD *length);

#if TINYCAPI_ENABLE_RSA
// The RSA branches (rsa_cipher.cpp): `oaep` is CRYPT_OAEP.
Error rsa_encrypt(Key &key, Hash *hash, bool oaep, BYTE *data, DWORD *length, DWORD buffer_length);
Error rsa_decrypt(Key &key, Hash *hash, bool oaep, BYTE *data, DWORD *length);
#endif

}  // namespace tinycapi::objects
