#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "io/http/transfer.hpp"
#include "kernels/partition.hpp"

namespace parakit {
class ProgressLine;
}

namespace parakit::download {

// How a rank runs its own share: a pool of blocking threads, or one thread
// driving many transfers through libcurl's multi interface.
enum class RankDriver { threads, async };

struct FileTask {
  std::string url;
  std::string name;    // safe file name inside the output directory
  std::string sha256;  // expected, lower-case hex, or empty
};

// What every rank agrees on before the download phase starts.
struct Job {
  std::vector<FileTask> files;
  std::string out_dir_pattern;     // -o as given; "{host}" in it gives every node its own folder
  std::filesystem::path out_dir;   // this rank's folder: the pattern with its host name
  http::TransferSettings settings;
  int jobs = 8;  // concurrent transfers per rank (threads or async)
  Schedule schedule = Schedule::dynamic;
  RankDriver rank_driver = RankDriver::threads;
  ProgressLine* progress = nullptr;  // rank 0 on a terminal only
};


// One file as it went, for the report and for timelines: times are seconds
// since the download phase began, on the clock of the rank that did it.
struct FileRecord {
  std::size_t index = 0;  // position in the list
  std::string url;
  std::string path;
  bool ok = false;
  std::uint64_t bytes = 0;
  std::string sha256;
  int attempts = 0;
  std::string error;
  long http_status = 0;
  std::uint64_t resumed_from = 0;
  bool interrupted = false;    // stopped by a signal or --time-limit; its part is kept
  bool already_saved = false;  // --continue kept the file an earlier run saved
  int rank = 0;
  int worker = 0;  // thread, or async slot
  double start = 0.0;
  double end = 0.0;
};

// What one rank brings to the combine step.
struct RankOutcome {
  std::vector<FileRecord> records;
};

// The clock every worker of a rank measures against, started right after the
// barrier that opens the download phase.
class PhaseClock {
 public:
  PhaseClock() : origin_(std::chrono::steady_clock::now()) {}
  double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - origin_).count(); }
  std::chrono::steady_clock::time_point origin() const { return origin_; }

 private:
  std::chrono::steady_clock::time_point origin_;
};

}  // namespace parakit::download
