#pragma once

#include <mpi.h>

#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "drivers/primes/job.hpp"
#include "drivers/primes/options.hpp"
#include "io/trace/phase_trace.hpp"
#include "io/trace/recorder.hpp"

namespace parakit::primes {

// The phases of a run (set-up, compute, gather, write) as spans.
using trace::PhaseTrace;

// After the compute phase: every task this rank's workers ran becomes a span.
// The hot loop already keeps each worker's timeline (WorkerLog), so tracing adds
// nothing while tasks run. Where the next task comes over MPI (the dynamic
// schedule of the mpi and hybrid drivers), the gaps between tasks are that wait,
// and are recorded as "mpi" spans on the worker's track.
void record_tasks(trace::TraceRecorder& recorder, const Job& job, const RankOutcome& outcome,
                  std::chrono::steady_clock::time_point compute_origin, bool tasks_come_over_mpi);

// "primes --driver hybrid --schedule block --kernel naive: 2 ranks x 2 threads, <workload>"
std::string trace_title(const Options& options, const Job& job, int ranks);

// Collective: gathers every rank's trace; rank 0 adds the "tasks left" counter
// and writes the Chrome trace and/or the SVG timeline (empty path: not wanted).
void write_trace_files(trace::TraceRecorder& recorder, MPI_Comm comm, const std::string& trace_path,
                       const std::string& timeline_path, const std::string& title, nlohmann::json metadata);

}  // namespace parakit::primes
