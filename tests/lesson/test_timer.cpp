#include <catch2/catch.hpp>

#include "drivers/lesson/timer.hpp"

using namespace parakit::lesson;

TEST_CASE("the watchdog kills a child process that overruns its deadline") {
  TimerOptions options;
  options.target = "process";
  options.work_ms = 5000;
  options.deadline_ms = 30;
  const Result result = run_timer(options);
  CHECK(result.figures["fired"] == true);
  CHECK(result.figures["work"]["exited"] == false);
  CHECK(result.figures["work"]["signal"] == 9);
  // Killed long before the child's own 5 s were up: a check that it was killed, not a speed check.
  CHECK(result.figures["elapsed_ms"].get<double>() < 4000);
}

TEST_CASE("the watchdog is cancelled when the child process ends first") {
  TimerOptions options;
  options.target = "process";
  options.work_ms = 10;
  options.deadline_ms = 30000;
  const Result result = run_timer(options);
  CHECK(result.figures["fired"] == false);
  CHECK(result.figures["cancelled"] == true);
  CHECK(result.figures["work"]["exited"] == true);
  CHECK(result.figures["work"]["exit_code"] == 0);
  // Cancelling must not wait out the 30 s deadline.
  CHECK(result.figures["elapsed_ms"].get<double>() < 20000);
}

TEST_CASE("the watchdog stops a computation through its stop token") {
  TimerOptions options;
  options.target = "computation";
  options.limit = 5'000'000;  // far more than can finish before the deadline
  options.deadline_ms = 20;
  const Result result = run_timer(options);
  CHECK(result.figures["fired"] == true);
  CHECK(result.figures["work"]["finished"] == false);
  CHECK(result.figures["work"]["tested"].get<long>() < 4'999'999);
}

TEST_CASE("a computation that finishes in time cancels the watchdog and gets the right count") {
  TimerOptions options;
  options.target = "computation";
  options.limit = 1000;
  options.deadline_ms = 30000;
  const Result result = run_timer(options);
  CHECK(result.figures["fired"] == false);
  CHECK(result.figures["work"]["finished"] == true);
  CHECK(result.figures["work"]["primes"] == 168);
}
