#include "drivers/lesson/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <stdexcept>

extern char** environ;

namespace parakit::lesson {

std::string Ending::describe() const {
  if (exited) return fmt::format("exited with code {}", code);
  return fmt::format("killed by signal {} ({})", signal, strsignal(signal));
}

namespace {

std::runtime_error os_error(const std::string& what) {
  return std::runtime_error(fmt::format("{}: {}", what, std::strerror(errno)));
}

}  // namespace

ChildProcess ChildProcess::fork_running(const std::function<int(int)>& body) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw os_error("pipe");
  const pid_t pid = ::fork();
  if (pid < 0) throw os_error("fork");
  if (pid == 0) {
    ::close(fds[0]);
    // The child dies with the parent (a lesson stopped by Ctrl-C or its
    // --time-limit leaves no orphan), and leaves SIGINT and SIGTERM to the
    // default action instead of the parent's stop handler.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() == 1) ::_exit(1);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    // _exit, not exit: the child must not run the parent's atexit handlers
    // or flush stdio buffers it inherited.
    ::_exit(body(fds[1]));
  }
  ::close(fds[1]);
  return ChildProcess(pid, fds[0]);
}

ChildProcess ChildProcess::spawn(const std::vector<std::string>& argv) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw os_error("pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int failed = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (failed != 0) {
    ::close(fds[0]);
    errno = failed;
    throw os_error("cannot start " + argv[0]);
  }
  return ChildProcess(pid, fds[0]);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_), read_fd_(other.read_fd_), reaped_(other.reaped_) {
  other.pid_ = -1;
  other.read_fd_ = -1;
  other.reaped_ = true;
}

ChildProcess::~ChildProcess() {
  if (read_fd_ >= 0) ::close(read_fd_);
  if (pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

std::string ChildProcess::read_all() {
  std::string text;
  char buffer[4096];
  while (read_fd_ >= 0) {
    const ssize_t got = ::read(read_fd_, buffer, sizeof buffer);
    if (got > 0) {
      text.append(buffer, static_cast<std::size_t>(got));
    } else if (got == 0 || errno != EINTR) {
      ::close(read_fd_);
      read_fd_ = -1;
    }
  }
  return text;
}

void ChildProcess::wait_until_ended() {
  siginfo_t info{};
  // WNOWAIT leaves the child a zombie: its pid stays reserved, so a watchdog
  // racing with us can still signal it harmlessly instead of hitting a stranger.
  while (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOWAIT) != 0)
    if (errno != EINTR) throw os_error("waitid");
}

Ending ChildProcess::reap() {
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0)
    if (errno != EINTR) throw os_error("waitpid");
  reaped_ = true;
  if (WIFEXITED(status)) return {true, WEXITSTATUS(status), 0};
  return {false, 0, WTERMSIG(status)};
}

void ChildProcess::send(int signal) {
  if (!reaped_) ::kill(pid_, signal);
}

}  // namespace parakit::lesson
