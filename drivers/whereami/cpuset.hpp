#pragma once

#include <string>
#include <vector>

namespace parakit::whereami {

// The logical CPUs the calling thread may run on (sched_getaffinity), ascending.
std::vector<int> thread_affinity();

// "0-3,6,8-9": the compact form taskset, Slurm and /proc use.
std::string cpu_list_text(const std::vector<int>& cpus);

// Parses the compact form back ("0-3,6"); throws std::invalid_argument on junk.
std::vector<int> parse_cpu_list(const std::string& text);

// The core a logical CPU belongs to, named by the lowest CPU number among its
// SMT siblings (sysfs thread_siblings_list), so that "core 0" is readable and
// equals the CPU number on machines without hyperthreads. Falls back to the
// CPU itself when sysfs has no topology.
int core_of_cpu(int cpu);

// Distinct cores of a set of CPUs, ascending.
std::vector<int> cores_of(const std::vector<int>& cpus);

}  // namespace parakit::whereami
