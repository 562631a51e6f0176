#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace parakit {

// One stretch of time a thread spent on one kind of work ("cpu", "io", ...),
// in milliseconds since the recorder's origin.
struct Span {
  std::size_t thread = 0;
  double start_ms = 0;
  double end_ms = 0;
  std::string kind;
};

// Collects spans from many threads. Lessons record what each thread did so the
// claims they make ("these never overlap") can be checked from data, and so a
// trace writer can draw the same spans on a timeline.
class SpanRecorder {
 public:
  using Clock = std::chrono::steady_clock;

  SpanRecorder() : origin_(Clock::now()) {}
  SpanRecorder(const SpanRecorder&) = delete;
  SpanRecorder& operator=(const SpanRecorder&) = delete;

  void record(std::size_t thread, std::string kind, Clock::time_point start, Clock::time_point end);

  // Every span so far, ordered by start time.
  std::vector<Span> spans() const;

  double ms_since_origin(Clock::time_point when) const;
  Clock::time_point origin() const { return origin_; }

 private:
  const Clock::time_point origin_;
  mutable std::mutex mutex_;
  std::vector<Span> spans_;
};

// Records [construction, destruction) of a scope as one span.
class ScopedSpan {
 public:
  ScopedSpan(SpanRecorder& recorder, std::size_t thread, std::string kind)
      : recorder_(recorder), thread_(thread), kind_(std::move(kind)), start_(SpanRecorder::Clock::now()) {}
  ~ScopedSpan() { recorder_.record(thread_, std::move(kind_), start_, SpanRecorder::Clock::now()); }
  ScopedSpan(const ScopedSpan&) = delete;
  ScopedSpan& operator=(const ScopedSpan&) = delete;

 private:
  SpanRecorder& recorder_;
  std::size_t thread_;
  std::string kind_;
  SpanRecorder::Clock::time_point start_;
};

// The largest number of spans of `kind` open at one instant. Spans that merely
// touch (one ends exactly when the next starts) do not count as overlapping.
std::size_t max_overlap(const std::vector<Span>& spans, std::string_view kind);

}  // namespace parakit
