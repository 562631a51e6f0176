#include "kernels/concurrency/watchdog.hpp"

namespace parakit {

Watchdog::Watchdog(std::chrono::milliseconds deadline, std::function<void()> on_expiry)
    : thread_([this, deadline, on_expiry = std::move(on_expiry)](std::stop_token stop) {
        {
          std::unique_lock lock(mutex_);
          // The stop_token wakes this wait at once on cancel; no polling.
          wake_.wait_for(lock, stop, deadline, [] { return false; });
          // Deciding under the lock is what makes "fired" and "cancelled" exclusive.
          if (stop.stop_requested()) return;
          fired_ = true;
        }
        on_expiry();
      }) {}

Watchdog::~Watchdog() { cancel(); }

bool Watchdog::cancel() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  return !fired_;
}

bool Watchdog::fired() const {
  std::lock_guard lock(mutex_);
  return fired_;
}

}  // namespace parakit
