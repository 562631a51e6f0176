#pragma once

#include <cstdint>

namespace parakit {

// The lesson's algorithm, kept on purpose: try every divisor in [2, n).
// A prime n costs n - 2 divisions while an even n costs one, so the work per
// number is wildly irregular; that irregularity is what the schedules fight.
bool is_prime_naive(std::uint64_t n);

}  // namespace parakit
