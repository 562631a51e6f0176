#include "drivers/download/report.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "drivers/download/combine.hpp"
#include "io/http/file_naming.hpp"
#include "io/table.hpp"

namespace parakit::download {
namespace {

struct Totals {
  std::size_t ok = 0, failed = 0;
  std::uint64_t bytes = 0;
  double transfer_seconds = 0.0;  // the sum over files: what one-at-a-time would roughly take
};

Totals totals(const std::vector<FileRecord>& files) {
  Totals t;
  for (const FileRecord& f : files) {
    (f.ok ? t.ok : t.failed) += 1;
    if (f.ok) t.bytes += f.bytes;
    t.transfer_seconds += f.end - f.start;
  }
  return t;
}

// The host of the rank that saved the file, from the run record.
std::string host_of(const Report& r, const FileRecord& f) {
  return static_cast<std::size_t>(f.rank) < r.record.hosts.size() ? r.record.hosts[static_cast<std::size_t>(f.rank)] : "";
}

// With "{host}" in -o, every host's own folder, in rank order.
std::vector<std::pair<std::string, std::string>> folders_per_host(const Report& r) {
  std::vector<std::pair<std::string, std::string>> folders;
  if (!http::has_host_pattern(r.job.out_dir_pattern)) return folders;
  for (const std::string& host : r.record.hosts) {
    if (std::none_of(folders.begin(), folders.end(), [&](const auto& f) { return f.first == host; })) {
      folders.emplace_back(host, http::expand_host_pattern(r.job.out_dir_pattern, host));
    }
  }
  return folders;
}

std::string describe_model(const Report& r) {
  switch (r.options.driver) {
    case Driver::serial: return "serial, one transfer at a time";
    case Driver::threads: return fmt::format("threads, {} threads with one connection each", r.job.jobs);
    case Driver::async: return fmt::format("async, {} transfers on one thread (libcurl multi)", r.job.jobs);
    case Driver::mpi:
      return fmt::format("mpi, {} rank{} x 1 transfer, schedule {}", r.ranks, r.ranks == 1 ? "" : "s", schedule_name(r.job.schedule));
    case Driver::hybrid:
      return fmt::format("hybrid, {} rank{} x {} transfer{} ({}), schedule {}", r.ranks, r.ranks == 1 ? "" : "s", r.job.jobs,
                         r.job.jobs == 1 ? "" : "s", rank_driver_name(r.job.rank_driver), schedule_name(r.job.schedule));
  }
  return "";
}

}  // namespace

std::string format_bytes(std::uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024.0;
  int unit = 0;
  while (value >= 1024.0 && unit < 3) {
    value /= 1024.0;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, units[unit]);
}

std::string render_table(const Report& r) {
  const Totals t = totals(r.files);
  std::string out = fmt::format("download: {}\n", r.source);
  out += fmt::format("  driver         {}\n", describe_model(r));
  out += fmt::format("  saved          {} of {} files, {}{}\n", t.ok, r.files.size(), format_bytes(t.bytes),
                     t.failed ? fmt::format(" ({} failed)", t.failed) : "");
  out += fmt::format("  wall time      {:.3f} s downloading, {:.3f} s start-up\n", r.seconds, r.startup_seconds);
  if (r.seconds > 0.0) {
    out += fmt::format("  overlap        {:.2f} s of transfers in {:.3f} s: {:.1f}x (1.0 is one at a time)\n",
                       t.transfer_seconds, r.seconds, t.transfer_seconds / r.seconds);
    out += fmt::format("  throughput     {}/s\n", format_bytes(static_cast<std::uint64_t>(static_cast<double>(t.bytes) / r.seconds)));
  }
  out += fmt::format("  output         {}{}\n", r.job.out_dir_pattern, r.out_dir_removed ? " (temporary, removed)" : "");
  for (const auto& [host, folder] : folders_per_host(r)) out += fmt::format("    on {:<10} {}\n", host, folder);
  if (!r.options.manifest.empty()) out += fmt::format("  manifest       {}\n", r.options.manifest);

  // Every failure is shown; successes only up to a screenful.
  constexpr std::size_t kMaxOkRows = 32;
  TextTable table({{"file"}, {"status"}, {"size", true}, {"seconds", true}, {"tries", true}, {"host"}, {"rank", true},
                   {"worker", true}, {"error"}});
  std::size_t ok_shown = 0, ok_hidden = 0;
  for (const FileRecord& f : r.files) {
    if (f.ok && ok_shown == kMaxOkRows) {
      ++ok_hidden;
      continue;
    }
    if (f.ok) ++ok_shown;
    const std::string name = r.job.files[f.index].name;
    table.add_row({name, f.ok ? "ok" : "failed", format_bytes(f.bytes), fmt::format("{:.3f}", f.end - f.start),
                   std::to_string(f.attempts), host_of(r, f), std::to_string(f.rank), std::to_string(f.worker), f.error});
  }
  out += "\n";
  out += table.render();
  if (ok_hidden > 0) out += fmt::format("  ... {} more files saved (see --json)\n", ok_hidden);
  return out;
}

nlohmann::json render_json(const Report& r) {
  const Totals t = totals(r.files);
  nlohmann::json files = nlohmann::json::array();
  for (const FileRecord& f : r.files) {
    files.push_back(to_json(f));
    files.back()["host"] = host_of(r, f);
  }
  nlohmann::json out = {
      {"source", r.source},
      {"driver", driver_name(r.options.driver)},
      {"rank_driver", rank_driver_name(r.job.rank_driver)},
      {"schedule", schedule_name(r.job.schedule)},
      {"ranks", r.ranks},
      {"jobs", r.job.jobs},
      {"output_dir", r.job.out_dir_pattern},
      {"seconds", r.seconds},
      {"startup_seconds", r.startup_seconds},
      {"files", files},
      {"totals",
       {{"files", r.files.size()}, {"ok", t.ok}, {"failed", t.failed}, {"bytes", t.bytes},
        {"transfer_seconds", t.transfer_seconds}}},
      {"run", to_json(r.record)},
  };
  if (r.options.experiment) {
    const ExperimentSettings& e = r.options.experiment_settings;
    out["experiment"] = {{"files", e.files}, {"size", e.size}, {"latency_ms", e.latency_ms}, {"rate", e.rate}};
  }
  if (!r.options.manifest.empty()) out["manifest"] = r.options.manifest;
  for (const auto& [host, folder] : folders_per_host(r)) out["output_dirs"][host] = folder;
  return out;
}

}  // namespace parakit::download
