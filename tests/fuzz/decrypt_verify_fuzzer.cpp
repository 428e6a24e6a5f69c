// Decryption and verification fuzzer (issue 14, item 1): random data through CryptDecrypt for
// every session-key algorithm, mode and Final value and for RSA with both paddings, and through
// CryptVerifySignature for every hash with a public key, with and without the hash OID. The
// input chooses the case and supplies the bytes, which sit in an exact-size heap block. A
// decryption must either fail with a Windows error leaving *pdwDataLen as it was, or succeed
// with no more bytes than it was given.
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

using tinycapi::fuzz::FuzzInput;
namespace wine = tinycapi::testing::wine_rsaenh;

void Check(bool condition) {
    if (!condition) abort();
}

void CheckFailure() { Check((GetLastError() & 0xFFFF0000u) == 0x80090000u || GetLastError() == ERROR_INVALID_PARAMETER); }

const ALG_ID kCiphers[] = {CALG_AES_128, CALG_AES_192, CALG_AES_256, CALG_DES, CALG_3DES_112, CALG_3DES, CALG_RC2, CALG_RC4};
const DWORD kModes[] = {CRYPT_MODE_ECB, CRYPT_MODE_CBC, CRYPT_MODE_CFB, CRYPT_MODE_OFB};
const ALG_ID kHashes[] = {CALG_MD2, CALG_MD4, CALG_MD5, CALG_SHA1, CALG_SHA_256, CALG_SHA_384, CALG_SHA_512, CALG_SSL3_SHAMD5};

void Decrypt(HCRYPTPROV prov, FuzzInput &in) {
    HCRYPTKEY key = 0;
    const uint8_t choice = in.byte();
    DWORD flags = 0;
    if (choice % 9 == 8) {
        Check(CryptImportKey(prov, wine::kPrivateExchangeBlob, sizeof wine::kPrivateExchangeBlob, 0, 0, &key) != FALSE);
        flags = in.byte() & 1 ? CRYPT_OAEP : 0;
    } else {
        Check(CryptGenKey(prov, kCiphers[choice % 9], 0, &key) != FALSE);
        const DWORD mode = kModes[in.byte() % 4];
        if (kCiphers[choice % 9] != CALG_RC4) Check(CryptSetKeyParam(key, KP_MODE, reinterpret_cast<const BYTE *>(&mode), 0) != FALSE);
    }
    HCRYPTHASH hash = 0;
    if (in.byte() & 1) Check(CryptCreateHash(prov, CALG_SHA1, 0, 0, &hash) != FALSE);
    const BOOL final = in.byte() & 1;
    const std::vector<uint8_t> data = in.bytes(in.length() * 2);
    std::unique_ptr<BYTE[]> buffer(new BYTE[data.size()]);
    if (!data.empty()) memcpy(buffer.get(), data.data(), data.size());
    DWORD length = static_cast<DWORD>(data.size());
    if (CryptDecrypt(key, hash, final, flags, buffer.get(), &length)) {
        Check(length <= data.size());
    } else {
        CheckFailure();
        Check(length == data.size());
    }
    if (hash) Check(CryptDestroyHash(hash) != FALSE);
    Check(CryptDestroyKey(key) != FALSE);
}

void Verify(HCRYPTPROV prov, FuzzInput &in) {
    HCRYPTKEY key = 0;
    const bool signature_key = in.byte() & 1;
    const BYTE *blob = signature_key ? wine::kSignaturePublicKey : wine::kPublicExchangeBlob;
    const DWORD blob_length = signature_key ? sizeof wine::kSignaturePublicKey : sizeof wine::kPublicExchangeBlob;
    Check(CryptImportKey(prov, blob, blob_length, 0, 0, &key) != FALSE);
    HCRYPTHASH hash;
    Check(CryptCreateHash(prov, kHashes[in.byte() % 8], 0, 0, &hash) != FALSE);
    const std::vector<uint8_t> message = in.bytes(in.byte());
    if (!CryptHashData(hash, message.data(), static_cast<DWORD>(message.size()), 0)) CheckFailure();
    const DWORD flags = in.byte() & 1 ? CRYPT_NOHASHOID : 0;
    const std::vector<uint8_t> signature = in.rest();
    std::unique_ptr<BYTE[]> exact(new BYTE[signature.size()]);
    if (!signature.empty()) memcpy(exact.get(), signature.data(), signature.size());
    if (CryptVerifySignatureA(hash, exact.get(), static_cast<DWORD>(signature.size()), key, nullptr, flags)) {
        // Random bytes that verify would be a forgery: only the empty-message corner of a
        // malformed key could, and Wine's keys are well formed.
        abort();
    }
    CheckFailure();
    Check(CryptDestroyHash(hash) != FALSE);
    Check(CryptDestroyKey(key) != FALSE);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    tinycapi_mock_reset(0x7153'2024'0004ull);
    FuzzInput in(data, size);
    HCRYPTPROV prov;
    Check(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) != FALSE);
    if (in.byte() & 1) {
        Verify(prov, in);
    } else {
        Decrypt(prov, in);
    }
    Check(CryptReleaseContext(prov, 0) != FALSE);
    Check(tinycapi::crypto::arena_stats().in_use == 0);
    return 0;
}
