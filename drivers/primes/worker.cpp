#include "drivers/primes/worker.hpp"

#include "io/progress.hpp"

namespace parakit::primes {

void run_and_log(const Job& job, std::uint64_t task, const PhaseClock& clock, WorkerLog& log) {
  const double start = clock.seconds();
  TaskResult result = run_task(job.workload, job.plan, task, job.kernel, job.keep_primes);
  const double end = clock.seconds();

  ++log.tasks;
  log.checked += result.checked;
  log.found += result.found;
  log.busy_seconds += end - start;
  log.finished_at = end;
  log.timeline.push_back({task, start, end, result.found});
  if (job.keep_primes) log.kept.push_back(std::move(result));
  if (job.progress) job.progress->advance();
}

}  // namespace parakit::primes
