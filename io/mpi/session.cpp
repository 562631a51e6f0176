#include "io/mpi/session.hpp"

#include "io/run_stop.hpp"

#include <errno.h>  // program_invocation_short_name
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace parakit {
namespace {

long environment_number(const char* name) {
  const char* text = std::getenv(name);
  return text ? std::strtol(text, nullptr, 10) : 0;
}

// The rank a launcher gave this process, known before MPI_Init from the
// variables of Open MPI's mpirun, PMIx, Hydra (PMI) and srun; 0 when alone.
long launcher_rank() {
  for (const char* name : {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK", "SLURM_PROCID"}) {
    if (std::getenv(name)) return environment_number(name);
  }
  return 0;
}

#ifdef OPEN_MPI
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
#endif

// Started without mpirun or srun, a process is alone and will stay alone
// (nothing here spawns processes), yet the library's start-up would probe for
// high-speed network hardware before settling on the loopback transport a
// lone process needs: a quarter to a third of a second of every run. Each
// library has its own switches; an explicit setting in the environment wins.
void prefer_lean_singleton() {
  const bool launched = std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMIX_RANK") || std::getenv("PMI_RANK") ||
                        std::getenv("PMI_FD") || std::getenv("SLURM_STEP_ID");
  if (launched) return;
#ifdef OPEN_MPI
  // No helper daemon, and no probing for Omni-Path and InfiniPath.
  ::setenv("OMPI_MCA_ess_singleton_isolated", "1", 0);
  ::setenv("OMPI_MCA_pml", "ob1", 0);
  ::setenv("OMPI_MCA_btl", "self", 0);
  give_singleton_its_own_session_dir();
#elif defined(MPICH_VERSION)
  // UCX (Debian's MPICH device) would open every InfiniBand and RoCE device
  // it finds; shared memory and the process itself are all a singleton uses.
  ::setenv("UCX_TLS", "self,sm", 0);
#endif
}

// A program started by another MPI's launcher does not fail on its own: each
// process comes up as a singleton of size 1 and the job runs N copies of the
// whole work. The launcher's variables give it away; the process that the
// launcher made rank 0 says so in one line, and every process ends.
void refuse_foreign_launcher(int size) {
  if (size != 1) return;
  const char* launcher = nullptr;
  long ranks = 0;
  long launcher_rank = 0;
#ifdef OPEN_MPI
  const char* built_with = "Open MPI";
  if ((ranks = environment_number("PMI_SIZE")) > 1) {
    launcher = "an MPICH-family mpiexec (Hydra)";
    launcher_rank = environment_number("PMI_RANK");
  }
  const char* advice = "Open MPI's mpirun (mpirun.openmpi), or srun --mpi=pmix";
#elif defined(MPICH_VERSION)
  const char* built_with = "MPICH";
  if ((ranks = environment_number("OMPI_COMM_WORLD_SIZE")) > 1) {
    launcher = "Open MPI's mpirun";
    launcher_rank = environment_number("OMPI_COMM_WORLD_RANK");
  } else if ((ranks = environment_number("SLURM_STEP_NUM_TASKS")) > 1 && std::getenv("PMIX_RANK")) {
    launcher = "srun with the pmix plugin, which MPICH does not speak";
    launcher_rank = environment_number("SLURM_PROCID");
  }
  const char* advice = "MPICH's mpiexec (mpiexec.mpich), or srun --mpi=pmi2";
#else
  const char* built_with = "this MPI";
  const char* advice = "the launcher of the MPI it was built with";
#endif
  if (launcher == nullptr) return;
  if (launcher_rank == 0) {
    std::fprintf(stderr,
                 "%s: error: built with %s but started by %s as %ld processes, each of which would run alone: "
                 "start it with %s\n",
                 program_invocation_short_name, built_with, launcher, ranks, advice);
  }
  MPI_Finalize();
  std::exit(2);
}
}  // namespace

MpiSession::MpiSession(int& argc, char**& argv, int requested_level) {
  end_at_once_on_stop_signals(program_invocation_short_name, launcher_rank() == 0);
  prefer_lean_singleton();
  const auto start = std::chrono::steady_clock::now();
  MPI_Init_thread(&argc, &argv, requested_level, &thread_level_);
  init_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  // Past MPI_Init, a rank ends on a signal just as promptly but in silence: it
  // has either reported an error already and is on its way out, or is a peer
  // the launcher terminates because another rank failed.
  end_at_once_on_stop_signals(program_invocation_short_name, false);
  refuse_foreign_launcher(size_);
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
