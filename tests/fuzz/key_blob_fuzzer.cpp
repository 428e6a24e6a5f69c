// Key-blob import fuzzer (issue 14, item 1): the input is a blob (and a byte of flags), imported
// into a verify context with and without an exchange key (Wine's Windows-made 1024-bit pair).
// Whatever imports is then used: exported in every blob type into exact-size buffers, imported
// again, encrypted and decrypted, signed and verified. No crash, no sanitizer report, every
// FALSE a Windows error, nothing leaked.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <memory>
#include <vector>

#include <tinycapi/port_mock.h>
#include <tinycapi/tinycapi.h>
#include <tinycapi/wincrypt.h>

#include "crypto/arena.hpp"
#include "fuzz_input.hpp"
#include "wine_rsaenh_keys.hpp"

namespace {

void Check(bool condition) {
    if (!condition) abort();
}

void CheckFailure() { Check((GetLastError() & 0xFFFF0000u) == 0x80090000u || GetLastError() == ERROR_INVALID_PARAMETER || GetLastError() == ERROR_MORE_DATA); }

void Use(HCRYPTPROV prov, HCRYPTKEY key, HCRYPTKEY exchange) {
    for (DWORD type : {PLAINTEXTKEYBLOB, PUBLICKEYBLOB, PRIVATEKEYBLOB, SIMPLEBLOB}) {
        const HCRYPTKEY wrapping = type == SIMPLEBLOB ? exchange : 0;
        DWORD length = 0;
        if (!CryptExportKey(key, wrapping, type, 0, nullptr, &length)) {
            CheckFailure();
            continue;
        }
        std::unique_ptr<BYTE[]> blob(new BYTE[length]);
        DWORD written = length;
        if (!CryptExportKey(key, wrapping, type, 0, blob.get(), &written)) {
            CheckFailure();
            continue;
        }
        Check(written == length);
        HCRYPTKEY again = 0;
        // What exported imports again (issue 17: every blob round-trips).
        Check(CryptImportKey(prov, blob.get(), written, wrapping, CRYPT_EXPORTABLE, &again) != FALSE);
        Check(CryptDestroyKey(again) != FALSE);
    }
    BYTE data[600] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    DWORD length = 9;
    if (CryptEncrypt(key, 0, TRUE, 0, data, &length, sizeof data)) {
        Check(length <= sizeof data);
        if (!CryptDecrypt(key, 0, TRUE, 0, data, &length)) CheckFailure();
    } else {
        CheckFailure();
    }
    HCRYPTHASH hash;
    Check(CryptCreateHash(prov, CALG_SHA1, 0, 0, &hash) != FALSE);
    Check(CryptHashData(hash, data, 9, 0) != FALSE);
    BYTE signature[600];
    DWORD signature_length = sizeof signature;
    HCRYPTHASH copy;
    Check(CryptDuplicateHash(hash, nullptr, 0, &copy) != FALSE);
    if (CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, signature, &signature_length)) {
        if (!CryptVerifySignatureA(copy, signature, signature_length, key, nullptr, 0)) CheckFailure();
    } else {
        CheckFailure();
    }
    Check(CryptDestroyHash(copy) != FALSE);
    Check(CryptDestroyHash(hash) != FALSE);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    tinycapi_mock_reset(0x7153'2024'0003ull);
    const DWORD flags = data[0] & 1 ? CRYPT_EXPORTABLE : (data[0] & 2 ? CRYPT_OAEP | CRYPT_EXPORTABLE : 0);
    const bool wrapped = (data[0] & 4) != 0;
    // The blob in a heap block of exactly its size.
    const size_t length = size - 1;
    std::unique_ptr<BYTE[]> blob(new BYTE[length ? length : 1]);
    if (length) memcpy(blob.get(), data + 1, length);
    HCRYPTPROV prov;
    Check(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) != FALSE);
    HCRYPTKEY exchange;
    Check(CryptImportKey(prov, tinycapi::testing::wine_rsaenh::kPlainPrivateKey, sizeof tinycapi::testing::wine_rsaenh::kPlainPrivateKey, 0, 0, &exchange) != FALSE);
    HCRYPTKEY key = 0;
    if (CryptImportKey(prov, blob.get(), static_cast<DWORD>(length), wrapped ? exchange : 0, flags, &key)) {
        Use(prov, key, exchange);
        Check(CryptDestroyKey(key) != FALSE);
    } else {
        CheckFailure();
    }
    Check(CryptDestroyKey(exchange) != FALSE);
    Check(CryptReleaseContext(prov, 0) != FALSE);
    tinycapi_pool_stats stats{};
    for (tinycapi_pool_id pool : {TINYCAPI_POOL_PROVIDERS, TINYCAPI_POOL_KEYS, TINYCAPI_POOL_HASHES}) {
        Check(tinycapi_get_pool_stats(pool, &stats) != 0 || stats.in_use == 0);
    }
    Check(tinycapi::crypto::arena_stats().in_use == 0);
    return 0;
}
