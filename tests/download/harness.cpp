#include "harness.hpp"

#include "io/http/sha256.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace parakit::test {
namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void exec_child(const std::vector<std::string>& argv, int in, int out, int err, pid_t parent) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);  // the test died before prctl took effect
  ::dup2(in, 0);
  ::dup2(out, 1);
  ::dup2(err, 2);
  for (const char* name : {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"}) ::unsetenv(name);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execv(args[0], args.data());
  ::_exit(127);
}

int open_or_throw(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot open " + path.string());
  return fd;
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "parakit-dltest-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

RunResult run(const std::vector<std::string>& argv, const std::string& stdin_text, double timeout_seconds) {
  TempDir io;
  write_file(io / "stdin", stdin_text);
  const int in = open_or_throw(io / "stdin", O_RDONLY);
  const int out = open_or_throw(io / "stdout", O_WRONLY | O_CREAT | O_TRUNC);
  const int err = open_or_throw(io / "stderr", O_WRONLY | O_CREAT | O_TRUNC);
  const auto started = Clock::now();
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) exec_child(argv, in, out, err, parent);
  ::close(in);
  ::close(out);
  ::close(err);
  if (pid < 0) throw std::runtime_error("fork failed");

  RunResult result;
  int status = 0;
  rusage usage{};
  while (true) {
    const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    if (std::chrono::duration<double>(Clock::now() - started).count() > timeout_seconds) {
      ::kill(pid, SIGKILL);
      ::wait4(pid, &status, 0, &usage);
      throw std::runtime_error("timed out: " + argv[0]);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.max_rss_kib = usage.ru_maxrss;
  result.out = read_file(io / "stdout");
  result.err = read_file(io / "stderr");
  return result;
}

ServerProcess::ServerProcess(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {kFileserver, "--port", "0", "--port-file", (scratch_ / "port").string(), "-q"};
  argv.insert(argv.end(), args.begin(), args.end());
  if (std::find(args.begin(), args.end(), "--tls-cert") != args.end()) scheme_ = "https";
  const int null = open_or_throw("/dev/null", O_RDWR);
  const int err = open_or_throw(scratch_ / "stderr", O_WRONLY | O_CREAT | O_TRUNC);
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ == 0) exec_child(argv, null, null, err, parent);
  ::close(null);
  ::close(err);
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < deadline) {
    std::ifstream file(scratch_ / "port");
    if (file >> port_ && port_ > 0) return;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("fileserver exited: " + read_file(scratch_ / "stderr"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  throw std::runtime_error("fileserver did not write its port within 10 s");
}

ServerProcess::~ServerProcess() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  while (Clock::now() < deadline) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

std::string ServerProcess::url(const std::string& path) const {
  return scheme_ + "://127.0.0.1:" + std::to_string(port_) + path;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

std::string random_bytes(std::size_t count, unsigned seed) {
  std::mt19937_64 engine(seed);
  std::string bytes(count, '\0');
  for (std::size_t i = 0; i < count; i += 8) {
    const std::uint64_t word = engine();
    for (std::size_t b = 0; b < 8 && i + b < count; ++b) bytes[i + b] = static_cast<char>(word >> (8 * b));
  }
  return bytes;
}

std::vector<std::string> partial_files(const std::filesystem::path& dir) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.front() == '.' && name.size() > 5 && name.substr(name.size() - 5) == ".part") found.push_back(name);
  }
  return found;
}

std::string digest(const std::string& bytes) {
  return std::to_string(bytes.size()) + " bytes, sha256 " + parakit::http::sha256_hex(bytes);
}

std::size_t count_lines(const std::string& text) {
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines;
}

}  // namespace parakit::test
