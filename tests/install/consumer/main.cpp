// Counts the primes up to 10^6 with the installed kit's segmented sieve.
#include <cstdio>

#include "kernels/sieve.hpp"

int main() {
  std::printf("pi(10^6) = %llu\n", static_cast<unsigned long long>(parakit::sieve_count(0, 1'000'000)));
  return 0;
}
