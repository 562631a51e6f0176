#include "drivers/whereami/options.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "io/mpi/library_version.hpp"
#include "io/version_text.hpp"

namespace parakit::whereami {
namespace {

constexpr const char* kDescription =
    "whereami: every MPI rank and OpenMP thread reports its host, the CPU and core it runs on and\n"
    "its affinity mask, and warns when threads must share a core. Run it with the same launcher\n"
    "options as a real job to see what those options do.";

constexpr const char* kExamples = R"(
Examples:
  ./whereami                                     one process, OMP_NUM_THREADS threads
  OMP_NUM_THREADS=2 OMP_PROC_BIND=close OMP_PLACES=cores ./whereami
  mpirun -np 2 ./whereami --threads 2            Open MPI binds each rank to one core: see the warning
  mpirun -np 2 --map-by slot:PE=1 --bind-to core ./whereami --threads 1
  srun -n 2 -c 1 ./whereami --threads 2 --strict exit 1 because two threads share one core
  sbatch slurm/whereami.sbatch                   the same inside a Slurm job

Columns: cpu = where the thread ran while all threads were busy (sched_getcpu);
core = that CPU's core, named by its lowest CPU; affinity = CPUs the thread may use
(sched_getaffinity); rank affinity = CPUs the launcher gave the whole rank.
Exit codes: 0 ok, 1 warnings found with --strict, 2 bad input.)";

}  // namespace

std::string version_report() { return version_text("whereami", {mpi_version_line(), openmp_version_line()}); }

ParseOutcome parse_options(int argc, char** argv) {
  CLI::App app{kDescription, "whereami"};
  app.footer(kExamples);
  app.get_formatter()->column_width(26);
  add_version_flag(app, version_report);

  Options o;
  int threads = 0;
  app.add_flag("--json", o.json, "Print one JSON object instead of the table");
  app.add_option("--threads", threads, "OpenMP threads per rank (default: OMP_NUM_THREADS)")->type_name("T");
  app.add_option("--spin", o.spin_seconds, "Seconds every thread stays busy before sampling its CPU")
      ->type_name("SECONDS")
      ->capture_default_str();
  app.add_flag("--strict", o.strict, "Exit 1 when any placement warning is found");

  ParseOutcome outcome;
  if (!parse_command_line(app, argc, argv, outcome)) return outcome;
  if (app.count("--threads")) {
    if (threads < 1 || threads > 4096) {
      outcome.error = fmt::format("--threads must be between 1 and 4096, not {}", threads);
      return outcome;
    }
    o.threads = threads;
  }
  if (!(o.spin_seconds >= 0.0 && o.spin_seconds <= 60.0)) {
    outcome.error = fmt::format("--spin must be between 0 and 60 seconds, not {}", o.spin_seconds);
    return outcome;
  }
  outcome.options = o;
  return outcome;
}

}  // namespace parakit::whereami
