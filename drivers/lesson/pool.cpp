// The lesson's concurrent.futures: a fixed pool of threads, tasks submitted to
// it, and futures that hand back each task's result or its exception.
#include "drivers/lesson/pool.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <future>
#include <stdexcept>
#include <vector>

#include "drivers/lesson/event_log.hpp"
#include "kernels/concurrency/bounded_queue.hpp"
#include "kernels/concurrency/thread_pool.hpp"

namespace parakit::lesson {

const std::string_view pool_description =
    "--tasks simulated downloads are submitted to a pool of --workers threads; submit() returns\n"
    "a std::future at once. Each task, when it ends, also posts its number to a completion queue,\n"
    "so main can handle results as they complete (Python's as_completed) instead of in submission\n"
    "order. Task --fail-task throws; its exception travels inside the future and is rethrown by\n"
    "get() in main, where it can be handled. Finally the pool is destroyed, which waits for all.";

namespace {

double latency_of(int task, double base_ms) { return base_ms * (1 + (task * 3) % 4); }

}  // namespace

Result run_pool(const PoolOptions& options) {
  if (options.workers < 1 || options.workers > 64) throw std::invalid_argument("--workers must be between 1 and 64");
  if (options.tasks < 0 || options.tasks > 1000) throw std::invalid_argument("--tasks must be between 0 and 1000");
  if (options.latency_ms < 0 || options.latency_ms > 1000) throw std::invalid_argument("--latency-ms must be between 0 and 1000");
  if (options.fail_task < -1 || options.fail_task >= std::max(options.tasks, 1))
    throw std::invalid_argument("--fail-task must name a task (0 to tasks-1), or be -1 for none");

  EventLog log;
  BoundedQueue<int> completed(static_cast<std::size_t>(std::max(options.tasks, 1)));
  std::vector<int> completion_order;
  nlohmann::json results = nlohmann::json::array();
  int succeeded = 0;
  int failed = 0;
  const Stopwatch clock;
  {
    ThreadPool pool(static_cast<std::size_t>(options.workers));
    std::vector<std::future<int>> futures;
    for (int t = 0; t < options.tasks; ++t) {
      futures.push_back(pool.submit([&, t] {
        // Posting completion even when throwing: the caller waits for every task.
        struct Announce {
          BoundedQueue<int>& done;
          int task;
          ~Announce() { done.put(task); }
        } announce{completed, t};
        log.add(fmt::format("task-{}", t), "started on a pool thread");
        pause_ms(latency_of(t, options.latency_ms));
        if (t == options.fail_task) throw std::runtime_error(fmt::format("file-{}: server said 404", t));
        return 1000 * (t + 1);  // the "bytes downloaded"
      }));
      log.add("main", fmt::format("submitted task-{}", t));
    }
    for (int n = 0; n < options.tasks; ++n) {
      const int t = *completed.get();
      completion_order.push_back(t);
      try {
        const int bytes = futures[t].get();
        ++succeeded;
        log.add("main", fmt::format("task-{} completed: {} bytes", t, bytes));
        results.push_back({{"task", t}, {"ok", true}, {"bytes", bytes}});
      } catch (const std::exception& e) {
        ++failed;
        log.add("main", fmt::format("task-{} raised: {}", t, e.what()));
        results.push_back({{"task", t}, {"ok", false}, {"error", e.what()}});
      }
    }
  }  // ~ThreadPool: every task has already finished; the workers join here
  const double seconds = clock.seconds();

  double serial_ms = 0;
  for (int t = 0; t < options.tasks; ++t) serial_ms += latency_of(t, options.latency_ms);
  std::string order;
  for (int t : completion_order) order += fmt::format(" {}", t);

  std::string story = fmt::format("{} tasks on a pool of {} threads.\n\n", options.tasks, options.workers);
  story += log.render(100) + "\n";
  story += fmt::format(
      "Completion order:{} (submission order was 0 to {}).\n"
      "{} succeeded, {} raised; the exception reached main through the future. The pool ran at most\n"
      "{} tasks at a time: {:.0f} ms in all, against {:.0f} ms one after another.\n",
      order, options.tasks - 1, succeeded, failed, options.workers, seconds * 1e3, serial_ms);
  nlohmann::json figures = {{"lesson", "pool"},         {"workers", options.workers},
                            {"tasks", options.tasks},   {"succeeded", succeeded},
                            {"failed", failed},         {"completion_order", completion_order},
                            {"results", results},       {"seconds", seconds},
                            {"serial_ms", serial_ms},   {"events", log.to_json()}};
  return {figures, story};
}

Run setup_pool(CLI::App& command) {
  auto options = std::make_shared<PoolOptions>();
  command.add_option("--workers", options->workers, "Threads in the pool")->capture_default_str();
  command.add_option("--tasks", options->tasks, "Tasks submitted")->capture_default_str();
  command.add_option("--latency-ms", options->latency_ms, "Base wait per task, in ms")->capture_default_str();
  command.add_option("--fail-task", options->fail_task, "Task that throws (-1: none)")->capture_default_str();
  command.footer(
      "Examples:\n"
      "  lesson pool                              seven downloads on three threads, one fails\n"
      "  lesson pool --workers 1 --fail-task -1   one worker: completion order = submission order");
  return [options] { return run_pool(*options); };
}

}  // namespace parakit::lesson
