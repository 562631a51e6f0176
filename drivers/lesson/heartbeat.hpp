#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>

namespace parakit::lesson {

// A background thread that calls on_beat every interval until its owner goes
// away: the lesson's daemon thread, done so that it can never hold the exit.
// The destructor asks the thread to stop and joins it; the stop request wakes
// the thread's wait at once, so stopping never waits out an interval.
class Heartbeat {
 public:
  Heartbeat(std::chrono::milliseconds interval, std::function<void(int beat)> on_beat,
            std::function<void()> on_stop = {})
      : thread_([this, interval, on_beat = std::move(on_beat), on_stop = std::move(on_stop)](std::stop_token stop) {
          std::unique_lock lock(mutex_);
          while (!wake_.wait_for(lock, stop, interval, [] { return false; }) && !stop.stop_requested()) {
            const int beat = ++beats_;
            lock.unlock();
            on_beat(beat);
            lock.lock();
          }
          if (on_stop) on_stop();
        }) {}
  Heartbeat(const Heartbeat&) = delete;
  Heartbeat& operator=(const Heartbeat&) = delete;

  int beats() const { return beats_.load(); }

 private:
  std::atomic<int> beats_{0};
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: stops and joins before the members above go
};

}  // namespace parakit::lesson
