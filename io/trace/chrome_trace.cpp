#include "io/trace/chrome_trace.hpp"

#include <algorithm>

#include "io/trace/output_file.hpp"

namespace parakit::trace {
namespace {

constexpr double kMicroseconds = 1e6;

nlohmann::json metadata(std::string_view what, int pid, int tid, nlohmann::json args) {
  nlohmann::json e = {{"name", what}, {"ph", "M"}, {"pid", pid}, {"args", std::move(args)}};
  if (tid >= 0) e["tid"] = tid;
  return e;
}

std::string rank_label(const RankTrace& rank) {
  if (!rank.label.empty()) return rank.label;
  return rank.host.empty() ? "rank " + std::to_string(rank.rank) : "rank " + std::to_string(rank.rank) + " (" + rank.host + ")";
}

int sort_index(const Track& track) {
  switch (track.role) {
    case TrackRole::phases: return 0;
    case TrackRole::mpi: return 1;
    case TrackRole::worker: return 2 + track.id;
  }
  return 0;
}

}  // namespace

int chrome_tid(TrackRole role, int id) {
  switch (role) {
    case TrackRole::phases: return 1;
    case TrackRole::mpi: return 2;
    case TrackRole::worker: return 10 + id;
  }
  return 10 + id;
}

nlohmann::json to_chrome_trace(const JobTrace& job) {
  nlohmann::json events = nlohmann::json::array();
  nlohmann::json clocks = nlohmann::json::array();
  for (const RankTrace& rank : job.ranks) {
    const int pid = rank.rank;
    events.push_back(metadata("process_name", pid, -1, {{"name", rank_label(rank)}}));
    events.push_back(metadata("process_sort_index", pid, -1, {{"sort_index", rank.rank}}));
    if (!rank.host.empty()) events.push_back(metadata("process_labels", pid, -1, {{"labels", rank.host}}));
    clocks.push_back({{"rank", rank.rank},
                      {"host", rank.host},
                      {"offset_seconds_at_start", rank.clock_at_start.seconds},
                      {"error_bound_seconds_at_start", rank.clock_at_start.error_bound},
                      {"offset_seconds_at_end", rank.clock_at_end.seconds},
                      {"error_bound_seconds_at_end", rank.clock_at_end.error_bound},
                      {"method", rank.clock_at_start.shared_clock ? "same kernel as rank 0 (boot id): offset 0"
                                                                  : "Cristian, best round trip of several"}});
    for (const Track& track : rank.tracks) {
      if (track.spans.empty() && track.role != TrackRole::worker) continue;  // no empty "MPI waits" rows
      const int tid = chrome_tid(track.role, track.id);
      events.push_back(metadata("thread_name", pid, tid, {{"name", track.name}}));
      events.push_back(metadata("thread_sort_index", pid, tid, {{"sort_index", sort_index(track)}}));
      for (const Span& span : track.spans) {
        events.push_back({{"name", span.name},
                          {"cat", span.kind},
                          {"ph", "X"},
                          {"ts", span.start * kMicroseconds},
                          {"dur", std::max(0.0, span.end - span.start) * kMicroseconds},
                          {"pid", pid},
                          {"tid", tid},
                          {"args", span.args}});
      }
    }
    for (const CounterSample& c : rank.counters) {
      events.push_back({{"name", c.name},
                        {"ph", "C"},
                        {"ts", c.time * kMicroseconds},
                        {"pid", pid},
                        {"args", {{c.name, c.value}}}});
    }
  }
  return {{"traceEvents", std::move(events)},
          {"displayTimeUnit", "ms"},
          {"otherData", {{"program", job.program}, {"clocks", std::move(clocks)}, {"run", job.metadata}}}};
}

void write_chrome_trace(const JobTrace& job, const std::filesystem::path& path) {
  write_text_file(path, to_chrome_trace(job).dump() + "\n");
}

}  // namespace parakit::trace
