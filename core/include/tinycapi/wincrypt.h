/*
 * <tinycapi/wincrypt.h> — the Windows CryptoAPI surface that tinycapi provides.
 *
 * One header for the whole planned API: every type, constant, structure and function of
 * the legacy CryptoAPI that tinycapi implements or reserves, with the values and binary
 * layouts Windows uses, so that code written against Microsoft's <wincrypt.h> compiles
 * unchanged. Values follow the behaviour reference (capi-behaviour.md §8 for constants,
 * §4.3 and §6 for layouts). A function whose implementation has not landed yet fails with
 * FALSE / ERROR_CALL_NOT_IMPLEMENTED (docs/COMPATIBILITY.md lists them).
 *
 * Plain C: compiles as C99 and as C++ (the functions have C linkage). It defines the
 * handful of Win32 base types the API needs; <windows.h> from tinycapi's compat folder
 * adds the rest and may be included before or after this header.
 *
 * Platforms whose own headers already define the Win32 base types (BYTE, WORD, DWORD,
 * BOOL, CHAR, WCHAR, ULONG_PTR and their pointer forms) with Windows' widths define
 * TINYCAPI_EXTERNAL_WINDOWS_TYPES before including this header.
 */
#ifndef TINYCAPI_WINCRYPT_H
#define TINYCAPI_WINCRYPT_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

/* 1 where `unsigned long` is 32 bits: there DWORD is `unsigned long` and HRESULT (and the
 * compat <windows.h>'s LONG and ULONG) `long`, as on Windows. */
#if ULONG_MAX == 0xffffffffUL
#define TINYCAPI_DWORD_IS_UNSIGNED_LONG 1
/* A DWORD constant: exactly DWORD's type, usable in #if. */
#define TINYCAPI_DWORD_C(value) value##UL
#else
#define TINYCAPI_DWORD_IS_UNSIGNED_LONG 0
#define TINYCAPI_DWORD_C(value) UINT32_C(value)
#endif

/* ===== Win32 base types ================================================================ */

/* Windows' widths, not the host's: DWORD is 32 bits even where `long` is 64 (LP64 hosts),
 * BOOL is int, handles are pointer-sized integers. Guarded so that <windows.h> from the
 * compat folder, which needs the same names, never defines them twice (C99 forbids a
 * repeated typedef). */
#if !defined(TINYCAPI_WINDOWS_BASE_TYPES_DEFINED) && !defined(TINYCAPI_EXTERNAL_WINDOWS_TYPES)
#define TINYCAPI_WINDOWS_BASE_TYPES_DEFINED 1

typedef uint8_t BYTE;
typedef uint16_t WORD;
/* DWORD is `unsigned long`, as on Windows, wherever that is 32 bits (ILP32 hosts, 32-bit
 * Arm), so Windows code that passes an `unsigned long *` for a `DWORD *` compiles without a
 * warning; on LP64 hosts, where long is 64 bits, it is the 32-bit unsigned int instead. */
#if TINYCAPI_DWORD_IS_UNSIGNED_LONG
typedef unsigned long DWORD;
#else
typedef uint32_t DWORD;
#endif
typedef int BOOL;
typedef char CHAR;
/* WCHAR is the compiler's wchar_t so that unchanged code with L"..." literals compiles.
 * Note: wchar_t is 32 bits on Linux and newlib targets (Windows: 16-bit UTF-16); the
 * W functions take the string as the platform's wide characters. */
typedef wchar_t WCHAR;
typedef uintptr_t ULONG_PTR;

typedef BYTE *PBYTE, *LPBYTE;
typedef DWORD *PDWORD, *LPDWORD;
typedef BOOL *PBOOL, *LPBOOL;
typedef CHAR *PCHAR, *PSTR, *LPSTR;
typedef const CHAR *PCSTR, *LPCSTR;
typedef WCHAR *PWCHAR, *PWSTR, *LPWSTR;
typedef const WCHAR *PCWSTR, *LPCWSTR;
typedef ULONG_PTR *PULONG_PTR;

#endif /* TINYCAPI_WINDOWS_BASE_TYPES_DEFINED */

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

/* The calling convention of the Win32 API. Only 32-bit x86 Windows has a distinct one
 * (__stdcall); tinycapi never builds for it, so the word expands to nothing. */
#ifndef WINAPI
#define WINAPI
#endif

/* ===== CryptoAPI types ================================================================= */

typedef uint32_t ALG_ID;

/* Handles are integers the size of a pointer, as on Windows. tinycapi packs its own
 * 32-bit `tag | generation | slot` value into them; they are never addresses. */
typedef ULONG_PTR HCRYPTPROV;
typedef ULONG_PTR HCRYPTKEY;
typedef ULONG_PTR HCRYPTHASH;
typedef ULONG_PTR HCRYPTPROV_LEGACY;

/* HRESULT and GUID, which the SDK's wincrypt.h also uses (the same guards as Windows'
 * headers, so either may come first). */
#ifndef _HRESULT_DEFINED
#define _HRESULT_DEFINED
#if TINYCAPI_DWORD_IS_UNSIGNED_LONG
typedef long HRESULT;
#else
typedef int32_t HRESULT;
#endif
#endif
#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
    DWORD Data1;
    WORD Data2;
    WORD Data3;
    BYTE Data4[8];
} GUID;
#endif

/* ===== ALG_ID building blocks (§8) ===================================================== */

/* An ALG_ID is class (bits 13-15) | type (bits 9-12) | sub-id (bits 0-8). */
#define GET_ALG_CLASS(x) ((x) & (7 << 13))
#define GET_ALG_TYPE(x) ((x) & (15 << 9))
#define GET_ALG_SID(x) ((x) & (511))

#define ALG_CLASS_ANY (0)
#define ALG_CLASS_SIGNATURE (1 << 13)
#define ALG_CLASS_MSG_ENCRYPT (2 << 13)
#define ALG_CLASS_DATA_ENCRYPT (3 << 13)
#define ALG_CLASS_HASH (4 << 13)
#define ALG_CLASS_KEY_EXCHANGE (5 << 13)
#define ALG_CLASS_ALL (7 << 13)

#define ALG_TYPE_ANY (0)
#define ALG_TYPE_DSS (1 << 9)
#define ALG_TYPE_RSA (2 << 9)
#define ALG_TYPE_BLOCK (3 << 9)
#define ALG_TYPE_STREAM (4 << 9)
#define ALG_TYPE_DH (5 << 9)
#define ALG_TYPE_SECURECHANNEL (6 << 9)

#define ALG_SID_ANY (0)

/* Sub-ids of ALG_TYPE_RSA and ALG_TYPE_DSS. */
#define ALG_SID_RSA_ANY 0
#define ALG_SID_RSA_PKCS 1
#define ALG_SID_RSA_MSATWORK 2
#define ALG_SID_RSA_ENTRUST 3
#define ALG_SID_RSA_PGP 4
#define ALG_SID_DSS_ANY 0
#define ALG_SID_DSS_PKCS 1
#define ALG_SID_DSS_DMS 2

/* Sub-ids of ALG_TYPE_BLOCK. */
#define ALG_SID_DES 1
#define ALG_SID_RC2 2
#define ALG_SID_3DES 3
#define ALG_SID_DESX 4
#define ALG_SID_3DES_112 9
#define ALG_SID_SKIPJACK 10
#define ALG_SID_TEK 11
#define ALG_SID_CYLINK_MEK 12
#define ALG_SID_RC5 13
#define ALG_SID_AES_128 14
#define ALG_SID_AES_192 15
#define ALG_SID_AES_256 16
#define ALG_SID_AES 17

/* Sub-ids of ALG_TYPE_STREAM. */
#define ALG_SID_RC4 1
#define ALG_SID_SEAL 2

/* Sub-ids of ALG_TYPE_DH. */
#define ALG_SID_DH_SANDF 1
#define ALG_SID_DH_EPHEM 2
#define ALG_SID_AGREED_KEY_ANY 3
#define ALG_SID_KEA 4

/* Sub-ids of ALG_CLASS_HASH. */
#define ALG_SID_MD2 1
#define ALG_SID_MD4 2
#define ALG_SID_MD5 3
#define ALG_SID_SHA 4
#define ALG_SID_SHA1 4
#define ALG_SID_MAC 5
#define ALG_SID_SSL3SHAMD5 8
#define ALG_SID_HMAC 9
#define ALG_SID_TLS1PRF 10
#define ALG_SID_HASH_REPLACE_OWF 11
#define ALG_SID_SHA_256 12
#define ALG_SID_SHA_384 13
#define ALG_SID_SHA_512 14

/* Sub-ids of ALG_TYPE_SECURECHANNEL. */
#define ALG_SID_SSL3_MASTER 1
#define ALG_SID_SCHANNEL_MASTER_HASH 2
#define ALG_SID_SCHANNEL_MAC_KEY 3
#define ALG_SID_PCT1_MASTER 4
#define ALG_SID_SSL2_MASTER 5
#define ALG_SID_TLS1_MASTER 6
#define ALG_SID_SCHANNEL_ENC_KEY 7

/* ===== Algorithm identifiers (§8) ====================================================== */

/* Key specs double as ALG_IDs in CryptGenKey. */
#define AT_KEYEXCHANGE 1
#define AT_SIGNATURE 2

/* Hashes and MACs. */
#define CALG_MD2 (ALG_CLASS_HASH | ALG_TYPE_ANY | ALG_SID_MD2)
#define CALG_MD4 (ALG_CLASS_HASH | ALG_TYPE_ANY | ALG_SID_MD4)
#define CALG_MD5 (ALG_CLASS_HASH | ALG_TYPE_ANY | ALG_SID_MD5)
#define CALG_SHA (ALG_CLASS_HASH | ALG_TYPE_ANY | ALG_SID_SHA)
#define CALG_SHA1 (ALG_CLASS_HASH | ALG_TYPE_ANY | ALG_SID_SHA1)
#define CALG_MAC (ALG_CLASS_HASH | ALG_TYPE_ANY | ALG_SID_MAC)
#define CALG_SSL3_SHAMD5 (ALG_CLASS_HASH | ALG_TYPE_ANY | ALG_SID_SSL3SHAMD5)
#define CALG_HMAC (ALG_CLASS_HASH | ALG_TYPE_ANY | ALG_SID_HMAC)
#define CALG_TLS1PRF (ALG_CLASS_HASH | ALG_TYPE_ANY | ALG_SID_TLS1PRF)
#define CALG_HASH_REPLACE_OWF (ALG_CLASS_HASH | ALG_TYPE_ANY | ALG_SID_HASH_REPLACE_OWF)
#define CALG_SHA_256 (ALG_CLASS_HASH | ALG_TYPE_ANY | ALG_SID_SHA_256)
#define CALG_SHA_384 (ALG_CLASS_HASH | ALG_TYPE_ANY | ALG_SID_SHA_384)
#define CALG_SHA_512 (ALG_CLASS_HASH | ALG_TYPE_ANY | ALG_SID_SHA_512)

/* Signatures and key exchange. */
#define CALG_RSA_SIGN (ALG_CLASS_SIGNATURE | ALG_TYPE_RSA | ALG_SID_RSA_ANY)
#define CALG_RSA_KEYX (ALG_CLASS_KEY_EXCHANGE | ALG_TYPE_RSA | ALG_SID_RSA_ANY)
#define CALG_DSS_SIGN (ALG_CLASS_SIGNATURE | ALG_TYPE_DSS | ALG_SID_DSS_ANY)
#define CALG_NO_SIGN (ALG_CLASS_SIGNATURE | ALG_TYPE_ANY | ALG_SID_ANY)
#define CALG_DH_SF (ALG_CLASS_KEY_EXCHANGE | ALG_TYPE_DH | ALG_SID_DH_SANDF)
#define CALG_DH_EPHEM (ALG_CLASS_KEY_EXCHANGE | ALG_TYPE_DH | ALG_SID_DH_EPHEM)
#define CALG_AGREEDKEY_ANY (ALG_CLASS_KEY_EXCHANGE | ALG_TYPE_DH | ALG_SID_AGREED_KEY_ANY)
#define CALG_KEA_KEYX (ALG_CLASS_KEY_EXCHANGE | ALG_TYPE_DH | ALG_SID_KEA)
#define CALG_HUGHES_MD5 (ALG_CLASS_KEY_EXCHANGE | ALG_TYPE_ANY | ALG_SID_MD5)

/* Block ciphers. */
#define CALG_DES (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_BLOCK | ALG_SID_DES)
#define CALG_RC2 (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_BLOCK | ALG_SID_RC2)
#define CALG_3DES (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_BLOCK | ALG_SID_3DES)
#define CALG_DESX (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_BLOCK | ALG_SID_DESX)
#define CALG_3DES_112 (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_BLOCK | ALG_SID_3DES_112)
#define CALG_SKIPJACK (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_BLOCK | ALG_SID_SKIPJACK)
#define CALG_TEK (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_BLOCK | ALG_SID_TEK)
#define CALG_CYLINK_MEK (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_BLOCK | ALG_SID_CYLINK_MEK)
#define CALG_RC5 (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_BLOCK | ALG_SID_RC5)
#define CALG_AES_128 (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_BLOCK | ALG_SID_AES_128)
#define CALG_AES_192 (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_BLOCK | ALG_SID_AES_192)
#define CALG_AES_256 (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_BLOCK | ALG_SID_AES_256)
#define CALG_AES (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_BLOCK | ALG_SID_AES)

/* Stream ciphers. */
#define CALG_RC4 (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_STREAM | ALG_SID_RC4)
#define CALG_SEAL (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_STREAM | ALG_SID_SEAL)

/* Secure-channel key types (tinycapi does not implement SChannel; the ids exist so that
 * code naming them compiles, and fail with NTE_BAD_ALGID). */
#define CALG_SSL3_MASTER (ALG_CLASS_MSG_ENCRYPT | ALG_TYPE_SECURECHANNEL | ALG_SID_SSL3_MASTER)
#define CALG_SCHANNEL_MASTER_HASH \
    (ALG_CLASS_MSG_ENCRYPT | ALG_TYPE_SECURECHANNEL | ALG_SID_SCHANNEL_MASTER_HASH)
#define CALG_SCHANNEL_MAC_KEY \
    (ALG_CLASS_MSG_ENCRYPT | ALG_TYPE_SECURECHANNEL | ALG_SID_SCHANNEL_MAC_KEY)
#define CALG_PCT1_MASTER (ALG_CLASS_MSG_ENCRYPT | ALG_TYPE_SECURECHANNEL | ALG_SID_PCT1_MASTER)
#define CALG_SSL2_MASTER (ALG_CLASS_MSG_ENCRYPT | ALG_TYPE_SECURECHANNEL | ALG_SID_SSL2_MASTER)
#define CALG_TLS1_MASTER (ALG_CLASS_MSG_ENCRYPT | ALG_TYPE_SECURECHANNEL | ALG_SID_TLS1_MASTER)
#define CALG_SCHANNEL_ENC_KEY \
    (ALG_CLASS_MSG_ENCRYPT | ALG_TYPE_SECURECHANNEL | ALG_SID_SCHANNEL_ENC_KEY)

/* ===== Providers (§4.1, §8) ============================================================ */

#define PROV_RSA_FULL 1
#define PROV_RSA_SIG 2
#define PROV_DSS 3
#define PROV_FORTEZZA 4
#define PROV_MS_EXCHANGE 5
#define PROV_SSL 6
#define PROV_RSA_SCHANNEL 12
#define PROV_DSS_DH 13
#define PROV_DH_SCHANNEL 18
#define PROV_RSA_AES 24

/* Provider names in the ANSI (_A) and wide (_W) forms, and the generic form that follows
 * UNICODE like every Windows string macro. tinycapi implements the first five (§4.1); the
 * others are Windows names that resolve to a provider type tinycapi lacks. */
#define MS_DEF_PROV_A "Microsoft Base Cryptographic Provider v1.0"
#define MS_DEF_PROV_W L"Microsoft Base Cryptographic Provider v1.0"
#define MS_STRONG_PROV_A "Microsoft Strong Cryptographic Provider"
#define MS_STRONG_PROV_W L"Microsoft Strong Cryptographic Provider"
#define MS_ENHANCED_PROV_A "Microsoft Enhanced Cryptographic Provider v1.0"
#define MS_ENHANCED_PROV_W L"Microsoft Enhanced Cryptographic Provider v1.0"
#define MS_ENH_RSA_AES_PROV_A "Microsoft Enhanced RSA and AES Cryptographic Provider"
#define MS_ENH_RSA_AES_PROV_W L"Microsoft Enhanced RSA and AES Cryptographic Provider"
/* The name the AES provider had on Windows XP. */
#define MS_ENH_RSA_AES_PROV_XP_A "Microsoft Enhanced RSA and AES Cryptographic Provider (Prototype)"
#define MS_ENH_RSA_AES_PROV_XP_W L"Microsoft Enhanced RSA and AES Cryptographic Provider (Prototype)"
#define MS_DEF_RSA_SIG_PROV_A "Microsoft RSA Signature Cryptographic Provider"
#define MS_DEF_RSA_SIG_PROV_W L"Microsoft RSA Signature Cryptographic Provider"
#define MS_DEF_RSA_SCHANNEL_PROV_A "Microsoft RSA SChannel Cryptographic Provider"
#define MS_DEF_RSA_SCHANNEL_PROV_W L"Microsoft RSA SChannel Cryptographic Provider"
#define MS_DEF_DSS_PROV_A "Microsoft Base DSS Cryptographic Provider"
#define MS_DEF_DSS_PROV_W L"Microsoft Base DSS Cryptographic Provider"
#define MS_DEF_DSS_DH_PROV_A "Microsoft Base DSS and Diffie-Hellman Cryptographic Provider"
#define MS_DEF_DSS_DH_PROV_W L"Microsoft Base DSS and Diffie-Hellman Cryptographic Provider"
#define MS_ENH_DSS_DH_PROV_A "Microsoft Enhanced DSS and Diffie-Hellman Cryptographic Provider"
#define MS_ENH_DSS_DH_PROV_W L"Microsoft Enhanced DSS and Diffie-Hellman Cryptographic Provider"
#define MS_DEF_DH_SCHANNEL_PROV_A "Microsoft DH SChannel Cryptographic Provider"
#define MS_DEF_DH_SCHANNEL_PROV_W L"Microsoft DH SChannel Cryptographic Provider"

#ifdef UNICODE
#define MS_DEF_PROV MS_DEF_PROV_W
#define MS_STRONG_PROV MS_STRONG_PROV_W
#define MS_ENHANCED_PROV MS_ENHANCED_PROV_W
#define MS_ENH_RSA_AES_PROV MS_ENH_RSA_AES_PROV_W
#define MS_ENH_RSA_AES_PROV_XP MS_ENH_RSA_AES_PROV_XP_W
#define MS_DEF_RSA_SIG_PROV MS_DEF_RSA_SIG_PROV_W
#define MS_DEF_RSA_SCHANNEL_PROV MS_DEF_RSA_SCHANNEL_PROV_W
#define MS_DEF_DSS_PROV MS_DEF_DSS_PROV_W
#define MS_DEF_DSS_DH_PROV MS_DEF_DSS_DH_PROV_W
#define MS_ENH_DSS_DH_PROV MS_ENH_DSS_DH_PROV_W
#define MS_DEF_DH_SCHANNEL_PROV MS_DEF_DH_SCHANNEL_PROV_W
#else
#define MS_DEF_PROV MS_DEF_PROV_A
#define MS_STRONG_PROV MS_STRONG_PROV_A
#define MS_ENHANCED_PROV MS_ENHANCED_PROV_A
#define MS_ENH_RSA_AES_PROV MS_ENH_RSA_AES_PROV_A
#define MS_ENH_RSA_AES_PROV_XP MS_ENH_RSA_AES_PROV_XP_A
#define MS_DEF_RSA_SIG_PROV MS_DEF_RSA_SIG_PROV_A
#define MS_DEF_RSA_SCHANNEL_PROV MS_DEF_RSA_SCHANNEL_PROV_A
#define MS_DEF_DSS_PROV MS_DEF_DSS_PROV_A
#define MS_DEF_DSS_DH_PROV MS_DEF_DSS_DH_PROV_A
#define MS_ENH_DSS_DH_PROV MS_ENH_DSS_DH_PROV_A
#define MS_DEF_DH_SCHANNEL_PROV MS_DEF_DH_SCHANNEL_PROV_A
#endif

/* ===== Flags (§8) ====================================================================== */

/* CryptAcquireContext. */
#define CRYPT_VERIFYCONTEXT 0xF0000000u
#define CRYPT_NEWKEYSET 0x00000008
#define CRYPT_DELETEKEYSET 0x00000010
#define CRYPT_MACHINE_KEYSET 0x00000020
#define CRYPT_SILENT 0x00000040
#define CRYPT_DEFAULT_CONTAINER_OPTIONAL 0x00000080

/* CryptGenKey / CryptDeriveKey: the low 16 bits; the key length in bits goes in the high
 * 16 (§1.4). */
#define CRYPT_EXPORTABLE 0x00000001
#define CRYPT_USER_PROTECTED 0x00000002
#define CRYPT_CREATE_SALT 0x00000004
#define CRYPT_UPDATE_KEY 0x00000008
#define CRYPT_NO_SALT 0x00000010
#define CRYPT_PREGEN 0x00000040
#define CRYPT_ONLINE 0x00000080
#define CRYPT_SF 0x00000100
#define CRYPT_CREATE_IV 0x00000200
#define CRYPT_KEK 0x00000400
#define CRYPT_DATA_KEY 0x00000800
#define CRYPT_VOLATILE 0x00001000
#define CRYPT_SGCKEY 0x00002000
#define CRYPT_ARCHIVABLE 0x00004000
#define CRYPT_SERVER 0x00000400
#define RSA1024BIT_KEY 0x04000000

/* CryptImportKey / CryptExportKey / CryptEncrypt / CryptDecrypt. */
#define CRYPT_Y_ONLY 0x00000001
#define CRYPT_SSL2_FALLBACK 0x00000002
#define CRYPT_DESTROYKEY 0x00000004
#define CRYPT_DECRYPT_RSA_NO_PADDING_CHECK 0x00000020
#define CRYPT_OAEP 0x00000040
#define CRYPT_BLOB_VER3 0x00000080
#define CRYPT_IPSEC_HMAC_KEY 0x00000100

/* CryptHashData / CryptHashSessionKey. */
#define CRYPT_USERDATA 1
#define CRYPT_LITTLE_ENDIAN 0x00000001

/* CryptSignHash / CryptVerifySignature. */
#define CRYPT_NOHASHOID 0x00000001
#define CRYPT_TYPE2_FORMAT 0x00000002
#define CRYPT_X931_FORMAT 0x00000004

/* Enumerations through CryptGetProvParam. */
#define CRYPT_FIRST 1
#define CRYPT_NEXT 2
#define CRYPT_SGC_ENUM 4

/* CryptGetDefaultProvider / CryptSetProviderEx. */
#define CRYPT_MACHINE_DEFAULT 0x00000001
#define CRYPT_USER_DEFAULT 0x00000002
#define CRYPT_DELETE_DEFAULT 0x00000004

/* PP_IMPTYPE. */
#define CRYPT_IMPL_HARDWARE 1
#define CRYPT_IMPL_SOFTWARE 2
#define CRYPT_IMPL_MIXED 3
#define CRYPT_IMPL_UNKNOWN 4
#define CRYPT_IMPL_REMOVABLE 8

/* PP_KEYSTORAGE. */
#define CRYPT_SEC_DESCR 0x00000001
#define CRYPT_PSTORE 0x00000002
#define CRYPT_UI_PROMPT 0x00000004

/* PROV_ENUMALGS_EX.dwProtocols. */
#define CRYPT_FLAG_PCT1 0x0001
#define CRYPT_FLAG_SSL2 0x0002
#define CRYPT_FLAG_SSL3 0x0004
#define CRYPT_FLAG_TLS1 0x0008
#define CRYPT_FLAG_IPSEC 0x0010
#define CRYPT_FLAG_SIGNING 0x0020

/* KP_MODE. */
#define CRYPT_MODE_CBC 1
#define CRYPT_MODE_ECB 2
#define CRYPT_MODE_OFB 3
#define CRYPT_MODE_CFB 4
#define CRYPT_MODE_CTS 5

/* KP_PADDING. */
#define PKCS5_PADDING 1
#define RANDOM_PADDING 2
#define ZERO_PADDING 3

/* KP_PERMISSIONS. */
#define CRYPT_ENCRYPT 0x0001
#define CRYPT_DECRYPT 0x0002
#define CRYPT_EXPORT 0x0004
#define CRYPT_READ 0x0008
#define CRYPT_WRITE 0x0010
#define CRYPT_MAC 0x0020
#define CRYPT_EXPORT_KEY 0x0040
#define CRYPT_IMPORT_KEY 0x0080
#define CRYPT_ARCHIVE 0x0100

/* ===== Parameters (§8) ================================================================= */

/* CryptGetHashParam / CryptSetHashParam. */
#define HP_ALGID 0x0001
#define HP_HASHVAL 0x0002
#define HP_HASHSIZE 0x0004
#define HP_HMAC_INFO 0x0005
#define HP_TLS1PRF_LABEL 0x0006
#define HP_TLS1PRF_SEED 0x0007

/* CryptGetKeyParam / CryptSetKeyParam. */
#define KP_IV 1
#define KP_SALT 2
#define KP_PADDING 3
#define KP_MODE 4
#define KP_MODE_BITS 5
#define KP_PERMISSIONS 6
#define KP_ALGID 7
#define KP_BLOCKLEN 8
#define KP_KEYLEN 9
#define KP_SALT_EX 10
#define KP_P 11
#define KP_G 12
#define KP_Q 13
#define KP_X 14
#define KP_Y 15
#define KP_RA 16
#define KP_RB 17
#define KP_INFO 18
#define KP_EFFECTIVE_KEYLEN 19
#define KP_SCHANNEL_ALG 20
#define KP_CLIENT_RANDOM 21
#define KP_SERVER_RANDOM 22
#define KP_RP 23
#define KP_PRECOMP_MD5 24
#define KP_PRECOMP_SHA 25
#define KP_CERTIFICATE 26
#define KP_CLEAR_KEY 27
#define KP_PUB_EX_LEN 28
#define KP_PUB_EX_VAL 29
#define KP_KEYVAL 30
#define KP_ADMIN_PIN 31
#define KP_KEYEXCHANGE_PIN 32
#define KP_SIGNATURE_PIN 33
#define KP_PREHASH 34
#define KP_OAEP_PARAMS 36
#define KP_CMS_KEY_INFO 37
#define KP_CMS_DH_KEY_INFO 38
#define KP_PUB_PARAMS 39
#define KP_VERIFY_PARAMS 40
#define KP_HIGHEST_VERSION 41
#define KP_GET_USE_COUNT 42

/* CryptGetProvParam. */
#define PP_ENUMALGS 1
#define PP_ENUMCONTAINERS 2
#define PP_IMPTYPE 3
#define PP_NAME 4
#define PP_VERSION 5
#define PP_CONTAINER 6
#define PP_CHANGE_PASSWORD 7
#define PP_KEYSET_SEC_DESCR 8
#define PP_CERTCHAIN 9
#define PP_KEY_TYPE_SUBTYPE 10
#define PP_PROVTYPE 16
#define PP_KEYSTORAGE 17
#define PP_APPLI_CERT 18
#define PP_SYM_KEYSIZE 19
#define PP_SESSION_KEYSIZE 20
#define PP_UI_PROMPT 21
#define PP_ENUMALGS_EX 22
#define PP_ENUMMANDROOTS 25
#define PP_ENUMELECTROOTS 26
#define PP_KEYSET_TYPE 27
#define PP_ADMIN_PIN 31
#define PP_KEYEXCHANGE_PIN 32
#define PP_SIGNATURE_PIN 33
#define PP_SIG_KEYSIZE_INC 34
#define PP_KEYX_KEYSIZE_INC 35
#define PP_UNIQUE_CONTAINER 36
#define PP_SGC_INFO 37
#define PP_USE_HARDWARE_RNG 38
#define PP_KEYSPEC 39
#define PP_ENUMEX_SIGNING_PROT 40
#define PP_CRYPT_COUNT_KEY_USE 41

/* CryptSetProvParam only. */
#define PP_CLIENT_HWND 1
#define PP_CONTEXT_INFO 11
#define PP_KEYEXCHANGE_KEYSIZE 12
#define PP_SIGNATURE_KEYSIZE 13
#define PP_KEYEXCHANGE_ALG 14
#define PP_SIGNATURE_ALG 15
#define PP_DELETEKEY 24

/* ===== Key BLOBs (§6, §8) ============================================================== */

#define SIMPLEBLOB 0x1
#define PUBLICKEYBLOB 0x6
#define PRIVATEKEYBLOB 0x7
/* A constant only: Windows has no PLAINTEXTKEYBLOB structure; callers declare their own
 * { BLOBHEADER hdr; DWORD cbKey; BYTE key[n]; } (§6.2). */
#define PLAINTEXTKEYBLOB 0x8
#define OPAQUEKEYBLOB 0x9
#define PUBLICKEYBLOBEX 0xA
#define SYMMETRICWRAPKEYBLOB 0xB
#define KEYSTATEBLOB 0xC

#define CUR_BLOB_VERSION 2

/* RSAPUBKEY.magic: "RSA1" (public key) and "RSA2" (private key) read as little-endian
 * DWORDs. Windows code writes these as literals; the names are tinycapi's. */
#define TINYCAPI_RSA1_MAGIC 0x31415352u
#define TINYCAPI_RSA2_MAGIC 0x32415352u

/* ===== Error codes (§8) ================================================================ */

/* NTE_* codes are HRESULTs on Windows (a signed 32-bit type); there, GetLastError() ==
 * NTE_BAD_KEY works because the comparison converts both sides to unsigned. Here they are
 * DWORD constants (TINYCAPI_DWORD_C has exactly DWORD's type, needs no cast that C++ warnings
 * object to, and works in #if) with the same bit patterns, so they compare equal to
 * GetLastError() without sign-compare warnings, also inside templates such as GoogleTest's
 * EXPECT_EQ, and work as `case` labels of a switch on a DWORD. Assigning one to an HRESULT
 * gives Windows' negative value. */
#define NTE_OP_OK 0
#define NTE_BAD_UID TINYCAPI_DWORD_C(0x80090001)
#define NTE_BAD_HASH TINYCAPI_DWORD_C(0x80090002)
#define NTE_BAD_KEY TINYCAPI_DWORD_C(0x80090003)
#define NTE_BAD_LEN TINYCAPI_DWORD_C(0x80090004)
#define NTE_BAD_DATA TINYCAPI_DWORD_C(0x80090005)
#define NTE_BAD_SIGNATURE TINYCAPI_DWORD_C(0x80090006)
#define NTE_BAD_VER TINYCAPI_DWORD_C(0x80090007)
#define NTE_BAD_ALGID TINYCAPI_DWORD_C(0x80090008)
#define NTE_BAD_FLAGS TINYCAPI_DWORD_C(0x80090009)
#define NTE_BAD_TYPE TINYCAPI_DWORD_C(0x8009000A)
#define NTE_BAD_KEY_STATE TINYCAPI_DWORD_C(0x8009000B)
#define NTE_BAD_HASH_STATE TINYCAPI_DWORD_C(0x8009000C)
#define NTE_NO_KEY TINYCAPI_DWORD_C(0x8009000D)
#define NTE_NO_MEMORY TINYCAPI_DWORD_C(0x8009000E)
#define NTE_EXISTS TINYCAPI_DWORD_C(0x8009000F)
#define NTE_PERM TINYCAPI_DWORD_C(0x80090010)
#define NTE_NOT_FOUND TINYCAPI_DWORD_C(0x80090011)
#define NTE_DOUBLE_ENCRYPT TINYCAPI_DWORD_C(0x80090012)
#define NTE_BAD_PROVIDER TINYCAPI_DWORD_C(0x80090013)
#define NTE_BAD_PROV_TYPE TINYCAPI_DWORD_C(0x80090014)
#define NTE_BAD_PUBLIC_KEY TINYCAPI_DWORD_C(0x80090015)
#define NTE_BAD_KEYSET TINYCAPI_DWORD_C(0x80090016)
#define NTE_PROV_TYPE_NOT_DEF TINYCAPI_DWORD_C(0x80090017)
#define NTE_PROV_TYPE_ENTRY_BAD TINYCAPI_DWORD_C(0x80090018)
#define NTE_KEYSET_NOT_DEF TINYCAPI_DWORD_C(0x80090019)
#define NTE_KEYSET_ENTRY_BAD TINYCAPI_DWORD_C(0x8009001A)
#define NTE_PROV_TYPE_NO_MATCH TINYCAPI_DWORD_C(0x8009001B)
#define NTE_SIGNATURE_FILE_BAD TINYCAPI_DWORD_C(0x8009001C)
#define NTE_PROVIDER_DLL_FAIL TINYCAPI_DWORD_C(0x8009001D)
#define NTE_PROV_DLL_NOT_FOUND TINYCAPI_DWORD_C(0x8009001E)
#define NTE_BAD_KEYSET_PARAM TINYCAPI_DWORD_C(0x8009001F)
#define NTE_FAIL TINYCAPI_DWORD_C(0x80090020)
#define NTE_SYS_ERR TINYCAPI_DWORD_C(0x80090021)
#define NTE_SILENT_CONTEXT TINYCAPI_DWORD_C(0x80090022)
#define NTE_TOKEN_KEYSET_STORAGE_FULL TINYCAPI_DWORD_C(0x80090023)
#define NTE_TEMPORARY_PROFILE TINYCAPI_DWORD_C(0x80090024)
#define NTE_FIXEDPARAMETER TINYCAPI_DWORD_C(0x80090025)

/* The Win32 codes the CryptoAPI reports. Guarded: a platform with a Win32 layer of its
 * own may have defined them already, with the same values. */
#ifndef ERROR_SUCCESS
#define ERROR_SUCCESS TINYCAPI_DWORD_C(0)
#endif
#ifndef ERROR_INVALID_HANDLE
#define ERROR_INVALID_HANDLE TINYCAPI_DWORD_C(6)
#endif
#ifndef ERROR_NOT_ENOUGH_MEMORY
#define ERROR_NOT_ENOUGH_MEMORY TINYCAPI_DWORD_C(8)
#endif
#ifndef ERROR_INVALID_PARAMETER
#define ERROR_INVALID_PARAMETER TINYCAPI_DWORD_C(87)
#endif
#ifndef ERROR_CALL_NOT_IMPLEMENTED
#define ERROR_CALL_NOT_IMPLEMENTED TINYCAPI_DWORD_C(120)
#endif
#ifndef ERROR_INSUFFICIENT_BUFFER
#define ERROR_INSUFFICIENT_BUFFER TINYCAPI_DWORD_C(122)
#endif
#ifndef ERROR_BUSY
#define ERROR_BUSY TINYCAPI_DWORD_C(170)
#endif
#ifndef ERROR_MORE_DATA
#define ERROR_MORE_DATA TINYCAPI_DWORD_C(234)
#endif
#ifndef ERROR_NO_MORE_ITEMS
#define ERROR_NO_MORE_ITEMS TINYCAPI_DWORD_C(259)
#endif
#ifndef ERROR_NO_TOKEN
#define ERROR_NO_TOKEN TINYCAPI_DWORD_C(1008)
#endif
#ifndef ERROR_INTERNAL_ERROR
#define ERROR_INTERNAL_ERROR TINYCAPI_DWORD_C(1359)
#endif

/* ===== The rest of the SDK's CryptoAPI 1.0 names ==========================================
 * Values of providers, algorithms and options tinycapi does not offer, so that code naming
 * them compiles; using them gives the Windows error for an unsupported provider, algorithm
 * or parameter. tests/header/wincrypt_sdk_check.py proves every value against mingw-w64. */

#define ALG_TYPE_ECDH (7 << 9)
#define ALG_TYPE_THIRDPARTY (8 << 9)
#define ALG_SID_ECMQV 1
#define ALG_SID_ECDSA 3
#define ALG_SID_ECDH 5
#define ALG_SID_ECDH_EPHEM 6
#define ALG_SID_IDEA 5
#define ALG_SID_CAST 6
#define ALG_SID_RIPEMD 6
#define ALG_SID_RIPEMD160 7
#define ALG_SID_SAFERSK64 7
#define ALG_SID_SAFERSK128 8
#define ALG_SID_EXAMPLE 80
#define ALG_SID_THIRDPARTY_ANY (0)
#define CALG_ECDH (ALG_CLASS_KEY_EXCHANGE | ALG_TYPE_DH | ALG_SID_ECDH)
#define CALG_ECDH_EPHEM (ALG_CLASS_KEY_EXCHANGE | ALG_TYPE_ECDH | ALG_SID_ECDH_EPHEM)
#define CALG_ECDSA (ALG_CLASS_SIGNATURE | ALG_TYPE_DSS | ALG_SID_ECDSA)
#define CALG_ECMQV (ALG_CLASS_KEY_EXCHANGE | ALG_TYPE_ANY | ALG_SID_ECMQV)
#define CALG_NULLCIPHER (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_ANY | 0)
#define CALG_THIRDPARTY_KEY_EXCHANGE (ALG_CLASS_KEY_EXCHANGE | ALG_TYPE_THIRDPARTY | ALG_SID_THIRDPARTY_ANY)
#define CALG_THIRDPARTY_SIGNATURE (ALG_CLASS_SIGNATURE | ALG_TYPE_THIRDPARTY | ALG_SID_THIRDPARTY_ANY)
#define CALG_THIRDPARTY_CIPHER (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_THIRDPARTY | ALG_SID_THIRDPARTY_ANY)
#define CALG_THIRDPARTY_HASH (ALG_CLASS_HASH | ALG_TYPE_THIRDPARTY | ALG_SID_THIRDPARTY_ANY)

#define PROV_STT_MER 7
#define PROV_STT_ACQ 8
#define PROV_STT_BRND 9
#define PROV_STT_ROOT 10
#define PROV_STT_ISS 11
#define PROV_EC_ECDSA_SIG 14
#define PROV_EC_ECNRA_SIG 15
#define PROV_EC_ECDSA_FULL 16
#define PROV_EC_ECNRA_FULL 17
#define PROV_SPYRUS_LYNKS 20
#define PROV_RNG 21
#define PROV_INTEL_SEC 22
#define PROV_REPLACE_OWF 23

#define MS_SCARD_PROV_A "Microsoft Base Smart Card Crypto Provider"
#define MS_SCARD_PROV_W L"Microsoft Base Smart Card Crypto Provider"
#ifdef UNICODE
#define MS_SCARD_PROV MS_SCARD_PROV_W
#else
#define MS_SCARD_PROV MS_SCARD_PROV_A
#endif
#define MAXUIDLEN 64

/* Registry names of Windows' provider configuration (no registry here; values only). */
#define EXPO_OFFLOAD_REG_VALUE "ExpoOffload"
#define EXPO_OFFLOAD_FUNC_NAME "OffloadModExpo"
#define szKEY_CRYPTOAPI_PRIVATE_KEY_OPTIONS "Software\\Policies\\Microsoft\\Cryptography"
#define szKEY_CACHE_ENABLED "CachePrivateKeys"
#define szKEY_CACHE_SECONDS "PrivateKeyLifetimeSeconds"
#define szPRIV_KEY_CACHE_MAX_ITEMS "PrivKeyCacheMaxItems"
#define cPRIV_KEY_CACHE_MAX_ITEMS_DEFAULT 20
#define szPRIV_KEY_CACHE_PURGE_INTERVAL_SECONDS "PrivKeyCachePurgeIntervalSeconds"
#define cPRIV_KEY_CACHE_PURGE_INTERVAL_SECONDS_DEFAULT 86400

#define CRYPT_USER_PROTECTED_STRONG 0x100000
#define CRYPT_FORCE_KEY_PROTECTION_HIGH 0x8000
#define CRYPT_SECRETDIGEST 0x1
#define CRYPT_OWF_REPL_LM_HASH 0x1
#define CRYPT_SGC 0x1
#define CRYPT_FASTSGC 0x2
#define CRYPT_RECIPIENT 0x10
#define CRYPT_INITIATOR 0x40
#define KEY_LENGTH_MASK 0xffff0000
#define CRYPT_MODE_CBCI 6
#define CRYPT_MODE_CFBP 7
#define CRYPT_MODE_OFBP 8
#define CRYPT_MODE_CBCOFM 9
#define CRYPT_MODE_CBCOFMI 10

#define KP_ROUNDS 35
#define KP_PIN_ID 43
#define KP_PIN_INFO 44
#define PP_USER_CERTSTORE 42
#define PP_SMARTCARD_READER 43
#define PP_PIN_PROMPT_STRING 44
#define PP_SMARTCARD_GUID 45
#define PP_ROOT_CERTSTORE 46
#define PP_SECURE_KEYEXCHANGE_PIN 47
#define PP_SECURE_SIGNATURE_PIN 48
#define PP_DISMISS_PIN_UI_SEC 49
#define PP_SMARTCARD_READER_ICON 47

#define CRYPT_FAILED FALSE
#define CRYPT_SUCCEED TRUE
#define RCRYPT_SUCCEEDED(rt) ((rt) == CRYPT_SUCCEED)
#define RCRYPT_FAILED(rt) ((rt) == CRYPT_FAILED)

#define SCHANNEL_MAC_KEY 0x0
#define SCHANNEL_ENC_KEY 0x1
#define INTERNATIONAL_USAGE 0x1

/* ===== Structures (§4.3, §6, §8) ======================================================= */

/* The first 8 bytes of every key BLOB (§6.1). */
typedef struct _PUBLICKEYSTRUC {
    BYTE bType;       /* SIMPLEBLOB, PUBLICKEYBLOB, ... */
    BYTE bVersion;    /* CUR_BLOB_VERSION */
    WORD reserved;    /* 0 */
    ALG_ID aiKeyAlg;  /* algorithm of the key in the BLOB */
} BLOBHEADER, PUBLICKEYSTRUC;

/* Follows the BLOBHEADER of PUBLICKEYBLOB and PRIVATEKEYBLOB (§6.2). */
typedef struct _RSAPUBKEY {
    DWORD magic;   /* TINYCAPI_RSA1_MAGIC or TINYCAPI_RSA2_MAGIC */
    DWORD bitlen;  /* modulus length in bits */
    DWORD pubexp;  /* public exponent */
} RSAPUBKEY;

/* HP_HMAC_INFO: the HMAC's hash and optional pad strings (§5.7). A zero length selects the
 * default 64-byte pad. */
typedef struct _HMAC_Info {
    ALG_ID HashAlgid;
    BYTE *pbInnerString;
    DWORD cbInnerString;
    BYTE *pbOuterString;
    DWORD cbOuterString;
} HMAC_INFO, *PHMAC_INFO;

/* A counted byte string; the CryptoAPI names it after its use. */
typedef struct _CRYPTOAPI_BLOB {
    DWORD cbData;
    BYTE *pbData;
} CRYPT_INTEGER_BLOB, *PCRYPT_INTEGER_BLOB,
  CRYPT_UINT_BLOB, *PCRYPT_UINT_BLOB,
  CRYPT_OBJID_BLOB, *PCRYPT_OBJID_BLOB,
  CERT_NAME_BLOB, *PCERT_NAME_BLOB,
  CERT_RDN_VALUE_BLOB, *PCERT_RDN_VALUE_BLOB,
  CERT_BLOB, *PCERT_BLOB,
  CRL_BLOB, *PCRL_BLOB,
  DATA_BLOB, *PDATA_BLOB,
  CRYPT_DATA_BLOB, *PCRYPT_DATA_BLOB,
  CRYPT_HASH_BLOB, *PCRYPT_HASH_BLOB,
  CRYPT_DIGEST_BLOB, *PCRYPT_DIGEST_BLOB,
  CRYPT_DER_BLOB, *PCRYPT_DER_BLOB,
  CRYPT_ATTR_BLOB, *PCRYPT_ATTR_BLOB;

/* One PP_ENUMALGS entry: 32 bytes (§4.3). */
typedef struct _PROV_ENUMALGS {
    ALG_ID aiAlgid;
    DWORD dwBitLen;   /* default key length */
    DWORD dwNameLen;  /* including the NUL */
    CHAR szName[20];
} PROV_ENUMALGS;

/* One PP_ENUMALGS_EX entry: 88 bytes (§4.3). */
typedef struct _PROV_ENUMALGS_EX {
    ALG_ID aiAlgid;
    DWORD dwDefaultLen;
    DWORD dwMinLen;
    DWORD dwMaxLen;
    DWORD dwProtocols;   /* CRYPT_FLAG_* */
    DWORD dwNameLen;     /* including the NUL */
    CHAR szName[20];
    DWORD dwLongNameLen; /* including the NUL */
    CHAR szLongName[40];
} PROV_ENUMALGS_EX;

/* KP_SCHANNEL_ALG: an SChannel session key's algorithm and length (dwUse SCHANNEL_*_KEY). */
typedef struct _SCHANNEL_ALG {
    DWORD dwUse;
    ALG_ID Algid;
    DWORD cBits;
    DWORD dwFlags;
    DWORD dwReserved;
} SCHANNEL_ALG, *PSCHANNEL_ALG;

/* KP_CMS_KEY_INFO / KP_CMS_DH_KEY_INFO. */
typedef struct _CMS_KEY_INFO {
    DWORD dwVersion;
    ALG_ID Algid;
    BYTE *pbOID;
    DWORD cbOID;
} CMS_KEY_INFO, *PCMS_KEY_INFO;

typedef struct _CMS_DH_KEY_INFO {
    DWORD dwVersion;
    ALG_ID Algid;
    LPSTR pszContentEncObjId;
    CRYPT_DATA_BLOB PubInfo;
    void *pReserved;
} CMS_DH_KEY_INFO, *PCMS_DH_KEY_INFO;

/* The DSS and Diffie-Hellman BLOB headers (providers tinycapi does not offer). */
typedef struct _PUBKEY {
    DWORD magic;
    DWORD bitlen;
} DHPUBKEY, DSSPUBKEY, KEAPUBKEY, TEKPUBKEY;

typedef struct _DSSSEED {
    DWORD counter;
    BYTE seed[20];
} DSSSEED;

typedef struct _PUBKEYVER3 {
    DWORD magic;
    DWORD bitlenP;
    DWORD bitlenQ;
    DWORD bitlenJ;
    DSSSEED DSSSeed;
} DHPUBKEY_VER3, DSSPUBKEY_VER3;

typedef struct _PRIVKEYVER3 {
    DWORD magic;
    DWORD bitlenP;
    DWORD bitlenQ;
    DWORD bitlenJ;
    DWORD bitlenX;
    DSSSEED DSSSeed;
} DHPRIVKEY_VER3, DSSPRIVKEY_VER3;

/* PP_KEY_TYPE_SUBTYPE. */
typedef struct _KEY_TYPE_SUBTYPE {
    DWORD dwKeySpec;
    GUID Type;
    GUID Subtype;
} KEY_TYPE_SUBTYPE, *PKEY_TYPE_SUBTYPE;

typedef struct _CERT_FORTEZZA_DATA_PROP {
    unsigned char SerialNumber[8];
    int CertIndex;
    unsigned char CertLabel[36];
} CERT_FORTEZZA_DATA_PROP;

/* KEYSTATEBLOB contents of the SChannel provider's session keys. */
typedef struct _CRYPT_RC4_KEY_STATE {
    unsigned char Key[16];
    unsigned char SBox[256];
    unsigned char i;
    unsigned char j;
} CRYPT_RC4_KEY_STATE, *PCRYPT_RC4_KEY_STATE;

typedef struct _CRYPT_DES_KEY_STATE {
    unsigned char Key[8];
    unsigned char IV[8];
    unsigned char Feedback[8];
} CRYPT_DES_KEY_STATE, *PCRYPT_DES_KEY_STATE;

typedef struct _CRYPT_3DES_KEY_STATE {
    unsigned char Key[24];
    unsigned char IV[8];
    unsigned char Feedback[8];
} CRYPT_3DES_KEY_STATE, *PCRYPT_3DES_KEY_STATE;

typedef struct _CRYPT_AES_128_KEY_STATE {
    unsigned char Key[16];
    unsigned char IV[16];
    unsigned char EncryptionState[11][16];
    unsigned char DecryptionState[11][16];
    unsigned char Feedback[16];
} CRYPT_AES_128_KEY_STATE, *PCRYPT_AES_128_KEY_STATE;

typedef struct _CRYPT_AES_256_KEY_STATE {
    unsigned char Key[32];
    unsigned char IV[16];
    unsigned char EncryptionState[15][16];
    unsigned char DecryptionState[15][16];
    unsigned char Feedback[16];
} CRYPT_AES_256_KEY_STATE, *PCRYPT_AES_256_KEY_STATE;

/* CRYPT_KEY_PROV_INFO (CERT_KEY_PROV_INFO_PROP_ID): how a certificate names its key's
 * provider and container. From the CryptoAPI 2.0 part of the SDK, kept here because code that
 * enumerates providers fills it; its layout is checked as well. */
typedef struct _CRYPT_KEY_PROV_PARAM {
    DWORD dwParam;
    BYTE *pbData;
    DWORD cbData;
    DWORD dwFlags;
} CRYPT_KEY_PROV_PARAM, *PCRYPT_KEY_PROV_PARAM;

typedef struct _CRYPT_KEY_PROV_INFO {
    LPWSTR pwszContainerName;
    LPWSTR pwszProvName;
    DWORD dwProvType;
    DWORD dwFlags;
    DWORD cProvParam;
    PCRYPT_KEY_PROV_PARAM rgProvParam;
    DWORD dwKeySpec;
} CRYPT_KEY_PROV_INFO, *PCRYPT_KEY_PROV_INFO;

/* ===== crypt32: keys in standard formats (CryptStringToBinary, CryptDecodeObjectEx, ...) ====
 * The part of crypt32 that turns PEM/base64/hex text and DER into the key BLOBs above and
 * back (docs/COMPATIBILITY.md, "Keys in standard formats"). Values and layouts as in the SDK's
 * wincrypt.h and winerror.h. */

#define CRYPT_STRING_BASE64HEADER 0x00000000
#define CRYPT_STRING_BASE64 0x00000001
#define CRYPT_STRING_BINARY 0x00000002
#define CRYPT_STRING_BASE64REQUESTHEADER 0x00000003
#define CRYPT_STRING_HEX 0x00000004
#define CRYPT_STRING_HEXASCII 0x00000005
#define CRYPT_STRING_BASE64_ANY 0x00000006
#define CRYPT_STRING_ANY 0x00000007
#define CRYPT_STRING_HEX_ANY 0x00000008
#define CRYPT_STRING_BASE64X509CRLHEADER 0x00000009
#define CRYPT_STRING_HEXADDR 0x0000000a
#define CRYPT_STRING_HEXASCIIADDR 0x0000000b
#define CRYPT_STRING_HEXRAW 0x0000000c
#define CRYPT_STRING_BASE64URI 0x0000000d
#define CRYPT_STRING_ENCODEMASK 0x000000ff
#define CRYPT_STRING_RESERVED100 0x00000100
#define CRYPT_STRING_RESERVED200 0x00000200
#define CRYPT_STRING_PERCENTESCAPE 0x08000000
#define CRYPT_STRING_HASHDATA 0x10000000
#define CRYPT_STRING_STRICT 0x20000000
#define CRYPT_STRING_NOCRLF 0x40000000
#define CRYPT_STRING_NOCR 0x80000000

#define CERT_ENCODING_TYPE_MASK 0x0000ffff
#define CMSG_ENCODING_TYPE_MASK 0xffff0000
#define GET_CERT_ENCODING_TYPE(T) ((T) & CERT_ENCODING_TYPE_MASK)
#define GET_CMSG_ENCODING_TYPE(T) ((T) & CMSG_ENCODING_TYPE_MASK)
#define CRYPT_ASN_ENCODING 0x1
#define CRYPT_NDR_ENCODING 0x2
#define X509_ASN_ENCODING 0x1
#define X509_NDR_ENCODING 0x2
#define PKCS_7_ASN_ENCODING 0x10000
#define PKCS_7_NDR_ENCODING 0x20000

/* lpszStructType values that are small integers rather than OID strings (a C++ cast in C++,
 * so that code built with -Wold-style-cast takes the header). */
#ifdef __cplusplus
#define TINYCAPI_STRUCT_TYPE(n) (reinterpret_cast<LPCSTR>(static_cast<ULONG_PTR>(n)))
#else
#define TINYCAPI_STRUCT_TYPE(n) ((LPCSTR)(n))
#endif
#define CRYPT_ENCODE_DECODE_NONE 0
#define X509_PUBLIC_KEY_INFO TINYCAPI_STRUCT_TYPE(8)
#define RSA_CSP_PUBLICKEYBLOB TINYCAPI_STRUCT_TYPE(19)
#define X509_OCTET_STRING TINYCAPI_STRUCT_TYPE(25)
#define X509_INTEGER TINYCAPI_STRUCT_TYPE(27)
#define X509_MULTI_BYTE_INTEGER TINYCAPI_STRUCT_TYPE(28)
#define X509_MULTI_BYTE_UINT TINYCAPI_STRUCT_TYPE(38)
#define PKCS_RSA_PRIVATE_KEY TINYCAPI_STRUCT_TYPE(43)
#define PKCS_PRIVATE_KEY_INFO TINYCAPI_STRUCT_TYPE(44)
#define X509_ALGORITHM_IDENTIFIER TINYCAPI_STRUCT_TYPE(74)

#define CRYPT_ENCODE_NO_SIGNATURE_BYTE_REVERSAL_FLAG 0x8
#define CRYPT_ENCODE_ALLOC_FLAG 0x8000
#define CRYPT_DECODE_NOCOPY_FLAG 0x1
#define CRYPT_DECODE_TO_BE_SIGNED_FLAG 0x2
#define CRYPT_DECODE_SHARE_OID_STRING_FLAG 0x4
#define CRYPT_DECODE_NO_SIGNATURE_BYTE_REVERSAL_FLAG 0x8
#define CRYPT_DECODE_ALLOC_FLAG 0x8000

#define szOID_RSA "1.2.840.113549"
#define szOID_PKCS "1.2.840.113549.1"
#define szOID_PKCS_1 "1.2.840.113549.1.1"
#define szOID_RSA_RSA "1.2.840.113549.1.1.1"
#define szOID_RSA_MD5RSA "1.2.840.113549.1.1.4"
#define szOID_RSA_SHA1RSA "1.2.840.113549.1.1.5"
#define szOID_RSA_SHA256RSA "1.2.840.113549.1.1.11"
#define CERT_RSA_PUBLIC_KEY_OBJID szOID_RSA_RSA
#define CERT_DEFAULT_OID_PUBLIC_KEY_SIGN szOID_RSA_RSA
#define CERT_DEFAULT_OID_PUBLIC_KEY_XCHG szOID_RSA_RSA

/* The errors of these functions (winerror.h). */
#ifndef ERROR_FILE_NOT_FOUND
#define ERROR_FILE_NOT_FOUND UINT32_C(2)
#endif
#ifndef ERROR_INVALID_DATA
#define ERROR_INVALID_DATA UINT32_C(13)
#endif
#ifndef E_INVALIDARG
#define E_INVALIDARG UINT32_C(0x80070057)
#endif
#define CRYPT_E_ASN1_ERROR UINT32_C(0x80093100)
#define CRYPT_E_ASN1_INTERNAL UINT32_C(0x80093101)
#define CRYPT_E_ASN1_EOD UINT32_C(0x80093102)
#define CRYPT_E_ASN1_CORRUPT UINT32_C(0x80093103)
#define CRYPT_E_ASN1_LARGE UINT32_C(0x80093104)
#define CRYPT_E_ASN1_CONSTRAINT UINT32_C(0x80093105)
#define CRYPT_E_ASN1_MEMORY UINT32_C(0x80093106)
#define CRYPT_E_ASN1_OVERFLOW UINT32_C(0x80093107)
#define CRYPT_E_ASN1_BADPDU UINT32_C(0x80093108)
#define CRYPT_E_ASN1_BADARGS UINT32_C(0x80093109)
#define CRYPT_E_ASN1_BADREAL UINT32_C(0x8009310A)
#define CRYPT_E_ASN1_BADTAG UINT32_C(0x8009310B)
#define CRYPT_E_ASN1_CHOICE UINT32_C(0x8009310C)
#define CRYPT_E_ASN1_RULE UINT32_C(0x8009310D)
#define CRYPT_E_ASN1_UTF8 UINT32_C(0x8009310E)
#define CRYPT_E_ASN1_PDU_TYPE UINT32_C(0x80093133)
#define CRYPT_E_ASN1_NYI UINT32_C(0x80093134)
#define CRYPT_E_ASN1_EXTENDED UINT32_C(0x80093201)
#define CRYPT_E_ASN1_NOEOD UINT32_C(0x80093202)

typedef ULONG_PTR HCRYPTPROV_OR_NCRYPT_KEY_HANDLE;

/* A BIT STRING: cUnusedBits (0-7) of the last byte are not part of it. */
typedef struct _CRYPT_BIT_BLOB {
    DWORD cbData;
    BYTE *pbData;
    DWORD cUnusedBits;
} CRYPT_BIT_BLOB, *PCRYPT_BIT_BLOB;

/* An AlgorithmIdentifier: the dotted OID and its DER-encoded parameters (may be empty). */
typedef struct _CRYPT_ALGORITHM_IDENTIFIER {
    LPSTR pszObjId;
    CRYPT_OBJID_BLOB Parameters;
} CRYPT_ALGORITHM_IDENTIFIER, *PCRYPT_ALGORITHM_IDENTIFIER;

/* A SubjectPublicKeyInfo (X509_PUBLIC_KEY_INFO). For RSA, PublicKey holds the
 * RSA_CSP_PUBLICKEYBLOB encoding (PKCS #1 RSAPublicKey). */
typedef struct _CERT_PUBLIC_KEY_INFO {
    CRYPT_ALGORITHM_IDENTIFIER Algorithm;
    CRYPT_BIT_BLOB PublicKey;
} CERT_PUBLIC_KEY_INFO, *PCERT_PUBLIC_KEY_INFO;

typedef struct _CRYPT_ATTRIBUTE {
    LPSTR pszObjId;
    DWORD cValue;
    PCRYPT_ATTR_BLOB rgValue;
} CRYPT_ATTRIBUTE, *PCRYPT_ATTRIBUTE;

typedef struct _CRYPT_ATTRIBUTES {
    DWORD cAttr;
    PCRYPT_ATTRIBUTE rgAttr;
} CRYPT_ATTRIBUTES, *PCRYPT_ATTRIBUTES;

/* A PKCS #8 PrivateKeyInfo (PKCS_PRIVATE_KEY_INFO). */
typedef struct _CRYPT_PRIVATE_KEY_INFO {
    DWORD Version;
    CRYPT_ALGORITHM_IDENTIFIER Algorithm;
    CRYPT_DER_BLOB PrivateKey;
    PCRYPT_ATTRIBUTES pAttributes;
} CRYPT_PRIVATE_KEY_INFO, *PCRYPT_PRIVATE_KEY_INFO;

/* The caller's allocator for CRYPT_ENCODE_ALLOC_FLAG / CRYPT_DECODE_ALLOC_FLAG. tinycapi has
 * no heap: without one of these the ALLOC flags fail with ERROR_NOT_ENOUGH_MEMORY. */
typedef void *(WINAPI *PFN_CRYPT_ALLOC)(size_t cbSize);
typedef void (WINAPI *PFN_CRYPT_FREE)(void *pv);

typedef struct _CRYPT_ENCODE_PARA {
    DWORD cbSize;
    PFN_CRYPT_ALLOC pfnAlloc;
    PFN_CRYPT_FREE pfnFree;
} CRYPT_ENCODE_PARA, *PCRYPT_ENCODE_PARA;

typedef struct _CRYPT_DECODE_PARA {
    DWORD cbSize;
    PFN_CRYPT_ALLOC pfnAlloc;
    PFN_CRYPT_FREE pfnFree;
} CRYPT_DECODE_PARA, *PCRYPT_DECODE_PARA;

/* ===== Functions ======================================================================= */

#ifdef __cplusplus
extern "C" {
#endif

/* Contexts (§2, §3.1-3.6). */
BOOL WINAPI CryptAcquireContextA(HCRYPTPROV *phProv, LPCSTR szContainer, LPCSTR szProvider,
                                 DWORD dwProvType, DWORD dwFlags);
BOOL WINAPI CryptAcquireContextW(HCRYPTPROV *phProv, LPCWSTR szContainer, LPCWSTR szProvider,
                                 DWORD dwProvType, DWORD dwFlags);
BOOL WINAPI CryptReleaseContext(HCRYPTPROV hProv, DWORD dwFlags);
BOOL WINAPI CryptContextAddRef(HCRYPTPROV hProv, DWORD *pdwReserved, DWORD dwFlags);
BOOL WINAPI CryptGenRandom(HCRYPTPROV hProv, DWORD dwLen, BYTE *pbBuffer);
BOOL WINAPI CryptGetProvParam(HCRYPTPROV hProv, DWORD dwParam, BYTE *pbData, DWORD *pdwDataLen,
                              DWORD dwFlags);
BOOL WINAPI CryptSetProvParam(HCRYPTPROV hProv, DWORD dwParam, const BYTE *pbData, DWORD dwFlags);

/* Hashes (§3.7-3.12, §3.26). */
BOOL WINAPI CryptCreateHash(HCRYPTPROV hProv, ALG_ID Algid, HCRYPTKEY hKey, DWORD dwFlags,
                            HCRYPTHASH *phHash);
BOOL WINAPI CryptHashData(HCRYPTHASH hHash, const BYTE *pbData, DWORD dwDataLen, DWORD dwFlags);
BOOL WINAPI CryptGetHashParam(HCRYPTHASH hHash, DWORD dwParam, BYTE *pbData, DWORD *pdwDataLen,
                              DWORD dwFlags);
BOOL WINAPI CryptSetHashParam(HCRYPTHASH hHash, DWORD dwParam, const BYTE *pbData, DWORD dwFlags);
BOOL WINAPI CryptDuplicateHash(HCRYPTHASH hHash, DWORD *pdwReserved, DWORD dwFlags,
                               HCRYPTHASH *phHash);
BOOL WINAPI CryptDestroyHash(HCRYPTHASH hHash);
BOOL WINAPI CryptHashSessionKey(HCRYPTHASH hHash, HCRYPTKEY hKey, DWORD dwFlags);

/* Keys (§3.13-3.23). */
BOOL WINAPI CryptDeriveKey(HCRYPTPROV hProv, ALG_ID Algid, HCRYPTHASH hBaseData, DWORD dwFlags,
                           HCRYPTKEY *phKey);
BOOL WINAPI CryptGenKey(HCRYPTPROV hProv, ALG_ID Algid, DWORD dwFlags, HCRYPTKEY *phKey);
BOOL WINAPI CryptImportKey(HCRYPTPROV hProv, const BYTE *pbData, DWORD dwDataLen,
                           HCRYPTKEY hPubKey, DWORD dwFlags, HCRYPTKEY *phKey);
BOOL WINAPI CryptExportKey(HCRYPTKEY hKey, HCRYPTKEY hExpKey, DWORD dwBlobType, DWORD dwFlags,
                           BYTE *pbData, DWORD *pdwDataLen);
BOOL WINAPI CryptEncrypt(HCRYPTKEY hKey, HCRYPTHASH hHash, BOOL Final, DWORD dwFlags,
                         BYTE *pbData, DWORD *pdwDataLen, DWORD dwBufLen);
BOOL WINAPI CryptDecrypt(HCRYPTKEY hKey, HCRYPTHASH hHash, BOOL Final, DWORD dwFlags,
                         BYTE *pbData, DWORD *pdwDataLen);
BOOL WINAPI CryptGetKeyParam(HCRYPTKEY hKey, DWORD dwParam, BYTE *pbData, DWORD *pdwDataLen,
                             DWORD dwFlags);
BOOL WINAPI CryptSetKeyParam(HCRYPTKEY hKey, DWORD dwParam, const BYTE *pbData, DWORD dwFlags);
BOOL WINAPI CryptDuplicateKey(HCRYPTKEY hKey, DWORD *pdwReserved, DWORD dwFlags,
                              HCRYPTKEY *phKey);
BOOL WINAPI CryptDestroyKey(HCRYPTKEY hKey);
BOOL WINAPI CryptGetUserKey(HCRYPTPROV hProv, DWORD dwKeySpec, HCRYPTKEY *phUserKey);

/* Signatures (§3.24-3.25, §7.2). */
BOOL WINAPI CryptSignHashA(HCRYPTHASH hHash, DWORD dwKeySpec, LPCSTR szDescription,
                           DWORD dwFlags, BYTE *pbSignature, DWORD *pdwSigLen);
BOOL WINAPI CryptSignHashW(HCRYPTHASH hHash, DWORD dwKeySpec, LPCWSTR szDescription,
                           DWORD dwFlags, BYTE *pbSignature, DWORD *pdwSigLen);
BOOL WINAPI CryptVerifySignatureA(HCRYPTHASH hHash, const BYTE *pbSignature, DWORD dwSigLen,
                                  HCRYPTKEY hPubKey, LPCSTR szDescription, DWORD dwFlags);
BOOL WINAPI CryptVerifySignatureW(HCRYPTHASH hHash, const BYTE *pbSignature, DWORD dwSigLen,
                                  HCRYPTKEY hPubKey, LPCWSTR szDescription, DWORD dwFlags);

/* Providers, provider types and per-type defaults (docs/COMPATIBILITY.md, "Providers"). */
BOOL WINAPI CryptEnumProvidersA(DWORD dwIndex, DWORD *pdwReserved, DWORD dwFlags, DWORD *pdwProvType,
                                LPSTR szProvName, DWORD *pcbProvName);
BOOL WINAPI CryptEnumProvidersW(DWORD dwIndex, DWORD *pdwReserved, DWORD dwFlags, DWORD *pdwProvType,
                                LPWSTR szProvName, DWORD *pcbProvName);
BOOL WINAPI CryptEnumProviderTypesA(DWORD dwIndex, DWORD *pdwReserved, DWORD dwFlags, DWORD *pdwProvType,
                                    LPSTR szTypeName, DWORD *pcbTypeName);
BOOL WINAPI CryptEnumProviderTypesW(DWORD dwIndex, DWORD *pdwReserved, DWORD dwFlags, DWORD *pdwProvType,
                                    LPWSTR szTypeName, DWORD *pcbTypeName);
BOOL WINAPI CryptGetDefaultProviderA(DWORD dwProvType, DWORD *pdwReserved, DWORD dwFlags, LPSTR pszProvName,
                                     DWORD *pcbProvName);
BOOL WINAPI CryptGetDefaultProviderW(DWORD dwProvType, DWORD *pdwReserved, DWORD dwFlags, LPWSTR pszProvName,
                                     DWORD *pcbProvName);
BOOL WINAPI CryptSetProviderA(LPCSTR pszProvName, DWORD dwProvType);
BOOL WINAPI CryptSetProviderW(LPCWSTR pszProvName, DWORD dwProvType);
BOOL WINAPI CryptSetProviderExA(LPCSTR pszProvName, DWORD dwProvType, DWORD *pdwReserved, DWORD dwFlags);
BOOL WINAPI CryptSetProviderExW(LPCWSTR pszProvName, DWORD dwProvType, DWORD *pdwReserved, DWORD dwFlags);

/* crypt32: text and DER formats of keys (docs/COMPATIBILITY.md, "Keys in standard formats").
 * Built with TINYCAPI_ENABLE_ENCODING 1 (the default); with 0 each fails with
 * ERROR_CALL_NOT_IMPLEMENTED. */
BOOL WINAPI CryptStringToBinaryA(LPCSTR pszString, DWORD cchString, DWORD dwFlags, BYTE *pbBinary,
                                 DWORD *pcbBinary, DWORD *pdwSkip, DWORD *pdwFlags);
BOOL WINAPI CryptStringToBinaryW(LPCWSTR pszString, DWORD cchString, DWORD dwFlags, BYTE *pbBinary,
                                 DWORD *pcbBinary, DWORD *pdwSkip, DWORD *pdwFlags);
BOOL WINAPI CryptBinaryToStringA(const BYTE *pbBinary, DWORD cbBinary, DWORD dwFlags, LPSTR pszString,
                                 DWORD *pcchString);
BOOL WINAPI CryptBinaryToStringW(const BYTE *pbBinary, DWORD cbBinary, DWORD dwFlags, LPWSTR pszString,
                                 DWORD *pcchString);
BOOL WINAPI CryptEncodeObjectEx(DWORD dwCertEncodingType, LPCSTR lpszStructType, const void *pvStructInfo,
                                DWORD dwFlags, PCRYPT_ENCODE_PARA pEncodePara, void *pvEncoded,
                                DWORD *pcbEncoded);
BOOL WINAPI CryptEncodeObject(DWORD dwCertEncodingType, LPCSTR lpszStructType, const void *pvStructInfo,
                              BYTE *pbEncoded, DWORD *pcbEncoded);
BOOL WINAPI CryptDecodeObjectEx(DWORD dwCertEncodingType, LPCSTR lpszStructType, const BYTE *pbEncoded,
                                DWORD cbEncoded, DWORD dwFlags, PCRYPT_DECODE_PARA pDecodePara,
                                void *pvStructInfo, DWORD *pcbStructInfo);
BOOL WINAPI CryptDecodeObject(DWORD dwCertEncodingType, LPCSTR lpszStructType, const BYTE *pbEncoded,
                              DWORD cbEncoded, DWORD dwFlags, void *pvStructInfo, DWORD *pcbStructInfo);
BOOL WINAPI CryptImportPublicKeyInfo(HCRYPTPROV hCryptProv, DWORD dwCertEncodingType,
                                     PCERT_PUBLIC_KEY_INFO pInfo, HCRYPTKEY *phKey);
BOOL WINAPI CryptImportPublicKeyInfoEx(HCRYPTPROV hCryptProv, DWORD dwCertEncodingType,
                                       PCERT_PUBLIC_KEY_INFO pInfo, ALG_ID aiKeyAlg, DWORD dwFlags,
                                       void *pvAuxInfo, HCRYPTKEY *phKey);
BOOL WINAPI CryptExportPublicKeyInfo(HCRYPTPROV_OR_NCRYPT_KEY_HANDLE hCryptProvOrNCryptKey, DWORD dwKeySpec,
                                     DWORD dwCertEncodingType, PCERT_PUBLIC_KEY_INFO pInfo, DWORD *pcbInfo);
BOOL WINAPI CryptExportPublicKeyInfoEx(HCRYPTPROV_OR_NCRYPT_KEY_HANDLE hCryptProvOrNCryptKey,
                                       DWORD dwKeySpec, DWORD dwCertEncodingType, LPSTR pszPublicKeyObjId,
                                       DWORD dwFlags, void *pvAuxInfo, PCERT_PUBLIC_KEY_INFO pInfo,
                                       DWORD *pcbInfo);

/* Exported by Windows' advapi32 and declared by the SDK, not implemented by tinycapi: fails
 * with ERROR_CALL_NOT_IMPLEMENTED (core/api/not_implemented.cpp, docs/COMPATIBILITY.md). */
BOOL GetEncSChannel(BYTE **pData, DWORD *dwDecSize);

/* The calling thread's last error (§1.1). When the firmware supplies these itself
 * (TINYCAPI_ENABLE_LAST_ERROR_FUNCTIONS 0 in the configuration), its definitions must have
 * these signatures. */
DWORD WINAPI GetLastError(void);
void WINAPI SetLastError(DWORD dwErrCode);

#ifdef __cplusplus
}
#endif

/* The generic names follow UNICODE, as on Windows. */
#ifdef UNICODE
#define CryptAcquireContext CryptAcquireContextW
#define CryptEnumProviders CryptEnumProvidersW
#define CryptEnumProviderTypes CryptEnumProviderTypesW
#define CryptGetDefaultProvider CryptGetDefaultProviderW
#define CryptSetProvider CryptSetProviderW
#define CryptSetProviderEx CryptSetProviderExW
#define CryptSignHash CryptSignHashW
#define CryptVerifySignature CryptVerifySignatureW
#define CryptStringToBinary CryptStringToBinaryW
#define CryptBinaryToString CryptBinaryToStringW
#else
#define CryptAcquireContext CryptAcquireContextA
#define CryptEnumProviders CryptEnumProvidersA
#define CryptEnumProviderTypes CryptEnumProviderTypesA
#define CryptGetDefaultProvider CryptGetDefaultProviderA
#define CryptSetProvider CryptSetProviderA
#define CryptSetProviderEx CryptSetProviderExA
#define CryptSignHash CryptSignHashA
#define CryptVerifySignature CryptVerifySignatureA
#define CryptStringToBinary CryptStringToBinaryA
#define CryptBinaryToString CryptBinaryToStringA
#endif

#endif /* TINYCAPI_WINCRYPT_H */
