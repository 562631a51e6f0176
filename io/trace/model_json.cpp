#include "io/trace/model.hpp"

#include <stdexcept>

namespace parakit::trace {
namespace {

TrackRole role_from_name(const std::string& name) {
  if (name == "phases") return TrackRole::phases;
  if (name == "mpi") return TrackRole::mpi;
  if (name == "worker") return TrackRole::worker;
  throw std::runtime_error("trace: unknown track role '" + name + "'");
}

nlohmann::json to_json(const ClockOffset& c) {
  return {{"seconds", c.seconds}, {"error_bound", c.error_bound}, {"shared_clock", c.shared_clock}};
}

ClockOffset offset_from_json(const nlohmann::json& j) {
  return {j.at("seconds").get<double>(), j.at("error_bound").get<double>(), j.value("shared_clock", false)};
}

}  // namespace

std::string_view role_name(TrackRole role) {
  switch (role) {
    case TrackRole::phases: return "phases";
    case TrackRole::mpi: return "mpi";
    case TrackRole::worker: return "worker";
  }
  return "worker";
}

nlohmann::json to_json(const RankTrace& rank) {
  nlohmann::json tracks = nlohmann::json::array();
  for (const Track& t : rank.tracks) {
    nlohmann::json spans = nlohmann::json::array();
    for (const Span& s : t.spans) spans.push_back({s.name, s.kind, s.start, s.end, s.args});
    tracks.push_back({{"role", role_name(t.role)}, {"id", t.id}, {"name", t.name}, {"spans", std::move(spans)}});
  }
  nlohmann::json counters = nlohmann::json::array();
  for (const CounterSample& c : rank.counters) counters.push_back({c.name, c.time, c.value});
  return {{"rank", rank.rank},
          {"host", rank.host},
          {"label", rank.label},
          {"clock_at_start", to_json(rank.clock_at_start)},
          {"clock_at_end", to_json(rank.clock_at_end)},
          {"tracks", std::move(tracks)},
          {"counters", std::move(counters)}};
}

RankTrace rank_trace_from_json(const nlohmann::json& j) {
  RankTrace rank;
  rank.rank = j.at("rank").get<int>();
  rank.host = j.at("host").get<std::string>();
  rank.label = j.value("label", "");
  rank.clock_at_start = offset_from_json(j.at("clock_at_start"));
  rank.clock_at_end = offset_from_json(j.at("clock_at_end"));
  for (const auto& t : j.at("tracks")) {
    Track track{role_from_name(t.at("role").get<std::string>()), t.at("id").get<int>(), t.at("name").get<std::string>(), {}};
    for (const auto& s : t.at("spans")) {
      track.spans.push_back({s.at(0).get<std::string>(), s.at(1).get<std::string>(), s.at(2).get<double>(),
                             s.at(3).get<double>(), s.at(4)});
    }
    rank.tracks.push_back(std::move(track));
  }
  for (const auto& c : j.at("counters")) {
    rank.counters.push_back({c.at(0).get<std::string>(), c.at(1).get<double>(), c.at(2).get<double>()});
  }
  return rank;
}

}  // namespace parakit::trace
