#include "drivers/primes/checkpoint.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "io/atomic_file.hpp"

namespace parakit::primes {
namespace {

constexpr std::string_view kMagic = "parakit-primes-checkpoint 1";

std::uint64_t fnv1a(const std::vector<std::uint64_t>& numbers) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (std::uint64_t n : numbers) {
    for (int byte = 0; byte < 8; ++byte) {
      hash ^= (n >> (8 * byte)) & 0xff;
      hash *= 1099511628211ULL;
    }
  }
  return hash;
}

CheckpointData read_one(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(fmt::format("--checkpoint: cannot read '{}'", path));
  auto bad = [&](const std::string& why) {
    return std::runtime_error(fmt::format("--checkpoint '{}' is not a usable checkpoint: {}", path, why));
  };
  std::string line;
  if (!std::getline(in, line) || line != kMagic) throw bad(fmt::format("first line is not '{}'", kMagic));
  CheckpointData data;
  if (!std::getline(in, line) || !line.starts_with("workload ")) throw bad("no workload line");
  data.workload = line.substr(9);
  if (!std::getline(in, line) || std::sscanf(line.c_str(), "tasks %lu", &data.tasks) != 1) throw bad("no tasks line");
  if (!std::getline(in, line) || (line != "primes yes" && line != "primes no")) throw bad("no primes line");
  data.with_primes = line == "primes yes";
  bool ended = false;
  while (std::getline(in, line)) {
    if (line == "end") {
      ended = true;
      break;
    }
    TaskResult task;
    if (std::sscanf(line.c_str(), "task %lu checked %lu found %lu", &task.task, &task.checked, &task.found) != 3 ||
        task.task >= data.tasks) {
      throw bad(fmt::format("unexpected line '{}'", line.substr(0, 60)));
    }
    if (data.with_primes) {
      if (!std::getline(in, line) || !line.starts_with("primes")) throw bad(fmt::format("task {} has no primes line", task.task));
      std::istringstream numbers(line.substr(6));
      for (std::uint64_t p; numbers >> p;) task.primes.push_back(p);
      if (task.primes.size() != task.found) throw bad(fmt::format("task {} lists {} primes, not {}", task.task, task.primes.size(), task.found));
    }
    data.finished[task.task] = std::move(task);
  }
  if (!ended) throw bad("it ends early (no 'end' line)");
  return data;
}

}  // namespace

std::string workload_identity(const Workload& workload) {
  if (const auto* range = std::get_if<RangeWorkload>(&workload)) return fmt::format("range {} {}", range->lo, range->hi);
  if (const auto* random = std::get_if<RandomWorkload>(&workload)) {
    return fmt::format("check {} min {} max {} seed {}", random->count, random->min, random->max, random->seed);
  }
  const auto& list = std::get<ListWorkload>(workload);
  return fmt::format("numbers {} fnv1a {:016x}", list.numbers.size(), fnv1a(list.numbers));
}

std::vector<std::string> checkpoint_shards(const std::string& path) {
  const std::filesystem::path target(path);
  const std::filesystem::path folder = target.parent_path().empty() ? "." : target.parent_path();
  const std::string prefix = target.filename().string() + ".rank-";
  std::vector<std::string> shards;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix) || name.size() == prefix.size()) continue;
    if (name.find_first_not_of("0123456789", prefix.size()) != std::string::npos) continue;  // temporaries
    shards.push_back((folder / name).string());
  }
  return shards;
}

std::optional<CheckpointData> load_checkpoint(const std::string& path) {
  std::optional<CheckpointData> merged;
  std::vector<std::string> files = checkpoint_shards(path);
  if (std::filesystem::exists(path)) files.insert(files.begin(), path);
  for (const std::string& file : files) {
    CheckpointData data = read_one(file);
    if (!merged) {
      merged = std::move(data);
      continue;
    }
    if (data.workload != merged->workload || data.tasks != merged->tasks) {
      throw std::runtime_error(fmt::format("--checkpoint: '{}' and '{}' describe different runs; remove the stale one",
                                           files.front(), file));
    }
    // A shard without primes cannot serve a run that lists them: keep only
    // what every file can give.
    if (merged->with_primes && !data.with_primes) {
      merged->with_primes = false;
      for (auto& [index, task] : merged->finished) task.primes.clear();
    }
    for (auto& [index, task] : data.finished) {
      if (!merged->with_primes) task.primes.clear();
      merged->finished.emplace(index, std::move(task));
    }
  }
  return merged;
}

Resume resume_from(const CheckpointData& data, const std::string& path, const std::string& identity,
                   std::uint64_t planned, bool block_schedule, bool tasks_given, bool keep_primes) {
  Resume resume;
  resume.tasks = planned;
  if (data.workload != identity) {
    resume.error = fmt::format("--checkpoint '{}' belongs to another workload ({}), not this one ({}); "
                               "remove it or run that workload", path, data.workload, identity);
    return resume;
  }
  if (data.tasks != planned) {
    // Task spans depend only on the workload and the task count, so any driver
    // can continue another's checkpoint, except block, which needs one task per worker.
    if (block_schedule || tasks_given) {
      resume.error = fmt::format("--checkpoint '{}' was made with {} tasks but this run has {}; "
                                 "use --tasks {} with --schedule cyclic or dynamic", path, data.tasks, planned, data.tasks);
      return resume;
    }
    resume.tasks = data.tasks;
  }
  if (keep_primes && !data.with_primes) {
    resume.note = fmt::format("--checkpoint '{}' was made without --list: its {} finished tasks are run again to list their primes",
                              path, data.finished.size());
    return resume;
  }
  for (const auto& [index, task] : data.finished) {
    resume.restored.push_back(task);
    if (!keep_primes) resume.restored.back().primes.clear();
  }
  return resume;
}

void save_checkpoint(const std::string& path, const CheckpointData& data) {
  AtomicFile file(path);
  {
    std::ofstream out(file.temporary());
    out << kMagic << "\nworkload " << data.workload << "\ntasks " << data.tasks << "\nprimes "
        << (data.with_primes ? "yes" : "no") << "\n";
    for (const auto& [index, task] : data.finished) {
      out << "task " << index << " checked " << task.checked << " found " << task.found << "\n";
      if (data.with_primes) {
        out << "primes";
        for (std::uint64_t p : task.primes) out << ' ' << p;
        out << "\n";
      }
    }
    out << "end\n";
    out.flush();
    if (!out) throw std::runtime_error(fmt::format("--checkpoint: cannot write '{}'", file.temporary().string()));
  }
  file.commit();
}

CheckpointWriter::CheckpointWriter(std::string path, int rank, CheckpointData start, std::chrono::milliseconds interval)
    : file_(rank == 0 ? path : fmt::format("{}.rank-{}", path, rank)),
      interval_(interval),
      data_(std::move(start)),
      saved_at_(std::chrono::steady_clock::now()) {}

void CheckpointWriter::add(const TaskResult& result) {
  std::lock_guard lock(mutex_);
  TaskResult& kept = data_.finished[result.task];
  kept.task = result.task;
  kept.checked = result.checked;
  kept.found = result.found;
  if (data_.with_primes) kept.primes = result.primes;
  if (std::chrono::steady_clock::now() - saved_at_ >= interval_) {
    try {
      save_locked();
    } catch (const std::exception& e) {
      failure_ = e.what();
    }
  }
}

void CheckpointWriter::save() {
  std::lock_guard lock(mutex_);
  save_locked();
  if (!failure_.empty()) throw std::runtime_error(failure_);
}

void CheckpointWriter::save_locked() {
  save_checkpoint(file_, data_);
  saved_at_ = std::chrono::steady_clock::now();
}

}  // namespace parakit::primes
