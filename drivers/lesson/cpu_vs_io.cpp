// The lesson's central table, measured: CPU-bound work (the naive prime test)
// and I/O-bound work (downloads from a slow local server) under serial,
// threads, processes (MPI) and hybrid. The real `primes` and `download`
// programs run as child processes with --json; this file only compares.
#include "drivers/lesson/cpu_vs_io.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <stdexcept>
#include <thread>
#include <vector>

#include "drivers/lesson/child_process.hpp"
#include "io/progress.hpp"
#include "io/table.hpp"

namespace parakit::lesson {

const std::string_view cpu_vs_io_description =
    "Runs ./primes (the lesson's naive prime test on --numbers random numbers) and ./download\n"
    "(--files files from its local server, each answered after --latency-ms) under four models:\n"
    "serial; threads (--threads per process); processes (mpirun -np --ranks, one worker each);\n"
    "hybrid (--ranks processes x --threads). Both programs must be built next to lesson. The\n"
    "table gives each run's compute seconds (MPI start-up excluded) and its speedup over serial:\n"
    "CPU-bound work speeds up only up to the number of cores, I/O-bound work up to the number of\n"
    "transfers in flight, whichever of threads or processes provides them.";

namespace {

struct Model {
  std::string name;
  bool mpi = false;
  std::string cpu_driver;
  std::string io_driver;
};

std::string self_folder() {
  std::error_code error;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::string(".") : exe.parent_path().string();
}

std::string default_mpirun() {
#ifdef PARAKIT_MPIRUN_LOCAL
  if (::access(PARAKIT_MPIRUN_LOCAL, X_OK) == 0) return PARAKIT_MPIRUN_LOCAL;
#endif
  return "mpirun";
}

std::string joined(const std::vector<std::string>& argv) {
  std::string text;
  for (const auto& arg : argv) text += (text.empty() ? "" : " ") + arg;
  return text;
}

// Runs one program to completion and returns the JSON object it printed.
nlohmann::json run_json(const std::vector<std::string>& argv) {
  if (stderr_is_terminal()) std::fprintf(stderr, "lesson cpu-vs-io: running %s\n", joined(argv).c_str());
  ChildProcess child = ChildProcess::spawn(argv);
  const std::string output = child.read_all();
  const Ending ending = child.reap();
  if (!ending.exited || ending.code != 0)
    throw std::runtime_error(fmt::format("`{}` {}", joined(argv), ending.describe()));
  const auto start = output.find('{');
  if (start == std::string::npos) throw std::runtime_error(fmt::format("`{}` printed no JSON", joined(argv)));
  return nlohmann::json::parse(output.substr(start));
}

struct Row {
  std::string model;
  std::string cpu_command, io_command;
  double cpu_seconds = 0, io_seconds = 0;
  std::uint64_t primes = 0;
  std::uint64_t files_ok = 0;
};

}  // namespace

Result run_cpu_vs_io(const CpuVsIoOptions& options) {
  if (options.ranks < 1 || options.ranks > 64) throw std::invalid_argument("--ranks must be between 1 and 64");
  if (options.threads < 1 || options.threads > 256) throw std::invalid_argument("--threads must be between 1 and 256");
  if (options.numbers < 1 || options.numbers > 10'000'000) throw std::invalid_argument("--numbers must be between 1 and 10,000,000");
  if (options.max < 100 || options.max > 10'000'000) throw std::invalid_argument("--max must be between 100 and 10,000,000");
  if (options.files < 1 || options.files > 1000) throw std::invalid_argument("--files must be between 1 and 1000");
  if (options.latency_ms < 0 || options.latency_ms > 10000) throw std::invalid_argument("--latency-ms must be between 0 and 10000");

  const std::string folder = options.programs.empty() ? self_folder() : options.programs;
  const std::string primes = folder + "/primes";
  const std::string download = folder + "/download";
  for (const auto& program : {primes, download})
    if (::access(program.c_str(), X_OK) != 0)
      throw std::invalid_argument(fmt::format("{} not found: build it first, or point --programs at it", program));
  const std::string mpirun = options.mpirun.empty() ? default_mpirun() : options.mpirun;
  const std::string ranks = std::to_string(options.ranks);
  const std::string threads = std::to_string(options.threads);

  const std::vector<Model> models = {
      {"serial", false, "serial", "serial"},
      {"threads", false, "threads", "threads"},
      {"processes (MPI)", true, "mpi", "mpi"},
      {"hybrid", true, "hybrid", "hybrid"},
  };
  std::vector<Row> rows;
  for (const Model& model : models) {
    std::vector<std::string> launch;
    if (model.mpi) launch = {mpirun, "-np", ranks};
    std::vector<std::string> cpu = launch;
    for (const std::string& arg : {primes, std::string("--check"), std::to_string(options.numbers), std::string("--min"),
                                   std::string("100"), std::string("--max"), std::to_string(options.max),
                                   std::string("--kernel"), std::string("naive"), std::string("--driver"), model.cpu_driver,
                                   std::string("--json"), std::string("--quiet")})
      cpu.push_back(arg);
    // Threads and hybrid take --threads; the MPI row is one worker per process.
    if (model.cpu_driver == "threads" || model.cpu_driver == "hybrid") cpu.insert(cpu.end(), {"--threads", threads});

    std::vector<std::string> io = launch;
    for (const std::string& arg : {download, std::string("--driver"), model.io_driver, std::string("--files"),
                                   std::to_string(options.files), std::string("--latency-ms"),
                                   fmt::format("{}", options.latency_ms), std::string("--json"), std::string("--quiet")})
      io.push_back(arg);
    if (model.io_driver == "threads" || model.io_driver == "hybrid") io.insert(io.end(), {"--jobs", threads});

    const nlohmann::json cpu_result = run_json(cpu);
    const nlohmann::json io_result = run_json(io);
    rows.push_back({model.name, joined(cpu), joined(io), cpu_result.at("seconds").get<double>(),
                    io_result.at("seconds").get<double>(), cpu_result.at("count").get<std::uint64_t>(),
                    io_result.at("totals").at("ok").get<std::uint64_t>()});
  }

  // The same answer under every model, or the speedups mean nothing.
  for (const Row& row : rows) {
    if (row.primes != rows.front().primes)
      throw std::runtime_error(fmt::format("{} found {} primes, serial {}", row.model, row.primes, rows.front().primes));
    if (row.files_ok != static_cast<std::uint64_t>(options.files))
      throw std::runtime_error(fmt::format("{} downloaded {} of {} files", row.model, row.files_ok, options.files));
  }

  const double cpu_serial = rows.front().cpu_seconds;
  const double io_serial = rows.front().io_seconds;
  TextTable table({{"model"}, {"workers", true}, {"CPU-bound s", true}, {"speedup", true}, {"I/O-bound s", true},
                   {"speedup", true}});
  nlohmann::json runs = nlohmann::json::array();
  const int workers_of[] = {1, options.threads, options.ranks, options.ranks * options.threads};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    const double cpu_speedup = row.cpu_seconds > 0 ? cpu_serial / row.cpu_seconds : 0;
    const double io_speedup = row.io_seconds > 0 ? io_serial / row.io_seconds : 0;
    table.add_row({row.model, std::to_string(workers_of[i]), fmt::format("{:.3f}", row.cpu_seconds),
                   fmt::format("{:.2f}x", cpu_speedup), fmt::format("{:.3f}", row.io_seconds),
                   fmt::format("{:.2f}x", io_speedup)});
    runs.push_back({{"model", row.model},
                    {"workers", workers_of[i]},
                    {"cpu", {{"seconds", row.cpu_seconds}, {"speedup", cpu_speedup}, {"primes", row.primes},
                             {"command", row.cpu_command}}},
                    {"io", {{"seconds", row.io_seconds}, {"speedup", io_speedup}, {"files", row.files_ok},
                            {"command", row.io_command}}}});
  }

  const unsigned cores = std::thread::hardware_concurrency();
  std::string story = fmt::format(
      "CPU-bound: {} random numbers in [100, {}], naive prime test ({} primes every time).\n"
      "I/O-bound: {} files from a local server that waits {} ms before each answer.\n"
      "This machine has {} hardware threads.\n\n{}\n",
      options.numbers, options.max, rows.front().primes, options.files, options.latency_ms, cores, table.render());
  story += fmt::format(
      "CPU-bound work speeds up with workers only while there are cores for them (here {}): more\n"
      "threads or processes than cores just take turns. I/O-bound work speeds up with the number of\n"
      "transfers in flight, cores or not, because a waiting transfer needs no core. In C++ threads\n"
      "and processes both help CPU-bound work; in the lesson's Python only processes did, because of\n"
      "the GIL (lesson gil). Hence the lesson's rule: threads for I/O, processes for CPU.\n",
      cores);
  nlohmann::json figures = {{"lesson", "cpu-vs-io"},
                            {"ranks", options.ranks},
                            {"threads", options.threads},
                            {"numbers", options.numbers},
                            {"max", options.max},
                            {"files", options.files},
                            {"latency_ms", options.latency_ms},
                            {"hardware_threads", cores},
                            {"runs", runs}};
  return {figures, story};
}

Run setup_cpu_vs_io(CLI::App& command) {
  auto options = std::make_shared<CpuVsIoOptions>();
  command.add_option("--ranks", options->ranks, "MPI processes in the processes and hybrid rows")->capture_default_str();
  command.add_option("--threads", options->threads, "Threads (or transfers at a time) per process")->capture_default_str();
  command.add_option("--numbers", options->numbers, "CPU side: random numbers to test")->capture_default_str();
  command.add_option("--max", options->max, "CPU side: largest number drawn")->capture_default_str();
  command.add_option("--files", options->files, "I/O side: files to download")->capture_default_str();
  command.add_option("--latency-ms", options->latency_ms, "I/O side: server latency per file, in ms")->capture_default_str();
  command.add_option("--programs", options->programs, "Folder with primes and download (default: lesson's own)");
  command.add_option("--mpirun", options->mpirun, "MPI launcher (default: tools/mpirun-local of the source tree)");
  command.footer(
      "Examples:\n"
      "  lesson cpu-vs-io                                  the table, 2 ranks x 4 threads\n"
      "  lesson cpu-vs-io --threads 8 --files 16           more transfers in flight\n"
      "  lesson cpu-vs-io --json                           figures and the exact commands run");
  return [options] { return run_cpu_vs_io(*options); };
}

}  // namespace parakit::lesson
