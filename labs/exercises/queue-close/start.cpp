// Lab 4 exercise, starting version: the lesson's producer and consumer, with a
// sentinel (an empty optional, the lesson's None) to say "no more items".
// Your task: run THREE consumers instead of one, so the items are shared out,
// and end them with BoundedQueue::close() instead of the sentinel. First try
// only changing kConsumers to 3: why does the program then never end?
// (Stop it with Ctrl-C.) Every item must still be consumed exactly once.
// Build and run from build/:  cmake --build . --target queue_close_start && ./queue_close_start
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kernels/concurrency/bounded_queue.hpp"

namespace {

constexpr int kItems = 12;
constexpr int kConsumers = 1;

}  // namespace

int main() {
  parakit::BoundedQueue<std::optional<std::string>> queue(5);
  std::vector<int> consumed_by(kConsumers, 0);

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
      while (true) {
        std::optional<std::string> item = *queue.get();
        if (!item) break;  // the sentinel
        std::printf("consumer %d got %s\n", c, item->c_str());
        ++consumed_by[c];
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });

  producer.join();
  queue.put(std::nullopt);  // one sentinel: enough for one consumer
  for (auto& consumer : consumers) consumer.join();

  int delivered = 0;
  for (int n : consumed_by) delivered += n;
  std::printf("delivered %d of %d, by %d consumers\n", delivered, kItems, kConsumers);
}
