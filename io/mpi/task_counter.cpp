#include "io/mpi/task_counter.hpp"

namespace parakit {

SharedTaskCounter::SharedTaskCounter(MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  const MPI_Aint bytes = rank == 0 ? sizeof(std::uint64_t) : 0;
  MPI_Win_allocate(bytes, sizeof(std::uint64_t), MPI_INFO_NULL, comm, &slot_, &window_);
  if (rank == 0) *slot_ = 0;
  // Every rank must see the zero before anyone fetches.
  MPI_Barrier(comm);
  MPI_Win_lock_all(MPI_MODE_NOCHECK, window_);
}

SharedTaskCounter::~SharedTaskCounter() {
  MPI_Win_unlock_all(window_);
  MPI_Win_free(&window_);
}

std::uint64_t SharedTaskCounter::fetch_add(std::uint64_t step) {
  std::uint64_t old = 0;
  MPI_Fetch_and_op(&step, &old, MPI_UINT64_T, 0, 0, MPI_SUM, window_);
  MPI_Win_flush(0, window_);
  return old;
}

}  // namespace parakit
