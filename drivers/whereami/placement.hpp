#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace parakit::whereami {

// Where one OpenMP thread of one MPI rank ran. Core numbers are host-local
// (see core_of_cpu), so comparisons between threads only make sense on one host.
struct Placement {
  std::string host;
  int rank = 0;
  int thread = 0;
  int threads = 1;                 // threads of this rank
  int cpu = -1;                    // sched_getcpu() while all threads were busy
  int core = -1;                   // core of that CPU
  std::vector<int> affinity;       // CPUs this thread may run on
  std::vector<int> affinity_cores; // cores of those CPUs
  std::vector<int> rank_affinity;  // CPUs the launcher gave the rank (before OpenMP binding)
  std::vector<int> rank_cores;     // cores of those CPUs
};

// A placement problem a student should notice, as xthi-style tools report.
struct Warning {
  std::string kind;     // "rank-oversubscribed", "shared-core", "host-oversubscribed"
  std::string host;
  std::string message;  // one line, plain English
};

// Finds, in every placement of a run:
//  * rank-oversubscribed: a rank runs more threads than its mask has cores;
//  * shared-core: threads pinned to a single core each, but to the same one;
//  * host-oversubscribed: a host runs more threads than all its ranks' masks
//    together have cores (ranks overlap, e.g. --cpu-bind=none with threads).
std::vector<Warning> analyse(const std::vector<Placement>& placements);

nlohmann::json to_json(const Placement& placement);
Placement placement_from_json(const nlohmann::json& json);
nlohmann::json to_json(const Warning& warning);

}  // namespace parakit::whereami
