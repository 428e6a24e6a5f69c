// Differential fuzzing of the psa backend's RSA arithmetic (crypto/bignum.hpp,
// crypto/rsa_key_math.hpp) against Mbed TLS's bignum, and of the RSA padding decoders
// (crypto/rsa_padding.hpp) on arbitrary encoded messages. The first byte picks the case:
//   0 division          q, r of a / m against mbedtls_mpi_div_mpi
//   1 exponentiation    base^e mod m (m odd) against mbedtls_mpi_exp_mod
//   2 inverses          inverse_odd against mbedtls_mpi_inv_mod; inverse_small by its product
//   3 gcd               against mbedtls_mpi_gcd
//   4 key completion    complete_private on small p, q, e: when it accepts, n = p·q,
//                       d·e ≡ 1 mod (p-1)(q-1), and the CRT values are d mod (p-1),
//                       d mod (q-1) and q^-1 mod p
//   5 padding decoders  PKCS#1 v1.5 and OAEP on any EM: bad_data leaves the output and length
//                       untouched, ok gives a message that fits and re-encodes to EM (PKCS#1)
// Any disagreement aborts.
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <vector>

#include <mbedtls/bignum.h>

#include "crypto/bignum.hpp"
#include "crypto/rsa_key_math.hpp"
#include "crypto/rsa_padding.hpp"
#include "fuzz_input.hpp"

namespace {

using tinycapi::crypto::CryptoStatus;
using tinycapi::crypto::bignum::Limb;
namespace bignum = tinycapi::crypto::bignum;
using Number = std::vector<Limb>;

constexpr size_t kMaxLimbs = 40;

void check(bool condition) {
    if (!condition) abort();
}

Number number_from(tinycapi::fuzz::FuzzInput &input, size_t limbs) {
    const std::vector<uint8_t> bytes = input.bytes(limbs * bignum::limb_bytes);
    Number x(limbs, 0);
    check(bignum::read_big_endian(x.data(), limbs, bytes.data(), bytes.size()));
    return x;
}

// An Mbed TLS number with the same value.
class Mpi {
public:
    explicit Mpi(const Number &x) {
        mbedtls_mpi_init(&value_);
        std::vector<uint8_t> bytes(x.size() * bignum::limb_bytes);
        check(bignum::write_big_endian(x.data(), x.size(), bytes.data(), bytes.size()));
        check(mbedtls_mpi_read_binary(&value_, bytes.data(), bytes.size()) == 0);
    }
    Mpi() { mbedtls_mpi_init(&value_); }
    ~Mpi() { mbedtls_mpi_free(&value_); }
    Mpi(const Mpi &) = delete;
    Mpi &operator=(const Mpi &) = delete;
    mbedtls_mpi *get() { return &value_; }

    bool equals(const Number &x) {
        Mpi other(x);
        return mbedtls_mpi_cmp_mpi(&value_, other.get()) == 0;
    }

private:
    mbedtls_mpi value_;
};

void division(tinycapi::fuzz::FuzzInput &input) {
    const size_t a_limbs = 1 + input.byte() % kMaxLimbs;
    const size_t m_limbs = 1 + input.byte() % a_limbs;
    const Number a = number_from(input, a_limbs);
    Number m = number_from(input, m_limbs);
    if (bignum::is_zero(m.data(), m_limbs)) return;
    Number q(a_limbs), r(m_limbs), scratch(m_limbs + 1);
    bignum::divide(q.data(), r.data(), a.data(), a_limbs, m.data(), m_limbs, scratch.data());
    Mpi ma(a), mm(m), mq, mr;
    check(mbedtls_mpi_div_mpi(mq.get(), mr.get(), ma.get(), mm.get()) == 0);
    check(mq.equals(q) && mr.equals(r));
}

void exponentiation(tinycapi::fuzz::FuzzInput &input) {
    const size_t m_limbs = 1 + input.byte() % kMaxLimbs;
    const size_t e_limbs = 1 + input.byte() % 4;
    Number m = number_from(input, m_limbs);
    m[0] |= 1;
    if (bignum::equals_small(m.data(), m_limbs, 1)) return;
    Number base = number_from(input, m_limbs);
    const Number e = number_from(input, e_limbs);
    Number reduced(m_limbs), scratch(m_limbs + 1);
    bignum::divide(nullptr, reduced.data(), base.data(), m_limbs, m.data(), m_limbs, scratch.data());
    Number result(m_limbs), work(bignum::mod_exp_scratch_limbs(m_limbs));
    bignum::mod_exp(result.data(), reduced.data(), e.data(), e_limbs, m.data(), m_limbs, work.data());
    Mpi mb(reduced), me(e), mm(m), mx;
    check(mbedtls_mpi_exp_mod(mx.get(), mb.get(), me.get(), mm.get(), nullptr) == 0);
    check(mx.equals(result));
}

void inverses(tinycapi::fuzz::FuzzInput &input) {
    const size_t limbs = 1 + input.byte() % kMaxLimbs;
    Number m = number_from(input, limbs);
    m[0] |= 1;
    if (bignum::equals_small(m.data(), limbs, 1)) return;
    const Number a_raw = number_from(input, limbs);
    Number a(limbs), scratch(4 * limbs + 1);
    bignum::divide(nullptr, a.data(), a_raw.data(), limbs, m.data(), limbs, scratch.data());
    Number inverse(limbs);
    const bool found = bignum::inverse_odd(inverse.data(), a.data(), m.data(), limbs, scratch.data());
    Mpi ma(a), mm(m), mx;
    const int error = mbedtls_mpi_inv_mod(mx.get(), ma.get(), mm.get());
    check(found == (error == 0));
    if (found) check(mx.equals(inverse));

    const uint32_t modulus = input.dword() | 1;
    if (modulus == 1) return;
    const uint32_t value = input.dword() % modulus;
    const uint32_t small = bignum::inverse_small(value, modulus);
    uint32_t g = modulus;
    for (uint32_t x = value; x != 0;) {
        const uint32_t t = g % x;
        g = x;
        x = t;
    }
    check((small != 0) == (g == 1 && value != 0));
    if (small != 0) check(static_cast<uint64_t>(small) * value % modulus == 1);
}

void greatest_common_divisor(tinycapi::fuzz::FuzzInput &input) {
    const size_t limbs = 1 + input.byte() % kMaxLimbs;
    const Number a = number_from(input, limbs);
    const Number b = number_from(input, limbs);
    if (bignum::is_zero(a.data(), limbs) && bignum::is_zero(b.data(), limbs)) return;
    Number g(limbs), scratch(2 * limbs);
    bignum::gcd(g.data(), a.data(), b.data(), limbs, scratch.data());
    Mpi ma(a), mb(b), mg;
    check(mbedtls_mpi_gcd(mg.get(), ma.get(), mb.get()) == 0);
    check(mg.equals(g));
}

void key_completion(tinycapi::fuzz::FuzzInput &input) {
    const size_t s = 1 + input.byte() % 3;
    const Number p = number_from(input, s), q = number_from(input, s);
    const uint32_t e = input.dword();
    Number n(2 * s), d(2 * s), dp(s), dq(s), qinv(s), scratch(tinycapi::crypto::rsa_key_math::private_scratch_limbs(s));
    tinycapi::crypto::PrivateExponent chosen;
    const CryptoStatus status = tinycapi::crypto::rsa_key_math::complete_private(
        p.data(), q.data(), s, e, nullptr, tinycapi::crypto::PrivateExponent::totient,
        {n.data(), d.data(), dp.data(), dq.data(), qinv.data()}, &chosen, scratch.data());
    check(status == CryptoStatus::ok || status == CryptoStatus::bad_data);
    if (status != CryptoStatus::ok) return;
    // p and q need not be prime (Windows and Mbed TLS take any factors), so check the
    // definitions: n = p·q, d·e ≡ 1 mod (p-1)(q-1) with d below it, the CRT values.
    Mpi mp(p), mq(q), md(d), mn(n), me, p1, q1, totient, product, reduced, expected;
    check(mbedtls_mpi_lset(me.get(), e) == 0);
    check(mbedtls_mpi_sub_int(p1.get(), mp.get(), 1) == 0 && mbedtls_mpi_sub_int(q1.get(), mq.get(), 1) == 0);
    check(mbedtls_mpi_mul_mpi(totient.get(), p1.get(), q1.get()) == 0);
    check(mbedtls_mpi_mul_mpi(product.get(), mp.get(), mq.get()) == 0 && product.equals(n));
    check(mbedtls_mpi_cmp_mpi(md.get(), totient.get()) < 0);
    check(mbedtls_mpi_mul_mpi(product.get(), md.get(), me.get()) == 0);
    check(mbedtls_mpi_mod_mpi(reduced.get(), product.get(), totient.get()) == 0);
    check(mbedtls_mpi_cmp_int(reduced.get(), 1) == 0);
    check(mbedtls_mpi_mod_mpi(expected.get(), md.get(), p1.get()) == 0 && expected.equals(dp));
    check(mbedtls_mpi_mod_mpi(expected.get(), md.get(), q1.get()) == 0 && expected.equals(dq));
    Mpi inverse(qinv);
    check(mbedtls_mpi_mul_mpi(product.get(), inverse.get(), mq.get()) == 0);
    check(mbedtls_mpi_mod_mpi(reduced.get(), product.get(), mp.get()) == 0);
    check(mbedtls_mpi_cmp_int(reduced.get(), 1) == 0);
}

void padding_decoders(tinycapi::fuzz::FuzzInput &input) {
    namespace padding = tinycapi::crypto::rsa_padding;
    const bool oaep = input.byte() & 1;
    const size_t capacity = input.byte();
    std::vector<uint8_t> em = input.rest();
    if (em.empty() || em.size() > padding::max_modulus_bytes) return;
    const size_t k = em.size();
    std::vector<uint8_t> message(capacity + 1, 0xA5);
    size_t length = 0xDEAD;
    const CryptoStatus status = oaep
                                    ? padding::decode_encryption_oaep(em.data(), k, message.data(), capacity, &length)
                                    : padding::decode_encryption_pkcs1(em.data(), k, message.data(), capacity, &length);
    check(message[capacity] == 0xA5);  // never beyond capacity
    if (status != CryptoStatus::ok) {
        check(status == CryptoStatus::bad_data);
        check(length == 0xDEAD);
        for (size_t i = 0; i < capacity; ++i) check(message[i] == 0xA5);
        return;
    }
    check(length <= capacity);
    if (!oaep) {
        // 00 02 PS 00 M: M is the tail of EM.
        check(k >= length + 11 && memcmp(em.data() + k - length, message.data(), length) == 0);
        check(em[0] == 0 && em[1] == 2 && em[k - length - 1] == 0);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    tinycapi::fuzz::FuzzInput input(data, size);
    switch (input.byte() % 6) {
        case 0: division(input); break;
        case 1: exponentiation(input); break;
        case 2: inverses(input); break;
        case 3: greatest_common_divisor(input); break;
        case 4: key_completion(input); break;
        default: padding_decoders(input); break;
    }
    return 0;
}
