#include "io/mpi/run_record.hpp"

#include <unistd.h>

#include <cstring>
#include <fmt/format.h>

#include "io/mpi/library_version.hpp"
#include "io/mpi/session.hpp"
#include "parakit/version.hpp"

extern char** environ;

namespace parakit {

std::string this_host() {
  char name[256] = {};
  ::gethostname(name, sizeof name - 1);
  return name;
}

RunRecord collect_run_record(MPI_Comm comm, int thread_level) {
  RunRecord record;
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);

  char host[MPI_MAX_PROCESSOR_NAME] = {};
  int length = 0;
  MPI_Get_processor_name(host, &length);
  std::vector<char> all(rank == 0 ? static_cast<std::size_t>(size) * MPI_MAX_PROCESSOR_NAME : 0);
  MPI_Gather(host, MPI_MAX_PROCESSOR_NAME, MPI_CHAR, all.data(), MPI_MAX_PROCESSOR_NAME, MPI_CHAR, 0, comm);
  for (int r = 0; rank == 0 && r < size; ++r) {
    record.hosts.emplace_back(all.data() + static_cast<std::size_t>(r) * MPI_MAX_PROCESSOR_NAME);
  }

  // One line: MPICH's own string is a block with its configure options.
  record.mpi_library = mpi_library_name();
  record.mpi_standard = mpi_standard_version();
  record.thread_support = std::string(thread_level_name(thread_level));

  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string text = *entry;
    const auto eq = text.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = text.substr(0, eq);
    if (key.starts_with("OMP_") || key.starts_with("SLURM_") || key.starts_with("PARAKIT_")) {
      record.environment[key] = text.substr(eq + 1);
    }
  }
  record.version = kVersion;
  record.git_commit = kGitCommit;
  return record;
}

nlohmann::json to_json(const RunRecord& record) {
  return {
      {"hosts", record.hosts},
      {"mpi_library", record.mpi_library},
      {"mpi_standard", record.mpi_standard},
      {"thread_support", record.thread_support},
      {"environment", record.environment},
      {"version", record.version},
      {"git_commit", record.git_commit},
  };
}

}  // namespace parakit
