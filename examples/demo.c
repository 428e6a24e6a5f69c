/*
 * tinycapi demo: the job tinycapi does, as Windows code does it, on a host and on a Cortex-M3.
 *
 *   1. hash a message (SHA-256, checked against FIPS 180-2);
 *   2. derive an AES-256 key from a passphrase and decrypt a ciphertext made on Windows,
 *      printing the known answer; then encrypt and decrypt a message with that key;
 *   3. sign with an RSA key pair kept in a named key container, and verify the signature;
 *   4. release everything, open the container again, and verify with the pair found there.
 *
 * Everything below the console helpers is what a Windows program would write: <windows.h> and
 * <wincrypt.h> (tinycapi's compat shims), the generic names, BOOL results and GetLastError.
 * The one thing a board supplies is board_console_write, where the text goes: stdout on the
 * host (boards/host), semihosting under QEMU (boards/qemu-mps2-an385). There is no printf: an
 * MCU image should not pull in stdio and its heap for a few lines of text.
 *
 * Each check prints "ok" or "FAILED" with the error or the wrong answer. A build configured
 * without an algorithm (e.g. no RSA on a 16 KiB part) says so and skips that step. Exit
 * status: 0 when every check passed, 1 otherwise.
 */
#include <windows.h>
#include <wincrypt.h>

/* The board's console (see above). */
void board_console_write(const char *text, size_t length);

static void print(const char *text) { board_console_write(text, strlen(text)); }

static void print_hex(const BYTE *bytes, DWORD length) {
    static const char digits[] = "0123456789abcdef";
    char pair[2];
    DWORD i;
    for (i = 0; i < length; ++i) {
        pair[0] = digits[bytes[i] >> 4];
        pair[1] = digits[bytes[i] & 0x0f];
        board_console_write(pair, sizeof pair);
    }
}

static void print_error(DWORD error) {
    BYTE big_endian[4];
    big_endian[0] = (BYTE)(error >> 24);
    big_endian[1] = (BYTE)(error >> 16);
    big_endian[2] = (BYTE)(error >> 8);
    big_endian[3] = (BYTE)error;
    print("0x");
    print_hex(big_endian, sizeof big_endian);
}

static BOOL all_ok = TRUE;

/* One line per call: "  what ... ok", or "... FAILED, GetLastError() = 0x...". */
static BOOL check(const char *what, BOOL succeeded) {
    DWORD error = GetLastError();
    print("  ");
    print(what);
    if (succeeded) {
        print(" ... ok\n");
    } else {
        print(" ... FAILED, GetLastError() = ");
        print_error(error);
        print("\n");
        all_ok = FALSE;
    }
    return succeeded;
}

/* A result compared with its known answer, both printed. */
static BOOL check_answer(const char *what, const BYTE *got, DWORD got_length, const BYTE *expected,
                         DWORD expected_length) {
    BOOL same = got_length == expected_length && memcmp(got, expected, got_length) == 0;
    print("  ");
    print(what);
    print(": ");
    print_hex(got, got_length);
    if (same) {
        print(" ... ok, as expected\n");
    } else {
        print(" ... FAILED, expected ");
        print_hex(expected, expected_length);
        print("\n");
        all_ok = FALSE;
    }
    return same;
}

/* A step this build has no algorithm for (NTE_BAD_ALGID) is skipped, not failed. */
static BOOL compiled_out(const char *what) {
    if (GetLastError() != (DWORD)NTE_BAD_ALGID) return FALSE;
    print("  ");
    print(what);
    print(" ... skipped: not in this build's configuration\n");
    return TRUE;
}

/* 1. SHA-256 of "abc": FIPS 180-2, appendix B.1. */
static void hash_a_message(HCRYPTPROV hProv) {
    static const BYTE message[] = {'a', 'b', 'c'};
    static const BYTE expected[32] = {0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
                                      0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
                                      0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
    HCRYPTHASH hHash = 0;
    BYTE digest[32];
    DWORD digestLen = sizeof digest;

    print("1. Hash a message\n");
    if (!check("CryptCreateHash(CALG_SHA_256)", CryptCreateHash(hProv, CALG_SHA_256, 0, 0, &hHash))) return;
    if (check("CryptHashData(\"abc\")", CryptHashData(hHash, message, sizeof message, 0)) &&
        check("CryptGetHashParam(HP_HASHVAL)", CryptGetHashParam(hHash, HP_HASHVAL, digest, &digestLen, 0))) {
        check_answer("SHA-256(\"abc\")", digest, digestLen, expected, sizeof expected);
    }
    check("CryptDestroyHash", CryptDestroyHash(hHash));
}

/* 2. The Windows-validated vector of the reference (§5.10, from Wine's rsaenh conformance tests
 * run on Windows): AES-256 derived from SHA-256 of a 512-byte passphrase (bytes 59, 60, ...),
 * and the ciphertext Windows makes of its first four bytes. */
static void derive_and_decrypt(HCRYPTPROV hProv) {
    static const BYTE windows_ciphertext[16] = {0x8c, 0xeb, 0x1f, 0xd3, 0x78, 0x77, 0xf5, 0xbf,
                                                0x7a, 0xde, 0x8d, 0x2c, 0xa5, 0x16, 0xcc, 0xe9};
    static const BYTE known_answer[4] = {59, 60, 61, 62};
    static const char message[] = "Attack at dawn";
    HCRYPTHASH hHash = 0;
    HCRYPTKEY hKey = 0;
    BYTE chunk[64];
    BYTE buffer[32];
    DWORD length;
    DWORD i, part;

    print("2. Derive a key from a passphrase, decrypt what Windows encrypted\n");
    if (!check("CryptCreateHash(CALG_SHA_256)", CryptCreateHash(hProv, CALG_SHA_256, 0, 0, &hHash))) return;
    for (part = 0; part < 8; ++part) {
        for (i = 0; i < sizeof chunk; ++i) chunk[i] = (BYTE)(59 + part * sizeof chunk + i);
        if (!CryptHashData(hHash, chunk, sizeof chunk, 0)) break;
    }
    if (check("CryptHashData(512-byte passphrase)", part == 8)) {
        if (CryptDeriveKey(hProv, CALG_AES_256, hHash, 0, &hKey)) {
            check("CryptDeriveKey(CALG_AES_256)", TRUE);
        } else if (!compiled_out("CryptDeriveKey(CALG_AES_256)")) {
            check("CryptDeriveKey(CALG_AES_256)", FALSE);
        }
    }
    check("CryptDestroyHash", CryptDestroyHash(hHash));
    if (hKey == 0) return;

    memcpy(buffer, windows_ciphertext, sizeof windows_ciphertext);
    length = sizeof windows_ciphertext;
    if (check("CryptDecrypt(Windows-made ciphertext)", CryptDecrypt(hKey, 0, TRUE, 0, buffer, &length))) {
        check_answer("plaintext (the known answer)", buffer, length, known_answer, sizeof known_answer);
    }

    memcpy(buffer, message, sizeof message);
    length = sizeof message;
    if (check("CryptEncrypt(\"Attack at dawn\")", CryptEncrypt(hKey, 0, TRUE, 0, buffer, &length, sizeof buffer))) {
        print("  ciphertext: ");
        print_hex(buffer, length);
        print("\n");
        if (check("CryptDecrypt", CryptDecrypt(hKey, 0, TRUE, 0, buffer, &length))) {
            check_answer("round trip", buffer, length, (const BYTE *)message, sizeof message);
        }
    }
    check("CryptDestroyKey", CryptDestroyKey(hKey));
}

/* SHA-256 of the message the demo signs, in a new hash object of hProv. */
static BOOL hash_of_contract(HCRYPTPROV hProv, HCRYPTHASH *phHash) {
    static const BYTE contract[] = "I owe the bearer one firmware update.";
    return CryptCreateHash(hProv, CALG_SHA_256, 0, 0, phHash) &&
           CryptHashData(*phHash, contract, sizeof contract - 1, 0);
}

/* 3. and 4. A key pair in a named container: sign, release everything, open again, verify. */
static void sign_with_a_kept_key_pair(void) {
    static const char container[] = "tinycapi-demo";
    HCRYPTPROV hProv = 0;
    HCRYPTKEY hPair = 0;
    HCRYPTHASH hHash = 0;
    BYTE signature[128];
    DWORD signatureLen = sizeof signature;
    BOOL signed_ok = FALSE;

    print("3. Sign with a key pair kept in the container \"tinycapi-demo\"\n");
    /* A container left by an interrupted run would make CRYPT_NEWKEYSET fail with NTE_EXISTS. */
    CryptAcquireContext(&hProv, container, MS_ENH_RSA_AES_PROV, PROV_RSA_AES, CRYPT_DELETEKEYSET);
    if (!CryptAcquireContext(&hProv, container, MS_ENH_RSA_AES_PROV, PROV_RSA_AES, CRYPT_NEWKEYSET)) {
        /* A build without named containers (TINYCAPI_ENABLE_NAMED_CONTAINERS 0) has room for none. */
        if (GetLastError() == (DWORD)NTE_TOKEN_KEYSET_STORAGE_FULL) {
            print("  CryptAcquireContext(CRYPT_NEWKEYSET) ... skipped: not in this build's configuration\n");
        } else {
            check("CryptAcquireContext(CRYPT_NEWKEYSET)", FALSE);
        }
        return;
    }
    check("CryptAcquireContext(CRYPT_NEWKEYSET)", TRUE);
    if (CryptGenKey(hProv, AT_SIGNATURE, (1024 << 16), &hPair)) {
        check("CryptGenKey(AT_SIGNATURE, 1024 bits)", TRUE);
        if (check("CryptCreateHash + CryptHashData(contract)", hash_of_contract(hProv, &hHash))) {
            signed_ok = check("CryptSignHash(AT_SIGNATURE)",
                              CryptSignHash(hHash, AT_SIGNATURE, NULL, 0, signature, &signatureLen));
        }
        if (hHash != 0) check("CryptDestroyHash", CryptDestroyHash(hHash));
        check("CryptDestroyKey", CryptDestroyKey(hPair));
    } else if (!compiled_out("CryptGenKey(AT_SIGNATURE, 1024 bits)")) {
        check("CryptGenKey(AT_SIGNATURE, 1024 bits)", FALSE);
    }
    check("CryptReleaseContext", CryptReleaseContext(hProv, 0));

    if (signed_ok) {
        print("4. Everything released; open the container again and verify with the pair kept there\n");
        hHash = 0;
        if (check("CryptAcquireContext(\"tinycapi-demo\")",
                  CryptAcquireContext(&hProv, container, MS_ENH_RSA_AES_PROV, PROV_RSA_AES, 0))) {
            if (check("CryptGetUserKey(AT_SIGNATURE)", CryptGetUserKey(hProv, AT_SIGNATURE, &hPair))) {
                if (check("CryptCreateHash + CryptHashData(contract)", hash_of_contract(hProv, &hHash))) {
                    check("CryptVerifySignature",
                          CryptVerifySignature(hHash, signature, signatureLen, hPair, NULL, 0));
                    signature[10] ^= 0x01;
                    if (CryptVerifySignature(hHash, signature, signatureLen, hPair, NULL, 0) ||
                        GetLastError() != (DWORD)NTE_BAD_SIGNATURE) {
                        check("a forged signature is refused with NTE_BAD_SIGNATURE", FALSE);
                    } else {
                        print("  a forged signature is refused with NTE_BAD_SIGNATURE ... ok\n");
                    }
                }
                if (hHash != 0) check("CryptDestroyHash", CryptDestroyHash(hHash));
                check("CryptDestroyKey", CryptDestroyKey(hPair));
            }
            check("CryptReleaseContext", CryptReleaseContext(hProv, 0));
        }
    }
    check("CryptAcquireContext(CRYPT_DELETEKEYSET)",
          CryptAcquireContext(&hProv, container, MS_ENH_RSA_AES_PROV, PROV_RSA_AES, CRYPT_DELETEKEYSET));
}

int main(void) {
    HCRYPTPROV hProv = 0;

    print("tinycapi demo: Windows CryptoAPI code, unchanged\n");
    if (!check("CryptAcquireContext(CRYPT_VERIFYCONTEXT, MS_ENH_RSA_AES_PROV)",
               CryptAcquireContext(&hProv, NULL, MS_ENH_RSA_AES_PROV, PROV_RSA_AES, CRYPT_VERIFYCONTEXT))) {
        print("demo: FAILED\n");
        return 1;
    }
    hash_a_message(hProv);
    derive_and_decrypt(hProv);
    check("CryptReleaseContext", CryptReleaseContext(hProv, 0));
    sign_with_a_kept_key_pair();

    print(all_ok ? "demo: every check passed\n" : "demo: FAILED\n");
    return all_ok ? 0 : 1;
}
