#include <catch2/catch.hpp>

#include "drivers/lesson/gil.hpp"
#include "drivers/lesson/lesson.hpp"
#include "drivers/lesson/race.hpp"
#include "drivers/lesson/trace_output.hpp"

using namespace parakit::lesson;

namespace {
GilOptions small() {
  GilOptions options;
  options.threads = 2;
  options.units = 4;
  options.unit_size = 1000;
  options.io_ms = 5;
  return options;
}
}  // namespace

TEST_CASE("under the simulated GIL no two units of CPU work ever overlap in time") {
  const auto workload = GENERATE(Workload::cpu, Workload::io);
  const GilCaseResult r = run_gil_case(small(), {workload, 3, true});
  CHECK(r.spans.size() >= 8);  // threads x units of the options, shared by 3 threads
  CHECK(parakit::max_overlap(r.spans, "cpu") == 1);
}

TEST_CASE("without the GIL, CPU units on different threads do overlap") {
  const GilCaseResult r = run_gil_case(small(), {Workload::cpu, 2, false});
  CHECK(parakit::max_overlap(r.spans, "cpu") == 2);
}

TEST_CASE("under the GIL, I/O waits still overlap") {
  const GilCaseResult r = run_gil_case(small(), {Workload::io, 2, true});
  CHECK(parakit::max_overlap(r.spans, "io") == 2);
}

TEST_CASE("every configuration finds the same primes") {
  const GilOptions options = small();
  const auto serial = run_gil_case(options, {Workload::cpu, 1, false});
  CHECK(serial.primes > 0);
  CHECK(run_gil_case(options, {Workload::cpu, 2, false}).primes == serial.primes);
  CHECK(run_gil_case(options, {Workload::cpu, 2, true}).primes == serial.primes);
}

TEST_CASE("the gil lesson exposes its spans in the figures") {
  const Result result = run_gil(small());
  REQUIRE(result.figures["runs"].size() == 5);
  for (const auto& run : result.figures["runs"]) {
    CHECK(!run["spans"].empty());
    const auto& span = run["spans"][0];
    CHECK(span.contains("thread"));
    CHECK(span["end_ms"].get<double>() >= span["start_ms"].get<double>());
    if (run["gil"] == true) CHECK(run["max_cpu_overlap"] == 1);
  }
}

TEST_CASE("only lessons whose figures hold spans accept --trace and --timeline") {
  // The catalogue's flag is what main() checks before a lesson runs; the
  // figures are what the trace is drawn from, so the two must agree.
  for (const Entry& entry : catalogue()) {
    INFO(entry.name);
    CHECK(entry.records_spans == (entry.name == "gil"));
  }
  CHECK(lesson_trace("gil", run_gil(small()).figures).ranks.size() == 5);
  CHECK(lesson_trace("race", run_race(RaceOptions{2, 2, 0, "none"}).figures).ranks.empty());
}
