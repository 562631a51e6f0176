#pragma once

#include "io/cli_format.hpp"

#include <optional>
#include <string>

namespace parakit::whereami {

struct Options {
  bool json = false;
  bool strict = false;              // exit 1 when a warning is found
  std::optional<int> threads;       // default: OMP_NUM_THREADS, else OpenMP's own default
  double spin_seconds = 0.05;       // keep all threads busy so the OS spreads them before sampling
};

using ParseOutcome = parakit::ParseOutcome<Options>;

ParseOutcome parse_options(int argc, char** argv);

// What --version prints: the kit, compiler, MPI and OpenMP lines. Starts no MPI.
std::string version_report();

}  // namespace parakit::whereami
