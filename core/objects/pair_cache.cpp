#include "pair_cache.hpp"

#include <string.h>

#include "platform/port_lock.hpp"
#include "platform/secure_wipe.hpp"

namespace tinycapi::objects {

#if TINYCAPI_ENABLE_RSA && TINYCAPI_RSA_PAIR_CACHE > 0

namespace {

struct Entry {
    bool valid;  // holds a loaded pair and the record it came from
    bool busy;   // a call uses it, or it is being filled or forgotten
    bool doomed; // a forget came while it was busy: it is emptied when checked in
    uint32_t last_use;
    PairRecord record;
    crypto::RsaKey rsa;
};

// Guarded by TINYCAPI_LOCK_ARENA (the bookkeeping); an entry's record and key belong to the
// call that set `busy`.
Entry entries[TINYCAPI_RSA_PAIR_CACHE];
uint32_t use_clock;

bool same_record(const PairRecord &a, const PairRecord &b) {
    return a.name_space == b.name_space && a.key_spec == b.key_spec && a.length == b.length &&
           strncmp(a.name, b.name, sizeof a.name) == 0 && memcmp(a.bytes, b.bytes, a.length) == 0;
}

// The entry to use for `record`, marked busy: the one loaded from it (*hit), else the free or
// least recently used idle one, which the caller empties and fills. Null when all are busy.
Entry *check_out(const PairRecord &record, bool *hit) {
    platform::LockGuard lock(TINYCAPI_LOCK_ARENA);
    Entry *victim = nullptr;
    for (Entry &entry : entries) {
        if (entry.busy) continue;
        if (entry.valid && same_record(entry.record, record)) {
            entry.busy = true;
            entry.last_use = ++use_clock;
            *hit = true;
            return &entry;
        }
        if (victim == nullptr || (victim->valid && (!entry.valid || entry.last_use < victim->last_use))) victim = &entry;
    }
    if (victim != nullptr) {
        victim->busy = true;
        victim->doomed = false;  // refilled for another record: an old forget is moot
        victim->last_use = ++use_clock;
    }
    *hit = false;
    return victim;
}

// Empties an entry its caller holds busy: numbers back to the arena, record wiped.
void empty(Entry &entry) {
    if (entry.rsa.initialised) crypto::rsa_free(entry.rsa);
    platform::secure_wipe(&entry.record, sizeof entry.record);
}

// Returns a busy entry, kept (valid) or empty. A forget that found it busy takes effect here,
// so no pair outlives the release of its context by more than the call that was using it.
void check_in(Entry &entry, bool valid) {
    {
        platform::LockGuard lock(TINYCAPI_LOCK_ARENA);
        if (valid && !entry.doomed) {
            entry.valid = true;
            entry.busy = false;
            return;
        }
        entry.doomed = false;
    }
    if (valid) empty(entry);  // rsa_free takes the arena lock itself
    platform::LockGuard lock(TINYCAPI_LOCK_ARENA);
    entry.valid = false;
    entry.busy = false;
}

}  // namespace

LoadedPair::~LoadedPair() {
    if (entry_ == nullptr) {
        if (own_.initialised) crypto::rsa_free(own_);
        return;
    }
    Entry &entry = *static_cast<Entry *>(entry_);
    if (failed_) empty(entry);
    check_in(entry, !failed_);
}

Error LoadedPair::load(const Provider &provider, DWORD key_spec) {
    PairRecord record;
    Error e = read_pair_record(provider, key_spec, &record);
    if (e == Error::none) {
        bool hit = false;
        Entry *entry = check_out(record, &hit);
        if (entry == nullptr) {
            e = parse_pair_record(record, own_, nullptr);  // every entry in use: as before
        } else if (hit) {
            entry_ = entry;
            entry_key_ = &entry->rsa;
        } else {
            empty(*entry);
            e = parse_pair_record(record, entry->rsa, nullptr);
            if (e == Error::none) {
                entry->rsa.keep_caches = true;
                memcpy(&entry->record, &record, sizeof record);
                entry_ = entry;
                entry_key_ = &entry->rsa;
            } else {
                empty(*entry);
                check_in(*entry, false);
            }
        }
    }
    platform::secure_wipe(&record, sizeof record);
    return e;
}

namespace {

void forget(const char *name, unsigned name_space) {
    for (Entry &entry : entries) {
        bool ours;
        {
            platform::LockGuard lock(TINYCAPI_LOCK_ARENA);
            if (entry.busy) {
                // Its record belongs to the call using it and may be changing: whatever
                // container it holds, it is emptied when that call checks it in.
                entry.doomed = true;
                continue;
            }
            ours = entry.valid && (name == nullptr || (entry.record.name_space == name_space &&
                                                       strncmp(entry.record.name, name, sizeof entry.record.name) == 0));
            if (ours) entry.busy = true;
        }
        if (!ours) continue;
        empty(entry);
        check_in(entry, false);
    }
}

}  // namespace

void forget_cached_pairs(unsigned name_space, const char *name) { forget(name, name_space); }

void forget_all_cached_pairs() { forget(nullptr, 0); }

#elif TINYCAPI_ENABLE_RSA

// TINYCAPI_RSA_PAIR_CACHE 0: every signature loads its pair, as before the cache.
LoadedPair::~LoadedPair() {
    if (own_.initialised) crypto::rsa_free(own_);
}

Error LoadedPair::load(const Provider &provider, DWORD key_spec) { return load_pair_key(provider, key_spec, own_, nullptr); }

void forget_cached_pairs(unsigned, const char *) {}

void forget_all_cached_pairs() {}

#endif

}  // namespace tinycapi::objects
