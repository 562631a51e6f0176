// The floor for primes' start-up: a process that only calls MPI_Init_thread
// (MPI_THREAD_MULTIPLE, as primes does) and MPI_Finalize. Prints the seconds
// spent in MPI_Init_thread on rank 0.
#include <mpi.h>

#include <chrono>
#include <cstdio>

int main(int argc, char** argv) {
  const auto start = std::chrono::steady_clock::now();
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_MULTIPLE, &provided);
  const std::chrono::duration<double> init = std::chrono::steady_clock::now() - start;
  MPI_Barrier(MPI_COMM_WORLD);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  if (rank == 0) std::printf("%.4f\n", init.count());
  MPI_Finalize();
  return 0;
}
