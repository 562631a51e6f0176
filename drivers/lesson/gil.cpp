// Why the lesson's threads did not speed up the prime test. CPython runs
// Python code only while holding one global interpreter lock (GIL), so CPU work
// on several threads takes turns; the lock is let go around I/O, so waiting
// still overlaps. Here the GIL is simulated by one mutex held around every unit
// of CPU work and released around every wait.
#include "drivers/lesson/gil.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <latch>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "io/table.hpp"
#include "kernels/naive.hpp"
#include "kernels/random_numbers.hpp"

namespace parakit::lesson {

const std::string_view gil_description =
    "The work is the lesson's: random numbers in [100, 10000] tested with the naive prime test, in\n"
    "units of --unit-size numbers (CPU-bound); or units that wait --io-ms, standing in for a\n"
    "download (I/O-bound). Each configuration runs the same units on 1 or --threads threads, with\n"
    "or without a simulated GIL: one mutex held for every CPU unit and released around every wait.\n"
    "Every unit is recorded as a span {thread, start, end, kind}; the table counts the most CPU\n"
    "spans that were ever running at the same moment. Under the GIL that is always 1.";

namespace {

constexpr std::uint64_t kMin = 100;
constexpr std::uint64_t kMax = 10000;

// What one thread does with its share of the units. With a GIL every CPU unit
// runs under `gil`; without one the lock is never touched.
std::uint64_t work_units(const GilOptions& options, const GilCase& config, std::size_t thread, int first_unit,
                         int unit_count, std::mutex* gil, SpanRecorder& spans) {
  using Clock = SpanRecorder::Clock;
  std::uint64_t primes = 0;
  for (int u = first_unit; u < first_unit + unit_count; ++u) {
    if (config.workload == Workload::io) {
      // The GIL is released around I/O: this wait overlaps other threads' waits.
      const auto start = Clock::now();
      pause_ms(options.io_ms);
      spans.record(thread, "io", start, Clock::now());
    }
    std::optional<std::lock_guard<std::mutex>> held;
    if (gil) held.emplace(*gil);
    // The span is closed before the lock is released (held is destroyed after
    // record()), so under the GIL recorded CPU spans cannot overlap.
    const auto start = Clock::now();
    const std::uint64_t size = config.workload == Workload::cpu ? options.unit_size : options.unit_size / 100;
    const std::uint64_t base = static_cast<std::uint64_t>(u) * options.unit_size;
    for (std::uint64_t i = base; i < base + size; ++i)
      primes += is_prime_naive(uniform_draw(options.seed, i, kMin, kMax)) ? 1 : 0;
    spans.record(thread, "cpu", start, Clock::now());
  }
  return primes;
}

std::string_view workload_name(Workload workload) { return workload == Workload::cpu ? "cpu" : "io"; }

nlohmann::json spans_json(const std::vector<Span>& spans) {
  nlohmann::json list = nlohmann::json::array();
  for (const Span& span : spans)
    list.push_back({{"thread", span.thread}, {"start_ms", span.start_ms}, {"end_ms", span.end_ms}, {"kind", span.kind}});
  return list;
}

}  // namespace

GilCaseResult run_gil_case(const GilOptions& options, const GilCase& config) {
  const int total_units = options.threads * options.units;
  std::mutex gil;
  SpanRecorder spans;
  std::vector<std::uint64_t> primes(config.threads, 0);
  const Stopwatch clock;
  {
    std::latch start(config.threads);
    std::vector<std::jthread> team;
    for (int t = 0; t < config.threads; ++t)
      team.emplace_back([&, t] {
        const int first = total_units * t / config.threads;
        const int count = total_units * (t + 1) / config.threads - first;
        start.arrive_and_wait();
        primes[t] = work_units(options, config, static_cast<std::size_t>(t), first, count,
                               config.gil ? &gil : nullptr, spans);
      });
  }
  GilCaseResult result{config, clock.seconds(), 0, spans.spans()};
  for (auto p : primes) result.primes += p;
  return result;
}

Result run_gil(const GilOptions& options) {
  if (options.threads < 2 || options.threads > 64) throw std::invalid_argument("--threads must be between 2 and 64");
  if (options.units < 1 || options.units > 1000) throw std::invalid_argument("--units must be between 1 and 1000");
  if (options.unit_size < 1 || options.unit_size > 1'000'000)
    throw std::invalid_argument("--unit-size must be between 1 and 1,000,000");
  if (options.io_ms < 0 || options.io_ms > 1000) throw std::invalid_argument("--io-ms must be between 0 and 1000");

  const int n = options.threads;
  const std::vector<GilCase> cases = {
      {Workload::cpu, 1, false}, {Workload::cpu, n, false}, {Workload::cpu, n, true},
      {Workload::io, 1, true},   {Workload::io, n, true},
  };
  std::vector<GilCaseResult> results;
  for (const GilCase& config : cases) results.push_back(run_gil_case(options, config));

  TextTable table({{"work"}, {"threads", true}, {"GIL"}, {"seconds", true}, {"speedup", true},
                   {"most CPU units at once", true}});
  nlohmann::json runs = nlohmann::json::array();
  double baseline = 0;
  for (const GilCaseResult& r : results) {
    if (r.config.threads == 1) baseline = r.seconds;
    const double speedup = r.seconds > 0 ? baseline / r.seconds : 0;
    const std::size_t cpu_overlap = max_overlap(r.spans, "cpu");
    table.add_row({std::string(workload_name(r.config.workload)), std::to_string(r.config.threads),
                   r.config.gil ? "yes" : "no", fmt::format("{:.3f}", r.seconds), fmt::format("{:.2f}x", speedup),
                   std::to_string(cpu_overlap)});
    runs.push_back({{"workload", workload_name(r.config.workload)},
                    {"threads", r.config.threads},
                    {"gil", r.config.gil},
                    {"seconds", r.seconds},
                    {"speedup", speedup},
                    {"primes", r.primes},
                    {"max_cpu_overlap", cpu_overlap},
                    {"max_io_overlap", max_overlap(r.spans, "io")},
                    {"spans", spans_json(r.spans)}});
  }

  std::string story = fmt::format(
      "{} units of work ({} numbers per CPU unit; {} ms per I/O unit), on 1 and on {} threads, on a\n"
      "machine with {} hardware threads.\n\n{}\n",
      options.threads * options.units, options.unit_size, options.io_ms, n, std::thread::hardware_concurrency(),
      table.render());
  story +=
      "CPU work without the GIL: C++ threads test numbers truly at the same time, up to one per core.\n"
      "CPU work with the GIL: the threads take turns, never more than one unit at once, so they are\n"
      "no faster than one thread; that is what the lesson's Python threads did with the prime test.\n"
      "I/O work with the GIL: the lock is let go while waiting, so the waits overlap and threads help.\n"
      "Processes (lesson processes, MPI) each have their own interpreter and lock, hence their speedup.\n";
  nlohmann::json figures = {{"lesson", "gil"},
                            {"threads", options.threads},
                            {"units_per_thread", options.units},
                            {"unit_size", options.unit_size},
                            {"io_ms", options.io_ms},
                            {"hardware_threads", std::thread::hardware_concurrency()},
                            {"runs", runs}};
  return {figures, story};
}

Run setup_gil(CLI::App& command) {
  auto options = std::make_shared<GilOptions>();
  command.add_option("--threads", options->threads, "Threads in the multi-threaded runs")->capture_default_str();
  command.add_option("--units", options->units, "Units of work per thread")->capture_default_str();
  command.add_option("--unit-size", options->unit_size, "Numbers tested per CPU unit")->capture_default_str();
  command.add_option("--io-ms", options->io_ms, "Wait per I/O unit, in ms")->capture_default_str();
  command.add_option("--seed", options->seed, "Seed of the random numbers")->capture_default_str();
  command.footer(
      "Examples:\n"
      "  lesson gil                               the five runs and their speedups\n"
      "  lesson gil --threads 4 --units 4         more threads than cores\n"
      "  lesson gil --json                        every span {thread, start_ms, end_ms, kind}");
  return [options] { return run_gil(*options); };
}

}  // namespace parakit::lesson
