// RSA known answers through the public API: the Windows-validated key blobs, signatures and
// SIMPLEBLOBs of Wine's rsaenh conformance test (wine-mirror/wine, dlls/rsaenh/tests/rsaenh.c,
// whose assertions that are neither todo_wine nor broken() record what Windows does; each
// vector names the Wine function and array it comes from), and RSA Laboratories' PKCS #1
// v2.1 example vectors (the companion vectors of RFC 3447/8017) where CryptoAPI can reproduce
// them. Reference: ../shared/reference/capi-behaviour.md §6, §7.
//
// Notation: SEQ(n) = the n bytes i & 0xFF; D2000 = MD2(SEQ(2000)), the base hash of Wine's
// derive_key().
//
// The Wine blobs are defined in tests/support/wine_rsaenh_keys.cpp (namespace wine_rsaenh), each
// with the Wine array and test it comes from.
#include <string.h>

#include <algorithm>
#include <string>
#include <vector>

#include "test_bytes.hpp"
#include "tinycapi_test.hpp"
#include "wine_rsaenh_keys.hpp"


namespace tinycapi::testing {
namespace {

using namespace wine_rsaenh;

constexpr DWORD kPermissions = CRYPT_ENCRYPT | CRYPT_DECRYPT | CRYPT_READ | CRYPT_WRITE | CRYPT_MAC;  // 0x3B, §3.19

// RSA Laboratories' PKCS #1 v2.1 test vectors (pkcs-1v2-1-vec; the examples RFC 8017's
// predecessor shipped with), pkcs1v15sign-vectors.txt "Example 1: A 1024-bit RSA key pair",
// big-endian as printed there (libtomcrypt carries them as notes/rsa-testvectors/
// pkcs1v15sign-vectors.c). The hash is SHA-1.
const BYTE kSignExampleN[] = {0xa5, 0x6e, 0x4a, 0x0e, 0x70, 0x10, 0x17, 0x58, 0x9a, 0x51, 0x87, 0xdc, 0x7e, 0xa8, 0x41, 0xd1, 0x56, 0xf2, 0xec, 0x0e, 0x36, 0xad, 0x52, 0xa4, 0x4d, 0xfe, 0xb1, 0xe6, 0x1f, 0x7a, 0xd9, 0x91, 0xd8, 0xc5, 0x10, 0x56, 0xff, 0xed, 0xb1, 0x62, 0xb4, 0xc0, 0xf2, 0x83, 0xa1, 0x2a, 0x88, 0xa3, 0x94, 0xdf, 0xf5, 0x26, 0xab, 0x72, 0x91, 0xcb, 0xb3, 0x07, 0xce, 0xab, 0xfc, 0xe0, 0xb1, 0xdf, 0xd5, 0xcd, 0x95, 0x08, 0x09, 0x6d, 0x5b, 0x2b, 0x8b, 0x6d, 0xf5, 0xd6, 0x71, 0xef, 0x63, 0x77, 0xc0, 0x92, 0x1c, 0xb2, 0x3c, 0x27, 0x0a, 0x70, 0xe2, 0x59, 0x8e, 0x6f, 0xf8, 0x9d, 0x19, 0xf1, 0x05, 0xac, 0xc2, 0xd3, 0xf0, 0xcb, 0x35, 0xf2, 0x92, 0x80, 0xe1, 0x38, 0x6b, 0x6f, 0x64, 0xc4, 0xef, 0x22, 0xe1, 0xe1, 0xf2, 0x0d, 0x0c, 0xe8, 0xcf, 0xfb, 0x22, 0x49, 0xbd, 0x9a, 0x21, 0x37};
const BYTE kSignExampleD[] = {0x33, 0xa5, 0x04, 0x2a, 0x90, 0xb2, 0x7d, 0x4f, 0x54, 0x51, 0xca, 0x9b, 0xbb, 0xd0, 0xb4, 0x47, 0x71, 0xa1, 0x01, 0xaf, 0x88, 0x43, 0x40, 0xae, 0xf9, 0x88, 0x5f, 0x2a, 0x4b, 0xbe, 0x92, 0xe8, 0x94, 0xa7, 0x24, 0xac, 0x3c, 0x56, 0x8c, 0x8f, 0x97, 0x85, 0x3a, 0xd0, 0x7c, 0x02, 0x66, 0xc8, 0xc6, 0xa3, 0xca, 0x09, 0x29, 0xf1, 0xe8, 0xf1, 0x12, 0x31, 0x88, 0x44, 0x29, 0xfc, 0x4d, 0x9a, 0xe5, 0x5f, 0xee, 0x89, 0x6a, 0x10, 0xce, 0x70, 0x7c, 0x3e, 0xd7, 0xe7, 0x34, 0xe4, 0x47, 0x27, 0xa3, 0x95, 0x74, 0x50, 0x1a, 0x53, 0x26, 0x83, 0x10, 0x9c, 0x2a, 0xba, 0xca, 0xba, 0x28, 0x3c, 0x31, 0xb4, 0xbd, 0x2f, 0x53, 0xc3, 0xee, 0x37, 0xe3, 0x52, 0xce, 0xe3, 0x4f, 0x9e, 0x50, 0x3b, 0xd8, 0x0c, 0x06, 0x22, 0xad, 0x79, 0xc6, 0xdc, 0xee, 0x88, 0x35, 0x47, 0xc6, 0xa3, 0xb3, 0x25};
const BYTE kSignExampleP[] = {0xe7, 0xe8, 0x94, 0x27, 0x20, 0xa8, 0x77, 0x51, 0x72, 0x73, 0xa3, 0x56, 0x05, 0x3e, 0xa2, 0xa1, 0xbc, 0x0c, 0x94, 0xaa, 0x72, 0xd5, 0x5c, 0x6e, 0x86, 0x29, 0x6b, 0x2d, 0xfc, 0x96, 0x79, 0x48, 0xc0, 0xa7, 0x2c, 0xbc, 0xcc, 0xa7, 0xea, 0xcb, 0x35, 0x70, 0x6e, 0x09, 0xa1, 0xdf, 0x55, 0xa1, 0x53, 0x5b, 0xd9, 0xb3, 0xcc, 0x34, 0x16, 0x0b, 0x3b, 0x6d, 0xcd, 0x3e, 0xda, 0x8e, 0x64, 0x43};
const BYTE kSignExampleQ[] = {0xb6, 0x9d, 0xca, 0x1c, 0xf7, 0xd4, 0xd7, 0xec, 0x81, 0xe7, 0x5b, 0x90, 0xfc, 0xca, 0x87, 0x4a, 0xbc, 0xde, 0x12, 0x3f, 0xd2, 0x70, 0x01, 0x80, 0xaa, 0x90, 0x47, 0x9b, 0x6e, 0x48, 0xde, 0x8d, 0x67, 0xed, 0x24, 0xf9, 0xf1, 0x9d, 0x85, 0xba, 0x27, 0x58, 0x74, 0xf5, 0x42, 0xcd, 0x20, 0xdc, 0x72, 0x3e, 0x69, 0x63, 0x36, 0x4a, 0x1f, 0x94, 0x25, 0x45, 0x2b, 0x26, 0x9a, 0x67, 0x99, 0xfd};
const BYTE kSignExampleDp[] = {0x28, 0xfa, 0x13, 0x93, 0x86, 0x55, 0xbe, 0x1f, 0x8a, 0x15, 0x9c, 0xba, 0xca, 0x5a, 0x72, 0xea, 0x19, 0x0c, 0x30, 0x08, 0x9e, 0x19, 0xcd, 0x27, 0x4a, 0x55, 0x6f, 0x36, 0xc4, 0xf6, 0xe1, 0x9f, 0x55, 0x4b, 0x34, 0xc0, 0x77, 0x79, 0x04, 0x27, 0xbb, 0xdd, 0x8d, 0xd3, 0xed, 0xe2, 0x44, 0x83, 0x28, 0xf3, 0x85, 0xd8, 0x1b, 0x30, 0xe8, 0xe4, 0x3b, 0x2f, 0xff, 0xa0, 0x27, 0x86, 0x19, 0x79};
const BYTE kSignExampleDq[] = {0x1a, 0x8b, 0x38, 0xf3, 0x98, 0xfa, 0x71, 0x20, 0x49, 0x89, 0x8d, 0x7f, 0xb7, 0x9e, 0xe0, 0xa7, 0x76, 0x68, 0x79, 0x12, 0x99, 0xcd, 0xfa, 0x09, 0xef, 0xc0, 0xe5, 0x07, 0xac, 0xb2, 0x1e, 0xd7, 0x43, 0x01, 0xef, 0x5b, 0xfd, 0x48, 0xbe, 0x45, 0x5e, 0xae, 0xb6, 0xe1, 0x67, 0x82, 0x55, 0x82, 0x75, 0x80, 0xa8, 0xe4, 0xe8, 0xe1, 0x41, 0x51, 0xd1, 0x51, 0x0a, 0x82, 0xa3, 0xf2, 0xe7, 0x29};
const BYTE kSignExampleQinv[] = {0x27, 0x15, 0x6a, 0xba, 0x41, 0x26, 0xd2, 0x4a, 0x81, 0xf3, 0xa5, 0x28, 0xcb, 0xfb, 0x27, 0xf5, 0x68, 0x86, 0xf8, 0x40, 0xa9, 0xf6, 0xe8, 0x6e, 0x17, 0xa4, 0x4b, 0x94, 0xfe, 0x93, 0x19, 0x58, 0x4b, 0x8e, 0x22, 0xfd, 0xde, 0x1e, 0x5a, 0x2e, 0x3b, 0xd8, 0xaa, 0x5b, 0xa8, 0xd8, 0x58, 0x41, 0x94, 0xeb, 0x21, 0x90, 0xac, 0xf8, 0x32, 0xb8, 0x47, 0xf1, 0x3a, 0x3d, 0x24, 0xa7, 0x9f, 0x4d};
// "PKCS#1 v1.5 Signature Example 1.4": message and signature.
const BYTE kSignExample14Message[] = {0xbc, 0x65, 0x67, 0x47, 0xfa, 0x9e, 0xaf, 0xb3, 0xf0};
const BYTE kSignExample14Signature[] = {0x45, 0x60, 0x7a, 0xd6, 0x11, 0xcf, 0x57, 0x47, 0xa4, 0x1a, 0xc9, 0x4d, 0x0f, 0xfe, 0xc8, 0x78, 0xbd, 0xaf, 0x63, 0xf6, 0xb5, 0x7a, 0x4b, 0x08, 0x8b, 0xf3, 0x6e, 0x34, 0xe1, 0x09, 0xf8, 0x40, 0xf2, 0x4b, 0x74, 0x2a, 0xda, 0x16, 0x10, 0x2d, 0xab, 0xf9, 0x51, 0xcb, 0xc4, 0x4f, 0x89, 0x82, 0xe9, 0x4e, 0xd4, 0xcd, 0x09, 0x44, 0x8d, 0x20, 0xec, 0x0e, 0xfa, 0x73, 0x54, 0x5f, 0x80, 0xb6, 0x54, 0x06, 0xbe, 0xd6, 0x19, 0x4a, 0x61, 0xc3, 0x40, 0xb4, 0xad, 0x15, 0x68, 0xcb, 0xb7, 0x58, 0x51, 0x04, 0x9f, 0x11, 0xaf, 0x17, 0x34, 0x96, 0x40, 0x76, 0xe0, 0x20, 0x29, 0xae, 0xe2, 0x00, 0xe4, 0x0e, 0x80, 0xbe, 0x0f, 0x43, 0x61, 0xf6, 0x98, 0x41, 0xc4, 0xf9, 0x2a, 0x44, 0x50, 0xa2, 0x28, 0x6d, 0x43, 0x28, 0x9b, 0x40, 0x55, 0x54, 0xc5, 0x4d, 0x25, 0xc6, 0xec, 0xb5, 0x84, 0xf4};

// The same vectors' oaep-vect.txt "Example 1: A 1024-bit RSA Key Pair" (libtomcrypt's
// notes/rsa-testvectors/oaep-vect.c): RSAES-OAEP with SHA-1, MGF1-SHA-1 and an empty label,
// which is CryptoAPI's CRYPT_OAEP (reference §7.3).
const BYTE kOaepExampleN[] = {0xa8, 0xb3, 0xb2, 0x84, 0xaf, 0x8e, 0xb5, 0x0b, 0x38, 0x70, 0x34, 0xa8, 0x60, 0xf1, 0x46, 0xc4, 0x91, 0x9f, 0x31, 0x87, 0x63, 0xcd, 0x6c, 0x55, 0x98, 0xc8, 0xae, 0x48, 0x11, 0xa1, 0xe0, 0xab, 0xc4, 0xc7, 0xe0, 0xb0, 0x82, 0xd6, 0x93, 0xa5, 0xe7, 0xfc, 0xed, 0x67, 0x5c, 0xf4, 0x66, 0x85, 0x12, 0x77, 0x2c, 0x0c, 0xbc, 0x64, 0xa7, 0x42, 0xc6, 0xc6, 0x30, 0xf5, 0x33, 0xc8, 0xcc, 0x72, 0xf6, 0x2a, 0xe8, 0x33, 0xc4, 0x0b, 0xf2, 0x58, 0x42, 0xe9, 0x84, 0xbb, 0x78, 0xbd, 0xbf, 0x97, 0xc0, 0x10, 0x7d, 0x55, 0xbd, 0xb6, 0x62, 0xf5, 0xc4, 0xe0, 0xfa, 0xb9, 0x84, 0x5c, 0xb5, 0x14, 0x8e, 0xf7, 0x39, 0x2d, 0xd3, 0xaa, 0xff, 0x93, 0xae, 0x1e, 0x6b, 0x66, 0x7b, 0xb3, 0xd4, 0x24, 0x76, 0x16, 0xd4, 0xf5, 0xba, 0x10, 0xd4, 0xcf, 0xd2, 0x26, 0xde, 0x88, 0xd3, 0x9f, 0x16, 0xfb};
const BYTE kOaepExampleD[] = {0x53, 0x33, 0x9c, 0xfd, 0xb7, 0x9f, 0xc8, 0x46, 0x6a, 0x65, 0x5c, 0x73, 0x16, 0xac, 0xa8, 0x5c, 0x55, 0xfd, 0x8f, 0x6d, 0xd8, 0x98, 0xfd, 0xaf, 0x11, 0x95, 0x17, 0xef, 0x4f, 0x52, 0xe8, 0xfd, 0x8e, 0x25, 0x8d, 0xf9, 0x3f, 0xee, 0x18, 0x0f, 0xa0, 0xe4, 0xab, 0x29, 0x69, 0x3c, 0xd8, 0x3b, 0x15, 0x2a, 0x55, 0x3d, 0x4a, 0xc4, 0xd1, 0x81, 0x2b, 0x8b, 0x9f, 0xa5, 0xaf, 0x0e, 0x7f, 0x55, 0xfe, 0x73, 0x04, 0xdf, 0x41, 0x57, 0x09, 0x26, 0xf3, 0x31, 0x1f, 0x15, 0xc4, 0xd6, 0x5a, 0x73, 0x2c, 0x48, 0x31, 0x16, 0xee, 0x3d, 0x3d, 0x2d, 0x0a, 0xf3, 0x54, 0x9a, 0xd9, 0xbf, 0x7c, 0xbf, 0xb7, 0x8a, 0xd8, 0x84, 0xf8, 0x4d, 0x5b, 0xeb, 0x04, 0x72, 0x4d, 0xc7, 0x36, 0x9b, 0x31, 0xde, 0xf3, 0x7d, 0x0c, 0xf5, 0x39, 0xe9, 0xcf, 0xcd, 0xd3, 0xde, 0x65, 0x37, 0x29, 0xea, 0xd5, 0xd1};
const BYTE kOaepExampleP[] = {0xd3, 0x27, 0x37, 0xe7, 0x26, 0x7f, 0xfe, 0x13, 0x41, 0xb2, 0xd5, 0xc0, 0xd1, 0x50, 0xa8, 0x1b, 0x58, 0x6f, 0xb3, 0x13, 0x2b, 0xed, 0x2f, 0x8d, 0x52, 0x62, 0x86, 0x4a, 0x9c, 0xb9, 0xf3, 0x0a, 0xf3, 0x8b, 0xe4, 0x48, 0x59, 0x8d, 0x41, 0x3a, 0x17, 0x2e, 0xfb, 0x80, 0x2c, 0x21, 0xac, 0xf1, 0xc1, 0x1c, 0x52, 0x0c, 0x2f, 0x26, 0xa4, 0x71, 0xdc, 0xad, 0x21, 0x2e, 0xac, 0x7c, 0xa3, 0x9d};
const BYTE kOaepExampleQ[] = {0xcc, 0x88, 0x53, 0xd1, 0xd5, 0x4d, 0xa6, 0x30, 0xfa, 0xc0, 0x04, 0xf4, 0x71, 0xf2, 0x81, 0xc7, 0xb8, 0x98, 0x2d, 0x82, 0x24, 0xa4, 0x90, 0xed, 0xbe, 0xb3, 0x3d, 0x3e, 0x3d, 0x5c, 0xc9, 0x3c, 0x47, 0x65, 0x70, 0x3d, 0x1d, 0xd7, 0x91, 0x64, 0x2f, 0x1f, 0x11, 0x6a, 0x0d, 0xd8, 0x52, 0xbe, 0x24, 0x19, 0xb2, 0xaf, 0x72, 0xbf, 0xe9, 0xa0, 0x30, 0xe8, 0x60, 0xb0, 0x28, 0x8b, 0x5d, 0x77};
const BYTE kOaepExampleDp[] = {0x0e, 0x12, 0xbf, 0x17, 0x18, 0xe9, 0xce, 0xf5, 0x59, 0x9b, 0xa1, 0xc3, 0x88, 0x2f, 0xe8, 0x04, 0x6a, 0x90, 0x87, 0x4e, 0xef, 0xce, 0x8f, 0x2c, 0xcc, 0x20, 0xe4, 0xf2, 0x74, 0x1f, 0xb0, 0xa3, 0x3a, 0x38, 0x48, 0xae, 0xc9, 0xc9, 0x30, 0x5f, 0xbe, 0xcb, 0xd2, 0xd7, 0x68, 0x19, 0x96, 0x7d, 0x46, 0x71, 0xac, 0xc6, 0x43, 0x1e, 0x40, 0x37, 0x96, 0x8d, 0xb3, 0x78, 0x78, 0xe6, 0x95, 0xc1};
const BYTE kOaepExampleDq[] = {0x95, 0x29, 0x7b, 0x0f, 0x95, 0xa2, 0xfa, 0x67, 0xd0, 0x07, 0x07, 0xd6, 0x09, 0xdf, 0xd4, 0xfc, 0x05, 0xc8, 0x9d, 0xaf, 0xc2, 0xef, 0x6d, 0x6e, 0xa5, 0x5b, 0xec, 0x77, 0x1e, 0xa3, 0x33, 0x73, 0x4d, 0x92, 0x51, 0xe7, 0x90, 0x82, 0xec, 0xda, 0x86, 0x6e, 0xfe, 0xf1, 0x3c, 0x45, 0x9e, 0x1a, 0x63, 0x13, 0x86, 0xb7, 0xe3, 0x54, 0xc8, 0x99, 0xf5, 0xf1, 0x12, 0xca, 0x85, 0xd7, 0x15, 0x83};
const BYTE kOaepExampleQinv[] = {0x4f, 0x45, 0x6c, 0x50, 0x24, 0x93, 0xbd, 0xc0, 0xed, 0x2a, 0xb7, 0x56, 0xa3, 0xa6, 0xed, 0x4d, 0x67, 0x35, 0x2a, 0x69, 0x7d, 0x42, 0x16, 0xe9, 0x32, 0x12, 0xb1, 0x27, 0xa6, 0x3d, 0x54, 0x11, 0xce, 0x6f, 0xa9, 0x8d, 0x5d, 0xbe, 0xfd, 0x73, 0x26, 0x3e, 0x37, 0x28, 0x14, 0x27, 0x43, 0x81, 0x81, 0x66, 0xed, 0x7d, 0xd6, 0x36, 0x87, 0xdd, 0x2a, 0x8c, 0xa1, 0xd2, 0xf4, 0xfb, 0xd8, 0xe1};
// "RSAES-OAEP Encryption Example 1.6": message and ciphertext.
const BYTE kOaepExample16Message[] = {0x26, 0x52, 0x10, 0x50, 0x84, 0x42, 0x71};
const BYTE kOaepExample16Ciphertext[] = {0x42, 0xce, 0xe2, 0x61, 0x7b, 0x1e, 0xce, 0xa4, 0xdb, 0x3f, 0x48, 0x29, 0x38, 0x6f, 0xbd, 0x61, 0xda, 0xfb, 0xf0, 0x38, 0xe1, 0x80, 0xd8, 0x37, 0xc9, 0x63, 0x66, 0xdf, 0x24, 0xc0, 0x97, 0xb4, 0xab, 0x0f, 0xac, 0x6b, 0xdf, 0x59, 0x0d, 0x82, 0x1c, 0x9f, 0x10, 0x64, 0x2e, 0x68, 0x1a, 0xd0, 0x5b, 0x8d, 0x78, 0xb3, 0x78, 0xc0, 0xf4, 0x6c, 0xe2, 0xfa, 0xd6, 0x3f, 0x74, 0xe0, 0xad, 0x3d, 0xf0, 0x6b, 0x07, 0x5d, 0x7e, 0xb5, 0xf5, 0x63, 0x6f, 0x8d, 0x40, 0x3b, 0x90, 0x59, 0xca, 0x76, 0x1b, 0x5c, 0x62, 0xbb, 0x52, 0xaa, 0x45, 0x00, 0x2e, 0xa7, 0x0b, 0xaa, 0xce, 0x08, 0xde, 0xd2, 0x43, 0xb9, 0xd8, 0xcb, 0xd6, 0x2a, 0x68, 0xad, 0xe2, 0x65, 0x83, 0x2b, 0x56, 0x56, 0x4e, 0x43, 0xa6, 0xfa, 0x42, 0xed, 0x19, 0x9a, 0x09, 0x97, 0x69, 0x74, 0x2d, 0xf1, 0x53, 0x9e, 0x82, 0x55};


Bytes Text(const char *text, size_t length) { return Bytes(text, text + length); }




// The DWORD arrays of Wine's tests as the bytes they hold on Windows (little-endian).
Bytes Dwords(std::initializer_list<DWORD> values) {
    Bytes out;
    for (DWORD value : values) out = Concat(out, Dword(value));
    return out;
}

// A big-endian number as a blob field: reversed, zero-padded at its high end (§6.2, §7.1).
Bytes Field(const Bytes &big_endian, size_t length) {
    Bytes out = Reversed(big_endian);
    out.resize(length, 0);
    return out;
}

Bytes RsaHeader(BYTE type, ALG_ID algorithm, DWORD magic, size_t k) {
    return Concat(Concat(Concat(Bytes{type, CUR_BLOB_VERSION, 0, 0}, Dword(algorithm)), Dword(magic)),
                  Concat(Dword(static_cast<DWORD>(k * 8)), Dword(65537)));
}

// A PRIVATEKEYBLOB and a PUBLICKEYBLOB (§6.2) of a key printed big-endian, e = 65537.
struct PrintedKey {
    Bytes n, p, q, dp, dq, qinv, d;

    Bytes PrivateBlob(ALG_ID algorithm) const {
        const size_t k = n.size(), half = (k + 1) / 2;
        Bytes blob = Concat(RsaHeader(PRIVATEKEYBLOB, algorithm, 0x32415352, k), Field(n, k));  // "RSA2"
        for (const Bytes *part : {&p, &q, &dp, &dq, &qinv}) blob = Concat(blob, Field(*part, half));
        return Concat(blob, Field(d, k));
    }

    Bytes PublicBlob(ALG_ID algorithm) const {
        return Concat(RsaHeader(PUBLICKEYBLOB, algorithm, 0x31415352, n.size()), Field(n, n.size()));  // "RSA1"
    }
};

const PrintedKey kSignExampleKey{B(kSignExampleN),  B(kSignExampleP),    B(kSignExampleQ), B(kSignExampleDp),
                                 B(kSignExampleDq), B(kSignExampleQinv), B(kSignExampleD)};
const PrintedKey kOaepExampleKey{B(kOaepExampleN),  B(kOaepExampleP),    B(kOaepExampleQ), B(kOaepExampleDp),
                                 B(kOaepExampleDq), B(kOaepExampleQinv), B(kOaepExampleD)};

// abData of test_verify_signature and test_rsa_encrypt: "Wine rocks!" with its NUL, 12 bytes.
const Bytes kWineRocks = Text("Wine rocks!", 12);

class RsaVectorsTest : public CapiTest {
protected:
    static HCRYPTPROV Acquire(const char *provider, DWORD type = PROV_RSA_FULL) {
        HCRYPTPROV prov = 0;
        EXPECT_TRUE(CryptAcquireContextA(&prov, nullptr, provider, type, CRYPT_VERIFYCONTEXT)) << GetLastError();
        return prov;
    }

    static HCRYPTKEY Import(HCRYPTPROV prov, const Bytes &blob, DWORD flags = 0, HCRYPTKEY wrapping = 0) {
        HCRYPTKEY key = 0;
        EXPECT_TRUE(CryptImportKey(prov, blob.data(), static_cast<DWORD>(blob.size()), wrapping, flags, &key))
            << GetLastError();
        return key;
    }

    static HCRYPTHASH HashOf(HCRYPTPROV prov, ALG_ID algorithm, const Bytes &data) {
        HCRYPTHASH hash = 0;
        EXPECT_TRUE(CryptCreateHash(prov, algorithm, 0, 0, &hash)) << GetLastError();
        EXPECT_TRUE(CryptHashData(hash, data.data(), static_cast<DWORD>(data.size()), 0)) << GetLastError();
        return hash;
    }

    static Bytes Digest(HCRYPTPROV prov, ALG_ID algorithm, const Bytes &data) {
        HCRYPTHASH hash = HashOf(prov, algorithm, data);
        BYTE value[64];
        DWORD length = sizeof value;
        EXPECT_TRUE(CryptGetHashParam(hash, HP_HASHVAL, value, &length, 0)) << GetLastError();
        EXPECT_TRUE(CryptDestroyHash(hash));
        return Bytes(value, value + length);
    }

    static Bytes Export(HCRYPTKEY key, DWORD type, HCRYPTKEY wrapping = 0, DWORD flags = 0) {
        DWORD length = 0;
        EXPECT_TRUE(CryptExportKey(key, wrapping, type, flags, nullptr, &length)) << GetLastError();
        Bytes blob(length);
        if (!CryptExportKey(key, wrapping, type, flags, blob.data(), &length)) {
            ADD_FAILURE() << "CryptExportKey: " << GetLastError();
            return {};
        }
        blob.resize(length);
        return blob;
    }

    static Bytes Sign(HCRYPTHASH hash, DWORD key_spec, DWORD flags = 0) {
        DWORD length = 0;
        EXPECT_TRUE(CryptSignHashA(hash, key_spec, nullptr, flags, nullptr, &length)) << GetLastError();
        Bytes signature(length);
        if (!CryptSignHashA(hash, key_spec, nullptr, flags, signature.data(), &length)) {
            ADD_FAILURE() << "CryptSignHash: " << GetLastError();
            return {};
        }
        signature.resize(length);
        return signature;
    }

    static bool Verify(HCRYPTHASH hash, const Bytes &signature, HCRYPTKEY key, DWORD flags = 0) {
        return CryptVerifySignatureA(hash, signature.data(), static_cast<DWORD>(signature.size()), key, nullptr,
                                     flags) != FALSE;
    }

    static DWORD KeyDword(HCRYPTKEY key, DWORD param) {
        DWORD value = 0xdeadbeef, length = sizeof value;
        EXPECT_TRUE(CryptGetKeyParam(key, param, reinterpret_cast<BYTE *>(&value), &length, 0)) << GetLastError();
        return value;
    }

    static Bytes KeyBytes(HCRYPTKEY key, DWORD param) {
        BYTE value[64];
        DWORD length = sizeof value;
        EXPECT_TRUE(CryptGetKeyParam(key, param, value, &length, 0)) << GetLastError();
        return Bytes(value, value + length);
    }

    // CryptEncrypt of all of `data` with Final: RSA gives k bytes, RC4 the same length.
    static Bytes Encrypt(HCRYPTKEY key, const Bytes &data, DWORD flags = 0) {
        Bytes buffer = data;
        buffer.resize(data.size() + 512);
        DWORD length = static_cast<DWORD>(data.size());
        EXPECT_TRUE(CryptEncrypt(key, 0, TRUE, flags, buffer.data(), &length, static_cast<DWORD>(buffer.size())))
            << GetLastError();
        buffer.resize(length);
        return buffer;
    }

    static Bytes Decrypt(HCRYPTKEY key, Bytes data, DWORD flags = 0, BOOL final = TRUE) {
        DWORD length = static_cast<DWORD>(data.size());
        EXPECT_TRUE(CryptDecrypt(key, 0, final, flags, data.data(), &length)) << GetLastError();
        data.resize(length);
        return data;
    }
};

// ---- Key blobs ------------------------------------------------------------------------------

TEST_F(RsaVectorsTest, PrivateKeyBlobWithHighBitsExportsByteIdentical) {
    // Wine test_import_export: priv_key_with_high_bit, imported with CRYPT_EXPORTABLE, exports
    // as expected_exported_priv_key: the same 596 bytes, d included (§6.2, Windows-validated).
    HCRYPTPROV prov = Acquire(MS_ENHANCED_PROV_A);
    HCRYPTKEY key = Import(prov, B(kPrivateKeyWithHighBit), CRYPT_EXPORTABLE);
    EXPECT_EQ(KeyDword(key, KP_ALGID), static_cast<DWORD>(CALG_RSA_SIGN));
    DWORD size = 0;
    EXPECT_TRUE(CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, nullptr, &size));
    EXPECT_EQ(size, 596u);
    const Bytes exported = Export(key, PRIVATEKEYBLOB);
    EXPECT_EQ(ToHex(exported), ToHex(B(kPrivateKeyWithHighBit)));
    // Where they differ, for the report: the header and n, the five CRT parts, or d.
    if (exported.size() == 596) {
        EXPECT_TRUE(std::equal(exported.begin(), exported.begin() + 20 + 128 + 5 * 64, kPrivateKeyWithHighBit))
            << "the blob differs before d";
    }
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaVectorsTest, PublicHalfOfEachWinePrivateBlobExportsAsItsPublicKeyBlob) {
    // The PUBLICKEYBLOB of a private key is the private blob's header with bType 6 and magic
    // "RSA1", then n (§6.2). PUBLIC_EXCH_blob is exactly that of PRIVATE_EXCH_blob (Wine
    // test_RC4_session_key wraps with the one and unwraps with the other on Windows).
    HCRYPTPROV prov = Acquire(MS_ENHANCED_PROV_A);
    const Bytes blobs[] = {B(kPlainPrivateKey), B(kPrivateKeyWithHighBit), B(kSignBlob), B(kPrivateExchangeBlob)};
    for (const Bytes &blob : blobs) {
        const size_t k = (blob[12] | blob[13] << 8) / 8u;
        Bytes expected(blob.begin(), blob.begin() + 20 + static_cast<ptrdiff_t>(k));
        expected[0] = PUBLICKEYBLOB;
        expected[11] = '1';
        HCRYPTKEY key = Import(prov, blob);
        EXPECT_EQ(ToHex(Export(key, PUBLICKEYBLOB)), ToHex(expected)) << "bits " << k * 8;
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    HCRYPTKEY exchange = Import(prov, B(kPrivateExchangeBlob));
    EXPECT_EQ(ToHex(Export(exchange, PUBLICKEYBLOB)), ToHex(B(kPublicExchangeBlob)));
    EXPECT_TRUE(CryptDestroyKey(exchange));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaVectorsTest, AllElevensModulusImportsAndExportsUnchanged) {
    // Wine test_import_export: abPlainPublicKey (84 bytes) imports although its modulus is no
    // RSA modulus, reports KP_ALGID CALG_RSA_KEYX and permissions 0x3B, and exports the same
    // 84 bytes (§6.3, Windows-validated).
    HCRYPTPROV prov = Acquire(MS_ENHANCED_PROV_A);
    HCRYPTKEY key = Import(prov, B(kAllElevensPublicKey));
    EXPECT_EQ(KeyDword(key, KP_ALGID), static_cast<DWORD>(CALG_RSA_KEYX));
    EXPECT_EQ(KeyDword(key, KP_PERMISSIONS), kPermissions);
    EXPECT_EQ(ToHex(Export(key, PUBLICKEYBLOB)), ToHex(B(kAllElevensPublicKey)));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaVectorsTest, SignaturePublicKeyExportsUnchanged) {
    // Wine test_verify_signature: abPubKey (148 bytes) imports and exports as the same bytes.
    HCRYPTPROV prov = Acquire(MS_ENHANCED_PROV_A);
    HCRYPTKEY key = Import(prov, B(kSignaturePublicKey));
    EXPECT_EQ(KeyDword(key, KP_ALGID), static_cast<DWORD>(CALG_RSA_SIGN));
    EXPECT_EQ(ToHex(Export(key, PUBLICKEYBLOB)), ToHex(B(kSignaturePublicKey)));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ---- Signatures -----------------------------------------------------------------------------

TEST_F(RsaVectorsTest, WineSignaturesVerifyWithAndWithoutHashOid) {
    // Wine test_verify_signature, on each RSA_FULL provider: over abData with one hash each,
    // the DigestInfo signature and the OID-less one both verify without flags, and the OID-less
    // one with CRYPT_NOHASHOID (§3.25 step 7, §7.2, Windows-validated).
    struct Case {
        ALG_ID algorithm;
        Bytes with_oid, without_oid;
    };
    const Case cases[] = {
        {CALG_MD2, B(kSignatureMd2), B(kSignatureMd2NoOid)},
        {CALG_MD4, B(kSignatureMd4), B(kSignatureMd4NoOid)},
        {CALG_MD5, B(kSignatureMd5), B(kSignatureMd5NoOid)},
        {CALG_SHA1, B(kSignatureSha1), B(kSignatureSha1NoOid)},
    };
    for (const char *provider : {MS_ENHANCED_PROV_A, MS_DEF_PROV_A, MS_STRONG_PROV_A}) {
        HCRYPTPROV prov = Acquire(provider);
        HCRYPTKEY key = Import(prov, B(kSignaturePublicKey));
        for (const Case &c : cases) {
            SCOPED_TRACE(::testing::Message() << provider << ", ALG_ID 0x" << std::hex << c.algorithm);
            // One hash for the three checks, as in Wine: a finished hash verifies again.
            HCRYPTHASH hash = HashOf(prov, c.algorithm, kWineRocks);
            EXPECT_TRUE(Verify(hash, c.with_oid, key)) << GetLastError();
            EXPECT_TRUE(Verify(hash, c.without_oid, key)) << GetLastError();
            EXPECT_TRUE(Verify(hash, c.without_oid, key, CRYPT_NOHASHOID)) << GetLastError();
            EXPECT_TRUE(CryptDestroyHash(hash));
        }
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(RsaVectorsTest, Ssl3ShaMd5SignatureIsByteExact) {
    // Wine test_hashes, on each RSA_FULL provider: HP_HASHVAL of a CALG_SSL3_SHAMD5 hash set to
    // MD5(SEQ(2048)) ‖ SHA-1(SEQ(2048)) (md5hash and sha1hash of the same test), signed with
    // abPlainPrivateKey as AT_KEYEXCHANGE: a size query of 128, then signed_ssl3_shamd5_hash
    // (§5.9, §7.2: no DigestInfo; Windows-validated).
    for (const char *provider : {MS_ENHANCED_PROV_A, MS_DEF_PROV_A, MS_STRONG_PROV_A}) {
        SCOPED_TRACE(provider);
        HCRYPTPROV prov = Acquire(provider);
        const Bytes md5 = Digest(prov, CALG_MD5, Seq(2048));
        const Bytes sha1 = Digest(prov, CALG_SHA1, Seq(2048));
        ASSERT_EQ(ToHex(md5), "1576a94d6cb334dd126cb1c27f19e0f2");
        ASSERT_EQ(ToHex(sha1), "f10ccfde60c17db26e7d85d35665c7661dbbeb2c");
        const Bytes value = Concat(md5, sha1);
        HCRYPTKEY key = Import(prov, B(kPlainPrivateKey));
        HCRYPTHASH hash = 0;
        ASSERT_TRUE(CryptCreateHash(prov, CALG_SSL3_SHAMD5, 0, 0, &hash));
        ASSERT_TRUE(CryptSetHashParam(hash, HP_HASHVAL, value.data(), 0)) << GetLastError();
        DWORD length = 0;
        EXPECT_TRUE(CryptSignHashA(hash, AT_KEYEXCHANGE, nullptr, 0, nullptr, &length));
        EXPECT_EQ(length, 128u);
        EXPECT_EQ(ToHex(Sign(hash, AT_KEYEXCHANGE)), ToHex(B(kSsl3ShaMd5Signature)));
        // And the pair's public key accepts it.
        EXPECT_TRUE(Verify(hash, B(kSsl3ShaMd5Signature), key)) << GetLastError();
        EXPECT_TRUE(CryptDestroyHash(hash));
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(RsaVectorsTest, Pkcs1V15SignatureExample14IsReproduced) {
    // RSASSA-PKCS1-v1_5 with SHA-1 is deterministic: CryptSignHash over the message of
    // "PKCS#1 v1.5 Signature Example 1.4" with that example's key gives its signature, stored
    // little-endian (§7.1, §7.2: the SHA-1 DigestInfo is PKCS #1's), and CryptVerifySignature
    // accepts it under the public key alone.
    HCRYPTPROV prov = Acquire(MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES);
    HCRYPTKEY pair = Import(prov, kSignExampleKey.PrivateBlob(CALG_RSA_SIGN));
    HCRYPTHASH hash = HashOf(prov, CALG_SHA1, B(kSignExample14Message));
    EXPECT_EQ(ToHex(Sign(hash, AT_SIGNATURE)), ToHex(Reversed(B(kSignExample14Signature))));
    EXPECT_TRUE(CryptDestroyHash(hash));
    HCRYPTKEY public_key = Import(prov, kSignExampleKey.PublicBlob(CALG_RSA_SIGN));
    hash = HashOf(prov, CALG_SHA1, B(kSignExample14Message));
    EXPECT_TRUE(Verify(hash, Reversed(B(kSignExample14Signature)), public_key)) << GetLastError();
    EXPECT_TRUE(CryptDestroyHash(hash));
    EXPECT_TRUE(CryptDestroyKey(public_key));
    EXPECT_TRUE(CryptDestroyKey(pair));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaVectorsTest, Wine512BitPairsSignAndVerify) {
    // signBlob (Wine test_null_provider) and PRIVATE_EXCH_blob (test_RC4_salt) are 512-bit
    // pairs: each signs as its own key spec, a 64-byte signature its public blob verifies.
    HCRYPTPROV prov = Acquire(MS_DEF_PROV_A);
    const struct {
        Bytes blob;
        DWORD key_spec;
    } pairs[] = {{B(kSignBlob), AT_SIGNATURE}, {B(kPrivateExchangeBlob), AT_KEYEXCHANGE}};
    for (const auto &pair : pairs) {
        HCRYPTKEY key = Import(prov, pair.blob);
        HCRYPTKEY public_key = Import(prov, Export(key, PUBLICKEYBLOB));
        HCRYPTHASH hash = HashOf(prov, CALG_SHA1, kWineRocks);
        const Bytes signature = Sign(hash, pair.key_spec);
        EXPECT_EQ(signature.size(), 64u);
        EXPECT_TRUE(Verify(hash, signature, public_key)) << GetLastError();
        EXPECT_TRUE(CryptDestroyHash(hash));
        EXPECT_TRUE(CryptDestroyKey(public_key));
        EXPECT_TRUE(CryptDestroyKey(key));
    }
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

// ---- Encryption and SIMPLEBLOBs -------------------------------------------------------------

TEST_F(RsaVectorsTest, OaepExample16Decrypts) {
    // "RSAES-OAEP Encryption Example 1.6": the ciphertext, stored little-endian, decrypts with
    // CRYPT_OAEP (SHA-1, MGF1-SHA-1, empty label: §7.3) to the example's 7-byte message.
    HCRYPTPROV prov = Acquire(MS_ENHANCED_PROV_A);
    HCRYPTKEY key = Import(prov, kOaepExampleKey.PrivateBlob(CALG_RSA_KEYX));
    EXPECT_EQ(ToHex(Decrypt(key, Reversed(B(kOaepExample16Ciphertext)), CRYPT_OAEP)), ToHex(B(kOaepExample16Message)));
    EXPECT_TRUE(CryptDestroyKey(key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaVectorsTest, PublicKeyEncryptionRoundTripsThroughThePrivateKey) {
    // RFC 8017 §7.1 and §7.2: what RSAES-OAEP or RSAES-PKCS1-v1_5 encrypts under (n, e) the
    // private key decrypts, for every message length up to the limit (k − 42 and k − 11, §7.3).
    HCRYPTPROV prov = Acquire(MS_ENHANCED_PROV_A);
    HCRYPTKEY public_key = Import(prov, kOaepExampleKey.PublicBlob(CALG_RSA_KEYX));
    HCRYPTKEY private_key = Import(prov, kOaepExampleKey.PrivateBlob(CALG_RSA_KEYX));
    for (DWORD flags : {DWORD{0}, DWORD{CRYPT_OAEP}}) {
        const size_t limit = 128 - (flags ? 42 : 11);
        for (size_t length : {size_t{0}, size_t{1}, size_t{7}, size_t{12}, limit}) {
            SCOPED_TRACE(::testing::Message() << "flags " << flags << ", length " << length);
            const Bytes message = Seq(length);
            const Bytes ciphertext = Encrypt(public_key, message, flags);
            EXPECT_EQ(ciphertext.size(), 128u);
            EXPECT_EQ(ToHex(Decrypt(private_key, ciphertext, flags)), ToHex(message));
        }
    }
    EXPECT_TRUE(CryptDestroyKey(private_key));
    EXPECT_TRUE(CryptDestroyKey(public_key));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaVectorsTest, WineRc4SimpleBlobUnwrapsToTheKeyOfWineRocks) {
    // Wine test_import_private (Enhanced provider): abSessionKey, passed with length 148 though
    // the blob is 140 bytes (trailing bytes are ignored, §6.3), imports under abPlainPrivateKey
    // with permissions 0x3B, and its key decrypts abEncryptedMessage to "Wine rocks!\0"
    // (Windows-validated).
    HCRYPTPROV prov = Acquire(MS_ENHANCED_PROV_A);
    HCRYPTKEY exchange = Import(prov, B(kPlainPrivateKey));
    HCRYPTKEY session = Import(prov, B(kRc4SimpleBlob), 0, exchange);
    EXPECT_EQ(KeyDword(session, KP_ALGID), static_cast<DWORD>(CALG_RC4));
    EXPECT_EQ(KeyDword(session, KP_PERMISSIONS), kPermissions);
    EXPECT_EQ(ToHex(Decrypt(session, B(kRc4EncryptedMessage))), ToHex(kWineRocks));
    EXPECT_TRUE(CryptDestroyKey(session));
    EXPECT_TRUE(CryptDestroyKey(exchange));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaVectorsTest, ExportedRc4SimpleBlobHasWindowsHeaderAndImportsAgain) {
    // Wine test_import_private, second half: an RC4-56 key derived from D2000 exports as a
    // SIMPLEBLOB under abPlainPrivateKey and imports again. The blob starts like abSessionKey,
    // 01 02 00 00 01 68 00 00 00 a4 00 00, and is 12 + 128 bytes (§6.2, Windows-validated);
    // the imported key encrypts SEQ(16) as the derived one does (§5.10: 170c448e...).
    HCRYPTPROV prov = Acquire(MS_ENHANCED_PROV_A);
    HCRYPTKEY exchange = Import(prov, B(kPlainPrivateKey));
    HCRYPTHASH base = HashOf(prov, CALG_MD2, Seq(2000));
    HCRYPTKEY derived = 0;
    ASSERT_TRUE(CryptDeriveKey(prov, CALG_RC4, base, (56 << 16) | CRYPT_EXPORTABLE, &derived)) << GetLastError();
    EXPECT_TRUE(CryptDestroyHash(base));
    const Bytes blob = Export(derived, SIMPLEBLOB, exchange);
    EXPECT_EQ(blob.size(), 140u);
    EXPECT_EQ(ToHex(Bytes(blob.begin(), blob.begin() + 12)), ToHex(Bytes(kRc4SimpleBlob, kRc4SimpleBlob + 12)));
    EXPECT_TRUE(CryptDestroyKey(derived));
    HCRYPTKEY imported = Import(prov, blob, 0, exchange);
    EXPECT_EQ(KeyDword(imported, KP_KEYLEN), 56u);
    EXPECT_EQ(ToHex(Encrypt(imported, Seq(16))), "170c448eae90cdb07f87f57aecb22e35");
    EXPECT_TRUE(CryptDestroyKey(imported));
    EXPECT_TRUE(CryptDestroyKey(exchange));
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
}

TEST_F(RsaVectorsTest, Rc4SessionKeyTravelsThroughWineExchangeBlobs) {
    // Wine test_RC4_session_key (Base provider): a generated RC4 key (40 bits, 11 zero salt
    // bytes) exported as a SIMPLEBLOB under PUBLIC_EXCH_blob encrypts "Hello World!"; in a new
    // context the blob imported under PRIVATE_EXCH_blob has the 11 zero salt bytes and decrypts
    // it (§5.3, Windows-validated).
    const Bytes hello = Text("Hello World!", 12);
    HCRYPTPROV client = Acquire(MS_DEF_PROV_A);
    HCRYPTKEY session = 0;
    ASSERT_TRUE(CryptGenKey(client, CALG_RC4, CRYPT_EXPORTABLE, &session)) << GetLastError();
    EXPECT_EQ(ToHex(KeyBytes(session, KP_SALT)), ToHex(Bytes(11, 0)));
    HCRYPTKEY server_public = Import(client, B(kPublicExchangeBlob));
    const Bytes blob = Export(session, SIMPLEBLOB, server_public);
    EXPECT_EQ(blob.size(), 12u + 64);
    const Bytes ciphertext = Encrypt(session, hello);
    EXPECT_TRUE(CryptDestroyKey(server_public));
    EXPECT_TRUE(CryptDestroyKey(session));
    EXPECT_TRUE(CryptReleaseContext(client, 0));

    HCRYPTPROV server = Acquire(MS_DEF_PROV_A);
    HCRYPTKEY server_pair = Import(server, B(kPrivateExchangeBlob));
    HCRYPTKEY received = Import(server, blob, 0, server_pair);
    EXPECT_EQ(ToHex(KeyBytes(received, KP_SALT)), ToHex(Bytes(11, 0)));
    EXPECT_EQ(ToHex(Decrypt(received, ciphertext)), ToHex(hello));
    EXPECT_TRUE(CryptDestroyKey(received));
    EXPECT_TRUE(CryptDestroyKey(server_pair));
    EXPECT_TRUE(CryptReleaseContext(server, 0));
}

TEST_F(RsaVectorsTest, SimpleBlobImportHasZeroSaltOfElevenBytesExactlyForFortyBitKeys) {
    // Wine test_RC4_salt: RC4 keys generated with these flags and lengths, given the salt
    // "0123456789A" (KP_SALT_EX), exported under PUBLIC_EXCH_blob and imported under
    // PRIVATE_EXCH_blob in a new context: the salt is never carried, and the imported key has
    // 11 zero salt bytes iff it is 40 bits long, else none (§5.3, Windows-validated).
    const struct {
        const char *provider;
        DWORD flags, bits;
    } cases[] = {
        {MS_DEF_PROV_A, 0, 0},           {MS_DEF_PROV_A, 0, 40},      {MS_DEF_PROV_A, CRYPT_NO_SALT, 40},
        {MS_DEF_PROV_A, 0, 56},          {MS_DEF_PROV_A, CRYPT_CREATE_SALT, 56},
        {MS_ENHANCED_PROV_A, 0, 0},      {MS_ENHANCED_PROV_A, 0, 40}, {MS_ENHANCED_PROV_A, CRYPT_NO_SALT, 40},
        {MS_ENHANCED_PROV_A, CRYPT_CREATE_SALT, 40}, {MS_ENHANCED_PROV_A, CRYPT_CREATE_SALT, 56},
        {MS_ENHANCED_PROV_A, CRYPT_CREATE_SALT, 128},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(::testing::Message() << c.provider << ", flags " << c.flags << ", bits " << c.bits);
        const bool base = strcmp(c.provider, MS_DEF_PROV_A) == 0;
        const DWORD bits = c.bits ? c.bits : (base ? 40 : 128);  // §4.2 defaults
        HCRYPTPROV prov = Acquire(c.provider);
        HCRYPTKEY key = 0;
        ASSERT_TRUE(CryptGenKey(prov, CALG_RC4, (c.bits << 16) | c.flags | CRYPT_EXPORTABLE, &key)) << GetLastError();
        EXPECT_EQ(KeyDword(key, KP_KEYLEN), bits);
        BYTE salt[] = "0123456789A";
        CRYPT_DATA_BLOB salt_blob{11, salt};
        EXPECT_TRUE(CryptSetKeyParam(key, KP_SALT_EX, reinterpret_cast<BYTE *>(&salt_blob), 0)) << GetLastError();
        HCRYPTKEY exchange_public = Import(prov, B(kPublicExchangeBlob));
        const Bytes blob = Export(key, SIMPLEBLOB, exchange_public);
        EXPECT_TRUE(CryptDestroyKey(exchange_public));
        EXPECT_TRUE(CryptDestroyKey(key));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));

        prov = Acquire(c.provider);
        HCRYPTKEY exchange = Import(prov, B(kPrivateExchangeBlob));
        HCRYPTKEY imported = Import(prov, blob, 0, exchange);
        EXPECT_EQ(ToHex(KeyBytes(imported, KP_SALT)), ToHex(Bytes(bits == 40 ? 11 : 0, 0)));
        EXPECT_TRUE(CryptDestroyKey(imported));
        EXPECT_TRUE(CryptDestroyKey(exchange));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

TEST_F(RsaVectorsTest, OverlongRc2SimpleBlobKeysDecryptAndMacAsOnWindows) {
    // Wine test_rc2_import, on every personality: an RC2 key of n bytes 0xCC (n = 17, 32, 64,
    // and 64 again for the 1024-bit request, which Wine caps at 64), wrapped under the
    // exchange key by CryptEncrypt and imported as a SIMPLEBLOB. KP_KEYLEN is n·8;
    // KP_EFFECTIVE_KEYLEN is n·8 too, or 40 on Base. CryptDecrypt (Final FALSE) of 8 bytes 0xCC
    // gives decrypt_results / decrypt_baseprov_results; CALG_MAC over one zero byte gives
    // mac_results / mac_baseprov_results; HMAC-MD5 with inner and outer strings of
    // (requested bits) zero bytes over one zero byte gives hmac_results (all Windows-validated;
    // the MAC values are those of Windows 8 and later).
    struct Row {
        DWORD requested_bits;
        Bytes decrypted, decrypted_base, mac, mac_base, hmac;
    };
    const Row rows[] = {
        {136, Dwords({0xb37e1be2, 0x1ed67048}), Dwords({0x48c4ff05, 0x9d880b90}), Dwords({0xc13650cf, 0xa3e93efb}),
         Dwords({0x7e94a244, 0x12a9ae17}), Dwords({0x2f44586d, 0x76d04c9f, 0xdae8fc03, 0x27e870bd})},
        {256, Dwords({0x7c7d0b04, 0x3a74bb76}), Dwords({0xcfee0629, 0xfeab04a1}), Dwords({0x6f7be248, 0x444b38b2}),
         Dwords({0x2aaa6719, 0xa671d9a6}), Dwords({0xbcde3186, 0xd9892cd5, 0x578c89f5, 0xc2cba8e5})},
        {512, Dwords({0x7bfd232c, 0x93d52c4f}), Dwords({0x23c9336c, 0x7f67b26e}), Dwords({0x2c3534d2, 0x29fca10c}),
         Dwords({0x2e730ce2, 0x9ebe6016}), Dwords({0xad2bf1cc, 0xae4e2c1f, 0xd1599a67, 0x0167d802})},
        {1024, Dwords({0x7bfd232c, 0x93d52c4f}), Dwords({0x23c9336c, 0x7f67b26e}), Dwords({0x2c3534d2, 0x29fca10c}),
         Dwords({0x2e730ce2, 0x9ebe6016}), Dwords({0x6ee75968, 0x52a0eff5, 0x75340d85, 0x87b64962})},
    };
    const struct {
        const char *name;
        DWORD type;
    } personalities[] = {{MS_ENHANCED_PROV_A, PROV_RSA_FULL},
                         {MS_DEF_PROV_A, PROV_RSA_FULL},
                         {MS_STRONG_PROV_A, PROV_RSA_FULL},
                         {MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES}};
    for (const auto &personality : personalities) {
        const bool base = strcmp(personality.name, MS_DEF_PROV_A) == 0;
        HCRYPTPROV prov = Acquire(personality.name, personality.type);
        HCRYPTKEY exchange = Import(prov, B(kPlainPrivateKey));
        for (const Row &row : rows) {
            SCOPED_TRACE(::testing::Message() << personality.name << ", " << row.requested_bits << " bits");
            const size_t bytes = std::min<size_t>(row.requested_bits / 8, 64);
            const Bytes blob = Concat(Concat(Bytes{SIMPLEBLOB, CUR_BLOB_VERSION, 0, 0}, Dword(CALG_RC2)),
                                      Concat(Dword(CALG_RSA_KEYX), Encrypt(exchange, Bytes(bytes, 0xcc))));
            HCRYPTKEY key = Import(prov, blob, 0, exchange);
            if (key == 0) continue;
            EXPECT_EQ(KeyDword(key, KP_KEYLEN), bytes * 8);
            EXPECT_EQ(KeyDword(key, KP_EFFECTIVE_KEYLEN), base ? 40u : bytes * 8);
            Bytes data(8, 0xcc);
            DWORD length = 8;
            SetLastError(0);
            EXPECT_FALSE(CryptEncrypt(key, 0, TRUE, 0, data.data(), &length, 64));
            EXPECT_EQ(GetLastError(), static_cast<DWORD>(NTE_BAD_KEY));
            EXPECT_EQ(ToHex(Decrypt(key, data, 0, FALSE)), ToHex(base ? row.decrypted_base : row.decrypted));

            HCRYPTHASH mac = 0;
            ASSERT_TRUE(CryptCreateHash(prov, CALG_MAC, key, 0, &mac)) << GetLastError();
            const BYTE zero = 0;
            EXPECT_TRUE(CryptHashData(mac, &zero, 1, 0));
            BYTE value[16];
            length = sizeof value;
            EXPECT_TRUE(CryptGetHashParam(mac, HP_HASHVAL, value, &length, 0));
            EXPECT_EQ(ToHex(Bytes(value, value + length)), ToHex(base ? row.mac_base : row.mac));
            EXPECT_TRUE(CryptDestroyHash(mac));

            HCRYPTHASH hmac = 0;
            ASSERT_TRUE(CryptCreateHash(prov, CALG_HMAC, key, 0, &hmac)) << GetLastError();
            Bytes strings(row.requested_bits, 0);
            HMAC_INFO info{CALG_MD5, strings.data(), row.requested_bits, strings.data(), row.requested_bits};
            EXPECT_TRUE(CryptSetHashParam(hmac, HP_HMAC_INFO, reinterpret_cast<BYTE *>(&info), 0)) << GetLastError();
            EXPECT_TRUE(CryptHashData(hmac, &zero, 1, 0));
            length = sizeof value;
            EXPECT_TRUE(CryptGetHashParam(hmac, HP_HASHVAL, value, &length, 0));
            EXPECT_EQ(ToHex(Bytes(value, value + length)), ToHex(row.hmac));
            EXPECT_TRUE(CryptDestroyHash(hmac));
            EXPECT_TRUE(CryptDestroyKey(key));
        }
        EXPECT_TRUE(CryptDestroyKey(exchange));
        EXPECT_TRUE(CryptReleaseContext(prov, 0));
    }
}

}  // namespace
}  // namespace tinycapi::testing
