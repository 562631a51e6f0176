#pragma once

#include "io/cli_format.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "drivers/primes/drivers.hpp"
#include "kernels/kernel.hpp"
#include "kernels/partition.hpp"

namespace parakit::primes {

enum class WorkloadKind { range, check, numbers };

// The command line, parsed and checked for everything that can be checked
// without touching files or MPI.
struct Options {
  WorkloadKind workload = WorkloadKind::check;
  std::uint64_t lo = 0, hi = 0;                   // --range
  std::uint64_t count = 0, min = 0, max = 0, seed = 0;  // --check
  std::string numbers_path;                       // --numbers
  bool default_workload = false;

  Kernel kernel = Kernel::miller_rabin;
  Driver driver = Driver::hybrid;
  Schedule schedule = Schedule::dynamic;
  std::optional<int> threads;                     // unset: OMP_NUM_THREADS or the cores
  std::uint64_t tasks = 0;                        // 0: choose
  std::string list_path;
  std::string trace_path;                         // --trace: Chrome trace of the job
  std::string timeline_path;                      // --timeline: SVG Gantt chart
  std::string checkpoint_path;                    // --checkpoint: finished tasks, for a rerun
  double time_limit = 0;                          // --time-limit seconds; 0: none
  bool force = false;
  bool json = false;
  bool quiet = false;
};

using ParseOutcome = parakit::ParseOutcome<Options>;

ParseOutcome parse_options(int argc, char** argv);

// What --version prints: the kit, compiler, MPI and OpenMP lines. Starts no MPI.
std::string version_report();

}  // namespace parakit::primes
