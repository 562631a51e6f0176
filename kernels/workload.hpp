#pragma once

#include <cstdint>
#include <variant>
#include <vector>

#include "kernels/int128.hpp"

namespace parakit {

// What to test. Every workload is a sequence of "items" (numbers to test),
// addressed by index, so every driver can split it the same way.

// Every number in [lo, hi]; item i is lo + i.
struct RangeWorkload {
  std::uint64_t lo = 0;
  std::uint64_t hi = 0;
};

// `count` numbers drawn uniformly from [min, max]; item i is uniform_draw(seed, i, ...).
struct RandomWorkload {
  std::uint64_t count = 0;
  std::uint64_t min = 0;
  std::uint64_t max = 0;
  std::uint64_t seed = 0;
};

// Numbers given explicitly (a file, or standard input).
struct ListWorkload {
  std::vector<std::uint64_t> numbers;
};

using Workload = std::variant<RangeWorkload, RandomWorkload, ListWorkload>;

// Items in the workload; a full 64-bit range has 2^64 of them, hence 128 bits.
u128 item_count(const Workload& workload);

// The number that item `index` stands for.
std::uint64_t item_value(const Workload& workload, std::uint64_t index);

bool is_range(const Workload& workload);

}  // namespace parakit
