// The RSA rules on tinycapi's own arithmetic (crypto/rsa_key_math.hpp), which the psa backend
// makes and checks its keys with: the published d and CRT values of RSA Laboratories' PKCS #1
// v2.1 test keys (rsa_key_vectors.hpp, which cites each) in both forms of d, the refusals of
// numbers that are no key, and generated pairs that are keys (prime factors by Fermat's test,
// d·e ≡ 1, n of the asked length). Through the rsa_* interface the same rules are checked on
// every backend by crypto_rsa_test.cpp.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "crypto/rsa_key_math.hpp"
#include "rsa_key_vectors.hpp"

#if TINYCAPI_ENABLE_RSA

namespace tinycapi::crypto::rsa_key_math {
namespace {

using bignum::Limb;
using Number = std::vector<Limb>;

Number from_hex(const char *text, size_t size) {
    std::vector<uint8_t> bytes;
    std::string digits;
    for (; *text != '\0'; ++text) digits += *text;
    for (size_t i = 0; i + 1 < digits.size(); i += 2) {
        bytes.push_back(static_cast<uint8_t>(std::stoul(digits.substr(i, 2), nullptr, 16)));
    }
    Number x(size);
    EXPECT_TRUE(bignum::read_big_endian(x.data(), size, bytes.data(), bytes.size()));
    return x;
}

struct Completed {
    CryptoStatus status;
    PrivateExponent chosen;
    Number n, d, dp, dq, qinv;
};

Completed complete(const Number &p, const Number &q, uint32_t e, const Number *given_d = nullptr,
                   PrivateExponent form = PrivateExponent::totient) {
    const size_t s = p.size();
    Completed out{CryptoStatus::failure, PrivateExponent::totient, Number(2 * s), Number(2 * s), Number(s),
                  Number(s), Number(s)};
    Number scratch(private_scratch_limbs(s));
    out.status = complete_private(p.data(), q.data(), s, e, given_d != nullptr ? given_d->data() : nullptr, form,
                                  {out.n.data(), out.d.data(), out.dp.data(), out.dq.data(), out.qinv.data()},
                                  &out.chosen, scratch.data());
    return out;
}

// x^exponent mod m through bignum::mod_exp.
Number power(const Number &x, const Number &exponent, const Number &m) {
    Number result(m.size()), scratch(bignum::mod_exp_scratch_limbs(m.size()));
    bignum::mod_exp(result.data(), x.data(), exponent.data(), exponent.size(), m.data(), m.size(), scratch.data());
    return result;
}

TEST(RsaKeyMath, PublishedKeysGiveTheirCrtValuesAndCarmichaelD) {
    using namespace test_vectors;
    for (const KeyVector *vector : {&kKey1024A, &kKey1024B, &kKey2048}) {
        SCOPED_TRACE(vector->source);
        const size_t s = bignum::limbs_for_bytes((std::string(vector->p).size() + 1) / 2);
        const Number p = from_hex(vector->p, s), q = from_hex(vector->q, s);
        const Completed key = complete(p, q, vector->e, nullptr, PrivateExponent::carmichael);
        ASSERT_EQ(key.status, CryptoStatus::ok);
        EXPECT_EQ(key.chosen, PrivateExponent::carmichael);
        EXPECT_EQ(key.n, from_hex(vector->n, 2 * s));
        EXPECT_EQ(key.d, from_hex(vector->d, 2 * s)) << "the vectors' d is e^-1 mod lcm(p-1, q-1)";
        EXPECT_EQ(key.dp, from_hex(vector->dp, s));
        EXPECT_EQ(key.dq, from_hex(vector->dq, s));
        EXPECT_EQ(key.qinv, from_hex(vector->qinv, s));

        // Windows' form: a different d with the same CRT values, and both are kept when given.
        const Completed windows = complete(p, q, vector->e);
        ASSERT_EQ(windows.status, CryptoStatus::ok);
        EXPECT_EQ(windows.chosen, PrivateExponent::totient);
        EXPECT_EQ(windows.dp, key.dp);
        EXPECT_EQ(windows.qinv, key.qinv);
        // The two are one number when e^-1 mod (p-1)(q-1) happens to lie below the lcm (Example
        // 1's key); a given d is then Windows' form, as the mbedtls3 backend decides.
        const bool same = windows.d == key.d;
        EXPECT_EQ(same, &vector->d == &kKey1024A.d) << "only Example 1's forms coincide";
        EXPECT_EQ(complete(p, q, vector->e, &key.d).chosen,
                  same ? PrivateExponent::totient : PrivateExponent::carmichael);
        EXPECT_EQ(complete(p, q, vector->e, &windows.d, PrivateExponent::carmichael).chosen, PrivateExponent::totient);
        Number neither = key.d;
        neither[0] ^= 2;
        const Completed truncated = complete(p, q, vector->e, &neither, PrivateExponent::carmichael);
        EXPECT_EQ(truncated.chosen, PrivateExponent::totient) << "a d that is neither gets Windows' form";
        EXPECT_EQ(truncated.d, windows.d);

        // Either d decrypts what e encrypts.
        const Number message = from_hex("0123456789abcdef", 2 * s);
        const Number e_number = {vector->e};
        const Number ciphertext = power(message, e_number, key.n);
        EXPECT_EQ(power(ciphertext, key.d, key.n), message);
        EXPECT_EQ(power(ciphertext, windows.d, key.n), message);
    }
}

TEST(RsaKeyMath, NumbersThatAreNoKeyAreBadData) {
    // 11 · 13: (p-1)(q-1) = 120 = 2^3 · 3 · 5, lcm(10, 12) = 60.
    const Number p = {11}, q = {13}, even = {12}, one = {1};
    EXPECT_EQ(complete(p, q, 7).status, CryptoStatus::ok);
    EXPECT_EQ(complete(p, q, 3).status, CryptoStatus::bad_data) << "3 divides (p-1)(q-1)";
    EXPECT_EQ(complete(p, q, 5).status, CryptoStatus::bad_data) << "5 divides (p-1)(q-1)";
    EXPECT_EQ(complete(p, q, 8).status, CryptoStatus::bad_data) << "an even e";
    EXPECT_EQ(complete(p, q, 0).status, CryptoStatus::bad_data);
    EXPECT_EQ(complete(even, q, 7).status, CryptoStatus::bad_data) << "an even p";
    EXPECT_EQ(complete(p, one, 7).status, CryptoStatus::bad_data) << "q = 1";
    EXPECT_EQ(complete(p, q, 61).status, CryptoStatus::bad_data) << "e above lcm(p-1, q-1), as Mbed TLS";
    const Number windows_d = {103, 0};  // 7 · 103 = 721 = 6 · 120 + 1
    EXPECT_EQ(complete(p, q, 127, nullptr).status, CryptoStatus::bad_data);
    const Completed kept = complete(p, q, 7, &windows_d);
    EXPECT_EQ(kept.status, CryptoStatus::ok);
    EXPECT_EQ(kept.d, (Number{103, 0}));
    // e = 1: d = 1, the "exponent of one" key.
    const Completed identity = complete(p, q, 1);
    ASSERT_EQ(identity.status, CryptoStatus::ok);
    EXPECT_EQ(identity.d, (Number{1, 0}));
    EXPECT_EQ(identity.dp, Number{1});
    EXPECT_EQ(identity.qinv, Number{6}) << "13 · 6 = 78 ≡ 1 mod 11";
}

bool fixed_seed_random(void *context, uint8_t *output, size_t length) {
    auto &generator = *static_cast<std::mt19937 *>(context);
    for (size_t i = 0; i < length; ++i) output[i] = static_cast<uint8_t>(generator());
    return true;
}

bool failing_random(void *, uint8_t *, size_t) { return false; }

bool probably_prime(const Number &x) {  // Fermat's test to bases 2, 3, 5, 7
    Number x_minus_1 = x;
    bignum::subtract_small(x_minus_1.data(), x.data(), x.size(), 1);
    for (const Limb base : {2u, 3u, 5u, 7u}) {
        Number a(x.size(), 0);
        a[0] = base;
        const Number result = power(a, x_minus_1, x);
        if (!bignum::equals_small(result.data(), result.size(), 1)) return false;
    }
    return true;
}

TEST(RsaKeyMath, GeneratedPairsAreKeysOfTheAskedLength) {
    std::mt19937 generator(1);
    for (const unsigned bits : {384u, 392u, 512u, 1024u}) {
        for (const uint32_t e : {65537u, 3u, 17u}) {
            SCOPED_TRACE(std::to_string(bits) + " bits, e = " + std::to_string(e));
            const size_t s = bignum::limbs_for_bits(bits / 2);
            Number p(s), q(s), n(2 * s), d(2 * s), dp(s), dq(s), qinv(s), scratch(private_scratch_limbs(s));
            ASSERT_EQ(generate(bits, e, fixed_seed_random, &generator, p.data(), q.data(),
                               {n.data(), d.data(), dp.data(), dq.data(), qinv.data()}, scratch.data()),
                      CryptoStatus::ok);
            EXPECT_EQ(bignum::bit_length(n.data(), n.size()), bits);
            EXPECT_EQ(bignum::bit_length(p.data(), s), bits / 2);
            EXPECT_EQ(bignum::bit_length(q.data(), s), bits / 2);
            EXPECT_GT(bignum::compare(p.data(), q.data(), s), 0);
            EXPECT_TRUE(probably_prime(p));
            EXPECT_TRUE(probably_prime(q));
            // The pair is what complete_private makes of its primes, in Windows' form.
            const Completed again = complete(p, q, e);
            ASSERT_EQ(again.status, CryptoStatus::ok);
            EXPECT_EQ(again.n, n);
            EXPECT_EQ(again.d, d);
            EXPECT_EQ(again.qinv, qinv);
        }
    }
}

TEST(RsaKeyMath, GenerationReportsAFailingRandomSource) {
    const size_t s = bignum::limbs_for_bits(256);
    Number p(s), q(s), n(2 * s), d(2 * s), dp(s), dq(s), qinv(s), scratch(private_scratch_limbs(s));
    EXPECT_EQ(generate(512, 65537, failing_random, nullptr, p.data(), q.data(),
                       {n.data(), d.data(), dp.data(), dq.data(), qinv.data()}, scratch.data()),
              CryptoStatus::entropy_failure);
}

}  // namespace
}  // namespace tinycapi::crypto::rsa_key_math

#endif  // TINYCAPI_ENABLE_RSA
