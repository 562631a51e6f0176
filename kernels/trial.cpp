#include "kernels/trial.hpp"

#include "kernels/stop_poll.hpp"

namespace parakit {
namespace {

template <class Stopped>
std::optional<bool> trial(std::uint64_t n, Stopped stopped) {
  if (n < 4) return n >= 2;
  if (n % 2 == 0 || n % 3 == 0) return false;
  // d <= n / d avoids the overflow of d * d for n near 2^64.
  std::uint64_t step = 0;
  for (std::uint64_t d = 5; d <= n / d; d += 6) {
    if (n % d == 0 || n % (d + 2) == 0) return false;
    if ((++step & kStopPollMask) == 0 && stopped()) return std::nullopt;
  }
  return true;
}

}  // namespace

bool is_prime_trial(std::uint64_t n) {
  return *trial(n, [] { return false; });
}

std::optional<bool> is_prime_trial(std::uint64_t n, const std::atomic<bool>& stop) {
  return trial(n, [&stop] { return stop.load(std::memory_order_relaxed); });
}

}  // namespace parakit
