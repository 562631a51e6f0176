#pragma once

#include <chrono>

#include "drivers/primes/job.hpp"

namespace parakit::primes {

// The clock every worker of a rank measures against: started right after the
// barrier that opens the compute phase.
class PhaseClock {
 public:
  PhaseClock() : origin_(std::chrono::steady_clock::now()) {}
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - origin_).count();
  }
  std::chrono::steady_clock::time_point origin() const { return origin_; }

 private:
  std::chrono::steady_clock::time_point origin_;
};

// Runs one task and books it to the worker: the single place where every driver
// touches the kernel, so all of them count, time and keep results identically.
// A task restored from a checkpoint is skipped, and one cut short by a stop is
// dropped (it will be redone by the next run); returns false once the job is
// stopping, so loops know to take no further task.
bool run_and_log(const Job& job, std::uint64_t task, const PhaseClock& clock, WorkerLog& log);

}  // namespace parakit::primes
