#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

// Runs the real programs as child processes, the way a user would, and a real
// fileserver on 127.0.0.1 for them to talk to.
namespace parakit::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  long max_rss_kib = 0;  // peak resident memory of the child (getrusage via wait4)
  double seconds = 0.0;
};

// Runs argv[0] with its arguments; the child never outlives the test (it gets
// SIGKILL if the test dies) and is killed after `timeout_seconds`. Proxy
// variables are removed so loopback traffic never goes anywhere else.
RunResult run(const std::vector<std::string>& argv, const std::string& stdin_text = "", double timeout_seconds = 90.0);

// A scratch folder removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// `fileserver --port 0 --port-file F ARGS...`, up until destruction (SIGTERM,
// then SIGKILL if it does not stop within a few seconds).
class ServerProcess {
 public:
  explicit ServerProcess(const std::vector<std::string>& args);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  int port() const { return port_; }
  std::string url(const std::string& path) const;  // path starts with '/'; https with --tls-cert

 private:
  TempDir scratch_;
  int pid_ = -1;
  int port_ = 0;
  std::string scheme_ = "http";
};

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& bytes);
// Deterministic pseudo-random bytes.
std::string random_bytes(std::size_t count, unsigned seed);
// Files in `dir` whose name starts with '.' and ends with ".part".
std::vector<std::string> partial_files(const std::filesystem::path& dir);
std::size_t count_lines(const std::string& text);
// "N bytes, sha256 HEX": compared instead of the bytes, so a failure prints
// something a person can read rather than binary.
std::string digest(const std::string& bytes);

inline const std::string kDownload = PARAKIT_DOWNLOAD_BIN;
inline const std::string kFileserver = PARAKIT_FILESERVER_BIN;
inline const std::string kMpirun = PARAKIT_MPIRUN_BIN;

}  // namespace parakit::test
