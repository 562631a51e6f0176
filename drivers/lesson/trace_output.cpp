#include "drivers/lesson/trace_output.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

#include "io/trace/chrome_trace.hpp"
#include "io/trace/svg_timeline.hpp"

namespace parakit::lesson {
namespace {

constexpr double kGapBetweenCases = 0.02;  // of the longest case, so cases stay apart on the picture

bool is_span_list(const nlohmann::json& value) {
  return value.is_array() && !value.empty() && std::all_of(value.begin(), value.end(), [](const nlohmann::json& s) {
           return s.is_object() && s.contains("thread") && s.contains("start_ms") && s.contains("end_ms");
         });
}

// "cpu, 2 threads, gil" from the settings next to the spans: words first, then
// counts, then switches.
std::string case_label(const nlohmann::json& owner, std::size_t number) {
  std::vector<std::string> words, counts, switches;
  for (const auto& [key, value] : owner.items()) {
    if (value.is_string()) {
      words.push_back(value.get<std::string>());
    } else if (value.is_boolean()) {
      switches.push_back(value.get<bool>() ? key : "no " + key);
    } else if (value.is_number_integer() && (key == "threads" || key == "workers" || key == "processes")) {
      const long long n = value.get<long long>();
      counts.push_back(fmt::format("{} {}", n, n == 1 ? key.substr(0, key.size() - 1) : key));
    }
  }
  std::string settings;
  for (const auto* group : {&words, &counts, &switches}) {
    for (const std::string& part : *group) settings += (settings.empty() ? "" : ", ") + part;
  }
  const std::string label = fmt::format("case {}", number);
  return settings.empty() ? label : label + ": " + settings;
}

void collect(const nlohmann::json& node, std::vector<std::pair<const nlohmann::json*, const nlohmann::json*>>& found) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "spans" && is_span_list(value)) {
        found.push_back({&node, &value});
      } else {
        collect(value, found);
      }
    }
  } else if (node.is_array()) {
    for (const auto& value : node) collect(value, found);
  }
}

}  // namespace

trace::JobTrace lesson_trace(std::string_view lesson, const nlohmann::json& figures) {
  trace::JobTrace job;
  job.program = fmt::format("lesson {}", lesson);
  std::vector<std::pair<const nlohmann::json*, const nlohmann::json*>> cases;
  collect(figures, cases);

  double longest = 0.0;
  for (const auto& [owner, spans] : cases) {
    for (const auto& s : *spans) longest = std::max(longest, s.at("end_ms").get<double>() / 1e3);
  }
  double offset = 0.0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& [owner, spans] = cases[i];
    trace::RankTrace process;
    process.rank = static_cast<int>(i);
    process.label = case_label(*owner, i + 1);
    std::map<int, trace::Track> threads;
    double end = 0.0;
    for (const auto& s : *spans) {
      const int thread = s.at("thread").get<int>();
      auto [it, fresh] = threads.try_emplace(thread);
      if (fresh) it->second = {trace::TrackRole::worker, thread, fmt::format("thread {}", thread), {}};
      const double start = s.at("start_ms").get<double>() / 1e3, stop = s.at("end_ms").get<double>() / 1e3;
      const std::string kind = s.value("kind", "work");
      it->second.spans.push_back({kind, kind, offset + start, offset + stop, {{"thread", thread}}});
      end = std::max(end, stop);
    }
    for (auto& [id, track] : threads) process.tracks.push_back(std::move(track));
    job.ranks.push_back(std::move(process));
    offset += end + kGapBetweenCases * longest;
  }
  return job;
}

std::string no_spans_problem(std::string_view lesson) {
  return fmt::format("lesson {} records no per-thread spans, so there is nothing to trace (try lesson gil)", lesson);
}

std::string write_lesson_trace(std::string_view lesson, const nlohmann::json& figures, const std::string& trace_path,
                               const std::string& timeline_path) {
  if (trace_path.empty() && timeline_path.empty()) return {};
  const trace::JobTrace job = lesson_trace(lesson, figures);
  if (job.ranks.empty()) return no_spans_problem(lesson);
  std::size_t threads = 0;
  for (const trace::RankTrace& process : job.ranks) threads += process.tracks.size();
  if (!trace_path.empty()) trace::write_chrome_trace(job, trace_path);
  if (!timeline_path.empty()) {
    trace::TimelineOptions options;
    options.title = fmt::format("lesson {}: every case, one after another", lesson);
    options.summary = fmt::format("{} cases, {} thread rows; colours are the kinds of work the lesson recorded",
                                  job.ranks.size(), threads);
    trace::write_timeline_svg(job, timeline_path, options);
  }
  return {};
}

}  // namespace parakit::lesson
