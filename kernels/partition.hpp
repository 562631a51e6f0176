#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "kernels/int128.hpp"
#include "kernels/kernel.hpp"
#include "kernels/workload.hpp"

namespace parakit {

// How tasks are handed to workers.
//   block   : one contiguous task per worker (the lesson's num_arr[:1001] split).
//   cyclic  : many small tasks dealt round-robin, decided before the run.
//   dynamic : many small tasks, each taken by whichever worker is free next.
enum class Schedule { block, cyclic, dynamic };

std::string_view schedule_name(Schedule schedule);
std::optional<Schedule> parse_schedule(std::string_view name);

// A workload cut into `tasks` contiguous, nearly equal runs of items, in order.
struct TaskPlan {
  u128 items = 0;
  std::uint64_t tasks = 0;
};

// Items [first, first + count) of the workload; count fits 64 bits except for a
// single task over a full 64-bit range, which is why `last` is given instead.
struct TaskSpan {
  std::uint64_t first = 0;
  std::uint64_t last = 0;  // inclusive
  bool empty = true;
};

// Tasks per worker under cyclic and dynamic when the user does not choose:
// enough that the last task to finish is a small part of the run.
inline constexpr std::uint64_t kDefaultTasksPerWorker = 16;

// requested_tasks == 0 means "choose". The sieve never gets tasks narrower than
// it can sieve efficiently.
TaskPlan plan_tasks(const Workload& workload, Kernel kernel, Schedule schedule,
                    std::uint64_t workers, std::uint64_t requested_tasks);

TaskSpan task_span(const TaskPlan& plan, std::uint64_t task);

// Under the static schedules, the worker that owns a task; workers are numbered
// rank * threads + thread, so ranks and threads share one split.
std::uint64_t static_owner(Schedule schedule, std::uint64_t task, std::uint64_t workers);

}  // namespace parakit
