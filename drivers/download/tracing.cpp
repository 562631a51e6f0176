#include "drivers/download/tracing.hpp"

#include <fmt/format.h>

#include "io/trace/analysis.hpp"
#include "io/trace/chrome_trace.hpp"
#include "io/trace/svg_timeline.hpp"

namespace parakit::download {
namespace {

const char* kind_of(const FileRecord& f) {
  if (!f.ok) return "failed";
  return f.attempts > 1 ? "retry" : "download";
}

}  // namespace

void record_transfers(trace::TraceRecorder& recorder, const RankOutcome& outcome,
                      std::chrono::steady_clock::time_point download_origin, bool async_slots) {
  if (!recorder.enabled()) return;
  const std::int64_t origin = trace::TrackBuffer::to_ns(download_origin);
  auto at = [origin](double seconds) { return origin + static_cast<std::int64_t>(seconds * 1e9); };
  for (const FileRecord& f : outcome.records) {
    trace::TrackBuffer& track =
        recorder.worker(f.worker, fmt::format("{} {}", async_slots ? "transfer slot" : "worker", f.worker));
    nlohmann::json args = {{"url", f.url}, {"bytes", f.bytes}, {"attempts", f.attempts}, {"file", f.path}};
    if (f.http_status != 0) args["http status"] = f.http_status;
    if (f.resumed_from != 0) args["resumed from byte"] = f.resumed_from;
    if (!f.error.empty()) args["error"] = f.error;
    track.span(f.path.empty() ? f.url : std::filesystem::path(f.path).filename().string(), kind_of(f), at(f.start),
               at(f.end), std::move(args));
  }
}

void write_trace_files(trace::TraceRecorder& recorder, MPI_Comm comm, const std::string& trace_path,
                       const std::string& timeline_path, const std::string& title, nlohmann::json metadata) {
  if (!recorder.enabled()) return;
  trace::JobTrace job = recorder.gather(comm, "download");
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  if (rank != 0) return;
  job.metadata = std::move(metadata);
  trace::add_rate_counter(job, "", "bytes", "bytes/s");
  trace::add_countdown_counter(job, "", "files left");
  if (!trace_path.empty()) trace::write_chrome_trace(job, trace_path);
  if (!timeline_path.empty()) {
    trace::TimelineOptions look;
    look.title = title;
    trace::write_timeline_svg(job, timeline_path, look);
  }
}

}  // namespace parakit::download
