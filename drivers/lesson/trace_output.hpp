#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "io/trace/model.hpp"

namespace parakit::lesson {

// Lessons that record what their threads did (SpanRecorder) report it in their
// figures as "spans": [{thread, start_ms, end_ms, kind}, ...], once per case
// they run. This turns every such list into one process of a trace, labelled
// from the case's own settings ("case 3: cpu, 4 threads, gil"), one thread
// track per lesson thread, and places the cases one after another, as they ran.
// An empty trace (no ranks) means the lesson recorded no spans.
trace::JobTrace lesson_trace(std::string_view lesson, const nlohmann::json& figures);

// The one-line refusal of --trace/--timeline for a lesson that records no spans.
std::string no_spans_problem(std::string_view lesson);

// Writes the trace and/or the SVG timeline (an empty path: not wanted). Returns
// a one-line message when the lesson recorded no spans (bad input: exit 2);
// throws std::runtime_error when a file cannot be written.
std::string write_lesson_trace(std::string_view lesson, const nlohmann::json& figures, const std::string& trace_path,
                               const std::string& timeline_path);

}  // namespace parakit::lesson
