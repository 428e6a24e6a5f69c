// The posix port's handle lock (a spin lock since issue 16, port/posix/port_posix.cpp) as the
// library a host application links uses it: two threads at once, through the CryptoAPI.
//   1. Each thread creates, feeds, reads and destroys its own SHA-256 hashes on one shared
//      context, 3000 times: every value is SHA-256("abc") (FIPS 180-2, appendix B.1), so no
//      call saw another's slot.
//   2. Both threads feed one shared hash 1 byte at a time: each call either succeeds or fails
//      with ERROR_BUSY (the other thread holds the pin), and the value is that of exactly as many
//      'a' bytes as succeeded, so no update was lost or doubled.
//   3. Afterwards the context releases (nothing is still pinned) and no call failed otherwise.
//   4. Step 1 again with each thread on a context of its own: on hosts the two contexts are in
//      different stripes of the handle lock (TINYCAPI_HANDLE_LOCK_STRIPES), each a spin lock of
//      its own, and the hash pool's slots move between the stripes' free lists.
// Under host-tsan the same run also proves the lock orders the slots' bytes (no data race).
// Exit status 0: passed.
#include <stdio.h>
#include <string.h>

#include <atomic>
#include <thread>

#include <tinycapi/wincrypt.h>

namespace {

constexpr int kLifecycles = 3000;
constexpr int kSharedUpdates = 3000;
const BYTE kAbcDigest[32] = {0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
                             0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
                             0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};

std::atomic<int> failures{0};
std::atomic<int> ready{0};

// Both threads start their loops together, so their calls overlap as much as the machine allows.
void start_together() {
    ++ready;
    while (ready.load() % 2 != 0) std::this_thread::yield();
}

void check(bool ok, const char *what) {
    if (ok) return;
    ++failures;
    fprintf(stderr, "FAILED: %s (last error 0x%lx)\n", what, static_cast<unsigned long>(GetLastError()));
}

void own_hashes(HCRYPTPROV prov) {
    start_together();
    for (int i = 0; i < kLifecycles; ++i) {
        HCRYPTHASH hash = 0;
        BYTE value[32];
        DWORD size = sizeof value;
        check(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash) != 0, "CryptCreateHash");
        check(CryptHashData(hash, reinterpret_cast<const BYTE *>("abc"), 3, 0) != 0, "CryptHashData");
        check(CryptGetHashParam(hash, HP_HASHVAL, value, &size, 0) != 0, "CryptGetHashParam");
        check(size == 32 && memcmp(value, kAbcDigest, 32) == 0, "SHA-256(\"abc\")");
        check(CryptDestroyHash(hash) != 0, "CryptDestroyHash");
    }
}

void shared_hash(HCRYPTHASH hash, std::atomic<long> *accepted) {
    const BYTE a = 'a';
    start_together();
    for (int i = 0; i < kSharedUpdates; ++i) {
        if (CryptHashData(hash, &a, 1, 0)) {
            ++*accepted;
        } else {
            check(GetLastError() == ERROR_BUSY, "a refused CryptHashData gives ERROR_BUSY");
        }
    }
}

}  // namespace

int main() {
    HCRYPTPROV prov = 0;
    check(CryptAcquireContextA(&prov, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) != 0, "CryptAcquireContext");
    {
        std::thread first(own_hashes, prov), second(own_hashes, prov);
        first.join();
        second.join();
    }
    HCRYPTHASH shared = 0;
    check(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &shared) != 0, "CryptCreateHash(shared)");
    std::atomic<long> accepted{0};
    {
        std::thread first(shared_hash, shared, &accepted), second(shared_hash, shared, &accepted);
        first.join();
        second.join();
    }
    BYTE value[32], expected[32];
    DWORD size = sizeof value;
    check(CryptGetHashParam(shared, HP_HASHVAL, value, &size, 0) != 0, "CryptGetHashParam(shared)");
    HCRYPTHASH reference = 0;
    check(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &reference) != 0, "CryptCreateHash(reference)");
    const BYTE a = 'a';
    for (long i = 0; i < accepted.load(); ++i) check(CryptHashData(reference, &a, 1, 0) != 0, "CryptHashData(reference)");
    size = sizeof expected;
    check(CryptGetHashParam(reference, HP_HASHVAL, expected, &size, 0) != 0, "CryptGetHashParam(reference)");
    check(memcmp(value, expected, 32) == 0, "the shared hash holds every accepted update once");
    check(CryptDestroyHash(shared) != 0 && CryptDestroyHash(reference) != 0, "CryptDestroyHash");
    check(CryptReleaseContext(prov, 0) != 0, "CryptReleaseContext: nothing left pinned");
    {
        HCRYPTPROV own[2] = {0, 0};
        for (HCRYPTPROV &p : own) {
            check(CryptAcquireContextA(&p, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) != 0, "CryptAcquireContext(own)");
        }
        std::thread first(own_hashes, own[0]), second(own_hashes, own[1]);
        first.join();
        second.join();
        for (HCRYPTPROV p : own) check(CryptReleaseContext(p, 0) != 0, "CryptReleaseContext(own)");
    }
    printf("%d lifecycles per thread, %ld of %d shared updates accepted, %d failures\n", kLifecycles,
           accepted.load(), 2 * kSharedUpdates, failures.load());
    return failures.load() == 0 ? 0 : 1;
}
