#include "io/trace/svg_timeline.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

#include "io/trace/analysis.hpp"
#include "io/trace/output_file.hpp"

namespace parakit::trace {
namespace {

constexpr double kMinLabelWidth = 150.0;
constexpr double kLabelCharWidth = 6.4;  // DejaVu Sans at 11 px, on average
constexpr double kRightMargin = 24.0;
constexpr double kHeaderHeight = 58.0;
constexpr double kPhaseBand = 18.0;
constexpr double kMinBarPx = 0.6;  // narrower runs of bars are merged

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters are not allowed in XML 1.0 at all.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') out += c;
    }
  }
  return out;
}

// Colour-blind-safe palette (Tableau 10), fixed for the kinds the kit records.
std::string colour_of(const std::string& kind) {
  static const std::map<std::string, std::string, std::less<>> known = {
      {"task", "#4e79a7"},     {"download", "#59a14f"}, {"retry", "#edc948"}, {"failed", "#e15759"},
      {"mpi", "#f28e2b"},      {"set-up", "#bab0ac"},   {"compute", "#a0cbe8"}, {"gather", "#f28e2b"},
      {"write", "#76b7b2"},    {"io", "#59a14f"},       {"cpu", "#4e79a7"},
  };
  static const char* spare[] = {"#b07aa1", "#ff9da7", "#9c755f", "#8cd17d", "#86bcb6", "#d37295"};
  if (auto found = known.find(kind); found != known.end()) return found->second;
  return spare[std::hash<std::string>{}(kind) % std::size(spare)];
}

std::string seconds_text(double s) {
  if (s >= 100.0) return fmt::format("{:.0f} s", s);
  if (s >= 1.0) return fmt::format("{:.2f} s", s);
  if (s >= 1e-3) return fmt::format("{:.1f} ms", s * 1e3);
  return fmt::format("{:.0f} us", s * 1e6);
}

std::string describe_args(const nlohmann::json& args) {
  std::string out;
  if (!args.is_object()) return out;
  for (const auto& [key, value] : args.items()) {
    out += fmt::format("\n{}: {}", key, value.is_string() ? value.get<std::string>() : value.dump());
  }
  return out;
}

// Tick labels with just the decimals the step needs: "0 s", "0.5 s", "250 ms".
std::string tick_text(double t, double step) {
  if (step >= 1.0) return fmt::format("{:.0f} s", t);
  if (step >= 0.1) return fmt::format("{:.1f} s", t);
  if (step >= 0.01) return fmt::format("{:.2f} s", t);
  if (step >= 1e-3) return fmt::format("{:.0f} ms", t * 1e3);
  if (step >= 1e-4) return fmt::format("{:.1f} ms", t * 1e3);
  return fmt::format("{:.0f} us", t * 1e6);
}

// Breaks a long title at spaces into lines of at most `width` characters.
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> lines(1);
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t next = text.find(' ', at);
    if (next == std::string::npos) next = text.size();
    const std::string word = text.substr(at, next - at);
    if (!lines.back().empty() && lines.back().size() + 1 + word.size() > width) lines.emplace_back();
    if (!lines.back().empty()) lines.back() += ' ';
    lines.back() += word;
    at = next + 1;
  }
  return lines;
}

std::string row_label(const RankTrace& rank) {
  if (!rank.label.empty()) return rank.label;
  return rank.host.empty() ? fmt::format("rank {}", rank.rank) : fmt::format("rank {} ({})", rank.rank, rank.host);
}

double nice_step(double range, int target_ticks) {
  if (range <= 0.0) return 1.0;
  const double raw = range / target_ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= m * magnitude) return m * magnitude;
  }
  return 10.0 * magnitude;
}

struct Scale {
  double t0, t1, x0, x1;
  double x(double t) const { return x0 + (t - t0) / (t1 - t0) * (x1 - x0); }
};

// One drawn bar: a span, or a run of spans too thin to draw one by one.
struct Bar {
  double start, end;
  std::string kind;
  std::string tooltip;
  int merged = 1;
};

std::vector<Bar> bars_for(const Track& track, const Scale& scale) {
  std::vector<Span> spans = track.spans;
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  std::vector<Bar> bars;
  for (const Span& s : spans) {
    const double px = scale.x(s.end) - scale.x(s.start);
    if (!bars.empty() && bars.back().kind == s.kind && px < kMinBarPx &&
        scale.x(s.start) - scale.x(bars.back().end) < kMinBarPx) {
      Bar& last = bars.back();
      last.end = std::max(last.end, s.end);
      ++last.merged;
      last.tooltip = fmt::format("{} {} spans, {} to {}", last.merged, s.kind, seconds_text(last.start), seconds_text(last.end));
      continue;
    }
    bars.push_back({s.start, s.end, s.kind,
                    fmt::format("{}: {} to {} ({}){}", s.name, seconds_text(s.start), seconds_text(s.end),
                                seconds_text(s.end - s.start), describe_args(s.args))});
  }
  return bars;
}

}  // namespace

std::string render_timeline_svg(const JobTrace& job, const TimelineOptions& options) {
  struct Row {
    const RankTrace* rank;
    const Track* track;
  };
  std::vector<Row> rows;
  double t_end = 0.0;
  const Track* root_phases = nullptr;
  for (const RankTrace& rank : job.ranks) {
    for (const Track& track : rank.tracks) {
      for (const Span& s : track.spans) t_end = std::max(t_end, s.end);
      if (track.role == TrackRole::worker) rows.push_back({&rank, &track});
      if (track.role == TrackRole::phases && rank.rank == 0) root_phases = &track;
    }
  }
  if (t_end <= 0.0) t_end = 1.0;
  const WorkerSpread spread = worker_spread(job);

  const double width = std::max(400, options.width_px);
  const double row_height = rows.size() <= 32 ? 16.0 : std::max(3.0, 520.0 / static_cast<double>(rows.size()));
  const double row_gap = row_height >= 10.0 ? 4.0 : 1.0;
  const std::string title = options.title.empty() ? job.program : options.title;
  const std::vector<std::string> title_lines = wrap(title, static_cast<std::size_t>(width / 8.5));
  const double header_height = kHeaderHeight + 18.0 * static_cast<double>(title_lines.size() - 1);
  const double rows_top = header_height + kPhaseBand + 10.0;
  const double rows_bottom = rows_top + static_cast<double>(rows.size()) * (row_height + row_gap);
  const double axis_height = 30.0;
  const double legend_top = rows_bottom + axis_height;
  const double height = legend_top + 30.0;
  // The label column fits the longest row label, up to 40% of the width.
  std::size_t longest = 0;
  for (const Row& row : rows) longest = std::max(longest, row_label(*row.rank).size() + row.track->name.size() + 5);
  const double label_width =
      std::clamp(static_cast<double>(longest) * kLabelCharWidth + 16.0, kMinLabelWidth, 0.4 * width);
  const Scale scale{0.0, t_end, label_width, width - kRightMargin};

  std::string svg;
  svg += fmt::format(R"svg(<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{0:.0f}" height="{1:.0f}" viewBox="0 0 {0:.0f} {1:.0f}" font-family="DejaVu Sans, Verdana, sans-serif" font-size="11">
<defs><pattern id="idle" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f4f4f4"/><line x1="0" y1="0" x2="0" y2="6" stroke="#d0d0d0" stroke-width="2"/></pattern></defs>
<rect width="100%" height="100%" fill="white"/>
)svg",
                     width, height);

  double line_y = 20.0;
  for (const std::string& line : title_lines) {
    svg += fmt::format(R"svg(<text x="12" y="{:.0f}" font-size="14" font-weight="bold">{}</text>)svg" "\n", line_y,
                       escape(line));
    line_y += 18.0;
  }
  std::string figures = !options.summary.empty() ? options.summary
                        : spread.workers == 0
                            ? std::string("no worker spans recorded")
                            : fmt::format("imbalance {:.1f}% (slowest worker busy {}, mean {}), idle {:.0f}% of worker time, {} workers on {} ranks",
                                          100.0 * spread.imbalance, seconds_text(spread.slowest_busy),
                                          seconds_text(spread.mean_busy), 100.0 * spread.idle_fraction, spread.workers,
                                          job.ranks.size());
  svg += fmt::format(R"svg(<text class="imbalance" x="12" y="{:.0f}">{}</text>)svg" "\n", line_y, escape(figures));
  svg += fmt::format(R"svg(<text x="12" y="{:.0f}" fill="#666">hatched = idle; hover a bar for details; time since the job started</text>)svg" "\n",
                     line_y + 14);

  // Rank 0's phases: where set-up, compute, gather and write fall.
  const double band_top = header_height;
  if (root_phases && !root_phases->spans.empty()) {
    svg += fmt::format(R"svg(<text x="{:.1f}" y="{:.1f}" text-anchor="end">phases (rank 0)</text>)svg" "\n",
                       label_width - 8, band_top + 12);
    svg += "<g class=\"phases\">\n";
    for (const Span& s : root_phases->spans) {
      const double x0 = scale.x(s.start), x1 = scale.x(s.end);
      svg += fmt::format(R"svg(<rect x="{:.2f}" y="{:.1f}" width="{:.2f}" height="{:.1f}" fill="{}"><title>{}</title></rect>)svg"
                         "\n",
                         x0, band_top, std::max(0.5, x1 - x0), kPhaseBand - 2, colour_of(s.name),
                         escape(fmt::format("{}: {} to {} ({})", s.name, seconds_text(s.start), seconds_text(s.end),
                                            seconds_text(s.end - s.start))));
      if (x1 - x0 > 7.0 * static_cast<double>(s.name.size())) {
        svg += fmt::format(R"svg(<text x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>)svg" "\n", (x0 + x1) / 2,
                           band_top + 12, escape(s.name));
      }
    }
    svg += "</g>\n";
  }

  // Which worker was busiest: its label is drawn in bold red.
  const Track* slowest = nullptr;
  double slowest_busy = -1.0;
  for (const Row& row : rows) {
    double busy = 0.0;
    for (const Span& s : row.track->spans) busy += s.end - s.start;
    if (busy > slowest_busy) slowest_busy = busy, slowest = row.track;
  }

  std::map<std::string, bool> kinds_seen;
  double y = rows_top;
  for (const Row& row : rows) {
    const RankTrace& rank = *row.rank;
    const Track& track = *row.track;
    svg += fmt::format(R"svg(<g class="worker" data-rank="{}" data-thread="{}">)svg" "\n", rank.rank, track.id);
    if (row_height >= 9.0) {
      const bool is_slowest = &track == slowest && rows.size() > 1 && options.summary.empty();
      svg += fmt::format(R"svg(<text x="{:.1f}" y="{:.1f}" text-anchor="end"{}>{}</text>)svg" "\n", label_width - 8,
                         y + row_height - 4, is_slowest ? R"svg( font-weight="bold" fill="#c03030")svg" : "",
                         escape(fmt::format("{} · {}{}", row_label(rank), track.name, is_slowest ? " *" : "")));
    }
    svg += fmt::format(R"svg(<rect x="{:.2f}" y="{:.1f}" width="{:.2f}" height="{:.1f}" fill="#fafafa"/>)svg" "\n",
                       scale.x0, y, scale.x1 - scale.x0, row_height);
    if (spread.workers > 0) {
      const double x0 = scale.x(spread.window_start), x1 = scale.x(spread.window_end);
      svg += fmt::format(R"svg(<rect class="idle" x="{:.2f}" y="{:.1f}" width="{:.2f}" height="{:.1f}" fill="url(#idle)"/>)svg" "\n",
                         x0, y, std::max(0.0, x1 - x0), row_height);
    }
    for (const Bar& bar : bars_for(track, scale)) {
      kinds_seen[bar.kind] = true;
      const double x0 = scale.x(bar.start), x1 = scale.x(bar.end);
      const double w = std::max(kMinBarPx, x1 - x0);
      svg += fmt::format(R"svg(<rect class="bar" x="{:.2f}" y="{:.1f}" width="{:.2f}" height="{:.1f}" fill="{}"{}><title>{}</title></rect>)svg" "\n",
                         x0, y, w, row_height, colour_of(bar.kind),
                         w > 3.0 ? R"svg( stroke="white" stroke-width="0.6")svg" : "", escape(bar.tooltip));
    }
    svg += "</g>\n";
    y += row_height + row_gap;
  }

  // Time axis.
  const double step = nice_step(t_end, 10);
  svg += fmt::format(R"svg(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="#444"/>)svg" "\n", scale.x0,
                     rows_bottom + 2, scale.x1, rows_bottom + 2);
  for (double t = 0.0; t <= t_end + step * 1e-9; t += step) {
    const double x = scale.x(t);
    svg += fmt::format(R"svg(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="#444"/><text x="{0:.1f}" y="{3:.1f}" text-anchor="middle">{4}</text>)svg" "\n",
                       x, rows_bottom + 2, rows_bottom + 7, rows_bottom + 19, escape(tick_text(t, step)));
  }

  // Legend: every kind drawn, and idle.
  double x = label_width;
  auto legend_entry = [&](const std::string& fill, const std::string& label) {
    svg += fmt::format(R"svg(<rect x="{:.1f}" y="{:.1f}" width="12" height="12" fill="{}" stroke="#888" stroke-width="0.5"/><text x="{:.1f}" y="{:.1f}">{}</text>)svg" "\n",
                       x, legend_top, fill, x + 16, legend_top + 10, escape(label));
    x += 28.0 + 7.0 * static_cast<double>(label.size());
  };
  for (const auto& [kind, seen] : kinds_seen) legend_entry(colour_of(kind), kind == "mpi" ? "waiting in MPI" : kind);
  legend_entry("url(#idle)", "idle");
  svg += "</svg>\n";
  return svg;
}

void write_timeline_svg(const JobTrace& job, const std::filesystem::path& path, const TimelineOptions& options) {
  write_text_file(path, render_timeline_svg(job, options));
}

}  // namespace parakit::trace
