#include "drivers/whereami/report.hpp"

#include <fmt/format.h>
#include <set>

#include "drivers/whereami/cpuset.hpp"
#include "io/table.hpp"

namespace parakit::whereami {
namespace {

// The variables that decide where threads go; shown so a student can tie
// each setting to the masks in the table.
constexpr const char* kPlacementVariables[] = {
    "OMP_NUM_THREADS", "OMP_PLACES",          "OMP_PROC_BIND",   "SLURM_NTASKS",
    "SLURM_CPUS_PER_TASK", "SLURM_CPU_BIND", "SLURM_DISTRIBUTION", "SLURM_JOB_NODELIST"};

std::set<std::string> hosts_of(const std::vector<Placement>& placements) {
  std::set<std::string> hosts;
  for (const auto& p : placements) hosts.insert(p.host);
  return hosts;
}

int ranks_of(const std::vector<Placement>& placements) {
  std::set<int> ranks;
  for (const auto& p : placements) ranks.insert(p.rank);
  return static_cast<int>(ranks.size());
}

}  // namespace

std::string human_report(const std::vector<Placement>& placements, const std::vector<Warning>& warnings,
                         const RunRecord& record) {
  const auto hosts = hosts_of(placements);
  const int ranks = ranks_of(placements);
  std::string host_names;
  for (const auto& h : hosts) host_names += (host_names.empty() ? "" : ", ") + h;
  std::string out = fmt::format("whereami: {} rank{}, {} thread{} in all, on {} host{} ({})\n", ranks,
                                ranks == 1 ? "" : "s", placements.size(), placements.size() == 1 ? "" : "s",
                                hosts.size(), hosts.size() == 1 ? "" : "s", host_names);
  std::string settings;
  for (const char* name : kPlacementVariables) {
    const auto it = record.environment.find(name);
    settings += fmt::format(" {}={}", name, it == record.environment.end() ? "(unset)" : it->second);
  }
  out += "settings:" + settings + "\n";
  out += fmt::format("mpi: {}\n\n", record.mpi_library.substr(0, record.mpi_library.find('\n')));

  TextTable table({{"host"}, {"rank", true}, {"thread", true}, {"cpu", true}, {"core", true},
                   {"thread affinity"}, {"rank affinity"}});
  for (const auto& p : placements) {
    table.add_row({p.host, std::to_string(p.rank), std::to_string(p.thread), std::to_string(p.cpu),
                   std::to_string(p.core), cpu_list_text(p.affinity), cpu_list_text(p.rank_affinity)});
  }
  out += table.render();
  out += "\n";
  if (warnings.empty()) {
    out += "placement ok: no rank has more threads than cores, and no two pinned threads share a core\n";
  }
  for (const auto& w : warnings) out += fmt::format("WARNING ({}): {}\n", w.kind, w.message);
  return out;
}

nlohmann::json json_report(const std::vector<Placement>& placements, const std::vector<Warning>& warnings,
                           const RunRecord& record) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& p : placements) rows.push_back(to_json(p));
  nlohmann::json warns = nlohmann::json::array();
  for (const auto& w : warnings) warns.push_back(to_json(w));
  const auto hosts = hosts_of(placements);
  return {{"ranks", ranks_of(placements)},
          {"threads", placements.size()},
          {"hosts", std::vector<std::string>(hosts.begin(), hosts.end())},
          {"placements", rows},
          {"warnings", warns},
          {"ok", warnings.empty()},
          {"run_record", to_json(record)}};
}

}  // namespace parakit::whereami
