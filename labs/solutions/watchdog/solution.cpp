// Lab 3 exercise, solution (for instructors). A thread cannot be killed safely,
// so the watchdog only asks: the count checks the stop token between numbers.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stop_token>

#include "kernels/concurrency/watchdog.hpp"
#include "kernels/naive.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s N DEADLINE_MS\n", argv[0]);
    return 2;
  }
  const std::uint64_t limit = std::strtoull(argv[1], nullptr, 10);
  const long deadline_ms = std::strtol(argv[2], nullptr, 10);

  std::stop_source stop;
  parakit::Watchdog watchdog(std::chrono::milliseconds(deadline_ms), [&] { stop.request_stop(); });
  const std::stop_token token = stop.get_token();
  std::uint64_t primes = 0;
  std::uint64_t n = 2;
  for (; n <= limit && !token.stop_requested(); ++n)
    if (parakit::is_prime_naive(n)) ++primes;
  const bool finished = watchdog.cancel() || n > limit;

  if (finished)
    std::printf("finished: %llu primes\n", static_cast<unsigned long long>(primes));
  else
    std::printf("stopped early after %llu numbers\n", static_cast<unsigned long long>(n - 2));
}
