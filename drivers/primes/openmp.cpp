// OpenMP parallel for: the three schedules are OpenMP's own schedule clauses.
//   block   -> schedule(static)     one contiguous run of tasks per thread
//   cyclic  -> schedule(static, 1)  tasks dealt round-robin
//   dynamic -> schedule(dynamic, 1) each free thread takes the next task
#include <omp.h>

#include "drivers/primes/drivers.hpp"

namespace parakit::primes {

RankOutcome run_openmp(const Job& job, const PhaseClock& clock) {
  std::vector<WorkerLog> logs(static_cast<std::size_t>(job.threads));
  const auto tasks = static_cast<long long>(job.plan.tasks);

#pragma omp parallel num_threads(job.threads)
  {
    WorkerLog& log = logs[static_cast<std::size_t>(omp_get_thread_num())];
    log.thread = omp_get_thread_num();
    switch (job.schedule) {
      case Schedule::block:
#pragma omp for schedule(static) nowait
        for (long long task = 0; task < tasks; ++task) run_and_log(job, static_cast<std::uint64_t>(task), clock, log);
        break;
      case Schedule::cyclic:
#pragma omp for schedule(static, 1) nowait
        for (long long task = 0; task < tasks; ++task) run_and_log(job, static_cast<std::uint64_t>(task), clock, log);
        break;
      case Schedule::dynamic:
#pragma omp for schedule(dynamic, 1) nowait
        for (long long task = 0; task < tasks; ++task) run_and_log(job, static_cast<std::uint64_t>(task), clock, log);
        break;
    }
  }
  return {std::move(logs), {}};
}

}  // namespace parakit::primes
