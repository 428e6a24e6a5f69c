#include <string.h>

#include "personality.hpp"
#include "tinycapi_config.h"

namespace tinycapi::objects {
namespace {

// The short name, its NUL, then the long name: one pointer per row.
struct NamedAlgorithm {
    ALG_ID algorithm;
    const char *names;
};

// Windows' names (reference §4.3); the same whichever provider offers the algorithm.
constexpr NamedAlgorithm kNames[] = {
#if TINYCAPI_ENABLE_RC2
    {CALG_RC2, "RC2\0RSA Data Security's RC2"},
#endif
#if TINYCAPI_ENABLE_RC4
    {CALG_RC4, "RC4\0RSA Data Security's RC4"},
#endif
#if TINYCAPI_ENABLE_DES
    {CALG_DES, "DES\0Data Encryption Standard (DES)"},
    {CALG_3DES_112, "3DES TWO KEY\0Two Key Triple DES"},
    {CALG_3DES, "3DES\0Three Key Triple DES"},
#endif
#if TINYCAPI_ENABLE_AES
    {CALG_AES_128, "AES-128\0Advanced Encryption Standard (AES-128)"},
    {CALG_AES_192, "AES-192\0Advanced Encryption Standard (AES-192)"},
    {CALG_AES_256, "AES-256\0Advanced Encryption Standard (AES-256)"},
#endif
#if TINYCAPI_ENABLE_SHA1
    {CALG_SHA1, "SHA-1\0Secure Hash Algorithm (SHA-1)"},
#endif
#if TINYCAPI_ENABLE_SHA256
    {CALG_SHA_256, "SHA-256\0Secure Hash Algorithm (SHA-256)"},
#endif
#if TINYCAPI_ENABLE_SHA384_512
    {CALG_SHA_384, "SHA-384\0Secure Hash Algorithm (SHA-384)"},
    {CALG_SHA_512, "SHA-512\0Secure Hash Algorithm (SHA-512)"},
#endif
#if TINYCAPI_ENABLE_MD2
    {CALG_MD2, "MD2\0Message Digest 2 (MD2)"},
#endif
#if TINYCAPI_ENABLE_MD4
    {CALG_MD4, "MD4\0Message Digest 4 (MD4)"},
#endif
#if TINYCAPI_ENABLE_MD5
    {CALG_MD5, "MD5\0Message Digest 5 (MD5)"},
#endif
#if TINYCAPI_ENABLE_MD5 && TINYCAPI_ENABLE_SHA1
    {CALG_SSL3_SHAMD5, "SSL3 SHAMD5\0SSL3 SHAMD5"},
#endif
#if TINYCAPI_ENABLE_MAC
    {CALG_MAC, "MAC\0Message Authentication Code"},
#endif
#if TINYCAPI_ENABLE_RSA
    {CALG_RSA_SIGN, "RSA_SIGN\0RSA Signature"},
    {CALG_RSA_KEYX, "RSA_KEYX\0RSA Key Exchange"},
#endif
    {CALG_HMAC, "HMAC\0Hugo's MAC (HMAC)"},
};

}  // namespace

AlgorithmNames algorithm_names(ALG_ID algorithm) {
    for (const NamedAlgorithm &entry : kNames) {
        if (entry.algorithm == algorithm) return {entry.names, entry.names + strlen(entry.names) + 1};
    }
    return {"", ""};  // not reached: every row of the personality tables has its names above
}

}  // namespace tinycapi::objects
