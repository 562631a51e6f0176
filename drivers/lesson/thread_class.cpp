// The same simulated download run two ways: a plain function handed to
// std::thread, and a class that owns its thread (the lesson's DownloaderThread).
#include "drivers/lesson/thread_class.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "drivers/lesson/event_log.hpp"
#include "io/table.hpp"

namespace parakit::lesson {

const std::string_view thread_class_description =
    "Each worker \"downloads\" one file by waiting (standing in for the network). First the work\n"
    "is a plain function started with std::thread and joined by hand; then it is a class that\n"
    "owns its std::jthread, keeps its own name and result, and joins itself when destroyed.\n"
    "Both finish in about the time of the slowest file, not the sum: waiting overlaps.";

namespace {

double latency_of(int file, double base_ms) { return base_ms * (1 + (file * 2) % 3); }

// Style 1: a function. Its state comes in as arguments, its result goes out
// through a reference the caller must keep alive until join().
void fetch_file(int file, double latency_ms, EventLog& log, int& bytes_out) {
  const std::string who = fmt::format("file-{}", file);
  log.add(who, "downloading...");
  pause_ms(latency_ms);
  bytes_out = 1000 * (file + 1);
  log.add(who, "download complete");
}

// Style 2: a class. Name, inputs and result live with the thread that uses
// them; the destructor joins, so forgetting join() cannot crash the program.
class FetchWorker {
 public:
  FetchWorker(int file, double latency_ms, EventLog& log)
      : name_(fmt::format("worker-{}", file)), file_(file), latency_ms_(latency_ms), log_(log) {}
  // The thread holds `this`: moving the object would leave it pointing at the old place.
  FetchWorker(const FetchWorker&) = delete;
  FetchWorker& operator=(const FetchWorker&) = delete;

  void start() {
    thread_ = std::jthread([this] { run(); });
  }
  void join() { thread_.join(); }
  int bytes() const { return bytes_; }  // valid after join()

 private:
  void run() {
    log_.add(name_, "starting");
    fetch_file(file_, latency_ms_, log_, bytes_);
    log_.add(name_, "completing");
  }

  std::string name_;
  int file_;
  double latency_ms_;
  EventLog& log_;
  int bytes_ = 0;
  std::jthread thread_;  // last, so it joins before the fields above are destroyed
};

struct StyleRun {
  double seconds = 0;
  long total_bytes = 0;
  EventLog log;
};

void run_function_style(const ThreadClassOptions& options, StyleRun& out) {
  std::vector<int> bytes(options.workers, 0);
  std::vector<std::thread> threads;
  const Stopwatch clock;
  for (int f = 0; f < options.workers; ++f)
    threads.emplace_back(fetch_file, f, latency_of(f, options.latency_ms), std::ref(out.log), std::ref(bytes[f]));
  // A std::thread still joinable when destroyed calls std::terminate.
  for (auto& thread : threads) thread.join();
  out.seconds = clock.seconds();
  for (int b : bytes) out.total_bytes += b;
}

void run_class_style(const ThreadClassOptions& options, StyleRun& out) {
  std::vector<std::unique_ptr<FetchWorker>> workers;
  const Stopwatch clock;
  for (int f = 0; f < options.workers; ++f) {
    workers.push_back(std::make_unique<FetchWorker>(f, latency_of(f, options.latency_ms), out.log));
    workers.back()->start();
  }
  for (auto& worker : workers) worker->join();
  out.seconds = clock.seconds();
  for (auto& worker : workers) out.total_bytes += worker->bytes();
}

}  // namespace

Result run_thread_class(const ThreadClassOptions& options) {
  if (options.workers < 1 || options.workers > 64) throw std::invalid_argument("--workers must be between 1 and 64");
  if (options.latency_ms < 0 || options.latency_ms > 2000)
    throw std::invalid_argument("--latency-ms must be between 0 and 2000");

  // Each log's clock starts when it is made, so each style's times start near 0.
  StyleRun function_run;
  run_function_style(options, function_run);
  StyleRun class_run;
  run_class_style(options, class_run);
  double serial_ms = 0;
  for (int f = 0; f < options.workers; ++f) serial_ms += latency_of(f, options.latency_ms);

  TextTable table({{"style"}, {"wall ms", true}, {"bytes", true}});
  table.add_row({"one at a time (sum of waits)", fmt::format("{:.1f}", serial_ms), "-"});
  table.add_row({"function + std::thread", fmt::format("{:.1f}", function_run.seconds * 1e3),
                 group_digits(function_run.total_bytes)});
  table.add_row({"class owning std::jthread", fmt::format("{:.1f}", class_run.seconds * 1e3),
                 group_digits(class_run.total_bytes)});

  std::string story = fmt::format("{} simulated downloads, each waiting {} to {} ms.\n\n", options.workers,
                                  options.latency_ms, 3 * options.latency_ms);
  story += "Plain function, std::thread:\n" + function_run.log.render();
  story += "\nClass that owns its thread:\n" + class_run.log.render();
  story += "\n" + table.render() + "\n";
  story +=
      "Both styles run the downloads at once, so the wall time is close to the slowest wait, not\n"
      "the sum. Files finish in the order their waits end, not the order they started. The class\n"
      "keeps each thread's name and result with it and joins in its destructor; the function needs\n"
      "the caller to keep the result slots alive and to remember every join().\n";

  nlohmann::json figures = {{"lesson", "thread-class"},
                            {"workers", options.workers},
                            {"latency_ms", options.latency_ms},
                            {"serial_ms", serial_ms},
                            {"function", {{"seconds", function_run.seconds},
                                          {"bytes", function_run.total_bytes},
                                          {"events", function_run.log.to_json()}}},
                            {"class", {{"seconds", class_run.seconds},
                                       {"bytes", class_run.total_bytes},
                                       {"events", class_run.log.to_json()}}}};
  return {figures, story};
}

Run setup_thread_class(CLI::App& command) {
  auto options = std::make_shared<ThreadClassOptions>();
  command.add_option("--workers", options->workers, "Simulated downloads, one thread each")->capture_default_str();
  command.add_option("--latency-ms", options->latency_ms, "Base wait per download, in ms")->capture_default_str();
  command.footer(
      "Examples:\n"
      "  lesson thread-class                      four downloads, both styles\n"
      "  lesson thread-class --workers 8 --json   the events and times as JSON");
  return [options] { return run_thread_class(*options); };
}

}  // namespace parakit::lesson
