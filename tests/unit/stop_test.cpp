// Kernels that give up when asked, and RunStop's exit codes and time limit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <fmt/format.h>
#include <thread>

#include "io/run_stop.hpp"
#include "kernels/kernel.hpp"
#include "kernels/sieve.hpp"
#include "kernels/task.hpp"

using namespace parakit;

TEST_CASE("a set stop flag makes the naive and trial kernels give up a huge prime", "[stop]") {
  const std::uint64_t huge_prime = 18446744073709551557ULL;  // the largest prime below 2^64
  std::atomic<bool> stop{true};
  CHECK_FALSE(is_prime(Kernel::naive, huge_prime, stop).has_value());
  CHECK_FALSE(is_prime(Kernel::trial, huge_prime, stop).has_value());
  // Answers that come before the first poll are still given.
  CHECK(is_prime(Kernel::naive, 65537, stop) == std::optional<bool>(true));
  CHECK(is_prime(Kernel::trial, 1000001, stop) == std::optional<bool>(false));
  CHECK(is_prime(Kernel::miller_rabin, huge_prime, stop) == std::optional<bool>(true));
}

TEST_CASE("an unset stop flag changes no answer", "[stop]") {
  std::atomic<bool> stop{false};
  for (std::uint64_t n = 0; n < 3000; ++n) {
    CHECK(*is_prime(Kernel::naive, n, stop) == is_prime(Kernel::miller_rabin, n));
    CHECK(*is_prime(Kernel::trial, n, stop) == is_prime(Kernel::miller_rabin, n));
  }
}

TEST_CASE("a task cut short by a stop says so", "[stop]") {
  const Workload workload = RangeWorkload{0, 100000};
  const TaskPlan plan = plan_tasks(workload, Kernel::naive, Schedule::cyclic, 1, 4);
  std::atomic<bool> stop{false};
  const TaskResult whole = run_task(workload, plan, 1, Kernel::naive, false, &stop);
  CHECK(whole.complete);
  CHECK(whole.found == run_task(workload, plan, 1, Kernel::miller_rabin, false).found);
  stop = true;
  CHECK_FALSE(run_task(workload, plan, 1, Kernel::naive, false, &stop).complete);
}

TEST_CASE("the sieve gives up when stopped and answers alike when not", "[stop][sieve]") {
  std::atomic<bool> stop{false};
  CHECK(sieve_count(0, 100'000'000, stop) == std::optional<std::uint64_t>(5761455));
  CHECK(sieve_primes(0, 30, stop) == std::optional<std::vector<std::uint64_t>>({2, 3, 5, 7, 11, 13, 17, 19, 23, 29}));
  stop = true;
  CHECK_FALSE(sieve_count(0, 100'000'000, stop).has_value());
  CHECK_FALSE(sieve_primes(0, 100'000'000, stop).has_value());

  const Workload workload = RangeWorkload{0, 100'000'000};
  const TaskPlan plan = plan_tasks(workload, Kernel::sieve, Schedule::cyclic, 1, 4);
  CHECK_FALSE(run_task(workload, plan, 1, Kernel::sieve, false, &stop).complete);
  CHECK_FALSE(run_task(workload, plan, 1, Kernel::sieve, true, &stop).complete);
  stop = false;
  const TaskResult whole = run_task(workload, plan, 1, Kernel::sieve, true, &stop);
  CHECK(whole.complete);
  CHECK(whole.found == whole.primes.size());
  CHECK(whole.found == run_task(workload, plan, 1, Kernel::sieve, false).found);
}

TEST_CASE("a visitor sees a task's primes in order, the ones keep_primes keeps", "[stop][sieve]") {
  std::atomic<bool> stop{false};
  for (const Kernel kernel : {Kernel::sieve, Kernel::miller_rabin}) {
    INFO(kernel_name(kernel));
    const Workload workload = RangeWorkload{1'000'000, 3'000'000};
    const TaskPlan plan = plan_tasks(workload, kernel, Schedule::cyclic, 1, 3);
    const TaskResult kept = run_task(workload, plan, 1, kernel, true, &stop);
    std::vector<std::uint64_t> visited;
    const TaskResult streamed = run_task(workload, plan, 1, kernel, [&](std::uint64_t p) { visited.push_back(p); }, &stop);
    CHECK(streamed.complete);
    CHECK(streamed.primes.empty());
    CHECK(streamed.found == kept.found);
    CHECK(visited == kept.primes);
    CHECK(std::is_sorted(visited.begin(), visited.end()));
  }
  // Stopped: the sieve visits a prefix and says the task is not whole.
  bool stopped_visitor_ran = false;
  std::uint64_t last = 0;
  const Workload big = RangeWorkload{0, 1'000'000'000};
  const TaskPlan one = plan_tasks(big, Kernel::sieve, Schedule::block, 1, 1);
  const TaskResult cut = run_task(big, one, 0, Kernel::sieve, [&](std::uint64_t p) {
    last = p;
    if (p > 10'000'000 && !stopped_visitor_ran) {
      stopped_visitor_ran = true;
      stop = true;
    }
  }, &stop);
  CHECK(stopped_visitor_ran);
  CHECK_FALSE(cut.complete);
  CHECK(last < 500'000'000);
}

TEST_CASE("a stop reaches the sieve in the middle of a range near 2^64", "[stop][sieve]") {
  // Ten billion numbers below 2^64 take the sieve many minutes: each block
  // streams a few hundred million base primes, and the stop must reach in there.
  std::atomic<bool> stop{false};
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    stop = true;
  });
  const auto start = std::chrono::steady_clock::now();
  const std::optional<std::uint64_t> count = sieve_count(18446744073709551615ULL - 10'000'000'000ULL, 18446744073709551615ULL, stop);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  stopper.join();
  CHECK_FALSE(count.has_value());
  INFO("the sieve ran " << seconds << " s after being started, stopped at 0.1 s");
  CHECK(seconds < 10.0);
}

TEST_CASE("RunStop turns its time limit into the stop flag and exit code 124", "[stop]") {
  RunStop stop("stop_test", 0.05, std::chrono::seconds(30));
  CHECK(stop.exit_code() == 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!stop.requested() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(stop.requested());
  CHECK(stop.reason() == StopReason::time_limit);
  CHECK(stop.exit_code() == kTimeLimitExit);
  stop.finish();
}

TEST_CASE("RunStop turns SIGTERM into the stop flag and exit code 143", "[stop]") {
  RunStop stop("stop_test", 0, std::chrono::seconds(30));
  ::raise(SIGTERM);  // the handler only writes to a pipe: the test process lives on
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!stop.requested() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(stop.requested());
  CHECK(stop.reason() == StopReason::signal);
  CHECK(stop.exit_code() == 128 + SIGTERM);
  CHECK(stop.describe() == "interrupted by SIGTERM");
  stop.finish();
}

TEST_CASE("the time limit takes positive seconds only", "[stop]") {
  double seconds = 0;
  CHECK_FALSE(parse_time_limit("90", seconds));
  CHECK(seconds == 90);
  CHECK_FALSE(parse_time_limit("0.5", seconds));
  CHECK(seconds == 0.5);
  for (const char* bad : {"", "0", "-1", "1e99", "5s", "nan", "soon"}) {
    CHECK(parse_time_limit(bad, seconds) == std::optional<std::string>(fmt::format("--time-limit: '{}' is not a positive number of seconds", bad)));
  }
}
