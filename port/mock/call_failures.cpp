// Failure injection for tests of code that calls tinycapi: rules that make chosen Crypt* calls
// fail with a chosen Windows error (tinycapi_mock_fail_call, <tinycapi/port_mock.h>). tinycapi
// asks tinycapi_port_injected_failure at the start of every entry point.
#include <stdint.h>
#include <string.h>
#include <tinycapi/port.h>
#include <tinycapi/port_mock.h>

#include <mutex>

#include "mock_state.hpp"

namespace {

// Every entry point tinycapi exports that can fail (GetLastError and SetLastError cannot).
constexpr const char *kEntryPoints[] = {
    "CryptAcquireContextA",   "CryptAcquireContextW",     "CryptContextAddRef",      "CryptReleaseContext",
    "CryptGenRandom",         "CryptGetProvParam",        "CryptSetProvParam",       "CryptCreateHash",
    "CryptHashData",          "CryptGetHashParam",        "CryptSetHashParam",       "CryptDuplicateHash",
    "CryptDestroyHash",       "CryptHashSessionKey",      "CryptDeriveKey",          "CryptGenKey",
    "CryptImportKey",         "CryptExportKey",           "CryptEncrypt",            "CryptDecrypt",
    "CryptGetKeyParam",       "CryptSetKeyParam",         "CryptDuplicateKey",       "CryptDestroyKey",
    "CryptGetUserKey",        "CryptSignHashA",           "CryptSignHashW",          "CryptVerifySignatureA",
    "CryptVerifySignatureW",  "CryptEnumProvidersA",      "CryptEnumProvidersW",     "CryptEnumProviderTypesA",
    "CryptEnumProviderTypesW", "CryptGetDefaultProviderA", "CryptGetDefaultProviderW", "CryptSetProviderA",
    "CryptSetProviderW",      "CryptSetProviderExA",      "CryptSetProviderExW",
    // crypt32's key formats
    "CryptStringToBinaryA",   "CryptStringToBinaryW",     "CryptBinaryToStringA",    "CryptBinaryToStringW",
    "CryptDecodeObject",      "CryptDecodeObjectEx",      "CryptEncodeObject",       "CryptEncodeObjectEx",
    "CryptImportPublicKeyInfo", "CryptImportPublicKeyInfoEx", "CryptExportPublicKeyInfo",
    "CryptExportPublicKeyInfoEx",
};

constexpr size_t kMaxRules = 8;
constexpr size_t kMaxName = 32;

struct Rule {
    char function[kMaxName];  // an entry point, or a generic name matching its A and W forms
    unsigned skip;            // calls to let through first
    unsigned remaining;       // calls still to fail; 0: the rule is spent
    uint32_t error;
};

std::mutex rules_mutex;
Rule rules[kMaxRules];
unsigned injected;

// "CryptDecrypt" matches CryptDecrypt; "CryptSignHash" matches CryptSignHashA and CryptSignHashW.
bool matches(const char *rule, const char *entry_point) {
    const size_t length = strlen(rule);
    if (strncmp(rule, entry_point, length) != 0) return false;
    const char rest = entry_point[length];
    return rest == '\0' || ((rest == 'A' || rest == 'W') && entry_point[length + 1] == '\0');
}

bool names_an_entry_point(const char *function) {
    for (const char *entry_point : kEntryPoints) {
        if (matches(function, entry_point)) return true;
    }
    return false;
}

}  // namespace

namespace tinycapi::mock {

void clear_call_failures() {
    std::lock_guard<std::mutex> guard(rules_mutex);
    for (Rule &rule : rules) rule = Rule{};
    injected = 0;
}

}  // namespace tinycapi::mock

extern "C" {

int tinycapi_mock_fail_call(const char *function, unsigned skip, unsigned count, uint32_t error) {
    if (function == nullptr || strlen(function) >= kMaxName || count == 0 || error == 0) return -1;
    if (!names_an_entry_point(function)) return -1;
    std::lock_guard<std::mutex> guard(rules_mutex);
    for (Rule &rule : rules) {
        if (rule.remaining != 0) continue;
        memcpy(rule.function, function, strlen(function) + 1);
        rule.skip = skip;
        rule.remaining = count;
        rule.error = error;
        return 0;
    }
    return -1;
}

void tinycapi_mock_clear_call_failures(void) { tinycapi::mock::clear_call_failures(); }

unsigned tinycapi_mock_injected_failures(void) {
    std::lock_guard<std::mutex> guard(rules_mutex);
    return injected;
}

uint32_t tinycapi_port_injected_failure(const char *entry_point) {
    std::lock_guard<std::mutex> guard(rules_mutex);
    // Every live rule for this entry point counts the call; the first one due fails it.
    uint32_t error = 0;
    for (Rule &rule : rules) {
        if (rule.remaining == 0 || !matches(rule.function, entry_point)) continue;
        if (rule.skip > 0) {
            --rule.skip;
            continue;
        }
        if (error != 0) continue;
        error = rule.error;
        --rule.remaining;
        ++injected;
    }
    return error;
}

}  // extern "C"
