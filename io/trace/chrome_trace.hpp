#pragma once

#include <filesystem>

#include <nlohmann/json.hpp>

#include "io/trace/model.hpp"

namespace parakit::trace {

// The job as a Chrome Trace Event document (opens in https://ui.perfetto.dev and
// chrome://tracing): one process per rank named "rank R (host)", in rank order;
// within it a "phases" thread, an "MPI waits" thread and one thread per worker.
// Spans are complete events ("ph":"X") with their args; counters are "ph":"C"
// events. Times are microseconds since the job's origin.
//
// Thread ids: phases 1, MPI waits 2, worker T is 10 + T (stable, so two traces of
// the same job compare line by line).
nlohmann::json to_chrome_trace(const JobTrace& job);

int chrome_tid(TrackRole role, int id);

// Writes to_chrome_trace(job) to `path` through a temporary file and a rename.
void write_chrome_trace(const JobTrace& job, const std::filesystem::path& path);

}  // namespace parakit::trace
