// The container pairs loaded for CryptSignHash, kept between calls (issue 16).
//
// Signing used to load the pair from its record every time (p and q: n, d and the CRT values
// recomputed) and to draw a fresh blinding pair, about half of an RSA-2048 signature. Up to
// TINYCAPI_RSA_PAIR_CACHE loaded pairs now stay in the arena with Mbed TLS's caches (R^2 mod
// n, p, q, the blinding pair), each under the record bytes it was loaded from:
//   - a signature reads the record as before and uses the cached pair only when the record is
//     byte for byte the same, so a replaced pair (CryptGenKey, an import) is loaded afresh;
//   - the release of a context forgets every pair of its container, wiping the record copy and
//     freeing the numbers (the arena wipes what it takes back); an entry another call is using
//     at that moment (another context of the container signing) is emptied when that call ends;
//   - a failed operation forgets the pair it used (its blinding pair may be half updated);
//   - a pair is used by one call at a time: a call that finds it in use, or every entry in use,
//     loads the pair on its own stack as before. No lock is held while it signs.
// The entries' bookkeeping is guarded by TINYCAPI_LOCK_ARENA, taken briefly and never around
// an RSA primitive (which takes it itself).
#pragma once

#include "error.hpp"
#include "key_pairs.hpp"
#include "provider.hpp"

namespace tinycapi::objects {

#if TINYCAPI_ENABLE_RSA

// The pair of one call: the cached entry it holds, or its own stack copy.
class LoadedPair {
public:
    LoadedPair() = default;
    ~LoadedPair();
    LoadedPair(const LoadedPair &) = delete;
    LoadedPair &operator=(const LoadedPair &) = delete;

    // The container pair of `key_spec`: no_key when there is none (as load_pair_key).
    Error load(const Provider &provider, DWORD key_spec);
    crypto::RsaKey &key() { return entry_ != nullptr ? *entry_key_ : own_; }
    // The operation on key() failed: the pair is not kept.
    void failed() { failed_ = true; }

private:
    crypto::RsaKey own_{};
    crypto::RsaKey *entry_key_ = nullptr;
    void *entry_ = nullptr;
    bool failed_ = false;
};

// A context of this container is released: forget its pairs.
void forget_cached_pairs(unsigned name_space, const char *name);
// Forget every idle pair (the arena tests measure the arena without them).
void forget_all_cached_pairs();

#endif

}  // namespace tinycapi::objects
