#pragma once

#include <mpi.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace parakit {

// Everything needed to reproduce a result: where it ran, with what MPI and
// threading, under which OMP_* and SLURM_* settings, from which source.
struct RunRecord {
  std::vector<std::string> hosts;  // one per rank, in rank order
  std::string mpi_library;
  std::string mpi_standard;
  std::string thread_support;
  std::map<std::string, std::string> environment;  // OMP_*, SLURM_*, PARAKIT_*
  std::string version;
  std::string git_commit;
};

// Collective: gathers every rank's host name on rank 0.
RunRecord collect_run_record(MPI_Comm comm, int thread_level);

std::string this_host();

nlohmann::json to_json(const RunRecord& record);

}  // namespace parakit
