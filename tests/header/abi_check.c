/*
 * <tinycapi/wincrypt.h> as a C99 translation unit: compiled with -std=c99 -pedantic -Werror,
 * it fails to build if the header is not plain C99 or if the Windows ABI is not met.
 * Expected values are Windows' (reference §8 for constants, §4.3 and §6.1 for layouts).
 */
#include <tinycapi/wincrypt.h>

#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "header_checks.h"

#define ABI_ASSERT(name, condition) HEADER_ASSERT(abi_##name, condition)
#define ROUND_UP(value, alignment) ((((value) + (alignment)-1) / (alignment)) * (alignment))
#define POINTER_SIZE (sizeof(void *))

/* ---- Windows ABI widths ----------------------------------------------------------------- */
ABI_ASSERT(dword_is_32_bits, sizeof(DWORD) == 4);
ABI_ASSERT(dword_is_unsigned, (DWORD)-1 > 0);
#if ULONG_MAX == 0xffffffffUL
/* Where long is 32 bits DWORD is unsigned long, as on Windows: code that hands an
 * `unsigned long *` to a `DWORD *` parameter (curl does) compiles without a warning (C99
 * makes a mismatch a constraint violation, an error under -pedantic-errors). */
static unsigned long abi_unsigned_long_length;
DWORD *const abi_dword_pointer_from_unsigned_long = &abi_unsigned_long_length;
#else
/* Where long is 64 bits DWORD stays 32 bits: an unsigned int. */
static unsigned int abi_unsigned_int_length;
DWORD *const abi_dword_pointer_from_unsigned_int = &abi_unsigned_int_length;
#endif
ABI_ASSERT(bool_is_int, sizeof(BOOL) == sizeof(int));
ABI_ASSERT(byte_is_8_bits, sizeof(BYTE) == 1);
ABI_ASSERT(word_is_16_bits, sizeof(WORD) == 2);
ABI_ASSERT(alg_id_is_32_bits, sizeof(ALG_ID) == 4);
ABI_ASSERT(alg_id_is_unsigned, (ALG_ID)-1 > 0);
ABI_ASSERT(hcryptprov_is_pointer_sized, sizeof(HCRYPTPROV) == sizeof(void *));
ABI_ASSERT(hcryptkey_is_pointer_sized, sizeof(HCRYPTKEY) == sizeof(void *));
ABI_ASSERT(hcrypthash_is_pointer_sized, sizeof(HCRYPTHASH) == sizeof(void *));
ABI_ASSERT(wchar_is_wchar_t, sizeof(WCHAR) == sizeof(wchar_t));

/* ---- BLOBHEADER / PUBLICKEYSTRUC, 8 bytes (§6.1) ---------------------------------------- */
ABI_ASSERT(blobheader_size, sizeof(BLOBHEADER) == 8);
ABI_ASSERT(blobheader_type, offsetof(BLOBHEADER, bType) == 0);
ABI_ASSERT(blobheader_version, offsetof(BLOBHEADER, bVersion) == 1);
ABI_ASSERT(blobheader_reserved, offsetof(BLOBHEADER, reserved) == 2);
ABI_ASSERT(blobheader_alg, offsetof(BLOBHEADER, aiKeyAlg) == 4);
ABI_ASSERT(publickeystruc_is_blobheader, sizeof(PUBLICKEYSTRUC) == sizeof(BLOBHEADER));

/* ---- RSAPUBKEY, 12 bytes (§6.2) ----------------------------------------------------------- */
ABI_ASSERT(rsapubkey_size, sizeof(RSAPUBKEY) == 12);
ABI_ASSERT(rsapubkey_magic, offsetof(RSAPUBKEY, magic) == 0);
ABI_ASSERT(rsapubkey_bitlen, offsetof(RSAPUBKEY, bitlen) == 4);
ABI_ASSERT(rsapubkey_pubexp, offsetof(RSAPUBKEY, pubexp) == 8);

/* ---- PROV_ENUMALGS, 32 bytes (§4.3) ------------------------------------------------------- */
ABI_ASSERT(enumalgs_size, sizeof(PROV_ENUMALGS) == 32);
ABI_ASSERT(enumalgs_algid, offsetof(PROV_ENUMALGS, aiAlgid) == 0);
ABI_ASSERT(enumalgs_bitlen, offsetof(PROV_ENUMALGS, dwBitLen) == 4);
ABI_ASSERT(enumalgs_namelen, offsetof(PROV_ENUMALGS, dwNameLen) == 8);
ABI_ASSERT(enumalgs_name, offsetof(PROV_ENUMALGS, szName) == 12);

/* ---- PROV_ENUMALGS_EX, 88 bytes (§4.3) ---------------------------------------------------- */
ABI_ASSERT(enumalgs_ex_size, sizeof(PROV_ENUMALGS_EX) == 88);
ABI_ASSERT(enumalgs_ex_algid, offsetof(PROV_ENUMALGS_EX, aiAlgid) == 0);
ABI_ASSERT(enumalgs_ex_default, offsetof(PROV_ENUMALGS_EX, dwDefaultLen) == 4);
ABI_ASSERT(enumalgs_ex_min, offsetof(PROV_ENUMALGS_EX, dwMinLen) == 8);
ABI_ASSERT(enumalgs_ex_max, offsetof(PROV_ENUMALGS_EX, dwMaxLen) == 12);
ABI_ASSERT(enumalgs_ex_protocols, offsetof(PROV_ENUMALGS_EX, dwProtocols) == 16);
ABI_ASSERT(enumalgs_ex_namelen, offsetof(PROV_ENUMALGS_EX, dwNameLen) == 20);
ABI_ASSERT(enumalgs_ex_name, offsetof(PROV_ENUMALGS_EX, szName) == 24);
ABI_ASSERT(enumalgs_ex_longnamelen, offsetof(PROV_ENUMALGS_EX, dwLongNameLen) == 44);
ABI_ASSERT(enumalgs_ex_longname, offsetof(PROV_ENUMALGS_EX, szLongName) == 48);

/* ---- HMAC_INFO (§8): natural C layout, pointers at pointer alignment, as on Windows ------ */
ABI_ASSERT(hmac_info_algid, offsetof(HMAC_INFO, HashAlgid) == 0);
ABI_ASSERT(hmac_info_inner, offsetof(HMAC_INFO, pbInnerString) == ROUND_UP(4, POINTER_SIZE));
ABI_ASSERT(hmac_info_inner_len,
           offsetof(HMAC_INFO, cbInnerString) == offsetof(HMAC_INFO, pbInnerString) + POINTER_SIZE);
ABI_ASSERT(hmac_info_outer, offsetof(HMAC_INFO, pbOuterString) ==
                                ROUND_UP(offsetof(HMAC_INFO, cbInnerString) + 4, POINTER_SIZE));
ABI_ASSERT(hmac_info_outer_len,
           offsetof(HMAC_INFO, cbOuterString) == offsetof(HMAC_INFO, pbOuterString) + POINTER_SIZE);
ABI_ASSERT(hmac_info_size,
           sizeof(HMAC_INFO) == ROUND_UP(offsetof(HMAC_INFO, cbOuterString) + 4, POINTER_SIZE));

/* ---- CRYPT_INTEGER_BLOB family (§8) ------------------------------------------------------- */
ABI_ASSERT(blob_count, offsetof(CRYPT_INTEGER_BLOB, cbData) == 0);
ABI_ASSERT(blob_data, offsetof(CRYPT_INTEGER_BLOB, pbData) == ROUND_UP(4, POINTER_SIZE));
ABI_ASSERT(blob_size, sizeof(CRYPT_DATA_BLOB) == 2 * ROUND_UP(4, POINTER_SIZE));

/* ---- ALG_ID building blocks and every CALG_ of §8 ---------------------------------------- */
ABI_ASSERT(class_hash, ALG_CLASS_HASH == 0x8000 && ALG_CLASS_ALL == 0xE000);
ABI_ASSERT(type_block, ALG_TYPE_BLOCK == 0x0600 && ALG_TYPE_SECURECHANNEL == 0x0C00);
ABI_ASSERT(get_alg_class, GET_ALG_CLASS(0xA400) == 0xA000);
ABI_ASSERT(get_alg_type, GET_ALG_TYPE(0x6801) == 0x0800);
ABI_ASSERT(get_alg_sid, GET_ALG_SID(0x6610) == 0x0010);

ABI_ASSERT(calg_md2, CALG_MD2 == 0x8001);
ABI_ASSERT(calg_md4, CALG_MD4 == 0x8002);
ABI_ASSERT(calg_md5, CALG_MD5 == 0x8003);
ABI_ASSERT(calg_sha, CALG_SHA == 0x8004 && CALG_SHA1 == 0x8004);
ABI_ASSERT(calg_mac, CALG_MAC == 0x8005);
ABI_ASSERT(calg_ssl3_shamd5, CALG_SSL3_SHAMD5 == 0x8008);
ABI_ASSERT(calg_hmac, CALG_HMAC == 0x8009);
ABI_ASSERT(calg_tls1prf, CALG_TLS1PRF == 0x800A);
ABI_ASSERT(calg_hash_replace_owf, CALG_HASH_REPLACE_OWF == 0x800B);
ABI_ASSERT(calg_sha_256, CALG_SHA_256 == 0x800C);
ABI_ASSERT(calg_sha_384, CALG_SHA_384 == 0x800D);
ABI_ASSERT(calg_sha_512, CALG_SHA_512 == 0x800E);
ABI_ASSERT(calg_des, CALG_DES == 0x6601);
ABI_ASSERT(calg_rc2, CALG_RC2 == 0x6602);
ABI_ASSERT(calg_3des, CALG_3DES == 0x6603);
ABI_ASSERT(calg_desx, CALG_DESX == 0x6604);
ABI_ASSERT(calg_3des_112, CALG_3DES_112 == 0x6609);
ABI_ASSERT(calg_skipjack, CALG_SKIPJACK == 0x660A);
ABI_ASSERT(calg_tek, CALG_TEK == 0x660B);
ABI_ASSERT(calg_cylink_mek, CALG_CYLINK_MEK == 0x660C);
ABI_ASSERT(calg_rc5, CALG_RC5 == 0x660D);
ABI_ASSERT(calg_aes_128, CALG_AES_128 == 0x660E);
ABI_ASSERT(calg_aes_192, CALG_AES_192 == 0x660F);
ABI_ASSERT(calg_aes_256, CALG_AES_256 == 0x6610);
ABI_ASSERT(calg_aes, CALG_AES == 0x6611);
ABI_ASSERT(calg_rc4, CALG_RC4 == 0x6801);
ABI_ASSERT(calg_seal, CALG_SEAL == 0x6802);
ABI_ASSERT(calg_rsa_sign, CALG_RSA_SIGN == 0x2400);
ABI_ASSERT(calg_rsa_keyx, CALG_RSA_KEYX == 0xA400);
ABI_ASSERT(calg_dss_sign, CALG_DSS_SIGN == 0x2200);
ABI_ASSERT(calg_no_sign, CALG_NO_SIGN == 0x2000);
ABI_ASSERT(calg_dh_sf, CALG_DH_SF == 0xAA01);
ABI_ASSERT(calg_dh_ephem, CALG_DH_EPHEM == 0xAA02);
ABI_ASSERT(calg_agreedkey_any, CALG_AGREEDKEY_ANY == 0xAA03);
ABI_ASSERT(calg_kea_keyx, CALG_KEA_KEYX == 0xAA04);
ABI_ASSERT(calg_hughes_md5, CALG_HUGHES_MD5 == 0xA003);
ABI_ASSERT(calg_ssl3_master, CALG_SSL3_MASTER == 0x4C01);
ABI_ASSERT(calg_schannel_master_hash, CALG_SCHANNEL_MASTER_HASH == 0x4C02);
ABI_ASSERT(calg_schannel_mac_key, CALG_SCHANNEL_MAC_KEY == 0x4C03);
ABI_ASSERT(calg_pct1_master, CALG_PCT1_MASTER == 0x4C04);
ABI_ASSERT(calg_ssl2_master, CALG_SSL2_MASTER == 0x4C05);
ABI_ASSERT(calg_tls1_master, CALG_TLS1_MASTER == 0x4C06);
ABI_ASSERT(calg_schannel_enc_key, CALG_SCHANNEL_ENC_KEY == 0x4C07);
ABI_ASSERT(at_keyspecs, AT_KEYEXCHANGE == 1 && AT_SIGNATURE == 2);

/* ---- Spot checks of the other §8 tables ---------------------------------------------------- */
ABI_ASSERT(prov_types, PROV_RSA_FULL == 1 && PROV_DSS_DH == 13 && PROV_DH_SCHANNEL == 18 &&
                           PROV_RSA_AES == 24);
ABI_ASSERT(hp_params, HP_ALGID == 1 && HP_HASHVAL == 2 && HP_HASHSIZE == 4 && HP_HMAC_INFO == 5 &&
                          HP_TLS1PRF_SEED == 7);
ABI_ASSERT(kp_params, KP_IV == 1 && KP_SALT_EX == 0xA && KP_EFFECTIVE_KEYLEN == 0x13 &&
                          KP_KEYVAL == 0x1E && KP_OAEP_PARAMS == 0x24 && KP_GET_USE_COUNT == 0x2A);
ABI_ASSERT(pp_params, PP_ENUMALGS == 1 && PP_CONTAINER == 6 && PP_PROVTYPE == 0x10 &&
                          PP_ENUMALGS_EX == 0x16 && PP_UNIQUE_CONTAINER == 0x24 &&
                          PP_KEYSPEC == 0x27 && PP_CRYPT_COUNT_KEY_USE == 0x29);
ABI_ASSERT(pp_set_params, PP_CLIENT_HWND == 1 && PP_CONTEXT_INFO == 0xB && PP_DELETEKEY == 0x18);
ABI_ASSERT(acquire_flags, CRYPT_VERIFYCONTEXT == 0xF0000000u && CRYPT_NEWKEYSET == 0x8 &&
                              CRYPT_DELETEKEYSET == 0x10 && CRYPT_MACHINE_KEYSET == 0x20 &&
                              CRYPT_SILENT == 0x40 && CRYPT_DEFAULT_CONTAINER_OPTIONAL == 0x80);
ABI_ASSERT(genkey_flags, CRYPT_EXPORTABLE == 0x1 && CRYPT_CREATE_SALT == 0x4 &&
                             CRYPT_NO_SALT == 0x10 && CRYPT_ARCHIVABLE == 0x4000 &&
                             RSA1024BIT_KEY == (1024 << 16));
ABI_ASSERT(blob_flags, CRYPT_OAEP == 0x40 && CRYPT_IPSEC_HMAC_KEY == 0x100 &&
                           CRYPT_DECRYPT_RSA_NO_PADDING_CHECK == 0x20);
ABI_ASSERT(sign_flags, CRYPT_NOHASHOID == 1 && CRYPT_TYPE2_FORMAT == 2 && CRYPT_X931_FORMAT == 4);
ABI_ASSERT(modes, CRYPT_MODE_CBC == 1 && CRYPT_MODE_CFB == 4 && CRYPT_MODE_CTS == 5);
ABI_ASSERT(permissions, (CRYPT_ENCRYPT | CRYPT_DECRYPT | CRYPT_READ | CRYPT_WRITE | CRYPT_MAC) == 0x3B &&
                            CRYPT_ARCHIVE == 0x100);
ABI_ASSERT(blob_types, SIMPLEBLOB == 1 && PUBLICKEYBLOB == 6 && PRIVATEKEYBLOB == 7 &&
                           PLAINTEXTKEYBLOB == 8 && KEYSTATEBLOB == 0xC && CUR_BLOB_VERSION == 2);
ABI_ASSERT(rsa_magic, TINYCAPI_RSA1_MAGIC == 0x31415352u && TINYCAPI_RSA2_MAGIC == 0x32415352u);
ABI_ASSERT(protocols, (CRYPT_FLAG_SIGNING | CRYPT_FLAG_IPSEC) == 0x30);

/* ---- Error codes (§8) ---------------------------------------------------------------------- */
ABI_ASSERT(nte_first, NTE_BAD_UID == 0x80090001u);
ABI_ASSERT(nte_bad_flags, NTE_BAD_FLAGS == 0x80090009u);
ABI_ASSERT(nte_no_memory, NTE_NO_MEMORY == 0x8009000Eu);
ABI_ASSERT(nte_bad_keyset, NTE_BAD_KEYSET == 0x80090016u);
ABI_ASSERT(nte_prov_type_not_def, NTE_PROV_TYPE_NOT_DEF == 0x80090017u);
ABI_ASSERT(nte_fail, NTE_FAIL == 0x80090020u);
ABI_ASSERT(nte_last, NTE_FIXEDPARAMETER == 0x80090025u);
ABI_ASSERT(nte_is_dword, sizeof(NTE_BAD_KEY) == sizeof(DWORD));
ABI_ASSERT(win32_errors, ERROR_SUCCESS == 0 && ERROR_INVALID_HANDLE == 6 &&
                             ERROR_NOT_ENOUGH_MEMORY == 8 && ERROR_INVALID_PARAMETER == 87 &&
                             ERROR_CALL_NOT_IMPLEMENTED == 120 && ERROR_INSUFFICIENT_BUFFER == 122 &&
                             ERROR_BUSY == 170 && ERROR_MORE_DATA == 234 &&
                             ERROR_NO_MORE_ITEMS == 259 && ERROR_NO_TOKEN == 1008 &&
                             ERROR_INTERNAL_ERROR == 1359);
ABI_ASSERT(error_is_dword, sizeof(ERROR_INVALID_PARAMETER) == sizeof(DWORD));

/* The codes are usable in #if, like Windows' ERROR_* (no casts in them). */
#if ERROR_MORE_DATA != 234 || NTE_BAD_SIGNATURE != 0x80090006
#error "error codes must be usable in preprocessor conditions"
#endif

/* The generic function names follow UNICODE (this TU: not defined). */
#ifdef UNICODE
#error "abi_check.c is the ANSI build"
#endif
ABI_ASSERT(generic_provider_is_ansi, sizeof(MS_DEF_PROV[0]) == sizeof(char));

/* Returns the number of failed run-time checks; each failure is printed by the caller. */
int c99_runtime_checks(void)
{
    int failures = 0;
    DWORD last_error = ERROR_MORE_DATA;

    /* A switch over every NTE code compiles only if no two share a value. */
    switch (last_error) {
    case NTE_BAD_UID: case NTE_BAD_HASH: case NTE_BAD_KEY: case NTE_BAD_LEN:
    case NTE_BAD_DATA: case NTE_BAD_SIGNATURE: case NTE_BAD_VER: case NTE_BAD_ALGID:
    case NTE_BAD_FLAGS: case NTE_BAD_TYPE: case NTE_BAD_KEY_STATE: case NTE_BAD_HASH_STATE:
    case NTE_NO_KEY: case NTE_NO_MEMORY: case NTE_EXISTS: case NTE_PERM:
    case NTE_NOT_FOUND: case NTE_DOUBLE_ENCRYPT: case NTE_BAD_PROVIDER: case NTE_BAD_PROV_TYPE:
    case NTE_BAD_PUBLIC_KEY: case NTE_BAD_KEYSET: case NTE_PROV_TYPE_NOT_DEF:
    case NTE_PROV_TYPE_ENTRY_BAD: case NTE_KEYSET_NOT_DEF: case NTE_KEYSET_ENTRY_BAD:
    case NTE_PROV_TYPE_NO_MATCH: case NTE_SIGNATURE_FILE_BAD: case NTE_PROVIDER_DLL_FAIL:
    case NTE_PROV_DLL_NOT_FOUND: case NTE_BAD_KEYSET_PARAM: case NTE_FAIL: case NTE_SYS_ERR:
    case NTE_SILENT_CONTEXT: case NTE_TOKEN_KEYSET_STORAGE_FULL: case NTE_TEMPORARY_PROFILE:
    case NTE_FIXEDPARAMETER:
        failures += header_check_failed("ERROR_MORE_DATA collides with an NTE_ code");
        break;
    default:
        break;
    }

    /* Provider names of §4.1, generic form = ANSI form here. */
    failures += strcmp(MS_DEF_PROV, "Microsoft Base Cryptographic Provider v1.0") != 0 ?
                    header_check_failed("MS_DEF_PROV differs from §4.1") : 0;
    failures += strcmp(MS_STRONG_PROV, "Microsoft Strong Cryptographic Provider") != 0 ?
                    header_check_failed("MS_STRONG_PROV differs from §4.1") : 0;
    failures += strcmp(MS_ENHANCED_PROV, "Microsoft Enhanced Cryptographic Provider v1.0") != 0 ?
                    header_check_failed("MS_ENHANCED_PROV differs from §4.1") : 0;
    failures += strcmp(MS_ENH_RSA_AES_PROV, "Microsoft Enhanced RSA and AES Cryptographic Provider") != 0 ?
                    header_check_failed("MS_ENH_RSA_AES_PROV differs from §4.1") : 0;
    failures += strcmp(MS_ENH_RSA_AES_PROV_XP,
                       "Microsoft Enhanced RSA and AES Cryptographic Provider (Prototype)") != 0 ?
                    header_check_failed("MS_ENH_RSA_AES_PROV_XP differs from §4.1") : 0;
    failures += strcmp(MS_DEF_RSA_SCHANNEL_PROV, "Microsoft RSA SChannel Cryptographic Provider") != 0 ?
                    header_check_failed("MS_DEF_RSA_SCHANNEL_PROV differs from §4.1") : 0;
    return failures;
}
