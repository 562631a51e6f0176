#include "io/trace/recorder.hpp"

#include <algorithm>

namespace parakit::trace {

TraceRecorder::TraceRecorder(MPI_Comm comm, bool enabled, ClockPolicy clocks)
    : enabled_(enabled),
      clocks_(clocks),
      phases_(TrackRole::phases, 0, "phases", enabled),
      mpi_(TrackRole::mpi, 0, "MPI waits", enabled) {
  if (!enabled_) return;
  at_start_ = measure_clock_offset(comm, clocks_);
  start_local_ns_ = steady_now_ns();
  // Rank 0's "now", shared so every rank measures from the same instant.
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  std::int64_t origin = rank == 0 ? start_local_ns_ : 0;
  MPI_Bcast(&origin, 1, MPI_INT64_T, 0, comm);
  origin_ns_ = origin;
}

TrackBuffer& TraceRecorder::worker(int thread, std::string name) {
  std::lock_guard lock(workers_mutex_);
  auto found = std::find_if(workers_.begin(), workers_.end(), [&](const TrackBuffer& b) { return b.id() == thread; });
  if (found != workers_.end()) return *found;
  if (name.empty()) name = "worker " + std::to_string(thread);
  return workers_.emplace_back(TrackRole::worker, thread, std::move(name), enabled_);
}

RankTrace TraceRecorder::convert(int rank, const MeasuredOffset& at_end, std::int64_t end_local_ns) const {
  RankTrace out;
  out.rank = rank;
  char host[MPI_MAX_PROCESSOR_NAME] = {};
  int length = 0;
  MPI_Get_processor_name(host, &length);
  out.host.assign(host, static_cast<std::size_t>(length));
  auto seconds = [](const MeasuredOffset& m) {
    return ClockOffset{static_cast<double>(m.offset_ns) * 1e-9, static_cast<double>(m.error_ns) * 1e-9, m.shared_clock};
  };
  out.clock_at_start = seconds(at_start_);
  out.clock_at_end = seconds(at_end);

  auto job_seconds = [&](std::int64_t local_ns) {
    const std::int64_t offset = interpolate_offset(at_start_, start_local_ns_, at_end, end_local_ns, local_ns);
    return static_cast<double>(local_ns + offset - origin_ns_) * 1e-9;
  };
  auto add = [&](const TrackBuffer& buffer) {
    Track track{buffer.role(), buffer.id(), buffer.name(), {}};
    track.spans.reserve(buffer.spans().size());
    for (const RawSpan& s : buffer.spans()) {
      track.spans.push_back({s.name, s.kind, job_seconds(s.start_ns), job_seconds(s.end_ns), s.args});
    }
    for (const auto& c : buffer.counters()) out.counters.push_back({c.name, job_seconds(c.at_ns), c.value});
    out.tracks.push_back(std::move(track));
  };
  add(phases_);
  add(mpi_);
  std::vector<const TrackBuffer*> workers;
  for (const TrackBuffer& b : workers_) workers.push_back(&b);
  std::sort(workers.begin(), workers.end(), [](auto* a, auto* b) { return a->id() < b->id(); });
  for (const TrackBuffer* b : workers) add(*b);
  return out;
}

}  // namespace parakit::trace
