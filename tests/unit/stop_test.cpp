// Kernels that give up when asked, and RunStop's exit codes and time limit.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fmt/format.h>
#include <thread>

#include "io/run_stop.hpp"
#include "kernels/kernel.hpp"
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
