#include "kernels/miller_rabin.hpp"

#include <array>
#include <bit>

#include "kernels/montgomery.hpp"

namespace parakit {
namespace {

constexpr std::array<std::uint64_t, 15> kSmallPrimes = {3,  5,  7,  11, 13, 17, 19, 23,
                                                        29, 31, 37, 41, 43, 47, 53};

bool strong_test(const Montgomery& mont, std::uint64_t d, int s, std::uint64_t a) {
  const std::uint64_t n = mont.modulus();
  if (a % n == 0) return true;  // the base says nothing about its own multiples
  std::uint64_t x = mont.power(mont.to_form(a), d);
  if (x == mont.one() || x == mont.minus_one()) return true;
  for (int r = 1; r < s; ++r) {
    x = mont.multiply(x, x);
    if (x == mont.minus_one()) return true;
    if (x == mont.one()) return false;
  }
  return false;
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
  for (std::uint64_t p : kSmallPrimes) {
    if (n % p == 0) return n == p;
  }
  if (n < 59 * 59) return true;

  const Montgomery mont(n);
  const int s = std::countr_zero(n - 1);
  const std::uint64_t d = (n - 1) >> s;
  if (n < 4'759'123'141ULL) {
    for (std::uint64_t a : {2ULL, 7ULL, 61ULL}) {
      if (!strong_test(mont, d, s, a)) return false;
    }
    return true;
  }
  for (std::uint64_t a : {2ULL, 325ULL, 9375ULL, 28178ULL, 450775ULL, 9780504ULL, 1795265022ULL}) {
    if (!strong_test(mont, d, s, a)) return false;
  }
  return true;
}

}  // namespace parakit
