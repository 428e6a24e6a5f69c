// Finding secrets where they should no longer be (issue 17): an 8-byte window of a secret, in
// either byte order (CryptoAPI blobs are little-endian, big numbers cross into Mbed TLS
// big-endian, and Mbed TLS's limbs are little-endian in memory), is a residue. PaintedStack runs
// a call on a thread whose stack the test owns and has painted, so that the dead frames the
// call leaves can be scanned after the thread has ended.
#pragma once

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include <tinycapi/wincrypt.h>

#include "test_bytes.hpp"

namespace tinycapi::testing {

struct Secret {
    std::string name;
    Bytes bytes;
};

// Where a window of which secret sits.
struct Residue {
    std::string secret;
    size_t offset;
};

// Dead stack and other objects' bytes are read on purpose; no sanitizer should judge that read.
__attribute__((no_sanitize("address", "thread", "undefined"))) inline uint64_t LoadWindow(const volatile uint8_t *at) {
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value |= static_cast<uint64_t>(at[i]) << (8 * i);
    return value;
}

__attribute__((no_sanitize("address", "thread", "undefined"))) inline unsigned LoadPair(const volatile uint8_t *at) {
    return static_cast<unsigned>(at[0]) | static_cast<unsigned>(at[1]) << 8;
}

// Every 8-byte window of every secret, in either byte order, found in [memory, memory + size).
inline std::vector<Residue> Scan(const volatile uint8_t *memory, size_t size, const std::vector<Secret> &secrets) {
    std::unordered_map<uint64_t, std::string> windows;
    for (const Secret &secret : secrets) {
        for (const Bytes &form : {secret.bytes, Reversed(secret.bytes)}) {
            for (size_t i = 0; i + 8 <= form.size(); ++i) {
                uint64_t value = 0;
                for (int b = 0; b < 8; ++b) value |= static_cast<uint64_t>(form[i + b]) << (8 * b);
                windows.emplace(value, secret.name);
            }
        }
    }
    // Most offsets fail on their first two bytes: a table of those spares the map lookup.
    std::vector<bool> first_two(65536, false);
    for (const auto &window : windows) first_two[window.first & 0xFFFF] = true;
    std::vector<Residue> found;
    for (size_t offset = 0; offset + 8 <= size; ++offset) {
        if (!first_two[LoadPair(memory + offset)]) continue;
        auto hit = windows.find(LoadWindow(memory + offset));
        if (hit != windows.end()) {
            found.push_back({hit->second, offset});
            offset += 7;  // one report per window
        }
    }
    return found;
}

// Paints [from, to) with `paint`. Writes below the caller's frame, into memory no live object
// owns: uninstrumented, and never inlined so that its own frame sits above `to`.
__attribute__((noinline, no_sanitize("address", "thread"))) inline void Repaint(volatile uint8_t *from,
                                                                              volatile uint8_t *to, uint8_t paint) {
    while (from < to) *from++ = paint;
}

// Whether a sanitizer's runtime puts frames of its own on a new thread's stack (its first
// calls), deeper than a short scrub reaches: checks of a scrub's reach run only without one.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitizerFramesOnTheStack = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kSanitizerFramesOnTheStack = true;
#else
constexpr bool kSanitizerFramesOnTheStack = false;
#endif
#else
constexpr bool kSanitizerFramesOnTheStack = false;
#endif

// Runs `work` on a fresh thread whose stack is a buffer this object owns. Everything below the
// frame that calls `work` is painted right before the call — the thread's start-up (the C
// library's, a sanitizer's) has already used that stack — so whatever is found there afterwards
// was left by `work`.
class PaintedStack {
public:
    static constexpr size_t kBytes = 1024 * 1024;  // ASan's frames are large
    static constexpr uint8_t kPaint = 0xA5;

    PaintedStack() {
        void *memory = mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        stack_ = memory == MAP_FAILED ? nullptr : static_cast<uint8_t *>(memory);
    }
    ~PaintedStack() {
        if (stack_) munmap(stack_, kBytes);
    }

    bool Run(const std::function<void()> &work) {
        if (!stack_) return false;
        memset(stack_, kPaint, kBytes);
        work_ = &work;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setstack(&attributes, stack_, kBytes);
        pthread_t thread;
        const int created = pthread_create(&thread, &attributes, &PaintedStack::Start, this);
        pthread_attr_destroy(&attributes);
        if (created != 0) return false;
        pthread_join(thread, nullptr);
        return true;
    }

    // The residue in the part of the stack `work` could use: below the frame that called it,
    // down to the deepest byte that lost its paint.
    std::vector<Residue> Scan(const std::vector<Secret> &secrets) const {
        const size_t untouched = Untouched();
        const size_t start = untouched >= 8 ? untouched - 8 : 0;
        const size_t end = static_cast<size_t>(work_top_ - stack_);
        if (end <= start) return {};
        std::vector<Residue> found = testing::Scan(stack_ + start, end - start, secrets);
        for (Residue &r : found) r.offset += start;
        return found;
    }

    // Where the stack is, for a watchpoint on a reported residue.
    const uint8_t *Base() const { return stack_; }

    // Checks that the deepest bytes `work` wrote were zeroed afterwards: the lowest `run` bytes
    // it reached must all be zero. A call whose stack scrubs (core/platform/stack_scrub.hpp) reach below
    // every frame it built ends on a run of zeroes as long as its smallest scrub; one with a
    // frame below them leaves that frame's return address and saved registers there. Returns
    // the offset below the frame that called `work` of the lowest non-zero byte, or 0.
    size_t LowestUnscrubbedByte(size_t run) const {
        const size_t untouched = Untouched();
        const size_t top = static_cast<size_t>(work_top_ - stack_);
        for (size_t at = untouched; at < untouched + run && at < top; ++at) {
            if (stack_[at] != 0) return top - at;
        }
        return 0;
    }

    // How deep the calls went below the frame that called `work` (the stack grows down).
    size_t DepthUsed() const {
        const size_t top = static_cast<size_t>(work_top_ - stack_);
        const size_t untouched = Untouched();
        return top > untouched ? top - untouched : 0;
    }

private:
    // The painted bytes at the bottom that no call reached.
    size_t Untouched() const {
        size_t untouched = 0;
        while (untouched < kBytes && stack_[untouched] == kPaint) ++untouched;
        return untouched;
    }

    // The stack pointer of the calling frame: the frames `work` builds lie just below it.
    __attribute__((always_inline)) static inline uint8_t *StackPointer() {
        uint8_t *sp;
#if defined(__x86_64__)
        __asm__ volatile("mov %%rsp, %0" : "=r"(sp));
#elif defined(__i386__)
        __asm__ volatile("mov %%esp, %0" : "=r"(sp));
#elif defined(__aarch64__)
        __asm__ volatile("mov %0, sp" : "=r"(sp));
#else
        volatile uint8_t here = 0;
        sp = const_cast<uint8_t *>(&here) - 256;  // a bound, not exact: frames above it go unscanned
#endif
        return sp;
    }

    // Runs `work` below a gap of kTeardownRoom bytes, after painting everything below the gap.
    // The gap keeps the thread's own exit (the C library's and the sanitizers' clean-up, which
    // runs from this frame's level downwards once `work` is done) from overwriting the dead
    // frames `work` left before they are scanned: without it, a copy of a key in the first
    // frames below this one was gone by the time of the scan. Repaint needs room for its own
    // frame, so the 512 bytes under the stack pointer are painted afterwards by a loop that
    // makes no call: `work`'s first frames (the std::function call, the lambda, the entry
    // point) go there and are scanned like the rest.
    static constexpr size_t kTeardownRoom = 64 * 1024;
    __attribute__((no_sanitize("address", "thread"))) static void *Start(void *argument) {
        auto *self = static_cast<PaintedStack *>(argument);
        // A size the compiler cannot see and an address that escapes: an optimiser folds a
        // constant alloca used only at one byte into a small fixed slot, and the gap is gone.
        volatile size_t room = kTeardownRoom;
        uint8_t *const gap = static_cast<uint8_t *>(__builtin_alloca(room));
        __asm__ volatile("" : : "r"(gap) : "memory");
        uint8_t *const sp = StackPointer();
        uint8_t *const repaint_top = sp - 512;
        Repaint(self->stack_, repaint_top, kPaint);
        for (volatile uint8_t *at = repaint_top; at < sp; ++at) *at = kPaint;
        self->work_top_ = sp;
        (*self->work_)();
        return nullptr;
    }

    uint8_t *stack_ = nullptr;
    uint8_t *work_top_ = nullptr;
    const std::function<void()> *work_ = nullptr;
};

// The private numbers of a PRIVATEKEYBLOB of `bits` (reference §6.2), little-endian as stored.
inline std::vector<Secret> PrivateParts(const BYTE *blob, size_t bits) {
    const size_t k = bits / 8, half = (bits + 8) / 16;
    const BYTE *at = blob + 20 + k;
    std::vector<Secret> parts;
    for (const char *name : {"p", "q", "dP", "dQ", "qInv"}) {
        parts.push_back({name, Bytes(at, at + half)});
        at += half;
    }
    parts.push_back({"d", Bytes(at, at + k)});
    return parts;
}

}  // namespace tinycapi::testing
