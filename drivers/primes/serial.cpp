// Single core: one worker runs every task in order. The baseline every other
// driver is measured against, and the one whose results they must reproduce.
#include "drivers/primes/drivers.hpp"

namespace parakit::primes {

RankOutcome run_serial(const Job& job, const PhaseClock& clock) {
  WorkerLog log;
  for (std::uint64_t task = 0; task < job.plan.tasks && run_and_log(job, task, clock, log); ++task) {
  }
  return {{std::move(log)}, {}};
}

}  // namespace parakit::primes
