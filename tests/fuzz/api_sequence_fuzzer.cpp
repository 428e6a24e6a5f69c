// API-sequence fuzzer (issue 14, item 1): input bytes become calls over a small table of
// handles — live, released, zero, garbage, and of the wrong kind — and every answer is checked
// against a reference model of handle lifetimes:
//   * no crash, no sanitizer report (ASan + UBSan);
//   * every FALSE sets a Windows error (an NTE_ code or one of the few ERROR_ codes);
//   * a call on a handle the model knows is dead, or of the wrong kind, fails with
//     ERROR_INVALID_PARAMETER, and only a call on live handles may succeed;
//   * no two live objects share a handle;
//   * nothing is written past a stated buffer length (buffers are exact-size heap blocks) and a
//     TRUE length never exceeds the buffer;
//   * once everything is released, every pool and the arena are empty and no lock is held.
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

namespace {

using tinycapi::fuzz::FuzzInput;

void Check(bool condition) {
    if (!condition) abort();  // libFuzzer reports the input
}

enum class Kind : uint8_t { provider, key, hash };

struct Object {
    ULONG_PTR handle;
    Kind kind;
    bool alive;
    size_t parent;   // provider index of a key or hash
    unsigned refs;   // a provider's references
};

// The reference model: every handle the sequence ever obtained, with what it is now.
struct Model {
    std::vector<Object> objects;

    size_t add(ULONG_PTR handle, Kind kind, size_t parent) {
        for (const Object &o : objects) Check(!(o.alive && o.handle == handle));  // no aliasing
        objects.push_back({handle, kind, true, parent, 1});
        return objects.size() - 1;
    }
    void release_provider(size_t index) {
        Object &p = objects[index];
        if (--p.refs > 0) return;
        p.alive = false;
        for (Object &child : objects) {
            if (child.kind != Kind::provider && child.parent == index) child.alive = false;
        }
    }
    // An argument: a known handle (alive or not) or one of the values that are never valid.
    ULONG_PTR pick(FuzzInput &in, size_t *index) {
        const uint8_t choice = in.byte();
        *index = SIZE_MAX;
        if (choice < 0xF0 && !objects.empty()) {
            *index = choice % objects.size();
            return objects[*index].handle;
        }
        static const ULONG_PTR kNever[] = {0, 0xdeadbeef, ~static_cast<ULONG_PTR>(0), 1};
        return kNever[choice & 3];
    }
    bool is_live(size_t index, Kind kind) const {
        return index != SIZE_MAX && objects[index].alive && objects[index].kind == kind;
    }
};

bool IsWindowsError(DWORD error) {
    if ((error & 0xFFFF0000u) == 0x80090000u) return true;  // NTE_*
    switch (error) {
        case ERROR_INVALID_PARAMETER:
        case ERROR_MORE_DATA:
        case ERROR_BUSY:
        case ERROR_NO_MORE_ITEMS:
        case ERROR_CALL_NOT_IMPLEMENTED:
        case ERROR_INVALID_HANDLE:
        case ERROR_NOT_ENOUGH_MEMORY: return true;
        default: return false;
    }
}

// Every call ends here: FALSE must carry a Windows error; calls on handles the model says are
// not live objects of the right kind must be refused as Windows refuses them.
void Answered(BOOL result, bool handles_live) {
    if (result) {
        Check(handles_live);
        return;
    }
    const DWORD error = GetLastError();
    Check(IsWindowsError(error));
    if (!handles_live) Check(error == ERROR_INVALID_PARAMETER);
}

// An exact-size output buffer: its length comes from the input, and ASan reports a byte past it.
// Stated lengths may be anything; the buffers themselves are at most 4 KiB.
struct Output {
    explicit Output(DWORD wanted) : size(wanted < 4096 ? wanted : 4096) {
        bytes.reset(new BYTE[size]);
        memset(bytes.get(), 0xCC, size);
    }
    std::unique_ptr<BYTE[]> bytes;
    DWORD size;
};

const ALG_ID kHashAlgorithms[] = {CALG_MD2, CALG_MD4, CALG_MD5, CALG_SHA1, CALG_SHA_256, CALG_SHA_384,
                                  CALG_SHA_512, CALG_SSL3_SHAMD5, CALG_HMAC, CALG_MAC, CALG_RC4, 0};
const ALG_ID kKeyAlgorithms[] = {CALG_AES_128, CALG_AES_192, CALG_AES_256, CALG_DES, CALG_3DES_112, CALG_3DES,
                                 CALG_RC2, CALG_RC4, CALG_RSA_KEYX, CALG_RSA_SIGN, AT_SIGNATURE, CALG_SHA1};

template <size_t N>
ALG_ID PickAlgorithm(FuzzInput &in, const ALG_ID (&table)[N]) {
    const uint8_t b = in.byte();
    return b < 0xF8 ? table[b % N] : in.dword();
}

DWORD PickFlags(FuzzInput &in) {
    const uint8_t b = in.byte();
    return b < 0xC0 ? 0 : (b < 0xF0 ? (1u << (b & 31)) : in.dword());
}

void Step(FuzzInput &in, Model &model) {
    size_t a = SIZE_MAX, b = SIZE_MAX;
    switch (in.byte() % 17) {
        case 0: {  // CryptAcquireContext: a verify context
            HCRYPTPROV prov = 0;
            const DWORD type = in.byte() & 1 ? PROV_RSA_AES : PROV_RSA_FULL;
            if (CryptAcquireContextA(&prov, nullptr, nullptr, type, CRYPT_VERIFYCONTEXT)) {
                model.add(prov, Kind::provider, SIZE_MAX);
            } else {
                Check(IsWindowsError(GetLastError()));
            }
            break;
        }
        case 1: {  // CryptContextAddRef
            const ULONG_PTR prov = model.pick(in, &a);
            const BOOL ok = CryptContextAddRef(prov, nullptr, 0);
            Answered(ok, model.is_live(a, Kind::provider));
            if (ok) ++model.objects[a].refs;
            break;
        }
        case 2: {  // CryptReleaseContext, flags or not: the reference goes either way
            const ULONG_PTR prov = model.pick(in, &a);
            const DWORD flags = in.byte() < 0xE0 ? 0 : 1;
            const BOOL ok = CryptReleaseContext(prov, flags);
            const bool live = model.is_live(a, Kind::provider);
            if (live) {
                Check(ok || GetLastError() == NTE_BAD_FLAGS || GetLastError() == ERROR_BUSY);
                if (ok || GetLastError() == NTE_BAD_FLAGS) model.release_provider(a);
            } else {
                Answered(ok, false);
            }
            break;
        }
        case 3: {  // CryptCreateHash
            const ULONG_PTR prov = model.pick(in, &a);
            const ALG_ID algorithm = PickAlgorithm(in, kHashAlgorithms);
            const ULONG_PTR key = in.byte() & 1 ? model.pick(in, &b) : 0;
            HCRYPTHASH hash = 0;
            const BOOL ok = CryptCreateHash(prov, algorithm, key, PickFlags(in), &hash);
            const bool live = model.is_live(a, Kind::provider) && (key == 0 || model.is_live(b, Kind::key));
            Answered(ok, live);
            if (ok) model.add(hash, Kind::hash, a);
            break;
        }
        case 4: {  // CryptHashData
            const ULONG_PTR hash = model.pick(in, &a);
            const std::vector<uint8_t> data = in.bytes(in.length());
            Answered(CryptHashData(hash, data.data(), static_cast<DWORD>(data.size()), PickFlags(in)),
                     model.is_live(a, Kind::hash));
            break;
        }
        case 5: {  // CryptGetHashParam into an exact buffer
            const ULONG_PTR hash = model.pick(in, &a);
            const DWORD param = in.byte() % 8;
            Output out(in.length());
            DWORD length = out.size;
            const BOOL ok = CryptGetHashParam(hash, param, in.byte() & 1 ? out.bytes.get() : nullptr, &length, PickFlags(in));
            Answered(ok, model.is_live(a, Kind::hash));
            break;
        }
        case 6: {  // CryptSetHashParam: HMAC_INFO with pads from the input, or a value
            const ULONG_PTR hash = model.pick(in, &a);
            const std::vector<uint8_t> inner = in.bytes(in.length()), outer = in.bytes(in.length());
            HMAC_INFO info = {PickAlgorithm(in, kHashAlgorithms), const_cast<BYTE *>(inner.data()),
                              static_cast<DWORD>(inner.size()), const_cast<BYTE *>(outer.data()),
                              static_cast<DWORD>(outer.size())};
            BYTE value[64] = {};
            const DWORD param = in.byte() & 1 ? HP_HMAC_INFO : HP_HASHVAL;
            const BYTE *data = param == HP_HMAC_INFO ? reinterpret_cast<const BYTE *>(&info) : value;
            Answered(CryptSetHashParam(hash, param, data, 0), model.is_live(a, Kind::hash));
            break;
        }
        case 7: {  // CryptDuplicateHash
            const ULONG_PTR hash = model.pick(in, &a);
            HCRYPTHASH copy = 0;
            const BOOL ok = CryptDuplicateHash(hash, nullptr, 0, &copy);
            Answered(ok, model.is_live(a, Kind::hash));
            if (ok) model.add(copy, Kind::hash, model.objects[a].parent);
            break;
        }
        case 8: {  // CryptDestroyHash
            const ULONG_PTR hash = model.pick(in, &a);
            const BOOL ok = CryptDestroyHash(hash);
            Answered(ok, model.is_live(a, Kind::hash));
            if (ok) model.objects[a].alive = false;
            break;
        }
        case 9: {  // CryptGenKey: session keys, and RSA pairs of 384 or 512 bits
            const ULONG_PTR prov = model.pick(in, &a);
            const ALG_ID algorithm = PickAlgorithm(in, kKeyAlgorithms);
            DWORD flags = PickFlags(in);
            const bool pair = algorithm == CALG_RSA_KEYX || algorithm == CALG_RSA_SIGN || algorithm == AT_SIGNATURE ||
                              algorithm == AT_KEYEXCHANGE;
            if (pair) flags = ((in.byte() & 1 ? 384u : 512u) << 16) | (flags & 0xFFFF);
            HCRYPTKEY key = 0;
            const BOOL ok = CryptGenKey(prov, algorithm, flags, &key);
            Answered(ok, model.is_live(a, Kind::provider));
            if (ok) model.add(key, Kind::key, a);
            break;
        }
        case 10: {  // CryptDeriveKey
            const ULONG_PTR prov = model.pick(in, &a);
            const ALG_ID algorithm = PickAlgorithm(in, kKeyAlgorithms);
            const ULONG_PTR hash = model.pick(in, &b);
            HCRYPTKEY key = 0;
            const BOOL ok = CryptDeriveKey(prov, algorithm, hash, PickFlags(in), &key);
            Answered(ok, model.is_live(a, Kind::provider) && model.is_live(b, Kind::hash));
            if (ok) model.add(key, Kind::key, a);
            break;
        }
        case 11:    // CryptEncrypt into an exact buffer, data length and buffer length from the input
        case 12: {  // CryptDecrypt of input bytes in an exact buffer
            const bool encrypting = (in.byte() & 1) != 0;
            const ULONG_PTR key = model.pick(in, &a);
            const ULONG_PTR hash = in.byte() & 1 ? model.pick(in, &b) : 0;
            const std::vector<uint8_t> data = in.bytes(in.length());
            Output out(encrypting ? in.length() + static_cast<DWORD>(data.size()) : static_cast<DWORD>(data.size()));
            if (!data.empty()) memcpy(out.bytes.get(), data.data(), data.size() < out.size ? data.size() : out.size);
            DWORD length = encrypting ? in.length() : static_cast<DWORD>(data.size());
            if (length > out.size && !encrypting) length = out.size;
            const BOOL final = in.byte() & 1;
            const DWORD flags = in.byte() < 0xE0 ? 0 : CRYPT_OAEP;
            const bool null_buffer = encrypting && in.byte() >= 0xE0;
            const BOOL ok = encrypting ? CryptEncrypt(key, hash, final, flags, null_buffer ? nullptr : out.bytes.get(),
                                                      &length, out.size)
                                       : CryptDecrypt(key, hash, final, flags, out.bytes.get(), &length);
            Answered(ok, model.is_live(a, Kind::key) && (hash == 0 || model.is_live(b, Kind::hash)));
            if (ok && !null_buffer) Check(length <= out.size);
            break;
        }
        case 13: {  // CryptGetKeyParam / CryptSetKeyParam
            const ULONG_PTR key = model.pick(in, &a);
            const DWORD param = in.byte() % 24;
            if (in.byte() & 1) {
                Output out(in.length());
                DWORD length = out.size;
                Answered(CryptGetKeyParam(key, param, in.byte() & 1 ? out.bytes.get() : nullptr, &length, PickFlags(in)),
                         model.is_live(a, Kind::key));
            } else {
                std::vector<uint8_t> value = in.bytes(32);
                value.resize(64);  // KP_IV and KP_SALT read as much as the key needs, at most 64
                CRYPT_DATA_BLOB salt = {static_cast<DWORD>(in.byte() % 40), value.data()};
                const BYTE *data = param == KP_SALT_EX ? reinterpret_cast<const BYTE *>(&salt) : value.data();
                Answered(CryptSetKeyParam(key, param, data, PickFlags(in)), model.is_live(a, Kind::key));
            }
            break;
        }
        case 14: {  // CryptDuplicateKey
            const ULONG_PTR key = model.pick(in, &a);
            HCRYPTKEY copy = 0;
            const BOOL ok = CryptDuplicateKey(key, nullptr, 0, &copy);
            Answered(ok, model.is_live(a, Kind::key));
            if (ok) model.add(copy, Kind::key, model.objects[a].parent);
            break;
        }
        case 15: {  // CryptExportKey into an exact buffer
            const ULONG_PTR key = model.pick(in, &a);
            const ULONG_PTR wrapping = in.byte() & 1 ? model.pick(in, &b) : 0;
            const DWORD type = in.byte() % 9;
            Output out(in.length() * 4);
            DWORD length = out.size;
            const BOOL ok = CryptExportKey(key, wrapping, type, PickFlags(in), in.byte() & 1 ? out.bytes.get() : nullptr, &length);
            Answered(ok, model.is_live(a, Kind::key) && (wrapping == 0 || model.is_live(b, Kind::key)));
            break;
        }
        default: {  // CryptDestroyKey
            const ULONG_PTR key = model.pick(in, &a);
            const BOOL ok = CryptDestroyKey(key);
            Answered(ok, model.is_live(a, Kind::key));
            if (ok) model.objects[a].alive = false;
            break;
        }
    }
}

uint32_t InUse(tinycapi_pool_id pool) {
    tinycapi_pool_stats stats{};
    return tinycapi_get_pool_stats(pool, &stats) == 0 ? stats.in_use : 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    tinycapi_mock_reset(0x7153'2024'0002ull);
    FuzzInput in(data, size);
    Model model;
    for (int steps = 0; steps < 64 && !in.empty(); ++steps) Step(in, model);
    // Release every provider's remaining references: that ends every key and hash.
    for (size_t i = 0; i < model.objects.size(); ++i) {
        while (model.objects[i].kind == Kind::provider && model.objects[i].alive) {
            Check(CryptReleaseContext(model.objects[i].handle, 0));
            model.release_provider(i);
        }
    }
    Check(InUse(TINYCAPI_POOL_PROVIDERS) == 0 && InUse(TINYCAPI_POOL_KEYS) == 0 && InUse(TINYCAPI_POOL_HASHES) == 0);
    Check(tinycapi::crypto::arena_stats().in_use == 0);
    Check(tinycapi_mock_locks_held() == 0 && tinycapi_mock_nested_lock_violations() == 0);
    return 0;
}
