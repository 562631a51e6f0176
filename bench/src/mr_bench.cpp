// parakit's Miller-Rabin against FLINT's n_is_prime on the same uniform random
// 64-bit numbers. Rounds alternate ours / FLINT so both see the same machine load;
// prints one line per round and the medians. Exit 1 if the two ever disagree.
//   mr_bench [COUNT=1000000] [ROUNDS=5] [SEED=1]
#include <flint/ulong_extras.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "kernels/miller_rabin.hpp"

namespace {

template <typename Test>
double seconds_for(const std::vector<std::uint64_t>& numbers, Test&& test, std::uint64_t& primes) {
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t found = 0;
  for (std::uint64_t n : numbers) found += test(n) ? 1 : 0;
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  primes = found;
  return elapsed.count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t count = argc > 1 ? std::stoull(argv[1]) : 1'000'000;
  const int rounds = argc > 2 ? std::stoi(argv[2]) : 5;
  const std::uint64_t seed = argc > 3 ? std::stoull(argv[3]) : 1;
  if (count == 0 || rounds <= 0) {
    std::fprintf(stderr, "usage: mr_bench [COUNT>0] [ROUNDS>0] [SEED]\n");
    return 2;
  }
  std::mt19937_64 random(seed);
  std::vector<std::uint64_t> numbers(count);
  for (auto& n : numbers) n = random();

  for (std::uint64_t n : numbers) {
    if (parakit::is_prime_miller_rabin(n) != (n_is_prime(n) != 0)) {
      std::fprintf(stderr, "mr_bench: disagreement on %llu\n", static_cast<unsigned long long>(n));
      return 1;
    }
  }
  std::vector<double> ours, flint;
  std::uint64_t ours_primes = 0, flint_primes = 0;
  for (int r = 0; r < rounds; ++r) {
    ours.push_back(seconds_for(numbers, [](std::uint64_t n) { return parakit::is_prime_miller_rabin(n); }, ours_primes));
    flint.push_back(seconds_for(numbers, [](std::uint64_t n) { return n_is_prime(n) != 0; }, flint_primes));
    std::printf("round %d: ours %.4f s, flint %.4f s\n", r + 1, ours.back(), flint.back());
  }
  const double a = median(ours), b = median(flint);
  std::printf("numbers %llu (uniform 64-bit, seed %llu), primes %llu\n", static_cast<unsigned long long>(count),
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(ours_primes));
  std::printf("median ns/number: ours %.1f, flint n_is_prime %.1f, ratio %.2f\n", a / count * 1e9,
              b / count * 1e9, a / b);
  return 0;
}
