#include "random.hpp"

#include "crypto/random.hpp"

namespace tinycapi::objects {

Error generate_random(BYTE *buffer, DWORD length) {
    return crypto::random_generate(buffer, length) == crypto::CryptoStatus::ok ? Error::none : Error::fail;
}

}  // namespace tinycapi::objects
