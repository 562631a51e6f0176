#include "drivers/primes/options.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "io/cli_format.hpp"
#include "drivers/primes/threads_default.hpp"
#include "io/mpi/library_version.hpp"
#include "io/number_parse.hpp"
#include "io/run_stop.hpp"
#include "io/version_text.hpp"

namespace parakit::primes {
namespace {

constexpr const char* kDescription = R"(Count or test primes with one kernel under one execution model.

Workloads (pick one; with none, the lesson's naive prime test, scaled up):
  --range LO HI          every number in [LO, HI]; LO and HI up to 2^64-1
  --check N              N numbers drawn uniformly from [--min, --max] (--seed)
  --numbers FILE|-       the numbers in FILE (or standard input)
Numbers may be written 1000000, 1e6, 2.5e9, 2^32 or 2^64-1.)";

constexpr const char* kExamples = R"(
Examples:
  primes                                        the default workload, hybrid, dynamic
  mpirun -np 4 ./primes --range 0 1e10          pi(10^10) = 455052511 with the sieve
  primes --check 3000 --min 100 --max 10000 --kernel naive --driver threads --schedule block
                                                the lesson's workload, its three-way split
  mpirun -np 2 ./primes --range 2^64-1e6 2^64-1 --kernel miller-rabin --schedule cyclic
  primes --range 0 1e6 --list primes.txt        every prime, one per line, ascending
  primes --numbers my-numbers.txt --json        machine-readable result
  mpirun -np 2 ./primes --threads 2 --schedule block --timeline block.svg
                                                a row per rank x thread: who sat idle
  primes --range 0 1e11 --checkpoint run.ckpt --time-limit 600
                                                stops after 10 minutes (exit 124); the same
                                                command again resumes where it stopped
  primes --trace run.json                       every task, phase and MPI wait; open it
                                                in https://ui.perfetto.dev or chrome://tracing

Drivers: serial (one core), threads (std::thread), openmp (OpenMP parallel for),
mpi (one process per rank), hybrid (MPI ranks x OpenMP threads; default).
Schedules: block (one contiguous share per worker), cyclic (small tasks dealt
round-robin), dynamic (small tasks taken by whichever worker is free; default).
Exit status: 0 on success, 1 for failures while running, 2 for bad input,
124 when --time-limit ran out, 128+N when stopped by signal N (130 for Ctrl-C,
143 for SIGTERM from scancel or mpirun). A stopped run prints what it finished,
writes no --list, and saves its --checkpoint.)";

std::optional<std::string> to_number(const std::string& what, const std::string& text, std::uint64_t& out) {
  auto parsed = parse_number(text);
  if (auto* err = std::get_if<ParseError>(&parsed)) return fmt::format("{}: {}", what, err->message);
  out = std::get<ParsedNumber>(parsed).value;
  return std::nullopt;
}

}  // namespace

std::string version_report() { return version_text("primes", {mpi_version_line(), openmp_version_line()}); }

ParseOutcome parse_options(int argc, char** argv) {
  CLI::App app{kDescription, "primes"};
  app.footer(kExamples);
  use_plain_help(app);
  add_version_flag(app, version_report);

  std::vector<std::string> range_text;
  std::string check_text, min_text = "100", max_text = "10000", seed_text = "1", tasks_text;
  std::string kernel_text, driver_text = "hybrid", schedule_text = "dynamic";
  int threads = 0;
  Options o;

  auto* range = app.add_option("--range", range_text, "Count the primes in [LO, HI]")->expected(2)->type_name("LO HI");
  auto* check = app.add_option("--check", check_text, "Test N pseudo-random numbers")->type_name("N");
  auto* numbers = app.add_option("--numbers", o.numbers_path, "Test the numbers in FILE ('-' for stdin)")->type_name("FILE");
  range->excludes(check)->excludes(numbers);
  check->excludes(numbers);
  app.add_option("--min", min_text, "Smallest number drawn by --check")->capture_default_str()->type_name("A");
  app.add_option("--max", max_text, "Largest number drawn by --check")->capture_default_str()->type_name("B");
  app.add_option("--seed", seed_text, "Seed of --check: same seed, same numbers, under every driver")->capture_default_str()->type_name("S");
  app.add_option("--kernel", kernel_text, "naive | trial | miller-rabin | sieve (default: sieve for --range, else miller-rabin)")->type_name("K");
  app.add_option("--driver", driver_text, "serial | threads | openmp | mpi | hybrid")->capture_default_str()->type_name("D");
  auto* threads_opt = app.add_option("--threads", threads, "Threads per rank (default: OMP_NUM_THREADS, else the cores available)")->type_name("T");
  app.add_option("--schedule", schedule_text, "block | cyclic | dynamic")->capture_default_str()->type_name("S");
  app.add_option("--tasks", tasks_text, "Number of tasks for cyclic and dynamic (default: 16 per worker)")->type_name("N");
  app.add_option("--list", o.list_path, "Write every prime found to FILE, one per line, ascending")->type_name("FILE");
  app.add_option("--trace", o.trace_path, "Write a Chrome trace of every rank and thread to FILE")->type_name("FILE");
  app.add_option("--timeline", o.timeline_path, "Draw the run as an SVG Gantt chart, a row per worker")->type_name("FILE");
  app.add_option("--checkpoint", o.checkpoint_path,
                 "Record finished tasks in FILE every few seconds and at exit; a rerun of the same workload skips them")
      ->type_name("FILE");
  std::string time_limit_text;
  app.add_option("--time-limit", time_limit_text, "Stop after SECONDS (exit 124), even inside a long kernel call")
      ->type_name("SECONDS");
  auto* list_opt = app.get_option("--list");
  auto* trace_opt = app.get_option("--trace");
  auto* timeline_opt = app.get_option("--timeline");
  app.add_flag("--force", o.force, "Overwrite existing --list, --trace or --timeline files");
  app.add_flag("--json", o.json, "Print one JSON object instead of the table");
  app.add_flag("-q,--quiet", o.quiet, "No progress line, even on a terminal");

  ParseOutcome outcome;
  if (!parse_command_line(app, argc, argv, outcome)) return outcome;

  auto fail = [&](std::string message) {
    outcome.error = std::move(message);
    return outcome;
  };

  for (const auto& [option, path] : {std::pair{list_opt, &o.list_path}, std::pair{trace_opt, &o.trace_path},
                                      std::pair{timeline_opt, &o.timeline_path}}) {
    if (option->count() > 0 && path->empty()) return fail(fmt::format("{} needs a file name", option->get_name()));
  }
  if (!kernel_text.empty()) {
    auto k = parse_kernel(kernel_text);
    if (!k) return fail(fmt::format("unknown --kernel '{}' (naive, trial, miller-rabin, sieve)", kernel_text));
    o.kernel = *k;
  }
  auto d = parse_driver(driver_text);
  if (!d) return fail(fmt::format("unknown --driver '{}' (serial, threads, openmp, mpi, hybrid)", driver_text));
  o.driver = *d;
  auto s = parse_schedule(schedule_text);
  if (!s) return fail(fmt::format("unknown --schedule '{}' (block, cyclic, dynamic)", schedule_text));
  o.schedule = *s;
  if (threads_opt->count() > 0) {
    if (threads < 1 || threads > kMaxThreads) {
      return fail(fmt::format("--threads must be between 1 and {} (got {})", kMaxThreads, threads));
    }
    o.threads = threads;
  }
  if (!time_limit_text.empty()) {
    if (auto err = parse_time_limit(time_limit_text, o.time_limit)) return fail(*err);
  }
  if (!tasks_text.empty()) {
    if (auto err = to_number("--tasks", tasks_text, o.tasks)) return fail(*err);
    if (o.tasks == 0) return fail("--tasks must be at least 1");
  }

  if (range->count() > 0) {
    o.workload = WorkloadKind::range;
    if (auto err = to_number("--range LO", range_text[0], o.lo)) return fail(*err);
    if (auto err = to_number("--range HI", range_text[1], o.hi)) return fail(*err);
    if (o.lo > o.hi) return fail(fmt::format("--range: LO ({}) is greater than HI ({})", o.lo, o.hi));
    if (kernel_text.empty()) o.kernel = Kernel::sieve;
  } else if (numbers->count() > 0) {
    o.workload = WorkloadKind::numbers;
  } else {
    o.workload = WorkloadKind::check;
    if (check->count() == 0) {
      // The lesson's experiment, large enough to take a few seconds: the naive
      // test's cost per number is so uneven that the schedules visibly differ.
      o.default_workload = true;
      check_text = "200000";
      max_text = "100000";
      if (kernel_text.empty()) o.kernel = Kernel::naive;
    }
    if (auto err = to_number("--check N", check_text, o.count)) return fail(*err);
  }
  if (auto err = to_number("--min", min_text, o.min)) return fail(*err);
  if (auto err = to_number("--max", max_text, o.max)) return fail(*err);
  if (auto err = to_number("--seed", seed_text, o.seed)) return fail(*err);
  if (o.workload == WorkloadKind::check && o.min > o.max) {
    return fail(fmt::format("--min ({}) is greater than --max ({})", o.min, o.max));
  }
  if (o.kernel == Kernel::sieve && o.workload != WorkloadKind::range) {
    return fail("the sieve kernel needs --range; use naive, trial or miller-rabin with --check or --numbers");
  }
  if (o.threads && *o.threads > 1 && !uses_threads(o.driver)) {
    return fail(fmt::format("--driver {} runs one thread per process; use threads, openmp or hybrid for --threads {}",
                            driver_name(o.driver), *o.threads));
  }
  outcome.options = o;
  return outcome;
}

}  // namespace parakit::primes
