#pragma once

#include <filesystem>
#include <string>

#include "io/trace/model.hpp"

namespace parakit::trace {

struct TimelineOptions {
  std::string title;       // e.g. "primes --driver hybrid --schedule block"; the program name if empty
  int width_px = 1000;
  std::string summary;  // replaces the imbalance line, where workers do not share one job (a lesson's cases)
};

// The job as a self-contained SVG Gantt chart (no scripts, fonts or links, so any
// browser opens it offline): a band with rank 0's phases on top, then one row per
// worker (rank x thread) with a bar per span coloured by its kind. Idle time is
// the hatched background a row shows between the first and the last task of the
// job. The heading states the imbalance (slowest worker's busy time against the
// mean) and the idle share; every bar has a tooltip with its details.
//
// Each worker row is a <g class="worker" data-rank=".." data-thread="..">, so
// tools and tests can find them. Thousands of tasks narrower than a pixel are
// drawn as merged bars to keep the file small.
std::string render_timeline_svg(const JobTrace& job, const TimelineOptions& options = {});

// Writes render_timeline_svg() to `path` through a temporary file and a rename.
void write_timeline_svg(const JobTrace& job, const std::filesystem::path& path, const TimelineOptions& options = {});

}  // namespace parakit::trace
