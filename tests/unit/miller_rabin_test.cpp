#include <catch2/catch.hpp>

#include "kernels/miller_rabin.hpp"
#include "kernels/trial.hpp"

using namespace parakit;

TEST_CASE("Miller-Rabin rejects strong pseudoprimes to small bases", "[miller-rabin]") {
  // 2047 fools base 2; 3215031751 fools bases 2, 3, 5 and 7;
  // 3825123056546413051 fools every prime base up to 23.
  REQUIRE(is_strong_probable_prime(2047, 2));
  REQUIRE_FALSE(is_prime_miller_rabin(2047));
  for (std::uint64_t a : {2, 3, 5, 7}) REQUIRE(is_strong_probable_prime(3215031751ULL, a));
  REQUIRE_FALSE(is_prime_miller_rabin(3215031751ULL));
  for (std::uint64_t a : {2, 3, 5, 7, 11, 13, 17, 19, 23}) REQUIRE(is_strong_probable_prime(3825123056546413051ULL, a));
  REQUIRE_FALSE(is_prime_miller_rabin(3825123056546413051ULL));
}

TEST_CASE("Miller-Rabin rejects large Carmichael numbers", "[miller-rabin]") {
  for (std::uint64_t n : {41041ULL, 825265ULL, 321197185ULL, 5394826801ULL, 232250619601ULL, 9746347772161ULL}) {
    INFO("n = " << n);
    REQUIRE_FALSE(is_prime_miller_rabin(n));
  }
}

TEST_CASE("Miller-Rabin is exact at the top of the 64-bit range", "[miller-rabin]") {
  REQUIRE(is_prime_miller_rabin(18446744073709551557ULL));        // 2^64 - 59, the largest 64-bit prime
  REQUIRE_FALSE(is_prime_miller_rabin(18446744073709551615ULL));  // 2^64 - 1 = 3 * 5 * 17 * 257 * 641 * 65537 * 6700417
  REQUIRE_FALSE(is_prime_miller_rabin(18446744073709551613ULL));  // 2^64 - 3 = 13 * 1418980313362273201
  REQUIRE(is_prime_miller_rabin(2305843009213693951ULL));         // 2^61 - 1, a Mersenne prime
  REQUIRE_FALSE(is_prime_miller_rabin(18446744030759878681ULL));  // 4294967291^2, square of the largest 32-bit prime
  REQUIRE_FALSE(is_prime_miller_rabin(4295098369ULL));            // 65537^2
  REQUIRE(is_prime_miller_rabin(4294967291ULL));                  // 2^32 - 5
  REQUIRE(is_prime_miller_rabin(4294967311ULL));                  // 2^32 + 15
  REQUIRE_FALSE(is_prime_miller_rabin(4294967297ULL));            // 2^32 + 1 = 641 * 6700417
}

TEST_CASE("Miller-Rabin agrees with trial division near 2^32", "[miller-rabin]") {
  for (std::uint64_t n = (1ULL << 32) - 2000; n <= (1ULL << 32) + 2000; ++n) {
    INFO("n = " << n);
    REQUIRE(is_prime_miller_rabin(n) == is_prime_trial(n));
  }
}
