// Results of core/crypto primitives. The objects layer maps them to Windows error codes;
// core/crypto never sees a handle or a Windows error code.
#pragma once

namespace tinycapi::crypto {

enum class CryptoStatus {
    ok,
    bad_data,        // malformed input (bad padding, inconsistent key, wrong length)
    no_memory,       // the Mbed TLS arena is exhausted
    entropy_failure, // the port's entropy source failed
    failure          // any other failure of the backend
};

}  // namespace tinycapi::crypto
