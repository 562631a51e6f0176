#include <catch2/catch.hpp>
#include <set>

#include "drivers/lesson/lesson.hpp"
#include "drivers/lesson/processes.hpp"
#include "drivers/lesson/thread_class.hpp"

using namespace parakit::lesson;

TEST_CASE("both thread styles run every download and return the same bytes") {
  const Result result = run_thread_class(ThreadClassOptions{4, 2});
  CHECK(result.figures["function"]["bytes"] == 10000);
  CHECK(result.figures["class"]["bytes"] == 10000);
  int class_events = 0;
  for (const auto& event : result.figures["class"]["events"]) class_events += event["who"].get<std::string>().rfind("worker-", 0) == 0;
  CHECK(class_events == 8);  // each worker says starting and completing
}

TEST_CASE("child processes count the same primes as one process, and share no memory") {
  ProcessesOptions options;
  options.count = 600;
  options.processes = 1;
  const Result one = run_processes(options);
  options.processes = 3;
  const Result three = run_processes(options);
  CHECK(one.figures["primes"].get<int>() > 0);
  CHECK(three.figures["primes"] == one.figures["primes"]);
  CHECK(three.figures["parent_counter"] == 0);
  std::set<long> pids;
  for (const auto& child : three.figures["children"]) pids.insert(child["pid"].get<long>());
  CHECK(pids.size() == 3);
  CHECK(pids.count(three.figures["parent_pid"].get<long>()) == 0);
}

TEST_CASE("the catalogue names each lesson once, in teaching order") {
  std::set<std::string_view> names;
  for (const auto& entry : catalogue()) CHECK(names.insert(entry.name).second);
  for (auto name : {"race", "thread-class", "timer", "queue", "daemon", "pool", "gil", "processes"})
    CHECK(names.count(name) == 1);
}
