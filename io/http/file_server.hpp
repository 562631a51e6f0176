#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace parakit::fileserver {

struct ServerConfig {
  std::string address = "127.0.0.1";
  int port = 8000;                            // 0: any free port
  std::filesystem::path directory;            // files served as /RELATIVE/PATH; empty for none
  std::vector<std::uint64_t> synthetic_sizes;  // served as /synthetic-NNN.bin
  double latency_ms = 0.0;                    // before every response, as a far server would
  std::uint64_t rate = 0;                     // bytes/s per response; 0 for no cap
  bool ranges = true;                         // honour Range requests
  bool faults = false;                        // the test-only fault routes (see fileserver --help)
  int threads = 128;                          // concurrent connections served
  std::filesystem::path tls_cert;             // PEM; with tls_key, serve HTTPS instead of HTTP
  std::filesystem::path tls_key;
};

// One file the server offers: its URL path and, for the URL list, size and checksum.
struct ServedFile {
  std::string path;  // "/synthetic-000.bin", percent-encoded
  std::uint64_t size = 0;
};

// An HTTP/1.1 server on its own threads, listening from construction until
// destruction. Construction throws std::runtime_error when it cannot bind.
class FileServer {
 public:
  explicit FileServer(ServerConfig config);
  ~FileServer();
  FileServer(const FileServer&) = delete;
  FileServer& operator=(const FileServer&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:PORT" (the host as given, or 127.0.0.1 for a wildcard
  // address; https with a TLS certificate).
  std::string base_url() const;
  std::vector<ServedFile> files() const;
  // Requests answered so far, for tests and summaries.
  std::uint64_t requests() const { return requests_.load(); }

 private:
  void handle(const httplib::Request& request, httplib::Response& response);
  bool wait(double milliseconds) const;
  std::uint64_t count_request(const std::string& key);

  ServerConfig config_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> requests_{0};
  std::mutex counts_mutex_;
  std::map<std::string, std::uint64_t> counts_;  // per request target, for "fail the first K"
  std::atomic<bool> listener_done_{false};  // listen_after_bind has returned
  std::thread listener_;
};

// "a b/c%.txt" -> "a%20b/c%25.txt": every byte outside the unreserved set, '/' kept.
std::string percent_encode_path(const std::string& path);

}  // namespace parakit::fileserver
