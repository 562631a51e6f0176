#include <catch2/catch.hpp>

#include "kernels/kernel.hpp"
#include "kernels/miller_rabin.hpp"
#include "kernels/naive.hpp"
#include "kernels/random_numbers.hpp"
#include "kernels/sieve.hpp"
#include "kernels/trial.hpp"

using namespace parakit;

TEST_CASE("all four kernels agree on every number below 20000", "[kernels]") {
  const auto sieved = sieve_primes(0, 20000);
  std::size_t next = 0;
  for (std::uint64_t n = 0; n <= 20000; ++n) {
    const bool expected = next < sieved.size() && sieved[next] == n;
    if (expected) ++next;
    INFO("n = " << n);
    REQUIRE(is_prime_naive(n) == expected);
    REQUIRE(is_prime_trial(n) == expected);
    REQUIRE(is_prime_miller_rabin(n) == expected);
  }
  REQUIRE(sieved.size() == 2262);
}

TEST_CASE("kernels agree on edge cases", "[kernels]") {
  // Small numbers, squares of primes, Carmichael numbers and strong pseudoprimes
  // to base 2, all small enough for the naive kernel to confirm.
  const std::uint64_t cases[] = {0,    1,    2,    3,    4,    5,    9,     25,    49,    121,   169,  289,
                                 561,  1105, 1729, 2465, 2821, 6601, 8911,  2047,  3277,  4033,  4681, 8321,
                                 15841, 29341, 42799, 49141, 52633, 65281, 65537, 65521, 99991, 104729};
  for (std::uint64_t n : cases) {
    INFO("n = " << n);
    const bool truth = is_prime_naive(n);
    CHECK(is_prime_trial(n) == truth);
    CHECK(is_prime_miller_rabin(n) == truth);
    CHECK(is_prime(Kernel::sieve, n) == truth);
  }
}

TEST_CASE("trial division and Miller-Rabin agree on random 40-bit numbers", "[kernels]") {
  for (std::uint64_t i = 0; i < 3000; ++i) {
    const std::uint64_t n = uniform_draw(7, i, 1ULL << 39, 1ULL << 40);
    INFO("n = " << n);
    REQUIRE(is_prime_trial(n) == is_prime_miller_rabin(n));
  }
}

TEST_CASE("the sieve and Miller-Rabin list the same primes around 2^32", "[kernels]") {
  const std::uint64_t lo = (1ULL << 32) - 3000, hi = (1ULL << 32) + 3000;
  std::vector<std::uint64_t> tested;
  for (std::uint64_t n = lo; n <= hi; ++n) {
    if (is_prime_miller_rabin(n)) tested.push_back(n);
  }
  REQUIRE(sieve_primes(lo, hi) == tested);
  REQUIRE(tested.front() == 4294964309ULL);  // primesieve 11.0
}

TEST_CASE("kernel names round-trip", "[kernels]") {
  for (Kernel k : {Kernel::naive, Kernel::trial, Kernel::miller_rabin, Kernel::sieve}) {
    REQUIRE(parse_kernel(kernel_name(k)) == k);
  }
  REQUIRE_FALSE(parse_kernel("fast").has_value());
}
