#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

namespace parakit {

// The lesson's algorithm, kept on purpose: try every divisor in [2, n).
// A prime n costs n - 2 divisions while an even n costs one, so the work per
// number is wildly irregular; that irregularity is what the schedules fight.
bool is_prime_naive(std::uint64_t n);

// The same test, giving up (nullopt) once `stop` is set: a prime near 2^64
// would otherwise keep its thread busy for centuries. The flag is read every
// few hundred thousand divisions, which costs nothing measurable.
std::optional<bool> is_prime_naive(std::uint64_t n, const std::atomic<bool>& stop);

}  // namespace parakit
