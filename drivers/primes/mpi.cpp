// MPI ranks, one worker each: the lesson's multiprocessing, across nodes.
// Static schedules need no communication at all: every rank computes which
// tasks are its own. The dynamic one asks rank 0's task counter for the next
// task whenever it is free (rank 0 computes too: a thread answers for it).
#include "drivers/primes/drivers.hpp"
#include "io/mpi/task_counter.hpp"

namespace parakit::primes {

RankOutcome run_mpi(const Job& job, const PhaseClock& clock, MPI_Comm comm) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  WorkerLog log;
  log.rank = rank;

  if (job.schedule == Schedule::dynamic) {
    SharedTaskCounter counter(comm, job.stop);
    for (std::uint64_t task; (task = counter.fetch_add()) < job.plan.tasks;) {
      if (!run_and_log(job, task, clock, log)) break;
    }
  } else {
    const auto workers = static_cast<std::uint64_t>(size);
    for (std::uint64_t task = 0; task < job.plan.tasks; ++task) {
      if (static_owner(job.schedule, task, workers) == static_cast<std::uint64_t>(rank) &&
          !run_and_log(job, task, clock, log)) {
        break;
      }
    }
  }
  return {{std::move(log)}, {}};
}

}  // namespace parakit::primes
