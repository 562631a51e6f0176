#include "kernels/task.hpp"

#include "kernels/sieve.hpp"

#include <utility>

namespace parakit {

TaskResult run_task(const Workload& workload, const TaskPlan& plan, std::uint64_t task,
                    Kernel kernel, const PrimeVisitor& visit, const std::atomic<bool>* stop) {
  TaskResult result;
  result.task = task;
  const TaskSpan span = task_span(plan, task);
  if (span.empty) return result;
  result.checked = span.last - span.first + 1;

  if (kernel == Kernel::sieve) {
    // plan_tasks only pairs the sieve with ranges.
    const auto& range = std::get<RangeWorkload>(workload);
    const std::uint64_t lo = range.lo + span.first;
    const std::uint64_t hi = range.lo + span.last;
    static const std::atomic<bool> never_stopped{false};
    const std::atomic<bool>& sieve_stop = stop != nullptr ? *stop : never_stopped;
    if (visit) {
      result.complete = sieve_for_each(lo, hi, [&](std::uint64_t p) {
        ++result.found;
        visit(p);
      }, sieve_stop);
    } else {
      const std::optional<std::uint64_t> found = sieve_count(lo, hi, sieve_stop);
      result.complete = found.has_value();
      result.found = found.value_or(0);
    }
    return result;
  }

  for (std::uint64_t i = span.first;; ++i) {
    const std::uint64_t n = item_value(workload, i);
    const std::optional<bool> prime = stop ? is_prime(kernel, n, *stop) : std::optional<bool>(is_prime(kernel, n));
    if (!prime || (stop && stop->load(std::memory_order_relaxed))) {
      result.complete = false;
      return result;
    }
    if (*prime) {
      ++result.found;
      if (visit) visit(n);
    }
    if (i == span.last) break;  // the span may end at 2^64 - 1
  }
  return result;
}

TaskResult run_task(const Workload& workload, const TaskPlan& plan, std::uint64_t task,
                    Kernel kernel, bool keep_primes, const std::atomic<bool>* stop) {
  if (!keep_primes) return run_task(workload, plan, task, kernel, PrimeVisitor{}, stop);
  std::vector<std::uint64_t> primes;
  TaskResult result = run_task(workload, plan, task, kernel, [&](std::uint64_t p) { primes.push_back(p); }, stop);
  result.primes = std::move(primes);
  return result;
}

}  // namespace parakit
