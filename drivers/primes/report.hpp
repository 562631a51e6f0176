#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "drivers/primes/combine.hpp"
#include "drivers/primes/options.hpp"
#include "io/mpi/run_record.hpp"

namespace parakit::primes {

struct PhaseSeconds {
  double startup = 0.0;  // MPI_Init and set-up, up to the start of compute
  double compute = 0.0;  // first task started to results combined on rank 0
  double list = 0.0;     // writing --list
};

struct Report {
  const Options& options;
  const Job& job;
  const JobResult& result;
  const RunRecord& record;
  PhaseSeconds seconds;
  int ranks = 1;
  std::uint64_t restored_tasks = 0;  // skipped thanks to --checkpoint
  std::uint64_t peak_rss_kib = 0;    // the largest peak resident memory of any rank
};

// Slowest worker against the mean, the usual load-imbalance figure: 0 is perfect.
double imbalance(const JobResult& result);

std::string describe_workload(const Options& options, const Job& job);
std::string render_table(const Report& report);
nlohmann::json render_json(const Report& report);

}  // namespace parakit::primes
