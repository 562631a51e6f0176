#pragma once

#include "io/cli_format.hpp"

#include <optional>
#include <string>
#include <vector>

#include "drivers/download/drivers.hpp"
#include "drivers/download/experiment.hpp"
#include "io/http/transfer.hpp"

namespace parakit::download {

// The command line, checked for everything that needs no file, network or MPI.
struct Options {
  std::vector<std::string> urls;  // from the command line
  std::string input;              // -i FILE, "-" for stdin
  std::string out_dir;            // empty: "." for URLs, a temporary folder for the experiment
  Driver driver = Driver::hybrid;
  RankDriver rank_driver = RankDriver::threads;
  int jobs = 8;
  Schedule schedule = Schedule::dynamic;
  http::TransferSettings transfer;
  std::string manifest;
  std::string trace_path;     // --trace: Chrome trace of the job
  std::string timeline_path;  // --timeline: SVG Gantt chart
  double time_limit = 0;      // --time-limit seconds; 0: none
  bool json = false;
  bool quiet = false;

  bool experiment = false;  // no URLs and no -i: the built-in experiment
  ExperimentSettings experiment_settings;
};

using ParseOutcome = parakit::ParseOutcome<Options>;

ParseOutcome parse_options(int argc, char** argv);

// What --version prints: the kit, compiler, MPI and libcurl lines. Starts no MPI.
std::string version_report();

}  // namespace parakit::download
