#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "drivers/lesson/queue.hpp"

using namespace parakit::lesson;

TEST_CASE("the queue lesson delivers every item exactly once, in order per producer") {
  QueueOptions options;
  options.producers = GENERATE(1, 3);
  options.consumers = GENERATE(1, 2, 4);
  options.items = 6;
  options.capacity = 2;
  options.produce_ms = 1;
  options.consume_ms = 2;
  const Result result = run_queue(options);
  const int expected = options.producers * options.items;
  CHECK(result.figures["delivered"] == expected);

  std::set<std::pair<int, int>> seen;
  for (const auto& consumer : result.figures["received"]) {
    std::map<int, int> last;
    for (const auto& item : consumer) {
      const int p = item["producer"], s = item["seq"];
      if (last.count(p)) CHECK(s > last[p]);
      last[p] = s;
      CHECK(seen.insert({p, s}).second);  // never twice
    }
  }
  CHECK(static_cast<int>(seen.size()) == expected);
  CHECK(result.figures["high_water"].get<int>() <= options.capacity);
}

TEST_CASE("a full queue makes fast producers wait") {
  QueueOptions options;
  options.producers = 2;
  options.consumers = 1;
  options.items = 5;
  options.capacity = 1;
  options.produce_ms = 0;
  options.consume_ms = 5;
  const Result result = run_queue(options);
  CHECK(result.figures["full_waits"].get<int>() > 0);
  CHECK(result.figures["high_water"] == 1);
}
