#include "drivers/primes/worker.hpp"

#include "drivers/primes/checkpoint.hpp"
#include "io/piece_spool.hpp"
#include "io/progress.hpp"

namespace parakit::primes {
namespace {

TaskResult run_into_spool(const Job& job, std::uint64_t task, PieceSpool& spool) {
  // A checkpoint that serves --list records the primes too.
  const bool for_checkpoint = job.checkpoint != nullptr;
  std::vector<std::uint64_t> primes;
  spool.begin(task);
  TaskResult result = run_task(job.workload, job.plan, task, job.kernel, [&](std::uint64_t p) {
    spool.append_line(p);
    if (for_checkpoint) primes.push_back(p);
  }, job.stop);
  if (result.complete) {
    spool.commit();
  } else {
    spool.discard();
  }
  result.primes = std::move(primes);
  return result;
}

}  // namespace

bool run_and_log(const Job& job, std::uint64_t task, const PhaseClock& clock, WorkerLog& log) {
  if (job.stopping()) return false;
  if (!job.restored.empty() && job.restored[task]) return true;
  const double start = clock.seconds();
  TaskResult result = job.list_spools ? run_into_spool(job, task, (*job.list_spools)[static_cast<std::size_t>(log.thread)])
                                      : run_task(job.workload, job.plan, task, job.kernel, job.keep_primes, job.stop);
  const double end = clock.seconds();
  if (!result.complete) return false;

  ++log.tasks;
  log.checked += result.checked;
  log.found += result.found;
  log.busy_seconds += end - start;
  log.finished_at = end;
  log.timeline.push_back({task, start, end, result.found});
  if (job.checkpoint) job.checkpoint->add(result);
  if (job.keep_primes) log.kept.push_back(std::move(result));
  if (job.progress) job.progress->advance();
  return true;
}

}  // namespace parakit::primes
