#pragma once

#include <mpi.h>

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "io/mpi/task_counter.hpp"
#include "kernels/partition.hpp"

namespace parakit::download {

// Where a rank's workers get their next file; safe to call from many threads.
// Once the stop flag is set it hands out nothing more.
class TaskSource {
 public:
  virtual ~TaskSource() = default;
  std::optional<std::size_t> next() {
    if (stop_ && stop_->load(std::memory_order_relaxed)) return std::nullopt;
    return take();
  }
  void stop_when(const std::atomic<bool>* flag) { stop_ = flag; }

 private:
  virtual std::optional<std::size_t> take() = 0;
  const std::atomic<bool>* stop_ = nullptr;
};

// A fixed list of file indices, taken in order by whichever worker asks first.
class ListTasks : public TaskSource {
 public:
  explicit ListTasks(std::vector<std::size_t> indices) : indices_(std::move(indices)) {}
  static ListTasks all(std::size_t count);

 private:
  std::optional<std::size_t> take() override;

 private:
  std::vector<std::size_t> indices_;
  std::atomic<std::size_t> position_{0};
};

// The dynamic schedule across ranks: each worker of each rank takes the next
// file from the one counter on rank 0.
class SharedTasks : public TaskSource {
 public:
  SharedTasks(SharedTaskCounter& counter, std::size_t count) : counter_(counter), count_(count) {}

 private:
  std::optional<std::size_t> take() override;
  SharedTaskCounter& counter_;
  std::size_t count_;
};

// This rank's share of `count` files under `schedule`. Collective: the dynamic
// schedule builds a SharedTaskCounter, which lives as long as the share.
// `stop` ends the share early (and, on rank 0, every rank's dynamic share).
class RankShare {
 public:
  RankShare(Schedule schedule, std::size_t count, MPI_Comm comm, const std::atomic<bool>* stop);
  TaskSource& source() { return *source_; }

 private:
  std::unique_ptr<SharedTaskCounter> counter_;
  std::unique_ptr<TaskSource> source_;
};

// Files of rank `rank` of `ranks` under a static schedule: block gives each
// rank one contiguous run of the list, cyclic deals the files round-robin.
std::vector<std::size_t> static_share(Schedule schedule, std::size_t count, int rank, int ranks);

}  // namespace parakit::download
