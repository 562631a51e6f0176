#include "drivers/whereami/cpuset.hpp"

#include <sched.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

namespace parakit::whereami {

std::vector<int> thread_affinity() {
  // Large enough for any machine: a cpu_set_t only holds 1024 CPUs.
  constexpr int kMaxCpus = 8192;
  cpu_set_t* set = CPU_ALLOC(kMaxCpus);
  const std::size_t size = CPU_ALLOC_SIZE(kMaxCpus);
  CPU_ZERO_S(size, set);
  std::vector<int> cpus;
  if (::sched_getaffinity(0, size, set) == 0) {  // 0: the calling thread, not the process
    for (int cpu = 0; cpu < kMaxCpus; ++cpu) {
      if (CPU_ISSET_S(cpu, size, set)) cpus.push_back(cpu);
    }
  }
  CPU_FREE(set);
  return cpus;
}

std::string cpu_list_text(const std::vector<int>& cpus) {
  std::string text;
  for (std::size_t i = 0; i < cpus.size();) {
    std::size_t j = i;
    while (j + 1 < cpus.size() && cpus[j + 1] == cpus[j] + 1) ++j;
    if (!text.empty()) text += ',';
    text += j == i ? fmt::format("{}", cpus[i]) : fmt::format("{}-{}", cpus[i], cpus[j]);
    i = j + 1;
  }
  return text;
}

std::vector<int> parse_cpu_list(const std::string& text) {
  std::set<int> cpus;
  std::size_t pos = 0;
  auto number = [&](std::size_t& at) {
    std::size_t used = 0;
    if (at >= text.size() || text[at] < '0' || text[at] > '9') {
      throw std::invalid_argument(fmt::format("bad CPU list '{}'", text));
    }
    const int value = std::stoi(text.substr(at), &used);
    at += used;
    return value;
  };
  while (pos < text.size()) {
    const int first = number(pos);
    int last = first;
    if (pos < text.size() && text[pos] == '-') {
      ++pos;
      last = number(pos);
    }
    if (last < first) throw std::invalid_argument(fmt::format("bad CPU range in '{}'", text));
    for (int cpu = first; cpu <= last; ++cpu) cpus.insert(cpu);
    if (pos < text.size()) {
      if (text[pos] != ',' && text[pos] != '\n') throw std::invalid_argument(fmt::format("bad CPU list '{}'", text));
      ++pos;
    }
  }
  return {cpus.begin(), cpus.end()};
}

int core_of_cpu(int cpu) {
  std::ifstream siblings(fmt::format("/sys/devices/system/cpu/cpu{}/topology/thread_siblings_list", cpu));
  std::string line;
  if (!std::getline(siblings, line) || line.empty()) return cpu;
  try {
    const auto cpus = parse_cpu_list(line);
    return cpus.empty() ? cpu : cpus.front();
  } catch (const std::invalid_argument&) {
    return cpu;
  }
}

std::vector<int> cores_of(const std::vector<int>& cpus) {
  std::set<int> cores;
  for (int cpu : cpus) cores.insert(core_of_cpu(cpu));
  return {cores.begin(), cores.end()};
}

}  // namespace parakit::whereami
