// Windows-made RSA key blobs from Wine's conformance test dlls/rsaenh/tests/rsaenh.c
// (wine-mirror/wine), which runs on Windows. They are defined once, in
// tests/support/wine_rsaenh_keys.cpp, where each cites the Wine array it is.
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
// test_verify_signature: abPubKey's signatures over "Wine rocks!" with and without the hash OID
extern const BYTE kSignatureMd2[128];
extern const BYTE kSignatureMd2NoOid[128];
extern const BYTE kSignatureMd4[128];
extern const BYTE kSignatureMd4NoOid[128];
extern const BYTE kSignatureMd5[128];
extern const BYTE kSignatureMd5NoOid[128];
extern const BYTE kSignatureSha1[128];
extern const BYTE kSignatureSha1NoOid[128];
extern const BYTE kSsl3ShaMd5Signature[128];  // signed_ssl3_shamd5_hash (test_hashes)
extern const BYTE kRc4EncryptedMessage[12];   // abEncryptedMessage (test_import_private)
}  // namespace tinycapi::testing::wine_rsaenh
