// A background heartbeat that must not keep the program alive. Python marks it
// daemon=True and lets the interpreter kill it; C++ gives two choices: detach
// it (killed mid-stride at exit, like Python's daemon) or own it in a
// std::jthread whose stop_token ends it cleanly. The lesson shows both.
#include "drivers/lesson/daemon.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <atomic>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "drivers/lesson/child_process.hpp"
#include "drivers/lesson/event_log.hpp"
#include "drivers/lesson/heartbeat.hpp"

namespace parakit::lesson {

const std::string_view daemon_description =
    "A heartbeat thread reports every --beat-ms while main works for --work-ms, then main exits.\n"
    "Owned by a std::jthread, the heartbeat is asked to stop through its std::stop_token when it\n"
    "goes out of scope; its wait wakes at once and it says goodbye. Detached (the closest thing to\n"
    "Python's daemon=True), it is simply killed when the process exits, in the middle of whatever\n"
    "it was doing: no goodbye, no cleanup. That run happens in a child process, so the kill is real.\n"
    "(A plain std::thread left joinable would abort the program; joining a loop that never checks\n"
    "for a stop would hang it, which is the lesson's first, never-ending example.)";

namespace {

void write_line(int fd, const std::string& line) {
  const std::string text = line + "\n";
  // A heartbeat's line is tiny; a short write to a pipe cannot happen here.
  [[maybe_unused]] auto written = ::write(fd, text.data(), text.size());
}

struct DetachedRun {
  int beats = 0;
  bool said_goodbye = false;
  std::string ending;
};

// In a child process: start a detached heartbeat, work, exit. Whatever the
// heartbeat wrote before the exit killed it comes back through the pipe.
DetachedRun run_detached(const DaemonOptions& options) {
  ChildProcess child = ChildProcess::fork_running([&options](int fd) {
    std::thread([fd, interval = options.beat_ms] {
      for (int beat = 1;; ++beat) {
        pause_ms(interval);
        write_line(fd, fmt::format("beat {}", beat));
      }
      write_line(fd, "goodbye");  // unreachable, like the cleanup a detached thread never gets
    }).detach();
    pause_ms(options.work_ms);
    return 0;  // the process ends here and takes the detached thread with it
  });
  const std::string output = child.read_all();
  DetachedRun run;
  for (std::size_t at = output.find("beat "); at != std::string::npos; at = output.find("beat ", at + 1)) ++run.beats;
  run.said_goodbye = output.find("goodbye") != std::string::npos;
  run.ending = child.reap().describe();
  return run;
}

}  // namespace

Result run_daemon(const DaemonOptions& options) {
  if (options.beat_ms < 1 || options.beat_ms > 60000) throw std::invalid_argument("--beat-ms must be between 1 and 60000");
  if (options.work_ms < 0 || options.work_ms > 10000) throw std::invalid_argument("--work-ms must be between 0 and 10000");

  // Fork first, while this process still has a single thread.
  const DetachedRun detached = run_detached(options);

  EventLog log;
  const Stopwatch total;
  std::atomic<int> beats{0};
  bool said_goodbye = false;
  std::optional<Stopwatch> leaving;
  {
    Heartbeat heartbeat(
        std::chrono::milliseconds(static_cast<long>(options.beat_ms)),
        [&](int beat) {
          beats = beat;
          log.add("heartbeat", fmt::format("beat {}: still waiting", beat));
        },
        [&] {
          said_goodbye = true;
          log.add("heartbeat", "stop requested: goodbye");
        });
    log.add("main", fmt::format("working for {} ms", options.work_ms));
    pause_ms(options.work_ms);
    log.add("main", "done; leaving the heartbeat's scope");
    leaving.emplace();
  }  // ~Heartbeat: the jthread requests stop, then joins
  const double stop_ms = leaving->ms();
  const double total_ms = total.ms();

  std::string story = fmt::format("Heartbeat every {} ms while main works {} ms.\n\n", options.beat_ms, options.work_ms);
  story += "Owned by a std::jthread:\n" + log.render() + "\n";
  story += fmt::format(
      "main was done after {:.0f} ms and the process could go on {:.1f} ms later: the stop request\n"
      "woke the heartbeat mid-wait, so it did not hold the exit for up to a whole interval.\n\n",
      options.work_ms, stop_ms);
  story += fmt::format(
      "Detached, in a child process: the heartbeat beat {} time(s), then main returned and the\n"
      "process ended ({}), killing the thread mid-loop. It {} goodbye: a detached thread\n"
      "gets no chance to clean up, and if it touches a global while exit() destroys globals, the\n"
      "program can crash on the way out.\n",
      detached.beats, detached.ending, detached.said_goodbye ? "said" : "never said");

  nlohmann::json figures = {{"lesson", "daemon"},
                            {"beat_ms", options.beat_ms},
                            {"work_ms", options.work_ms},
                            {"jthread", {{"beats", beats.load()},
                                         {"said_goodbye", said_goodbye},
                                         {"total_ms", total_ms},
                                         {"exit_delay_ms", stop_ms},
                                         {"events", log.to_json()}}},
                            {"detached", {{"beats", detached.beats},
                                          {"said_goodbye", detached.said_goodbye},
                                          {"process", detached.ending}}}};
  return {figures, story};
}

Run setup_daemon(CLI::App& command) {
  auto options = std::make_shared<DaemonOptions>();
  command.add_option("--beat-ms", options->beat_ms, "Heartbeat interval, in ms")->capture_default_str();
  command.add_option("--work-ms", options->work_ms, "How long main works before exiting, in ms")->capture_default_str();
  command.footer(
      "Examples:\n"
      "  lesson daemon                             five beats, then a clean stop\n"
      "  lesson daemon --beat-ms 60000 --work-ms 10   exits at once all the same");
  return [options] { return run_daemon(*options); };
}

}  // namespace parakit::lesson
