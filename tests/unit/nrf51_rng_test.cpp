// The micro:bit's entropy driver (boards/qemu-microbit/nrf51_rng.c) against a fake nRF51 RNG
// register block: it programs the peripheral as the nRF51 Series Reference Manual v3.0 §21
// says (bias correction on, VALRDY polled and cleared, stopped after use), passes what a
// healthy source gives, and fails — for good — on a stuck, short-period or silent source, which
// CryptGenRandom then reports as NTE_FAIL with nothing written (reference §3.4). The cutoffs
// are NIST SP 800-90B §4.4's for the driver's assumed 2 bits of min-entropy a byte.
#include <string.h>

#include <vector>

#include "nrf51_rng.h"
#include "tinycapi_test.hpp"

namespace {

// The fake peripheral: what the driver has programmed, and the bytes it will produce.
struct FakeRng {
    nrf51_rng_registers registers{};
    uint8_t (*next)(uint32_t index) = nullptr;  // null: the peripheral never answers
    uint32_t produced = 0;
    bool config_was_set_before_start = false;
};
FakeRng fake;

}  // namespace

// Called by the driver (built with NRF51_RNG_TEST_WAIT_HOOK) each time it finds VALRDY clear:
// a running peripheral with a source makes the next byte ready.
extern "C" void nrf51_rng_fake_wait(nrf51_rng_registers *rng) {
    ASSERT_EQ(rng, &fake.registers);
    if (rng->TASKS_START == 0 || fake.next == nullptr) return;
    if (rng->CONFIG == NRF51_RNG_CONFIG_DERCEN) fake.config_was_set_before_start = true;
    rng->VALUE = fake.next(fake.produced++);
    rng->EVENTS_VALRDY = 1;
}

namespace tinycapi::testing {
namespace {

// A healthy source: a 32-bit LCG's top byte (Numerical Recipes' constants), index-addressed.
uint8_t healthy(uint32_t index) {
    uint32_t state = index * 1664525u + 1013904223u;
    state = state * 1664525u + 1013904223u;
    return static_cast<uint8_t>(state >> 24);
}
uint8_t stuck(uint32_t) { return 0x5a; }
uint8_t alternating(uint32_t index) { return index % 2 ? 0x12 : 0x34; }
uint8_t stuck_after_startup(uint32_t index) { return index < NRF51_RNG_STARTUP_BYTES + 100 ? healthy(index) : 0xff; }

// A register's value (gtest cannot print a volatile lvalue).
uint32_t Register(const volatile uint32_t &value) { return value; }

class Nrf51RngTest : public CapiTest {
protected:
    void SetUp() override {
        CapiTest::SetUp();
        fake = FakeRng{};
        health_ = nrf51_rng_health{};
    }

    int Read(uint8_t *buffer, size_t length) { return nrf51_rng_read(&fake.registers, &health_, buffer, length); }

    nrf51_rng_health health_{};
};

TEST_F(Nrf51RngTest, HealthySourceAfterTheStartupTestWithBiasCorrectionOn) {
    fake.next = healthy;
    uint8_t bytes[64];
    ASSERT_EQ(Read(bytes, sizeof bytes), 0);
    // The start-up test's 1024 bytes are discarded; the caller gets the ones after them.
    EXPECT_EQ(fake.produced, NRF51_RNG_STARTUP_BYTES + sizeof bytes);
    for (size_t i = 0; i < sizeof bytes; ++i) {
        ASSERT_EQ(bytes[i], healthy(static_cast<uint32_t>(NRF51_RNG_STARTUP_BYTES + i))) << "byte " << i;
    }
    EXPECT_TRUE(fake.config_was_set_before_start) << "CONFIG.DERCEN (bias correction) set while running";
    EXPECT_EQ(Register(fake.registers.CONFIG), NRF51_RNG_CONFIG_DERCEN);
    EXPECT_EQ(Register(fake.registers.SHORTS), 0u) << "no VALRDY_STOP short: the driver stops it";
    EXPECT_EQ(Register(fake.registers.INTENCLR), NRF51_RNG_INTENCLR_VALRDY) << "polled, not interrupt-driven";
    EXPECT_EQ(Register(fake.registers.TASKS_STOP), 1u) << "stopped after use";
    // A second request has no start-up test: only its own bytes are drawn.
    ASSERT_EQ(Read(bytes, 16), 0);
    EXPECT_EQ(fake.produced, NRF51_RNG_STARTUP_BYTES + sizeof bytes + 16);
}

TEST_F(Nrf51RngTest, StuckOutputFailsAndStaysFailed) {
    fake.next = stuck;
    uint8_t bytes[16];
    EXPECT_EQ(Read(bytes, sizeof bytes), -1);
    EXPECT_EQ(fake.produced, NRF51_RNG_RCT_CUTOFF) << "the repetition count test stops at its cutoff";
    EXPECT_EQ(Register(fake.registers.TASKS_STOP), 1u);
    fake.next = healthy;
    EXPECT_EQ(Read(bytes, sizeof bytes), -1) << "a failure is latched until reset";
    EXPECT_EQ(fake.produced, NRF51_RNG_RCT_CUTOFF) << "a failed source is not read again";
}

TEST_F(Nrf51RngTest, ShortRepeatingPatternFailsTheAdaptiveProportionTest) {
    fake.next = alternating;  // never two equal bytes in a row: only the APT can see it
    uint8_t bytes[16];
    EXPECT_EQ(Read(bytes, sizeof bytes), -1);
    EXPECT_LT(fake.produced, NRF51_RNG_APT_WINDOW) << "caught within the first window";
}

TEST_F(Nrf51RngTest, SourceThatSticksLaterFailsWithinTheCutoff) {
    fake.next = stuck_after_startup;
    uint8_t bytes[64];
    ASSERT_EQ(Read(bytes, sizeof bytes), 0);
    EXPECT_EQ(Read(bytes, sizeof bytes), -1);
    EXPECT_LE(fake.produced, NRF51_RNG_STARTUP_BYTES + 100 + NRF51_RNG_RCT_CUTOFF);
}

TEST_F(Nrf51RngTest, PeripheralThatNeverAnswersFails) {
    fake.next = nullptr;
    uint8_t byte = 0;
    EXPECT_EQ(Read(&byte, 1), -1);
    EXPECT_EQ(Register(fake.registers.TASKS_STOP), 1u);
}

// The board's tinycapi_port_entropy, over the fake block (entropy_nrf51_rng.c does the same
// over the peripheral's address).
nrf51_rng_health api_health;
int fake_board_entropy(uint8_t *buffer, size_t length) {
    return nrf51_rng_read(&fake.registers, &api_health, buffer, length);
}

TEST_F(Nrf51RngTest, StuckSourceMakesCryptGenRandomFailWithNteFailAndWriteNothing) {
    fake.next = stuck;
    api_health = nrf51_rng_health{};
    tinycapi_mock_set_entropy_source(fake_board_entropy);
    HCRYPTPROV prov = AcquireVerify();
    // Long enough that the generator must reseed before its first byte, whatever its state.
    std::vector<BYTE> buffer((TINYCAPI_DRBG_RESEED_INTERVAL + 1) * 1024, 0xC3);
    EXPECT_FAILS_WITH(CryptGenRandom(prov, static_cast<DWORD>(buffer.size()), buffer.data()), NTE_FAIL);
    EXPECT_GT(fake.produced, 0u) << "the driver was asked";
    for (size_t i = 0; i < buffer.size(); i += 4096) ASSERT_EQ(buffer[i], 0xC3) << "byte " << i << " changed";
    EXPECT_EQ(buffer.back(), 0xC3);
    EXPECT_TRUE(CryptReleaseContext(prov, 0));
    tinycapi_mock_set_entropy_source(nullptr);
}

}  // namespace
}  // namespace tinycapi::testing
