#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace parakit {

// A first-in first-out queue shared by producer and consumer threads.
//
// Bounded, so a fast producer blocks instead of filling memory; closable, so
// consumers learn "no more items" without a sentinel value that every consumer
// must receive once (the sentinel needs one copy per consumer and breaks as soon
// as the item type has no spare value to sacrifice).
template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {
    if (capacity == 0) throw std::invalid_argument("queue capacity must be at least 1");
  }
  BoundedQueue(const BoundedQueue&) = delete;
  BoundedQueue& operator=(const BoundedQueue&) = delete;

  // Blocks while the queue is full. Returns false, dropping the item, when the
  // queue was closed: putting after close is a logic error the caller must see.
  // `waited` (optional) reports whether this call had to block.
  bool put(T item, bool* waited = nullptr) {
    std::unique_lock lock(mutex_);
    const bool must_wait = items_.size() >= capacity_ && !closed_;
    if (waited) *waited = must_wait;
    not_full_.wait(lock, [&] { return items_.size() < capacity_ || closed_; });
    if (closed_) return false;
    items_.push_back(std::move(item));
    if (items_.size() > high_water_) high_water_ = items_.size();
    not_empty_.notify_one();
    return true;
  }

  // Blocks while the queue is empty and open. An empty optional means the queue
  // is closed and drained: the consumer's signal to finish.
  std::optional<T> get() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

  // Items already queued are still delivered; waiting threads all wake up.
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  std::size_t capacity() const { return capacity_; }

  // The most items ever held at once; never above capacity().
  std::size_t high_water() const {
    std::lock_guard lock(mutex_);
    return high_water_;
  }

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<T> items_;
  std::size_t high_water_ = 0;
  bool closed_ = false;
};

}  // namespace parakit
