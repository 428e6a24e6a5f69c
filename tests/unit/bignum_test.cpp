// tinycapi's own natural-number arithmetic (crypto/bignum.hpp), the ground the psa backend's
// RSA key numbers stand on. Each operation is checked against an identity it must satisfy
// (q·m + r = a with r < m, a·a^-1 ≡ 1, Fermat's little theorem) over numbers drawn from a
// fixed-seed generator, exponentiation against a schoolbook one, and on published facts: the
// Mersenne primes 2^127 - 1 and 2^521 - 1 and the factors of 2^128 - 1. The RSA rules on top
// are rsa_key_math_test.cpp's.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "crypto/bignum.hpp"

namespace tinycapi::crypto::bignum {
namespace {

using Number = std::vector<Limb>;

Number random_number(std::mt19937 &generator, size_t size, size_t bits) {
    Number x(size, 0);
    for (size_t i = 0; i < size; ++i) x[i] = static_cast<Limb>(generator());
    for (size_t bit = bits; bit < size * limb_bits; ++bit) x[bit / limb_bits] &= ~(Limb{1} << (bit % limb_bits));
    return x;
}

Number mersenne(size_t exponent) {  // 2^exponent - 1
    Number x(limbs_for_bits(exponent), 0);
    for (size_t bit = 0; bit < exponent; ++bit) x[bit / limb_bits] |= Limb{1} << (bit % limb_bits);
    return x;
}

// (a mod m) through divide.
Number reduce(const Number &a, const Number &m) {
    Number remainder(m.size()), scratch(m.size() + 1);
    divide(nullptr, remainder.data(), a.data(), a.size(), m.data(), m.size(), scratch.data());
    return remainder;
}

// a · b mod m by schoolbook multiplication and division: the slow reference mod_exp is
// checked against.
Number multiply_modulo(const Number &a, const Number &b, const Number &m) {
    Number product(a.size() + b.size());
    multiply(product.data(), a.data(), a.size(), b.data(), b.size());
    return reduce(product, m);
}

Number power_modulo_reference(const Number &base, const Number &exponent, const Number &m) {
    Number result(m.size(), 0);
    result[0] = 1;
    for (size_t bit = exponent.size() * limb_bits; bit-- > 0;) {
        result = multiply_modulo(result, result, m);
        if ((exponent[bit / limb_bits] >> (bit % limb_bits)) & 1) result = multiply_modulo(result, base, m);
    }
    return result;
}

Number power_modulo(const Number &base, const Number &exponent, const Number &m) {
    Number result(m.size()), scratch(mod_exp_scratch_limbs(m.size()));
    mod_exp(result.data(), base.data(), exponent.data(), exponent.size(), m.data(), m.size(), scratch.data());
    return result;
}

TEST(Bignum, BigEndianBytesRoundTripWithLeadingZerosAndRefuseWhatDoesNotFit) {
    const uint8_t bytes[] = {0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05};
    Number x(2);
    ASSERT_TRUE(read_big_endian(x.data(), x.size(), bytes, sizeof bytes));
    EXPECT_EQ(x[0], 0x02030405u);
    EXPECT_EQ(x[1], 0x01u);
    EXPECT_EQ(bit_length(x.data(), x.size()), 33u);
    EXPECT_EQ(byte_length(x.data(), x.size()), 5u);
    uint8_t out[8];
    ASSERT_TRUE(write_big_endian(x.data(), x.size(), out, sizeof out));
    const uint8_t expected[8] = {0, 0, 0, 0x01, 0x02, 0x03, 0x04, 0x05};
    EXPECT_EQ(0, memcmp(out, expected, sizeof out));
    uint8_t short_out[4] = {0xAA, 0xAA, 0xAA, 0xAA};
    EXPECT_FALSE(write_big_endian(x.data(), x.size(), short_out, sizeof short_out));
    EXPECT_EQ(short_out[0], 0xAA) << "nothing written";
    Number one_limb(1);
    EXPECT_FALSE(read_big_endian(one_limb.data(), 1, bytes, sizeof bytes));
}

TEST(Bignum, DivisionSatisfiesQuotientTimesDivisorPlusRemainder) {
    std::mt19937 generator(20261205);
    for (int round = 0; round < 200; ++round) {
        const size_t a_size = 1 + generator() % 40;
        const size_t m_size = 1 + generator() % a_size;
        const Number a = random_number(generator, a_size, a_size * limb_bits - generator() % 31);
        Number m = random_number(generator, m_size, m_size * limb_bits - generator() % 31);
        if (is_zero(m.data(), m_size)) m[0] = 1;
        Number quotient(a_size), remainder(m_size), scratch(m_size + 1);
        divide(quotient.data(), remainder.data(), a.data(), a_size, m.data(), m_size, scratch.data());
        ASSERT_LT(compare(remainder.data(), m.data(), m_size), 0);
        Number product(a_size + m_size), sum(a_size + m_size, 0);
        multiply(product.data(), quotient.data(), a_size, m.data(), m_size);
        for (size_t i = 0; i < m_size; ++i) sum[i] = remainder[i];
        ASSERT_EQ(add(sum.data(), sum.data(), product.data(), sum.size()), 0u);
        for (size_t i = 0; i < sum.size(); ++i) ASSERT_EQ(sum[i], i < a_size ? a[i] : 0u) << "round " << round;
    }
}

TEST(Bignum, SmallDivisionAgreesWithDivision) {
    std::mt19937 generator(7);
    for (int round = 0; round < 100; ++round) {
        const Number a = random_number(generator, 9, 9 * limb_bits);
        const Limb divisor = static_cast<Limb>(generator()) | 1;
        Number quotient(9), big_quotient(9), remainder(1), scratch(2);
        const Limb small_remainder = divide_small(quotient.data(), a.data(), 9, divisor);
        divide(big_quotient.data(), remainder.data(), a.data(), 9, &divisor, 1, scratch.data());
        EXPECT_EQ(small_remainder, remainder[0]);
        EXPECT_EQ(quotient, big_quotient);
    }
}

TEST(Bignum, MontgomeryExponentiationAgreesWithTheSchoolbookOne) {
    std::mt19937 generator(42);
    for (const size_t size : {1u, 2u, 3u, 8u, 17u}) {
        for (int round = 0; round < 6; ++round) {
            Number m = random_number(generator, size, size * limb_bits - round);
            m[0] |= 1;
            if (equals_small(m.data(), size, 1)) m[0] = 3;
            const Number base = reduce(random_number(generator, size, size * limb_bits), m);
            const Number exponent = random_number(generator, 1 + round % 3, (1 + round % 3) * limb_bits);
            EXPECT_EQ(power_modulo(base, exponent, m), power_modulo_reference(base, exponent, m))
                << size << " limbs, round " << round;
        }
    }
}

TEST(Bignum, FermatHoldsForTheMersennePrimes) {
    // 2^127 - 1 and 2^521 - 1 are prime (Lucas, 1876; Robinson, 1952): a^(p-1) ≡ 1 mod p.
    std::mt19937 generator(3);
    for (const size_t exponent : {127u, 521u}) {
        const Number p = mersenne(exponent);
        Number p_minus_1 = p;
        subtract_small(p_minus_1.data(), p.data(), p.size(), 1);
        for (int round = 0; round < 3; ++round) {
            const Number a = reduce(random_number(generator, p.size(), exponent - 1), p);
            const Number result = power_modulo(a, p_minus_1, p);
            EXPECT_TRUE(equals_small(result.data(), result.size(), 1)) << "2^" << exponent << " - 1";
        }
    }
    // 2^128 - 1 = 3 · 5 · 17 · 257 · 641 · 65537 · 6700417 is not: 3^(n-1) ≢ 1.
    const Number n = mersenne(128);
    Number n_minus_1 = n;
    subtract_small(n_minus_1.data(), n.data(), n.size(), 1);
    Number three(n.size(), 0);
    three[0] = 3;
    const Number result = power_modulo(three, n_minus_1, n);
    EXPECT_FALSE(equals_small(result.data(), result.size(), 1));
}

TEST(Bignum, InversesMultiplyToOne) {
    std::mt19937 generator(11);
    const Number p = mersenne(521);
    Number scratch(4 * p.size());
    for (int round = 0; round < 20; ++round) {
        const Number a = reduce(random_number(generator, p.size(), 520), p);
        if (is_zero(a.data(), a.size())) continue;
        Number inverse(p.size());
        ASSERT_TRUE(inverse_odd(inverse.data(), a.data(), p.data(), p.size(), scratch.data()));
        const Number product = multiply_modulo(a, inverse, p);
        EXPECT_TRUE(equals_small(product.data(), product.size(), 1));
    }
    // No inverse when the gcd is not 1: 3 modulo 2^128 - 1 (a multiple of 3).
    const Number n = mersenne(128);
    Number three(n.size(), 0), inverse(n.size());
    three[0] = 3;
    Number n_scratch(4 * n.size());
    EXPECT_FALSE(inverse_odd(inverse.data(), three.data(), n.data(), n.size(), n_scratch.data()));

    for (const uint32_t modulus : {3u, 65537u, 4294967291u /* the largest 32-bit prime */, 999999999u}) {
        for (uint32_t value : {1u, 2u, 12345u, modulus - 1, modulus - 2}) {
            value %= modulus;
            const uint32_t inverse_value = inverse_small(value, modulus);
            bool coprime = true;
            for (uint32_t a = value, b = modulus; b != 0;) {
                const uint32_t r = a % b;
                a = b;
                b = r;
                if (b == 0) coprime = a == 1;
            }
            if (!coprime || value == 0) {
                EXPECT_EQ(inverse_value, 0u) << value << " mod " << modulus;
                continue;
            }
            EXPECT_EQ(static_cast<uint64_t>(value) * inverse_value % modulus, 1u) << value << " mod " << modulus;
        }
    }
}

TEST(Bignum, GreatestCommonDivisor) {
    // gcd(2^128 - 1, 2^64 - 1) = 2^64 - 1; gcd(12·2^40, 18·2^35) = 6·2^35.
    const Number a = mersenne(128);
    Number b = mersenne(64);
    b.resize(a.size(), 0);
    Number r(a.size()), scratch(2 * a.size());
    gcd(r.data(), a.data(), b.data(), a.size(), scratch.data());
    EXPECT_EQ(r, b);
    Number c(3, 0), d(3, 0), expected(3, 0);
    c[1] = 12u << 8;  // 12 · 2^40
    d[1] = 18u << 3;  // 18 · 2^35
    expected[1] = 6u << 3;
    Number r3(3), scratch3(6);
    gcd(r3.data(), c.data(), d.data(), 3, scratch3.data());
    EXPECT_EQ(r3, expected);
}

}  // namespace
}  // namespace tinycapi::crypto::bignum
