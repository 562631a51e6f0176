#include <catch2/catch.hpp>

#include "kernels/miller_rabin.hpp"
#include "kernels/sieve.hpp"

using namespace parakit;

TEST_CASE("the sieve counts pi(10^k) for k up to 10", "[sieve]") {
  // pi(10^k), OEIS A006880.
  const std::uint64_t pi[] = {0, 4, 25, 168, 1229, 9592, 78498, 664579, 5761455, 50847534, 455052511};
  std::uint64_t power = 1;
  for (int k = 0; k <= 10; ++k) {
    INFO("10^" << k);
    REQUIRE(sieve_count(0, power) == pi[k]);
    power *= 10;
  }
}

TEST_CASE("the sieve counts ranges near 2^32 and 10^12", "[sieve]") {
  // Reference counts from primesieve 11.0.
  REQUIRE(sieve_count(4294967296ULL - 1000000, 4294967296ULL + 1000000) == 89910);
  REQUIRE(sieve_count(1, 4294967296ULL) == 203280221);
  REQUIRE(sieve_count(1000000000000ULL, 1000010000000ULL) == 361726);
}

TEST_CASE("the sieve counts and lists the last million numbers below 2^64", "[sieve]") {
  const std::uint64_t top = 18446744073709551615ULL;
  const std::uint64_t lo = top - 999999;  // [2^64 - 10^6, 2^64 - 1]
  const auto primes = sieve_primes(lo, top);
  REQUIRE(primes.size() == 22475);  // primesieve 11.0
  REQUIRE(primes.back() == 18446744073709551557ULL);
  for (std::size_t i = 0; i < primes.size(); i += 97) REQUIRE(is_prime_miller_rabin(primes[i]));
  // No prime is missed between the listed ones.
  for (std::uint64_t n = primes[primes.size() - 2] + 1; n < primes.back(); ++n) REQUIRE_FALSE(is_prime_miller_rabin(n));
}

TEST_CASE("the sieve handles tiny and degenerate ranges", "[sieve]") {
  REQUIRE(sieve_count(0, 0) == 0);
  REQUIRE(sieve_count(0, 1) == 0);
  REQUIRE(sieve_count(2, 2) == 1);
  REQUIRE(sieve_count(3, 3) == 1);
  REQUIRE(sieve_count(4, 4) == 0);
  REQUIRE(sieve_count(10, 5) == 0);
  REQUIRE(sieve_primes(0, 30) == std::vector<std::uint64_t>{2, 3, 5, 7, 11, 13, 17, 19, 23, 29});
  REQUIRE(sieve_primes(24, 28).empty());
}

TEST_CASE("splitting a range never changes the count", "[sieve]") {
  const std::uint64_t lo = 999'000'000, hi = 1'001'000'000;
  const std::uint64_t whole = sieve_count(lo, hi);
  std::uint64_t parts = 0;
  for (std::uint64_t a = lo; a <= hi; a += 123457) parts += sieve_count(a, std::min(hi, a + 123456));
  REQUIRE(parts == whole);
}
