/*
 * tinycapi demo: Windows CryptoAPI code as it is written for Windows, running on a host and on
 * a Cortex-M3 under QEMU.
 *
 * Everything below main's helpers is what a Windows program would write: <windows.h> and
 * <wincrypt.h> (tinycapi's compat shims), the generic names (CryptAcquireContext,
 * MS_ENH_RSA_AES_PROV), BOOL results and GetLastError. The only thing a board supplies is
 * board_console_write, where the text goes: stdout on the host (boards/host), semihosting
 * under QEMU (boards/qemu-mps2-an385). There is no printf: an MCU image should not pull in
 * stdio and its heap for a few lines of text.
 *
 * Exit status: 0 when every step succeeded, 1 otherwise.
 */
#include <windows.h>
#include <wincrypt.h>

/* The board's console (see above). */
void board_console_write(const char *text, size_t length);

static void print(const char *text) { board_console_write(text, strlen(text)); }

static void print_hex_byte(BYTE value) {
    static const char digits[] = "0123456789abcdef";
    char text[2];
    text[0] = digits[value >> 4];
    text[1] = digits[value & 0x0f];
    board_console_write(text, sizeof text);
}

static void print_hex_dword(DWORD value) {
    int shift;
    print("0x");
    for (shift = 24; shift >= 0; shift -= 8) {
        print_hex_byte((BYTE)(value >> shift));
    }
}

/* One line per step: "name ... ok", or "name ... FAILED, GetLastError() = 0x...". */
static BOOL report(const char *step, BOOL succeeded) {
    DWORD error = GetLastError();
    print(step);
    if (succeeded) {
        print(" ... ok\n");
    } else {
        print(" ... FAILED, GetLastError() = ");
        print_hex_dword(error);
        print("\n");
    }
    return succeeded;
}

int main(void) {
    HCRYPTPROV hProv = 0;
    HCRYPTPROV hNamed = 0;
    BYTE random[16];
    BYTE name[128];
    DWORD nameLen = 0;
    DWORD i;
    BOOL ok = TRUE;

    print("tinycapi demo\n");

    if (!report("CryptAcquireContext(VERIFYCONTEXT, MS_ENH_RSA_AES_PROV)",
                CryptAcquireContext(&hProv, NULL, MS_ENH_RSA_AES_PROV, PROV_RSA_AES,
                                    CRYPT_VERIFYCONTEXT))) {
        return 1;
    }

    if (report("CryptGenRandom(16 bytes)", CryptGenRandom(hProv, sizeof random, random))) {
        print("  random: ");
        for (i = 0; i < sizeof random; ++i) {
            print_hex_byte(random[i]);
        }
        print("\n");
    } else {
        ok = FALSE;
    }

    /* The size query first, as Windows code does, then the value. */
    if (report("CryptGetProvParam(PP_NAME, size)",
               CryptGetProvParam(hProv, PP_NAME, NULL, &nameLen, 0)) &&
        nameLen <= sizeof name &&
        report("CryptGetProvParam(PP_NAME)", CryptGetProvParam(hProv, PP_NAME, name, &nameLen, 0))) {
        print("  provider: ");
        print((const char *)name);
        print("\n");
    } else {
        ok = FALSE;
    }

    /* Two references: the first release leaves the context usable. */
    ok &= report("CryptContextAddRef", CryptContextAddRef(hProv, NULL, 0));
    ok &= report("CryptReleaseContext(reference 2 of 2)", CryptReleaseContext(hProv, 0));

    /* A named key container outlives its contexts until CRYPT_DELETEKEYSET. */
    if (report("CryptAcquireContext(\"tinycapi-demo\", NEWKEYSET)",
               CryptAcquireContext(&hNamed, "tinycapi-demo", MS_ENH_RSA_AES_PROV, PROV_RSA_AES,
                                   CRYPT_NEWKEYSET))) {
        ok &= report("CryptReleaseContext(named)", CryptReleaseContext(hNamed, 0));
        ok &= report("CryptAcquireContext(\"tinycapi-demo\", DELETEKEYSET)",
                     CryptAcquireContext(&hNamed, "tinycapi-demo", MS_ENH_RSA_AES_PROV,
                                         PROV_RSA_AES, CRYPT_DELETEKEYSET));
    } else {
        ok = FALSE;
    }

    ok &= report("CryptReleaseContext(reference 1 of 2)", CryptReleaseContext(hProv, 0));

    print(ok ? "demo: all steps succeeded\n" : "demo: FAILED\n");
    return ok ? 0 : 1;
}
