#pragma once

#include <optional>
#include <string>

namespace parakit::whereami {

struct Options {
  bool json = false;
  bool strict = false;              // exit 1 when a warning is found
  std::optional<int> threads;       // default: OMP_NUM_THREADS, else OpenMP's own default
  double spin_seconds = 0.05;       // keep all threads busy so the OS spreads them before sampling
};

// Exactly one of print (help text), error (one line) or options is set.
struct ParseOutcome {
  std::string print;
  std::string error;
  std::optional<Options> options;
};

ParseOutcome parse_options(int argc, char** argv);

}  // namespace parakit::whereami
