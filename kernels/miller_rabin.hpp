#pragma once

#include <cstdint>

namespace parakit {

// Deterministic Miller-Rabin for every 64-bit n: small primes first, then strong
// probable-prime tests to bases proven sufficient (2, 7, 61 below 4,759,123,141;
// Jim Sinclair's seven bases up to 2^64). Arithmetic is Montgomery multiplication
// on 128-bit products, exact for every odd modulus below 2^64.
bool is_prime_miller_rabin(std::uint64_t n);

// One strong probable-prime test of odd n > 2 to base a; exposed for tests that
// check known strong pseudoprimes.
bool is_strong_probable_prime(std::uint64_t n, std::uint64_t a);

}  // namespace parakit
