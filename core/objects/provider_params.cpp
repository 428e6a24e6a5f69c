#include "provider_params.hpp"

#include <string.h>

#include "key_container.hpp"
#include "size_query.hpp"

namespace tinycapi::objects {
namespace {

// Windows answers a PP_ENUMCONTAINERS size query with MAX_PATH + 1 whatever the names are
// (reference §1.2, Windows-validated).
constexpr DWORD kEnumContainersSize = 260 + 1;  // MAX_PATH + 1

Error copy_out_string(const char *text, BYTE *data, DWORD *length) {
    return copy_out(text, static_cast<DWORD>(strlen(text) + 1), data, length);
}

// The algorithm tables' names fit their fields (Windows' own names, checked by the
// PP_ENUMALGS tests); the bound keeps a longer one from overrunning the field all the same.
void copy_name(char *field, size_t field_size, const char *name) {
    memset(field, 0, field_size);  // Windows NUL-pads the fixed-size name fields
    const size_t length = strlen(name);
    memcpy(field, name, length < field_size ? length : field_size - 1);  // NOLINT(bugprone-not-null-terminated-result): the memset above NUL-fills the field
}

// PP_ENUMALGS and PP_ENUMALGS_EX share one cursor per context (reference §4.3). A size
// query or a short buffer leaves the cursor where it was.
Error enumerate_algorithm(Provider &provider, bool extended, BYTE *data, DWORD *length, DWORD flags) {
    const Personality &personality = *provider.personality;
    const size_t index = (flags & CRYPT_FIRST) ? 0 : provider.enum_algorithms_next.load(std::memory_order_relaxed);
    if (index >= personality.algorithm_count) return Error::no_more_items;
    const AlgorithmInfo &info = *personality.algorithms[index];
    const AlgorithmNames names = algorithm_names(info.algorithm);
    const DWORD name_length = static_cast<DWORD>(strlen(names.name) + 1);
    Error e;
    if (extended) {
        PROV_ENUMALGS_EX entry;
        entry.aiAlgid = info.algorithm;
        entry.dwDefaultLen = info.default_bits;
        entry.dwMinLen = info.min_bits;
        entry.dwMaxLen = info.max_bits;
        entry.dwProtocols = info.protocols;
        entry.dwNameLen = name_length;
        copy_name(entry.szName, sizeof entry.szName, names.name);
        entry.dwLongNameLen = static_cast<DWORD>(strlen(names.long_name) + 1);
        copy_name(entry.szLongName, sizeof entry.szLongName, names.long_name);
        e = copy_out(&entry, sizeof entry, data, length);
    } else {
        PROV_ENUMALGS entry;
        entry.aiAlgid = info.algorithm;
        entry.dwBitLen = info.default_bits;
        entry.dwNameLen = name_length;
        copy_name(entry.szName, sizeof entry.szName, names.name);
        e = copy_out(&entry, sizeof entry, data, length);
    }
    if (e == Error::none && data != nullptr) {
        provider.enum_algorithms_next.store(static_cast<uint16_t>(index + 1), std::memory_order_relaxed);
    }
    return e;
}

// PP_ENUMCONTAINERS: a successful read leaves *length as it was (reference §1.2,
// Windows-validated).
Error enumerate_container(Provider &provider, BYTE *data, DWORD *length, DWORD flags) {
    if (data == nullptr) {
        *length = kEnumContainersSize;
        return Error::none;
    }
    const size_t index = (flags & CRYPT_FIRST) ? 0 : provider.enum_containers_next.load(std::memory_order_relaxed);
    char name[TINYCAPI_CONTAINER_NAME_MAX];
    if (Error e = container_name_at(provider.name_space, index, name, sizeof name); e != Error::none) return e;
    const size_t needed = strlen(name) + 1;
    if (*length < needed) {
        *length = kEnumContainersSize;
        return Error::more_data;
    }
    memcpy(data, name, needed);
    provider.enum_containers_next.store(static_cast<uint16_t>(index + 1), std::memory_order_relaxed);
    return Error::none;
}

}  // namespace

Error get_provider_param(Provider &provider, DWORD param, BYTE *data, DWORD *length, DWORD flags) {
    switch (param) {
        case PP_NAME: return copy_out_string(provider.provider_name, data, length);
        // PP_UNIQUE_CONTAINER is the container name, as in Wine (docs/COMPATIBILITY.md).
        case PP_CONTAINER:
        case PP_UNIQUE_CONTAINER: return copy_out_string(provider.container, data, length);
        case PP_PROVTYPE: return copy_out_dword(provider.personality->provider_type, data, length);
        case PP_IMPTYPE: return copy_out_dword(CRYPT_IMPL_SOFTWARE, data, length);
        case PP_VERSION: return copy_out_dword(0x200, data, length);  // 2.0, as Microsoft's CSPs report
        case PP_KEYSPEC: return copy_out_dword(AT_KEYEXCHANGE | AT_SIGNATURE, data, length);
        case PP_KEYSET_TYPE: return copy_out_dword(provider.name_space ? CRYPT_MACHINE_KEYSET : 0, data, length);
        case PP_KEYSTORAGE: return copy_out_dword(CRYPT_SEC_DESCR, data, length);
        case PP_SIG_KEYSIZE_INC:
        case PP_KEYX_KEYSIZE_INC: return copy_out_dword(8, data, length);
        case PP_ENUMALGS: return enumerate_algorithm(provider, false, data, length, flags);
        case PP_ENUMALGS_EX: return enumerate_algorithm(provider, true, data, length, flags);
        case PP_ENUMCONTAINERS: return enumerate_container(provider, data, length, flags);
        default: return Error::bad_type;
    }
}

Error set_provider_param(Provider &, DWORD param, const BYTE *data, DWORD) {
    // A window for UI prompts: tinycapi never prompts, so it is accepted and ignored.
    if (param == PP_CLIENT_HWND) return data ? Error::none : Error::invalid_parameter;
    return Error::bad_type;
}

}  // namespace tinycapi::objects
