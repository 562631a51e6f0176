#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace parakit::trace {

// The trace of a whole job as rank 0 holds it after the gather. Every time is in
// seconds since the job's earliest recorded instant, on rank 0's clock: each
// rank's spans are already shifted by its measured clock offset.

struct Span {
  std::string name;
  std::string kind;  // colours the bar and groups the legend: "task", "mpi", "phase", "download", ...
  double start = 0.0;
  double end = 0.0;
  nlohmann::json args = nlohmann::json::object();  // shown in Perfetto's details and the SVG tooltip
};

struct CounterSample {
  std::string name;  // one counter track per name, e.g. "tasks left", "bytes/s"
  double time = 0.0;
  double value = 0.0;
};

// What a track stands for: the rank's phases, its waits in MPI, or one worker.
enum class TrackRole { phases, mpi, worker };

struct Track {
  TrackRole role = TrackRole::worker;
  int id = 0;  // the worker's thread number within its rank; 0 for phases and mpi
  std::string name;
  std::vector<Span> spans;
};

// How far a rank's clock was from rank 0's, and how sure we are (see clock_sync.hpp).
struct ClockOffset {
  double seconds = 0.0;      // add to a local time to get rank 0's time
  double error_bound = 0.0;  // the true offset lies within seconds +- error_bound
  bool shared_clock = false; // same kernel as rank 0: 0 by construction, not measured
};

struct RankTrace {
  int rank = 0;
  std::string host;
  std::string label;  // names the process instead of "rank R (host)": e.g. one case of a lesson
  ClockOffset clock_at_start;
  ClockOffset clock_at_end;
  std::vector<Track> tracks;
  std::vector<CounterSample> counters;
};

struct JobTrace {
  std::string program;
  std::vector<RankTrace> ranks;
  nlohmann::json metadata = nlohmann::json::object();  // the command, the run record, ...
};

std::string_view role_name(TrackRole role);

// The compact form a rank sends to rank 0 (and that tests can load back).
nlohmann::json to_json(const RankTrace& rank);
RankTrace rank_trace_from_json(const nlohmann::json& j);

}  // namespace parakit::trace
