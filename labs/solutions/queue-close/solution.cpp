// Lab 4 exercise, solution (for instructors). With one sentinel and three
// consumers, one consumer takes the sentinel and leaves; the other two wait
// forever on an empty queue, and join() waits forever for them. close() wakes
// every waiting consumer, and get() reports "closed and drained" to each one.
#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <thread>
#include <vector>
#include <mutex>

#include "kernels/concurrency/bounded_queue.hpp"

namespace {

constexpr int kItems = 12;
constexpr int kConsumers = 3;

}  // namespace

int main() {
  parakit::BoundedQueue<std::string> queue(5);
  std::vector<int> consumed_by(kConsumers, 0);
  std::mutex seen_mutex;
  std::multiset<std::string> seen;  // to prove nothing arrives twice

  std::thread producer([&] {
    for (int i = 1; i <= kItems; ++i) {
      queue.put("item " + std::to_string(i));
      std::printf("produced item %d\n", i);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  std::vector<std::thread> consumers;
  for (int c = 0; c < kConsumers; ++c)
    consumers.emplace_back([&, c] {
      while (std::optional<std::string> item = queue.get()) {
        std::printf("consumer %d got %s\n", c, item->c_str());
        ++consumed_by[c];
        {
          std::lock_guard lock(seen_mutex);
          seen.insert(*item);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });

  producer.join();
  queue.close();  // instead of a sentinel: every consumer learns the end
  for (auto& consumer : consumers) consumer.join();

  int delivered = 0;
  for (int n : consumed_by) delivered += n;
  std::set<std::string> distinct(seen.begin(), seen.end());
  std::printf("delivered %d of %d, by %d consumers, %zu distinct\n", delivered, kItems, kConsumers, distinct.size());
}
