#include "drivers/primes/report.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <numeric>

#include "io/table.hpp"

namespace parakit::primes {
namespace {

struct Spread {
  double slowest = 0.0, fastest = 0.0, mean = 0.0;
};

Spread spread(const JobResult& result) {
  Spread s;
  if (result.workers.empty()) return s;
  s.fastest = result.workers.front().busy_seconds;
  double sum = 0.0;
  for (const WorkerStats& w : result.workers) {
    s.slowest = std::max(s.slowest, w.busy_seconds);
    s.fastest = std::min(s.fastest, w.busy_seconds);
    sum += w.busy_seconds;
  }
  s.mean = sum / static_cast<double>(result.workers.size());
  return s;
}

// The host of a worker's rank, from the run record.
std::string host_of(const Report& r, const WorkerStats& w) {
  const auto rank = static_cast<std::size_t>(w.rank);
  return rank < r.record.hosts.size() ? r.record.hosts[rank] : "";
}

}  // namespace

double imbalance(const JobResult& result) {
  const Spread s = spread(result);
  return s.mean > 0.0 ? s.slowest / s.mean - 1.0 : 0.0;
}

std::string describe_workload(const Options& options, const Job& job) {
  switch (options.workload) {
    case WorkloadKind::range: return fmt::format("the primes in [{}, {}]", options.lo, options.hi);
    case WorkloadKind::check:
      return fmt::format("{} numbers drawn from [{}, {}] (seed {})", group_digits(options.count), options.min,
                         options.max, options.seed);
    case WorkloadKind::numbers:
      return fmt::format("{} numbers from {}", group_digits(static_cast<unsigned long long>(item_count(job.workload))),
                         options.numbers_path == "-" ? "standard input" : options.numbers_path);
  }
  return "";
}

std::string render_table(const Report& r) {
  const Spread s = spread(r.result);
  std::string out;
  out += fmt::format("primes: {}\n", describe_workload(r.options, r.job));
  auto plural = [](auto n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); };
  out += fmt::format("  kernel {}, driver {}, {} x {}, schedule {} ({})\n", kernel_name(r.job.kernel),
                     driver_name(r.options.driver), plural(r.ranks, "rank"), plural(r.job.threads, "thread"),
                     schedule_name(r.job.schedule), plural(r.job.plan.tasks, "task"));
  out += fmt::format("  primes found   {} of {} numbers tested\n", group_digits(r.result.count),
                     group_digits(r.result.checked));
  out += fmt::format("  wall time      {:.3f} s compute, {:.3f} s start-up{}\n", r.seconds.compute,
                     r.seconds.startup, r.options.list_path.empty() ? "" : fmt::format(", {:.3f} s writing the list", r.seconds.list));
  out += fmt::format("  workers        slowest {:.3f} s, fastest {:.3f} s, imbalance {:.1f}% (slowest vs mean)\n",
                     s.slowest, s.fastest, 100.0 * imbalance(r.result));
  out += fmt::format("  memory         {:.1f} MiB peak resident{}\n", static_cast<double>(r.peak_rss_kib) / 1024.0,
                     r.ranks > 1 ? " (largest rank)" : "");
  if (!r.options.list_path.empty()) out += fmt::format("  list           {}\n", r.options.list_path);
  if (!r.options.checkpoint_path.empty()) {
    out += fmt::format("  checkpoint     {} ({} of {} tasks restored from an earlier run)\n", r.options.checkpoint_path,
                       r.restored_tasks, r.job.plan.tasks);
  }

  constexpr std::size_t kMaxRows = 32;  // a 64-node job should not print a page of workers
  if (r.result.workers.size() > 1) {
    TextTable table({{"rank"}, {"thread"}, {"host"}, {"tasks", true}, {"busy s", true}, {"primes", true}});
    std::size_t shown = 0;
    for (const WorkerStats& w : r.result.workers) {
      if (shown++ == kMaxRows) break;
      table.add_row({std::to_string(w.rank), std::to_string(w.thread), host_of(r, w), std::to_string(w.tasks),
                     fmt::format("{:.3f}", w.busy_seconds), group_digits(w.found)});
    }
    out += "\n";
    out += table.render();
    if (r.result.workers.size() > kMaxRows) {
      out += fmt::format("  ... {} more workers (see --json)\n", r.result.workers.size() - kMaxRows);
    }
  }
  return out;
}

nlohmann::json render_json(const Report& r) {
  const Spread s = spread(r.result);
  nlohmann::json workers = nlohmann::json::array();
  for (const WorkerStats& w : r.result.workers) {
    workers.push_back({{"rank", w.rank}, {"thread", w.thread}, {"host", host_of(r, w)}, {"tasks", w.tasks}, {"checked", w.checked},
                       {"primes", w.found}, {"seconds", w.busy_seconds}, {"finished_at", w.finished_at}});
  }
  nlohmann::json workload;
  switch (r.options.workload) {
    case WorkloadKind::range: workload = {{"kind", "range"}, {"lo", r.options.lo}, {"hi", r.options.hi}}; break;
    case WorkloadKind::check:
      workload = {{"kind", "check"}, {"count", r.options.count}, {"min", r.options.min}, {"max", r.options.max},
                  {"seed", r.options.seed}};
      break;
    case WorkloadKind::numbers:
      workload = {{"kind", "numbers"}, {"path", r.options.numbers_path},
                  {"count", static_cast<std::uint64_t>(item_count(r.job.workload))}};
      break;
  }
  nlohmann::json out = {
      {"count", r.result.count},
      {"checked", r.result.checked},
      {"seconds", r.seconds.compute},
      {"startup_seconds", r.seconds.startup},
      {"driver", driver_name(r.options.driver)},
      {"kernel", kernel_name(r.job.kernel)},
      {"schedule", schedule_name(r.job.schedule)},
      {"ranks", r.ranks},
      {"threads", r.job.threads},
      {"tasks", r.job.plan.tasks},
      {"workload", workload},
      {"slowest_seconds", s.slowest},
      {"fastest_seconds", s.fastest},
      {"imbalance", imbalance(r.result)},
      {"peak_rss_kib", r.peak_rss_kib},
      {"workers", workers},
      {"run", to_json(r.record)},
  };
  if (!r.options.checkpoint_path.empty()) {
    out["checkpoint"] = r.options.checkpoint_path;
    out["restored_tasks"] = r.restored_tasks;
  }
  if (!r.options.list_path.empty()) {
    out["list"] = r.options.list_path;
    out["list_seconds"] = r.seconds.list;
  }
  return out;
}

}  // namespace parakit::primes
