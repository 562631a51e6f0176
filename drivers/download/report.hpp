#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "drivers/download/job.hpp"
#include "drivers/download/options.hpp"
#include "io/mpi/run_record.hpp"

namespace parakit::download {

struct Report {
  const Options& options;
  const Job& job;
  const std::vector<FileRecord>& files;
  const RunRecord& record;
  double startup_seconds = 0.0;
  double seconds = 0.0;  // the download phase, first transfer to results on rank 0
  int ranks = 1;
  std::string source;    // what was downloaded, in words
  bool out_dir_removed = false;
};

// 1536 -> "1.5 KiB".
std::string format_bytes(std::uint64_t bytes);

std::string render_table(const Report& report);
nlohmann::json render_json(const Report& report);

}  // namespace parakit::download
