#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include "kernels/concurrency/bounded_queue.hpp"

using parakit::BoundedQueue;

TEST_CASE("a bounded queue is first in, first out") {
  BoundedQueue<int> queue(3);
  queue.put(1);
  queue.put(2);
  queue.put(3);
  CHECK(*queue.get() == 1);
  CHECK(*queue.get() == 2);
  CHECK(*queue.get() == 3);
}

TEST_CASE("close lets consumers drain what is queued, then tells them to stop") {
  BoundedQueue<int> queue(2);
  queue.put(7);
  queue.close();
  CHECK(queue.get() == std::optional<int>(7));
  CHECK_FALSE(queue.get().has_value());
  CHECK_FALSE(queue.put(8));  // putting after close is refused, not lost silently
}

TEST_CASE("put blocks while the queue is full, until a get makes room") {
  BoundedQueue<int> queue(1);
  queue.put(1);
  std::atomic<bool> second_put_done{false};
  bool waited = false;
  std::jthread producer([&] {
    queue.put(2, &waited);
    second_put_done = true;
  });
  // The producer cannot finish while the queue holds one item; give it time to try.
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  CHECK_FALSE(second_put_done.load());
  CHECK(*queue.get() == 1);
  producer.join();
  CHECK(second_put_done.load());
  CHECK(waited);
  CHECK(*queue.get() == 2);
  CHECK(queue.high_water() == 1);
}

TEST_CASE("close wakes consumers blocked on an empty queue") {
  BoundedQueue<int> queue(1);
  std::optional<int> got = 42;
  std::jthread consumer([&] { got = queue.get(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  queue.close();
  consumer.join();
  CHECK_FALSE(got.has_value());
}

TEST_CASE("many producers and consumers: every item once, each producer's items in order") {
  constexpr int kProducers = 4, kConsumers = 3, kItems = 2000;
  BoundedQueue<std::pair<int, int>> queue(5);
  std::vector<std::vector<std::pair<int, int>>> received(kConsumers);
  {
    std::vector<std::jthread> consumers;
    for (int c = 0; c < kConsumers; ++c)
      consumers.emplace_back([&, c] {
        while (auto item = queue.get()) received[c].push_back(*item);
      });
    {
      std::vector<std::jthread> producers;
      for (int p = 0; p < kProducers; ++p)
        producers.emplace_back([&, p] {
          for (int i = 0; i < kItems; ++i) queue.put({p, i});
        });
    }
    queue.close();
  }
  std::set<std::pair<int, int>> all;
  std::size_t total = 0;
  for (const auto& items : received) {
    std::map<int, int> last_seen;
    for (const auto& [p, i] : items) {
      if (last_seen.count(p)) CHECK(i > last_seen[p]);
      last_seen[p] = i;
      all.insert({p, i});
    }
    total += items.size();
  }
  CHECK(total == std::size_t{kProducers * kItems});
  CHECK(all.size() == std::size_t{kProducers * kItems});
  CHECK(queue.high_water() <= 5);
}

TEST_CASE("a queue of capacity zero is refused") { CHECK_THROWS_AS(BoundedQueue<int>(0), std::invalid_argument); }
