#pragma once

#include <cstdint>

namespace parakit {

// Trial division by 2, 3 and the numbers 6k-1, 6k+1 up to sqrt(n): every prime
// above 3 has that form, so two thirds of the candidate divisors are skipped.
bool is_prime_trial(std::uint64_t n);

}  // namespace parakit
