// primes: count or test primes under one of five execution models.
// Every rank runs this file from top to bottom; rank 0 alone talks to the user.
#include <sys/resource.h>

#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <memory>

#include "drivers/primes/checkpoint.hpp"
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
#include "io/piece_spool.hpp"
#include "io/progress.hpp"
#include "io/run_stop.hpp"
#include "io/version_text.hpp"

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

// rank 0 reads --checkpoint and decides; every rank learns the task count and
// which tasks to skip. Returns the error every rank reports, if any.
std::string apply_checkpoint(const Options& options, Job& job, RankOutcome& outcome, MPI_Comm comm, int rank) {
  std::string error;
  std::string skip;  // one byte per task, '1' for a restored task
  std::uint64_t tasks = job.plan.tasks;
  if (rank == 0) {
    try {
      if (const auto data = load_checkpoint(options.checkpoint_path)) {
        Resume resume = resume_from(*data, options.checkpoint_path, workload_identity(job.workload), job.plan.tasks,
                                    job.schedule == Schedule::block, options.tasks != 0, !options.list_path.empty());
        error = resume.error;
        tasks = resume.tasks;
        if (!resume.note.empty() && !options.quiet) std::fprintf(stderr, "primes: %s\n", resume.note.c_str());
        skip.assign(tasks, '0');
        for (const TaskResult& t : resume.restored) skip[t.task] = '1';
        outcome.restored = std::move(resume.restored);
      }
    } catch (const std::exception& e) {
      error = e.what();
    }
  }
  error = broadcast_string(comm, error);
  if (!error.empty()) return error;
  MPI_Bcast(&tasks, 1, MPI_UINT64_T, 0, comm);
  job.plan.tasks = tasks;
  skip = broadcast_string(comm, skip);
  if (!skip.empty()) {
    job.restored.resize(skip.size());
    for (std::size_t i = 0; i < skip.size(); ++i) job.restored[i] = skip[i] == '1';
  }
  return {};
}

// The largest peak resident memory of any rank, in KiB, on rank 0.
std::uint64_t peak_rss_kib(MPI_Comm comm) {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto mine = static_cast<std::uint64_t>(usage.ru_maxrss);  // KiB on Linux
  std::uint64_t largest = mine;
  MPI_Reduce(&mine, &largest, 1, MPI_UINT64_T, MPI_MAX, 0, comm);
  return largest;
}

// One spool per thread, in the folder of --list (where its bytes must fit
// anyway). Every rank learns whether any rank could not make one.
std::string make_list_spools(const std::string& list_path, int threads, std::vector<PieceSpool>& spools, MPI_Comm comm) {
  std::string problem;
  try {
    const std::filesystem::path folder = std::filesystem::absolute(list_path).parent_path();
    for (int t = 0; t < threads; ++t) spools.emplace_back(folder);
  } catch (const std::exception& e) {
    problem = fmt::format("--list: {}", e.what());
  }
  if (any_rank(comm, !problem.empty()) && problem.empty()) problem = "--list: another rank cannot make its scratch files";
  return problem;
}

// Every rank's last save, then rank 0 folds the ranks' shards into FILE.
void save_final_checkpoint(CheckpointWriter& writer, const std::string& path, MPI_Comm comm, int rank) {
  std::string error;
  try {
    writer.save();
  } catch (const std::exception& e) {
    error = e.what();
  }
  int failed = error.empty() ? 0 : 1;
  MPI_Allreduce(MPI_IN_PLACE, &failed, 1, MPI_INT, MPI_MAX, comm);
  if (failed) throw std::runtime_error(error.empty() ? "--checkpoint: another rank could not save its part" : error);
  if (rank != 0) return;
  const std::vector<std::string> shards = checkpoint_shards(path);
  if (shards.empty()) return;
  save_checkpoint(path, *load_checkpoint(path));
  for (const std::string& shard : shards) std::remove(shard.c_str());
}

// The one line a stopped run leaves: why, and what it finished.
std::string stop_summary(int code, const Options& options, const Job& job, const JobResult& result,
                         std::uint64_t finished_tasks) {
  const std::string why = stop_description(code, options.time_limit);
  std::string kept = options.checkpoint_path.empty()
                         ? "no --checkpoint, so a rerun starts over"
                         : fmt::format("saved in {}; the same command resumes", options.checkpoint_path);
  return fmt::format("primes: {}: {} of {} tasks finished ({} primes in {} numbers); {}{}", why, finished_tasks,
                     job.plan.tasks, result.count, result.checked, kept,
                     options.list_path.empty() ? "" : fmt::format("; {} not written", options.list_path));
}

int run(int argc, char** argv) {
  // Before MPI starts: --version needs no launcher and pays no start-up.
  if (wants_version(argc, argv)) {
    std::cout << version_report();
    return 0;
  }
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
  // From here on SIGINT, SIGTERM and --time-limit stop the work cooperatively.
  RunStop stop(mpi.size() > 1 ? fmt::format("primes rank {}", mpi.rank()) : "primes", options.time_limit, kStopGrace);

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
    } else if (std::string folder = std::filesystem::path(options.checkpoint_path).parent_path().string();
               !folder.empty() && !std::filesystem::is_directory(folder)) {
      error = fmt::format("--checkpoint file '{}': folder '{}' does not exist", options.checkpoint_path, folder);
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
  // A range's primes come in file order task by task, so they can stream;
  // drawn or listed numbers must be sorted at the end.
  const bool stream_list = !options.list_path.empty() && is_range(job.workload);
  job.keep_primes = !options.list_path.empty() && !stream_list;
  std::vector<PieceSpool> list_spools;
  if (stream_list) {
    if (std::string problem = make_list_spools(options.list_path, job.threads, list_spools, comm); !problem.empty()) {
      say_error(problem);
      return kRunFailure;
    }
    job.list_spools = &list_spools;
  }
  job.stop = &stop.flag();
  RankOutcome outcome;
  std::unique_ptr<CheckpointWriter> checkpoint;
  if (!options.checkpoint_path.empty()) {
    if (std::string problem = apply_checkpoint(options, job, outcome, comm, mpi.rank()); !problem.empty()) {
      say_error(problem);
      return kBadInput;
    }
    CheckpointData start{workload_identity(job.workload), job.plan.tasks, !options.list_path.empty(), {}};
    for (const TaskResult& t : outcome.restored) start.finished[t.task] = t;
    checkpoint = std::make_unique<CheckpointWriter>(options.checkpoint_path, mpi.rank(), std::move(start),
                                                    std::chrono::seconds(5));
    job.checkpoint = checkpoint.get();
  }
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
  switch (options.driver) {
    case Driver::serial: outcome.workers = run_serial(job, clock).workers; break;
    case Driver::threads: outcome.workers = run_threads(job, clock).workers; break;
    case Driver::openmp: outcome.workers = run_openmp(job, clock).workers; break;
    case Driver::mpi: outcome.workers = run_mpi(job, clock, comm).workers; break;
    case Driver::hybrid: outcome.workers = run_hybrid(job, clock, comm).workers; break;
  }
  // Every rank ends alike: the worst stop any rank saw (124 < 130 < 143).
  int stop_code = stop.exit_code();
  MPI_Allreduce(MPI_IN_PLACE, &stop_code, 1, MPI_INT, MPI_MAX, comm);
  phases.next("gather");
  const JobResult result = [&] {
    const trace::ScopedSpan wait(tracer.mpi(), "combine: MPI_Reduce, MPI_Gatherv", "mpi");
    return combine(outcome, comm);
  }();
  seconds.compute = clock.seconds();
  record_tasks(tracer, job, outcome, clock.origin(), uses_mpi(options.driver) && job.schedule == Schedule::dynamic);
  progress.reset();
  if (checkpoint) {
    // Rank 0 alone merges the shards, so it alone may fail: all ranks agree.
    bool failed = false;
    try {
      save_final_checkpoint(*checkpoint, options.checkpoint_path, comm, mpi.rank());
    } catch (const std::exception& e) {
      say_error(e.what());
      failed = true;
    }
    if (any_rank(comm, failed) && stop_code == 0) return kRunFailure;
  }
  if (stop_code != 0) {
    // Nothing goes under a final name: a partial --list would pass for a whole one.
    std::uint64_t finished = outcome.restored.size();
    for (const WorkerLog& w : outcome.workers) finished += w.tasks;
    MPI_Allreduce(MPI_IN_PLACE, &finished, 1, MPI_UINT64_T, MPI_SUM, comm);
    if (mpi.is_root()) std::fprintf(stderr, "%s\n", stop_summary(stop_code, options, job, result, finished).c_str());
    stop.finish();
    return stop_code;
  }

  if (!options.list_path.empty()) {
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
  const std::uint64_t peak_memory = peak_rss_kib(comm);
  bool trace_failed = false;  // rank 0 writes the trace files alone
  try {
    const std::string title = trace_title(options, job, ranks);
    write_trace_files(tracer, comm, options.trace_path, options.timeline_path, title,
                      {{"title", title}, {"run", to_json(record)}});
  } catch (const std::exception& e) {
    say_error(e.what());
    trace_failed = true;
  }
  if (any_rank(comm, trace_failed)) return kRunFailure;
  if (mpi.is_root() && !options.quiet) {
    if (!options.trace_path.empty()) {
      std::fprintf(stderr, "primes: trace written to %s (open it in https://ui.perfetto.dev)\n", options.trace_path.c_str());
    }
    if (!options.timeline_path.empty()) {
      std::fprintf(stderr, "primes: timeline written to %s (open it in a browser)\n", options.timeline_path.c_str());
    }
  }

  if (mpi.is_root()) {
    const Report report{options, job, result, record, seconds, ranks, outcome.restored.size(), peak_memory};
    if (options.json) {
      std::cout << render_json(report).dump(2) << "\n";
    } else {
      std::cout << render_table(report);
    }
  }
  stop.finish();
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
