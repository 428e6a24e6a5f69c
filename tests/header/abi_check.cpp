// <tinycapi/wincrypt.h> as a C++17 translation unit (-pedantic -Werror, the project's
// warnings including -Wold-style-cast): the Windows ABI of the types and the exact
// parameter types of every declared function, as in Microsoft's wincrypt.h.
#include <tinycapi/wincrypt.h>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "header_checks.h"

namespace {

#if ULONG_MAX == 0xffffffffUL
static_assert(std::is_same<DWORD, unsigned long>::value, "DWORD is unsigned long where that is 32 bits, as on Windows");
#else
static_assert(std::is_same<DWORD, std::uint32_t>::value, "DWORD is a 32-bit unsigned where long is 64 bits");
#endif
static_assert(sizeof(DWORD) == 4 && std::is_unsigned<DWORD>::value, "DWORD is a 32-bit unsigned");
static_assert(std::is_same<BOOL, int>::value, "BOOL is int");
static_assert(std::is_same<BYTE, std::uint8_t>::value, "BYTE is an 8-bit unsigned");
static_assert(std::is_same<ALG_ID, std::uint32_t>::value, "ALG_ID is a 32-bit unsigned");
static_assert(std::is_same<ULONG_PTR, std::uintptr_t>::value, "ULONG_PTR is uintptr_t");
static_assert(std::is_same<HCRYPTPROV, ULONG_PTR>::value && std::is_same<HCRYPTKEY, ULONG_PTR>::value &&
                  std::is_same<HCRYPTHASH, ULONG_PTR>::value,
              "CryptoAPI handles are ULONG_PTR");
static_assert(sizeof(HCRYPTPROV) == sizeof(void *), "handles are pointer-sized");
static_assert(std::is_same<WCHAR, wchar_t>::value, "WCHAR is wchar_t so that L\"\" literals work");
static_assert(std::is_same<LPCSTR, const char *>::value && std::is_same<LPCWSTR, const wchar_t *>::value,
              "string pointer types");
static_assert(std::is_same<LPBYTE, BYTE *>::value && std::is_same<PDWORD, DWORD *>::value &&
                  std::is_same<LPDWORD, DWORD *>::value,
              "buffer pointer types");
static_assert(std::is_standard_layout<BLOBHEADER>::value && std::is_standard_layout<PROV_ENUMALGS_EX>::value,
              "structures are plain C");
static_assert(sizeof(BLOBHEADER) == 8 && sizeof(RSAPUBKEY) == 12 && sizeof(PROV_ENUMALGS) == 32 &&
                  sizeof(PROV_ENUMALGS_EX) == 88,
              "structure sizes of reference §4.3 and §6");
static_assert(offsetof(PROV_ENUMALGS_EX, szLongName) == 48, "PROV_ENUMALGS_EX layout (§4.3)");

// The error codes have DWORD's type, so EXPECT_EQ(GetLastError(), NTE_BAD_KEY) and a
// switch on a DWORD need no casts (§8 values).
static_assert(std::is_same<std::decay_t<decltype(NTE_BAD_KEY)>, DWORD>::value, "NTE_ codes are DWORDs");
static_assert(std::is_same<std::decay_t<decltype(ERROR_BUSY)>, DWORD>::value, "ERROR_ codes are DWORDs");
static_assert(NTE_BAD_KEY == 0x80090003u && NTE_BAD_KEYSET == 0x80090016u && ERROR_BUSY == 170,
              "error values of §8");
static_assert(static_cast<std::int32_t>(NTE_BAD_DATA) < 0, "as an HRESULT an NTE_ code is a failure");

// Exact parameter types of Windows' declarations (WINAPI is empty here).
template <typename Declared, typename Windows>
constexpr bool same_signature = std::is_same<Declared, Windows>::value;

static_assert(same_signature<decltype(CryptAcquireContextA), BOOL(HCRYPTPROV *, LPCSTR, LPCSTR, DWORD, DWORD)>);
static_assert(same_signature<decltype(CryptAcquireContextW), BOOL(HCRYPTPROV *, LPCWSTR, LPCWSTR, DWORD, DWORD)>);
static_assert(same_signature<decltype(CryptReleaseContext), BOOL(HCRYPTPROV, DWORD)>);
static_assert(same_signature<decltype(CryptContextAddRef), BOOL(HCRYPTPROV, DWORD *, DWORD)>);
static_assert(same_signature<decltype(CryptGenRandom), BOOL(HCRYPTPROV, DWORD, BYTE *)>);
static_assert(same_signature<decltype(CryptGetProvParam), BOOL(HCRYPTPROV, DWORD, BYTE *, DWORD *, DWORD)>);
static_assert(same_signature<decltype(CryptSetProvParam), BOOL(HCRYPTPROV, DWORD, const BYTE *, DWORD)>);
static_assert(same_signature<decltype(CryptCreateHash), BOOL(HCRYPTPROV, ALG_ID, HCRYPTKEY, DWORD, HCRYPTHASH *)>);
static_assert(same_signature<decltype(CryptHashData), BOOL(HCRYPTHASH, const BYTE *, DWORD, DWORD)>);
static_assert(same_signature<decltype(CryptGetHashParam), BOOL(HCRYPTHASH, DWORD, BYTE *, DWORD *, DWORD)>);
static_assert(same_signature<decltype(CryptSetHashParam), BOOL(HCRYPTHASH, DWORD, const BYTE *, DWORD)>);
static_assert(same_signature<decltype(CryptDuplicateHash), BOOL(HCRYPTHASH, DWORD *, DWORD, HCRYPTHASH *)>);
static_assert(same_signature<decltype(CryptDestroyHash), BOOL(HCRYPTHASH)>);
static_assert(same_signature<decltype(CryptHashSessionKey), BOOL(HCRYPTHASH, HCRYPTKEY, DWORD)>);
static_assert(same_signature<decltype(CryptDeriveKey), BOOL(HCRYPTPROV, ALG_ID, HCRYPTHASH, DWORD, HCRYPTKEY *)>);
static_assert(same_signature<decltype(CryptGenKey), BOOL(HCRYPTPROV, ALG_ID, DWORD, HCRYPTKEY *)>);
static_assert(
    same_signature<decltype(CryptImportKey), BOOL(HCRYPTPROV, const BYTE *, DWORD, HCRYPTKEY, DWORD, HCRYPTKEY *)>);
static_assert(same_signature<decltype(CryptExportKey), BOOL(HCRYPTKEY, HCRYPTKEY, DWORD, DWORD, BYTE *, DWORD *)>);
static_assert(
    same_signature<decltype(CryptEncrypt), BOOL(HCRYPTKEY, HCRYPTHASH, BOOL, DWORD, BYTE *, DWORD *, DWORD)>);
static_assert(same_signature<decltype(CryptDecrypt), BOOL(HCRYPTKEY, HCRYPTHASH, BOOL, DWORD, BYTE *, DWORD *)>);
static_assert(same_signature<decltype(CryptGetKeyParam), BOOL(HCRYPTKEY, DWORD, BYTE *, DWORD *, DWORD)>);
static_assert(same_signature<decltype(CryptSetKeyParam), BOOL(HCRYPTKEY, DWORD, const BYTE *, DWORD)>);
static_assert(same_signature<decltype(CryptDuplicateKey), BOOL(HCRYPTKEY, DWORD *, DWORD, HCRYPTKEY *)>);
static_assert(same_signature<decltype(CryptDestroyKey), BOOL(HCRYPTKEY)>);
static_assert(same_signature<decltype(CryptGetUserKey), BOOL(HCRYPTPROV, DWORD, HCRYPTKEY *)>);
static_assert(same_signature<decltype(CryptSignHashA), BOOL(HCRYPTHASH, DWORD, LPCSTR, DWORD, BYTE *, DWORD *)>);
static_assert(same_signature<decltype(CryptSignHashW), BOOL(HCRYPTHASH, DWORD, LPCWSTR, DWORD, BYTE *, DWORD *)>);
static_assert(
    same_signature<decltype(CryptVerifySignatureA), BOOL(HCRYPTHASH, const BYTE *, DWORD, HCRYPTKEY, LPCSTR, DWORD)>);
static_assert(
    same_signature<decltype(CryptVerifySignatureW), BOOL(HCRYPTHASH, const BYTE *, DWORD, HCRYPTKEY, LPCWSTR, DWORD)>);
static_assert(same_signature<decltype(GetLastError), DWORD()>);
static_assert(same_signature<decltype(SetLastError), void(DWORD)>);

// Without UNICODE the generic names are the A functions and the ANSI provider names.
#ifdef UNICODE
#error "abi_check.cpp is the ANSI build"
#endif
static_assert(same_signature<decltype(CryptAcquireContext), decltype(CryptAcquireContextA)>);
static_assert(same_signature<decltype(CryptSignHash), decltype(CryptSignHashA)>);
static_assert(same_signature<decltype(CryptVerifySignature), decltype(CryptVerifySignatureA)>);
static_assert(std::is_same<std::decay_t<decltype(MS_ENH_RSA_AES_PROV[0])>, char>::value);

// The _A and _W spellings of a provider name must be the same text.
template <std::size_t NarrowLength, std::size_t WideLength>
bool same_text(const char (&narrow)[NarrowLength], const wchar_t (&wide)[WideLength]) {
    if (NarrowLength != WideLength) return false;
    for (std::size_t i = 0; i < NarrowLength; ++i) {
        if (static_cast<wchar_t>(narrow[i]) != wide[i]) return false;
    }
    return true;
}

}  // namespace

extern "C" int cxx_runtime_checks(void) {
    int failures = 0;
    struct NamePair {
        bool same;
        const char *name;
    };
    const NamePair pairs[] = {
        {same_text(MS_DEF_PROV_A, MS_DEF_PROV_W), "MS_DEF_PROV_A/_W"},
        {same_text(MS_STRONG_PROV_A, MS_STRONG_PROV_W), "MS_STRONG_PROV_A/_W"},
        {same_text(MS_ENHANCED_PROV_A, MS_ENHANCED_PROV_W), "MS_ENHANCED_PROV_A/_W"},
        {same_text(MS_ENH_RSA_AES_PROV_A, MS_ENH_RSA_AES_PROV_W), "MS_ENH_RSA_AES_PROV_A/_W"},
        {same_text(MS_ENH_RSA_AES_PROV_XP_A, MS_ENH_RSA_AES_PROV_XP_W), "MS_ENH_RSA_AES_PROV_XP_A/_W"},
        {same_text(MS_DEF_RSA_SIG_PROV_A, MS_DEF_RSA_SIG_PROV_W), "MS_DEF_RSA_SIG_PROV_A/_W"},
        {same_text(MS_DEF_RSA_SCHANNEL_PROV_A, MS_DEF_RSA_SCHANNEL_PROV_W), "MS_DEF_RSA_SCHANNEL_PROV_A/_W"},
        {same_text(MS_DEF_DSS_PROV_A, MS_DEF_DSS_PROV_W), "MS_DEF_DSS_PROV_A/_W"},
        {same_text(MS_DEF_DSS_DH_PROV_A, MS_DEF_DSS_DH_PROV_W), "MS_DEF_DSS_DH_PROV_A/_W"},
        {same_text(MS_ENH_DSS_DH_PROV_A, MS_ENH_DSS_DH_PROV_W), "MS_ENH_DSS_DH_PROV_A/_W"},
        {same_text(MS_DEF_DH_SCHANNEL_PROV_A, MS_DEF_DH_SCHANNEL_PROV_W), "MS_DEF_DH_SCHANNEL_PROV_A/_W"},
    };
    for (const NamePair &pair : pairs) {
        if (!pair.same) failures += header_check_failed(pair.name);
    }

    // A DWORD last-error compares with the codes without casts or sign warnings (§1.1).
    const DWORD last_error = 0x80090016u;
    if (!(last_error == NTE_BAD_KEYSET)) failures += header_check_failed("DWORD == NTE_BAD_KEYSET");
    if (last_error == ERROR_INVALID_PARAMETER) failures += header_check_failed("DWORD != ERROR_INVALID_PARAMETER");
    return failures;
}
