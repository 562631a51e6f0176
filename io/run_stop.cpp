#include "io/run_stop.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <stdexcept>

namespace parakit {
namespace {

// The handler's only link to the watcher. A signal handler cannot reach an
// object, so this one descriptor is global; RunStop allows one instance.
volatile sig_atomic_t g_write_end = -1;
struct sigaction g_previous_int {};
struct sigaction g_previous_term {};

constexpr unsigned char kQuitByte = 0;     // the destructor: the watcher ends
constexpr unsigned char kRequestByte = 255;  // request(): start the grace period

extern "C" void on_stop_signal(int number) {
  const int saved = errno;
  const unsigned char byte = static_cast<unsigned char>(number);
  if (g_write_end >= 0) [[maybe_unused]] ssize_t ignored = ::write(g_write_end, &byte, 1);
  errno = saved;
}

const char* g_startup_program = "parakit";
volatile sig_atomic_t g_startup_speaks = 1;

void write_text(const char* text) {
  [[maybe_unused]] ssize_t ignored = ::write(STDERR_FILENO, text, std::strlen(text));
}

// Only async-signal-safe calls: write and _exit. strlen is safe in practice
// (glibc's is a pure function) and POSIX 2024 lists it.
extern "C" void on_startup_stop_signal(int number) {
  if (g_startup_speaks) {
    write_text(g_startup_program);
    write_text(number == SIGINT ? ": interrupted by SIGINT during start-up; exiting now\n"
                                : ": interrupted by SIGTERM during start-up; exiting now\n");
  }
  ::_exit(128 + number);
}

void say(const std::string& line) {
  // One write, so lines of several ranks do not interleave mid-line.
  const std::string text = line + "\n";
  [[maybe_unused]] ssize_t ignored = ::write(STDERR_FILENO, text.data(), text.size());
}

}  // namespace

std::optional<std::string> parse_time_limit(const std::string& text, double& seconds) {
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno != 0 || !(value > 0) || value > 1e9) {
    return fmt::format("--time-limit: '{}' is not a positive number of seconds", text);
  }
  seconds = value;
  return std::nullopt;
}

void end_at_once_on_stop_signals(const char* program, bool say_why) {
  g_startup_program = program;
  g_startup_speaks = say_why ? 1 : 0;
  struct sigaction action {};
  action.sa_handler = on_startup_stop_signal;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

std::string signal_name(int number) {
  switch (number) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    default: return fmt::format("signal {}", number);
  }
}

std::string stop_description(int exit_code, double time_limit_seconds) {
  if (exit_code == kTimeLimitExit) return fmt::format("time limit of {} s reached", time_limit_seconds);
  return "interrupted by " + signal_name(exit_code - 128);
}

RunStop::RunStop(std::string program, double time_limit_seconds, std::chrono::milliseconds grace)
    : program_(std::move(program)), grace_(grace) {
  if (g_write_end >= 0) throw std::logic_error("only one RunStop per process");
  if (time_limit_seconds > 0) {
    has_deadline_ = true;
    time_limit_seconds_ = time_limit_seconds;
    deadline_ = std::chrono::steady_clock::now() +
                std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(time_limit_seconds));
  }
  if (::pipe2(pipe_, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error(fmt::format("pipe: {}", std::strerror(errno)));
  g_write_end = pipe_[1];
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &action, &g_previous_int);
  ::sigaction(SIGTERM, &action, &g_previous_term);
  watcher_ = std::thread([this] { watch(); });
}

RunStop::~RunStop() {
  ::sigaction(SIGINT, &g_previous_int, nullptr);
  ::sigaction(SIGTERM, &g_previous_term, nullptr);
  finished_ = true;
  const unsigned char quit = kQuitByte;
  [[maybe_unused]] ssize_t ignored = ::write(pipe_[1], &quit, 1);
  if (watcher_.joinable()) watcher_.join();
  g_write_end = -1;
  ::close(pipe_[0]);
  ::close(pipe_[1]);
}

StopReason RunStop::reason() const { return static_cast<StopReason>(reason_.load()); }
int RunStop::signal_number() const { return signal_.load(); }

int RunStop::exit_code() const {
  switch (reason()) {
    case StopReason::none: return 0;
    case StopReason::time_limit: return kTimeLimitExit;
    case StopReason::signal: return 128 + signal_number();
  }
  return 1;
}

std::string RunStop::describe() const {
  switch (reason()) {
    case StopReason::none: return "not stopped";
    case StopReason::time_limit:
    case StopReason::signal: return stop_description(exit_code(), time_limit_seconds_);
  }
  return "stopped";
}

void RunStop::request(StopReason reason, int signal_number) {
  int expected = 0;
  if (reason_.compare_exchange_strong(expected, static_cast<int>(reason))) {
    signal_ = signal_number;
    flag_ = true;
    const unsigned char wake = kRequestByte;
    [[maybe_unused]] ssize_t ignored = ::write(pipe_[1], &wake, 1);
  }
}

void RunStop::finish() { finished_ = true; }

void RunStop::hard_exit(const char* why) {
  say(fmt::format("{}: {}; exiting now with code {}", program_, why, exit_code()));
  ::_exit(exit_code());
}

void RunStop::watch() {
  std::chrono::steady_clock::time_point stop_at{};
  bool stopping = false;
  while (true) {
    int timeout_ms = -1;
    const auto now = std::chrono::steady_clock::now();
    if (stopping && !finished_) {
      timeout_ms = static_cast<int>(std::max<long>(0, std::chrono::duration_cast<std::chrono::milliseconds>(stop_at + grace_ - now).count()));
    } else if (!stopping && has_deadline_) {
      timeout_ms = static_cast<int>(std::max<long>(0, std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - now).count()) + 1);
    }
    // While stopping but not finished, wake at least every 100 ms to see finish().
    if (stopping && !finished_) timeout_ms = std::min(timeout_ms, 100);
    pollfd wait{pipe_[0], POLLIN, 0};
    const int ready = ::poll(&wait, 1, timeout_ms);
    if (ready < 0 && errno == EINTR) continue;
    unsigned char byte = kRequestByte;
    const bool got = ready > 0 && ::read(pipe_[0], &byte, 1) == 1;
    if (got && byte == kQuitByte) return;
    if (got && byte != kRequestByte) {
      if (stopping) hard_exit(fmt::format("{} again", signal_name(byte)).c_str());
      int expected = 0;
      if (reason_.compare_exchange_strong(expected, static_cast<int>(StopReason::signal))) signal_ = byte;
      flag_ = true;
    } else if (!stopping && has_deadline_ && std::chrono::steady_clock::now() >= deadline_) {
      int expected = 0;
      reason_.compare_exchange_strong(expected, static_cast<int>(StopReason::time_limit));
      flag_ = true;
    }
    if (flag_ && !stopping && grace_.count() == 0) hard_exit(describe().c_str());
    if (flag_ && !stopping) {
      stopping = true;
      stop_at = std::chrono::steady_clock::now();
      if (!finished_) say(fmt::format("{}: {}; stopping{}", program_, describe(),
                                      reason() == StopReason::signal ? " (send it again to quit at once)" : ""));
      continue;
    }
    if (stopping && !finished_ && std::chrono::steady_clock::now() >= stop_at + grace_) {
      hard_exit(fmt::format("{} and the work did not stop within {} s", describe(), grace_.count() / 1000.0).c_str());
    }
  }
}

}  // namespace parakit
