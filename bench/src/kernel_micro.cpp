// Micro-benchmarks of the kernels with Catch2's BENCHMARK: one number per kernel
// and workload, with Catch2's sampling and outlier analysis.
//   kernel_micro [Catch2 options, e.g. --benchmark-samples 20]
#define CATCH_CONFIG_MAIN
#define CATCH_CONFIG_ENABLE_BENCHMARKING
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "kernels/miller_rabin.hpp"
#include "kernels/naive.hpp"
#include "kernels/sieve.hpp"
#include "kernels/trial.hpp"

namespace {

std::vector<std::uint64_t> random_numbers(std::size_t count, int bits) {
  std::mt19937_64 random(1);
  std::vector<std::uint64_t> numbers(count);
  for (auto& n : numbers) n = bits == 64 ? random() : random() >> (64 - bits);
  return numbers;
}

template <typename Test>
std::uint64_t count_primes(const std::vector<std::uint64_t>& numbers, Test&& test) {
  std::uint64_t found = 0;
  for (std::uint64_t n : numbers) found += test(n) ? 1 : 0;
  return found;
}

}  // namespace

TEST_CASE("sieve", "[sieve]") {
  BENCHMARK("sieve_count [0, 10^8]") { return parakit::sieve_count(0, 100'000'000); };
  BENCHMARK("sieve_count [10^12, 10^12 + 10^8]") {
    return parakit::sieve_count(1'000'000'000'000ULL, 1'000'100'000'000ULL);
  };
  BENCHMARK("sieve_count [2^64 - 10^5, 2^64 - 1]") {
    return parakit::sieve_count(18446744073709451615ULL, 18446744073709551615ULL);
  };
}

TEST_CASE("single-number tests", "[miller-rabin]") {
  const auto uniform64 = random_numbers(10'000, 64);
  const auto uniform32 = random_numbers(10'000, 32);
  const auto uniform16 = random_numbers(1'000, 16);
  BENCHMARK("miller-rabin, 10^4 uniform 64-bit") { return count_primes(uniform64, parakit::is_prime_miller_rabin); };
  BENCHMARK("miller-rabin, 10^4 uniform 32-bit") { return count_primes(uniform32, parakit::is_prime_miller_rabin); };
  // Lambdas pick the one-argument overloads (the others take a stop flag).
  const auto trial = [](std::uint64_t n) { return parakit::is_prime_trial(n); };
  const auto naive = [](std::uint64_t n) { return parakit::is_prime_naive(n); };
  BENCHMARK("trial, 10^4 uniform 32-bit") { return count_primes(uniform32, trial); };
  BENCHMARK("naive, 10^3 uniform 16-bit") { return count_primes(uniform16, naive); };
}
