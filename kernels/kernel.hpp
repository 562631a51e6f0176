#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string_view>

namespace parakit {

// The four ways parakit decides primality. All agree on every input; they differ
// in cost, and in how irregular that cost is from one number to the next.
enum class Kernel { naive, trial, miller_rabin, sieve };

std::string_view kernel_name(Kernel kernel);
std::optional<Kernel> parse_kernel(std::string_view name);

// Single-number test. The sieve kernel answers through a one-number sieve, which
// is correct but only sensible for ranges.
bool is_prime(Kernel kernel, std::uint64_t n);

// The same, giving up (nullopt) once `stop` is set, for the kernels whose cost
// per number can be huge (naive, trial); the others always answer.
std::optional<bool> is_prime(Kernel kernel, std::uint64_t n, const std::atomic<bool>& stop);

}  // namespace parakit
