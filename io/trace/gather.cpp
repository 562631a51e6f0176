// TraceRecorder::gather: every rank's spans to rank 0, on one time base.
#include <algorithm>
#include <climits>
#include <cstdint>
#include <stdexcept>

#include "io/trace/recorder.hpp"

namespace parakit::trace {
namespace {

// The job's time 0 becomes its earliest recorded instant (usually the start of
// the first process to launch), so no time is negative in either picture.
void start_at_zero(JobTrace& job) {
  double earliest = 0.0;
  for (const RankTrace& rank : job.ranks) {
    for (const Track& track : rank.tracks) {
      for (const Span& span : track.spans) earliest = std::min(earliest, span.start);
    }
    for (const CounterSample& c : rank.counters) earliest = std::min(earliest, c.time);
  }
  if (earliest == 0.0) return;
  for (RankTrace& rank : job.ranks) {
    for (Track& track : rank.tracks) {
      for (Span& span : track.spans) {
        span.start -= earliest;
        span.end -= earliest;
      }
    }
    for (CounterSample& c : rank.counters) c.time -= earliest;
  }
}

}  // namespace

JobTrace TraceRecorder::gather(MPI_Comm comm, std::string program) {
  JobTrace job;
  job.program = std::move(program);
  if (!enabled_) return job;
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);

  const MeasuredOffset at_end = measure_clock_offset(comm, clocks_);
  const std::int64_t end_local_ns = steady_now_ns();
  const std::vector<std::uint8_t> packed = nlohmann::json::to_msgpack(to_json(convert(rank, at_end, end_local_ns)));
  // A rank that cannot send its part still takes part in the collectives, with
  // nothing, so no rank waits forever; rank 0 then reports the failure.
  const bool too_big = packed.size() > static_cast<std::size_t>(INT_MAX);
  const int mine = too_big ? -1 : static_cast<int>(packed.size());

  std::vector<int> counts(static_cast<std::size_t>(size)), displs(static_cast<std::size_t>(size));
  MPI_Gather(&mine, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, comm);
  long long total = 0;
  bool overflow = false;
  if (rank == 0) {
    for (int r = 0; r < size; ++r) {
      if (counts[r] < 0) {
        overflow = true;
        counts[r] = 0;
      }
      displs[r] = static_cast<int>(total);
      total += counts[r];
      if (total > INT_MAX) overflow = true;
    }
  }
  int abort_all = overflow ? 1 : 0;
  MPI_Bcast(&abort_all, 1, MPI_INT, 0, comm);
  if (abort_all) {
    if (rank == 0) throw std::runtime_error("trace: the trace is larger than 2 GiB; trace a smaller run");
    return job;
  }
  std::vector<std::uint8_t> all(rank == 0 ? static_cast<std::size_t>(total) : 0);
  MPI_Gatherv(packed.data(), mine, MPI_BYTE, all.data(), counts.data(), displs.data(), MPI_BYTE, 0, comm);
  if (rank != 0) return job;

  for (int r = 0; r < size; ++r) {
    const auto first = all.begin() + displs[r];
    job.ranks.push_back(rank_trace_from_json(nlohmann::json::from_msgpack(first, first + counts[r])));
  }
  start_at_zero(job);
  return job;
}

}  // namespace parakit::trace
