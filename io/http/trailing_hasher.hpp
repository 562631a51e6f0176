#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "io/http/sha256.hpp"

namespace parakit::http {

// SHA-256 of a file that is still being appended to, computed behind the
// writer by reading back from the page cache.
//
// Hashing inside libcurl's write callback puts SHA-256 on the receive path: a
// large file then arrives about 20% slower than with curl, which does not hash.
// Here the writer only reports how far it got; once enough is waiting, a thread
// of this object's own catches up in the background, and finish() hashes what
// is left. A small file never starts the thread: finish() hashes it whole.
class TrailingHasher {
 public:
  explicit TrailingHasher(std::filesystem::path path);
  ~TrailingHasher();
  TrailingHasher(const TrailingHasher&) = delete;
  TrailingHasher& operator=(const TrailingHasher&) = delete;

  // The file now holds `bytes` bytes, all final.
  void written_up_to(std::uint64_t bytes);
  // The file was truncated to nothing: start the digest over.
  void restart();
  // Hex digest of the first `bytes` bytes, once all of them are hashed.
  // Throws std::runtime_error when the file cannot be read back.
  std::string finish(std::uint64_t bytes);

 private:
  void catch_up(std::stop_token stop);
  // Hashes [hashed_, target) with the lock released while reading; false on a
  // read error or when `stop` is requested.
  bool hash_range(std::unique_lock<std::mutex>& lock, std::uint64_t target, const std::stop_token& stop = {});
  void stop_thread();

  std::filesystem::path path_;
  int fd_ = -1;
  Sha256 digest_;
  std::vector<char> buffer_;   // read-back buffer; used, like digest_, by one hashing thread at a time
  std::mutex mutex_;
  std::condition_variable_any progress_;
  std::uint64_t written_ = 0;  // what the writer reported
  std::uint64_t hashed_ = 0;   // what the digest covers
  std::string read_error_;
  std::jthread thread_;        // last: stopped and joined before the members above go
};

}  // namespace parakit::http
