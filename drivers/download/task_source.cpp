#include "drivers/download/task_source.hpp"

namespace parakit::download {

ListTasks ListTasks::all(std::size_t count) {
  std::vector<std::size_t> indices(count);
  for (std::size_t i = 0; i < count; ++i) indices[i] = i;
  return ListTasks(std::move(indices));
}

std::optional<std::size_t> ListTasks::take() {
  const std::size_t at = position_.fetch_add(1, std::memory_order_relaxed);
  if (at >= indices_.size()) return std::nullopt;
  return indices_[at];
}

std::optional<std::size_t> SharedTasks::take() {
  const std::uint64_t task = counter_.fetch_add();
  if (task >= count_) return std::nullopt;
  return static_cast<std::size_t>(task);
}

std::vector<std::size_t> static_share(Schedule schedule, std::size_t count, int rank, int ranks) {
  std::vector<std::size_t> mine;
  const auto r = static_cast<std::size_t>(rank), n = static_cast<std::size_t>(ranks);
  if (schedule == Schedule::block) {
    for (std::size_t i = count * r / n; i < count * (r + 1) / n; ++i) mine.push_back(i);
  } else {
    for (std::size_t i = r; i < count; i += n) mine.push_back(i);
  }
  return mine;
}

RankShare::RankShare(Schedule schedule, std::size_t count, MPI_Comm comm, const std::atomic<bool>* stop) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  if (schedule == Schedule::dynamic) {
    counter_ = std::make_unique<SharedTaskCounter>(comm, stop);
    source_ = std::make_unique<SharedTasks>(*counter_, count);
  } else {
    source_ = std::make_unique<ListTasks>(static_share(schedule, count, rank, size));
  }
  source_->stop_when(stop);
}

}  // namespace parakit::download
