// MPI ranks x OpenMP threads. Workers are numbered rank * threads + thread, so
// the static schedules split the job over all of them at once. Under dynamic,
// every thread of every rank takes its next task from the one counter on rank 0;
// the counter serialises its own MPI calls, which MPI_THREAD_SERIALIZED (or
// better) permits.
#include <omp.h>

#include "drivers/primes/drivers.hpp"
#include "io/mpi/task_counter.hpp"

namespace parakit::primes {

RankOutcome run_hybrid(const Job& job, const PhaseClock& clock, MPI_Comm comm) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  const auto threads = static_cast<std::uint64_t>(job.threads);
  const std::uint64_t workers = static_cast<std::uint64_t>(size) * threads;
  std::vector<WorkerLog> logs(threads);

  std::optional<SharedTaskCounter> counter;
  if (job.schedule == Schedule::dynamic) counter.emplace(comm, job.stop);

#pragma omp parallel num_threads(job.threads)
  {
    const auto thread = static_cast<std::uint64_t>(omp_get_thread_num());
    WorkerLog& log = logs[thread];
    log.rank = rank;
    log.thread = static_cast<int>(thread);
    if (counter) {
      while (true) {
        const std::uint64_t task = counter->fetch_add();
        if (task >= job.plan.tasks || !run_and_log(job, task, clock, log)) break;
      }
    } else {
      const std::uint64_t me = static_cast<std::uint64_t>(rank) * threads + thread;
      for (std::uint64_t task = 0; task < job.plan.tasks; ++task) {
        if (static_owner(job.schedule, task, workers) == me && !run_and_log(job, task, clock, log)) break;
      }
    }
  }
  return {std::move(logs), {}};
}

}  // namespace parakit::primes
