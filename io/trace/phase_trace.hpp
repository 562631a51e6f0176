#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/trace/recorder.hpp"

namespace parakit::trace {

// A program's phases (set-up, compute, gather, write, ...) as back-to-back spans
// on the rank's "phases" track: next() closes the open phase and opens the named
// one, so the phases tile the run with no gap. The first phase, "set-up", opens
// at the program's start (before MPI_Init), so start-up costs show too.
class PhaseTrace {
 public:
  PhaseTrace(TrackBuffer& track, std::chrono::steady_clock::time_point program_start)
      : track_(track), open_("set-up"), opened_ns_(TrackBuffer::to_ns(program_start)) {}
  ~PhaseTrace() { finish(); }
  PhaseTrace(const PhaseTrace&) = delete;
  PhaseTrace& operator=(const PhaseTrace&) = delete;

  void next(std::string_view phase) {
    finish();
    open_ = phase;
    opened_ns_ = steady_now_ns();
  }
  void finish() {
    if (open_.empty()) return;
    track_.span(open_, "phase", opened_ns_, steady_now_ns());
    open_.clear();
  }

 private:
  TrackBuffer& track_;
  std::string open_;
  std::int64_t opened_ns_ = 0;
};

}  // namespace parakit::trace
