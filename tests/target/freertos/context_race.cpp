// CryptContextAddRef and CryptReleaseContext racing on one context from two tasks (see
// freertos_image.hpp). main() holds one reference throughout, so every racer's release is of
// a reference it added and must succeed; each round also hashes on the context, which must
// stay alive. The final release and the check that a further one fails are main.cpp's, once
// both racers have ended. Reference counts: capi-behaviour.md §2.2 (AddRef), §2.3 (Release).
#include <atomic>

#include <tinycapi/wincrypt.h>

#include "freertos_image.hpp"

namespace tinycapi::target::freertos {
namespace {

std::atomic<unsigned> last_racer{0};

}  // namespace

RaceResult race_references(uintptr_t provider_handle, unsigned racer, unsigned rounds) {
    const HCRYPTPROV provider = provider_handle;
    RaceResult result{0, 0};
    auto note_turn = [&] {
        if (last_racer.exchange(racer) != racer) ++result.interleavings;
    };
    for (unsigned round = 0; round < rounds; ++round) {
        // 1, 2 or 3 references at once, so the count climbs and falls under both racers.
        const unsigned references = 1u + (round + racer) % 3u;
        for (unsigned i = 0; i < references; ++i) {
            if (CryptContextAddRef(provider, nullptr, 0) != TRUE) ++result.failures;
            note_turn();
        }
        HCRYPTHASH hash = 0;
        if (CryptCreateHash(provider, CALG_SHA1, 0, 0, &hash) != TRUE) {
            ++result.failures;
        } else if (CryptDestroyHash(hash) != TRUE) {
            ++result.failures;
        }
        for (unsigned i = 0; i < references; ++i) {
            if (CryptReleaseContext(provider, 0) != TRUE) ++result.failures;
            note_turn();
        }
        // Both racers share a priority: let the other run now and then, besides the tick.
        if (round % 16u == 15u) taskYIELD();
    }
    return result;
}

}  // namespace tinycapi::target::freertos
