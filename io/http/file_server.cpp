#include "io/http/file_server.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <cctype>
#include <chrono>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "io/http/synthetic_files.hpp"

namespace parakit::fileserver {
namespace {

// httplib's own backlog is 5: eight simultaneous clients already meet dropped
// SYNs and a 1 s retransmit. The kernel caps this at somaxconn.
constexpr int kListenBacklog = 1024;
constexpr std::size_t kChunkBytes = 256 * 1024;
constexpr double kStallMaxMs = 120'000.0;

bool safe_relative_path(const std::string& path) {
  if (path.empty()) return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string segment = path.substr(start, end - start);
    if (segment.empty() || segment.front() == '.') return false;  // also "..", hidden files
    for (char c : segment) {
      if (static_cast<unsigned char>(c) < 0x20 || c == '\\') return false;
    }
    start = end + 1;
  }
  return true;
}

// Finds our own descriptor of the connection a request came on, by its peer
// address: httplib does not hand handlers the socket.
int find_connection_socket(const std::string& peer_address, int peer_port) {
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    const int fd = std::atoi(entry.path().filename().c_str());
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) != 0) continue;
    char text[INET6_ADDRSTRLEN] = {};
    int port = 0;
    if (peer.ss_family == AF_INET) {
      const auto* v4 = reinterpret_cast<const sockaddr_in*>(&peer);
      ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
      port = ntohs(v4->sin_port);
    } else if (peer.ss_family == AF_INET6) {
      const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&peer);
      ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
      port = ntohs(v6->sin6_port);
    }
    if (port == peer_port && peer_address == text) return fd;
  }
  return -1;
}

// "/" + name, spelled out: GCC 12 warns falsely (-Wrestrict) on operator+ here.
std::string rooted(const std::string& name) {
  std::string path;
  path.reserve(name.size() + 1);
  path.append("/").append(name);
  return path;
}

// Aborts a connection with a TCP reset. connect(AF_UNSPEC) disconnects the
// socket in place, so httplib's own shutdown and close later are harmless;
// lingering for 0 s would not do, as httplib shuts down (FIN) before closing.
void reset_connection(const std::string& peer_address, int peer_port) {
  const int fd = find_connection_socket(peer_address, peer_port);
  if (fd < 0) return;
  sockaddr unspecified{};
  unspecified.sa_family = AF_UNSPEC;
  ::connect(fd, &unspecified, sizeof unspecified);
}

struct OpenFile {
  int fd = -1;
  ~OpenFile() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string percent_encode_path(const std::string& path) {
  std::string out;
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out.push_back(c);
    } else {
      out += fmt::format("%{:02X}", byte);
    }
  }
  return out;
}

namespace {

std::unique_ptr<httplib::Server> make_server(const ServerConfig& config) {
  if (config.tls_cert.empty() && config.tls_key.empty()) return std::make_unique<httplib::Server>();
  auto server = std::make_unique<httplib::SSLServer>(config.tls_cert.c_str(), config.tls_key.c_str());
  if (!server->is_valid()) {
    throw std::runtime_error(fmt::format("cannot use TLS certificate '{}' with key '{}' (PEM files that belong together?)",
                                         config.tls_cert.string(), config.tls_key.string()));
  }
  return server;
}

}  // namespace

FileServer::FileServer(ServerConfig config) : config_(std::move(config)), server_(make_server(config_)) {
  if (config_.threads < 1) config_.threads = 1;
  const int threads = config_.threads;
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  int listening = -1;
  server_->set_socket_options([&listening](int fd) {
    int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    listening = fd;
  });
  server_->set_tcp_nodelay(true);
  server_->set_keep_alive_max_count(1000);
  server_->Get(R"(/.*)", [this](const httplib::Request& request, httplib::Response& response) { handle(request, response); });

  const bool bound = config_.port == 0 ? (port_ = server_->bind_to_any_port(config_.address)) > 0
                                       : server_->bind_to_port(config_.address, config_.port);
  if (!bound) {
    throw std::runtime_error(fmt::format("cannot listen on {}:{}: {}", config_.address, config_.port,
                                         config_.port == 0 ? "no free port" : "address in use or not available"));
  }
  if (config_.port != 0) port_ = config_.port;
  if (listening >= 0) ::listen(listening, kListenBacklog);  // raises the backlog of the bound socket
  listener_ = std::thread([this] {
    server_->listen_after_bind();
    listener_done_ = true;
  });
}

FileServer::~FileServer() {
  stopping_ = true;
  // cpp-httplib's stop() does nothing until the listener thread has begun
  // listening, and that thread would then accept forever: a server destroyed
  // right after it started (its --url-list could not be written) hung there.
  while (!listener_done_ && !server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server_->stop();
  if (listener_.joinable()) listener_.join();
}

std::string FileServer::base_url() const {
  const bool wildcard = config_.address == "0.0.0.0" || config_.address == "::";
  return fmt::format("{}://{}:{}", config_.tls_cert.empty() ? "http" : "https", wildcard ? "127.0.0.1" : config_.address,
                     port_);
}

std::vector<ServedFile> FileServer::files() const {
  std::vector<ServedFile> out;
  for (std::size_t i = 0; i < config_.synthetic_sizes.size(); ++i) {
    out.push_back({rooted(synthetic_name(i)), config_.synthetic_sizes[i]});
  }
  if (!config_.directory.empty()) {
    std::vector<ServedFile> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(config_.directory)) {
      if (!entry.is_regular_file()) continue;
      const std::string relative = entry.path().lexically_relative(config_.directory).generic_string();
      if (safe_relative_path(relative)) found.push_back({rooted(percent_encode_path(relative)), entry.file_size()});
    }
    std::sort(found.begin(), found.end(), [](const ServedFile& a, const ServedFile& b) { return a.path < b.path; });
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

bool FileServer::wait(double milliseconds) const {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double, std::milli>(milliseconds);
  while (!stopping_) {
    const auto left = std::chrono::duration_cast<std::chrono::microseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return true;
    std::this_thread::sleep_for(std::min<std::chrono::microseconds>(left, std::chrono::milliseconds(20)));
  }
  return false;
}

std::uint64_t FileServer::count_request(const std::string& key) {
  std::lock_guard lock(counts_mutex_);
  return counts_[key]++;
}

void FileServer::handle(const httplib::Request& request, httplib::Response& response) {
  ++requests_;
  if (config_.latency_ms > 0.0 && !wait(config_.latency_ms)) return;

  auto param = [&](const char* name) { return request.has_param(name) ? request.get_param_value(name) : std::string(); };
  std::string fault;
  if (config_.faults) {
    if (request.path.rfind("/status/", 0) == 0) {
      response.status = std::atoi(request.path.c_str() + 8);
      if (response.status < 100 || response.status > 599) response.status = 400;
      if (!param("retry_after").empty()) response.set_header("Retry-After", param("retry_after"));
      response.set_content(fmt::format("status {}\n", response.status), "text/plain");
      return;
    }
    if (request.path == "/redirect") {
      // "code=301|303|307|308" for the other redirect statuses; 302 otherwise.
      const int code = std::atoi(param("code").c_str());
      response.status = code == 301 || code == 303 || code == 307 || code == 308 ? code : 302;
      response.set_header("Location", param("to"));
      response.set_content("redirect\n", "text/plain");
      return;
    }
    // "disposition=VALUE": a Content-Disposition header, e.g. a hostile file name.
    if (!param("disposition").empty()) response.set_header("Content-Disposition", param("disposition"));
    fault = param("fail");
    // "times=K": only the first K requests of this exact target fail, then it behaves.
    if (!fault.empty() && !param("times").empty() &&
        count_request(request.target) >= std::strtoull(param("times").c_str(), nullptr, 10)) {
      fault.clear();
    }
  }

  // Which file, and where its bytes come from.
  const std::string relative = request.path.size() > 1 ? request.path.substr(1) : "";
  std::uint64_t size = 0;
  std::shared_ptr<OpenFile> file;
  std::optional<std::size_t> synthetic;
  for (std::size_t i = 0; i < config_.synthetic_sizes.size() && !synthetic; ++i) {
    if (relative == synthetic_name(i)) {
      synthetic = i;
      size = config_.synthetic_sizes[i];
    }
  }
  if (!synthetic) {
    std::error_code ec;
    const std::filesystem::path path = config_.directory / relative;
    if (config_.directory.empty() || !safe_relative_path(relative) || !std::filesystem::is_regular_file(path, ec)) {
      response.status = 404;
      response.set_content("not found\n", "text/plain");
      return;
    }
    file = std::make_shared<OpenFile>();
    file->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (file->fd < 0) {
      response.status = 403;
      response.set_content("cannot read\n", "text/plain");
      return;
    }
    size = std::filesystem::file_size(path, ec);
  }

  if (!fault.empty() && std::isdigit(static_cast<unsigned char>(fault.front()))) {
    response.status = std::atoi(fault.c_str());
    if (response.status < 100 || response.status > 599) response.status = 500;
    if (response.status == 429 || !param("retry_after").empty()) {
      response.set_header("Retry-After", param("retry_after").empty() ? "1" : param("retry_after"));
    }
    response.set_content(fmt::format("fault {}\n", response.status), "text/plain");
    return;
  }
  if (!config_.ranges || (config_.faults && param("range") == "off")) {
    // The request object is the server's own, not a constant: clearing the
    // parsed ranges makes httplib send the whole body with 200.
    const_cast<httplib::Request&>(request).ranges.clear();
  }
  if (size == 0) {
    // httplib sends a zero-length content provider with neither a length nor
    // a close, and the client waits for ever: say "Content-Length: 0".
    response.set_content("", "application/octet-stream");
    return;
  }
  const auto started = std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
  const auto sent = std::make_shared<std::uint64_t>(0);
  const std::uint64_t cut_at = fault.empty() ? size : size / 2;
  auto send_body = [this, file, synthetic, size, cut_at, fault, started, sent, peer_address = request.remote_addr,
                    peer_port = request.remote_port](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
    if (offset >= cut_at && !fault.empty()) {
      // The fault routes: the body stops halfway, one way or another.
      if (fault == "stall") wait(kStallMaxMs);
      if (fault == "reset") reset_connection(peer_address, peer_port);
      return false;
    }
    std::size_t count = std::min<std::size_t>({length, kChunkBytes, static_cast<std::size_t>(size - offset)});
    if (!fault.empty()) count = std::min<std::size_t>(count, static_cast<std::size_t>(cut_at - offset));
    std::string buffer(count, '\0');
    if (synthetic) {
      fill_synthetic(*synthetic, offset, buffer.data(), count);
    } else {
      const ssize_t got = ::pread(file->fd, buffer.data(), count, static_cast<off_t>(offset));
      if (got <= 0) return false;
      buffer.resize(static_cast<std::size_t>(got));
    }
    if (config_.rate > 0) {
      // Sleep until this response is back under its byte budget.
      const double due = static_cast<double>(*sent) / static_cast<double>(config_.rate);
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - *started).count();
      if (due > elapsed && !wait((due - elapsed) * 1000.0)) return false;
    }
    *sent += buffer.size();
    return sink.write(buffer.data(), buffer.size());
  };
  if (config_.faults && param("chunked") == "1") {
    // "chunked=1": no Content-Length, so a client learns the size only as the bytes come.
    response.set_chunked_content_provider("application/octet-stream",
                                          [send_body, size](std::size_t offset, httplib::DataSink& sink) {
                                            if (offset >= size) {
                                              sink.done();
                                              return true;
                                            }
                                            return send_body(offset, static_cast<std::size_t>(size - offset), sink);
                                          });
  } else {
    response.set_content_provider(size, "application/octet-stream", send_body);
  }
}

}  // namespace parakit::fileserver
