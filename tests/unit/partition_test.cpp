#include <catch2/catch.hpp>

#include <set>

#include "kernels/partition.hpp"

using namespace parakit;

namespace {

// Every item belongs to exactly one task and tasks come in order.
void require_exact_cover(const TaskPlan& plan) {
  u128 expected_first = 0;
  for (std::uint64_t t = 0; t < plan.tasks; ++t) {
    const TaskSpan span = task_span(plan, t);
    REQUIRE_FALSE(span.empty);
    REQUIRE(span.first == static_cast<std::uint64_t>(expected_first));
    expected_first = u128{span.last} + 1;
  }
  REQUIRE(expected_first == plan.items);
}

}  // namespace

TEST_CASE("block gives one contiguous task per worker", "[partition]") {
  const Workload work = RandomWorkload{3000, 100, 10000, 1};
  const TaskPlan plan = plan_tasks(work, Kernel::naive, Schedule::block, 3, 0);
  REQUIRE(plan.tasks == 3);
  require_exact_cover(plan);
  REQUIRE(task_span(plan, 0).last == 999);
  REQUIRE(task_span(plan, 2).first == 2000);
  for (std::uint64_t t = 0; t < 3; ++t) REQUIRE(static_owner(Schedule::block, t, 3) == t);
}

TEST_CASE("cyclic and dynamic cut 16 tasks per worker unless told otherwise", "[partition]") {
  const Workload work = RangeWorkload{0, 1'000'000};
  const TaskPlan cyclic = plan_tasks(work, Kernel::trial, Schedule::cyclic, 4, 0);
  REQUIRE(cyclic.tasks == 64);
  require_exact_cover(cyclic);
  REQUIRE(static_owner(Schedule::cyclic, 9, 4) == 1);
  const TaskPlan chosen = plan_tasks(work, Kernel::trial, Schedule::dynamic, 4, 1000);
  REQUIRE(chosen.tasks == 1000);
  require_exact_cover(chosen);
}

TEST_CASE("a workload smaller than the worker count leaves workers idle, not tasks empty", "[partition]") {
  const Workload work = RangeWorkload{10, 12};
  const TaskPlan plan = plan_tasks(work, Kernel::trial, Schedule::block, 8, 0);
  REQUIRE(plan.tasks == 3);
  require_exact_cover(plan);
}

TEST_CASE("the sieve gets no tasks narrower than it can sieve well", "[partition]") {
  const Workload work = RangeWorkload{0, 1'000'000};
  const TaskPlan plan = plan_tasks(work, Kernel::sieve, Schedule::dynamic, 4, 0);
  REQUIRE(plan.tasks == 1);
  require_exact_cover(plan);
}

TEST_CASE("the full 64-bit range splits exactly", "[partition]") {
  const Workload work = RangeWorkload{0, ~std::uint64_t{0}};
  REQUIRE(item_count(work) == (u128{1} << 64));
  const TaskPlan plan = plan_tasks(work, Kernel::miller_rabin, Schedule::cyclic, 3, 0);
  REQUIRE(plan.tasks == 48);
  require_exact_cover(plan);
  REQUIRE(task_span(plan, plan.tasks - 1).last == ~std::uint64_t{0});
}

TEST_CASE("an empty workload has no tasks", "[partition]") {
  const TaskPlan plan = plan_tasks(ListWorkload{}, Kernel::trial, Schedule::dynamic, 2, 0);
  REQUIRE(plan.tasks == 0);
  REQUIRE(task_span(plan, 0).empty);
}

TEST_CASE("schedule names round-trip", "[partition]") {
  for (Schedule s : {Schedule::block, Schedule::cyclic, Schedule::dynamic}) REQUIRE(parse_schedule(schedule_name(s)) == s);
  REQUIRE_FALSE(parse_schedule("guided").has_value());
}
