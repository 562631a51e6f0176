#pragma once

#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <random>
#include <string>

#include "io/http/retry_policy.hpp"
#include "io/http/trailing_hasher.hpp"

namespace parakit {
class ProgressLine;
}

namespace parakit::http {

// What every transfer of a run shares.
struct TransferSettings {
  RetryPolicy retry;
  long connect_timeout = 10;   // seconds to establish a connection
  long stall_timeout = 30;     // seconds without a byte (headers or body) before an attempt is given up
  std::uint64_t max_size = 0;  // bytes; 0 for no limit
  std::string cacert;          // extra CA bundle for TLS verification
  bool insecure = false;       // --insecure: no TLS certificate or host name check at all
  bool keep_partial = false;   // --continue: resume and keep ".NAME.part" files, keep finished files
  bool replace = false;        // --force: a different file already under the final name is replaced
  // Compute every saved file's sha256 (for --json and --manifest). Off, only
  // files whose list line gives sha256= are hashed: SHA-256 costs more CPU
  // than receiving the bytes, and curl and aria2c do not hash either.
  bool hash_all = false;
  ProgressLine* progress = nullptr;
  // Set by SIGINT, SIGTERM or --time-limit: transfers end at once, keeping
  // what arrived as ".NAME.part" for a rerun with --continue.
  const std::atomic<bool>* stop = nullptr;
};

struct TransferRequest {
  std::string url;
  std::filesystem::path target;  // final path, inside the output directory
  std::string expected_sha256;   // lower-case hex, or empty
};

struct TransferResult {
  bool ok = false;
  std::uint64_t bytes = 0;  // size of the saved file (or of the part kept)
  std::string sha256;       // of the saved file; empty when not hashed (see hash_all)
  int attempts = 0;
  std::string error;        // one line; empty when ok
  long http_status = 0;     // of the last response, 0 if none came
  std::uint64_t resumed_from = 0;  // bytes of an earlier ".part" that were kept
  bool interrupted = false;        // cut short by settings.stop
  bool already_saved = false;      // --continue found the file complete from an earlier run
};

// One URL saved to one file, attempt by attempt, so the same code serves a
// blocking loop (serial, threads) and libcurl's multi interface (async).
//
// The body streams into ".NAME.part" beside the target (hashed behind the
// writer when a digest is wanted); only a complete, checked body is renamed to
// NAME. Retries resume the part with a
// Range request; a server that ignores Range sends everything again, and the
// part starts over.
class Transfer {
 public:
  Transfer(TransferRequest request, const TransferSettings& settings);
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  // Sets `easy` up for the next attempt. False when the transfer cannot even
  // start (the part file cannot be opened); result() then says why.
  bool start_attempt(CURL* easy);

  // To call once libcurl is done with the attempt. Returns the seconds to wait
  // before the next attempt, or nothing when the transfer is over.
  std::optional<double> finish_attempt(CURL* easy, CURLcode code);

  const TransferResult& result() const { return result_; }

  // Ends a transfer that waits to retry because the run is stopping.
  void abandon() { interrupt(); }
  const TransferRequest& request() const { return request_; }

 private:
  enum class Abort { none, http_status, too_large, disk };

  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self);
  static int on_progress(void* self, curl_off_t, curl_off_t received, curl_off_t, curl_off_t);
  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
  bool open_part();
  bool accept_status(long status);
  void restart_part();
  void fail(std::string error);
  std::optional<double> retry_or_fail(std::string error, double at_least = 0.0);
  void complete();
  void interrupt();
  bool stopping() const { return settings_.stop && settings_.stop->load(std::memory_order_relaxed); }
  bool keep_saved_file();
  bool wants_digest() const { return hash_.has_value(); }

  TransferRequest request_;
  const TransferSettings& settings_;
  std::filesystem::path part_path_;
  int fd_ = -1;
  std::uint64_t on_disk_ = 0;  // bytes in the part file
  std::optional<TrailingHasher> hash_;  // engaged when the digest is wanted
  TransferResult result_;
  std::mt19937_64 jitter_;
  bool restarted_after_416_ = false;
  int free_attempts_ = 0;  // restarts that do not count against --retries

  // Per attempt.
  CURL* current_easy_ = nullptr;  // the write callback gets no handle, but needs the status
  bool status_checked_ = false;
  std::uint64_t attempt_bytes_ = 0;
  std::optional<double> retry_after_;
  std::chrono::steady_clock::time_point last_data_at_{};
  curl_off_t last_received_ = 0;
  bool stalled_ = false;
  std::optional<std::uint64_t> range_start_;
  std::optional<std::uint64_t> content_length_;  // of the last response, as announced
  std::string location_;                         // of the last redirect, as sent
  Abort abort_ = Abort::none;
  std::string abort_detail_;
  char curl_error_[CURL_ERROR_SIZE] = {};
};

// The whole transfer on one handle, sleeping between attempts.
TransferResult run_transfer(CURL* easy, TransferRequest request, const TransferSettings& settings);

}  // namespace parakit::http
