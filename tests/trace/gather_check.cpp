// An MPI program that exercises the trace library alone, without any driver:
// every rank runs two worker threads that record sleeping "tasks", then rank 0
// writes the Chrome trace and the SVG, and checks the clock offsets.
// Usage: mpirun -np R trace_gather_check TRACE.json TIMELINE.svg
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>
#include <vector>

#include "io/mpi/session.hpp"
#include "io/trace/analysis.hpp"
#include "io/trace/chrome_trace.hpp"
#include "io/trace/recorder.hpp"
#include "io/trace/svg_timeline.hpp"

namespace {

constexpr int kThreads = 2;
constexpr int kTasksPerThread = 4;

int run(int argc, char** argv) {
  parakit::MpiSession mpi(argc, argv);
  if (argc != 3) {
    if (mpi.is_root()) std::fprintf(stderr, "usage: trace_gather_check TRACE.json TIMELINE.svg\n");
    return 2;
  }
  using namespace parakit::trace;
  // Measure even between ranks of one kernel, to check the method itself.
  TraceRecorder recorder(mpi.comm(), true, ClockPolicy::always_measure);
  {
    ScopedSpan setup(recorder.phases(), "set-up", "phase");
    ScopedSpan wait(recorder.mpi(), "MPI_Barrier", "mpi");
    MPI_Barrier(mpi.comm());
  }
  {
    ScopedSpan compute(recorder.phases(), "compute", "phase");
    std::vector<std::jthread> pool;
    for (int t = 0; t < kThreads; ++t) {
      TrackBuffer& buffer = recorder.worker(t);  // before the hot loop: the only locked call
      pool.emplace_back([&buffer, t, rank = mpi.rank()] {
        for (int task = 0; task < kTasksPerThread; ++task) {
          const auto start = std::chrono::steady_clock::now();
          std::this_thread::sleep_for(std::chrono::milliseconds(2 + rank + t));
          buffer.span("task " + std::to_string(task), "task", start, std::chrono::steady_clock::now(),
                      {{"task", task}, {"bytes", 1000}});
        }
      });
    }
  }
  {
    ScopedSpan gather(recorder.phases(), "gather", "phase");
    ScopedSpan wait(recorder.mpi(), "MPI_Barrier", "mpi");
    MPI_Barrier(mpi.comm());
  }
  JobTrace job = recorder.gather(mpi.comm(), "trace_gather_check");
  if (!mpi.is_root()) return 0;

  int failures = 0;
  if (static_cast<int>(job.ranks.size()) != mpi.size()) {
    std::printf("gathered %zu ranks, expected %d\n", job.ranks.size(), mpi.size());
    ++failures;
  }
  // Ranks on one host read the same CLOCK_MONOTONIC, so the true offset is 0 and
  // Cristian's bound must cover the estimate.
  for (const RankTrace& rank : job.ranks) {
    for (const ClockOffset& c : {rank.clock_at_start, rank.clock_at_end}) {
      std::printf("rank %d on %s: offset %+.3f us, error bound %.3f us\n", rank.rank, rank.host.c_str(),
                  c.seconds * 1e6, c.error_bound * 1e6);
      if (rank.host == job.ranks.front().host && std::abs(c.seconds) > c.error_bound + 1e-9) {
        std::printf("rank %d: offset outside its own error bound on a shared clock\n", rank.rank);
        ++failures;
      }
    }
  }
  add_countdown_counter(job, "task", "tasks left");
  add_rate_counter(job, "task", "bytes", "bytes/s", 10);
  write_chrome_trace(job, argv[1]);
  TimelineOptions look;
  look.title = "trace_gather_check: 2 threads per rank, sleeping tasks";
  look.width_px = 900;
  write_timeline_svg(job, argv[2], look);
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "trace_gather_check: %s\n", e.what());
    return 1;
  }
}
