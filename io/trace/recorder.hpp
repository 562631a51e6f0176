#pragma once

#include <mpi.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/trace/clock_sync.hpp"
#include "io/trace/model.hpp"

namespace parakit::trace {

// A span as recorded: stamped on this process's steady clock, converted to the
// job's time base only when the trace is gathered.
struct RawSpan {
  std::string name;
  std::string kind;
  std::int64_t start_ns = 0;
  std::int64_t end_ns = 0;
  nlohmann::json args;
};

// One thread's spans. Exactly one thread appends to a buffer, so recording takes
// no lock: a span costs one push_back (about a microsecond with arguments) and,
// when tracing is off, one branch. In a hot loop, build the arguments only when
// enabled(): `if (track.enabled()) track.span(name, kind, t0, t1, {{"bytes", n}});`
class TrackBuffer {
 public:
  TrackBuffer(TrackRole role, int id, std::string name, bool enabled)
      : role_(role), id_(id), name_(std::move(name)), enabled_(enabled) {}

  bool enabled() const { return enabled_; }
  void reserve(std::size_t spans) {
    if (enabled_) spans_.reserve(spans);
  }
  void span(std::string_view name, std::string_view kind, std::int64_t start_ns, std::int64_t end_ns,
            nlohmann::json args = nlohmann::json::object()) {
    if (!enabled_) return;
    spans_.push_back({std::string(name), std::string(kind), start_ns, end_ns, std::move(args)});
  }
  void span(std::string_view name, std::string_view kind, std::chrono::steady_clock::time_point start,
            std::chrono::steady_clock::time_point end, nlohmann::json args = nlohmann::json::object()) {
    span(name, kind, to_ns(start), to_ns(end), std::move(args));
  }
  // A sample of a counter track (tasks left, bytes per second, ...).
  void counter(std::string_view name, std::int64_t at_ns, double value) {
    if (!enabled_) return;
    counters_.push_back({std::string(name), at_ns, value});
  }

  TrackRole role() const { return role_; }
  int id() const { return id_; }
  const std::string& name() const { return name_; }
  const std::vector<RawSpan>& spans() const { return spans_; }

  struct RawCounter {
    std::string name;
    std::int64_t at_ns = 0;
    double value = 0.0;
  };
  const std::vector<RawCounter>& counters() const { return counters_; }

  static std::int64_t to_ns(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  }

 private:
  TrackRole role_;
  int id_;
  std::string name_;
  bool enabled_;
  std::vector<RawSpan> spans_;
  std::vector<RawCounter> counters_;
};

// Everything one rank records. Create one per rank, right after MPI is up:
// construction is collective when tracing is on (it measures the clock offset to
// rank 0) and free when it is off.
//
// Threads get their own TrackBuffer once, before their hot loop (worker() takes a
// mutex, span() does not); the buffers live as long as the recorder.
class TraceRecorder {
 public:
  TraceRecorder(MPI_Comm comm, bool enabled, ClockPolicy clocks = ClockPolicy::trust_shared_kernel);
  TraceRecorder(const TraceRecorder&) = delete;
  TraceRecorder& operator=(const TraceRecorder&) = delete;

  bool enabled() const { return enabled_; }

  // The rank's phases (set-up, compute, gather, write) and its waits in MPI.
  TrackBuffer& phases() { return phases_; }
  TrackBuffer& mpi() { return mpi_; }
  // Worker `thread` of this rank; the same buffer for the same number.
  TrackBuffer& worker(int thread, std::string name = {});

  // Collective: measures the clock offset again (for drift), converts every span
  // to the job's time base and sends it to rank 0. Rank 0 gets the whole job;
  // the other ranks get an empty trace. The recorder keeps its spans.
  JobTrace gather(MPI_Comm comm, std::string program);

  // When the job's clock starts: rank 0's recorder construction.
  std::int64_t origin_ns() const { return origin_ns_; }

 private:
  RankTrace convert(int rank, const MeasuredOffset& at_end, std::int64_t end_local_ns) const;

  bool enabled_;
  ClockPolicy clocks_;
  std::int64_t start_local_ns_ = 0;
  std::int64_t origin_ns_ = 0;  // on rank 0's clock
  MeasuredOffset at_start_;
  TrackBuffer phases_;
  TrackBuffer mpi_;
  std::mutex workers_mutex_;
  std::deque<TrackBuffer> workers_;  // deque: references stay valid as workers join
};

// Records [construction, destruction) as one span: phases and MPI waits.
class ScopedSpan {
 public:
  ScopedSpan(TrackBuffer& buffer, std::string_view name, std::string_view kind,
             nlohmann::json args = nlohmann::json::object())
      : buffer_(buffer), name_(name), kind_(kind), args_(std::move(args)),
        start_ns_(buffer.enabled() ? steady_now_ns() : 0) {}
  ~ScopedSpan() {
    if (buffer_.enabled()) buffer_.span(name_, kind_, start_ns_, steady_now_ns(), std::move(args_));
  }
  ScopedSpan(const ScopedSpan&) = delete;
  ScopedSpan& operator=(const ScopedSpan&) = delete;

 private:
  TrackBuffer& buffer_;
  std::string name_;
  std::string kind_;
  nlohmann::json args_;
  std::int64_t start_ns_;
};

}  // namespace parakit::trace
