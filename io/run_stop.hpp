#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace parakit {

// Why a run was asked to stop early.
enum class StopReason { none, signal, time_limit };

// Exit code of a run that hit --time-limit, as timeout(1) uses.
inline constexpr int kTimeLimitExit = 124;
// How long a stopped run may take to wrap up before RunStop ends it by force.
inline constexpr std::chrono::milliseconds kStopGrace{3000};

// Parses --time-limit SECONDS ("90", "0.5"): a positive number of seconds.
// Returns the one-line error, or nothing with `seconds` set.
std::optional<std::string> parse_time_limit(const std::string& text, double& seconds);

// Turns SIGINT, SIGTERM and an optional time limit into one cooperative stop
// flag that workers poll, with a hard exit as the fallback.
//
// The signal handler only writes the signal number into a pipe (async-signal-
// safe); a watcher thread reads it, or wakes when the time limit passes, prints
// one line, and sets the flag. If the program has not called finish() within
// `grace` after that, or a second signal comes, the watcher ends the process
// with _exit(exit_code()): a rank stuck in a call that never polls the flag
// (a collective waiting for a peer, say) still ends. A zero grace exits at
// once, for programs whose work cannot be asked to stop. One per process; the
// destructor puts the previous handlers back.
class RunStop {
 public:
  RunStop(std::string program, double time_limit_seconds, std::chrono::milliseconds grace);
  ~RunStop();
  RunStop(const RunStop&) = delete;
  RunStop& operator=(const RunStop&) = delete;

  // What kernels and drivers poll.
  const std::atomic<bool>& flag() const { return flag_; }
  bool requested() const { return flag_.load(std::memory_order_relaxed); }
  StopReason reason() const;
  int signal_number() const;
  // 0 when no stop was requested, 124 for the time limit, 128 + N for signal N.
  int exit_code() const;
  // "interrupted by SIGTERM", "time limit of 5 s reached".
  std::string describe() const;

  // Stops as if a signal or the time limit came; used when another rank stopped.
  void request(StopReason reason, int signal_number);
  // The program is wrapping up: the hard-exit fallback is disarmed.
  void finish();

 private:
  void watch();
  void hard_exit(const char* why);

  std::string program_;
  std::chrono::steady_clock::time_point deadline_;
  bool has_deadline_ = false;
  double time_limit_seconds_ = 0;
  std::chrono::milliseconds grace_;
  std::atomic<bool> flag_{false};
  std::atomic<int> reason_{0};
  std::atomic<int> signal_{0};
  std::atomic<bool> finished_{false};
  int pipe_[2] = {-1, -1};
  std::thread watcher_;
};

// Until a RunStop takes over, SIGINT and SIGTERM end the process at once with
// 128 + N: MPI_Init can take seconds (a host name that does not resolve,
// thousands of ranks), and a signal then must end the job as promptly as
// during the run. It also overrides a SIGINT that a shell's background job
// inherits as ignored. Call it before MPI_Init; a RunStop's destructor puts
// these handlers back, so MPI_Finalize is covered too. With `say_why` the
// process first writes one line naming `program` (a literal: it must outlive
// the process); under a launcher only one process should, since the launcher
// signals every rank at once.
void end_at_once_on_stop_signals(const char* program, bool say_why = true);

std::string signal_name(int signal_number);

// What an agreed exit code (124, 128+N) means, for the line a stopped run prints.
std::string stop_description(int exit_code, double time_limit_seconds);

}  // namespace parakit
