#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace parakit::lesson {

// What lessons print as "what happened": timestamped lines from many threads.
//
// Threads never print directly. Lines written to std::cout by several threads
// at once interleave mid-line (the lesson's "Produced: Item 2Consumed: Item 2");
// here each line is appended whole under a lock and printed afterwards.
class EventLog {
 public:
  struct Event {
    double ms = 0;
    std::string who;
    std::string what;
  };

  EventLog() : origin_(std::chrono::steady_clock::now()) {}

  void add(std::string who, std::string what) {
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - origin_).count();
    std::lock_guard lock(mutex_);
    events_.push_back({ms, std::move(who), std::move(what)});
  }

  std::vector<Event> events() const {
    std::lock_guard lock(mutex_);
    return events_;
  }

  // "  12.3 ms  worker-1  started" lines, at most `limit` of them.
  std::string render(std::size_t limit = 60) const;
  nlohmann::json to_json() const;

 private:
  const std::chrono::steady_clock::time_point origin_;
  mutable std::mutex mutex_;
  std::vector<Event> events_;
};

}  // namespace parakit::lesson
