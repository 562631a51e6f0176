#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kernels/partition.hpp"
#include "kernels/task.hpp"
#include "kernels/workload.hpp"

namespace parakit::primes {

// What a checkpoint file holds: the tasks some run finished, for one workload
// cut into one number of tasks.
struct CheckpointData {
  std::string workload;  // workload_identity() of the run that wrote it
  std::uint64_t tasks = 0;
  bool with_primes = false;  // the run kept every prime (--list)
  std::map<std::uint64_t, TaskResult> finished;
};

// One line naming the workload exactly ("range 0 1000000", "list 1234 numbers,
// fnv1a 9f0c..."), so a checkpoint is never applied to another workload.
std::string workload_identity(const Workload& workload);

// Reads FILE and every rank's shard of it ("FILE.rank-N", see CheckpointWriter),
// merged. Nothing when none exists; throws std::runtime_error, naming the file,
// when one is unreadable, truncated or of another workload or version.
std::optional<CheckpointData> load_checkpoint(const std::string& path);

// The shards load_checkpoint() merges, for removal once merged into FILE.
std::vector<std::string> checkpoint_shards(const std::string& path);

// What a run takes from a checkpoint: the task count to use (the checkpoint's)
// and the tasks to skip, or the one-line reason it cannot be used.
struct Resume {
  std::string error;
  std::uint64_t tasks = 0;
  std::vector<TaskResult> restored;
  std::string note;  // said on stderr when the checkpoint is only partly usable
};

// `planned` is this run's own task count, `tasks_given` whether --tasks set it.
Resume resume_from(const CheckpointData& data, const std::string& path, const std::string& identity,
                   std::uint64_t planned, bool block_schedule, bool tasks_given, bool keep_primes);

// Writes CheckpointData atomically (temporary name, then rename).
void save_checkpoint(const std::string& path, const CheckpointData& data);

// Collects the tasks this rank finishes and saves them every `interval` (from
// whichever worker finishes a task after it passed) and on save(). Rank 0
// writes FILE itself, rank N writes "FILE.rank-N", so no rank waits for
// another and a rank killed with SIGKILL loses at most `interval` of work.
class CheckpointWriter {
 public:
  CheckpointWriter(std::string path, int rank, CheckpointData start, std::chrono::milliseconds interval);
  // Thread-safe. Saves when the interval has passed; a failed save is
  // remembered and reported by save().
  void add(const TaskResult& result);
  // Throws std::runtime_error when the file cannot be written.
  void save();
  const std::string& file() const { return file_; }

 private:
  void save_locked();

  std::string file_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  CheckpointData data_;
  std::chrono::steady_clock::time_point saved_at_;
  std::string failure_;
};

}  // namespace parakit::primes
