// Preloaded into a program to make its MPI start-up slow on purpose, as a host
// name that does not resolve or a launch of thousands of ranks makes it: the
// standard profiling interface lets MPI_Init and MPI_Init_thread wait
// PARAKIT_SLOW_INIT_SECONDS before the library's own start-up runs.
#include <mpi.h>

#include <cstdlib>
#include <ctime>

namespace {

void wait_as_configured() {
  const char* text = std::getenv("PARAKIT_SLOW_INIT_SECONDS");
  double seconds = text ? std::strtod(text, nullptr) : 10.0;
  timespec left{static_cast<time_t>(seconds), static_cast<long>((seconds - static_cast<time_t>(seconds)) * 1e9)};
  // A signal handler that returns (not _exit) must not cut the wait short:
  // a slow start-up stays slow until the program itself ends it.
  while (nanosleep(&left, &left) != 0) {
  }
}

}  // namespace

extern "C" int MPI_Init(int* argc, char*** argv) {
  wait_as_configured();
  return PMPI_Init(argc, argv);
}

extern "C" int MPI_Init_thread(int* argc, char*** argv, int required, int* provided) {
  wait_as_configured();
  return PMPI_Init_thread(argc, argv, required, provided);
}
