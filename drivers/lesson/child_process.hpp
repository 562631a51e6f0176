#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

namespace parakit::lesson {

// How a child process ended.
struct Ending {
  bool exited = false;  // true: returned an exit code; false: killed by a signal
  int code = 0;
  int signal = 0;
  std::string describe() const;
};

// A child process whose standard output (or result pipe) the parent reads.
// The destructor kills and reaps a child still running, so no lesson can leave
// a zombie or an orphan behind, even when it throws.
class ChildProcess {
 public:
  // Forks; the child runs body(fd) with fd the write end of a pipe to the
  // parent, then exits with body's return value. Only call before starting
  // threads: a forked child gets a copy of the memory but only the calling thread.
  static ChildProcess fork_running(const std::function<int(int fd)>& body);
  // Starts a program with its standard output piped to the parent.
  static ChildProcess spawn(const std::vector<std::string>& argv);

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&&) = delete;
  ChildProcess(const ChildProcess&) = delete;
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  std::string read_all();    // the child's output, until it closes the pipe
  void wait_until_ended();   // blocks until it ends, without reaping it
  Ending reap();             // collects the exit status; the pid is free after this
  void send(int signal);     // safe until reap(): the pid cannot be reused before

 private:
  ChildProcess(pid_t pid, int read_fd) : pid_(pid), read_fd_(read_fd) {}
  pid_t pid_ = -1;
  int read_fd_ = -1;
  bool reaped_ = false;
};

}  // namespace parakit::lesson
