#pragma once

#include <string>
#include <string_view>

#include "io/trace/model.hpp"

namespace parakit::trace {

// Figures a reader wants next to a timeline, computed from the worker tracks.
// Busy time is every span except those of kind "mpi" (waiting is not work).
struct WorkerSpread {
  std::size_t workers = 0;
  double slowest_busy = 0.0;  // the most seconds any worker spent in spans
  double mean_busy = 0.0;
  double imbalance = 0.0;     // slowest / mean - 1: 0 is a perfect split
  double window_start = 0.0;  // first worker span began
  double window_end = 0.0;    // last worker span ended
  double idle_fraction = 0.0; // share of workers x window spent outside any span
};

WorkerSpread worker_spread(const JobTrace& job);

// A "tasks left" counter on rank 0: the number of worker spans of `kind` not yet
// finished, stepping down at each span's end.
void add_countdown_counter(JobTrace& job, std::string_view kind, std::string name);

// A rate counter on rank 0 (e.g. "bytes/s"): each worker span of `kind` spreads
// its numeric argument `arg` evenly over its duration, summed in `bins` bins.
void add_rate_counter(JobTrace& job, std::string_view kind, std::string_view arg, std::string name, int bins = 50);

}  // namespace parakit::trace
