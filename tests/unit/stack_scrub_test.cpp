// The stack scrub itself (core/platform/stack_scrub.hpp): each way it can zero — plain words, and
// on x86-64 AVX's wider stores chosen at run time — zeroes the whole area below its caller's
// frame, so a secret a deeper call left there is gone and the lowest bytes reached are zero.
// The stack residue tests prove the same of the entry points, but only with the variant this
// CPU selects; this runs each variant the build has.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

#include "platform/stack_scrub.hpp"
#include "secret_scan.hpp"

namespace tinycapi::platform {
namespace {

constexpr size_t kScrubBytes = 4096;
constexpr size_t kSecretDepth = 3000;  // well inside the scrub, well below the caller's frame

const uint8_t kSecret[16] = {0x6b, 0x1f, 0xe3, 0x74, 0xc8, 0x25, 0x8e, 0x9a,
                             0x41, 0xb6, 0x0d, 0x53, 0xfa, 0x67, 0x2c, 0x98};

// A frame about kSecretDepth bytes deep holding a copy of the secret: what Mbed TLS's key
// expansion leaves behind. Its address escapes, so the copy stays whole in the frame.
__attribute__((noinline)) void leave_secret_deep_below() {
    uint8_t frame[kSecretDepth];
    memset(frame, 0x11, sizeof frame);
    memcpy(frame, kSecret, sizeof kSecret);
    __asm__ volatile("" : : "r"(frame) : "memory");
}

template <void (*Scrub)()>
__attribute__((noinline)) void work_then_scrub() {
    leave_secret_deep_below();
    Scrub();
    __asm__ volatile("" ::: "memory");  // not a tail call: the scrub runs below this frame
}

template <void (*Scrub)()>
void expect_scrub_zeroes_below_its_caller() {
    testing::PaintedStack stack;
    ASSERT_TRUE(stack.Run(work_then_scrub<Scrub>));
    EXPECT_TRUE(stack.Scan({{"the secret", testing::Bytes(kSecret, kSecret + sizeof kSecret)}}).empty());
    // The scrub's frame is the deepest one, and all of it is zero (a sanitizer's runtime frames
    // may lie deeper than the work: secret_scan.hpp).
    if (!testing::kSanitizerFramesOnTheStack) {
        EXPECT_EQ(stack.LowestUnscrubbedByte(kScrubBytes - 64), 0u) << stack.DepthUsed() << " bytes deep";
        EXPECT_GE(stack.DepthUsed(), kScrubBytes);
    }
}

TEST(StackScrub, WordStoresZeroTheWholeAreaBelowTheCaller) {
    expect_scrub_zeroes_below_its_caller<scrub_stack_words<kScrubBytes>>();
}

#if defined(TINYCAPI_SCRUB_WITH_AVX)
TEST(StackScrub, AvxStoresZeroTheWholeAreaBelowTheCaller) {
    if (!__builtin_cpu_supports("avx")) GTEST_SKIP() << "this CPU has no AVX; scrub_stack uses word stores here";
    expect_scrub_zeroes_below_its_caller<scrub_stack_wide_words<kScrubBytes>>();
}
#endif

}  // namespace
}  // namespace tinycapi::platform
