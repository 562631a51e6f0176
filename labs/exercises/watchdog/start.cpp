// Lab 3 exercise, starting version: count the primes up to N with the lesson's
// naive test. For large N this takes minutes, and nothing stops it.
// Your task: give the count a deadline. Arm a parakit::Watchdog
// (kernels/concurrency/watchdog.hpp) that calls request_stop() on a
// std::stop_source after DEADLINE_MS; check the stop token between numbers; cancel
// the watchdog when the count ends first. Print "finished: P primes" or
// "stopped early after K numbers".
// Build and run from build/:  cmake --build . --target watchdog_start && ./watchdog_start 1000 500
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "kernels/naive.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s N DEADLINE_MS\n", argv[0]);
    return 2;
  }
  const std::uint64_t limit = std::strtoull(argv[1], nullptr, 10);
  std::uint64_t primes = 0;
  for (std::uint64_t n = 2; n <= limit; ++n)
    if (parakit::is_prime_naive(n)) ++primes;
  std::printf("finished: %llu primes\n", static_cast<unsigned long long>(primes));
}
