// One process per rank, one transfer at a time in each: the list is split over
// the ranks with the schedules of primes (dynamic by default: each rank takes
// the next file from the counter on rank 0 when it is free).
#include "drivers/download/drivers.hpp"

namespace parakit::download {

RankOutcome run_mpi(const Job& job, const PhaseClock& clock, MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  RankShare share(job.schedule, job.files.size(), comm, job.settings.stop);
  return run_serial(job, share.source(), clock, rank);
}

}  // namespace parakit::download
