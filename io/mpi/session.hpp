#pragma once

#include <mpi.h>

#include <string_view>

namespace parakit {

// MPI_Init_thread on construction, MPI_Finalize on destruction: one per process.
//
// Programs ask for MPI_THREAD_MULTIPLE so that OpenMP threads may take work from
// a shared counter themselves; drivers check what they actually got.
class MpiSession {
 public:
  MpiSession(int& argc, char**& argv, int requested_level = MPI_THREAD_MULTIPLE);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  MPI_Comm comm() const { return MPI_COMM_WORLD; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }
  int thread_level() const { return thread_level_; }
  // Wall time spent inside MPI_Init_thread, reported apart from compute.
  double init_seconds() const { return init_seconds_; }

 private:
  int rank_ = 0;
  int size_ = 1;
  int thread_level_ = MPI_THREAD_SINGLE;
  double init_seconds_ = 0.0;
};

std::string_view thread_level_name(int level);

}  // namespace parakit
