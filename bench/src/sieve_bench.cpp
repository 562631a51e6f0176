// Times parakit::sieve_count on one range, with nothing else in the process
// (no MPI, no drivers), so its time and peak memory are the kernel's own.
//   sieve_bench LO HI     prints "<count> <seconds>"
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "kernels/sieve.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: sieve_bench LO HI (integers, e.g. 0 10000000000)\n");
    return 2;
  }
  const std::uint64_t lo = std::stoull(argv[1]);
  const std::uint64_t hi = std::stoull(argv[2]);
  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t count = parakit::sieve_count(lo, hi);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%llu %.4f\n", static_cast<unsigned long long>(count), elapsed.count());
  return 0;
}
