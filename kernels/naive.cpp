#include "kernels/naive.hpp"

#include "kernels/stop_poll.hpp"

namespace parakit {
namespace {

template <class Stopped>
std::optional<bool> naive(std::uint64_t n, Stopped stopped) {
  if (n < 2) return false;
  for (std::uint64_t d = 2; d < n; ++d) {
    if (n % d == 0) return false;
    if ((d & kStopPollMask) == 0 && stopped()) return std::nullopt;
  }
  return true;
}

}  // namespace

bool is_prime_naive(std::uint64_t n) {
  return *naive(n, [] { return false; });
}

std::optional<bool> is_prime_naive(std::uint64_t n, const std::atomic<bool>& stop) {
  return naive(n, [&stop] { return stop.load(std::memory_order_relaxed); });
}

}  // namespace parakit
