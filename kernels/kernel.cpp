#include "kernels/kernel.hpp"

#include "kernels/miller_rabin.hpp"
#include "kernels/naive.hpp"
#include "kernels/sieve.hpp"
#include "kernels/trial.hpp"

namespace parakit {

std::string_view kernel_name(Kernel kernel) {
  switch (kernel) {
    case Kernel::naive: return "naive";
    case Kernel::trial: return "trial";
    case Kernel::miller_rabin: return "miller-rabin";
    case Kernel::sieve: return "sieve";
  }
  return "?";
}

std::optional<Kernel> parse_kernel(std::string_view name) {
  for (Kernel k : {Kernel::naive, Kernel::trial, Kernel::miller_rabin, Kernel::sieve}) {
    if (kernel_name(k) == name) return k;
  }
  return std::nullopt;
}

bool is_prime(Kernel kernel, std::uint64_t n) {
  switch (kernel) {
    case Kernel::naive: return is_prime_naive(n);
    case Kernel::trial: return is_prime_trial(n);
    case Kernel::miller_rabin: return is_prime_miller_rabin(n);
    case Kernel::sieve: return sieve_count(n, n) == 1;
  }
  return false;
}

std::optional<bool> is_prime(Kernel kernel, std::uint64_t n, const std::atomic<bool>& stop) {
  switch (kernel) {
    case Kernel::naive: return is_prime_naive(n, stop);
    case Kernel::trial: return is_prime_trial(n, stop);
    case Kernel::miller_rabin:
    case Kernel::sieve: return is_prime(kernel, n);
  }
  return std::nullopt;
}

}  // namespace parakit
