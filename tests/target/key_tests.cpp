// Session-key known answers on the target, through the public API (issue 4): the
// Windows-validated cipher rows of reference §5.10 (Wine dlls/rsaenh/tests/rsaenh.c, run on
// Windows: test_rc2, test_rc4, test_des, test_3des112, test_3des, test_aes, test_mac,
// test_hmac), one RFC 2202 HMAC case with an IPSEC key, and a padding failure.
//
// The keys come from Wine's derive_key(): DeriveKey((bits << 16) | CRYPT_EXPORTABLE) from
// D2000 = MD2 of the 2000 bytes i & 0xff. Buffers are static (.bss), not on the 32 KiB stack
// (so each test runs alone where several runs of the suite go at once: TINYCAPI_TARGET_TEST_ALONE);
// every test releases what it made and checks that no key or hash slot is left in use.
#include <tinycapi/tinycapi.h>
#include <tinycapi/wincrypt.h>

#include "runner.hpp"
#include "tinycapi_config.h"

namespace {

// The helpers are [[maybe_unused]]: a configuration without MD2 or the ciphers compiles
// the tests that use them out (TINYCAPI_ENABLE_*).
// SEQ(n) = sequence[0..n): bytes i & 0xff. D2000 needs 2000 of them (MD2); without MD2 only
// the AES test's 32 remain, which a 16 KiB-RAM build (config/examples/ram16k_config.h) needs.
BYTE sequence[TINYCAPI_ENABLE_MD2 ? 2000 : 32];
BYTE buffer[300];

[[maybe_unused]] void fill_sequence() {
    for (DWORD i = 0; i < sizeof sequence; ++i) sequence[i] = static_cast<BYTE>(i);
}

[[maybe_unused]] bool equal(const BYTE *a, const BYTE *b, DWORD n) {
    for (DWORD i = 0; i < n; ++i) {
        if (a[i] != b[i]) return false;
    }
    return true;
}

[[maybe_unused]] void copy(BYTE *to, const BYTE *from, DWORD n) {
    for (DWORD i = 0; i < n; ++i) to[i] = from[i];
}

[[maybe_unused]] uint32_t in_use(tinycapi_pool_id pool) {
    tinycapi_pool_stats stats{};
    return tinycapi_get_pool_stats(pool, &stats) == 0 ? stats.in_use : 0xffffffffu;
}

[[maybe_unused]] HCRYPTPROV acquire(const char *name, DWORD type) {
    fill_sequence();
    HCRYPTPROV prov = 0;
    CHECK_EQ(CryptAcquireContextA(&prov, nullptr, name, type, CRYPT_VERIFYCONTEXT), TRUE);
    return prov;
}

[[maybe_unused]] void release(HCRYPTPROV prov) {
    CHECK_EQ(CryptReleaseContext(prov, 0), TRUE);
    CHECK_EQ(in_use(TINYCAPI_POOL_KEYS), 0u);
    CHECK_EQ(in_use(TINYCAPI_POOL_HASHES), 0u);
}

// Wine's derive_key(algorithm, bits) from D2000; 0 on failure (recorded).
[[maybe_unused]] HCRYPTKEY derive_from_d2000(HCRYPTPROV prov, ALG_ID algorithm, DWORD bits) {
    HCRYPTHASH hash = 0;
    HCRYPTKEY key = 0;
    if (!CHECK_EQ(CryptCreateHash(prov, CALG_MD2, 0, 0, &hash), TRUE)) return 0;
    CHECK_EQ(CryptHashData(hash, sequence, sizeof sequence, 0), TRUE);
    CHECK_EQ(CryptDeriveKey(prov, algorithm, hash, (bits << 16) | CRYPT_EXPORTABLE, &key), TRUE);
    CHECK_EQ(CryptDestroyHash(hash), TRUE);
    return key;
}

// Encrypts `length` bytes of `plain` with Final and compares with `expected`.
[[maybe_unused]] void check_encrypts_to(HCRYPTKEY key, const BYTE *plain, DWORD length, const BYTE *expected, DWORD expected_length) {
    copy(buffer, plain, length);
    DWORD data_length = length;
    CHECK_EQ(CryptEncrypt(key, 0, TRUE, 0, buffer, &data_length, sizeof buffer), TRUE);
    CHECK_EQ(data_length, expected_length);
    CHECK(equal(buffer, expected, expected_length));
    // And back (Final resets the key, reference §5.6).
    CHECK_EQ(CryptDecrypt(key, 0, TRUE, 0, buffer, &data_length), TRUE);
    CHECK_EQ(data_length, length);
    CHECK(equal(buffer, plain, length));
}

}  // namespace

#if TINYCAPI_ENABLE_MD2 && TINYCAPI_ENABLE_RC2 && TINYCAPI_ENABLE_RC4 && TINYCAPI_ENABLE_PROV_RSA_FULL  // Windows' vectors of MS_ENHANCED_PROV
TINYCAPI_TARGET_TEST_ALONE(Key, Rc2FortyAndRc4FiftySixOfWindows) {
    // §5.10: RC2-40, SEQ(13) with Final (Wine test_rc2); RC4-56, SEQ(16) (Wine test_rc4).
    static const BYTE rc2_40[16] = {0xc0, 0x9a, 0xe4, 0x2f, 0x0a, 0x47, 0x67, 0x11,
                                    0xfb, 0x18, 0x87, 0xce, 0x0c, 0x75, 0x07, 0xb1};
    static const BYTE rc4_56[16] = {0x17, 0x0c, 0x44, 0x8e, 0xae, 0x90, 0xcd, 0xb0,
                                    0x7f, 0x87, 0xf5, 0x7a, 0xec, 0xb2, 0x2e, 0x35};
    HCRYPTPROV prov = acquire(MS_ENHANCED_PROV_A, PROV_RSA_FULL);
    HCRYPTKEY rc2 = derive_from_d2000(prov, CALG_RC2, 40);
    check_encrypts_to(rc2, sequence, 13, rc2_40, 16);
    HCRYPTKEY rc4 = derive_from_d2000(prov, CALG_RC4, 56);
    check_encrypts_to(rc4, sequence, 16, rc4_56, 16);
    CHECK_EQ(CryptDestroyKey(rc2), TRUE);
    CHECK_EQ(CryptDestroyKey(rc4), TRUE);
    release(prov);
}
#endif

#if TINYCAPI_ENABLE_MD2 && TINYCAPI_ENABLE_DES && TINYCAPI_ENABLE_PROV_RSA_FULL  // Windows' vectors of MS_ENHANCED_PROV
TINYCAPI_TARGET_TEST_ALONE(Key, DesAndTripleDesOfWindows) {
    // §5.10: DES (default length) in ECB, 3DES_112 and 3DES in CBC, SEQ(13) with Final (Wine
    // test_des, test_3des112, test_3des).
    static const BYTE des[16] = {0x58, 0x86, 0x42, 0x46, 0x65, 0x4b, 0x92, 0x62,
                                 0xcf, 0x0f, 0x65, 0x37, 0x43, 0x7a, 0x82, 0xb9};
    static const BYTE des3_112[16] = {0x8e, 0x0c, 0x3c, 0xa3, 0x05, 0x88, 0x5f, 0x7a,
                                      0x32, 0xa1, 0x06, 0x52, 0x64, 0xd2, 0x44, 0x1c};
    static const BYTE des3[16] = {0x7b, 0xba, 0xdd, 0xa2, 0x39, 0xd3, 0x7b, 0xb3,
                                  0xc7, 0x51, 0x81, 0x41, 0x53, 0xe8, 0xcf, 0xeb};
    HCRYPTPROV prov = acquire(MS_ENHANCED_PROV_A, PROV_RSA_FULL);
    HCRYPTKEY key = derive_from_d2000(prov, CALG_DES, 0);
    const DWORD ecb = CRYPT_MODE_ECB;
    CHECK_EQ(CryptSetKeyParam(key, KP_MODE, reinterpret_cast<const BYTE *>(&ecb), 0), TRUE);
    check_encrypts_to(key, sequence, 13, des, 16);
    CHECK_EQ(CryptDestroyKey(key), TRUE);
    key = derive_from_d2000(prov, CALG_3DES_112, 0);
    check_encrypts_to(key, sequence, 13, des3_112, 16);
    CHECK_EQ(CryptDestroyKey(key), TRUE);
    key = derive_from_d2000(prov, CALG_3DES, 0);
    check_encrypts_to(key, sequence, 13, des3, 16);
    CHECK_EQ(CryptDestroyKey(key), TRUE);
    release(prov);
}
#endif

#if TINYCAPI_ENABLE_MD2 && TINYCAPI_ENABLE_AES
TINYCAPI_TARGET_TEST_ALONE(Key, AesOfWindows) {
    // §5.10: AES-128 and AES-256 (Wine test_aes), "AES Test With 2 Blocks Of Data." + NUL.
    static const BYTE text[32] = {'A', 'E', 'S', ' ', 'T', 'e', 's', 't', ' ', 'W', 'i', 't', 'h', ' ', '2', ' ',
                                  'B', 'l', 'o', 'c', 'k', 's', ' ', 'O', 'f', ' ', 'D', 'a', 't', 'a', '.', 0};
    static const BYTE aes128[48] = {0xfe, 0x85, 0x3b, 0xe1, 0xf5, 0xe1, 0x58, 0x75, 0xd5, 0xa9, 0x74, 0xe3,
                                    0x09, 0xea, 0xa5, 0x04, 0x23, 0x35, 0xa2, 0x3b, 0x5c, 0xf1, 0x6c, 0x6f,
                                    0xb9, 0xcd, 0x64, 0x06, 0x3e, 0x41, 0x83, 0xef, 0x2a, 0xfe, 0xea, 0xb5,
                                    0x6c, 0x17, 0x20, 0x79, 0x8c, 0x51, 0x3e, 0x56, 0xed, 0xe1, 0x47, 0x68};
    static const BYTE aes256[48] = {0x20, 0x57, 0x17, 0x0b, 0x17, 0x76, 0xd8, 0x3b, 0x26, 0x90, 0x8b, 0x4c,
                                    0xf2, 0x00, 0x79, 0x33, 0x29, 0x2b, 0x13, 0x9c, 0xe2, 0x95, 0x09, 0xc1,
                                    0xcd, 0x20, 0x87, 0x22, 0x32, 0x70, 0x9d, 0x75, 0x9a, 0x94, 0xf5, 0x76,
                                    0x5c, 0xb1, 0x62, 0x2c, 0xe1, 0x76, 0x7c, 0x86, 0x73, 0xe6, 0x7a, 0x23};
    HCRYPTPROV prov = acquire(MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES);
    HCRYPTKEY key = derive_from_d2000(prov, CALG_AES_128, 128);
    check_encrypts_to(key, text, 32, aes128, 48);
    CHECK_EQ(CryptDestroyKey(key), TRUE);
    key = derive_from_d2000(prov, CALG_AES_256, 256);
    check_encrypts_to(key, text, 32, aes256, 48);
    CHECK_EQ(CryptDestroyKey(key), TRUE);
    release(prov);
}
#endif

#if TINYCAPI_ENABLE_MD2 && TINYCAPI_ENABLE_RC2 && TINYCAPI_ENABLE_MD5 && TINYCAPI_ENABLE_PROV_RSA_FULL  // Windows' vectors of MS_ENHANCED_PROV
TINYCAPI_TARGET_TEST_ALONE(Key, MacAndHmacMd5OfWindows) {
    // §5.10: CALG_MAC on the RC2-40 key over SEQ(256) = b7a246e91131e0ad (Wine test_mac);
    // HMAC-MD5 with the RC2-56 key over SEQ(256) = 1a7d49c5… (Wine test_hmac).
    static const BYTE mac_40[8] = {0xb7, 0xa2, 0x46, 0xe9, 0x11, 0x31, 0xe0, 0xad};
    static const BYTE hmac_md5[16] = {0x1a, 0x7d, 0x49, 0xc5, 0x9b, 0x2d, 0x0b, 0x9c,
                                      0xcf, 0x10, 0x6b, 0xb6, 0x7d, 0x0f, 0x13, 0x32};
    HCRYPTPROV prov = acquire(MS_ENHANCED_PROV_A, PROV_RSA_FULL);
    HCRYPTKEY key = derive_from_d2000(prov, CALG_RC2, 40);
    HCRYPTHASH hash = 0;
    CHECK_EQ(CryptCreateHash(prov, CALG_MAC, key, 0, &hash), TRUE);
    CHECK_EQ(CryptHashData(hash, sequence, 256, 0), TRUE);
    BYTE value[16];
    DWORD length = sizeof value;
    CHECK_EQ(CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0), TRUE);
    CHECK_EQ(length, 8u);
    CHECK(equal(value, mac_40, 8));
    CHECK_EQ(CryptDestroyHash(hash), TRUE);
    CHECK_EQ(CryptDestroyKey(key), TRUE);

    key = derive_from_d2000(prov, CALG_RC2, 56);
    CHECK_EQ(CryptCreateHash(prov, CALG_HMAC, key, 0, &hash), TRUE);
    HMAC_INFO info = {CALG_MD5, nullptr, 0, nullptr, 0};
    CHECK_EQ(CryptSetHashParam(hash, HP_HMAC_INFO, reinterpret_cast<const BYTE *>(&info), 0), TRUE);
    CHECK_EQ(CryptHashData(hash, sequence, 256, 0), TRUE);
    length = sizeof value;
    CHECK_EQ(CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0), TRUE);
    CHECK_EQ(length, 16u);
    CHECK(equal(value, hmac_md5, 16));
    CHECK_EQ(CryptDestroyHash(hash), TRUE);
    CHECK_EQ(CryptDestroyKey(key), TRUE);
    release(prov);
}
#endif

#if TINYCAPI_ENABLE_SHA1
// The blob names CALG_RC2, as Wine's test and minizip-ng do: an IPSEC HMAC key only names a
// cipher the provider offers on Windows, so it imports even in a build without RC2.
constexpr BYTE kIpsecBlobAlgorithm = 0x02;  // CALG_RC2 = 0x6602
#if TINYCAPI_ENABLE_PROV_RSA_FULL
#define IPSEC_TEST_PROVIDER MS_ENHANCED_PROV_A, PROV_RSA_FULL
#else
#define IPSEC_TEST_PROVIDER MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES
#endif
TINYCAPI_TARGET_TEST_ALONE(Key, Rfc2202HmacSha1WithAnIpsecKeyHashedFirst) {
    // RFC 2202 §3 test case 6 (also Wine test_import_hmac, run on Windows): an 80-byte key of
    // 0xaa imported as PLAINTEXTKEYBLOB with CRYPT_IPSEC_HMAC_KEY (aiKeyAlg CALG_RC2) is longer
    // than the 64-byte block, so it is hashed first (reference §5.7).
    static const BYTE digest[20] = {0xaa, 0x4a, 0xe5, 0xe1, 0x52, 0x72, 0xd0, 0x0e, 0x95, 0x70,
                                    0x56, 0x37, 0xce, 0x8a, 0x3b, 0x55, 0xed, 0x40, 0x21, 0x12};
    static const char data[] = "Test Using Larger Than Block-Size Key - Hash Key First";
    static BYTE blob[12 + 80];
    const BYTE header[12] = {PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0, kIpsecBlobAlgorithm, 0x66, 0, 0, 80, 0, 0, 0};
    copy(blob, header, 12);
    for (DWORD i = 0; i < 80; ++i) blob[12 + i] = 0xaa;
    HCRYPTPROV prov = acquire(IPSEC_TEST_PROVIDER);
    HCRYPTKEY key = 0;
    CHECK_EQ(CryptImportKey(prov, blob, sizeof blob, 0, CRYPT_IPSEC_HMAC_KEY, &key), TRUE);
    HCRYPTHASH hash = 0;
    CHECK_EQ(CryptCreateHash(prov, CALG_HMAC, key, 0, &hash), TRUE);
    HMAC_INFO info = {CALG_SHA1, nullptr, 0, nullptr, 0};
    CHECK_EQ(CryptSetHashParam(hash, HP_HMAC_INFO, reinterpret_cast<const BYTE *>(&info), 0), TRUE);
    CHECK_EQ(CryptHashData(hash, reinterpret_cast<const BYTE *>(data), sizeof data - 1, 0), TRUE);
    BYTE value[20];
    DWORD length = sizeof value;
    CHECK_EQ(CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0), TRUE);
    CHECK_EQ(length, 20u);
    CHECK(equal(value, digest, 20));
    CHECK_EQ(CryptDestroyHash(hash), TRUE);
    CHECK_EQ(CryptDestroyKey(key), TRUE);
    release(prov);
}
#endif

#if TINYCAPI_ENABLE_AES
TINYCAPI_TARGET_TEST_ALONE(Key, BadPaddingIsBadDataChangesNothingAndResetsTheKey) {
    // Reference §3.18 step 7: a Final decrypt whose last block does not end in valid PKCS#5
    // padding fails with NTE_BAD_DATA, leaves *pdwDataLen (Windows-validated) and the buffer
    // (tinycapi) as they were, and resets the key (Windows-validated). The last plaintext
    // block is chosen by encrypting without Final: it ends in 0x00, never a valid pad.
    static const BYTE blob[28] = {PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0, 0x0e, 0x66, 0, 0, 16, 0, 0, 0,
                                  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    HCRYPTPROV prov = acquire(MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES);
    HCRYPTKEY key = 0;
    CHECK_EQ(CryptImportKey(prov, blob, sizeof blob, 0, 0, &key), TRUE);
    static BYTE ciphertext[32];
    copy(ciphertext, sequence + 1, 31);  // bytes 1..31, then a 0
    ciphertext[31] = 0;
    DWORD length = 32;
    CHECK_EQ(CryptEncrypt(key, 0, FALSE, 0, ciphertext, &length, 32), TRUE);
    CHECK_EQ(length, 32u);
    // Move the chain, then fail: the failure must put it back to the IV.
    copy(buffer, ciphertext, 16);
    length = 16;
    CHECK_EQ(CryptDecrypt(key, 0, FALSE, 0, buffer, &length), TRUE);
    copy(buffer, ciphertext, 32);
    length = 32;
    CHECK_EQ(CryptDecrypt(key, 0, TRUE, 0, buffer, &length), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_DATA);
    CHECK_EQ(length, 32u);
    CHECK(equal(buffer, ciphertext, 32));
    length = 32;
    CHECK_EQ(CryptDecrypt(key, 0, FALSE, 0, buffer, &length), TRUE);
    CHECK(equal(buffer, sequence + 1, 31));  // decrypted from the IV: the key was reset
    CHECK_EQ(CryptDestroyKey(key), TRUE);
    release(prov);
}
#endif

#if TINYCAPI_ENABLE_AES && (!TINYCAPI_ENABLE_MAC || !TINYCAPI_ENABLE_CFB)
TINYCAPI_TARGET_TEST_ALONE(Key, SwitchedOffMacAndCfbGiveWindowsErrors) {
    static const BYTE blob[28] = {PLAINTEXTKEYBLOB, CUR_BLOB_VERSION, 0, 0, 0x0e, 0x66, 0, 0, 16, 0, 0, 0,
                                  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    HCRYPTPROV prov = acquire(MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES);
    HCRYPTKEY key = 0;
    CHECK_EQ(CryptImportKey(prov, blob, sizeof blob, 0, 0, &key), TRUE);
#if !TINYCAPI_ENABLE_MAC
    // TINYCAPI_ENABLE_MAC 0: CALG_MAC is an algorithm this provider lacks, so CryptCreateHash
    // gives NTE_BAD_ALGID (reference §3.7 step 5) and PP_ENUMALGS no longer lists it; HMAC stays.
    HCRYPTHASH hash = 0;
    CHECK_EQ(CryptCreateHash(prov, CALG_MAC, key, 0, &hash), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_ALGID);
    CHECK_EQ(hash, 0u);
    bool listed_mac = false, listed_hmac = false;
    PROV_ENUMALGS entry;
    DWORD size = sizeof entry;
    for (DWORD flags = CRYPT_FIRST; CryptGetProvParam(prov, PP_ENUMALGS, reinterpret_cast<BYTE *>(&entry), &size, flags);
         flags = 0, size = sizeof entry) {
        listed_mac |= entry.aiAlgid == CALG_MAC;
        listed_hmac |= entry.aiAlgid == CALG_HMAC;
    }
    CHECK_EQ(GetLastError(), ERROR_NO_MORE_ITEMS);
    CHECK(!listed_mac);
    CHECK(listed_hmac);
#endif
#if !TINYCAPI_ENABLE_CFB
    // TINYCAPI_ENABLE_CFB 0: KP_MODE stores CFB like any value (reference §3.20), and using it
    // fails as OFB does on Windows (NTE_BAD_ALGID, Wine test_block_cipher_modes run on Windows),
    // the data and its length untouched; back in CBC the key encrypts as before.
    const DWORD cfb = CRYPT_MODE_CFB, cbc = CRYPT_MODE_CBC;
    CHECK_EQ(CryptSetKeyParam(key, KP_MODE, reinterpret_cast<const BYTE *>(&cfb), 0), TRUE);
    DWORD mode = 0, mode_size = sizeof mode;
    CHECK_EQ(CryptGetKeyParam(key, KP_MODE, reinterpret_cast<BYTE *>(&mode), &mode_size, 0), TRUE);
    CHECK_EQ(mode, static_cast<DWORD>(CRYPT_MODE_CFB));
    copy(buffer, sequence, 16);
    DWORD length = 16;
    CHECK_EQ(CryptEncrypt(key, 0, FALSE, 0, buffer, &length, sizeof buffer), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_ALGID);
    CHECK_EQ(length, 16u);
    CHECK(equal(buffer, sequence, 16));
    CHECK_EQ(CryptDecrypt(key, 0, TRUE, 0, buffer, &length), FALSE);
    CHECK_EQ(GetLastError(), NTE_BAD_ALGID);
    CHECK_EQ(length, 16u);
    CHECK(equal(buffer, sequence, 16));
    CHECK_EQ(CryptSetKeyParam(key, KP_MODE, reinterpret_cast<const BYTE *>(&cbc), 0), TRUE);
    CHECK_EQ(CryptEncrypt(key, 0, TRUE, 0, buffer, &length, sizeof buffer), TRUE);
    CHECK_EQ(length, 32u);
    CHECK_EQ(CryptDecrypt(key, 0, TRUE, 0, buffer, &length), TRUE);
    CHECK_EQ(length, 16u);
    CHECK(equal(buffer, sequence, 16));
#endif
    CHECK_EQ(CryptDestroyKey(key), TRUE);
    release(prov);
}
#endif
