#pragma once

#include <mpi.h>

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "drivers/download/job.hpp"
#include "io/trace/recorder.hpp"

namespace parakit::download {

// After the download phase: every transfer this rank ran becomes a span on its
// worker's track (thread, or async slot), coloured by how it went: "download",
// "retry" (succeeded after more than one attempt) or "failed". The workers keep
// these timings anyway (FileRecord), so tracing adds nothing while bytes move.
void record_transfers(trace::TraceRecorder& recorder, const RankOutcome& outcome,
                      std::chrono::steady_clock::time_point download_origin, bool async_slots);

// Collective: gathers every rank's trace; rank 0 adds the "bytes/s" and "files
// left" counters and writes the Chrome trace and/or the SVG timeline (an empty
// path means not wanted).
void write_trace_files(trace::TraceRecorder& recorder, MPI_Comm comm, const std::string& trace_path,
                       const std::string& timeline_path, const std::string& title, nlohmann::json metadata);

}  // namespace parakit::download
