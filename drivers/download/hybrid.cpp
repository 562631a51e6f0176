// MPI ranks x concurrent transfers: the ranks split the list as in `mpi`, and
// each rank runs its share with --jobs transfers at once, through a pool of
// threads or libcurl's multi interface (--rank-driver). Under the dynamic
// schedule every worker of every rank takes its next file from the one counter
// on rank 0 (SharedTaskCounter serializes its own calls).
#include "drivers/download/drivers.hpp"

namespace parakit::download {

RankOutcome run_hybrid(const Job& job, const PhaseClock& clock, MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  RankShare share(job.schedule, job.files.size(), comm, job.settings.stop);
  return job.rank_driver == RankDriver::threads ? run_threads(job, share.source(), clock, rank)
                                                : run_async(job, share.source(), clock, rank);
}

}  // namespace parakit::download
