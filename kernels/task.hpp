#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "kernels/kernel.hpp"
#include "kernels/partition.hpp"
#include "kernels/workload.hpp"

namespace parakit {

// What one task found. `primes` is filled only when the caller keeps them
// (for --list); counting alone needs no memory that grows with the task.
struct TaskResult {
  std::uint64_t task = 0;
  std::uint64_t checked = 0;
  std::uint64_t found = 0;
  std::vector<std::uint64_t> primes;
  bool complete = true;  // false when `stop` cut the task short: its figures are partial
};

// `stop`, when given, is polled between numbers and inside the slow kernels.
TaskResult run_task(const Workload& workload, const TaskPlan& plan, std::uint64_t task,
                    Kernel kernel, bool keep_primes, const std::atomic<bool>* stop = nullptr);

// Receives a task's primes as they are found, in the order of the workload's
// items (ascending for a range), so that a listing holds none of them.
using PrimeVisitor = std::function<void(std::uint64_t)>;

// The same, handing every prime to `visit` instead of keeping it (`primes`
// stays empty). A task cut short has visited a prefix of its primes.
TaskResult run_task(const Workload& workload, const TaskPlan& plan, std::uint64_t task,
                    Kernel kernel, const PrimeVisitor& visit, const std::atomic<bool>* stop = nullptr);

}  // namespace parakit
