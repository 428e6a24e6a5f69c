// The posix port's file store (port/posix/container_store_file.cpp) against process death.
//   1. A container made by this process is read back by a fresh process (exec of this test),
//      pair included: containers outlive the process, as on Windows.
//   2. A bounded loop: a child process replaces the pairs of four containers (and deletes and
//      re-creates a fifth) as fast as it can; the parent kills it with SIGKILL after a random
//      delay. After every kill each container opens and holds either its old or its new pair
//      (the fifth: absent, empty, or one of the two pairs), never a torn or damaged one. Every
//      other round waits for the child's first whole write before the delay starts.
// Prints the number of kills and of writes the children completed. Exit status 0: passed.
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <tinycapi/wincrypt.h>

namespace {

constexpr int kRounds = 40;
constexpr int kContainers = 4;
const char *const kNames[kContainers] = {"crash-0", "crash-1", "crash-2", "crash-3"};
constexpr char kScratch[] = "crash-scratch";
constexpr char kPersist[] = "outlives-the-process";

int failures = 0;

void check(bool ok, const char *what, unsigned long detail = 0) {
    if (ok) return;
    ++failures;
    fprintf(stderr, "FAILED: %s (0x%lx)\n", what, detail);
}

struct Blob {
    BYTE bytes[700];
    DWORD length;
};

bool export_key(HCRYPTKEY key, DWORD type, Blob *blob) {
    blob->length = sizeof blob->bytes;
    return CryptExportKey(key, 0, type, 0, blob->bytes, &blob->length) != FALSE;
}

bool same(const Blob &a, const Blob &b) { return a.length == b.length && memcmp(a.bytes, b.bytes, a.length) == 0; }

// The public key of a container's exchange pair; false (with the error in *error) if none.
bool public_of(const char *name, Blob *blob, DWORD *error) {
    HCRYPTPROV prov = 0;
    HCRYPTKEY key = 0;
    *error = 0;
    if (!CryptAcquireContextA(&prov, name, nullptr, PROV_RSA_AES, 0)) {
        *error = GetLastError();
        return false;
    }
    bool ok = CryptGetUserKey(prov, AT_KEYEXCHANGE, &key) && export_key(key, PUBLICKEYBLOB, blob);
    if (!ok) *error = GetLastError();
    if (key) CryptDestroyKey(key);
    CryptReleaseContext(prov, 0);
    return ok;
}

bool install(const char *name, const Blob &private_blob) {
    HCRYPTPROV prov = 0;
    HCRYPTKEY key = 0;
    if (!CryptAcquireContextA(&prov, name, nullptr, PROV_RSA_AES, 0)) return false;
    const bool ok = CryptImportKey(prov, private_blob.bytes, private_blob.length, 0, CRYPT_EXPORTABLE, &key) != FALSE;
    if (key) CryptDestroyKey(key);
    CryptReleaseContext(prov, 0);
    return ok;
}

// The child's endless work: replace pairs, delete and re-create the scratch container.
[[noreturn]] void write_forever(const Blob pairs[2], unsigned round, volatile unsigned long *writes) {
    for (unsigned i = 0;; ++i) {
        install(kNames[(i * 7 + round) % kContainers], pairs[i % 2]);
        ++*writes;
        if (i % 5 == 0) {
            HCRYPTPROV prov = 0;
            CryptAcquireContextA(&prov, kScratch, nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET);
            if (CryptAcquireContextA(&prov, kScratch, nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET)) {
                CryptReleaseContext(prov, 0);
                install(kScratch, pairs[(i / 5) % 2]);
            }
            *writes += 2;
        }
    }
}

int verify_in_fresh_process(const char *expected_hex) {
    Blob blob;
    DWORD error;
    if (!public_of(kPersist, &blob, &error)) {
        fprintf(stderr, "FAILED: a fresh process cannot open the container (0x%lx)\n", static_cast<unsigned long>(error));
        return 1;
    }
    char hex[2 * sizeof blob.bytes + 1];
    for (DWORD i = 0; i < blob.length; ++i) snprintf(hex + 2 * i, 3, "%02x", blob.bytes[i]);
    if (strcmp(hex, expected_hex) != 0) {
        fprintf(stderr, "FAILED: a fresh process reads another pair\n");
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "--verify") == 0) return verify_in_fresh_process(argv[2]);

    // Two pairs to alternate between, made once (512 bits keeps generation quick).
    Blob private_blobs[2], public_blobs[2];
    HCRYPTPROV verify = 0;
    check(CryptAcquireContextA(&verify, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT), "verify context");
    for (int p = 0; p < 2; ++p) {
        HCRYPTKEY key = 0;
        check(CryptGenKey(verify, AT_KEYEXCHANGE, (512 << 16) | CRYPT_EXPORTABLE, &key), "CryptGenKey", GetLastError());
        check(export_key(key, PRIVATEKEYBLOB, &private_blobs[p]) && export_key(key, PUBLICKEYBLOB, &public_blobs[p]),
              "export");
        CryptDestroyKey(key);
    }
    CryptReleaseContext(verify, 0);

    // 1. Outlives the process.
    HCRYPTPROV prov = 0;
    check(CryptAcquireContextA(&prov, kPersist, nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET), "NEWKEYSET", GetLastError());
    CryptReleaseContext(prov, 0);
    check(install(kPersist, private_blobs[0]), "install");
    check(!CryptAcquireContextA(&prov, kPersist, nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET) && GetLastError() == NTE_EXISTS,
          "NEWKEYSET of an existing container is NTE_EXISTS");
    {
        char hex[2 * sizeof public_blobs[0].bytes + 1];
        for (DWORD i = 0; i < public_blobs[0].length; ++i) snprintf(hex + 2 * i, 3, "%02x", public_blobs[0].bytes[i]);
        const pid_t pid = fork();
        if (pid == 0) {
            execl("/proc/self/exe", argv[0], "--verify", hex, static_cast<char *>(nullptr));
            _exit(127);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the container outlives the process");
    }
    check(CryptAcquireContextA(&prov, kPersist, nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET), "DELETEKEYSET");
    check(!CryptAcquireContextA(&prov, kPersist, nullptr, PROV_RSA_AES, 0) && GetLastError() == NTE_BAD_KEYSET,
          "a deleted container is NTE_BAD_KEYSET");

    // 2. SIGKILL at random points.
    for (const char *name : kNames) {
        check(CryptAcquireContextA(&prov, name, nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET), "NEWKEYSET", GetLastError());
        CryptReleaseContext(prov, 0);
        check(install(name, private_blobs[0]), "install");
    }
    auto *writes = static_cast<volatile unsigned long *>(
        mmap(nullptr, sizeof(unsigned long), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
    check(writes != MAP_FAILED, "mmap");
    if (writes == MAP_FAILED) return 1;
    *writes = 0;
    const unsigned seed = 20261204;
    srand(seed);
    int kills = 0;
    for (int round = 0; round < kRounds && failures == 0; ++round) {
        const unsigned long writes_before = *writes;
        const pid_t pid = fork();
        if (pid == 0) write_forever(private_blobs, static_cast<unsigned>(round), writes);
        if (round % 2 == 1) {
            // Odd rounds kill after the child's first whole write, so the kills land in later
            // writes too however slow the machine is (a loaded CI host completes only a few).
            const time_t give_up = time(nullptr) + 30;
            while (*writes == writes_before && time(nullptr) < give_up) {
                const struct timespec poll = {0, 1000000};
                nanosleep(&poll, nullptr);
            }
            check(*writes != writes_before, "a child completes a write within 30 s");
        }
        const long delay_us = 2000 + rand() % 38000;  // a write costs three fsyncs: milliseconds
        const struct timespec pause = {0, delay_us * 1000};
        nanosleep(&pause, nullptr);
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        kills += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        for (const char *name : kNames) {
            Blob now;
            DWORD error;
            const bool opened = public_of(name, &now, &error);
            check(opened, "after a kill, a container opens with a pair", error);
            check(!opened || same(now, public_blobs[0]) || same(now, public_blobs[1]), "after a kill, the pair is old or new");
        }
        Blob now;
        DWORD error;
        if (public_of(kScratch, &now, &error)) {
            check(same(now, public_blobs[0]) || same(now, public_blobs[1]), "scratch holds a whole pair");
        } else {
            check(error == NTE_BAD_KEYSET || error == NTE_NO_KEY, "scratch is absent or empty, not damaged", error);
        }
    }
    for (const char *name : kNames) CryptAcquireContextA(&prov, name, nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET);
    CryptAcquireContextA(&prov, kScratch, nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET);
    // The killed writers' temporary files are gone: a delete sweeps them once their process is.
    unsigned leftovers = 0;
    if (const char *dir = getenv("TINYCAPI_STORE_DIR")) {
        char command[600];
        snprintf(command, sizeof command, "ls '%s' | grep -c -e '\\.tmp-' -e '\\.del-'", dir);
        if (FILE *pipe = popen(command, "r")) {
            if (fscanf(pipe, "%u", &leftovers) != 1) leftovers = 0;
            pclose(pipe);
        }
    }
    check(leftovers == 0, "killed writers' temporary files are swept", leftovers);
    printf("[ crashes ] %d SIGKILLs (seed %u) during %lu container writes: every container whole after each\n", kills,
           seed, *writes);
    check(kills == kRounds || failures > 0, "every child was killed mid-work");
    check(*writes > 0, "the children wrote between kills");
    return failures == 0 ? 0 : 1;
}
