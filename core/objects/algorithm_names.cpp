#include "personality.hpp"
#include "tinycapi_config.h"

namespace tinycapi::objects {
namespace {

struct NamedAlgorithm {
    ALG_ID algorithm;
    AlgorithmNames names;
};

// Windows' names (reference §4.3); the same whichever provider offers the algorithm.
constexpr NamedAlgorithm kNames[] = {
#if TINYCAPI_ENABLE_RC2
    {CALG_RC2, {"RC2", "RSA Data Security's RC2"}},
#endif
#if TINYCAPI_ENABLE_RC4
    {CALG_RC4, {"RC4", "RSA Data Security's RC4"}},
#endif
#if TINYCAPI_ENABLE_DES
    {CALG_DES, {"DES", "Data Encryption Standard (DES)"}},
    {CALG_3DES_112, {"3DES TWO KEY", "Two Key Triple DES"}},
    {CALG_3DES, {"3DES", "Three Key Triple DES"}},
#endif
#if TINYCAPI_ENABLE_AES
    {CALG_AES_128, {"AES-128", "Advanced Encryption Standard (AES-128)"}},
    {CALG_AES_192, {"AES-192", "Advanced Encryption Standard (AES-192)"}},
    {CALG_AES_256, {"AES-256", "Advanced Encryption Standard (AES-256)"}},
#endif
#if TINYCAPI_ENABLE_SHA1
    {CALG_SHA1, {"SHA-1", "Secure Hash Algorithm (SHA-1)"}},
#endif
#if TINYCAPI_ENABLE_SHA256
    {CALG_SHA_256, {"SHA-256", "Secure Hash Algorithm (SHA-256)"}},
#endif
#if TINYCAPI_ENABLE_SHA384_512
    {CALG_SHA_384, {"SHA-384", "Secure Hash Algorithm (SHA-384)"}},
    {CALG_SHA_512, {"SHA-512", "Secure Hash Algorithm (SHA-512)"}},
#endif
#if TINYCAPI_ENABLE_MD2
    {CALG_MD2, {"MD2", "Message Digest 2 (MD2)"}},
#endif
#if TINYCAPI_ENABLE_MD4
    {CALG_MD4, {"MD4", "Message Digest 4 (MD4)"}},
#endif
#if TINYCAPI_ENABLE_MD5
    {CALG_MD5, {"MD5", "Message Digest 5 (MD5)"}},
#endif
#if TINYCAPI_ENABLE_MD5 && TINYCAPI_ENABLE_SHA1
    {CALG_SSL3_SHAMD5, {"SSL3 SHAMD5", "SSL3 SHAMD5"}},
#endif
#if TINYCAPI_ENABLE_MAC
    {CALG_MAC, {"MAC", "Message Authentication Code"}},
#endif
#if TINYCAPI_ENABLE_RSA
    {CALG_RSA_SIGN, {"RSA_SIGN", "RSA Signature"}},
    {CALG_RSA_KEYX, {"RSA_KEYX", "RSA Key Exchange"}},
#endif
    {CALG_HMAC, {"HMAC", "Hugo's MAC (HMAC)"}},
};

}  // namespace

AlgorithmNames algorithm_names(ALG_ID algorithm) {
    for (const NamedAlgorithm &entry : kNames) {
        if (entry.algorithm == algorithm) return entry.names;
    }
    return {"", ""};  // not reached: every row of the personality tables has its names above
}

}  // namespace tinycapi::objects
