// std::thread workers in one process, as the lesson's threading.Thread: they
// share memory, so the dynamic schedule is a single atomic counter.
#include <atomic>
#include <thread>

#include "drivers/primes/drivers.hpp"

namespace parakit::primes {

RankOutcome run_threads(const Job& job, const PhaseClock& clock) {
  const auto workers = static_cast<std::uint64_t>(job.threads);
  std::vector<WorkerLog> logs(workers);
  std::atomic<std::uint64_t> next_task{0};

  auto work = [&](std::uint64_t me) {
    WorkerLog& log = logs[me];
    log.thread = static_cast<int>(me);
    if (job.schedule == Schedule::dynamic) {
      for (std::uint64_t task; (task = next_task.fetch_add(1, std::memory_order_relaxed)) < job.plan.tasks;) {
        if (!run_and_log(job, task, clock, log)) break;
      }
    } else {
      for (std::uint64_t task = 0; task < job.plan.tasks; ++task) {
        if (static_owner(job.schedule, task, workers) == me && !run_and_log(job, task, clock, log)) break;
      }
    }
  };

  std::vector<std::jthread> pool;  // jthread joins on scope exit, even on exceptions
  for (std::uint64_t me = 0; me < workers; ++me) pool.emplace_back(work, me);
  pool.clear();
  return {std::move(logs), {}};
}

}  // namespace parakit::primes
