#include "kernels/miller_rabin.hpp"

#include <array>
#include <bit>
#include <utility>

#include "kernels/montgomery.hpp"

namespace parakit {
namespace {

// Trial division by the odd primes below 256 without dividing: n is a multiple
// of odd p iff n * p^-1 (mod 2^64) <= (2^64 - 1) / p. Uniform random numbers
// that survive this are about 10% of all, against 14% after the primes up to 53,
// and each survivor costs a full modular exponentiation.
struct SmallPrime {
  std::uint64_t prime;
  std::uint64_t inverse;    // prime^-1 mod 2^64
  std::uint64_t max_quotient;  // (2^64 - 1) / prime
};

constexpr std::uint64_t kTrialLimit = 256;

constexpr auto kSmallPrimes = [] {
  std::array<SmallPrime, 53> table{};  // the odd primes 3..251
  std::size_t count = 0;
  for (std::uint64_t p = 3; p < kTrialLimit; p += 2) {
    bool prime = true;
    for (std::uint64_t q = 3; q * q <= p; q += 2) prime = prime && p % q != 0;
    if (!prime) continue;
    std::uint64_t inverse = p;  // Newton: each step doubles the correct low bits
    for (int i = 0; i < 5; ++i) inverse *= 2 - p * inverse;
    table[count++] = {p, inverse, ~std::uint64_t{0} / p};
  }
  return table;
}();

// The strong test's verdict from x = a^d mod n (Montgomery form): n passes when
// x is 1 or -1, or some x^(2^r), r < s, is -1.
bool strong_verdict(const Montgomery& mont, std::uint64_t x, int s) {
  if (x == mont.one() || x == mont.minus_one()) return true;
  for (int r = 1; r < s; ++r) {
    x = mont.multiply(x, x);
    if (x == mont.minus_one()) return true;
    if (x == mont.one()) return false;
  }
  return false;
}

bool strong_test(const Montgomery& mont, std::uint64_t d, int s, std::uint64_t a) {
  if (a % mont.modulus() == 0) return true;  // the base says nothing about its own multiples
  return strong_verdict(mont, mont.power(mont.to_form(a), d), s);
}

// Strong tests to bases taken two at a time, their exponentiations interleaved.
template <std::size_t N>
bool strong_tests(const Montgomery& mont, std::uint64_t d, int s, const std::array<std::uint64_t, N>& bases) {
  static_assert(N % 2 == 0);
  const std::uint64_t n = mont.modulus();
  for (std::size_t i = 0; i < N; i += 2) {
    const std::uint64_t a1 = bases[i] % n, a2 = bases[i + 1] % n;
    // A base that is a multiple of n says nothing; zero stays zero, so exclude it.
    std::uint64_t x1 = mont.to_form(a1), x2 = mont.to_form(a2);
    mont.power_pair(x1, x2, d);
    if (a1 != 0 && !strong_verdict(mont, x1, s)) return false;
    if (a2 != 0 && !strong_verdict(mont, x2, s)) return false;
  }
  return true;
}

}  // namespace

bool is_strong_probable_prime(std::uint64_t n, std::uint64_t a) {
  const Montgomery mont(n);
  const int s = std::countr_zero(n - 1);
  return strong_test(mont, (n - 1) >> s, s, a);
}

bool is_prime_miller_rabin(std::uint64_t n) {
  if (n < 2) return false;
  if (n % 2 == 0) return n == 2;
  for (const SmallPrime& p : kSmallPrimes) {
    if (n * p.inverse <= p.max_quotient) return n == p.prime;
  }
  if (n < kTrialLimit * kTrialLimit) return true;

  const Montgomery mont(n);
  const int s = std::countr_zero(n - 1);
  const std::uint64_t d = (n - 1) >> s;
  // Base 2 first: it rejects nearly every composite, and its powers are doublings.
  if (!strong_verdict(mont, mont.power_of_two(d), s)) return false;
  if (n < 4'759'123'141ULL) {
    return strong_tests(mont, d, s, std::array<std::uint64_t, 2>{7, 61});
  }
  // Jim Sinclair's bases (with 2, tested above) are exact for every n < 2^64.
  return strong_tests(mont, d, s,
                      std::array<std::uint64_t, 6>{325, 9375, 28178, 450775, 9780504, 1795265022});
}

}  // namespace parakit
