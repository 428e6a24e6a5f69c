// The one result type of core/objects: the Windows error code a failed check reports
// (reference §8), or none. The API layer stores it with SetLastError, once.
#pragma once

#include <tinycapi/wincrypt.h>

namespace tinycapi::objects {

enum class Error : DWORD {
    none = ERROR_SUCCESS,
    invalid_parameter = ERROR_INVALID_PARAMETER,
    not_implemented = ERROR_CALL_NOT_IMPLEMENTED,
    busy = ERROR_BUSY,
    more_data = ERROR_MORE_DATA,
    no_more_items = ERROR_NO_MORE_ITEMS,
    bad_len = NTE_BAD_LEN,
    bad_data = NTE_BAD_DATA,
    bad_signature = NTE_BAD_SIGNATURE,
    bad_algid = NTE_BAD_ALGID,
    bad_flags = NTE_BAD_FLAGS,
    bad_type = NTE_BAD_TYPE,
    bad_key = NTE_BAD_KEY,
    bad_key_state = NTE_BAD_KEY_STATE,
    bad_public_key = NTE_BAD_PUBLIC_KEY,
    bad_hash_state = NTE_BAD_HASH_STATE,
    no_key = NTE_NO_KEY,
    no_memory = NTE_NO_MEMORY,
    exists = NTE_EXISTS,
    bad_prov_type = NTE_BAD_PROV_TYPE,
    bad_provider = NTE_BAD_PROVIDER,
    bad_keyset = NTE_BAD_KEYSET,
    prov_type_not_def = NTE_PROV_TYPE_NOT_DEF,
    keyset_not_def = NTE_KEYSET_NOT_DEF,
    keyset_entry_bad = NTE_KEYSET_ENTRY_BAD,
    prov_type_no_match = NTE_PROV_TYPE_NO_MATCH,
    bad_keyset_param = NTE_BAD_KEYSET_PARAM,
    fail = NTE_FAIL,
    keyset_storage_full = NTE_TOKEN_KEYSET_STORAGE_FULL,
    // crypt32's formats (CryptStringToBinary, CryptDecodeObjectEx, ...).
    file_not_found = ERROR_FILE_NOT_FOUND,
    invalid_data = ERROR_INVALID_DATA,
    not_enough_memory = ERROR_NOT_ENOUGH_MEMORY,
    invalid_argument = E_INVALIDARG,
    asn1_error = CRYPT_E_ASN1_ERROR,
    asn1_eod = CRYPT_E_ASN1_EOD,
    asn1_corrupt = CRYPT_E_ASN1_CORRUPT,
    asn1_large = CRYPT_E_ASN1_LARGE,
    asn1_badtag = CRYPT_E_ASN1_BADTAG,
};

}  // namespace tinycapi::objects
