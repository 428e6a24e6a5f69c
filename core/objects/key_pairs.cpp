#include "key_pairs.hpp"

#include <string.h>
#include <tinycapi/port.h>

#include "crypto_result.hpp"
#include "key_record_sealing.hpp"
#include "pair_cache.hpp"
#include "platform/port_lock.hpp"
#include "platform/secure_wipe.hpp"

namespace tinycapi::objects {

void pair_container_of(const Provider &provider, unsigned *name_space, char *name) {
    if (provider.verify_context) {
        // "verify-" and eight hex digits; no printf, which would pull half of libc into an MCU image.
        *name_space = kEphemeralNamespace;
        static constexpr char kPrefix[] = "verify-";
        static_assert(sizeof kPrefix + 8 <= TINYCAPI_CONTAINER_NAME_MAX, "the name fits");
        memcpy(name, kPrefix, sizeof kPrefix - 1);
        for (int i = 0; i < 8; ++i) name[sizeof kPrefix - 1 + i] = "0123456789abcdef"[(provider.ephemeral_id >> (28 - 4 * i)) & 0xF];
        name[sizeof kPrefix - 1 + 8] = '\0';
    } else {
        *name_space = provider.name_space;
        memcpy(name, provider.container, sizeof provider.container);
    }
}

void destroy_provider_object(void *object) {
#if TINYCAPI_ENABLE_RSA
    Provider &provider = *static_cast<Provider *>(object);
    if (!provider.verify_context) {
        // A named container's loaded pairs leave RAM with each context of it (pair_cache.hpp).
        forget_cached_pairs(provider.name_space, provider.container);
        return;
    }
    if (!provider.ephemeral_in_use.load()) return;
    unsigned name_space;
    char name[TINYCAPI_CONTAINER_NAME_MAX];
    pair_container_of(provider, &name_space, name);
    {
        platform::LockGuard lock(TINYCAPI_LOCK_STORAGE);
        tinycapi_port_container_delete(name_space, name);  // a failure leaves RAM the next reset frees
    }
    forget_cached_pairs(name_space, name);
#else
    // Without RSA no key pair is ever stored, so a context leaves nothing in the store.
    (void)object;
#endif
}

#if TINYCAPI_ENABLE_RSA

namespace {

Error storage_result(tinycapi_port_status status) {
    switch (status) {
        case TINYCAPI_PORT_OK: return Error::none;
        case TINYCAPI_PORT_FULL: return Error::keyset_storage_full;
        case TINYCAPI_PORT_NOT_FOUND: return Error::no_key;
        case TINYCAPI_PORT_DAMAGED: return Error::keyset_entry_bad;
        default: return Error::fail;
    }
}


// Record layout, version 1 (little-endian): version, flags (bit 0: exportable, bit 1: d in the
// Carmichael form), modulus bits (2 bytes), public exponent (4), then p and q big-endian,
// ⌈k/2⌉ bytes each. d and the CRT values are computed again when the pair is loaded, so a
// record costs one modulus length.
constexpr uint8_t kRecordVersion = 1;
constexpr size_t kRecordHeader = 8;
constexpr uint8_t kRecordExportable = 0x01;
constexpr uint8_t kRecordCarmichael = 0x02;

unsigned record_of(DWORD key_spec) {
    return key_spec == AT_SIGNATURE ? TINYCAPI_RECORD_SIGNATURE : TINYCAPI_RECORD_KEY_EXCHANGE;
}


}  // namespace

DWORD key_spec_of(ALG_ID algorithm) { return algorithm == CALG_RSA_SIGN ? AT_SIGNATURE : AT_KEYEXCHANGE; }

Error install_pair(Provider &provider, const Key &key) {
    const size_t k = crypto::rsa_modulus_bytes(key.cipher.rsa);
    const size_t half = (k + 1) / 2;
    uint8_t record[TINYCAPI_CONTAINER_RECORD_MAX];
    unsigned name_space;
    char name[TINYCAPI_CONTAINER_NAME_MAX];
    pair_container_of(provider, &name_space, name);
    const size_t overhead = record_sealed(name_space) ? kSealOverhead : 0;
    if (kRecordHeader + 2 * half + overhead > sizeof record) return Error::keyset_storage_full;
    uint32_t exponent = 0;
    crypto::RsaParts parts{};
    parts.p = record + kRecordHeader;
    parts.q = record + kRecordHeader + half;
    Error e = from_crypto(crypto::rsa_export(key.cipher.rsa, k, half, parts, &exponent));
    if (e == Error::none) {
        record[0] = kRecordVersion;
        record[1] = static_cast<uint8_t>(((key.permissions & CRYPT_EXPORT) ? kRecordExportable : 0) |
                                         (key.cipher.rsa.private_exponent == crypto::PrivateExponent::carmichael
                                              ? kRecordCarmichael
                                              : 0));
        record[2] = static_cast<uint8_t>(k * 8);
        record[3] = static_cast<uint8_t>((k * 8) >> 8);
        for (int i = 0; i < 4; ++i) record[4 + i] = static_cast<uint8_t>(exponent >> (8 * i));
    }
    // Keys at rest: sealed before the store sees them (the plaintext stays in this frame).
    uint8_t stored[TINYCAPI_CONTAINER_RECORD_MAX];
    const uint8_t *to_store = record;
    if (e == Error::none && overhead != 0) {
        e = seal_record(name_space, name, record_of(key_spec_of(key.algorithm)), record, kRecordHeader + 2 * half,
                        stored);
        to_store = stored;
    }
    if (e == Error::none) {
        platform::LockGuard lock(TINYCAPI_LOCK_STORAGE);
        if (provider.verify_context && !provider.ephemeral_in_use.load()) {
            const tinycapi_port_status created = tinycapi_port_container_create(name_space, name);
            if (created != TINYCAPI_PORT_OK && created != TINYCAPI_PORT_EXISTS) e = storage_result(created);
            if (e == Error::none) provider.ephemeral_in_use.store(true);
        }
        if (e == Error::none) {
            e = storage_result(tinycapi_port_container_write(name_space, name, record_of(key_spec_of(key.algorithm)),
                                                            to_store, kRecordHeader + 2 * half + overhead));
            // A named container deleted meanwhile by CRYPT_DELETEKEYSET: nowhere to put the pair.
            if (e == Error::no_key) e = Error::bad_keyset;
        }
    }
    platform::secure_wipe(record, sizeof record);
    platform::secure_wipe(stored, sizeof stored);
    return e;
}

Error read_pair_record(const Provider &provider, DWORD key_spec, PairRecord *out) {
    pair_container_of(provider, &out->name_space, out->name);
    out->key_spec = key_spec;
    out->length = 0;
    tinycapi_port_status status;
    {
        platform::LockGuard lock(TINYCAPI_LOCK_STORAGE);
        status = tinycapi_port_container_read(out->name_space, out->name, record_of(key_spec), out->bytes,
                                              sizeof out->bytes, &out->length);
    }
    // An empty slot (Windows-validated for fresh and verify containers), or no ephemeral
    // container yet, is NTE_NO_KEY.
    if (status == TINYCAPI_PORT_NOT_FOUND) return Error::no_key;
    if (status == TINYCAPI_PORT_DAMAGED) return Error::keyset_entry_bad;
    if (status != TINYCAPI_PORT_OK) return Error::fail;
    return Error::none;
}

Error parse_pair_record(const PairRecord &stored, crypto::RsaKey &rsa, bool *exportable) {
    uint8_t record[TINYCAPI_CONTAINER_RECORD_MAX];
    size_t length = stored.length;
    memcpy(record, stored.bytes, length);
    Error e = Error::none;
    if (record_sealed(stored.name_space)) {
        e = open_record(stored.name_space, stored.name, record_of(stored.key_spec), record, length, &length);
    }
    if (e == Error::none && (length < kRecordHeader || record[0] != kRecordVersion)) e = Error::fail;
    if (e == Error::none) {
        const size_t k = static_cast<size_t>(record[2] | record[3] << 8) / 8;
        const size_t half = (k + 1) / 2;
        uint32_t exponent = 0;
        for (int i = 0; i < 4; ++i) exponent |= static_cast<uint32_t>(record[4 + i]) << (8 * i);
        if (length != kRecordHeader + 2 * half) e = Error::fail;
        // n = p·q is recomputed by the import from the primes alone.
        if (e == Error::none) {
            const crypto::PrivateExponent form = (record[1] & kRecordCarmichael) ? crypto::PrivateExponent::carmichael
                                                                                 : crypto::PrivateExponent::totient;
            e = from_crypto(crypto::rsa_import_private(rsa, nullptr, k, exponent, record + kRecordHeader,
                                                       record + kRecordHeader + half, half, nullptr, 0, form));
        }
        if (exportable) *exportable = (record[1] & kRecordExportable) != 0;
    }
    platform::secure_wipe(record, sizeof record);
    return e;
}

Error load_pair_key(const Provider &provider, DWORD key_spec, crypto::RsaKey &rsa, bool *exportable) {
    PairRecord stored;
    Error e = read_pair_record(provider, key_spec, &stored);
    if (e == Error::none) e = parse_pair_record(stored, rsa, exportable);
    platform::secure_wipe(&stored, sizeof stored);
    return e;
}

Error pair_presence(const Provider &provider, DWORD key_spec) {
    unsigned name_space;
    char name[TINYCAPI_CONTAINER_NAME_MAX];
    pair_container_of(provider, &name_space, name);
    uint8_t probe[1];
    size_t length = 0;
    platform::LockGuard lock(TINYCAPI_LOCK_STORAGE);
    // FULL means a record is there, larger than the probe.
    switch (tinycapi_port_container_read(name_space, name, record_of(key_spec), probe, 0, &length)) {
        case TINYCAPI_PORT_OK:
        case TINYCAPI_PORT_FULL: return Error::none;
        case TINYCAPI_PORT_NOT_FOUND: return Error::no_key;
        case TINYCAPI_PORT_DAMAGED: return Error::keyset_entry_bad;
        default: return Error::fail;  // a failing medium is not an empty slot
    }
}

Error load_pair(const Provider &provider, DWORD key_spec, Key &key) {
    enable_rsa_keys();
    bool exportable = false;
    if (Error e = load_pair_key(provider, key_spec, key.cipher.rsa, &exportable); e != Error::none) return e;
    key.kind = KeyKind::rsa;
    key.algorithm = key_spec == AT_SIGNATURE ? CALG_RSA_SIGN : CALG_RSA_KEYX;
    key.personality = provider.personality->id;
    key.key_length = static_cast<uint16_t>(crypto::rsa_modulus_bytes(key.cipher.rsa));
    key.permissions = kDefaultPermissions | (exportable ? CRYPT_EXPORT : 0);
    return Error::none;
}

Error plan_pair(const Provider &provider, ALG_ID algorithm, DWORD flags, ALG_ID *pair_algorithm, DWORD *bits) {
    *pair_algorithm = (algorithm == AT_SIGNATURE || algorithm == CALG_RSA_SIGN) ? CALG_RSA_SIGN : CALG_RSA_KEYX;
    const AlgorithmInfo *info = find_algorithm(*provider.personality, *pair_algorithm);
    if (info == nullptr) return Error::bad_algid;
    *bits = flags >> 16;
    if (*bits == 0) *bits = info->default_bits;
    // Not a multiple of 8, or out of the personality's range (the build's cap included).
    if (*bits % 8 != 0 || *bits < info->min_bits || *bits > info->max_bits) return Error::bad_data;
    return Error::none;
}

Error generate_pair(Provider &provider, ALG_ID pair_algorithm, DWORD bits, DWORD flags, Key &key) {
    enable_rsa_keys();
    // e = 65537 (reference §3.14).
    if (Error e = from_crypto(crypto::rsa_generate(key.cipher.rsa, bits, 65537)); e != Error::none) return e;
    key.kind = KeyKind::rsa;
    key.algorithm = pair_algorithm;
    key.personality = provider.personality->id;
    key.key_length = static_cast<uint16_t>(bits / 8);
    // Windows-validated: 0x3B, or 0x3F with CRYPT_EXPORTABLE.
    key.permissions = kDefaultPermissions | ((flags & CRYPT_EXPORTABLE) ? CRYPT_EXPORT : 0);
    return install_pair(provider, key);
}

#endif  // TINYCAPI_ENABLE_RSA

}  // namespace tinycapi::objects
