#pragma once

#include <mpi.h>

namespace parakit::primes {

// More threads than this per rank is a typo, not a machine: thread creation
// would fail, or crash the OpenMP runtime, long before it helped.
inline constexpr int kMaxThreads = 1024;

// Threads per rank when --threads is not given: OMP_NUM_THREADS if set, else the
// cores this process may run on, shared fairly among the ranks of its node, so
// `mpirun -np 4` on a 2-core laptop does not start 8 threads.
int default_threads(MPI_Comm comm);

}  // namespace parakit::primes
