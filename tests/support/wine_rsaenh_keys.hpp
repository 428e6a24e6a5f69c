// Windows-made RSA key blobs from Wine's conformance test dlls/rsaenh/tests/rsaenh.c
// (wine-mirror/wine), which runs on Windows. They are defined once, in
// tests/conformance/rsa_vectors_test.cpp, where each cites the Wine array it is.
#pragma once

#include <tinycapi/wincrypt.h>

namespace tinycapi::testing::wine_rsaenh {
extern const BYTE kPlainPrivateKey[596];        // abPlainPrivateKey: 1024-bit CALG_RSA_KEYX pair
extern const BYTE kPrivateKeyWithHighBit[596];  // priv_key_with_high_bit: 1024-bit CALG_RSA_SIGN pair
extern const BYTE kSignBlob[308];               // signBlob: 512-bit CALG_RSA_SIGN pair
extern const BYTE kPrivateExchangeBlob[308];    // PRIVATE_EXCH_blob: 512-bit CALG_RSA_KEYX pair
extern const BYTE kPublicExchangeBlob[84];      // PUBLIC_EXCH_blob: its public key
extern const BYTE kAllElevensPublicKey[84];     // abPlainPublicKey: modulus all 0x11, CALG_RSA_KEYX
extern const BYTE kSignaturePublicKey[148];     // abPubKey: 1024-bit CALG_RSA_SIGN public key
extern const BYTE kRc4SimpleBlob[148];          // abSessionKey: RC4 SIMPLEBLOB under abPlainPrivateKey
}  // namespace tinycapi::testing::wine_rsaenh
