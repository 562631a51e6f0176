#include "io/http/transfer.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <memory>
#include <thread>
#include <vector>

#include "io/http/file_naming.hpp"
#include "io/http/sha256.hpp"
#include "io/progress.hpp"
#include "parakit/version.hpp"

namespace parakit::http {
namespace {

constexpr long kBufferBytes = 512 * 1024;  // fewer, larger writes than curl's 16 KiB default
constexpr long kMaxRedirects = 10;

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

// The host of the URL libcurl last talked to (after redirects), for messages.
std::string effective_host(CURL* easy) {
  const char* url = nullptr;
  curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &url);
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), &curl_url_cleanup);
  char* host = nullptr;
  if (!url || !parsed || curl_url_set(parsed.get(), CURLUPART_URL, url, 0) != CURLUE_OK ||
      curl_url_get(parsed.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK) {
    return "the server";
  }
  std::string name = host;
  curl_free(host);
  return name;
}

// A certificate that cannot be trusted is not a network hiccup: one line that
// names the host and libcurl's reason, and how to trust a private CA.
std::optional<std::string> tls_problem(CURL* easy, CURLcode code, const std::string& detail) {
  if (code == CURLE_PEER_FAILED_VERIFICATION) {
    const bool unknown_issuer = detail.find("issuer") != std::string::npos || detail.find("self-signed") != std::string::npos ||
                                detail.find("self signed") != std::string::npos;
    return fmt::format("TLS certificate of {} not trusted: {}{}", effective_host(easy), detail,
                       unknown_issuer ? " (trust its CA with --cacert FILE)" : "");
  }
  if (code == CURLE_SSL_CACERT_BADFILE) return fmt::format("TLS: cannot use the CA certificates: {}", detail);
  return std::nullopt;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

// Byte for byte, so no digest is needed to tell an identical file from a
// different one of the same size.
bool same_contents(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec_a, ec_b;
  if (std::filesystem::file_size(a, ec_a) != std::filesystem::file_size(b, ec_b) || ec_a || ec_b) return false;
  std::ifstream in_a(a, std::ios::binary), in_b(b, std::ios::binary);
  if (!in_a || !in_b) return false;
  std::vector<char> block_a(1 << 20), block_b(1 << 20);
  while (in_a && in_b) {
    in_a.read(block_a.data(), static_cast<std::streamsize>(block_a.size()));
    in_b.read(block_b.data(), static_cast<std::streamsize>(block_b.size()));
    if (in_a.gcount() != in_b.gcount() ||
        !std::equal(block_a.begin(), block_a.begin() + in_a.gcount(), block_b.begin())) {
      return false;
    }
  }
  return !in_a.bad() && !in_b.bad();
}

}  // namespace

Transfer::Transfer(TransferRequest request, const TransferSettings& settings)
    : request_(std::move(request)),
      settings_(settings),
      part_path_(request_.target.parent_path() / partial_name(request_.target.filename().string())),
      jitter_(std::random_device{}()) {
  if (settings_.hash_all || !request_.expected_sha256.empty()) hash_.emplace(part_path_);
}

Transfer::~Transfer() {
  if (fd_ >= 0) ::close(fd_);
}

bool Transfer::open_part() {
  std::error_code ec;
  const bool resume = settings_.keep_partial && std::filesystem::is_regular_file(part_path_, ec);
  fd_ = ::open(part_path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (resume ? 0 : O_TRUNC), 0644);
  if (fd_ < 0) {
    fail(fmt::format("cannot write {}: {}", part_path_.string(), std::strerror(errno)));
    return false;
  }
  if (!resume) return true;
  // What an earlier run left counts (and is hashed, when a digest is wanted, while the rest arrives).
  const off_t end = ::lseek(fd_, 0, SEEK_END);
  if (end < 0) {
    fail(fmt::format("cannot read {}: {}", part_path_.string(), std::strerror(errno)));
    return false;
  }
  on_disk_ = static_cast<std::uint64_t>(end);
  if (hash_) hash_->written_up_to(on_disk_);
  result_.resumed_from = on_disk_;
  return true;
}

void Transfer::restart_part() {
  if (::ftruncate(fd_, 0) != 0 || ::lseek(fd_, 0, SEEK_SET) != 0) {
    abort_ = Abort::disk;
    abort_detail_ = std::strerror(errno);
  }
  on_disk_ = 0;
  if (hash_) hash_->restart();
  result_.resumed_from = 0;
}

// --continue after an interrupted run: a file under its final name got there by
// rename only once complete and checked, so it is kept, unless the list gives
// a sha256 that it does not match. It is hashed only when a digest is wanted.
bool Transfer::keep_saved_file() {
  std::error_code ec;
  if (!settings_.keep_partial || !std::filesystem::is_regular_file(request_.target, ec) ||
      std::filesystem::exists(part_path_, ec)) {
    return false;
  }
  const std::uintmax_t size = std::filesystem::file_size(request_.target, ec);
  if (ec || (settings_.max_size > 0 && size > settings_.max_size)) return false;
  std::string digest;
  if (wants_digest()) {
    digest = file_sha256_hex(request_.target);
    if (digest.empty()) return false;
    if (!request_.expected_sha256.empty() && digest != request_.expected_sha256) return false;
  }
  result_.ok = true;
  result_.already_saved = true;
  result_.bytes = size;
  result_.sha256 = digest;
  return true;
}

void Transfer::interrupt() {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  result_.ok = false;
  result_.interrupted = true;
  result_.bytes = on_disk_;
  std::error_code ignored;
  if (on_disk_ == 0) {
    std::filesystem::remove(part_path_, ignored);
    result_.error = "stopped before any byte arrived";
  } else {
    result_.error = fmt::format("stopped after {} bytes, kept in {} for --continue", on_disk_, part_path_.filename().string());
  }
}

bool Transfer::start_attempt(CURL* easy) {
  if (result_.attempts == 0 && keep_saved_file()) return false;
  if (stopping()) {
    interrupt();
    return false;
  }
  if (fd_ < 0 && !open_part()) return false;
  ++result_.attempts;
  current_easy_ = easy;
  status_checked_ = false;
  attempt_bytes_ = 0;
  retry_after_.reset();
  range_start_.reset();
  content_length_.reset();
  location_.clear();
  abort_ = Abort::none;
  abort_detail_.clear();
  curl_error_[0] = '\0';

  // A reset handle keeps its connections, so a retry or the next file reuses them.
  curl_easy_reset(easy);
  curl_easy_setopt(easy, CURLOPT_URL, request_.url.c_str());
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, curl_error_);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for timeouts
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(easy, CURLOPT_MAXREDIRS, kMaxRedirects);
  // http and https only, for the first request and for every redirect: a
  // server must never make us read file:// or talk to another protocol.
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, settings_.insecure ? 0L : 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, settings_.insecure ? 0L : 2L);
  if (!settings_.cacert.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, settings_.cacert.c_str());
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, settings_.connect_timeout);
  // Our own stall watch rather than CURLOPT_LOW_SPEED_*: libcurl averages the
  // speed over several seconds, so a body that stops after a burst would be
  // noticed only long after --stall-timeout.
  curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, &Transfer::on_progress);
  curl_easy_setopt(easy, CURLOPT_XFERINFODATA, this);
  last_data_at_ = std::chrono::steady_clock::now();
  last_received_ = 0;
  stalled_ = false;
  curl_easy_setopt(easy, CURLOPT_BUFFERSIZE, kBufferBytes);
  // The build's own version (libcurl copies the string).
  curl_easy_setopt(easy, CURLOPT_USERAGENT, fmt::format("parakit-download/{}", kVersion).c_str());
  if (settings_.max_size > 0) {
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(settings_.max_size));
  }
  if (on_disk_ > 0) curl_easy_setopt(easy, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(on_disk_));
  return true;
}

bool Transfer::accept_status(long status) {
  status_checked_ = true;
  if (status < 200 || status > 299) {
    abort_ = Abort::http_status;
    return false;
  }
  if (on_disk_ > 0 && (status != 206 || range_start_ != on_disk_)) {
    // The server sent the whole body (it ignores Range) or another range than
    // asked for: what we have is useless, start the part over.
    restart_part();
    return abort_ == Abort::none;
  }
  return true;
}

std::size_t Transfer::on_body(char* data, std::size_t, std::size_t count, void* self_pointer) {
  auto& self = *static_cast<Transfer*>(self_pointer);
  if (self.stopping()) return 0;  // finish_attempt() sees the stop and keeps the part
  if (!self.status_checked_) {
    long status = 0;
    curl_easy_getinfo(self.current_easy_, CURLINFO_RESPONSE_CODE, &status);
    if (!self.accept_status(status)) return 0;  // aborts the attempt: nothing of an error body is kept
  }
  if (self.settings_.max_size > 0 && self.on_disk_ + count > self.settings_.max_size) {
    self.abort_ = Abort::too_large;
    return 0;
  }
  if (!write_all(self.fd_, data, count)) {
    self.abort_ = Abort::disk;
    self.abort_detail_ = std::strerror(errno);
    return 0;
  }
  self.on_disk_ += count;
  if (self.hash_) self.hash_->written_up_to(self.on_disk_);
  self.attempt_bytes_ += count;
  if (self.settings_.progress) self.settings_.progress->add_bytes(count);
  return count;
}

int Transfer::on_progress(void* self_pointer, curl_off_t, curl_off_t received, curl_off_t, curl_off_t) {
  auto& self = *static_cast<Transfer*>(self_pointer);
  if (self.stopping()) return 1;
  const auto now = std::chrono::steady_clock::now();
  if (received != self.last_received_) {
    self.last_received_ = received;
    self.last_data_at_ = now;
    return 0;
  }
  if (now - self.last_data_at_ > std::chrono::seconds(self.settings_.stall_timeout)) {
    self.stalled_ = true;
    return 1;  // aborts the attempt with CURLE_ABORTED_BY_CALLBACK
  }
  return 0;
}

std::size_t Transfer::on_header(char* data, std::size_t, std::size_t count, void* self_pointer) {
  auto& self = *static_cast<Transfer*>(self_pointer);
  const std::string_view line(data, count);
  if (starts_with_nocase(line, "http/")) {
    // A new response (after a redirect or a 100 Continue): forget the last one's headers.
    self.retry_after_.reset();
    self.range_start_.reset();
    self.content_length_.reset();
  } else if (starts_with_nocase(line, "location:")) {
    self.location_ = trim(line.substr(9));
  } else if (starts_with_nocase(line, "content-length:")) {
    const std::string_view value = trim(line.substr(15));
    std::uint64_t length = 0;
    if (!value.empty() && std::from_chars(value.data(), value.data() + value.size(), length).ptr == value.data() + value.size()) {
      self.content_length_ = length;
    }
  } else if (starts_with_nocase(line, "retry-after:")) {
    self.retry_after_ = parse_retry_after(line.substr(12), std::time(nullptr));
  } else if (starts_with_nocase(line, "content-range:")) {
    std::string_view value = line.substr(14);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (starts_with_nocase(value, "bytes ")) {
      value.remove_prefix(6);
      std::uint64_t start = 0;
      std::size_t i = 0;
      for (; i < value.size() && std::isdigit(static_cast<unsigned char>(value[i])); ++i) start = start * 10 + static_cast<std::uint64_t>(value[i] - '0');
      if (i > 0) self.range_start_ = start;
    }
  }
  return count;
}

void Transfer::fail(std::string error) {
  result_.ok = false;
  result_.error = std::move(error);
  result_.bytes = on_disk_;
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  std::error_code ignored;
  // --continue keeps what arrived for the next run; otherwise nothing is left behind.
  if (!settings_.keep_partial || on_disk_ == 0) std::filesystem::remove(part_path_, ignored);
}

std::optional<double> Transfer::retry_or_fail(std::string error, double at_least) {
  if (stopping()) {
    interrupt();
    return std::nullopt;
  }
  if (result_.attempts - free_attempts_ > settings_.retry.retries) {
    fail(result_.attempts > 1 ? fmt::format("{} (after {} attempts)", error, result_.attempts) : std::move(error));
    return std::nullopt;
  }
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  return std::max(at_least, backoff_delay(settings_.retry, result_.attempts, uniform(jitter_)));
}

void Transfer::complete() {
  // No fsync: like curl and wget, durability against power loss is left to the
  // file system; the rename still guarantees no process ever sees a partial file.
  ::close(fd_);
  fd_ = -1;
  std::error_code ec;
  if (!settings_.replace && std::filesystem::exists(std::filesystem::symlink_status(request_.target, ec))) {
    // Never clobber someone's file: an identical one is already what was
    // wanted, a different one stays unless --force says otherwise.
    if (!std::filesystem::is_regular_file(request_.target, ec) || !same_contents(request_.target, part_path_)) {
      fail(fmt::format("'{}' already exists and differs from the download (add --force to replace it)",
                       request_.target.string()));
      return;
    }
    std::filesystem::remove(part_path_, ec);
    ec.clear();
  } else {
    std::filesystem::rename(part_path_, request_.target, ec);
  }
  if (ec) {
    fail(fmt::format("cannot rename {} to {}: {}", part_path_.string(), request_.target.string(), ec.message()));
    return;
  }
  result_.ok = true;
  result_.error.clear();
  result_.bytes = on_disk_;
}

std::optional<double> Transfer::finish_attempt(CURL* easy, CURLcode code) {
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  result_.http_status = status;
  const std::string detail = curl_error_[0] ? curl_error_ : curl_easy_strerror(code);

  if (abort_ == Abort::disk) {
    fail(fmt::format("cannot write {}: {}", part_path_.string(), abort_detail_));
    return std::nullopt;
  }
  if (code != CURLE_OK && stopping()) {
    // What arrived is sound (only whole writes are counted): keep it as the part.
    interrupt();
    return std::nullopt;
  }
  if (abort_ == Abort::too_large || code == CURLE_FILESIZE_EXCEEDED) {
    // libcurl refuses a too large Content-Length before any byte of the body
    // (it does not report the length then); bodies of unknown length are cut
    // by on_body at the first byte past the limit.
    const std::uint64_t before = range_start_.value_or(0);
    on_disk_ = 0;  // a body we refuse is not worth keeping, even for --continue
    fail(code == CURLE_FILESIZE_EXCEEDED && content_length_
             ? fmt::format("larger than --max-size ({} bytes): the server announced {} bytes", settings_.max_size,
                           before + *content_length_)
             : fmt::format("larger than --max-size ({} bytes): stopped when more arrived", settings_.max_size));
    return std::nullopt;
  }
  if (code == CURLE_UNSUPPORTED_PROTOCOL) {
    // The URL itself was checked before, so only a redirect can lead here.
    fail(fmt::format("refused a redirect to a scheme other than http or https{} ({})",
                     location_.empty() ? "" : ": " + location_, detail));
    return std::nullopt;
  }
  if (const auto tls = tls_problem(easy, code, detail)) {
    fail(*tls);
    return std::nullopt;
  }
  if (code == CURLE_TOO_MANY_REDIRECTS) {
    fail(fmt::format("more than {} redirects", kMaxRedirects));
    return std::nullopt;
  }
  if (code == CURLE_RANGE_ERROR && on_disk_ > 0) {
    // The server answered our Range request with the whole body, which libcurl
    // refuses to append: start the part over, without Range and without
    // spending a retry.
    restart_part();
    ++free_attempts_;
    return 0.0;
  }
  const bool got_response = status != 0;
  if (got_response && !status_checked_ && (code == CURLE_OK || code == CURLE_WRITE_ERROR)) accept_status(status);
  if (abort_ == Abort::http_status || (got_response && (status < 200 || status > 299))) {
    if (status == 416 && on_disk_ > 0 && !restarted_after_416_) {
      // Our part is not a prefix the server can continue (it changed, or the
      // part is already complete): once, start over without spending a retry.
      restarted_after_416_ = true;
      restart_part();
      ++free_attempts_;
      return 0.0;
    }
    const std::string error = fmt::format("HTTP {}", status);
    if (!is_transient_status(status)) {
      fail(error);
      return std::nullopt;
    }
    double wait = 0.0;
    if (retry_after_) {
      if (*retry_after_ > settings_.retry.max_retry_after) {
        fail(fmt::format("{}: the server asks to retry after {:.0f} s, more than {:.0f} s", error, *retry_after_,
                         settings_.retry.max_retry_after));
        return std::nullopt;
      }
      wait = *retry_after_;
    }
    return retry_or_fail(error, wait);
  }
  if (code == CURLE_ABORTED_BY_CALLBACK && stalled_) {
    return retry_or_fail(fmt::format("stalled: no data for {} s", settings_.stall_timeout));
  }
  if (code != CURLE_OK) {
    const std::string error = std::string(detail);
    if (is_transient(code)) return retry_or_fail(error);
    fail(error);
    return std::nullopt;
  }
  curl_off_t length = -1;
  curl_easy_getinfo(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
  if (length >= 0 && attempt_bytes_ != static_cast<std::uint64_t>(length)) {
    return retry_or_fail(fmt::format("body ended after {} of {} bytes", attempt_bytes_, length));
  }
  try {
    if (hash_) result_.sha256 = hash_->finish(on_disk_);
  } catch (const std::exception& e) {
    fail(e.what());
    return std::nullopt;
  }
  if (!request_.expected_sha256.empty() && result_.sha256 != request_.expected_sha256) {
    const std::string error = fmt::format("sha256 mismatch: got {}, expected {}", result_.sha256, request_.expected_sha256);
    on_disk_ = 0;  // a wrong body is worth nothing, not even to --continue
    fail(error);
    return std::nullopt;
  }
  complete();
  return std::nullopt;
}

TransferResult run_transfer(CURL* easy, TransferRequest request, const TransferSettings& settings) {
  Transfer transfer(std::move(request), settings);
  while (transfer.start_attempt(easy)) {
    const std::optional<double> wait = transfer.finish_attempt(easy, curl_easy_perform(easy));
    if (!wait) break;
    // Sleep in slices, so a stop request does not wait for a long Retry-After.
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                              std::chrono::duration<double>(*wait));
    while (std::chrono::steady_clock::now() < until && !(settings.stop && settings.stop->load())) {
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(until - std::chrono::steady_clock::now(),
                                                                                std::chrono::milliseconds(50)));
    }
  }
  return transfer.result();
}

}  // namespace parakit::http
