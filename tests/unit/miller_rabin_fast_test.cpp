#include <catch2/catch.hpp>

#include <random>

#include "kernels/int128.hpp"
#include "kernels/miller_rabin.hpp"
#include "kernels/montgomery.hpp"
#include "kernels/trial.hpp"

using namespace parakit;

namespace {

std::uint64_t power_mod(std::uint64_t base, std::uint64_t exponent, std::uint64_t n) {
  u128 result = 1 % n, b = base % n;
  for (; exponent != 0; exponent >>= 1) {
    if (exponent & 1) result = result * b % n;
    b = b * b % n;
  }
  return static_cast<std::uint64_t>(result);
}

// Back from Montgomery form: x * 2^-64 mod n is multiply(x, 1).
std::uint64_t plain(const Montgomery& mont, std::uint64_t x) { return mont.multiply(x, 1); }

}  // namespace

TEST_CASE("Montgomery powers of two and interleaved pairs match plain modular powers", "[miller-rabin]") {
  std::mt19937_64 random(7);
  for (int trial = 0; trial < 2000; ++trial) {
    // Odd moduli of every size, including above 2^63 where doubling wraps.
    const int bits = 2 + trial % 63;
    std::uint64_t n = (random() >> (64 - bits)) | 1 | (std::uint64_t{1} << (bits - 1));
    if (n < 3) n = 3;
    const Montgomery mont(n);
    const std::uint64_t e = random() >> (trial % 64);
    INFO("n = " << n << ", e = " << e);
    REQUIRE(plain(mont, mont.power_of_two(e)) == power_mod(2, e, n));
    const std::uint64_t a = random(), b = random();
    std::uint64_t x = mont.to_form(a), y = mont.to_form(b);
    if (e != 0) {
      mont.power_pair(x, y, e);
      REQUIRE(plain(mont, x) == power_mod(a, e, n));
      REQUIRE(plain(mont, y) == power_mod(b, e, n));
    }
  }
}

TEST_CASE("Miller-Rabin is exact around the trial-division limit", "[miller-rabin]") {
  // Trial division covers the primes below 256, so every n < 65536 is decided by it;
  // above, the strong tests take over.
  for (std::uint64_t n = 0; n < 70000; ++n) {
    INFO("n = " << n);
    REQUIRE(is_prime_miller_rabin(n) == is_prime_trial(n));
  }
  // Squares and products of the primes on either side of 256.
  for (std::uint64_t n : {241ULL * 241, 251ULL * 251, 257ULL * 257, 251ULL * 257, 263ULL * 269, 65521ULL * 65537}) {
    INFO("n = " << n);
    REQUIRE_FALSE(is_prime_miller_rabin(n));
  }
}

TEST_CASE("Miller-Rabin agrees with trial division on random 30- to 44-bit numbers", "[miller-rabin]") {
  std::mt19937_64 random(11);
  for (int trial = 0; trial < 20000; ++trial) {
    const int bits = 30 + trial % 15;
    const std::uint64_t n = random() >> (64 - bits);
    INFO("n = " << n);
    REQUIRE(is_prime_miller_rabin(n) == is_prime_trial(n));
  }
}
