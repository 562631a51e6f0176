#include "drivers/whereami/placement.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>
#include <tuple>

#include "drivers/whereami/cpuset.hpp"

namespace parakit::whereami {
namespace {

std::string who(const Placement& p) { return fmt::format("rank {} thread {}", p.rank, p.thread); }

std::string plural(std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

}  // namespace

std::vector<Warning> analyse(const std::vector<Placement>& placements) {
  std::vector<Warning> warnings;

  // One rank's view: its thread count against the cores its launcher gave it.
  // Later checks stay quiet about what this one already explains, so that a
  // student sees one warning per cause.
  std::set<int> seen_ranks, crowded_ranks;
  std::set<std::string> crowded_hosts;
  for (const Placement& p : placements) {
    if (!seen_ranks.insert(p.rank).second) continue;
    if (!p.rank_cores.empty() && static_cast<std::size_t>(p.threads) > p.rank_cores.size()) {
      crowded_ranks.insert(p.rank);
      crowded_hosts.insert(p.host);
      warnings.push_back({"rank-oversubscribed", p.host,
                          fmt::format("rank {} on {} runs {} on {} (CPUs {}): its threads must share cores",
                                      p.rank, p.host, plural(static_cast<std::size_t>(p.threads), "thread"),
                                      plural(p.rank_cores.size(), "core"), cpu_list_text(p.rank_affinity))});
    }
  }

  // Threads pinned (by OMP_PROC_BIND or the launcher) to one and the same core.
  std::map<std::pair<std::string, int>, std::vector<const Placement*>> pinned;
  for (const Placement& p : placements) {
    if (p.affinity_cores.size() == 1) pinned[{p.host, p.affinity_cores.front()}].push_back(&p);
  }
  for (const auto& [where, group] : pinned) {
    if (group.size() < 2) continue;
    const bool one_crowded_rank =
        std::all_of(group.begin(), group.end(), [&](const Placement* p) { return p->rank == group.front()->rank; }) &&
        crowded_ranks.count(group.front()->rank);
    if (one_crowded_rank) continue;
    std::string names;
    for (const Placement* p : group) names += (names.empty() ? "" : ", ") + who(*p);
    warnings.push_back({"shared-core", where.first,
                        fmt::format("{} threads are pinned to core {} on {}: {}", group.size(), where.second,
                                    where.first, names)});
  }

  // A whole host: more threads than the union of its ranks' cores.
  std::map<std::string, std::pair<std::size_t, std::set<int>>> hosts;
  for (const Placement& p : placements) {
    auto& [threads, cores] = hosts[p.host];
    ++threads;
    cores.insert(p.rank_cores.begin(), p.rank_cores.end());
  }
  for (const auto& [host, load] : hosts) {
    const auto& [threads, cores] = load;
    if (!cores.empty() && threads > cores.size() && !crowded_hosts.count(host)) {
      warnings.push_back({"host-oversubscribed", host,
                          fmt::format("{} runs {} on {}: some threads must share cores", host,
                                      plural(threads, "thread"), plural(cores.size(), "core"))});
    }
  }
  return warnings;
}

nlohmann::json to_json(const Placement& p) {
  return {{"host", p.host},
          {"rank", p.rank},
          {"thread", p.thread},
          {"threads", p.threads},
          {"cpu", p.cpu},
          {"core", p.core},
          {"affinity", p.affinity},
          {"affinity_list", cpu_list_text(p.affinity)},
          {"affinity_cores", p.affinity_cores},
          {"rank_affinity", p.rank_affinity},
          {"rank_affinity_list", cpu_list_text(p.rank_affinity)},
          {"rank_cores", p.rank_cores}};
}

Placement placement_from_json(const nlohmann::json& j) {
  Placement p;
  j.at("host").get_to(p.host);
  j.at("rank").get_to(p.rank);
  j.at("thread").get_to(p.thread);
  j.at("threads").get_to(p.threads);
  j.at("cpu").get_to(p.cpu);
  j.at("core").get_to(p.core);
  j.at("affinity").get_to(p.affinity);
  j.at("affinity_cores").get_to(p.affinity_cores);
  j.at("rank_affinity").get_to(p.rank_affinity);
  j.at("rank_cores").get_to(p.rank_cores);
  return p;
}

nlohmann::json to_json(const Warning& w) { return {{"kind", w.kind}, {"host", w.host}, {"message", w.message}}; }

}  // namespace parakit::whereami
