// primes: count or test primes under one of five execution models.
// Every rank runs this file from top to bottom; rank 0 alone talks to the user.
#include <cstdio>
#include <fmt/format.h>
#include <iostream>
#include <memory>

#include "drivers/primes/combine.hpp"
#include "drivers/primes/drivers.hpp"
#include "drivers/primes/options.hpp"
#include "drivers/primes/report.hpp"
#include "drivers/primes/threads_default.hpp"
#include "drivers/primes/tracing.hpp"
#include "io/mpi/broadcast.hpp"
#include "io/mpi/run_record.hpp"
#include "io/mpi/session.hpp"
#include "io/numbers_file.hpp"
#include "io/output_path.hpp"
#include "io/progress.hpp"

namespace parakit::primes {
namespace {

constexpr int kBadInput = 2;
constexpr int kRunFailure = 1;

void broadcast_numbers(MPI_Comm comm, std::vector<std::uint64_t>& numbers) {
  unsigned long count = numbers.size();
  MPI_Bcast(&count, 1, MPI_UNSIGNED_LONG, 0, comm);
  numbers.resize(count);
  // Large lists go in slices: MPI counts are int.
  for (unsigned long done = 0; done < count;) {
    const unsigned long slice = std::min<unsigned long>(count - done, 1UL << 28);
    MPI_Bcast(numbers.data() + done, static_cast<int>(slice), MPI_UINT64_T, 0, comm);
    done += slice;
  }
}

int run(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  MpiSession mpi(argc, argv);
  const MPI_Comm comm = mpi.comm();
  auto say_error = [&](const std::string& message) {
    if (mpi.is_root()) std::fprintf(stderr, "primes: error: %s\n", message.c_str());
  };

  ParseOutcome parsed = parse_options(argc, argv);
  if (!parsed.print.empty()) {
    if (mpi.is_root()) std::cout << parsed.print;
    return 0;
  }
  if (!parsed.error.empty()) {
    say_error(parsed.error);
    return kBadInput;
  }
  const Options& options = *parsed.options;

  // Checks that only make sense once, on rank 0.
  std::string error;
  std::vector<std::uint64_t> numbers;
  if (mpi.is_root()) {
    if (!uses_mpi(options.driver) && mpi.size() > 1) {
      error = fmt::format("--driver {} runs in one process, but mpirun started {}; use --driver mpi or hybrid",
                          driver_name(options.driver), mpi.size());
    } else if (uses_mpi(options.driver) && mpi.thread_level() < MPI_THREAD_FUNNELED) {
      error = fmt::format("this MPI library gives only MPI_THREAD_{}; the {} driver needs FUNNELED or better",
                          thread_level_name(mpi.thread_level()), driver_name(options.driver));
    } else if (uses_mpi(options.driver) && options.schedule == Schedule::dynamic &&
               mpi.thread_level() < MPI_THREAD_SERIALIZED) {
      error = "the dynamic schedule across ranks needs MPI_THREAD_SERIALIZED; use block or cyclic";
    } else if (auto problem = first_output_problem({{"--list", &options.list_path},
                                                     {"--trace", &options.trace_path},
                                                     {"--timeline", &options.timeline_path}},
                                                    options.force)) {
      error = *problem;
    } else if (options.workload == WorkloadKind::numbers) {
      try {
        numbers = read_numbers_file(options.numbers_path);
      } catch (const std::exception& e) {
        error = e.what();
      }
    }
  }
  error = broadcast_string(comm, error);  // rank 0 decides, every rank exits alike
  if (!error.empty()) {
    say_error(error);
    return kBadInput;
  }

  // Collective when on (it measures each rank's clock against rank 0's); free when off.
  trace::TraceRecorder tracer(comm, !options.trace_path.empty() || !options.timeline_path.empty());
  PhaseTrace phases(tracer.phases(), started);

  Job job;
  job.kernel = options.kernel;
  job.schedule = options.schedule;
  switch (options.workload) {
    case WorkloadKind::range: job.workload = RangeWorkload{options.lo, options.hi}; break;
    case WorkloadKind::check: job.workload = RandomWorkload{options.count, options.min, options.max, options.seed}; break;
    case WorkloadKind::numbers:
      broadcast_numbers(comm, numbers);
      job.workload = ListWorkload{std::move(numbers)};
      break;
  }
  // Static schedules number workers across ranks, so all ranks use rank 0's count.
  job.threads = uses_threads(options.driver) ? options.threads.value_or(default_threads(comm)) : 1;
  MPI_Bcast(&job.threads, 1, MPI_INT, 0, comm);
  const int ranks = uses_mpi(options.driver) ? mpi.size() : 1;
  job.plan = plan_tasks(job.workload, job.kernel, job.schedule,
                        static_cast<std::uint64_t>(ranks) * static_cast<std::uint64_t>(job.threads), options.tasks);
  job.keep_primes = !options.list_path.empty();
  const RunRecord record = collect_run_record(comm, mpi.thread_level());

  std::unique_ptr<ProgressLine> progress;
  if (mpi.is_root() && !options.quiet && !options.json && stderr_is_terminal()) {
    const std::uint64_t share = (job.plan.tasks + static_cast<std::uint64_t>(ranks) - 1) / static_cast<std::uint64_t>(ranks);
    progress = std::make_unique<ProgressLine>(ranks > 1 ? "primes (rank 0's share)" : "primes", share);
    job.progress = progress.get();
  }

  {
    const trace::ScopedSpan wait(tracer.mpi(), "MPI_Barrier: all ranks ready", "mpi");
    MPI_Barrier(comm);
  }
  phases.next("compute");
  PhaseSeconds seconds;
  seconds.startup = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const PhaseClock clock;
  RankOutcome outcome;
  switch (options.driver) {
    case Driver::serial: outcome = run_serial(job, clock); break;
    case Driver::threads: outcome = run_threads(job, clock); break;
    case Driver::openmp: outcome = run_openmp(job, clock); break;
    case Driver::mpi: outcome = run_mpi(job, clock, comm); break;
    case Driver::hybrid: outcome = run_hybrid(job, clock, comm); break;
  }
  phases.next("gather");
  const JobResult result = [&] {
    const trace::ScopedSpan wait(tracer.mpi(), "combine: MPI_Reduce, MPI_Gatherv", "mpi");
    return combine(outcome, comm);
  }();
  seconds.compute = clock.seconds();
  record_tasks(tracer, job, outcome, clock.origin(), uses_mpi(options.driver) && job.schedule == Schedule::dynamic);
  progress.reset();

  if (job.keep_primes) {
    phases.next("write");
    const double before = clock.seconds();
    try {
      write_prime_list(job, outcome, comm, options.list_path);
    } catch (const std::exception& e) {
      say_error(e.what());
      return kRunFailure;
    }
    seconds.list = clock.seconds() - before;
  }
  phases.finish();
  try {
    const std::string title = trace_title(options, job, ranks);
    write_trace_files(tracer, comm, options.trace_path, options.timeline_path, title,
                      {{"title", title}, {"run", to_json(record)}});
  } catch (const std::exception& e) {
    say_error(e.what());
    return kRunFailure;
  }
  if (mpi.is_root() && !options.quiet) {
    if (!options.trace_path.empty()) {
      std::fprintf(stderr, "primes: trace written to %s (open it in https://ui.perfetto.dev)\n", options.trace_path.c_str());
    }
    if (!options.timeline_path.empty()) {
      std::fprintf(stderr, "primes: timeline written to %s (open it in a browser)\n", options.timeline_path.c_str());
    }
  }

  if (mpi.is_root()) {
    const Report report{options, job, result, record, seconds, ranks};
    if (options.json) {
      std::cout << render_json(report).dump(2) << "\n";
    } else {
      std::cout << render_table(report);
    }
  }
  return 0;
}

}  // namespace
}  // namespace parakit::primes

int main(int argc, char** argv) {
  try {
    return parakit::primes::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "primes: error: %s\n", e.what());
    return 1;
  }
}
