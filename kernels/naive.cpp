#include "kernels/naive.hpp"

namespace parakit {

bool is_prime_naive(std::uint64_t n) {
  if (n < 2) return false;
  for (std::uint64_t d = 2; d < n; ++d) {
    if (n % d == 0) return false;
  }
  return true;
}

}  // namespace parakit
