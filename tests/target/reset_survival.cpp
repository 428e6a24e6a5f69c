// On-target, across a CPU reset: a named container and its key pair are made, the public key
// is exported and kept in memory the reset does not clear, the CPU resets (SYSRESETREQ), and
// the image, booting again, acquires the container, signs, and verifies the signature with the
// public key exported before the reset. The container store is the flash record store over the
// board's flash (boards/qemu-mps2-an385/flash_emulated.c: RAM that survives the reset, not a
// flash controller; see there for what is emulated). Exit status 0: passed.
#include <string.h>
#include <tinycapi/wincrypt.h>

#include "board_noinit.h"

extern "C" void board_console_write(const char *text, size_t length);

namespace {

constexpr uint32_t kMagic = 0x31545352u;  // "RST1": phase 1 ran and reset the CPU
constexpr char kContainer[] = "reset-survivor";

struct Scratch {
    uint32_t magic;
    uint32_t boots;
    DWORD public_length;
    BYTE public_blob[600];
};

void say(const char *text) { board_console_write(text, strlen(text)); }

bool check(bool ok, const char *what) {
    say(ok ? "  ok    " : "  FAIL  ");
    say(what);
    say("\n");
    return ok;
}

const BYTE kMessage[] = "firmware manifest, signed before and verified after a reset";

}  // namespace

int main() {
    Scratch &scratch = *static_cast<Scratch *>(board_noinit_scratch());
    HCRYPTPROV prov = 0;
    HCRYPTKEY key = 0;
    bool ok = true;
    if (scratch.magic != kMagic) {
        say("reset survival, before the reset:\n");
        ok &= check(CryptAcquireContextA(&prov, kContainer, nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET), "CRYPT_NEWKEYSET");
        ok &= check(CryptGenKey(prov, AT_SIGNATURE, 1024 << 16, &key), "CryptGenKey AT_SIGNATURE, 1024 bits");
        scratch.public_length = sizeof scratch.public_blob;
        ok &= check(CryptExportKey(key, 0, PUBLICKEYBLOB, 0, scratch.public_blob, &scratch.public_length),
                    "PUBLICKEYBLOB exported");
        CryptDestroyKey(key);
        CryptReleaseContext(prov, 0);
        if (!ok) return 1;
        scratch.magic = kMagic;
        scratch.boots = 1;
        say("  SYSRESETREQ\n");
        board_system_reset();
    }
    scratch.magic = 0;  // whatever happens now, the next boot starts over
    say("reset survival, after the reset:\n");
    ok &= check(CryptAcquireContextA(&prov, kContainer, nullptr, PROV_RSA_AES, 0), "the container opens");
    if (!ok) return 1;
    ok &= check(!CryptAcquireContextA(&key, kContainer, nullptr, PROV_RSA_AES, CRYPT_NEWKEYSET) &&
                    GetLastError() == static_cast<DWORD>(NTE_EXISTS),
                "CRYPT_NEWKEYSET is NTE_EXISTS");
    HCRYPTHASH hash = 0;
    BYTE signature[128];
    DWORD signature_length = sizeof signature;
    ok &= check(CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash) && CryptHashData(hash, kMessage, sizeof kMessage, 0) &&
                    CryptSignHashA(hash, AT_SIGNATURE, nullptr, 0, signature, &signature_length),
                "CryptSignHash with the pair made before the reset");
    CryptDestroyHash(hash);
    HCRYPTPROV verify = 0;
    HCRYPTKEY public_key = 0;
    ok &= check(CryptAcquireContextA(&verify, nullptr, nullptr, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) &&
                    CryptImportKey(verify, scratch.public_blob, scratch.public_length, 0, 0, &public_key) &&
                    CryptCreateHash(verify, CALG_SHA_256, 0, 0, &hash) &&
                    CryptHashData(hash, kMessage, sizeof kMessage, 0) &&
                    CryptVerifySignatureA(hash, signature, signature_length, public_key, nullptr, 0),
                "the signature verifies with the public key exported before the reset");
    CryptDestroyHash(hash);
    CryptDestroyKey(public_key);
    CryptReleaseContext(verify, 0);
    CryptReleaseContext(prov, 0);
    ok &= check(CryptAcquireContextA(&prov, kContainer, nullptr, PROV_RSA_AES, CRYPT_DELETEKEYSET), "CRYPT_DELETEKEYSET");
    ok &= check(!CryptAcquireContextA(&prov, kContainer, nullptr, PROV_RSA_AES, 0) &&
                    GetLastError() == static_cast<DWORD>(NTE_BAD_KEYSET),
                "then NTE_BAD_KEYSET");
    say(ok ? "reset survival: passed\n" : "reset survival: FAILED\n");
    return ok ? 0 : 1;
}
