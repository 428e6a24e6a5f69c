/*
 * pin_protocol.pml — a model of tinycapi's pin / release / cascade protocol
 * (core/handles/handle_table.cpp, docs/ARCHITECTURE.md "Pins and the lock"), checked with spin.
 * See README.md beside this file for what is modelled, what is left out, and how to run it.
 *
 * Steps are labelled "model: step N" here and at the matching lines of handle_table.cpp.
 *
 * Seeded bugs (each must make spin report a violation; see README.md):
 *   -DBUG_UNPIN_PROVIDER_FIRST  Pin::unpin drops the provider's pin before the child's
 *   -DBUG_CASCADE_TAKES_SIBLING the cascade also frees a child a concurrent destroy is reclaiming
 *   -DBUG_DESTROY_IGNORES_PINS  CryptDestroyKey/Hash does not check the child's pin count
 */

#ifndef THREADS
#define THREADS 3        /* application threads calling the API */
#endif
#ifndef OPS
#define OPS 2            /* API calls of the first thread */
#endif
#ifndef OPS_OTHERS
#define OPS_OTHERS 1     /* API calls of each other thread */
#endif
#define NP 2             /* provider slots: global slot index 0 .. NP-1 */
#define STRIPES 2        /* lock stripes (TINYCAPI_HANDLE_LOCK_STRIPES): provider p's is p % STRIPES */
#define NC 2             /* child slots (hashes and keys share the code): NP .. NS-1 */
#define NS (NP + NC)
#define GENS 8           /* generations a handle tells apart (the C++: 2^(29 - index bits)); more
                          * than any slot can use here, so wrap-around never happens */
#define K (3 + OPS + (THREADS - 1) * OPS_OTHERS)  /* handle values the application has seen, stale ones included */

#define PROV 0
#define CHILD 1
#define BASE(kind) ((kind) == PROV -> 0 : NP)
#define CAP(kind) ((kind) == PROV -> NP : NC)

/* SlotState */
#define FREE 0
#define LIVE 1
#define RECLAIMING 2
#define CASCADING 3

/* HandleStatus / ReleaseOutcome, as the callers see them */
#define OK 0
#define INVALID 1
#define BUSY 2
#define FULL 3
#define DESTROYED 4
#define FREED 5          /* destroy_child finished under its one lock (pool without destroy hook) */

/* Child slots of a pool with no destroy hook (the hashes): destroy_child kills, wipes and frees
 * them in one locked section. The others (the keys, whose hook takes the arena lock) are wiped
 * outside the lock. Hashes and keys share the model's child pool, so one slot stands for each
 * (the hooked one first, so a cascade scan meets a sibling in its reclaiming window). */
#define UNHOOKED(s) ((s) == NS - 1)

/* Handle value: kind tag | generation mod GENS | slot, never 0 (handle_encoding.hpp). */
#define HANDLE(kind, g, s) ((((kind) + 1) * GENS + ((g) % GENS)) * NS + (s))
#define HSLOT(h) ((h) % NS)
#define HGEN(h) (((h) / NS) % GENS)
#define HKIND(h) ((h) / NS / GENS - 1)

/* ---- Slot metadata (SlotMeta) and pool counters (PoolCounters) ---------------------------- */
byte gen[NS];        /* the model keeps the whole count; handles carry it mod GENS */
byte refs[NS];
byte pins[NS];       /* the only field written without the lock (the unpin decrement) */
byte next_free[NS];  /* index + 1, 0 = none */
byte owner[NS];
byte kids[NS];       /* providers: live children (the C++ `children`, sharing `owner`'s field) */
byte state[NS];
byte never_used[2];  /* per pool, local index: claimed atomically, under no lock */
/* Stripes (kHandleStripes): a provider and its children belong to the stripe of the provider's
 * slot, whose lock guards their metadata, and the stripe's free list and counters in each pool.
 * Free lists (FreeList): LIST(kind, stripe), FIFO; a child goes back on its owner's stripe's
 * list, a provider on its own stripe's. With one stripe the C++ is this model with the locks
 * and the lists of each pool merged. */
#define STRIPE_OF_PROVIDER(p) ((p) % STRIPES)
#define STRIPE_OF(s) ((s) < NP -> STRIPE_OF_PROVIDER(s) : STRIPE_OF_PROVIDER(owner[s]))
#define LIST(kind, st) ((kind) * STRIPES + (st))
byte head[2 * STRIPES];   /* global index + 1 */
byte tail[2 * STRIPES];
byte in_use[2 * STRIPES]; /* LIST(kind, stripe): the stripe's slots in use */

byte lock[STRIPES];  /* TINYCAPI_LOCK_HANDLES and its stripes: 0, or the holder's _pid + 1 */

/* ---- Ghost state: what is true, for the assertions; the protocol never reads it ------------ */
byte holders[NS];    /* calls that hold this object (a call on a child holds its provider too) */
bool on_free[NS];    /* the slot is on the free list */
/* The application's view: every handle value it was given, the generation it was issued with,
 * and whether that object is still alive (cleared when its handle dies). */
byte known[K + 1];   /* known[known_count] stays 0: the null handle */
byte known_gen[K + 1];
byte known_stripe[K + 1]; /* the stripe tag the handle carries (the C++: its generation's low bits) */
bool known_live[K + 1];
byte known_count;

/* Locked sections. By default each is one atomic step: the lock excludes the other locked
 * sections, and of the lock-free steps that could interleave with one, a wipe touches nothing
 * it reads and an unpin decrement touches a pin count it reads at most once, so each such
 * interleaving equals one where they run before or after it. -DFINE_GRAINED interleaves them
 * step by step instead (same result, more states). */
#ifdef FINE_GRAINED
#define BEGIN_LOCKED(st) atomic { lock[st] == 0 -> assert(!HOLDS_ANY_LOCK); held = st; lock[st] = _pid + 1 };
#define END_LOCKED ; lock[held] = 0
#else
#define BEGIN_LOCKED(st) d_step { lock[st] == 0 -> assert(!HOLDS_ANY_LOCK); held = st; lock[st] = _pid + 1;
#define END_LOCKED ; lock[held] = 0 }
#endif
/* A thread holds one lock at most (the port's rule: never nested); `held` is which. */
#define HOLDS_LOCK(st) (lock[st] == _pid + 1)
#define HOLDS_ANY_LOCK (lock[0] == _pid + 1 || lock[1] == _pid + 1)

/* A locked section reads a pin count once and decides on that value: ERROR_BUSY only while
 * the object is in use means a non-zero count is only ever read while some call holds it
 * (checked in the step that reads it, since the holder may unpin right after). */
#ifdef FINE_GRAINED
#define read_pins(pinned, s) atomic { pinned = pins[s]; assert(pinned == 0 || holders[s] > 0) }
#else
#define read_pins(pinned, s) pinned = pins[s]; assert(pinned == 0 || holders[s] > 0)
#endif

/* model: step 16 — find_live: kind, index range, state and generation must all match.
 * Ghost check: a lookup succeeds exactly for a handle the application still owns, at the
 * generation it was issued with; a stale handle never reaches a reused slot. */
inline find_live(k, kind, s, found) {
    found = false;
    if
    :: known[k] != 0 && HKIND(known[k]) == kind && HSLOT(known[k]) >= BASE(kind) &&
       HSLOT(known[k]) < BASE(kind) + CAP(kind) && state[HSLOT(known[k])] == LIVE &&
       gen[HSLOT(known[k])] % GENS == HGEN(known[k]) &&
       (HSLOT(known[k]) < NP -> STRIPE_OF_PROVIDER(HSLOT(known[k])) : STRIPE_OF_PROVIDER(owner[HSLOT(known[k])])) == held ->
        /* the last check: under the lock of the slot's stripe */
        s = HSLOT(known[k]);
        found = true;
        assert(HOLDS_LOCK(STRIPE_OF(s)));  /* a slot's metadata only under its stripe's lock */
        assert(known_live[k] && known_gen[k] == gen[s])  /* no aliasing, no stale hit */
    :: else ->
        /* a handle of the right kind the application still owns is always found: the lock a
         * lookup chose (guess_stripe) is its slot's stripe's */
        assert(!(known_live[k] && HKIND(known[k]) == kind))
    fi
}

/* model: step 1 — claim_fresh_slot: the next never-used slot of the pool, by an atomic claim
 * (no lock), or none. */
inline claim_fresh(kind, s, ok) {
    atomic {
        if
        :: never_used[kind] < CAP(kind) ->
            s = BASE(kind) + never_used[kind];
            never_used[kind]++;
            assert(state[s] == FREE && pins[s] == 0 && holders[s] == 0 && kids[s] == 0 && !on_free[s]);
            ok = true
        :: else -> ok = false
        fi
    }
}

/* model: step 1 — pop_free_slot: the oldest slot of the list LIST(kind, st), under the lock of
 * stripe st. Until it is made live the slot is free and on no list. */
inline pop_free(kind, st, s, ok) {
    assert(HOLDS_LOCK(st));
    fl = LIST(kind, st);
    if
    :: head[fl] != 0 ->
        s = head[fl] - 1;
        head[fl] = next_free[s];
        if
        :: head[fl] == 0 -> tail[fl] = 0
        :: else
        fi;
        assert(on_free[s]);
        on_free[s] = false;
        assert(state[s] == FREE && pins[s] == 0 && holders[s] == 0 && kids[s] == 0);
        ok = true
    :: else -> ok = false
    fi;
    fl = 0
}

/* A slot taken by its caller made live in stripe st: counted there. */
inline count_taken(kind, st) {
    assert(HOLDS_LOCK(st));
    in_use[LIST(kind, st)]++
}

/* model: step 2 — put_free_slot: only a dead slot, once (no double free), nobody holding it. */
inline put_free_slot(kind, s) {
    assert(HOLDS_LOCK(STRIPE_OF(s)));
    assert(state[s] == RECLAIMING || state[s] == CASCADING);
    assert(!on_free[s] && holders[s] == 0 && kids[s] == 0);
    fl = LIST(kind, STRIPE_OF(s));
    /* No store to pins: nobody holds a slot being freed, so its count is 0 already (asserted);
     * refs is set by the next acquire and read only on a live provider. */
    assert(pins[s] == 0);
    in_use[fl]--;
    /* owner is left as it is: it changes only as a life begins (make_child_live) */
    state[s] = FREE;
    next_free[s] = 0;
    on_free[s] = true;
    if
    :: tail[fl] != 0 -> next_free[tail[fl] - 1] = s + 1
    :: else -> head[fl] = s + 1
    fi;
    tail[fl] = s + 1;
    fl = 0
}

/* model: step 3 — kill_handle: generation bump under the lock; the handle dies at once. */
inline kill_handle(s, next_state) {
    assert(HOLDS_LOCK(STRIPE_OF(s)) && state[s] == LIVE);
    j = 0;
    do
    :: j < K ->
        if
        :: known_live[j] && HSLOT(known[j]) == s && known_gen[j] == gen[s] -> known_live[j] = false
        :: else
        fi;
        j++
    :: else -> break
    od;
    gen[s]++;
    assert(gen[s] < GENS);  /* the model stays inside one generation range */
    state[s] = next_state
}

/* A child's handle dies: its provider counts one live child less (kill_child). */
inline kill_child(s, next_state) {
    assert(kids[owner[s]] > 0);
    kids[owner[s]]--;
    kill_handle(s, next_state)
}

/* model: step 4 — wipe_object, outside the lock, by the one thread that killed the handle. */
inline wipe(s) {
    assert(!HOLDS_ANY_LOCK);
    assert(holders[s] == 0 && (state[s] == RECLAIMING || state[s] == CASCADING))  /* nobody uses it */
}
/* The same wipe inside the locked section that killed the handle (destroy_child, no hook). */
inline wipe_locked(s) {
    assert(HOLDS_LOCK(STRIPE_OF(s)));
    assert(holders[s] == 0 && state[s] == RECLAIMING)
}

/* model: step 5 — Pin::unpin: lock-free atomic decrements, child first, provider second.
 * No use after release: when a call drops its pin, the slot is still the one it pinned — alive,
 * same generation. Generations only grow and a slot is freed only after its generation bump,
 * so this one check covers every moment the call worked on the object since it pinned it. */
inline drop_pin(s, g) {
    d_step { assert(state[s] == LIVE && gen[s] == g && pins[s] > 0 && holders[s] > 0); pins[s]--; holders[s]-- }
}
/* The pin of an object this very call has just killed (discard): no check of its life. */
inline drop_dead_pin(s) {
    d_step { assert(pins[s] > 0 && holders[s] > 0); pins[s]--; holders[s]-- }
}
inline unpin_child(s, g, o, go) {
#ifdef BUG_UNPIN_PROVIDER_FIRST
    drop_pin(o, go);
    drop_pin(s, g)
#else
    drop_pin(s, g);
    drop_pin(o, go)
#endif
}

/* model: step 6 — publish: the handle value of a complete object, from the generation create_*
 * read under its lock; no lock taken. The creator still pins the slot, its handle is unknown,
 * and a pinned child pins its provider, so nobody can have killed it: the generation is still
 * the one read (asserted), and publishing is only the application learning the value. */
inline publish(kind, s, g) {
    d_step {
    assert(gen[s] == g && state[s] == LIVE && pins[s] > 0 && holders[s] > 0);
    assert(known_count < K);
    j = 0;
    do
    :: j < known_count -> assert(!(known_live[j] && known[j] == HANDLE(kind, gen[s], s))); j++
    :: else -> break
    od;
    known[known_count] = HANDLE(kind, gen[s], s);
    known_gen[known_count] = gen[s];
    known_stripe[known_count] = STRIPE_OF(s);
    known_live[known_count] = true;
    known_count++
    }
}

/* The application passes any handle of the right kind it has seen (stale ones too), or 0. */
inline choose_handle(k, kind) {
    k = 0;
    do
    :: k < known_count -> k++
    :: k < known_count && HKIND(known[k]) == kind -> break
    :: k == known_count -> k = K; break  /* the null handle: known[K] is never written */
    od
}

/* The lock a lookup takes, chosen from the handle value alone: a provider's stripe is its
 * slot's; a child's is the stripe tag its handle carries, the stripe of the life it was issued
 * for (the C++: the low bits of the handle's generation, a mask). find_live's stripe check under
 * that lock is the C++'s generation comparison, which covers the tag. A value that is not a
 * handle of the kind takes stripe 0 here (the C++ rejects it before any lock). */
#define guess_stripe(k, kind, st) st = (known[k] == 0 || HKIND(known[k]) != kind -> 0 : (kind == PROV -> STRIPE_OF_PROVIDER(HSLOT(known[k])) : known_stripe[k]))

/* model: step 7 — pin_provider: shared, any number of pins. */
inline pin_provider(k, p, gp, status) {
    guess_stripe(k, PROV, st);
    BEGIN_LOCKED(st)
    find_live(k, PROV, p, found);
    if
    :: found -> pins[p]++; holders[p]++; gp = gen[p]; status = OK
    :: else -> status = INVALID
    fi
    END_LOCKED
}

/* model: step 8 — pin_child: exclusive on the child, shared on its provider. */
inline pin_child(k, s, gs, p, gp, status) {
    guess_stripe(k, CHILD, st);
    BEGIN_LOCKED(st)
    find_live(k, CHILD, s, found);
    read_pins(pinned, s);
    if
    :: !found -> status = INVALID
    :: found && pinned != 0 -> status = BUSY
    :: found && pinned == 0 ->
        p = owner[s];
        assert(state[p] == LIVE && HOLDS_LOCK(STRIPE_OF(p)));  /* a live child's provider is alive, same stripe */
        pins[s] = 1;
        pins[p]++;
        holders[s]++;
        holders[p]++;
        gs = gen[s];
        gp = gen[p];
        status = OK
    fi
    END_LOCKED
}

/* Make the taken slot c a live child of p (the caller holds p's stripe's lock). */
inline make_child_live(p, c, gc) {
    assert(HOLDS_LOCK(STRIPE_OF_PROVIDER(p)) && state[p] == LIVE);
    owner[c] = p;
    state[c] = LIVE;
    pins[c] = 1;
    kids[p]++;
    pins[p]++;
    holders[c]++;
    holders[p]++;
    gc = gen[c];
    count_taken(CHILD, STRIPE_OF_PROVIDER(p))
}

/* model: step 9 — create_child: a new child pinned, its provider pinned once more. Fresh slots
 * and the stripe's own list under its lock; only when both are empty, another stripe's oldest
 * free slot, taken under that stripe's lock and made live under ours (never two at once). */
inline create_child(p, c, gc, status) {
    st = STRIPE_OF_PROVIDER(p);
    BEGIN_LOCKED(st)
    claim_fresh(CHILD, c, found);
    if
    :: !found -> pop_free(CHILD, st, c, found)
    :: else
    fi;
    if
    :: found -> make_child_live(p, c, gc); status = OK
    :: else -> status = FULL
    fi
    END_LOCKED;
    if
    :: status == FULL ->
        st = (STRIPE_OF_PROVIDER(p) + 1) % STRIPES;
        BEGIN_LOCKED(st) pop_free(CHILD, st, c, found) END_LOCKED;
        if
        :: found ->
            st = STRIPE_OF_PROVIDER(p);
            BEGIN_LOCKED(st) make_child_live(p, c, gc); status = OK END_LOCKED
        :: else
        fi
    :: else
    fi
}

/* model: step 10 — discard: a created object whose construction failed. */
inline discard_child(c, p, gp) {
    st = STRIPE_OF_PROVIDER(p);
    BEGIN_LOCKED(st) kill_child(c, RECLAIMING) END_LOCKED;
    drop_dead_pin(c);
    drop_pin(p, gp);
    wipe(c);
    BEGIN_LOCKED(st) put_free_slot(CHILD, c) END_LOCKED
}

/* model: step 14 — CryptAcquireContext: create_provider (a fresh slot made live under its
 * stripe's lock, else the stripes' lists in turn from the one the C++ provider_hint names: a
 * guess read without a lock, so any stripe here, `gs`), construct (the container may fail:
 * discard), publish. */
inline acquire() {
    claim_fresh(PROV, p, found);
    if
    :: gs = 0
    :: gs = STRIPES - 1
    fi;
    j = 0;
    do
    :: j < STRIPES ->
        st = (found -> STRIPE_OF_PROVIDER(p) : (gs + j) % STRIPES);
        BEGIN_LOCKED(st)
        if
        :: !found -> pop_free(PROV, st, p, found)
        :: else
        fi;
        if
        :: found -> state[p] = LIVE; refs[p] = 1; pins[p] = 1; holders[p] = 1; gp = gen[p]; count_taken(PROV, st)
        :: else
        fi
        END_LOCKED;
        if
        :: found -> break
        :: else -> j++
        fi
    :: else -> break
    od;
    j = 0;
    if
    :: found ->
        st = STRIPE_OF_PROVIDER(p);
        if
        :: BEGIN_LOCKED(st) kill_handle(p, RECLAIMING) END_LOCKED;
           drop_dead_pin(p);
           wipe(p);
           BEGIN_LOCKED(st) put_free_slot(PROV, p) END_LOCKED
        :: publish(PROV, p, gp);
           drop_pin(p, gp)
        fi
    :: else
    fi
}

/* model: step 15 — add_reference (CryptContextAddRef). */
inline add_reference(k) {
    guess_stripe(k, PROV, st);
    BEGIN_LOCKED(st)
    find_live(k, PROV, p, found);
    if
    :: found -> refs[p]++
    :: else
    fi
    END_LOCKED
}

/* model: step 11 — release_provider: the last reference kills the provider and every child it
 * owns under one lock (phase 1), then wipes and frees them outside it (phase 2). Both phases
 * stop once they have met as many children as the provider counts (none: no scan at all). */
inline release(k) {
    guess_stripe(k, PROV, st);
    BEGIN_LOCKED(st)
    find_live(k, PROV, p, found);
    read_pins(pinned, p);
    if
    :: !found -> status = INVALID
    :: found && refs[p] > 1 -> refs[p]--; status = OK
    :: found && refs[p] <= 1 && pinned != 0 -> status = BUSY
    :: found && refs[p] <= 1 && pinned == 0 ->
        refs[p] = 0;
        kill_handle(p, RECLAIMING);
        cascading = kids[p];
        left = kids[p];
        kids[p] = 0;
        c = NP;
        do
        :: c < NS && left > 0 ->
            if
            :: state[c] == LIVE && owner[c] == p -> kill_handle(c, CASCADING); left--
            :: else
            fi;
            c++
        :: else -> break
        od;
        /* the count was right: the early stop leaves no live child of p behind */
        c = NP;
        do
        :: c < NS -> assert(!(state[c] == LIVE && owner[c] == p)); c++
        :: else -> break
        od;
        status = DESTROYED
    fi
    END_LOCKED;
    if
    :: status == DESTROYED ->
        st = STRIPE_OF_PROVIDER(p);
        c = NP;
        do
        :: c < NS && cascading > 0 ->
            BEGIN_LOCKED(st)
#ifdef BUG_CASCADE_TAKES_SIBLING
            ours = (state[c] == CASCADING || state[c] == RECLAIMING) && owner[c] == p
#else
            ours = state[c] == CASCADING && owner[c] == p
#endif
            END_LOCKED;
            if
            :: ours -> wipe(c); cascading--; BEGIN_LOCKED(st) put_free_slot(CHILD, c) END_LOCKED
            :: else
            fi;
            c++
        :: else -> break
        od;
        wipe(p);
        BEGIN_LOCKED(st) put_free_slot(PROV, p) END_LOCKED
    :: else
    fi
}

/* model: step 12 — destroy_child (CryptDestroyKey / CryptDestroyHash). */
inline destroy(k) {
    guess_stripe(k, CHILD, st);
    BEGIN_LOCKED(st)
    find_live(k, CHILD, s, found);
    read_pins(pinned, s);
    if
    :: !found -> status = INVALID
#ifndef BUG_DESTROY_IGNORES_PINS
    :: found && pinned != 0 -> status = BUSY
    :: found && pinned == 0 ->
        kill_child(s, RECLAIMING);
        if
        :: UNHOOKED(s) -> wipe_locked(s); put_free_slot(CHILD, s); status = FREED
        :: else -> status = OK
        fi
#else
    :: found -> kill_child(s, RECLAIMING); status = OK
#endif
    fi
    END_LOCKED;
    if
    :: status == OK -> wipe(s); BEGIN_LOCKED(st) put_free_slot(CHILD, s) END_LOCKED
    :: else
    fi
}

/* CryptHashData and friends: pin the child (and its provider), work on both with the lock
 * released, unpin (child, provider). */
inline use_child(k) {
    pin_child(k, s, gs, p, gp, status);
    if
    :: status == OK -> unpin_child(s, gs, p, gp)
    :: else
    fi
}

/* CryptCreateHash: pin the provider, create a child of it, construct (may fail: discard),
 * publish, unpin the child (child, provider), unpin the provider. */
inline create(k) {
    pin_provider(k, p, gp, status);
    if
    :: status == OK ->
        create_child(p, c, gc, status);
        if
        :: status == OK ->
            if
            :: discard_child(c, p, gp)
            :: publish(CHILD, c, gc); unpin_child(c, gc, p, gp)
            fi
        :: else
        fi;
        drop_pin(p, gp)
    :: else
    fi
}

/* CryptDuplicateHash: pin the original, create the copy from the original's provider
 * (model: step 13 — create_sibling, one locked section), publish. */
inline duplicate(k) {
    pin_child(k, s, gs, p, gp, status);
    if
    :: status == OK ->
        create_child(p, c, gc, status);
        if
        :: status == OK -> publish(CHILD, c, gc); unpin_child(c, gc, p, gp)
        :: else
        fi;
        unpin_child(s, gs, p, gp)
    :: else
    fi
}

proctype caller(byte calls_to_make) {
    byte k, p, gp, s, gs, c, gc, j, fl, status, calls, pinned, left, cascading, st, held;
    bool found, ours;
    do
    :: calls < calls_to_make ->
        calls++;
        if
        :: acquire()
        :: atomic { choose_handle(k, PROV) }; add_reference(k)
        :: atomic { choose_handle(k, PROV) }; release(k)
        :: atomic { choose_handle(k, PROV) }; create(k)
        :: atomic { choose_handle(k, CHILD) }; use_child(k)
        :: atomic { choose_handle(k, CHILD) }; duplicate(k)
        :: atomic { choose_handle(k, CHILD) }; destroy(k)
        fi;
        /* forget this call's locals, so equal worlds are one state */
        d_step { k = 0; p = 0; gp = 0; s = 0; gs = 0; c = 0; gc = 0; j = 0; status = 0; pinned = 0; left = 0; cascading = 0; st = 0; held = 0; found = false; ours = false }
    :: else -> break
    od
}

/* The starting world: one provider with one reference, owning two hashes, all published. */
inline setup() {
    claim_fresh(PROV, p, found);
    claim_fresh(CHILD, c, found);
    claim_fresh(CHILD, s, found);
    BEGIN_LOCKED(0)
    state[p] = LIVE; refs[p] = 1; count_taken(PROV, 0);
    state[c] = LIVE; owner[c] = p; count_taken(CHILD, 0);
    state[s] = LIVE; owner[s] = p; count_taken(CHILD, 0);
    kids[p] = 2;
    pins[p] = 1; pins[c] = 1; pins[s] = 1;  /* their creators' pins, for publish */
    holders[p] = 1; holders[c] = 1; holders[s] = 1
    END_LOCKED;
    publish(PROV, p, gen[p]);
    publish(CHILD, c, gen[c]);
    publish(CHILD, s, gen[s]);
    d_step { pins[p] = 0; pins[c] = 0; pins[s] = 0; holders[p] = 0; holders[c] = 0; holders[s] = 0 }
}

init {
    byte k, p, gp, s, gs, c, gc, j, fl, status, n, pinned, left, cascading, st, held;
    bool found, ours;
    setup();
    atomic {
        n = 0;
        do
        :: n < THREADS -> run caller((n == 0 -> OPS : OPS_OTHERS)); n++
        :: else -> break
        od
    };
    _nr_pr == 1;  /* every caller has returned */

    /* Nothing in flight: no pin, no half-destroyed slot. */
    n = 0;
    do
    :: n < NS -> assert(pins[n] == 0 && holders[n] == 0 && (state[n] == FREE || state[n] == LIVE)); n++
    :: else -> break
    od;
    /* The application releases every provider it still owns, as often as it holds it: the
     * cascade must take every remaining child with it (no leak). */
    k = 0;
    do
    :: k < known_count ->
        do
        :: known_live[k] && HKIND(known[k]) == PROV -> release(k); assert(status == OK || status == DESTROYED)
        :: else -> break
        od;
        k++
    :: else -> break
    od;
    n = 0;
    do
    :: n < NS -> assert(state[n] == FREE && on_free[n] == (n - BASE(n >= NP) < never_used[n >= NP])); n++
    :: else -> break
    od;
    n = 0;
    do
    :: n < 2 * STRIPES -> assert(in_use[n] == 0); n++
    :: else -> break
    od
}
