// The Windows code of a core/crypto failure, for the objects that call into it.
#pragma once

#include "crypto/crypto_status.hpp"
#include "error.hpp"

namespace tinycapi::objects {

inline Error from_crypto(crypto::CryptoStatus status) {
    switch (status) {
        case crypto::CryptoStatus::ok: return Error::none;
        case crypto::CryptoStatus::no_memory: return Error::no_memory;  // the bignum arena is full
        case crypto::CryptoStatus::bad_data: return Error::bad_data;
        case crypto::CryptoStatus::entropy_failure:
        case crypto::CryptoStatus::failure: break;
    }
    return Error::fail;
}

}  // namespace tinycapi::objects
