#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "kernels/miller_rabin.hpp"
#include "kernels/sieve.hpp"

using namespace parakit;

namespace {

// The primes in [lo, hi] by Miller-Rabin, the independent reference.
std::vector<std::uint64_t> tested_primes(std::uint64_t lo, std::uint64_t hi) {
  std::vector<std::uint64_t> primes;
  for (std::uint64_t n = lo;; ++n) {
    if (is_prime_miller_rabin(n)) primes.push_back(n);
    if (n == hi) break;
  }
  return primes;
}

}  // namespace

TEST_CASE("the wheel sieve agrees with Miller-Rabin on every tiny range", "[sieve]") {
  // Covers the pre-sieved primes 7..53 (crossed off by the patterns and restored),
  // 1, and every start and end residue modulo 30.
  for (std::uint64_t lo = 0; lo <= 70; ++lo) {
    for (std::uint64_t hi = lo; hi <= 130; ++hi) {
      INFO("[" << lo << ", " << hi << "]");
      REQUIRE(sieve_primes(lo, hi) == tested_primes(lo, hi));
    }
  }
}

TEST_CASE("the wheel sieve agrees with Miller-Rabin on random windows at every magnitude", "[sieve]") {
  std::mt19937_64 random(20240607);
  for (int bits = 8; bits <= 64; bits += 4) {
    const std::uint64_t top = bits == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
    // Above 2^48 every call streams the base primes up to 2^(bits/2): one window.
    const int trials = bits <= 48 ? 3 : 1;
    for (int trial = 0; trial < trials; ++trial) {
      const std::uint64_t width = 1 + random() % 20000;
      const std::uint64_t lo = top <= width ? 0 : (top - width) / 2 + random() % ((top - width) / 2);
      const std::uint64_t hi = lo + width - 1;
      INFO("bits " << bits << ": [" << lo << ", " << hi << "]");
      REQUIRE(sieve_primes(lo, hi) == tested_primes(lo, hi));
    }
  }
}

TEST_CASE("the wheel sieve is exact across chunk and block boundaries", "[sieve]") {
  // Chunks are 32 KiB of bytes (983,040 numbers), blocks 512 KiB (15,728,640
  // numbers) once sqrt(hi) passes 4096: cut a range just around those edges.
  const std::uint64_t chunk = 30ULL * 32 * 1024, block = 30ULL * 512 * 1024;
  for (std::uint64_t edge : {chunk, 2 * chunk, block, 3 * block, 1000 * block}) {
    INFO("edge " << edge);
    REQUIRE(sieve_primes(edge - 3000, edge + 3000) == tested_primes(edge - 3000, edge + 3000));
    const std::uint64_t lo = edge - std::min(edge, 2 * block);
    const std::uint64_t whole = sieve_count(lo, edge + 2 * block);
    REQUIRE(sieve_count(lo, edge - 1) + sieve_count(edge, edge + 2 * block) == whole);
  }
}

TEST_CASE("the wheel sieve is exact where base primes switch from stored to streamed", "[sieve]") {
  // Base primes are stored up to sqrt(hi) = 2^23, that is hi = 2^46; above, the
  // ones past 2^22 are streamed per block.
  for (std::uint64_t switch_point : {1ULL << 46, 1ULL << 48}) {
    REQUIRE(sieve_primes(switch_point - 20000, switch_point + 20000) ==
            tested_primes(switch_point - 20000, switch_point + 20000));
  }
  // Squares of primes just above 2^22, 2^23 and 2^24 must be crossed off (they
  // are the first multiple of a newly needed base prime).
  for (std::uint64_t p : {4194319ULL, 8388617ULL, 16777259ULL}) {
    REQUIRE(is_prime_miller_rabin(p));
    REQUIRE(sieve_count(p * p - 60, p * p + 60) == tested_primes(p * p - 60, p * p + 60).size());
    REQUIRE(sieve_count(p * p, p * p) == 0);
  }
}

TEST_CASE("the wheel sieve counts pi(10^11) - pi(10^11 - 10^8)", "[sieve]") {
  // pi(10^11) = 4118054813, pi(10^11 - 10^8) = 4114105592 (primesieve 11.0).
  REQUIRE(sieve_count(100'000'000'000ULL - 100'000'000ULL + 1, 100'000'000'000ULL) == 3949221);
}
