#include "kernels/partition.hpp"

#include <algorithm>

#include "kernels/sieve.hpp"

namespace parakit {

std::string_view schedule_name(Schedule schedule) {
  switch (schedule) {
    case Schedule::block: return "block";
    case Schedule::cyclic: return "cyclic";
    case Schedule::dynamic: return "dynamic";
  }
  return "?";
}

std::optional<Schedule> parse_schedule(std::string_view name) {
  for (Schedule s : {Schedule::block, Schedule::cyclic, Schedule::dynamic}) {
    if (schedule_name(s) == name) return s;
  }
  return std::nullopt;
}

TaskPlan plan_tasks(const Workload& workload, Kernel kernel, Schedule schedule,
                    std::uint64_t workers, std::uint64_t requested_tasks) {
  const u128 items = item_count(workload);
  if (items == 0) return {0, 0};
  workers = std::max<std::uint64_t>(workers, 1);

  u128 tasks = requested_tasks;
  if (tasks == 0) tasks = schedule == Schedule::block ? workers : u128{workers} * kDefaultTasksPerWorker;
  if (schedule == Schedule::block) tasks = std::min<u128>(tasks, workers);
  if (kernel == Kernel::sieve && is_range(workload)) {
    const u128 width = sieve_min_task_width(std::get<RangeWorkload>(workload).hi);
    tasks = std::min<u128>(tasks, (items + width - 1) / width);
  }
  tasks = std::clamp<u128>(tasks, 1, items);
  return {items, static_cast<std::uint64_t>(tasks)};
}

TaskSpan task_span(const TaskPlan& plan, std::uint64_t task) {
  if (task >= plan.tasks) return {};
  const u128 begin = plan.items * task / plan.tasks;
  const u128 end = plan.items * (u128{task} + 1) / plan.tasks;
  if (begin == end) return {};
  return {static_cast<std::uint64_t>(begin), static_cast<std::uint64_t>(end - 1), false};
}

std::uint64_t static_owner(Schedule schedule, std::uint64_t task, std::uint64_t workers) {
  return schedule == Schedule::block ? task : task % workers;
}

}  // namespace parakit
