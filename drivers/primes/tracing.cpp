#include "drivers/primes/tracing.hpp"

#include <fmt/format.h>

#include "drivers/primes/report.hpp"
#include "io/trace/analysis.hpp"
#include "io/trace/chrome_trace.hpp"
#include "io/trace/svg_timeline.hpp"

namespace parakit::primes {
namespace {

constexpr std::int64_t kShortestWaitNs = 1000;  // shorter gaps are loop overhead, not waiting

std::int64_t to_ns(std::chrono::steady_clock::time_point t) { return trace::TrackBuffer::to_ns(t); }

// What a task covered, for the span's details: item indices, and for --range the numbers.
nlohmann::json task_args(const Job& job, const TaskTiming& t) {
  nlohmann::json args = {{"task", t.task}, {"primes found", t.found}};
  const TaskSpan span = task_span(job.plan, t.task);
  if (span.empty) return args;
  args["items"] = fmt::format("{}..{}", span.first, span.last);
  args["count"] = span.last - span.first + 1;
  if (is_range(job.workload)) {
    args["numbers"] = fmt::format("{}..{}", item_value(job.workload, span.first), item_value(job.workload, span.last));
  }
  return args;
}

}  // namespace

void record_tasks(trace::TraceRecorder& recorder, const Job& job, const RankOutcome& outcome,
                  std::chrono::steady_clock::time_point compute_origin, bool tasks_come_over_mpi) {
  if (!recorder.enabled()) return;
  const std::int64_t origin = to_ns(compute_origin);
  auto at = [origin](double seconds) { return origin + static_cast<std::int64_t>(seconds * 1e9); };
  for (const WorkerLog& w : outcome.workers) {
    trace::TrackBuffer& track = recorder.worker(w.thread, fmt::format("worker {}", w.thread));
    track.reserve(w.timeline.size() * (tasks_come_over_mpi ? 2 : 1));
    double previous_end = 0.0;
    for (const TaskTiming& t : w.timeline) {
      if (tasks_come_over_mpi && at(t.start) - at(previous_end) >= kShortestWaitNs) {
        track.span("wait for next task", "mpi", at(previous_end), at(t.start));
      }
      track.span(fmt::format("task {}", t.task), "task", at(t.start), at(t.end), task_args(job, t));
      previous_end = t.end;
    }
  }
}

std::string trace_title(const Options& options, const Job& job, int ranks) {
  auto plural = [](auto n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); };
  return fmt::format("primes --driver {} --schedule {} --kernel {}: {} x {}, {}", driver_name(options.driver),
                     schedule_name(job.schedule), kernel_name(job.kernel), plural(ranks, "rank"),
                     plural(job.threads, "thread"), describe_workload(options, job));
}

void write_trace_files(trace::TraceRecorder& recorder, MPI_Comm comm, const std::string& trace_path,
                       const std::string& timeline_path, const std::string& title, nlohmann::json metadata) {
  if (!recorder.enabled()) return;
  trace::JobTrace job = recorder.gather(comm, "primes");
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  if (rank != 0) return;
  job.metadata = std::move(metadata);
  trace::add_countdown_counter(job, "task", "tasks left");
  if (!trace_path.empty()) trace::write_chrome_trace(job, trace_path);
  if (!timeline_path.empty()) {
    trace::TimelineOptions look;
    look.title = title;
    trace::write_timeline_svg(job, timeline_path, look);
  }
}

}  // namespace parakit::primes
