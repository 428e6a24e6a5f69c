#include "rsa_blobs.hpp"

#include <string.h>

#include "blob_bytes.hpp"
#include "crypto_result.hpp"
#include "platform/secure_wipe.hpp"
#include "size_query.hpp"

namespace tinycapi::objects {

void reverse_copy(uint8_t *destination, const uint8_t *source, size_t length) {
    for (size_t i = 0; i < length; ++i) destination[i] = source[length - 1 - i];
}

#if TINYCAPI_ENABLE_RSA

namespace {

constexpr DWORD kRsaHeaderBytes = sizeof(BLOBHEADER) + 12;  // + RSAPUBKEY: 20
constexpr DWORD kPublicMagic = 0x31415352;   // "RSA1"
constexpr DWORD kPrivateMagic = 0x32415352;  // "RSA2"
constexpr size_t kMaxModulus = (TINYCAPI_RSA_MAX_BITS + 7) / 8;




// The private blob's size for k modulus bytes: 20 + 2k + 5⌈k/2⌉ (reference §6.2).
DWORD private_blob_bytes(size_t k) { return static_cast<DWORD>(kRsaHeaderBytes + 2 * k + 5 * ((k + 1) / 2)); }

// One big-endian working buffer per number, on the stack only for as long as a call runs.
struct PrivateNumbers {
    uint8_t n[kMaxModulus];
    uint8_t p[kMaxModulus / 2 + 1], q[kMaxModulus / 2 + 1];
    uint8_t dp[kMaxModulus / 2 + 1], dq[kMaxModulus / 2 + 1], qinv[kMaxModulus / 2 + 1];
    uint8_t d[kMaxModulus];
};

}  // namespace

Error import_rsa_blob(const Provider &provider, const BLOBHEADER &header, bool private_blob, const BYTE *blob,
                      DWORD length, DWORD flags, Key &key) {
    if (length < kRsaHeaderBytes) return Error::bad_data;
    const DWORD magic = read_dword(blob + 8);
    const DWORD bits = read_dword(blob + 12);
    const DWORD exponent = read_dword(blob + 16);
    if (magic != (private_blob ? kPrivateMagic : kPublicMagic)) return Error::bad_data;
    const size_t k = bits / 8;
    const size_t half = (bits + 8) / 16;  // ⌊(bitlen + 8) / 16⌋, Wine's length rule
    if (bits % 8 != 0 || k == 0) return Error::bad_data;
    if (length - kRsaHeaderBytes < k + (private_blob ? 5 * half : 0)) return Error::bad_data;
    // Lengths outside the personality's range (reference §6.3), the build's cap included.
    const AlgorithmInfo *info = find_algorithm(*provider.personality, header.aiKeyAlg);
    if (info && (bits < info->min_bits || bits > info->max_bits)) return Error::bad_data;
    if (header.aiKeyAlg != CALG_RSA_KEYX && header.aiKeyAlg != CALG_RSA_SIGN) return Error::bad_data;
    // A modulus whose most significant byte is zero is shorter than the length the blob declares:
    // its key could neither keep that length (KP_KEYLEN, output sizes) nor export as it came, so
    // it is refused (library design, issue 17; any modulus filling its length imports).
    if (blob[kRsaHeaderBytes + k - 1] == 0) return Error::bad_data;

    enable_rsa_keys();
    PrivateNumbers numbers;
    const BYTE *at = blob + kRsaHeaderBytes;
    reverse_copy(numbers.n, at, k);
    Error e;
    if (!private_blob) {
        // The modulus is not checked for plausibility (Windows-validated: all 0x11 imports).
        e = from_crypto(crypto::rsa_import_public(key.cipher.rsa, numbers.n, k, exponent));
    } else {
        at += k;
        reverse_copy(numbers.p, at, half);
        reverse_copy(numbers.q, at + half, half);
        reverse_copy(numbers.dp, at + 2 * half, half);
        reverse_copy(numbers.dq, at + 3 * half, half);
        reverse_copy(numbers.qinv, at + 4 * half, half);
        // d may be truncated or absent (Windows-validated): the CRT values carry the key, and d
        // is computed from p, q and e — in the form the blob's d has, so that a re-export is
        // byte-identical (Windows-validated), or in Windows' form when it is cut short.
        const size_t d_present = length - kRsaHeaderBytes - k - 5 * half;
        const size_t d_length = d_present < k ? d_present : k;
        memset(numbers.d, 0, sizeof numbers.d);
        reverse_copy(numbers.d + k - d_length, at + 5 * half, d_length);
        e = from_crypto(crypto::rsa_import_private(key.cipher.rsa, numbers.n, k, exponent, numbers.p, numbers.q, half,
                                                   numbers.d, k));
        if (e == Error::none) {
            // The blob's CRT values must be the key's (reference §6.3, library design).
            uint8_t check[3][kMaxModulus / 2 + 1];
            crypto::RsaParts parts{};
            parts.dp = check[0];
            parts.dq = check[1];
            parts.qinv = check[2];
            uint32_t ignored;
            e = from_crypto(crypto::rsa_export(key.cipher.rsa, k, half, parts, &ignored));
            if (e == Error::none && (memcmp(check[0], numbers.dp, half) != 0 || memcmp(check[1], numbers.dq, half) != 0 ||
                                     memcmp(check[2], numbers.qinv, half) != 0)) {
                e = Error::bad_data;
            }
            platform::secure_wipe(check, sizeof check);
        }
    }
    platform::secure_wipe(&numbers, sizeof numbers);
    if (e != Error::none) {
        crypto::rsa_free(key.cipher.rsa);
        return e;
    }
    key.kind = KeyKind::rsa;
    key.algorithm = header.aiKeyAlg;  // KP_ALGID reports it (Windows-validated)
    key.personality = provider.personality->id;
    key.key_length = static_cast<uint16_t>(k);
    key.permissions = kDefaultPermissions | ((private_blob && (flags & CRYPT_EXPORTABLE)) ? CRYPT_EXPORT : 0);
    return Error::none;
}

Error export_rsa_blob(const Key &key, bool private_blob, BYTE *data, DWORD *length) {
    const size_t k = crypto::rsa_modulus_bytes(key.cipher.rsa);
    const size_t half = (k + 1) / 2;
    if (private_blob) {
        if (!key.cipher.rsa.has_private) return Error::bad_key;
        if (!(key.permissions & CRYPT_EXPORT)) return Error::bad_key_state;  // before the size query
    }
    const DWORD size = private_blob ? private_blob_bytes(k) : static_cast<DWORD>(kRsaHeaderBytes + k);
    if (Error answer; answers_without_value(size, data, length, &answer)) return answer;

    PrivateNumbers numbers;
    crypto::RsaParts parts{};
    parts.modulus = numbers.n;
    if (private_blob) {
        parts.p = numbers.p;
        parts.q = numbers.q;
        parts.dp = numbers.dp;
        parts.dq = numbers.dq;
        parts.qinv = numbers.qinv;
        parts.d = numbers.d;
    }
    uint32_t exponent = 0;
    Error e = from_crypto(crypto::rsa_export(key.cipher.rsa, k, half, parts, &exponent));
    if (e == Error::none) {
        write_blob_header(data, private_blob ? PRIVATEKEYBLOB : PUBLICKEYBLOB, key.algorithm);
        write_dword(data + 8, private_blob ? kPrivateMagic : kPublicMagic);
        write_dword(data + 12, static_cast<DWORD>(k * 8));
        write_dword(data + 16, exponent);
        BYTE *at = data + kRsaHeaderBytes;
        reverse_copy(at, numbers.n, k);
        if (private_blob) {
            at += k;
            const uint8_t *const crt_parts[] = {numbers.p, numbers.q, numbers.dp, numbers.dq, numbers.qinv};
            for (const uint8_t *part : crt_parts) {
                reverse_copy(at, part, half);
                at += half;
            }
            reverse_copy(at, numbers.d, k);
        }
        *length = size;
    }
    platform::secure_wipe(&numbers, sizeof numbers);
    return e;
}

#endif  // TINYCAPI_ENABLE_RSA

}  // namespace tinycapi::objects
