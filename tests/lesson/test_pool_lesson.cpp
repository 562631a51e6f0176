#include <catch2/catch.hpp>
#include <set>

#include "drivers/lesson/pool.hpp"

using namespace parakit::lesson;

TEST_CASE("the pool lesson returns every result and carries the failing task's exception") {
  PoolOptions options;
  options.workers = 3;
  options.tasks = 7;
  options.latency_ms = 2;
  options.fail_task = 4;
  const Result result = run_pool(options);
  CHECK(result.figures["succeeded"] == 6);
  CHECK(result.figures["failed"] == 1);
  std::set<int> tasks;
  for (const auto& r : result.figures["results"]) {
    tasks.insert(r["task"].get<int>());
    if (r["task"] == 4) {
      CHECK(r["ok"] == false);
      CHECK(r["error"].get<std::string>().find("404") != std::string::npos);
    } else {
      CHECK(r["ok"] == true);
      CHECK(r["bytes"] == 1000 * (r["task"].get<int>() + 1));
    }
  }
  CHECK(tasks.size() == 7);
  CHECK(result.figures["completion_order"].size() == 7);
}

TEST_CASE("with one worker, tasks complete in submission order") {
  PoolOptions options;
  options.workers = 1;
  options.tasks = 5;
  options.latency_ms = 1;
  options.fail_task = -1;
  const Result result = run_pool(options);
  CHECK(result.figures["completion_order"] == nlohmann::json({0, 1, 2, 3, 4}));
  CHECK(result.figures["failed"] == 0);
}
