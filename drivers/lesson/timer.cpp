// The lesson's threading.Timer: a watchdog armed with a deadline kills work
// that runs too long, and is cancelled when the work finishes first.
#include "drivers/lesson/timer.hpp"

#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <stdexcept>
#include <stop_token>

#include "drivers/lesson/child_process.hpp"
#include "drivers/lesson/event_log.hpp"
#include "kernels/concurrency/watchdog.hpp"
#include "kernels/naive.hpp"

namespace parakit::lesson {

const std::string_view timer_description =
    "A Watchdog thread waits for a deadline. If the work is still running then, it stops it:\n"
    "--target process kills a child process with SIGKILL (the lesson killed a never-ending ping);\n"
    "--target computation asks a prime count to stop through a std::stop_token, which the count\n"
    "checks between numbers (a thread cannot be killed safely, only asked). When the work ends\n"
    "first, the watchdog is cancelled and never fires.";

namespace {

struct Outcome {
  bool fired = false;
  std::string ending;
  double elapsed_ms = 0;
  nlohmann::json details;
};

Outcome watch_process(const TimerOptions& options, EventLog& log) {
  // The child stands in for a program that may hang: it just sleeps.
  ChildProcess child = ChildProcess::fork_running([work = options.work_ms](int) {
    ::usleep(static_cast<useconds_t>(work * 1000));
    return 0;
  });
  log.add("main", fmt::format("started child process {} (runs {} ms)", child.pid(), options.work_ms));
  const Stopwatch clock;
  Watchdog watchdog(std::chrono::milliseconds(static_cast<long>(options.deadline_ms)), [&] {
    log.add("watchdog", "deadline passed: killing the child");
    child.send(SIGKILL);
  });
  log.add("main", fmt::format("armed the watchdog ({} ms); waiting for the child", options.deadline_ms));
  child.wait_until_ended();
  // Cancel before reaping: until reap() the child's pid cannot be recycled,
  // so a watchdog firing at this very moment still signals the right process.
  const bool cancelled = watchdog.cancel();
  const Ending ending = child.reap();
  log.add("main", "child " + ending.describe());
  if (cancelled) log.add("main", "cancelled the watchdog: it never fired");
  return {!cancelled, ending.describe(), clock.ms(),
          {{"exited", ending.exited}, {"exit_code", ending.code}, {"signal", ending.signal}}};
}

Outcome watch_computation(const TimerOptions& options, EventLog& log) {
  std::stop_source stop;
  const Stopwatch clock;
  Watchdog watchdog(std::chrono::milliseconds(static_cast<long>(options.deadline_ms)), [&] {
    log.add("watchdog", "deadline passed: requesting stop");
    stop.request_stop();
  });
  log.add("main", fmt::format("counting primes up to {} with the naive kernel", options.limit));
  std::uint64_t primes = 0;
  std::uint64_t tested = 0;
  const std::stop_token token = stop.get_token();
  for (std::uint64_t n = 2; n <= options.limit && !token.stop_requested(); ++n, ++tested)
    primes += is_prime_naive(n) ? 1 : 0;
  const bool finished = tested == (options.limit >= 2 ? options.limit - 1 : 0);
  const bool cancelled = watchdog.cancel();
  log.add("main", finished ? fmt::format("finished: {} primes", primes)
                           : fmt::format("stopped after {} numbers ({} primes so far)", tested, primes));
  if (cancelled) log.add("main", "cancelled the watchdog: it never fired");
  return {!cancelled, finished ? "finished" : "stopped early", clock.ms(),
          {{"finished", finished}, {"tested", tested}, {"primes", primes}}};
}

}  // namespace

Result run_timer(const TimerOptions& options) {
  if (options.deadline_ms < 0 || options.deadline_ms > 60000)
    throw std::invalid_argument("--deadline-ms must be between 0 and 60000");
  if (options.work_ms < 0 || options.work_ms > 60000) throw std::invalid_argument("--work-ms must be between 0 and 60000");
  if (options.target != "process" && options.target != "computation")
    throw std::invalid_argument("--target must be process or computation");

  EventLog log;
  const Outcome outcome =
      options.target == "process" ? watch_process(options, log) : watch_computation(options, log);

  std::string story = fmt::format("Watchdog with a {} ms deadline over a {}.\n\n", options.deadline_ms,
                                  options.target == "process" ? fmt::format("child process that runs {} ms", options.work_ms)
                                                              : fmt::format("prime count up to {}", options.limit));
  story += log.render() + "\n";
  story += outcome.fired
               ? fmt::format("The work overran, so the watchdog fired and stopped it. Run again with a deadline\n"
                             "longer than the work ({}) to see it cancelled instead.\n",
                             options.target == "process" ? "e.g. --work-ms 20 --deadline-ms 1000"
                                                         : "e.g. --limit 5000 --deadline-ms 5000")
               : "The work ended first, so the watchdog was cancelled; cancelling wakes its thread at once,\n"
                 "so the program did not wait out the deadline. Try a shorter --deadline-ms.\n";
  nlohmann::json figures = {{"lesson", "timer"},          {"target", options.target},
                            {"deadline_ms", options.deadline_ms}, {"fired", outcome.fired},
                            {"cancelled", !outcome.fired}, {"ending", outcome.ending},
                            {"elapsed_ms", outcome.elapsed_ms},   {"work", outcome.details},
                            {"events", log.to_json()}};
  if (options.target == "process") figures["work_ms"] = options.work_ms;
  else figures["limit"] = options.limit;
  return {figures, story};
}

Run setup_timer(CLI::App& command) {
  auto options = std::make_shared<TimerOptions>();
  command.add_option("--target", options->target, "What the watchdog guards")
      ->check(CLI::IsMember({"process", "computation"}))
      ->capture_default_str();
  command.add_option("--deadline-ms", options->deadline_ms, "When the watchdog fires, in ms")->capture_default_str();
  command.add_option("--work-ms", options->work_ms, "How long the child process runs, in ms")->capture_default_str();
  command.add_option("--limit", options->limit, "The computation counts primes up to this")->capture_default_str();
  command.footer(
      "Examples:\n"
      "  lesson timer                                   the child overruns and is killed\n"
      "  lesson timer --work-ms 20 --deadline-ms 1000   the child ends first; watchdog cancelled\n"
      "  lesson timer --target computation              a computation asked to stop");
  return [options] { return run_timer(*options); };
}

}  // namespace parakit::lesson
