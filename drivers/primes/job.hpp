#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "kernels/kernel.hpp"
#include "kernels/partition.hpp"
#include "kernels/task.hpp"
#include "kernels/workload.hpp"

namespace parakit {
class PieceSpool;
class ProgressLine;
}

namespace parakit::primes {

class CheckpointWriter;

// What every rank agrees on before the compute phase starts.
struct Job {
  Workload workload;
  Kernel kernel = Kernel::miller_rabin;
  Schedule schedule = Schedule::dynamic;
  TaskPlan plan;
  int threads = 1;  // per rank
  // --list of drawn or listed numbers: every task's primes stay in memory, to
  // be sorted at the end (there are at most as many as numbers given).
  bool keep_primes = false;
  // --list of a range: each thread writes its tasks' primes, as text, to its
  // own spool (indexed by thread), so memory does not grow with the list.
  std::vector<PieceSpool>* list_spools = nullptr;
  ProgressLine* progress = nullptr;  // rank 0 on a terminal only
  // Set by a signal, the time limit or another rank: workers take no new task,
  // and the slow kernels give up the number they are on.
  const std::atomic<bool>* stop = nullptr;
  // Tasks finished by an earlier run (--checkpoint): 1 = skip it. Empty or
  // plan.tasks long.
  std::vector<std::uint8_t> restored;
  CheckpointWriter* checkpoint = nullptr;  // --checkpoint: this rank's writer

  bool stopping() const { return stop && stop->load(std::memory_order_relaxed); }
};

// One task as it ran, for timelines: seconds since the compute phase began.
struct TaskTiming {
  std::uint64_t task = 0;
  double start = 0.0;
  double end = 0.0;
  std::uint64_t found = 0;
};

// One worker's (a thread of a rank) figures: what rank 0 gathers from everyone.
struct WorkerStats {
  int rank = 0;
  int thread = 0;
  std::uint64_t tasks = 0;
  std::uint64_t checked = 0;
  std::uint64_t found = 0;
  double busy_seconds = 0.0;
  double finished_at = 0.0;  // seconds since the compute phase began
};

// Everything one worker did, kept on its own rank.
struct WorkerLog : WorkerStats {
  std::vector<TaskTiming> timeline;
  std::vector<TaskResult> kept;  // only with keep_primes
};

// What one rank brings to the final combine step.
struct RankOutcome {
  std::vector<WorkerLog> workers;
  std::vector<TaskResult> restored;  // rank 0 only: tasks an earlier run finished
};

}  // namespace parakit::primes
