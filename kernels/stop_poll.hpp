#pragma once

#include <cstdint>

namespace parakit {

// Long kernel loops read their stop flag when (step & kStopPollMask) == 0:
// every 2^18 steps, a millisecond or so of divisions, so a stop request is
// seen at once while the load stays invisible in the loop's cost.
inline constexpr std::uint64_t kStopPollMask = (1ULL << 18) - 1;

}  // namespace parakit
