// Producer-consumer over a bounded blocking queue, the lesson's queue.Queue,
// with close() where the lesson put a None sentinel.
#include "drivers/lesson/queue.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <stdexcept>
#include <thread>
#include <vector>

#include "drivers/lesson/event_log.hpp"
#include "kernels/concurrency/bounded_queue.hpp"

namespace parakit::lesson {

const std::string_view queue_description =
    "Producers put numbered items into a queue of fixed capacity; consumers take them out. put()\n"
    "blocks while the queue is full, so a fast producer waits for slow consumers instead of piling\n"
    "up memory; get() blocks while it is empty. When every producer is done, main closes the queue:\n"
    "consumers drain what is left and stop, however many there are. (A None sentinel would need\n"
    "one copy per consumer.) Every item arrives exactly once, and each producer's items in order.";

namespace {

struct Item {
  int producer = 0;
  int seq = 0;
};

std::string label(const Item& item) { return fmt::format("P{}:{}", item.producer, item.seq); }

}  // namespace

Result run_queue(const QueueOptions& options) {
  if (options.producers < 1 || options.producers > 64) throw std::invalid_argument("--producers must be between 1 and 64");
  if (options.consumers < 1 || options.consumers > 64) throw std::invalid_argument("--consumers must be between 1 and 64");
  if (options.items < 0 || options.items > 100000) throw std::invalid_argument("--items must be between 0 and 100000");
  if (options.capacity < 1) throw std::invalid_argument("--capacity must be at least 1");
  if (options.produce_ms < 0 || options.consume_ms < 0 || options.produce_ms > 1000 || options.consume_ms > 1000)
    throw std::invalid_argument("--produce-ms and --consume-ms must be between 0 and 1000");

  BoundedQueue<Item> queue(static_cast<std::size_t>(options.capacity));
  EventLog log;
  std::vector<std::vector<Item>> received(options.consumers);
  std::vector<int> full_waits(options.producers, 0);
  const Stopwatch clock;
  {
    std::vector<std::jthread> consumers;
    for (int c = 0; c < options.consumers; ++c)
      consumers.emplace_back([&, c] {
        const std::string who = fmt::format("consumer-{}", c);
        while (std::optional<Item> item = queue.get()) {
          log.add(who, "got " + label(*item));
          received[c].push_back(*item);
          pause_ms(options.consume_ms);
        }
        log.add(who, "queue closed and empty: done");
      });
    {
      std::vector<std::jthread> producers;
      for (int p = 0; p < options.producers; ++p)
        producers.emplace_back([&, p] {
          const std::string who = fmt::format("producer-{}", p);
          for (int seq = 0; seq < options.items; ++seq) {
            pause_ms(options.produce_ms);
            // Logged before put(): once the item is in, a consumer may log "got" at once.
            log.add(who, "put " + label(Item{p, seq}));
            bool waited = false;
            queue.put(Item{p, seq}, &waited);
            if (waited) {
              ++full_waits[p];
              log.add(who, "  ...queue was full: waited for room for " + label(Item{p, seq}));
            }
          }
        });
    }  // producers join here
    log.add("main", "all producers done: closing the queue");
    queue.close();
  }  // consumers join here
  const double seconds = clock.seconds();

  int delivered = 0;
  int total_full_waits = 0;
  nlohmann::json per_consumer = nlohmann::json::array();
  for (const auto& items : received) {
    nlohmann::json list = nlohmann::json::array();
    for (const Item& item : items) list.push_back({{"producer", item.producer}, {"seq", item.seq}});
    per_consumer.push_back(list);
    delivered += static_cast<int>(items.size());
  }
  for (int waits : full_waits) total_full_waits += waits;

  std::string story = fmt::format(
      "{} producer(s) x {} items into a queue of capacity {}, taken by {} consumer(s).\n"
      "Producing an item takes {} ms, consuming one {} ms.\n\n",
      options.producers, options.items, options.capacity, options.consumers, options.produce_ms, options.consume_ms);
  story += log.render(80) + "\n";
  story += fmt::format(
      "Delivered {} of {} items; the queue never held more than {} (its capacity is {}).\n"
      "Producers had to wait for room {} time(s): that is the back-pressure a bounded queue gives.\n",
      delivered, options.producers * options.items, queue.high_water(), options.capacity, total_full_waits);
  nlohmann::json figures = {{"lesson", "queue"},
                            {"producers", options.producers},
                            {"consumers", options.consumers},
                            {"items_per_producer", options.items},
                            {"capacity", options.capacity},
                            {"produced", options.producers * options.items},
                            {"delivered", delivered},
                            {"high_water", queue.high_water()},
                            {"full_waits", total_full_waits},
                            {"seconds", seconds},
                            {"received", per_consumer},
                            {"events", log.to_json()}};
  return {figures, story};
}

Run setup_queue(CLI::App& command) {
  auto options = std::make_shared<QueueOptions>();
  command.add_option("--producers", options->producers, "Producer threads")->capture_default_str();
  command.add_option("--consumers", options->consumers, "Consumer threads")->capture_default_str();
  command.add_option("--items", options->items, "Items each producer makes")->capture_default_str();
  command.add_option("--capacity", options->capacity, "Most items the queue holds")->capture_default_str();
  command.add_option("--produce-ms", options->produce_ms, "Time to make one item, in ms")->capture_default_str();
  command.add_option("--consume-ms", options->consume_ms, "Time to use one item, in ms")->capture_default_str();
  command.footer(
      "Examples:\n"
      "  lesson queue                                    two producers, two consumers\n"
      "  lesson queue --producers 1 --consumers 1        the lesson's setup\n"
      "  lesson queue --capacity 1 --consume-ms 30       producers blocked by a full queue");
  return [options] { return run_queue(*options); };
}

}  // namespace parakit::lesson
