// The flash record store over the emulated NOR flash: power loss at every program and erase
// step of a sequence of container operations, and every bit of a record flipped. The
// expectation is the port contract (port/include/tinycapi/port.h): every operation is atomic,
// so after any cut and a remount each container is wholly old or wholly new.
#include <gtest/gtest.h>
#include <tinycapi/emulated_nor_flash.hpp>
#include <tinycapi/port_mock.h>

#include <stdio.h>
#include <string.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "flash_record_store.hpp"
#include "tinycapi_config.h"

namespace {

namespace store = tinycapi::port::flash_store;
using tinycapi::mock::EmulatedNorFlash;
using Bytes = std::vector<uint8_t>;

// What a container holds, as the store reports it.
struct ContainerState {
    tinycapi_port_status status = TINYCAPI_PORT_NOT_FOUND;  // of find
    Bytes pairs[2];
    bool operator==(const ContainerState &o) const {
        return status == o.status && pairs[0] == o.pairs[0] && pairs[1] == o.pairs[1];
    }
};
using StoreState = std::map<std::string, ContainerState>;  // "<namespace>/<name>"

struct Name {
    unsigned name_space;
    const char *text;
};
const Name kNames[] = {{0, "alpha"}, {1, "alpha"}, {0, "beta"}, {0, "gamma"}, {1, "Delta"}};

// Reads every container of kNames through the store's API.
StoreState read_state() {
    StoreState state;
    for (const Name &n : kNames) {
        ContainerState c;
        c.status = store::find(n.name_space, n.text);
        if (c.status == TINYCAPI_PORT_OK) {
            for (unsigned r = 0; r < 2; ++r) {
                uint8_t buffer[TINYCAPI_CONTAINER_RECORD_MAX];
                size_t length = 0;
                const tinycapi_port_status s = store::read(n.name_space, n.text, r + 1, buffer, sizeof buffer, &length);
                if (s == TINYCAPI_PORT_OK) {
                    c.pairs[r].assign(buffer, buffer + length);
                } else if (s != TINYCAPI_PORT_NOT_FOUND) {
                    c.status = s;
                }
            }
        }
        state[std::to_string(n.name_space) + "/" + n.text] = c;
    }
    return state;
}

// A pair record of the size a 2048-bit pair takes (8 + 2 × 128 bytes), tagged by `seed`.
Bytes pair_bytes(unsigned seed, size_t length = 264) {
    Bytes b(length);
    for (size_t i = 0; i < length; ++i) b[i] = static_cast<uint8_t>(seed * 131 + i * 7 + (i >> 3));
    return b;
}

struct Operation {
    enum Kind { create, write, remove } kind;
    unsigned name_space;
    const char *name;
    unsigned record;
    Bytes data;
};

tinycapi_port_status apply(const Operation &op) {
    switch (op.kind) {
        case Operation::create: return store::create(op.name_space, op.name);
        case Operation::remove: return store::remove(op.name_space, op.name);
        case Operation::write: break;
    }
    return store::write(op.name_space, op.name, op.record, op.data.data(), op.data.size());
}

std::string describe(const Operation &op) {
    const char *kinds[] = {"create", "write", "delete"};
    return std::string(kinds[op.kind]) + " " + std::to_string(op.name_space) + "/" + op.name +
           (op.kind == Operation::write ? " record " + std::to_string(op.record) + " (" + std::to_string(op.data.size()) + " bytes)" : "");
}

// create, add a pair, replace it, delete, create another, then fill until garbage collection
// has run several times (replacing pairs in the two containers left).
std::vector<Operation> the_sequence() {
    std::vector<Operation> ops = {
        {Operation::create, 0, "alpha", 0, {}},
        {Operation::write, 0, "alpha", TINYCAPI_RECORD_KEY_EXCHANGE, pair_bytes(1)},
        {Operation::write, 0, "alpha", TINYCAPI_RECORD_SIGNATURE, pair_bytes(2)},
        {Operation::write, 0, "alpha", TINYCAPI_RECORD_KEY_EXCHANGE, pair_bytes(3)},
        {Operation::create, 1, "alpha", 0, {}},  // the machine keyset of the same name is another container
        {Operation::write, 1, "alpha", TINYCAPI_RECORD_SIGNATURE, pair_bytes(4)},
        {Operation::remove, 0, "alpha", 0, {}},
        {Operation::create, 0, "beta", 0, {}},
        {Operation::write, 0, "beta", TINYCAPI_RECORD_KEY_EXCHANGE, pair_bytes(5)},
        {Operation::write, 0, "beta", TINYCAPI_RECORD_KEY_EXCHANGE, {}},  // erase a pair
    };
    for (unsigned i = 0; i < 10; ++i) {
        ops.push_back({Operation::write, (i % 2) ? 1u : 0u, (i % 2) ? "alpha" : "beta",
                       (i % 3) ? TINYCAPI_RECORD_SIGNATURE : TINYCAPI_RECORD_KEY_EXCHANGE, pair_bytes(10 + i)});
    }
    ops.push_back({Operation::create, 1, "Delta", 0, {}});
    ops.push_back({Operation::remove, 1, "alpha", 0, {}});
    return ops;
}

struct Geometry {
    uint32_t sector_size, sector_count, write_unit;
};

class FlashRecordStoreTest : public ::testing::TestWithParam<Geometry> {
protected:
    void SetUp() override { tinycapi_mock_reset(1); }
    void TearDown() override { store::unmount(); }
};

TEST_P(FlashRecordStoreTest, EveryPowerCutLeavesEachContainerWhollyOldOrWhollyNew) {
    const Geometry g = GetParam();
    EmulatedNorFlash flash(g.sector_size, g.sector_count, g.write_unit);
    const std::vector<Operation> ops = the_sequence();

    // The uncut run: the flash before every operation, and the state before and after it.
    std::vector<Bytes> image_before;
    std::vector<StoreState> state_before;
    std::vector<uint64_t> steps_of;
    ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
    for (const Operation &op : ops) {
        ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);  // as after a reset
        image_before.push_back(flash.bytes());
        state_before.push_back(read_state());
        flash.reset_steps();
        ASSERT_EQ(apply(op), TINYCAPI_PORT_OK) << describe(op);
        steps_of.push_back(flash.steps());
    }
    ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
    const StoreState final_state = read_state();
    EXPECT_GE(store::figures().records_scanned, 1u);
    EXPECT_EQ(flash.violations(), 0u);

    uint64_t cut_points = 0;
    uint32_t collections = 0;
    for (size_t i = 0; i < ops.size(); ++i) {
        const StoreState &old_state = state_before[i];
        const StoreState &new_state = i + 1 < ops.size() ? state_before[i + 1] : final_state;
        for (uint64_t step = 1; step <= steps_of[i]; ++step) {
            flash.set_bytes(image_before[i]);
            flash.restore_power();
            ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
            flash.cut_power_at_step(step);
            const tinycapi_port_status during = apply(ops[i]);
            ASSERT_TRUE(flash.power_is_cut()) << describe(ops[i]) << " step " << step;
            // A cut while a superseded record is being zeroed comes after the commit: the
            // operation has succeeded. Otherwise it reports the failure.
            ASSERT_TRUE(during == TINYCAPI_PORT_IO_ERROR || during == TINYCAPI_PORT_OK) << describe(ops[i]) << " step " << step << ": " << during;
            ++cut_points;

            flash.restore_power();
            ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK) << describe(ops[i]) << " step " << step;
            const StoreState after = read_state();
            const bool is_old = after == old_state;
            const bool is_new = after == new_state;
            ASSERT_TRUE(is_old || is_new) << describe(ops[i]) << ": cut at step " << step << " of "
                                          << steps_of[i] << " left a torn or foreign state";
            ASSERT_TRUE(during != TINYCAPI_PORT_OK || is_new) << describe(ops[i]) << " step " << step;
            // The store stays usable: the operation completes after the recovery.
            if (is_old) {
                ASSERT_EQ(apply(ops[i]), TINYCAPI_PORT_OK) << describe(ops[i]) << " step " << step;
                ASSERT_TRUE(read_state() == new_state) << describe(ops[i]) << " step " << step;
                ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
                ASSERT_TRUE(read_state() == new_state) << describe(ops[i]) << " step " << step;
            }
            ASSERT_EQ(flash.violations(), 0u) << describe(ops[i]) << " step " << step;
        }
    }
    // The sequence must have made the store collect garbage, or the test proves too little.
    flash.set_bytes(image_before[0]);
    flash.restore_power();
    ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
    for (const Operation &op : ops) ASSERT_EQ(apply(op), TINYCAPI_PORT_OK);
    collections = store::figures().collections;
    EXPECT_GE(collections, 2u);
    printf("[ power cuts ] %u-byte sectors x %u, %u-byte write unit: %llu cut points over %zu operations "
           "(%u garbage collections)\n",
           g.sector_size, g.sector_count, g.write_unit, static_cast<unsigned long long>(cut_points), ops.size(),
           collections);
}

// A second power cut while the mount recovers from the first (zeroing a superseded record,
// erasing a half-erased sector, finishing a collection) is recovered by the next mount.
TEST_P(FlashRecordStoreTest, APowerCutDuringRecoveryIsRecoveredByTheNextMount) {
    const Geometry g = GetParam();
    EmulatedNorFlash flash(g.sector_size, g.sector_count, g.write_unit);
    const std::vector<Operation> ops = the_sequence();
    ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
    uint64_t double_cuts = 0;
    for (const Operation &op : ops) {
        ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
        const Bytes before = flash.bytes();
        const StoreState old_state = read_state();
        flash.reset_steps();
        ASSERT_EQ(apply(op), TINYCAPI_PORT_OK);
        const uint64_t steps = flash.steps();
        ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
        const StoreState new_state = read_state();
        const Bytes after = flash.bytes();
        for (uint64_t first = 1; first <= steps; ++first) {
            flash.set_bytes(before);
            flash.restore_power();
            ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
            flash.cut_power_at_step(first);
            apply(op);
            const Bytes torn = flash.bytes();
            // How many steps the recovery mount takes from this image.
            flash.restore_power();
            flash.reset_steps();
            ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
            const uint64_t recovery_steps = flash.steps();
            // Six second cuts spread over the recovery (its first and last step included) keep
            // the test within seconds; every first cut is still taken.
            const uint64_t stride = recovery_steps > 6 ? (recovery_steps + 5) / 6 : 1;
            for (uint64_t second = 1; second <= recovery_steps;
                 second = (second < recovery_steps && second + stride > recovery_steps) ? recovery_steps : second + stride) {
                flash.set_bytes(torn);
                flash.restore_power();
                flash.cut_power_at_step(second);
                store::mount(flash.device());  // dies part-way through its own writes
                flash.restore_power();
                ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
                const StoreState now = read_state();
                ASSERT_TRUE(now == old_state || now == new_state)
                    << describe(op) << ": cut at step " << first << ", then at recovery step " << second;
                ASSERT_EQ(flash.violations(), 0u);
                ++double_cuts;
            }
        }
        flash.set_bytes(after);
        flash.restore_power();
    }
    printf("[ power cuts ] %llu second cuts during recovery\n", static_cast<unsigned long long>(double_cuts));
    EXPECT_GT(double_cuts, 0u);
}

TEST_P(FlashRecordStoreTest, EveryFlippedBitOfARecordReportsThatContainerDamagedAndNoOther) {
    const Geometry g = GetParam();
    EmulatedNorFlash flash(g.sector_size, g.sector_count, g.write_unit);
    ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
    ASSERT_EQ(store::create(0, "alpha"), TINYCAPI_PORT_OK);
    const Bytes kx = pair_bytes(7, 72);  // a 512-bit pair keeps the loop short
    ASSERT_EQ(store::write(0, "alpha", TINYCAPI_RECORD_KEY_EXCHANGE, kx.data(), kx.size()), TINYCAPI_PORT_OK);
    ASSERT_EQ(store::create(0, "beta"), TINYCAPI_PORT_OK);
    const Bytes sig = pair_bytes(8);
    ASSERT_EQ(store::write(0, "beta", TINYCAPI_RECORD_SIGNATURE, sig.data(), sig.size()), TINYCAPI_PORT_OK);
    ASSERT_EQ(store::create(1, "Delta"), TINYCAPI_PORT_OK);
    const StoreState intact = read_state();
    uint32_t address = 0, size = 0;
    ASSERT_TRUE(store::locate(0, "alpha", &address, &size));
    const Bytes image = flash.bytes();
    // Header copies and payload are checked; the padding after the payload and the commit
    // mark (any programmed bit commits) are not, and flipping them changes nothing.
    const uint32_t header_span = (24 + g.write_unit - 1) / g.write_unit * g.write_unit;
    const uint32_t checked = 2 * header_span + (1 + 5 + 2 + 72 + 2);

    unsigned damaged = 0, harmless = 0;
    for (uint32_t offset = 0; offset < size; ++offset) {
        for (unsigned bit = 0; bit < 8; ++bit) {
            flash.set_bytes(image);
            flash.flip_bit(address + offset, bit);
            ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
            StoreState now = read_state();
            const bool in_checked_bytes =
                offset < checked && !(offset >= 24 && offset < header_span) && !(offset >= header_span + 24 && offset < 2 * header_span);
            if (in_checked_bytes) {
                ASSERT_EQ(now["0/alpha"].status, TINYCAPI_PORT_DAMAGED) << "byte " << offset << " bit " << bit;
                uint8_t buffer[8];
                size_t length = 0;
                ASSERT_EQ(store::read(0, "alpha", 1, buffer, sizeof buffer, &length), TINYCAPI_PORT_DAMAGED);
                ASSERT_EQ(store::write(0, "alpha", 1, buffer, 1), TINYCAPI_PORT_DAMAGED);
                ASSERT_EQ(store::create(0, "alpha"), TINYCAPI_PORT_EXISTS);
                now["0/alpha"] = intact.at("0/alpha");
                ++damaged;
            } else {
                ++harmless;
            }
            ASSERT_TRUE(now == intact) << "byte " << offset << " bit " << bit << " touched another container";
        }
    }
    // A damaged container can still be deleted, and its name used again.
    flash.set_bytes(image);
    flash.flip_bit(address + 40, 3);
    ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
    ASSERT_EQ(store::find(0, "alpha"), TINYCAPI_PORT_DAMAGED);
    ASSERT_EQ(store::remove(0, "alpha"), TINYCAPI_PORT_OK);
    ASSERT_EQ(store::find(0, "alpha"), TINYCAPI_PORT_NOT_FOUND);
    ASSERT_EQ(store::create(0, "alpha"), TINYCAPI_PORT_OK);
    ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
    ASSERT_EQ(store::find(0, "alpha"), TINYCAPI_PORT_OK);
    EXPECT_EQ(flash.violations(), 0u);
    printf("[ bit flips  ] %u-byte record: %u flipped bits reported damaged, %u harmless (padding, commit mark)\n",
           size, damaged, harmless);
}

TEST_P(FlashRecordStoreTest, WearIsSpreadOverEverySector) {
    const Geometry g = GetParam();
    EmulatedNorFlash flash(g.sector_size, g.sector_count, g.write_unit);
    ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
    ASSERT_EQ(store::create(0, "alpha"), TINYCAPI_PORT_OK);
    for (unsigned i = 0; i < 40 * g.sector_count; ++i) {
        const Bytes pair = pair_bytes(i);
        ASSERT_EQ(store::write(0, "alpha", 1 + i % 2, pair.data(), pair.size()), TINYCAPI_PORT_OK);
    }
    uint64_t least = ~0ull, most = 0;
    for (uint32_t s = 0; s < g.sector_count; ++s) {
        least = std::min(least, flash.erases_of(s));
        most = std::max(most, flash.erases_of(s));
    }
    EXPECT_GE(least, 3u);
    EXPECT_LE(most - least, 1u) << "the ring takes every sector in turn";
    EXPECT_EQ(flash.violations(), 0u);
}

TEST_P(FlashRecordStoreTest, ReplacedAndDeletedPairsLeaveNoCopyInFlash) {
    const Geometry g = GetParam();
    EmulatedNorFlash flash(g.sector_size, g.sector_count, g.write_unit);
    ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
    ASSERT_EQ(store::create(0, "alpha"), TINYCAPI_PORT_OK);
    const Bytes first = pair_bytes(21), second = pair_bytes(22);
    ASSERT_EQ(store::write(0, "alpha", 1, first.data(), first.size()), TINYCAPI_PORT_OK);
    ASSERT_EQ(store::write(0, "alpha", 1, second.data(), second.size()), TINYCAPI_PORT_OK);
    auto holds = [&](const Bytes &pair) {
        const Bytes &all = flash.bytes();
        return std::search(all.begin(), all.end(), pair.begin(), pair.end()) != all.end();
    };
    EXPECT_FALSE(holds(first)) << "the replaced pair is still in flash";
    EXPECT_TRUE(holds(second));
    ASSERT_EQ(store::remove(0, "alpha"), TINYCAPI_PORT_OK);
    EXPECT_FALSE(holds(second)) << "the deleted container's pair is still in flash";
    ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
    EXPECT_EQ(store::find(0, "alpha"), TINYCAPI_PORT_NOT_FOUND);
}

TEST_P(FlashRecordStoreTest, AFullStoreSaysFullAndKeepsItsContents) {
    const Geometry g = GetParam();
    EmulatedNorFlash flash(g.sector_size, g.sector_count, g.write_unit);
    ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
    const char *names[] = {"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"};
    const Bytes big = pair_bytes(3, TINYCAPI_CONTAINER_RECORD_MAX);
    unsigned stored = 0;
    tinycapi_port_status s = TINYCAPI_PORT_OK;
    for (const char *name : names) {
        s = store::create(0, name);
        if (s != TINYCAPI_PORT_OK) break;
        s = store::write(0, name, 1, big.data(), big.size());
        if (s == TINYCAPI_PORT_OK) s = store::write(0, name, 2, big.data(), big.size());
        if (s != TINYCAPI_PORT_OK) break;
        ++stored;
    }
    EXPECT_EQ(s, TINYCAPI_PORT_FULL);
    EXPECT_GE(stored, 1u);
    ASSERT_EQ(store::mount(flash.device()), TINYCAPI_PORT_OK);
    for (unsigned i = 0; i < stored; ++i) {
        uint8_t buffer[TINYCAPI_CONTAINER_RECORD_MAX];
        size_t length = 0;
        ASSERT_EQ(store::read(0, names[i], 2, buffer, sizeof buffer, &length), TINYCAPI_PORT_OK);
        EXPECT_EQ(Bytes(buffer, buffer + length), big);
    }
    EXPECT_EQ(flash.violations(), 0u);
}

TEST(FlashRecordStoreMount, BadGeometryIsRefused) {
    EmulatedNorFlash tiny(256, 4, 4), one_sector(4096, 1, 4), odd_unit(4096, 2, 3);
    EXPECT_EQ(store::mount(tiny.device()), TINYCAPI_PORT_IO_ERROR);
    EXPECT_EQ(store::mount(one_sector.device()), TINYCAPI_PORT_IO_ERROR);
    EXPECT_EQ(store::mount(odd_unit.device()), TINYCAPI_PORT_IO_ERROR);
    EXPECT_EQ(store::mount(nullptr), TINYCAPI_PORT_IO_ERROR);
    EXPECT_EQ(store::create(0, "x"), TINYCAPI_PORT_IO_ERROR);
    store::unmount();
}

INSTANTIATE_TEST_SUITE_P(Geometries, FlashRecordStoreTest,
                         ::testing::Values(Geometry{2048, 3, 4}, Geometry{4096, 2, 16}, Geometry{1536, 4, 8}),
                         [](const ::testing::TestParamInfo<Geometry> &param_info) {
                             return std::to_string(param_info.param.sector_size) + "x" +
                                    std::to_string(param_info.param.sector_count) + "_unit" +
                                    std::to_string(param_info.param.write_unit);
                         });

}  // namespace
