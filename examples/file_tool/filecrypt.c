/*
 * filecrypt — a small Windows command-line tool, compiled unchanged against tinycapi.
 *
 *   filecrypt hash <file>                         SHA-256 of the file, in hex
 *   filecrypt encrypt <password> <in> <out>       AES-256-CBC, key derived from the password
 *   filecrypt decrypt <password> <in> <out>
 *
 * The key is CryptDeriveKey(CALG_AES_256) of the password's SHA-256, so a file encrypted by
 * this tool on Windows decrypts here and the other way round. This is the source as a Windows
 * developer writes it (<windows.h>, <wincrypt.h>, <tchar.h>, _tmain, the C runtime's stdio);
 * README.md beside it says what changes in the build: nothing here.
 */
#include <windows.h>
#include <wincrypt.h>
#include <stdio.h>
#include <tchar.h>

/* A multiple of the AES block: CryptEncrypt adds the padding to the last chunk only. */
#define CHUNK_SIZE 4096
#define AES_BLOCK 16

static int Fail(const char *what) {
    fprintf(stderr, "filecrypt: %s failed, error 0x%08lx\n", what, (unsigned long)GetLastError());
    return 1;
}

static int HashFile(HCRYPTPROV hProv, const char *path) {
    static BYTE chunk[CHUNK_SIZE];
    HCRYPTHASH hHash = 0;
    BYTE digest[32];
    DWORD digestLen = sizeof digest;
    size_t got;
    DWORD i;
    int result = 0;
    FILE *in = fopen(path, "rb");

    if (in == NULL) {
        fprintf(stderr, "filecrypt: cannot open %s\n", path);
        return 1;
    }
    if (!CryptCreateHash(hProv, CALG_SHA_256, 0, 0, &hHash)) {
        fclose(in);
        return Fail("CryptCreateHash");
    }
    while ((got = fread(chunk, 1, sizeof chunk, in)) > 0) {
        if (!CryptHashData(hHash, chunk, (DWORD)got, 0)) {
            result = Fail("CryptHashData");
            break;
        }
    }
    if (result == 0 && !CryptGetHashParam(hHash, HP_HASHVAL, digest, &digestLen, 0)) result = Fail("CryptGetHashParam");
    if (result == 0) {
        for (i = 0; i < digestLen; ++i) printf("%02x", digest[i]);
        printf("  %s\n", path);
    }
    CryptDestroyHash(hHash);
    fclose(in);
    return result;
}

static BOOL DeriveKeyFromPassword(HCRYPTPROV hProv, const char *password, HCRYPTKEY *phKey) {
    HCRYPTHASH hHash = 0;
    BOOL ok = CryptCreateHash(hProv, CALG_SHA_256, 0, 0, &hHash) &&
              CryptHashData(hHash, (const BYTE *)password, (DWORD)strlen(password), 0) &&
              CryptDeriveKey(hProv, CALG_AES_256, hHash, 0, phKey);
    DWORD error = GetLastError();
    if (hHash) CryptDestroyHash(hHash);
    SetLastError(error);
    return ok;
}

/* Encrypts or decrypts `in` into `out` chunk by chunk; the last chunk is Final. */
static int Transform(HCRYPTKEY hKey, BOOL encrypt, FILE *in, FILE *out) {
    static BYTE chunk[CHUNK_SIZE + AES_BLOCK];
    size_t got = fread(chunk, 1, CHUNK_SIZE, in);
    for (;;) {
        /* Look one byte ahead: Final must go with the last chunk. */
        int next = fgetc(in);
        BOOL final = next == EOF;
        DWORD length = (DWORD)got;
        BOOL ok = encrypt ? CryptEncrypt(hKey, 0, final, 0, chunk, &length, sizeof chunk)
                          : CryptDecrypt(hKey, 0, final, 0, chunk, &length);
        if (!ok) return Fail(encrypt ? "CryptEncrypt" : "CryptDecrypt");
        if (fwrite(chunk, 1, length, out) != length) return Fail("fwrite");
        if (final) return 0;
        chunk[0] = (BYTE)next;
        got = 1 + fread(chunk + 1, 1, CHUNK_SIZE - 1, in);
    }
}

static int CryptFile(HCRYPTPROV hProv, BOOL encrypt, const char *password, const char *inPath, const char *outPath) {
    HCRYPTKEY hKey = 0;
    FILE *in;
    FILE *out;
    int result;

    if (!DeriveKeyFromPassword(hProv, password, &hKey)) return Fail("CryptDeriveKey");
    in = fopen(inPath, "rb");
    out = in != NULL ? fopen(outPath, "wb") : NULL;
    if (in == NULL || out == NULL) {
        fprintf(stderr, "filecrypt: cannot open %s\n", in == NULL ? inPath : outPath);
        if (in) fclose(in);
        CryptDestroyKey(hKey);
        return 1;
    }
    result = Transform(hKey, encrypt, in, out);
    fclose(in);
    if (fclose(out) != 0 && result == 0) result = Fail("fclose");
    if (result != 0) remove(outPath); /* no partial output */
    CryptDestroyKey(hKey);
    return result;
}

int _tmain(int argc, _TCHAR *argv[]) {
    HCRYPTPROV hProv = 0;
    int result;

    if (!(argc == 3 && _tcscmp(argv[1], _T("hash")) == 0) &&
        !(argc == 5 && (_tcscmp(argv[1], _T("encrypt")) == 0 || _tcscmp(argv[1], _T("decrypt")) == 0))) {
        fprintf(stderr, "usage: filecrypt hash <file>\n"
                        "       filecrypt encrypt|decrypt <password> <in> <out>\n");
        return 2;
    }
    if (!CryptAcquireContext(&hProv, NULL, MS_ENH_RSA_AES_PROV, PROV_RSA_AES, CRYPT_VERIFYCONTEXT)) {
        return Fail("CryptAcquireContext");
    }
    if (argc == 3) {
        result = HashFile(hProv, argv[2]);
    } else {
        result = CryptFile(hProv, _tcscmp(argv[1], _T("encrypt")) == 0, argv[2], argv[3], argv[4]);
    }
    CryptReleaseContext(hProv, 0);
    return result;
}
