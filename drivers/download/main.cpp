// download: fetch a list of URLs under one of five execution models, or, with
// no URLs, run the lesson's experiment against an in-process file server.
// Every rank runs this file from top to bottom; rank 0 alone talks to the user.
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <set>

#include "drivers/download/combine.hpp"
#include "drivers/download/drivers.hpp"
#include "drivers/download/experiment.hpp"
#include "drivers/download/options.hpp"
#include "drivers/download/report.hpp"
#include "drivers/download/tracing.hpp"
#include "io/http/curl_handles.hpp"
#include "io/http/display_text.hpp"
#include "io/http/file_naming.hpp"
#include "io/http/manifest.hpp"
#include "io/http/url_list.hpp"
#include "io/mpi/run_record.hpp"
#include "io/output_path.hpp"
#include "io/printable.hpp"
#include "io/mpi/session.hpp"
#include "io/progress.hpp"
#include "io/run_stop.hpp"
#include "io/trace/phase_trace.hpp"
#include "io/version_text.hpp"

namespace parakit::download {
namespace {

constexpr int kBadInput = 2;
constexpr int kSomeFailed = 1;

// Creates DIR if needed and proves a file can be made in it, so a wrong -o is
// one clear error before any transfer starts.
std::optional<std::string> prepare_out_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    return fmt::format("cannot create output directory '{}': {}", dir.string(),
                       ec ? ec.message() : "a file of that name exists");
  }
  std::string probe = (dir / ".parakit-probe-XXXXXX").string();
  const int fd = ::mkstemp(probe.data());
  if (fd < 0) return fmt::format("cannot write in output directory '{}': {}", dir.string(), std::strerror(errno));
  ::close(fd);
  ::unlink(probe.c_str());
  return std::nullopt;
}

std::optional<std::string> cacert_problem(const std::string& path) {
  if (path.empty()) return std::nullopt;
  if (std::filesystem::is_directory(path)) return fmt::format("--cacert '{}' is a directory; give a PEM file", path);
  if (::access(path.c_str(), R_OK) != 0) return fmt::format("--cacert '{}' cannot be read: {}", path, std::strerror(errno));
  return std::nullopt;
}

std::string make_temporary_dir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/parakit-download-XXXXXX";
  if (!::mkdtemp(pattern.data())) throw std::runtime_error(fmt::format("cannot create a temporary folder: {}", std::strerror(errno)));
  return pattern;
}

nlohmann::json job_to_json(const Job& job) {
  nlohmann::json files = nlohmann::json::array();
  for (const FileTask& f : job.files) files.push_back({f.url, f.name, f.sha256});
  return {{"files", files}, {"out_dir", job.out_dir_pattern}};
}

void job_from_json(const nlohmann::json& json, Job& job) {
  job.files.clear();
  for (const auto& f : json.at("files")) job.files.push_back({f[0].get<std::string>(), f[1].get<std::string>(), f[2].get<std::string>()});
  job.out_dir_pattern = json.at("out_dir").get<std::string>();
  job.out_dir = http::expand_host_pattern(job.out_dir_pattern, this_host());
}

// The other ranks make their own folder (with "{host}", one per node; on a
// shared file system without it, the one rank 0 made): the first rank that
// cannot is named in the error every rank sees. Collective.
std::string prepare_other_out_dirs(const Job& job, MPI_Comm comm) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  std::string error;
  if (rank != 0) {
    if (auto problem = prepare_out_dir(job.out_dir)) error = fmt::format("rank {} on {}: {}", rank, this_host(), *problem);
  }
  int first_failed = error.empty() ? size : rank;
  MPI_Allreduce(MPI_IN_PLACE, &first_failed, 1, MPI_INT, MPI_MIN, comm);
  return first_failed == size ? "" : broadcast_string(comm, error, first_failed);
}

// The one line a stopped run leaves: why, and where each file stands.
std::string stop_summary(int code, double time_limit, std::size_t total, const std::vector<FileRecord>& files) {
  const std::string why = stop_description(code, time_limit);
  std::size_t saved = 0, partial = 0, failed = 0;
  for (const FileRecord& f : files) {
    if (f.ok) ++saved;
    else if (f.interrupted && f.bytes > 0) ++partial;
    else if (!f.interrupted) ++failed;
  }
  const std::size_t not_done = total - saved - partial - failed;
  return fmt::format("download: {}: {} of {} files saved, {} kept as .part, {} failed, {} not started; "
                     "run the same command with --continue to resume",
                     why, saved, total, partial, failed, not_done);
}

int run(int argc, char** argv) {
  // Before MPI starts: --version needs no launcher and pays no start-up.
  if (wants_version(argc, argv)) {
    std::cout << version_report();
    return 0;
  }
  const auto started = std::chrono::steady_clock::now();
  MpiSession mpi(argc, argv);
  const MPI_Comm comm = mpi.comm();
  auto say_error = [&](const std::string& message) {
    if (mpi.is_root()) std::fprintf(stderr, "download: error: %s\n", message.c_str());
  };

  ParseOutcome parsed = parse_options(argc, argv);
  if (!parsed.print.empty()) {
    if (mpi.is_root()) std::cout << parsed.print;
    return 0;
  }
  if (!parsed.error.empty()) {
    say_error(parsed.error);
    return kBadInput;
  }
  const Options& options = *parsed.options;
  if (options.transfer.insecure && mpi.is_root()) {
    std::fprintf(stderr, "download: warning: --insecure: TLS certificates and host names are NOT checked; anyone on the "
                         "network path can read and change what is downloaded\n");
  }
  const http::CurlGlobal curl;  // before any thread starts
  // From here on SIGINT, SIGTERM and --time-limit end the transfers, keeping parts.
  RunStop stop(mpi.size() > 1 ? fmt::format("download rank {}", mpi.rank()) : "download", options.time_limit, kStopGrace);
  const RunRecord record = collect_run_record(comm, mpi.thread_level());

  // Rank 0 reads and checks everything, and for the experiment serves the files.
  std::string error, source;
  Job job;
  std::unique_ptr<fileserver::FileServer> server;
  bool temporary_out_dir = false;
  if (mpi.is_root()) {
    try {
      std::vector<http::UrlEntry> entries;
      if (!uses_mpi(options.driver) && mpi.size() > 1) {
        error = fmt::format("--driver {} runs in one process, but mpirun started {}; use --driver mpi or hybrid",
                            driver_name(options.driver), mpi.size());
      } else if (uses_mpi(options.driver) && mpi.size() > 1 && mpi.thread_level() < MPI_THREAD_MULTIPLE &&
                 options.schedule == Schedule::dynamic) {
        error = fmt::format("this MPI library gives only MPI_THREAD_{}; the dynamic schedule needs MULTIPLE (use block or cyclic)",
                            thread_level_name(mpi.thread_level()));
      } else if (options.experiment) {
        const ExperimentSettings& e = options.experiment_settings;
        const std::set<std::string> hosts(record.hosts.begin(), record.hosts.end());
        server = start_experiment_server(e, hosts.size() > 1);
        entries = experiment_urls(*server, e, hosts.size() > 1 ? this_host() : "127.0.0.1");
        source = fmt::format("{} files of {} from the built-in server, {} ms latency, {}", e.files, format_bytes(e.size),
                             e.latency_ms, e.rate ? format_bytes(e.rate) + "/s per transfer" : "no rate cap");
      } else if (!options.input.empty()) {
        entries = http::read_url_list(options.input);
        source = fmt::format("{} URLs from {}", entries.size(), options.input == "-" ? "standard input" : options.input);
      } else {
        for (const std::string& url : options.urls) {
          if (auto problem = http::url_problem(url)) throw std::runtime_error(*problem);
          entries.push_back({url, ""});
        }
        source = fmt::format("{} URL{}", entries.size(), entries.size() == 1 ? "" : "s");
      }
      if (error.empty()) {
        std::vector<std::string> urls;
        for (const auto& e : entries) urls.push_back(e.url);
        const std::vector<std::string> names = http::assign_file_names(urls);
        for (std::size_t i = 0; i < entries.size(); ++i) job.files.push_back({entries[i].url, names[i], entries[i].sha256});
        temporary_out_dir = options.experiment && options.out_dir.empty();
        job.out_dir_pattern = temporary_out_dir ? make_temporary_dir() : (options.out_dir.empty() ? "." : options.out_dir);
        job.out_dir = http::expand_host_pattern(job.out_dir_pattern, this_host());
        // Paths travel between ranks and into the report as JSON, which holds UTF-8 only.
        for (const auto& [flag, path] : {std::pair{"--output-dir", job.out_dir_pattern}, std::pair{"--manifest", options.manifest},
                                         std::pair{"--trace", options.trace_path}, std::pair{"--timeline", options.timeline_path}}) {
          if (!is_valid_utf8(path)) error = fmt::format("{} '{}' is not valid UTF-8", flag, printable_utf8(path));
        }
        const bool out_dir_existed = std::filesystem::exists(job.out_dir);
        if (!error.empty()) {
          // reported below
        } else if (auto problem = prepare_out_dir(job.out_dir)) {
          error = *problem;
        } else if (auto output = first_output_problem({{"--manifest", &options.manifest},
                                                       {"--trace", &options.trace_path},
                                                       {"--timeline", &options.timeline_path}},
                                                      options.transfer.replace)) {
          error = *output;
        } else if (auto cacert = cacert_problem(options.transfer.cacert)) {
          error = *cacert;
        }
        // Bad input leaves nothing behind, not even the folder -o asked for.
        std::error_code ignored;
        if (!error.empty() && !out_dir_existed && !temporary_out_dir) std::filesystem::remove(job.out_dir, ignored);
      }
    } catch (const std::exception& e) {
      error = e.what();
    }
    if (!error.empty() && temporary_out_dir) std::filesystem::remove_all(job.out_dir);
  }
  error = broadcast_string(comm, error);
  if (!error.empty()) {
    say_error(error);
    return kBadInput;
  }
  job_from_json(nlohmann::json::parse(broadcast_string(comm, mpi.is_root() ? job_to_json(job).dump() : "")), job);
  temporary_out_dir = broadcast_string(comm, temporary_out_dir ? "y" : "") == "y";
  if (const std::string problem = prepare_other_out_dirs(job, comm); !problem.empty()) {
    say_error(problem);
    std::error_code ignored;
    if (temporary_out_dir && mpi.is_root()) std::filesystem::remove_all(job.out_dir, ignored);
    return kBadInput;
  }

  const int ranks = uses_mpi(options.driver) ? mpi.size() : 1;
  job.settings = options.transfer;
  job.settings.stop = &stop.flag();
  job.jobs = options.jobs;
  job.schedule = options.schedule;
  job.rank_driver = options.driver == Driver::async ? RankDriver::async : options.rank_driver;
  std::unique_ptr<ProgressLine> progress;
  if (mpi.is_root() && !options.quiet && !options.json && stderr_is_terminal()) {
    const std::size_t share = (job.files.size() + static_cast<std::size_t>(ranks) - 1) / static_cast<std::size_t>(ranks);
    progress = std::make_unique<ProgressLine>(ranks > 1 ? "download (rank 0's share)" : "download", share);
    job.progress = progress.get();
    job.settings.progress = progress.get();
  }

  // Collective when on (it measures each rank's clock against rank 0's); free when off.
  trace::TraceRecorder tracer(comm, !options.trace_path.empty() || !options.timeline_path.empty());
  trace::PhaseTrace phases(tracer.phases(), started);
  {
    const trace::ScopedSpan wait(tracer.mpi(), "MPI_Barrier: all ranks ready", "mpi");
    MPI_Barrier(comm);
  }
  phases.next("download");
  const double startup = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const PhaseClock clock;
  RankOutcome outcome;
  switch (options.driver) {
    case Driver::serial: {
      ListTasks all = ListTasks::all(job.files.size());
      all.stop_when(job.settings.stop);
      outcome = run_serial(job, all, clock, 0);
      break;
    }
    case Driver::threads: {
      ListTasks all = ListTasks::all(job.files.size());
      all.stop_when(job.settings.stop);
      outcome = run_threads(job, all, clock, 0);
      break;
    }
    case Driver::async: {
      ListTasks all = ListTasks::all(job.files.size());
      all.stop_when(job.settings.stop);
      outcome = run_async(job, all, clock, 0);
      break;
    }
    case Driver::mpi: outcome = run_mpi(job, clock, comm); break;
    case Driver::hybrid: outcome = run_hybrid(job, clock, comm); break;
  }
  // Every rank ends alike: the worst stop any rank saw (124 < 130 < 143).
  int stop_code = stop.exit_code();
  MPI_Allreduce(MPI_IN_PLACE, &stop_code, 1, MPI_INT, MPI_MAX, comm);
  phases.next("gather");
  const std::vector<FileRecord> files = [&] {
    const trace::ScopedSpan wait(tracer.mpi(), "combine: gather the records", "mpi");
    return combine(outcome, comm);
  }();
  const double seconds = clock.seconds();
  progress.reset();
  server.reset();
  phases.finish();
  record_transfers(tracer, outcome, clock.origin(), job.rank_driver == RankDriver::async);
  bool trace_failed = false;
  try {
    const std::string title = fmt::format("download --driver {} --jobs {}: {} rank{}, {}", driver_name(options.driver),
                                          job.jobs, ranks, ranks == 1 ? "" : "s", source);
    write_trace_files(tracer, comm, options.trace_path, options.timeline_path, title,
                      {{"title", title}, {"run", to_json(record)}});
  } catch (const std::exception& e) {
    say_error(e.what());
    trace_failed = true;
  }

  int exit_code = trace_failed ? kSomeFailed : 0;
  if (stop_code != 0) {
    // No manifest: a partial one would pass for the whole list's.
    if (mpi.is_root()) {
      std::error_code ignored;
      if (temporary_out_dir) std::filesystem::remove_all(job.out_dir, ignored);
      std::fprintf(stderr, "%s\n", stop_summary(stop_code, options.time_limit, job.files.size(), files).c_str());
    }
    stop.finish();
    return stop_code;
  }
  if (mpi.is_root()) {
    std::vector<http::ManifestEntry> saved;
    for (const FileRecord& f : files) {
      if (f.ok) saved.push_back({f.sha256, f.bytes, f.path});
      if (!f.ok) exit_code = kSomeFailed;
    }
    if (!options.manifest.empty()) {
      try {
        http::write_manifest(saved, options.manifest);
      } catch (const std::exception& e) {
        say_error(e.what());
        exit_code = kSomeFailed;
      }
    }
    std::error_code ignored;
    if (temporary_out_dir) std::filesystem::remove_all(job.out_dir, ignored);
    const Report report{options, job, files, record, startup, seconds, ranks, source, temporary_out_dir};
    if (options.json) {
      std::cout << render_json(report).dump(2) << "\n";
    } else {
      std::cout << render_table(report);
    }
  }
  MPI_Bcast(&exit_code, 1, MPI_INT, 0, comm);
  // Ranks on other hosts remove their own copy of the temporary folder; on rank
  // 0's host it is already gone, and two ranks removing one tree would race.
  const std::string root_host = broadcast_string(comm, mpi.is_root() ? this_host() : "");
  if (temporary_out_dir && !mpi.is_root() && this_host() != root_host) {
    std::error_code ignored;
    std::filesystem::remove_all(job.out_dir, ignored);
  }
  return exit_code;
}

}  // namespace
}  // namespace parakit::download

int main(int argc, char** argv) {
  try {
    return parakit::download::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "download: error: %s\n", e.what());
    return 1;
  }
}
