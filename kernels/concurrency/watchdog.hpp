#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>

namespace parakit {

// Runs `on_expiry` once, on its own thread, when `deadline` passes, unless
// cancel() comes first: Python's threading.Timer, used as a watchdog that stops
// work which overran. Destruction cancels, so a watchdog can never fire after
// the scope that armed it has ended.
class Watchdog {
 public:
  Watchdog(std::chrono::milliseconds deadline, std::function<void()> on_expiry);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // True when this call stopped the watchdog before it fired. When the deadline
  // and the cancel race, exactly one wins: fired() and cancel() never both hold.
  bool cancel();

  // Only meaningful after cancel() or once the deadline has clearly passed.
  bool fired() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable_any wake_;
  bool fired_ = false;
  // Declared last: it must stop before the members it uses are destroyed.
  std::jthread thread_;
};

}  // namespace parakit
