#include "kernels/trial.hpp"

namespace parakit {

bool is_prime_trial(std::uint64_t n) {
  if (n < 4) return n >= 2;
  if (n % 2 == 0 || n % 3 == 0) return false;
  // d <= n / d avoids the overflow of d * d for n near 2^64.
  for (std::uint64_t d = 5; d <= n / d; d += 6) {
    if (n % d == 0 || n % (d + 2) == 0) return false;
  }
  return true;
}

}  // namespace parakit
