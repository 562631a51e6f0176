#include "io/trace/analysis.hpp"

#include <algorithm>
#include <limits>

namespace parakit::trace {
namespace {

constexpr std::string_view kWaitKind = "mpi";

template <typename Visit>
void for_each_worker_span(const JobTrace& job, std::string_view kind, Visit visit) {
  for (const RankTrace& rank : job.ranks) {
    for (const Track& track : rank.tracks) {
      if (track.role != TrackRole::worker) continue;
      for (const Span& span : track.spans) {
        if (kind.empty() || span.kind == kind) visit(span);
      }
    }
  }
}

}  // namespace

WorkerSpread worker_spread(const JobTrace& job) {
  WorkerSpread s;
  double total_busy = 0.0;
  s.window_start = std::numeric_limits<double>::max();
  s.window_end = std::numeric_limits<double>::lowest();
  for (const RankTrace& rank : job.ranks) {
    for (const Track& track : rank.tracks) {
      if (track.role != TrackRole::worker) continue;
      ++s.workers;
      double busy = 0.0;
      for (const Span& span : track.spans) {
        if (span.kind == kWaitKind) continue;  // waiting is not work
        busy += span.end - span.start;
        s.window_start = std::min(s.window_start, span.start);
        s.window_end = std::max(s.window_end, span.end);
      }
      total_busy += busy;
      s.slowest_busy = std::max(s.slowest_busy, busy);
    }
  }
  if (s.workers == 0 || s.window_end < s.window_start) return WorkerSpread{};
  s.mean_busy = total_busy / static_cast<double>(s.workers);
  s.imbalance = s.mean_busy > 0.0 ? s.slowest_busy / s.mean_busy - 1.0 : 0.0;
  const double capacity = static_cast<double>(s.workers) * (s.window_end - s.window_start);
  s.idle_fraction = capacity > 0.0 ? std::clamp(1.0 - total_busy / capacity, 0.0, 1.0) : 0.0;
  return s;
}

void add_countdown_counter(JobTrace& job, std::string_view kind, std::string name) {
  if (job.ranks.empty()) return;
  std::vector<double> ends;
  double first_start = std::numeric_limits<double>::max();
  for_each_worker_span(job, kind, [&](const Span& s) {
    ends.push_back(s.end);
    first_start = std::min(first_start, s.start);
  });
  if (ends.empty()) return;
  std::sort(ends.begin(), ends.end());
  auto& counters = job.ranks.front().counters;
  double left = static_cast<double>(ends.size());
  counters.push_back({name, first_start, left});
  for (double end : ends) counters.push_back({name, end, --left});
}

void add_rate_counter(JobTrace& job, std::string_view kind, std::string_view arg, std::string name, int bins) {
  if (job.ranks.empty() || bins < 1) return;
  struct Piece {
    double start, end, amount;
  };
  std::vector<Piece> pieces;
  double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
  for_each_worker_span(job, kind, [&](const Span& s) {
    auto found = s.args.find(std::string(arg));
    if (found == s.args.end() || !found->is_number()) return;
    pieces.push_back({s.start, s.end, found->get<double>()});
    lo = std::min(lo, s.start);
    hi = std::max(hi, s.end);
  });
  if (pieces.empty() || hi <= lo) return;
  const double width = (hi - lo) / bins;
  std::vector<double> amount(static_cast<std::size_t>(bins), 0.0);
  for (const Piece& p : pieces) {
    const double duration = p.end - p.start;
    for (int b = 0; b < bins; ++b) {
      const double b_lo = lo + b * width, b_hi = b_lo + width;
      if (duration <= 0.0) {
        if (p.start >= b_lo && (p.start < b_hi || b == bins - 1)) {
          amount[static_cast<std::size_t>(b)] += p.amount;
          break;
        }
        continue;
      }
      const double overlap = std::min(p.end, b_hi) - std::max(p.start, b_lo);
      if (overlap > 0.0) amount[static_cast<std::size_t>(b)] += p.amount * overlap / duration;
    }
  }
  auto& counters = job.ranks.front().counters;
  for (int b = 0; b < bins; ++b) counters.push_back({name, lo + b * width, amount[static_cast<std::size_t>(b)] / width});
  counters.push_back({name, hi, 0.0});
}

}  // namespace parakit::trace
