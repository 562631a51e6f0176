#pragma once

#include <mpi.h>

#include <string>
#include <vector>

#include "drivers/primes/job.hpp"

namespace parakit::primes {

struct JobResult {
  std::uint64_t count = 0;
  std::uint64_t checked = 0;
  std::vector<WorkerStats> workers;  // every worker of every rank, on rank 0 only
};

// Collective: sums the counts and gathers every worker's figures on rank 0.
JobResult combine(const RankOutcome& outcome, MPI_Comm comm);

// Collective: writes every prime found, one per line, ascending, into `path`
// with MPI-IO, each rank writing its own part at its offset.
void write_prime_list(const Job& job, const RankOutcome& outcome, MPI_Comm comm, const std::string& path);

}  // namespace parakit::primes
