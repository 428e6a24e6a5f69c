// DES (FIPS 46-3) and triple DES (SP 800-67). Written from the standards' tables and prose, not
// from any other implementation: FIPS 46-3's IP, E, S1..S8, P, PC-1, PC-2 and shift schedule
// appear below as the standard prints them, and everything faster is derived from them at
// compile time and proved equal to them there (static_assert), so a typo in a derivation cannot
// build. Checked against the FIPS/NIST known answers and against Mbed TLS 3.6
// (tests/unit/crypto_des_test.cpp).
//
// Not constant-time: the round function indexes the S-P tables with key-dependent values, so
// the cache lines touched may leak key bits to a co-resident attacker (Mbed TLS's DES does the
// same). Accepted because DES and 3DES are here only to read and write Windows data that
// already names them; a bitsliced DES would cost several times the time and code.
#include "crypto/legacy/des.hpp"

#include "tinycapi_config.h"

#if TINYCAPI_ENABLE_DES

#include "crypto/mbedtls_build.hpp"

#include <mbedtls/platform_util.h>

namespace tinycapi::crypto::legacy {
namespace {

// ---- FIPS 46-3, as printed (bit 1 is the leftmost, most significant bit) -----------------

// Initial permutation IP: output bit n is input bit ip_table[n-1].
constexpr uint8_t ip_table[64] = {
    58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
    62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
    57, 49, 41, 33, 25, 17, 9,  1, 59, 51, 43, 35, 27, 19, 11, 3,
    61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
};

// E bit-selection table: 32 bits of R to 48.
constexpr uint8_t e_table[48] = {
    32, 1,  2,  3,  4,  5,  4,  5,  6,  7,  8,  9,  8,  9,  10, 11, 12, 13, 12, 13, 14, 15, 16, 17,
    16, 17, 18, 19, 20, 21, 20, 21, 22, 23, 24, 25, 24, 25, 26, 27, 28, 29, 28, 29, 30, 31, 32, 1,
};

// The selection functions S1..S8: row = first and last input bit, column = the middle four.
constexpr uint8_t s_boxes[8][4][16] = {
    {{14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7},
     {0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8},
     {4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0},
     {15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13}},
    {{15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10},
     {3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5},
     {0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15},
     {13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9}},
    {{10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8},
     {13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1},
     {13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7},
     {1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12}},
    {{7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15},
     {13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9},
     {10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4},
     {3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14}},
    {{2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9},
     {14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6},
     {4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14},
     {11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3}},
    {{12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11},
     {10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8},
     {9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6},
     {4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13}},
    {{4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1},
     {13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6},
     {1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2},
     {6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12}},
    {{13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7},
     {1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2},
     {7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8},
     {2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11}},
};

// Permutation P of the S-boxes' 32 output bits.
constexpr uint8_t p_table[32] = {
    16, 7, 20, 21, 29, 12, 28, 17, 1,  15, 23, 26, 5,  18, 31, 10,
    2,  8, 24, 14, 32, 27, 3,  9,  19, 13, 30, 6,  22, 11, 4,  25,
};

// Key schedule: permuted choice 1 (C0 from the first 28 entries, D0 from the last 28), the
// left shifts before each round, permuted choice 2.
constexpr uint8_t pc1_table[56] = {
    57, 49, 41, 33, 25, 17, 9,  1,  58, 50, 42, 34, 26, 18, 10, 2,  59, 51, 43, 35, 27, 19, 11, 3,
    60, 52, 44, 36, 63, 55, 47, 39, 31, 23, 15, 7,  62, 54, 46, 38, 30, 22, 14, 6,  61, 53, 45, 37,
    29, 21, 13, 5,  28, 20, 12, 4,
};
constexpr uint8_t left_shifts[16] = {1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1};
constexpr uint8_t pc2_table[48] = {
    14, 17, 11, 24, 1,  5,  3,  28, 15, 6,  21, 10, 23, 19, 12, 4,  26, 8,  16, 7,  27, 20, 13, 2,
    41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
};

// ---- Bit numbering helpers ---------------------------------------------------------------

// Bit n (1 = leftmost) of a `width`-bit value, and the value with only that bit set.
constexpr uint64_t fips_bit(uint64_t value, unsigned width, unsigned n) {
    return (value >> (width - n)) & 1;
}
constexpr uint64_t fips_mask(unsigned width, unsigned n) { return uint64_t{1} << (width - n); }

// A table permutation applied bit by bit, as the standard defines it: the reference the fast
// paths are proved against, and the key schedule's (slow but run once per key) workhorse.
template <size_t N>
constexpr uint64_t permute(uint64_t input, unsigned input_width, const uint8_t (&table)[N]) {
    uint64_t output = 0;
    for (size_t i = 0; i < N; ++i) {
        output = (output << 1) | fips_bit(input, input_width, table[i]);
    }
    return output;
}

constexpr uint32_t rotate_right(uint32_t value, unsigned bits) {
    return (value >> bits) | (value << ((32 - bits) & 31));
}

// ---- The combined S-box and P tables -----------------------------------------------------

// sp_tables[j][x] = P applied to S(j+1)(x) placed in output bits 4j+1..4j+4: the round function
// is then eight lookups and XORs (2 KiB of flash, derived here from the FIPS tables rather than
// typed in).
struct SpTables {
    uint32_t entries[8][64];
};

constexpr SpTables make_sp_tables() {
    SpTables tables{};
    for (unsigned box = 0; box < 8; ++box) {
        for (unsigned x = 0; x < 64; ++x) {
            const unsigned row = ((x >> 4) & 2) | (x & 1);  // input bits 1 and 6
            const unsigned column = (x >> 1) & 15;          // input bits 2..5
            const uint32_t s_output = uint32_t{s_boxes[box][row][column]} << (28 - 4 * box);
            tables.entries[box][x] = static_cast<uint32_t>(permute(s_output, 32, p_table));
        }
    }
    return tables;
}

constexpr SpTables sp = make_sp_tables();

// ---- The round function ------------------------------------------------------------------

// E takes the six bits 4j .. 4j+5 of R (bit 0 meaning bit 32) for the j-th S-box (0-based), so
// rotating R right by 27 - 4j brings them to the low six bits. Two rotations hold all eight
// groups, each in its own byte: R ror 3 has groups 0, 2, 4, 6 at bits 24, 16, 8, 0, and R ror 7
// has groups 7, 1, 3, 5 there. The round key is stored in the same two-word layout.
constexpr unsigned even_word_group[4] = {0, 2, 4, 6};
constexpr unsigned odd_word_group[4] = {7, 1, 3, 5};

constexpr uint32_t feistel(uint32_t r, uint32_t key_even, uint32_t key_odd) {
    const uint32_t even = rotate_right(r, 3) ^ key_even;
    const uint32_t odd = rotate_right(r, 7) ^ key_odd;
    return sp.entries[0][(even >> 24) & 63] ^ sp.entries[2][(even >> 16) & 63] ^
           sp.entries[4][(even >> 8) & 63] ^ sp.entries[6][even & 63] ^
           sp.entries[7][(odd >> 24) & 63] ^ sp.entries[1][(odd >> 16) & 63] ^
           sp.entries[3][(odd >> 8) & 63] ^ sp.entries[5][odd & 63];
}

// Packs a 48-bit round key (bit 1 leftmost) into that layout.
constexpr void pack_round_key(uint64_t round_key, uint32_t& key_even, uint32_t& key_odd) {
    key_even = 0;
    key_odd = 0;
    for (unsigned slot = 0; slot < 4; ++slot) {
        const unsigned shift = 24 - 8 * slot;
        key_even |= static_cast<uint32_t>((round_key >> (42 - 6 * even_word_group[slot])) & 63)
                    << shift;
        key_odd |= static_cast<uint32_t>((round_key >> (42 - 6 * odd_word_group[slot])) & 63)
                   << shift;
    }
}

// The standard's f(R, K) = P(S(E(R) xor K)), bit by bit: what feistel() must equal.
constexpr uint32_t reference_feistel(uint32_t r, uint64_t round_key) {
    const uint64_t expanded = permute(r, 32, e_table) ^ round_key;
    uint32_t s_output = 0;
    for (unsigned box = 0; box < 8; ++box) {
        const unsigned x = static_cast<unsigned>((expanded >> (42 - 6 * box)) & 63);
        const unsigned row = ((x >> 4) & 2) | (x & 1);
        s_output = (s_output << 4) | s_boxes[box][row][(x >> 1) & 15];
    }
    return static_cast<uint32_t>(permute(s_output, 32, p_table));
}

constexpr bool feistel_matches_the_standard() {
    // f is affine in neither argument, so check many pairs: every single R bit and key bit,
    // plus a few hundred pseudo-random pairs from a fixed linear congruential sequence.
    uint64_t state = 0x0123'4567'89ab'cdefu;
    for (unsigned i = 0; i < 400; ++i) {
        uint32_t r = 0;
        uint64_t k = 0;
        if (i < 32) {
            r = uint32_t{1} << i;
            k = 0;
        } else if (i < 80) {
            r = 0;
            k = uint64_t{1} << (i - 32);
        } else {
            state = state * 6364136223846793005u + 1442695040888963407u;
            r = static_cast<uint32_t>(state >> 32);
            state = state * 6364136223846793005u + 1442695040888963407u;
            k = state >> 16;
        }
        uint32_t key_even = 0;
        uint32_t key_odd = 0;
        pack_round_key(k, key_even, key_odd);
        if (feistel(r, key_even, key_odd) != reference_feistel(r, k)) {
            return false;
        }
    }
    return true;
}
static_assert(feistel_matches_the_standard(), "the S-P tables or the E grouping differ from FIPS 46-3");

// ---- IP and its inverse ------------------------------------------------------------------

// Loading the block little-endian (byte k at bits 8k..8k+7 of hi:lo) puts input bit q of byte
// k at position 8k + 8 - q. In those positions IP's output (L at hi, R at lo, bit 1 leftmost)
// is a permutation of the six position-index bits with one of them complemented; it factors
// into five exchanges of index bit 5 (the word) with index bits 2, 4, 1, 3, 0, then swapping
// the words. Exchanging index bits i and 5 swaps lo's bits with bit i set against hi's bits
// 2^i lower: one masked exchange per step.
constexpr uint32_t index_bit_clear_mask(unsigned index_bit) {
    uint32_t mask = 0;
    for (unsigned position = 0; position < 32; ++position) {
        if (((position >> index_bit) & 1) == 0) {
            mask |= uint32_t{1} << position;
        }
    }
    return mask;
}

template <unsigned IndexBit>
constexpr void exchange_with_word_bit(uint32_t& hi, uint32_t& lo) {
    constexpr unsigned distance = 1u << IndexBit;
    constexpr uint32_t mask = index_bit_clear_mask(IndexBit);
    const uint32_t t = ((lo >> distance) ^ hi) & mask;
    hi ^= t;
    lo ^= t << distance;
}

constexpr uint32_t load_le(const uint8_t* bytes) {
    return uint32_t{bytes[0]} | (uint32_t{bytes[1]} << 8) | (uint32_t{bytes[2]} << 16) |
           (uint32_t{bytes[3]} << 24);
}
constexpr void store_le(uint8_t* bytes, uint32_t word) {
    bytes[0] = static_cast<uint8_t>(word);
    bytes[1] = static_cast<uint8_t>(word >> 8);
    bytes[2] = static_cast<uint8_t>(word >> 16);
    bytes[3] = static_cast<uint8_t>(word >> 24);
}

// The 8-byte block to L, R.
constexpr void initial_permutation(const uint8_t* block, uint32_t& l, uint32_t& r) {
    uint32_t hi = load_le(block + 4);
    uint32_t lo = load_le(block);
    exchange_with_word_bit<2>(hi, lo);
    exchange_with_word_bit<4>(hi, lo);
    exchange_with_word_bit<1>(hi, lo);
    exchange_with_word_bit<3>(hi, lo);
    exchange_with_word_bit<0>(hi, lo);
    l = lo;
    r = hi;
}

// The preoutput R16 L16 (FIPS 46-3: "the block R16L16") to the 8-byte block: the steps above
// undone in reverse order.
constexpr void final_permutation(uint32_t r16, uint32_t l16, uint8_t* block) {
    uint32_t hi = l16;
    uint32_t lo = r16;
    exchange_with_word_bit<0>(hi, lo);
    exchange_with_word_bit<3>(hi, lo);
    exchange_with_word_bit<1>(hi, lo);
    exchange_with_word_bit<4>(hi, lo);
    exchange_with_word_bit<2>(hi, lo);
    store_le(block + 4, hi);
    store_le(block, lo);
}

constexpr uint64_t load_be64(const uint8_t* bytes) {
    uint64_t value = 0;
    for (unsigned i = 0; i < 8; ++i) {
        value = (value << 8) | bytes[i];
    }
    return value;
}

// IP and IP^-1 move bits without combining them, so agreeing with the table on each of the 64
// one-bit blocks proves them equal to it on every block.
constexpr bool permutations_match_the_standard() {
    for (unsigned n = 1; n <= 64; ++n) {
        uint8_t block[8] = {};
        block[(n - 1) / 8] = static_cast<uint8_t>(0x80u >> ((n - 1) % 8));
        const uint64_t expected = permute(fips_mask(64, n), 64, ip_table);
        uint32_t l = 0;
        uint32_t r = 0;
        initial_permutation(block, l, r);
        if (((uint64_t{l} << 32) | r) != expected) {
            return false;
        }
        // IP^-1(IP(x)) = x: final_permutation's first argument is the left half of its input.
        uint8_t back[8] = {};
        final_permutation(static_cast<uint32_t>(expected >> 32), static_cast<uint32_t>(expected),
                          back);
        if (load_be64(back) != fips_mask(64, n)) {
            return false;
        }
    }
    return true;
}
static_assert(permutations_match_the_standard(), "IP or IP^-1 differs from FIPS 46-3");

// ---- Key schedule and the 16 rounds ------------------------------------------------------

constexpr uint32_t rotate_left_28(uint32_t value, unsigned bits) {
    return ((value << bits) | (value >> (28 - bits))) & 0x0FFF'FFFFu;
}

// Where permuted choice 2 puts each round-key bit in the two-word layout of feistel(): bits
// 1..24 of the round key come from C alone and 25..48 from D alone (static_assert below), so the
// schedule works on 28-bit C and D words.
struct RoundKeyBit {
    uint8_t source_shift;  // of C (the first 24) or D (the last 24), a 28-bit value
    uint8_t word;          // 0 = key_even, 1 = key_odd
    uint8_t position;
};
struct RoundKeyLayout {
    RoundKeyBit bits[48];
};

constexpr RoundKeyLayout make_round_key_layout() {
    RoundKeyLayout layout{};
    for (unsigned i = 0; i < 48; ++i) {
        const unsigned group = i / 6;  // the S-box this bit feeds
        unsigned word = 0;
        unsigned slot = 0;
        for (unsigned s = 0; s < 4; ++s) {
            if (even_word_group[s] == group) {
                word = 0;
                slot = s;
            }
            if (odd_word_group[s] == group) {
                word = 1;
                slot = s;
            }
        }
        const unsigned source = pc2_table[i] <= 28 ? pc2_table[i] : pc2_table[i] - 28u;
        layout.bits[i].source_shift = static_cast<uint8_t>(28 - source);
        layout.bits[i].word = static_cast<uint8_t>(word);
        layout.bits[i].position = static_cast<uint8_t>(24 - 8 * slot + 5 - i % 6);
    }
    return layout;
}

constexpr RoundKeyLayout round_key_layout = make_round_key_layout();

constexpr bool pc2_takes_c_then_d() {
    for (unsigned i = 0; i < 48; ++i) {
        if ((i < 24) != (pc2_table[i] <= 28)) {
            return false;
        }
    }
    return true;
}
static_assert(pc2_takes_c_then_d(), "PC-2 mixes C and D");

// One round key from C and D, straight into feistel()'s layout.
constexpr void make_round_key(uint32_t c, uint32_t d, uint32_t& key_even, uint32_t& key_odd) {
    uint32_t words[2] = {0, 0};
    for (unsigned i = 0; i < 48; ++i) {
        const RoundKeyBit& bit = round_key_layout.bits[i];
        const uint32_t source = i < 24 ? c : d;
        words[bit.word] |= ((source >> bit.source_shift) & 1u) << bit.position;
    }
    key_even = words[0];
    key_odd = words[1];
}

// make_round_key() is PC-2 followed by pack_round_key(): checked on every single C and D bit
// (PC-2 only moves bits).
constexpr bool round_key_layout_matches_pc2() {
    for (unsigned n = 0; n < 56; ++n) {
        const uint64_t cd = uint64_t{1} << n;
        uint32_t expected_even = 0;
        uint32_t expected_odd = 0;
        pack_round_key(permute(cd, 56, pc2_table), expected_even, expected_odd);
        uint32_t even = 0;
        uint32_t odd = 0;
        make_round_key(static_cast<uint32_t>(cd >> 28), static_cast<uint32_t>(cd & 0x0FFF'FFFFu),
                       even, odd);
        if (even != expected_even || odd != expected_odd) {
            return false;
        }
    }
    return true;
}
static_assert(round_key_layout_matches_pc2(), "the round-key layout differs from PC-2");

// The 16 rounds: L(i) = R(i-1), R(i) = L(i-1) xor f(R(i-1), K(i)), with K1..K16 to encrypt and
// K16..K1 to decrypt (FIPS 46-3, "Deciphering"). `round_key` points at the first round's two
// words and `step` (+2 or -2) moves to the next round's. Leaves L16 in `l` and R16 in `r`; the
// preoutput is R16 L16.
void sixteen_rounds(uint32_t& l, uint32_t& r, const uint32_t* round_key, ptrdiff_t step) {
    for (unsigned round = 0; round < 16; ++round, round_key += step) {
        const uint32_t next_r = l ^ feistel(r, round_key[0], round_key[1]);
        l = r;
        r = next_r;
    }
}

// Encrypts and decrypts with DES are E = IP^-1 · rounds · IP. In triple DES each stage's IP
// cancels the previous stage's IP^-1, leaving the preoutput R16 L16 as the next L, R: one IP,
// 48 rounds with the halves exchanged between stages, one IP^-1 (SP 800-67's E_K3 D_K2 E_K1
// unchanged).
const uint32_t* first_round_key(const DesKey& schedule, bool decrypt) {
    return decrypt ? schedule.round_keys + 30 : schedule.round_keys;
}
constexpr ptrdiff_t round_key_step(bool decrypt) { return decrypt ? -2 : 2; }

void crypt_block(const DesKey& schedule, bool decrypt, const uint8_t* input, uint8_t* output) {
    uint32_t l = 0;
    uint32_t r = 0;
    initial_permutation(input, l, r);
    sixteen_rounds(l, r, first_round_key(schedule, decrypt), round_key_step(decrypt));
    final_permutation(r, l, output);
}

// The three stages in order: `decrypt` selects D_K1 E_K2 D_K3 over E_K3 D_K2 E_K1.
void crypt_block3(const Des3Key& schedule, bool decrypt, const uint8_t* input, uint8_t* output) {
    const DesKey& first = schedule.keys[decrypt ? 2 : 0];
    const DesKey& last = schedule.keys[decrypt ? 0 : 2];
    uint32_t l = 0;
    uint32_t r = 0;
    initial_permutation(input, l, r);
    sixteen_rounds(l, r, first_round_key(first, decrypt), round_key_step(decrypt));
    sixteen_rounds(r, l, first_round_key(schedule.keys[1], !decrypt), round_key_step(!decrypt));
    sixteen_rounds(l, r, first_round_key(last, decrypt), round_key_step(decrypt));
    final_permutation(r, l, output);
}

}  // namespace

void des_set_key(DesKey& schedule, const uint8_t* key) {
    // C and D, kept in memory so one wipe reaches them (copies the compiler keeps in CPU
    // registers are beyond any wipe). The round keys themselves live in `schedule`, which its
    // owner wipes.
    uint32_t cd[2];
    const uint64_t cd0 = permute(load_be64(key), 64, pc1_table);
    cd[0] = static_cast<uint32_t>(cd0 >> 28) & 0x0FFF'FFFFu;
    cd[1] = static_cast<uint32_t>(cd0) & 0x0FFF'FFFFu;
    uint32_t* round_key = schedule.round_keys;
    for (unsigned round = 0; round < 16; ++round, round_key += 2) {
        cd[0] = rotate_left_28(cd[0], left_shifts[round]);
        cd[1] = rotate_left_28(cd[1], left_shifts[round]);
        make_round_key(cd[0], cd[1], round_key[0], round_key[1]);
    }
    mbedtls_platform_zeroize(cd, sizeof cd);
}

void des_encrypt_block(const DesKey& schedule, const uint8_t* input, uint8_t* output) {
    crypt_block(schedule, false, input, output);
}

void des_decrypt_block(const DesKey& schedule, const uint8_t* input, uint8_t* output) {
    crypt_block(schedule, true, input, output);
}

void des3_set_key(Des3Key& schedule, const uint8_t* key, size_t key_length) {
    des_set_key(schedule.keys[0], key);
    des_set_key(schedule.keys[1], key + des_key_size);
    // SP 800-67 keying option 2: K3 = K1.
    des_set_key(schedule.keys[2], key_length == des3_three_key_size ? key + 2 * des_key_size : key);
}

void des3_encrypt_block(const Des3Key& schedule, const uint8_t* input, uint8_t* output) {
    crypt_block3(schedule, false, input, output);
}

void des3_decrypt_block(const Des3Key& schedule, const uint8_t* input, uint8_t* output) {
    crypt_block3(schedule, true, input, output);
}

void des_wipe(DesKey& schedule) {
    mbedtls_platform_zeroize(&schedule, sizeof schedule);
}

void des3_wipe(Des3Key& schedule) {
    mbedtls_platform_zeroize(&schedule, sizeof schedule);
}

}  // namespace tinycapi::crypto::legacy

#endif  // TINYCAPI_ENABLE_DES
