// The handle manager on its own (core/handles), through pools of test objects: encoding,
// aliasing, exhaustion, pins, cascade destroy and statistics (docs/ARCHITECTURE.md,
// reference §2). The key and hash pools of later issues use exactly this machinery.
#include <gtest/gtest.h>
#include <tinycapi/port_mock.h>

#include <set>
#include <thread>

#include "handles/handle_table.hpp"
#include "handles/handle_table_inline.hpp"  // hot::stripe_lock

namespace tinycapi::handles {
namespace {

struct TestProvider {
    uint32_t value;
};
struct TestChild {
    uint32_t secret[4];
};

int destroyed_children;
void count_destroy(void *) { ++destroyed_children; }

// Fresh pools per test; small, so exhaustion is cheap to reach.
struct Pools {
    PoolStorage<TestProvider, 3> provider_storage{};
    PoolStorage<TestChild, 4> hash_storage{};
    PoolStorage<TestChild, 4> key_storage{};
    Pool<TestProvider> providers = make_pool<ObjectKind::provider>(provider_storage);
    Pool<TestChild> hashes = make_pool<ObjectKind::hash>(hash_storage, count_destroy);
    Pool<TestChild> keys = make_pool<ObjectKind::key>(key_storage, count_destroy);
    const PoolBase *children[2] = {&hashes, &keys};
};

class HandlePoolTest : public ::testing::Test {
protected:
    void SetUp() override {
        tinycapi_mock_reset(1);
        destroyed_children = 0;
    }
    void TearDown() override {
        EXPECT_EQ(tinycapi_mock_locks_held(), 0u);
        EXPECT_EQ(tinycapi_mock_nested_lock_violations(), 0u);
    }

    uintptr_t NewProvider() {
        Pin pin;
        EXPECT_EQ(create_provider(p.providers, &pin), HandleStatus::ok);
        return publish(pin);
    }
    uintptr_t NewChild(PoolBase &pool, uintptr_t provider) {
        Pin owner;
        EXPECT_EQ(pin_provider(p.providers, provider, &owner), HandleStatus::ok);
        Pin child;
        EXPECT_EQ(create_child(pool, owner, &child), HandleStatus::ok);
        return publish(child);
    }
    HandleStatus Release(uintptr_t provider, ReleaseOutcome *outcome = nullptr) {
        ReleaseOutcome ignored;
        return release_provider(p.providers, p.children, 2, provider, outcome ? outcome : &ignored);
    }

    Pools p;
};

TEST(HandleEncodingTest, IndexBitsCoverTheCapacity) {
    EXPECT_EQ(index_bits_for(1), 1u);
    EXPECT_EQ(index_bits_for(2), 1u);
    EXPECT_EQ(index_bits_for(3), 2u);
    EXPECT_EQ(index_bits_for(8), 3u);
    EXPECT_EQ(index_bits_for(9), 4u);
    EXPECT_EQ(index_bits_for(4096), 12u);
    EXPECT_EQ(generation_bits_for(8), 26u);
}

TEST(HandleEncodingTest, EncodeDecodeRoundTripsAndNeverYieldsZero) {
    for (uint32_t kind = 1; kind <= 3; ++kind) {
        const uint32_t h = encode_handle(static_cast<ObjectKind>(kind), 0, 0, 3);
        EXPECT_NE(h, 0u);
        DecodedHandle d;
        ASSERT_TRUE(decode_handle(encode_handle(static_cast<ObjectKind>(kind), 12345, 5, 3), 3, &d));
        EXPECT_EQ(d.kind, static_cast<ObjectKind>(kind));
        EXPECT_EQ(d.generation, 12345u);
        EXPECT_EQ(d.index, 5u);
    }
}

#if UINTPTR_MAX > 0xffffffffu  // only where a ULONG_PTR can be wider than a handle
TEST(HandleEncodingTest, ValuesWiderThan32BitsAreNotHandles) {
    DecodedHandle d;
    EXPECT_FALSE(decode_handle(static_cast<uintptr_t>(0x1'2000'0001ull), 3, &d));
}
#endif

TEST_F(HandlePoolTest, ZeroGarbageAndWrongKindHandlesAreRejected) {
    const uintptr_t prov = NewProvider();
    Pin pin;
    EXPECT_EQ(pin_provider(p.providers, 0, &pin), HandleStatus::invalid_handle);
    EXPECT_EQ(pin_provider(p.providers, 0xdeadbeef, &pin), HandleStatus::invalid_handle);
    const uintptr_t hash = NewChild(p.hashes, prov);
    EXPECT_EQ(pin_provider(p.providers, hash, &pin), HandleStatus::invalid_handle) << "a hash is not a provider";
    EXPECT_EQ(pin_child(p.keys, p.providers, hash, &pin), HandleStatus::invalid_handle) << "a hash is not a key";
    EXPECT_EQ(pin_child(p.hashes, p.providers, prov, &pin), HandleStatus::invalid_handle);
    // An index beyond the pool with the right kind tag.
    EXPECT_EQ(pin_provider(p.providers, encode_handle(ObjectKind::provider, 0, 3, p.providers.index_bits), &pin),
              HandleStatus::invalid_handle);
    EXPECT_FALSE(pin.engaged());
    EXPECT_EQ(Release(prov), HandleStatus::ok);
}

TEST_F(HandlePoolTest, StaleHandleAfterSlotReuseIsRejected) {
    const uintptr_t first = NewProvider();
    ASSERT_EQ(Release(first), HandleStatus::ok);
    // Fill every slot so the first one is certainly reused.
    uintptr_t live[3];
    for (uintptr_t &h : live) h = NewProvider();
    Pin pin;
    EXPECT_EQ(pin_provider(p.providers, first, &pin), HandleStatus::invalid_handle);
    EXPECT_EQ(add_reference(p.providers, first), HandleStatus::invalid_handle);
    EXPECT_EQ(Release(first), HandleStatus::invalid_handle) << "a double release touches nothing";
    for (uintptr_t h : live) {
        EXPECT_NE(h, first);
        EXPECT_EQ(Release(h), HandleStatus::ok);
    }
}

TEST_F(HandlePoolTest, HandlesNeverAliasOverManyReuseCyclesOfOneSlot) {
    static PoolStorage<TestProvider, 1> storage;
    const Pool<TestProvider> one_slot = make_pool<ObjectKind::provider>(storage);
    std::set<uintptr_t> seen;
    uintptr_t previous = 0;
    for (int cycle = 0; cycle < 50000; ++cycle) {
        Pin pin;
        ASSERT_EQ(create_provider(one_slot, &pin), HandleStatus::ok);
        const uintptr_t h = publish(pin);
        pin.unpin();
        ASSERT_TRUE(seen.insert(h).second) << "handle issued twice at cycle " << cycle;
        if (previous) {
            Pin stale;
            ASSERT_EQ(pin_provider(one_slot, previous, &stale), HandleStatus::invalid_handle);
        }
        ReleaseOutcome outcome;
        ASSERT_EQ(release_provider(one_slot, nullptr, 0, h, &outcome), HandleStatus::ok);
        ASSERT_EQ(outcome, ReleaseOutcome::destroyed);
        previous = h;
    }
}

TEST_F(HandlePoolTest, FreedSlotsAreReusedInFifoOrder) {
    uintptr_t h[3];
    for (uintptr_t &x : h) x = NewProvider();
    DecodedHandle d0, d1;
    decode_handle(h[0], p.providers.index_bits, &d0);
    decode_handle(h[1], p.providers.index_bits, &d1);
    ASSERT_EQ(Release(h[0]), HandleStatus::ok);
    ASSERT_EQ(Release(h[1]), HandleStatus::ok);
    DecodedHandle n;
    const uintptr_t next = NewProvider();
    decode_handle(next, p.providers.index_bits, &n);
    EXPECT_EQ(n.index, d0.index) << "the slot freed first is reused first";
    EXPECT_EQ(Release(next), HandleStatus::ok);
    EXPECT_EQ(Release(h[2]), HandleStatus::ok);
}

TEST_F(HandlePoolTest, ExhaustedPoolFailsWithoutChangingAnythingAndRecovers) {
    uintptr_t h[3];
    for (uintptr_t &x : h) x = NewProvider();
    const PoolStats before = pool_stats(p.providers);
    Pin extra;
    EXPECT_EQ(create_provider(p.providers, &extra), HandleStatus::pool_full);
    EXPECT_FALSE(extra.engaged());
    const PoolStats after = pool_stats(p.providers);
    EXPECT_EQ(after.in_use, before.in_use);
    EXPECT_EQ(after.in_use, 3u);
    ASSERT_EQ(Release(h[1]), HandleStatus::ok);
    const uintptr_t again = NewProvider();
    EXPECT_NE(again, h[1]);
    for (uintptr_t x : {h[0], again, h[2]}) EXPECT_EQ(Release(x), HandleStatus::ok);
    EXPECT_EQ(pool_stats(p.providers).in_use, 0u);
    EXPECT_EQ(pool_stats(p.providers).high_water, 3u);
}

TEST_F(HandlePoolTest, ReferenceCountKeepsTheProviderUntilTheLastRelease) {
    const uintptr_t prov = NewProvider();
    ASSERT_EQ(add_reference(p.providers, prov), HandleStatus::ok);
    ASSERT_EQ(add_reference(p.providers, prov), HandleStatus::ok);
    ReleaseOutcome outcome;
    EXPECT_EQ(Release(prov, &outcome), HandleStatus::ok);
    EXPECT_EQ(outcome, ReleaseOutcome::still_referenced);
    EXPECT_EQ(Release(prov, &outcome), HandleStatus::ok);
    EXPECT_EQ(outcome, ReleaseOutcome::still_referenced);
    Pin pin;
    EXPECT_EQ(pin_provider(p.providers, prov, &pin), HandleStatus::ok) << "still usable";
    pin.unpin();
    EXPECT_EQ(Release(prov, &outcome), HandleStatus::ok);
    EXPECT_EQ(outcome, ReleaseOutcome::destroyed);
    EXPECT_EQ(Release(prov), HandleStatus::invalid_handle);
}

TEST_F(HandlePoolTest, LastReleaseDestroysEveryChildOfThatProviderOnly) {
    const uintptr_t a = NewProvider();
    const uintptr_t b = NewProvider();
    const uintptr_t a_hash = NewChild(p.hashes, a);
    const uintptr_t a_key = NewChild(p.keys, a);
    const uintptr_t b_hash = NewChild(p.hashes, b);
    {
        Pin pin;
        ASSERT_EQ(pin_child(p.keys, p.providers, a_key, &pin), HandleStatus::ok);
        p.keys.object(pin.index()).secret[0] = 0xA5A5A5A5;
    }
    ReleaseOutcome outcome;
    ASSERT_EQ(Release(a, &outcome), HandleStatus::ok);
    EXPECT_EQ(outcome, ReleaseOutcome::destroyed);
    EXPECT_EQ(destroyed_children, 2);
    Pin pin;
    EXPECT_EQ(pin_child(p.hashes, p.providers, a_hash, &pin), HandleStatus::invalid_handle);
    EXPECT_EQ(pin_child(p.keys, p.providers, a_key, &pin), HandleStatus::invalid_handle);
    EXPECT_EQ(destroy_child(p.keys, p.providers, a_key), HandleStatus::invalid_handle) << "destroying a dead child is EIP";
    ASSERT_EQ(pin_child(p.hashes, p.providers, b_hash, &pin), HandleStatus::ok) << "another provider's child lives";
    pin.unpin();
    // The key's secret was wiped when its slot was freed.
    for (uint32_t i = 0; i < p.keys.capacity; ++i) {
        for (uint32_t word : p.keys.object(i).secret) EXPECT_EQ(word, 0u);
    }
    EXPECT_EQ(pool_stats(p.keys).in_use, 0u);
    EXPECT_EQ(pool_stats(p.hashes).in_use, 1u);
    EXPECT_EQ(Release(b), HandleStatus::ok);
    EXPECT_EQ(pool_stats(p.hashes).in_use, 0u);
    EXPECT_EQ(pool_stats(p.providers).in_use, 0u);
}

TEST_F(HandlePoolTest, DestroyChildKillsOnlyThatHandle) {
    const uintptr_t prov = NewProvider();
    const uintptr_t h1 = NewChild(p.hashes, prov);
    const uintptr_t h2 = NewChild(p.hashes, prov);
    EXPECT_EQ(destroy_child(p.hashes, p.providers, h1), HandleStatus::ok);
    EXPECT_EQ(destroy_child(p.hashes, p.providers, h1), HandleStatus::invalid_handle);
    Pin pin;
    EXPECT_EQ(pin_child(p.hashes, p.providers, h2, &pin), HandleStatus::ok);
    pin.unpin();
    EXPECT_EQ(Release(prov), HandleStatus::ok);
    EXPECT_EQ(destroyed_children, 2);
}

TEST_F(HandlePoolTest, PinnedChildMakesDestroyAndLastReleaseBusyAndChangesNothing) {
    const uintptr_t prov = NewProvider();
    const uintptr_t hash = NewChild(p.hashes, prov);
    {
        Pin in_flight;
        ASSERT_EQ(pin_child(p.hashes, p.providers, hash, &in_flight), HandleStatus::ok);
        Pin second;
        EXPECT_EQ(pin_child(p.hashes, p.providers, hash, &second), HandleStatus::busy) << "one call at a time";
        EXPECT_EQ(destroy_child(p.hashes, p.providers, hash), HandleStatus::busy);
        EXPECT_EQ(Release(prov), HandleStatus::busy);
        EXPECT_EQ(destroyed_children, 0);
    }
    Pin pin;
    EXPECT_EQ(pin_provider(p.providers, prov, &pin), HandleStatus::ok) << "the busy release consumed nothing";
    pin.unpin();
    EXPECT_EQ(Release(prov), HandleStatus::ok);
    EXPECT_EQ(destroyed_children, 1);
}

TEST_F(HandlePoolTest, ProviderPinsAreSharedAndBlockOnlyTheLastRelease) {
    const uintptr_t prov = NewProvider();
    ASSERT_EQ(add_reference(p.providers, prov), HandleStatus::ok);
    Pin first, second;
    ASSERT_EQ(pin_provider(p.providers, prov, &first), HandleStatus::ok);
    ASSERT_EQ(pin_provider(p.providers, prov, &second), HandleStatus::ok) << "many calls may use one context";
    EXPECT_EQ(Release(prov), HandleStatus::ok) << "not the last reference: no need to wait";
    EXPECT_EQ(Release(prov), HandleStatus::busy);
    first.unpin();
    second.unpin();
    EXPECT_EQ(Release(prov), HandleStatus::ok);
}

TEST_F(HandlePoolTest, BusyAcrossRealThreads) {
    const uintptr_t prov = NewProvider();
    const uintptr_t hash = NewChild(p.hashes, prov);
    Pin in_flight;
    ASSERT_EQ(pin_child(p.hashes, p.providers, hash, &in_flight), HandleStatus::ok);
    HandleStatus other_pin, other_destroy, other_release;
    std::thread other([&] {
        Pin pin;
        other_pin = pin_child(p.hashes, p.providers, hash, &pin);
        other_destroy = destroy_child(p.hashes, p.providers, hash);
        other_release = Release(prov);
    });
    other.join();
    EXPECT_EQ(other_pin, HandleStatus::busy);
    EXPECT_EQ(other_destroy, HandleStatus::busy);
    EXPECT_EQ(other_release, HandleStatus::busy);
    in_flight.unpin();
    EXPECT_EQ(Release(prov), HandleStatus::ok);
}

TEST_F(HandlePoolTest, DiscardedCreationFreesTheSlotAndItsProviderPin) {
    const uintptr_t prov = NewProvider();
    {
        Pin owner;
        ASSERT_EQ(pin_provider(p.providers, prov, &owner), HandleStatus::ok);
        Pin child;
        ASSERT_EQ(create_child(p.keys, owner, &child), HandleStatus::ok);
        discard(&child);
        EXPECT_FALSE(child.engaged());
    }
    EXPECT_EQ(pool_stats(p.keys).in_use, 0u);
    EXPECT_EQ(Release(prov), HandleStatus::ok) << "no pin was left on the provider";
}

TEST_F(HandlePoolTest, ExhaustedChildPoolFailsAndRecovers) {
    const uintptr_t prov = NewProvider();
    uintptr_t keys[4];
    for (uintptr_t &k : keys) k = NewChild(p.keys, prov);
    {
        Pin owner;
        ASSERT_EQ(pin_provider(p.providers, prov, &owner), HandleStatus::ok);
        Pin child;
        EXPECT_EQ(create_child(p.keys, owner, &child), HandleStatus::pool_full);
    }
    EXPECT_EQ(destroy_child(p.keys, p.providers, keys[2]), HandleStatus::ok);
    keys[2] = NewChild(p.keys, prov);
    EXPECT_EQ(Release(prov), HandleStatus::ok);
    EXPECT_EQ(pool_stats(p.keys).in_use, 0u);
    EXPECT_EQ(pool_stats(p.keys).high_water, 4u);
}

TEST_F(HandlePoolTest, RetirePolicyNeverIssuesAHandleTwice) {
    // 4096 slots leave 17 generation bits: one slot wraps after 131072 reuses.
    static PoolStorage<TestProvider, 4096> storage;
    const Pool<TestProvider> big = make_pool<ObjectKind::provider, true>(storage);
    const uint32_t generations = 1u << generation_bits_for(4096);
    // Start slot 0 one reuse short of exhaustion instead of cycling it 131071 times.
    big.slots[0].generation = generations - 1;
    Pin pin;
    ASSERT_EQ(create_provider(big, &pin), HandleStatus::ok);
    ASSERT_EQ(pin.index(), 0u);
    const uintptr_t last = publish(pin);
    pin.unpin();
    ReleaseOutcome outcome;
    ASSERT_EQ(release_provider(big, nullptr, 0, last, &outcome), HandleStatus::ok);
    const PoolStats stats = pool_stats(big);
    EXPECT_EQ(stats.retired, 1u);
    EXPECT_EQ(stats.in_use, 0u);
    EXPECT_EQ(big.slots[0].state, SlotState::retired);
}

TEST_F(HandlePoolTest, WrapPolicyKeepsTheSlotInService) {
    static PoolStorage<TestProvider, 4096> storage;
    const Pool<TestProvider> big = make_pool<ObjectKind::provider, false>(storage);
    big.slots[0].generation = (1u << generation_bits_for(4096)) - 1;
    Pin pin;
    ASSERT_EQ(create_provider(big, &pin), HandleStatus::ok);
    const uintptr_t last = publish(pin);
    pin.unpin();
    ReleaseOutcome outcome;
    ASSERT_EQ(release_provider(big, nullptr, 0, last, &outcome), HandleStatus::ok);
    EXPECT_EQ(pool_stats(big).retired, 0u);
    EXPECT_EQ(big.slots[0].state, SlotState::free);
}

TEST_F(HandlePoolTest, StatsReportCapacityUseHighWaterAndSlotCost) {
    const PoolStats empty = pool_stats(p.hashes);
    EXPECT_EQ(empty.capacity, 4u);
    EXPECT_EQ(empty.in_use, 0u);
    EXPECT_EQ(empty.slot_bytes, sizeof(SlotObject<TestChild>) + sizeof(SlotMeta));
    const uintptr_t prov = NewProvider();
    NewChild(p.hashes, prov);
    NewChild(p.hashes, prov);
    EXPECT_EQ(pool_stats(p.hashes).in_use, 2u);
    EXPECT_EQ(Release(prov), HandleStatus::ok);
    EXPECT_EQ(pool_stats(p.hashes).in_use, 0u);
    EXPECT_EQ(pool_stats(p.hashes).high_water, 2u);
}

}  // namespace
}  // namespace tinycapi::handles

namespace tinycapi::handles {
namespace {

// Issue 16: how many lock round trips the common calls take, and that a release costs the same
// whatever the pools' capacity (it scans only as far as its live children reach).

unsigned long LocksOf(void (*work)(void *), void *context) {
    const unsigned long before = tinycapi_mock_lock_acquisitions();
    work(context);
    return tinycapi_mock_lock_acquisitions() - before;
}

template <uint32_t Capacity>
struct ScalePools {
    PoolStorage<TestProvider, 2> provider_storage{};
    PoolStorage<TestChild, Capacity> hash_storage{};
    Pool<TestProvider> providers = make_pool<ObjectKind::provider>(provider_storage);
    Pool<TestChild> hashes = make_pool<ObjectKind::hash>(hash_storage);  // no hook, as the hashes
    const PoolBase *children[1] = {&hashes};
};

// Acquire, create a hash, destroy it, release: the lock acquisitions of the whole cycle.
template <uint32_t Capacity>
unsigned long CycleLocks(ScalePools<Capacity> &pools) {
    const unsigned long before = tinycapi_mock_lock_acquisitions();
    Pin provider_pin;
    EXPECT_EQ(create_provider(pools.providers, &provider_pin), HandleStatus::ok);
    const uintptr_t provider = publish(provider_pin);
    provider_pin.unpin();
    Pin owner, child;
    EXPECT_EQ(pin_provider(pools.providers, provider, &owner), HandleStatus::ok);
    EXPECT_EQ(create_child(pools.hashes, owner, &child), HandleStatus::ok);
    const uintptr_t hash = publish(child);
    child.unpin();
    owner.unpin();
    EXPECT_EQ(destroy_child(pools.hashes, pools.providers, hash), HandleStatus::ok);
    ReleaseOutcome outcome;
    EXPECT_EQ(release_provider(pools.providers, pools.children, 1, provider, &outcome), HandleStatus::ok);
    EXPECT_EQ(outcome, ReleaseOutcome::destroyed);
    return tinycapi_mock_lock_acquisitions() - before;
}

TEST(HandleScaleTest, ACycleTakesTheSameLocksWithPoolsOf4And1024Slots) {
    tinycapi_mock_reset(1);
    static ScalePools<4> small;
    static ScalePools<1024> large;
    const unsigned long small_locks = CycleLocks(small);
    EXPECT_EQ(CycleLocks(large), small_locks);
    // create_provider, pin_provider, create_child, destroy_child (one: no hook), release (two:
    // kill, then free the provider): publish takes none.
    EXPECT_EQ(small_locks, 6u);
    EXPECT_EQ(tinycapi_mock_locks_held(), 0u);
}

TEST(HandleScaleTest, AReleaseStillCascadesToEveryLiveChildItCounts) {
    tinycapi_mock_reset(1);
    static ScalePools<1024> pools;
    Pin provider_pin;
    ASSERT_EQ(create_provider(pools.providers, &provider_pin), HandleStatus::ok);
    const uintptr_t provider = publish(provider_pin);
    provider_pin.unpin();
    uintptr_t hashes[5];
    for (uintptr_t &hash : hashes) {
        Pin owner, child;
        ASSERT_EQ(pin_provider(pools.providers, provider, &owner), HandleStatus::ok);
        ASSERT_EQ(create_child(pools.hashes, owner, &child), HandleStatus::ok);
        pools.hashes.object(child.index()).secret[0] = 0xA5A5A5A5;
        hash = publish(child);
    }
    // Two destroyed on their own (the count drops), one copied from a sibling (it rises).
    EXPECT_EQ(destroy_child(pools.hashes, pools.providers, hashes[1]), HandleStatus::ok);
    EXPECT_EQ(destroy_child(pools.hashes, pools.providers, hashes[3]), HandleStatus::ok);
    {
        Pin original, copy;
        ASSERT_EQ(pin_child(pools.hashes, pools.providers, hashes[4], &original), HandleStatus::ok);
        ASSERT_EQ(create_sibling(pools.hashes, original, &copy), HandleStatus::ok);
        EXPECT_EQ(copy.owner_index(), original.owner_index());
        pools.hashes.object(copy.index()).secret[0] = 0xA5A5A5A5;
        EXPECT_NE(publish(copy), 0u);
    }
    EXPECT_EQ(pool_stats(pools.hashes).in_use, 4u);
    ReleaseOutcome outcome;
    EXPECT_EQ(release_provider(pools.providers, pools.children, 1, provider, &outcome), HandleStatus::ok);
    EXPECT_EQ(outcome, ReleaseOutcome::destroyed);
    EXPECT_EQ(pool_stats(pools.hashes).in_use, 0u) << "every live child went with its provider";
    for (uint32_t i = 0; i < 1024; ++i) EXPECT_EQ(pools.hashes.object(i).secret[0], 0u) << "slot " << i << " wiped";
    Pin gone;
    for (uintptr_t hash : hashes) EXPECT_EQ(pin_child(pools.hashes, pools.providers, hash, &gone), HandleStatus::invalid_handle);
    EXPECT_EQ(tinycapi_mock_locks_held(), 0u);
}

TEST(HandleScaleTest, ADestroyWithoutHookIsOneLockAndWipesTheSlot) {
    tinycapi_mock_reset(1);
    static ScalePools<4> pools;
    Pin provider_pin;
    ASSERT_EQ(create_provider(pools.providers, &provider_pin), HandleStatus::ok);
    const uintptr_t provider = publish(provider_pin);
    provider_pin.unpin();
    Pin owner, child;
    ASSERT_EQ(pin_provider(pools.providers, provider, &owner), HandleStatus::ok);
    ASSERT_EQ(create_child(pools.hashes, owner, &child), HandleStatus::ok);
    const uint32_t index = child.index();
    for (uint32_t &word : pools.hashes.object(index).secret) word = 0x5A5A5A5A;
    const uintptr_t hash = publish(child);
    {
        Pin busy;
        EXPECT_EQ(pin_child(pools.hashes, pools.providers, hash, &busy), HandleStatus::busy) << "still pinned by its creator";
    }
    EXPECT_EQ(destroy_child(pools.hashes, pools.providers, hash), HandleStatus::busy);
    child.unpin();
    owner.unpin();
    struct Call {
        ScalePools<4> *pools;
        uintptr_t hash;
    } call{&pools, hash};
    EXPECT_EQ(LocksOf([](void *c) {
                  auto &k = *static_cast<Call *>(c);
                  EXPECT_EQ(destroy_child(k.pools->hashes, k.pools->providers, k.hash), HandleStatus::ok);
              },
              &call),
              1u);
    for (uint32_t word : pools.hashes.object(index).secret) EXPECT_EQ(word, 0u);
    EXPECT_EQ(pool_stats(pools.hashes).in_use, 0u);
    ReleaseOutcome outcome;
    EXPECT_EQ(release_provider(pools.providers, pools.children, 1, provider, &outcome), HandleStatus::ok);
    EXPECT_EQ(tinycapi_mock_locks_held(), 0u);
}

// Issue 16 (two threads): a provider and its children belong to the stripe of the provider's
// slot (TINYCAPI_HANDLE_LOCK_STRIPES). A destroyed child goes back on its stripe's free list and
// that provider's next child comes from there, so threads on their own contexts reuse their own
// slots under their own lock; a stripe whose list is empty takes another's oldest free slot (the
// pool is still shared whole). With one stripe (Cortex-M) it is one FIFO list, as before.
TEST_F(HandlePoolTest, ChildSlotsGoBackToTheirProvidersStripe) {
    const auto slot_of = [&](uintptr_t handle) {
        DecodedHandle d{};  // value-initialised: gcc -O3 cannot see decode_handle write it on every path
        EXPECT_TRUE(decode_handle(handle, p.hashes.index_bits, &d));
        return d.index;
    };
    const uintptr_t a = NewProvider(), b = NewProvider();  // slots 0 and 1: stripes 0 and 1 (if 2+)
    uintptr_t fresh[4];
    for (uintptr_t &h : fresh) h = NewChild(p.hashes, a);  // slots 0..3, every fresh one used
    EXPECT_EQ(destroy_child(p.hashes, p.providers, fresh[0]), HandleStatus::ok);
    EXPECT_EQ(destroy_child(p.hashes, p.providers, fresh[1]), HandleStatus::ok);
    const uintptr_t b1 = NewChild(p.hashes, b);  // b's stripe's list is empty: the oldest of a's
    EXPECT_EQ(slot_of(b1), 0u);
    EXPECT_EQ(destroy_child(p.hashes, p.providers, fresh[2]), HandleStatus::ok);  // a's list: 1, 2
    EXPECT_EQ(destroy_child(p.hashes, p.providers, b1), HandleStatus::ok);        // slot 0 back to b's
    const uintptr_t b2 = NewChild(p.hashes, b);
    const uintptr_t a1 = NewChild(p.hashes, a);
    if (kHandleStripes >= 2) {
        EXPECT_EQ(slot_of(b2), 0u) << "b reuses the slot it freed";
        EXPECT_EQ(slot_of(a1), 1u) << "a reuses the oldest slot it freed";
    } else {
        EXPECT_EQ(slot_of(b2), 1u) << "one FIFO list: the oldest free slot";
        EXPECT_EQ(slot_of(a1), 2u);
    }
    EXPECT_NE(b2, b1) << "a reused slot's handle is new";
    Pin pin;
    EXPECT_EQ(pin_child(p.hashes, p.providers, b1, &pin), HandleStatus::invalid_handle);
    // Every slot is still reachable from any provider: 2 in use by a, 1 by b, 1 free.
    const uintptr_t last = NewChild(p.hashes, b);
    Pin owner, none;
    ASSERT_EQ(pin_provider(p.providers, a, &owner), HandleStatus::ok);
    EXPECT_EQ(create_child(p.hashes, owner, &none), HandleStatus::pool_full);
    owner.unpin();
    EXPECT_EQ(pool_stats(p.hashes).in_use, 4u);
    // The slot that moved from a's stripe to b's is b's now: its lookup, pin and destroy take
    // b's lock, and a's release leaves it alone.
    ASSERT_EQ(pin_child(p.hashes, p.providers, last, &pin), HandleStatus::ok);
    EXPECT_EQ(pin.owner_index(), 1u);
    pin.unpin();
    EXPECT_EQ(Release(a), HandleStatus::ok);
    EXPECT_EQ(pool_stats(p.hashes).in_use, 2u) << "b's two hashes, one of them in a slot a freed";
    ASSERT_EQ(pin_child(p.hashes, p.providers, last, &pin), HandleStatus::ok);
    pin.unpin();
    EXPECT_EQ(destroy_child(p.hashes, p.providers, last), HandleStatus::ok);
    EXPECT_EQ(Release(b), HandleStatus::ok);
    EXPECT_EQ(pool_stats(p.hashes).in_use, 0u);
    EXPECT_EQ(pool_stats(p.providers).in_use, 0u);
}

// Issue 16 (two threads): each stripe past the first is a port lock of its own, and the calls
// on a context take only its stripe's: a context in slot 1 never takes TINYCAPI_LOCK_HANDLES.
TEST_F(HandlePoolTest, EachStripeHasItsOwnLock) {
    EXPECT_EQ(TINYCAPI_LOCK_COUNT, 3 + TINYCAPI_HANDLE_LOCK_STRIPES);
#if TINYCAPI_HANDLE_LOCK_STRIPES > 1
    // The lock objects the core passes by address name these ids, one per cache line.
    EXPECT_EQ(tinycapi_port_handle_locks[0].id, TINYCAPI_LOCK_HANDLES);
    for (uint32_t k = 1; k < kHandleStripes; ++k) {
        EXPECT_EQ(tinycapi_port_handle_locks[k].id,
                  static_cast<tinycapi_port_lock_id>(TINYCAPI_LOCK_HANDLE_STRIPE_1 + k - 1));
        EXPECT_GE(sizeof(tinycapi_port_handle_lock), static_cast<size_t>(TINYCAPI_SLOT_ALIGNMENT));
    }
#endif
    const uintptr_t a = NewProvider(), b = NewProvider();
    if (kHandleStripes >= 2) {
        // Stripe 0's lock held by this thread's "other" work: b's whole lifecycle must not need it.
        tinycapi_port_lock(TINYCAPI_LOCK_HANDLES);
        std::thread other([&] {
            const uintptr_t hash = NewChild(p.hashes, b);
            Pin pin;
            EXPECT_EQ(pin_child(p.hashes, p.providers, hash, &pin), HandleStatus::ok);
            pin.unpin();
            EXPECT_EQ(destroy_child(p.hashes, p.providers, hash), HandleStatus::ok);
        });
        other.join();
        tinycapi_port_unlock(TINYCAPI_LOCK_HANDLES);
    }
    EXPECT_EQ(Release(a), HandleStatus::ok);
    EXPECT_EQ(Release(b), HandleStatus::ok);
}

// Issue 16 (two threads): where TINYCAPI_SLOT_ALIGNMENT asks for it (hosts: the cache line),
// each slot's bookkeeping, each slot's object and the counters start a line of their own;
// with 0 or 1 (Cortex-M) nothing is padded.
TEST_F(HandlePoolTest, SlotsAreAlignedAsConfigured) {
    const auto address = [](const void *at) { return reinterpret_cast<uintptr_t>(at); };
    if (TINYCAPI_SLOT_ALIGNMENT > 1) {
        const uintptr_t line = TINYCAPI_SLOT_ALIGNMENT;
        for (uint32_t i = 0; i < 4; ++i) {
            EXPECT_EQ(address(&p.hash_storage.slots[i]) % line, 0u);
            EXPECT_EQ(address(p.hashes.object_at(i)) % line, 0u);
            EXPECT_EQ(address(&p.hashes.object(i)), address(p.hashes.object_at(i)));
        }
        EXPECT_EQ(address(p.hashes.counters) % line, 0u);
        EXPECT_EQ(sizeof(SlotMeta) % line, 0u);
    } else {
        EXPECT_EQ(sizeof(SlotObject<TestChild>), sizeof(TestChild));
        EXPECT_EQ(p.hashes.object_stride, sizeof(TestChild));
    }
    EXPECT_EQ(p.hashes.object_size, sizeof(TestChild)) << "a wipe covers the object, not its padding";
}

}  // namespace
}  // namespace tinycapi::handles
