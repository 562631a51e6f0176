#pragma once

#include <mpi.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>

namespace parakit {

// The dynamic schedule across ranks: one counter of handed-out tasks, kept on
// rank 0 and served to the other ranks by a small dispatcher thread.
//
// Why not MPI_Fetch_and_op on a window? Across nodes over TCP, Open MPI 4.1's
// one-sided components either need the target rank to enter MPI before they
// progress (so a rank 0 busy computing starves everyone) or refuse
// MPI_THREAD_MULTIPLE outright. Point-to-point messages to a thread that does
// nothing but answer them work everywhere, and rank 0 still computes.
//
// Rank 0's own workers take tasks straight from the atomic. Elsewhere one
// request is in flight per rank at a time (a mutex serialises the threads), so
// MPI_THREAD_SERIALIZED is enough. The dispatcher polls with short sleeps rather
// than blocking in MPI_Recv, which would spin a core that the workers need.
// Construction and destruction are collective over the communicator.
//
// With a stop flag, rank 0 answers every request with "no tasks left" once the
// flag is set, so a stop seen on rank 0 alone (a signal sent to it, its time
// limit) still ends every rank's loop after the task it is on.
class SharedTaskCounter {
 public:
  explicit SharedTaskCounter(MPI_Comm comm, const std::atomic<bool>* stop = nullptr);
  ~SharedTaskCounter();
  SharedTaskCounter(const SharedTaskCounter&) = delete;
  SharedTaskCounter& operator=(const SharedTaskCounter&) = delete;

  // Returns the counter's old value and adds `step` to it, atomically across
  // every thread of every rank. Safe to call from several threads at once.
  std::uint64_t fetch_add(std::uint64_t step = 1);

 private:
  void serve();

  MPI_Comm comm_;
  const std::atomic<bool>* stop_ = nullptr;
  int rank_ = 0;
  int size_ = 1;
  std::atomic<std::uint64_t> next_{0};  // meaningful on rank 0 only
  std::mutex request_mutex_;            // one request in flight per rank
  std::thread dispatcher_;              // rank 0 with more than one rank only
};

}  // namespace parakit
