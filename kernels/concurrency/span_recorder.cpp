#include "kernels/concurrency/span_recorder.hpp"

#include <algorithm>
#include <utility>

namespace parakit {

void SpanRecorder::record(std::size_t thread, std::string kind, Clock::time_point start,
                          Clock::time_point end) {
  Span span{thread, ms_since_origin(start), ms_since_origin(end), std::move(kind)};
  std::lock_guard lock(mutex_);
  spans_.push_back(std::move(span));
}

std::vector<Span> SpanRecorder::spans() const {
  std::vector<Span> copy;
  {
    std::lock_guard lock(mutex_);
    copy = spans_;
  }
  std::stable_sort(copy.begin(), copy.end(),
                   [](const Span& a, const Span& b) { return a.start_ms < b.start_ms; });
  return copy;
}

double SpanRecorder::ms_since_origin(Clock::time_point when) const {
  return std::chrono::duration<double, std::milli>(when - origin_).count();
}

std::size_t max_overlap(const std::vector<Span>& spans, std::string_view kind) {
  // Sweep line: +1 at each start, -1 at each end; ends sort before starts at
  // the same instant so touching spans are not counted together.
  std::vector<std::pair<double, int>> edges;
  for (const Span& span : spans) {
    if (span.kind != kind) continue;
    edges.emplace_back(span.start_ms, +1);
    edges.emplace_back(span.end_ms, -1);
  }
  std::sort(edges.begin(), edges.end());
  std::size_t open = 0;
  std::size_t most = 0;
  for (const auto& [when, delta] : edges) {
    open = delta > 0 ? open + 1 : open - 1;
    most = std::max(most, open);
  }
  return most;
}

}  // namespace parakit
