#include "io/mpi/task_counter.hpp"

#include <algorithm>
#include <chrono>

namespace parakit {
namespace {

// Private tags: the counter's traffic never matches anybody else's receives.
constexpr int kRequestTag = 7301;
constexpr int kReplyTag = 7302;
constexpr int kDoneTag = 7303;
// Beyond any task count: what a stopped rank 0 answers.
constexpr std::uint64_t kNoTasksLeft = ~std::uint64_t{0};
// The dispatcher shares rank 0's cores with its workers, so it sleeps between
// polls: briefly after a request (requests come in bursts, when every worker
// finishes a task), then ever longer while none comes. Polling every 20 us
// for a whole run cost rank 0 about a tenth of a core; the backed-off poll
// costs little, and a request waits at most 1 ms against tasks of tens of ms.
constexpr auto kFirstPoll = std::chrono::microseconds(20);
constexpr auto kLongestPoll = std::chrono::microseconds(1000);

}  // namespace

SharedTaskCounter::SharedTaskCounter(MPI_Comm comm, const std::atomic<bool>* stop) : comm_(comm), stop_(stop) {
  MPI_Comm_rank(comm_, &rank_);
  MPI_Comm_size(comm_, &size_);
  if (rank_ == 0 && size_ > 1) dispatcher_ = std::thread([this] { serve(); });
}

SharedTaskCounter::~SharedTaskCounter() {
  if (rank_ == 0) {
    if (dispatcher_.joinable()) dispatcher_.join();  // returns once every rank said it is done
  } else {
    std::uint64_t nothing = 0;
    MPI_Send(&nothing, 1, MPI_UINT64_T, 0, kDoneTag, comm_);
  }
}

std::uint64_t SharedTaskCounter::fetch_add(std::uint64_t step) {
  if (rank_ == 0) {
    if (stop_ && stop_->load(std::memory_order_relaxed)) return kNoTasksLeft;
    return next_.fetch_add(step, std::memory_order_relaxed);
  }
  std::lock_guard lock(request_mutex_);
  std::uint64_t old = 0;
  MPI_Send(&step, 1, MPI_UINT64_T, 0, kRequestTag, comm_);
  MPI_Recv(&old, 1, MPI_UINT64_T, 0, kReplyTag, comm_, MPI_STATUS_IGNORE);
  return old;
}

void SharedTaskCounter::serve() {
  int ranks_done = 0;
  while (ranks_done < size_ - 1) {
    std::uint64_t step = 0;
    MPI_Request request;
    MPI_Irecv(&step, 1, MPI_UINT64_T, MPI_ANY_SOURCE, MPI_ANY_TAG, comm_, &request);
    MPI_Status status;
    auto pause = kFirstPoll;
    for (int arrived = 0;;) {
      MPI_Test(&request, &arrived, &status);
      if (arrived) break;
      std::this_thread::sleep_for(pause);
      pause = std::min(2 * pause, kLongestPoll);
    }
    if (status.MPI_TAG == kDoneTag) {
      ++ranks_done;
    } else if (status.MPI_TAG == kRequestTag) {
      const bool stopping = stop_ && stop_->load(std::memory_order_relaxed);
      const std::uint64_t old = stopping ? kNoTasksLeft : next_.fetch_add(step, std::memory_order_relaxed);
      MPI_Send(&old, 1, MPI_UINT64_T, status.MPI_SOURCE, kReplyTag, comm_);
    }
  }
}

}  // namespace parakit
