#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

namespace parakit {

// Trial division by 2, 3 and the numbers 6k-1, 6k+1 up to sqrt(n): every prime
// above 3 has that form, so two thirds of the candidate divisors are skipped.
bool is_prime_trial(std::uint64_t n);

// The same test, giving up (nullopt) once `stop` is set.
std::optional<bool> is_prime_trial(std::uint64_t n, const std::atomic<bool>& stop);

}  // namespace parakit
