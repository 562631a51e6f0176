#include "io/mpi/session.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace parakit {
namespace {

// Every isolated singleton of a user on a host gets the same job name from
// Open MPI 4.1, hence the same session directory (/tmp/ompi.HOST.UID/jf.0/1/0).
// Two programs started at once then race: one removes the tree at
// MPI_Finalize while the other is still creating it, and MPI_Init aborts with
// "A call to mkdir was unable to create the desired directory". A top
// directory named after the process cannot be shared; Open MPI still creates
// it and removes it at MPI_Finalize (a process killed outright leaves it, as
// Open MPI's own folder would be left). A base folder the user chose for
// Open MPI (orte_tmpdir_base) is kept.
void give_singleton_its_own_session_dir() {
  std::error_code ignored;
  const char* chosen_base = std::getenv("OMPI_MCA_orte_tmpdir_base");
  const std::filesystem::path base = chosen_base ? std::filesystem::path(chosen_base) : std::filesystem::temp_directory_path(ignored);
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  const std::string name = "ompi." + std::string(host) + "." + std::to_string(::getuid()) + ".pid" + std::to_string(::getpid());
  ::setenv("OMPI_MCA_orte_top_session_dir", ((base.empty() ? "/tmp" : base) / name).c_str(), 0);
}

// Started without mpirun or srun, a process is alone and will stay alone
// (nothing here spawns processes), yet Open MPI's start-up would launch a
// helper daemon and probe for Omni-Path and InfiniPath hardware before
// settling on the point-to-point layer it picks anyway: a quarter to a third
// of a second of every run. A lone process needs only the loopback transport.
// An explicit setting in the environment wins.
void prefer_lean_singleton() {
  const bool launched = std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMIX_RANK") || std::getenv("PMI_RANK");
  if (launched) return;
  ::setenv("OMPI_MCA_ess_singleton_isolated", "1", 0);
  ::setenv("OMPI_MCA_pml", "ob1", 0);
  ::setenv("OMPI_MCA_btl", "self", 0);
  give_singleton_its_own_session_dir();
}

}  // namespace

MpiSession::MpiSession(int& argc, char**& argv, int requested_level) {
  prefer_lean_singleton();
  const auto start = std::chrono::steady_clock::now();
  MPI_Init_thread(&argc, &argv, requested_level, &thread_level_);
  init_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

std::string_view thread_level_name(int level) {
  switch (level) {
    case MPI_THREAD_SINGLE: return "single";
    case MPI_THREAD_FUNNELED: return "funneled";
    case MPI_THREAD_SERIALIZED: return "serialized";
    case MPI_THREAD_MULTIPLE: return "multiple";
  }
  return "unknown";
}

}  // namespace parakit
