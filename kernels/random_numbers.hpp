#pragma once

#include <cstdint>

namespace parakit {

// The i-th number of a reproducible uniform draw from [min, max].
//
// Counter-based (SplitMix64 of seed and index), so any worker can produce any
// slice of the sequence without the numbers before it: every driver, rank count
// and thread count sees exactly the same numbers for the same seed.
std::uint64_t uniform_draw(std::uint64_t seed, std::uint64_t index, std::uint64_t min, std::uint64_t max);

}  // namespace parakit
