#include "key_record_sealing.hpp"

#include <string.h>
#include <tinycapi/port.h>

#include "tinycapi_config.h"

#if TINYCAPI_ENCRYPT_KEYS_AT_REST
#include "crypto/aead.hpp"
#include "crypto/random.hpp"
#include "platform/secure_wipe.hpp"
#endif

namespace tinycapi::objects {

bool record_sealed(unsigned name_space) { return TINYCAPI_ENCRYPT_KEYS_AT_REST && name_space != 2; }

#if TINYCAPI_ENCRYPT_KEYS_AT_REST

namespace {

constexpr uint8_t kMarker = 0xE1;

// "TCKR", namespace, record, lower-case name: what a record is bound to.
size_t associated_data(unsigned name_space, const char *name, unsigned record, uint8_t *out) {
    memcpy(out, "TCKR", 4);  // NOLINT(bugprone-not-null-terminated-result): four tag bytes, not a string
    out[4] = static_cast<uint8_t>(name_space);
    out[5] = static_cast<uint8_t>(record);
    size_t n = 6;
    for (; *name && n < 6 + TINYCAPI_CONTAINER_NAME_MAX; ++name) {
        const char c = *name;
        out[n++] = static_cast<uint8_t>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
    }
    return n;
}

struct DeviceKey {
    uint8_t bytes[32];
    ~DeviceKey() { platform::secure_wipe(bytes, sizeof bytes); }
};

}  // namespace

Error seal_record(unsigned name_space, const char *name, unsigned record, const uint8_t *plain, size_t length,
                  uint8_t *out) {
    DeviceKey key;
    if (tinycapi_port_device_key(key.bytes) != 0) return Error::fail;
    uint8_t *nonce = out + 1;
    if (crypto::random_generate(nonce, crypto::kGcmNonceBytes) != crypto::CryptoStatus::ok) return Error::fail;
    uint8_t aad[6 + TINYCAPI_CONTAINER_NAME_MAX];
    const size_t aad_length = associated_data(name_space, name, record, aad);
    out[0] = kMarker;
    uint8_t *cipher = out + 1 + crypto::kGcmNonceBytes;
    const crypto::CryptoStatus sealed = crypto::gcm_seal(key.bytes, nonce, aad, aad_length, plain, length, cipher,
                                                         cipher + length);
    if (sealed != crypto::CryptoStatus::ok) {
        platform::secure_wipe(out, length + kSealOverhead);
        return sealed == crypto::CryptoStatus::no_memory ? Error::no_memory : Error::fail;  // psa: a full arena
    }
    return Error::none;
}

Error open_record(unsigned name_space, const char *name, unsigned record, uint8_t *buffer, size_t length,
                  size_t *plain_length) {
    if (length < kSealOverhead || buffer[0] != kMarker) return Error::keyset_entry_bad;
    DeviceKey key;
    if (tinycapi_port_device_key(key.bytes) != 0) return Error::fail;
    uint8_t aad[6 + TINYCAPI_CONTAINER_NAME_MAX];
    const size_t aad_length = associated_data(name_space, name, record, aad);
    uint8_t nonce[crypto::kGcmNonceBytes];
    memcpy(nonce, buffer + 1, sizeof nonce);
    const size_t n = length - kSealOverhead;
    uint8_t tag[crypto::kGcmTagBytes];
    memcpy(tag, buffer + 1 + sizeof nonce + n, sizeof tag);
    // Decrypted in place, shifted to the front of the buffer.
    memmove(buffer, buffer + 1 + sizeof nonce, n);
    const crypto::CryptoStatus status = crypto::gcm_open(key.bytes, nonce, aad, aad_length, buffer, n, tag, buffer);
    if (status != crypto::CryptoStatus::ok) {
        platform::secure_wipe(buffer, length);
        if (status == crypto::CryptoStatus::no_memory) return Error::no_memory;  // psa: a full arena
        return status == crypto::CryptoStatus::bad_data ? Error::keyset_entry_bad : Error::fail;
    }
    platform::secure_wipe(buffer + n, length - n);
    *plain_length = n;
    return Error::none;
}

#else

Error seal_record(unsigned, const char *, unsigned, const uint8_t *plain, size_t length, uint8_t *out) {
    memmove(out, plain, length);
    return Error::none;
}

Error open_record(unsigned, const char *, unsigned, uint8_t *, size_t length, size_t *plain_length) {
    *plain_length = length;
    return Error::none;
}

#endif

}  // namespace tinycapi::objects
