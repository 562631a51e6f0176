#pragma once

#include <mpi.h>

#include <cstdint>

namespace parakit {

// The dynamic schedule across ranks: one 64-bit counter that lives on rank 0 and
// that every rank bumps with MPI_Fetch_and_op, without rank 0 taking part.
//
// No rank acts as a master, so no rank is lost to handing out work; on one node
// Open MPI does the fetch-and-add with a shared-memory atomic. Construction and
// destruction are collective over the communicator.
class SharedTaskCounter {
 public:
  explicit SharedTaskCounter(MPI_Comm comm);
  ~SharedTaskCounter();
  SharedTaskCounter(const SharedTaskCounter&) = delete;
  SharedTaskCounter& operator=(const SharedTaskCounter&) = delete;

  // Returns the counter's old value and adds `step` to it, atomically.
  std::uint64_t fetch_add(std::uint64_t step = 1);

 private:
  MPI_Win window_ = MPI_WIN_NULL;
  std::uint64_t* slot_ = nullptr;
};

}  // namespace parakit
