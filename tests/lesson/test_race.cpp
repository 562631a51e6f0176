#include <catch2/catch.hpp>
#include <omp.h>

#include <algorithm>

#include "drivers/lesson/race.hpp"

using namespace parakit::lesson;

namespace {

// An OpenMP team may be smaller than asked (the ThreadSanitizer run sets
// OMP_THREAD_LIMIT=1); the lesson expects what the team that ran should reach.
std::int64_t threads_that_run(Fix fix, int asked) {
  const bool openmp = fix == Fix::omp_critical || fix == Fix::omp_atomic || fix == Fix::reduction;
  return openmp ? std::min(asked, omp_get_thread_limit()) : asked;
}

}  // namespace

TEST_CASE("with a pause between read and write, updates are lost every time") {
  for (int attempt = 0; attempt < 3; ++attempt) {
    // 10 ms is an age for a CPU: even on a loaded machine both threads read before either writes.
    const RaceRun run = count_with(Fix::none, 2, 3, 10);
    CHECK(run.expected == 6);
    CHECK(run.final < run.expected);
  }
  const RaceRun four = count_with(Fix::none, 4, 2, 10);
  CHECK(four.final < four.expected);
}

TEST_CASE("every fix gets the exact total, with the pause") {
  const auto fix = GENERATE(Fix::mutex, Fix::atomic, Fix::omp_critical, Fix::omp_atomic, Fix::reduction);
  const RaceRun run = count_with(fix, 3, 3, 2);
  CHECK(run.expected == 3 * threads_that_run(fix, 3));
  CHECK(run.final == run.expected);
}

TEST_CASE("every fix gets the exact total at scale, without the pause") {
  const auto fix = GENERATE(Fix::mutex, Fix::atomic, Fix::omp_critical, Fix::omp_atomic, Fix::reduction);
  const RaceRun run = count_with(fix, 4, 50'000, 0);
  CHECK(run.expected == 50'000 * threads_that_run(fix, 4));
  CHECK(run.final == run.expected);
}

TEST_CASE("without a fix and without the pause, updates can only be lost, never invented") {
  const RaceRun run = count_with(Fix::none, 2, 200'000, 0);
  CHECK(run.final <= run.expected);
  CHECK(run.final > 0);
}

TEST_CASE("the race lesson reports expected and final in its figures") {
  const Result result = run_race(RaceOptions{2, 3, 10, "none"});
  CHECK(result.figures["expected"] == 6);
  CHECK(result.figures["final"].get<int>() < 6);
  CHECK(result.figures["lost"].get<int>() > 0);

  const Result all = run_race(RaceOptions{2, 2, 10, "all"});
  REQUIRE(all.figures["runs"].size() == 6);
  for (const auto& run : all.figures["runs"]) {
    if (run["fix"] == "none") CHECK(run["lost"].get<int>() > 0);
    else CHECK(run["lost"] == 0);
    CHECK(run["ns_per_update"].get<double>() > 0);
  }
}

TEST_CASE("the race lesson refuses nonsense") {
  CHECK_THROWS_AS(run_race(RaceOptions{0, 5, 10, "none"}), std::invalid_argument);
  CHECK_THROWS_AS(run_race(RaceOptions{2, 5, 10, "duct-tape"}), std::invalid_argument);
  CHECK_THROWS_AS(run_race(RaceOptions{2, 1'000'000, 10, "none"}), std::invalid_argument);
}
