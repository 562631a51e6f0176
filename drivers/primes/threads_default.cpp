#include "drivers/primes/threads_default.hpp"

#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace parakit::primes {

int default_threads(MPI_Comm comm) {
  if (const char* env = std::getenv("OMP_NUM_THREADS")) {
    // OMP_NUM_THREADS may be a list ("4,2" for nested levels): the first counts.
    const int value = std::atoi(env);
    if (value > 0) return std::min(value, kMaxThreads);
  }
  cpu_set_t mask;
  CPU_ZERO(&mask);
  int cores = 1;
  if (sched_getaffinity(0, sizeof mask, &mask) == 0) cores = std::max(1, CPU_COUNT(&mask));

  MPI_Comm node;
  MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
  int local_ranks = 1;
  MPI_Comm_size(node, &local_ranks);
  MPI_Comm_free(&node);
  // Ranks bound to their own cores see only those; unbound ranks all see the
  // whole node and must share it.
  const int online = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
  if (cores >= online) cores = std::max(1, cores / local_ranks);
  return cores;
}

}  // namespace parakit::primes
