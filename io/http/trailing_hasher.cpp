#include "io/http/trailing_hasher.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace parakit::http {
namespace {

// Below this much unhashed data a thread costs more than it saves.
constexpr std::uint64_t kStartThreadAt = 4 << 20;
constexpr std::size_t kReadBytes = 1 << 20;

}  // namespace

TrailingHasher::TrailingHasher(std::filesystem::path path) : path_(std::move(path)) {}

TrailingHasher::~TrailingHasher() {
  stop_thread();
  if (fd_ >= 0) ::close(fd_);
}

void TrailingHasher::written_up_to(std::uint64_t bytes) {
  {
    const std::lock_guard lock(mutex_);
    written_ = bytes;
  }
  if (thread_.joinable()) {
    progress_.notify_one();
  } else if (bytes - hashed_ >= kStartThreadAt) {
    thread_ = std::jthread([this](std::stop_token stop) { catch_up(stop); });
  }
}

void TrailingHasher::restart() {
  stop_thread();
  digest_.reset();
  written_ = hashed_ = 0;
  read_error_.clear();
}

std::string TrailingHasher::finish(std::uint64_t bytes) {
  std::unique_lock lock(mutex_);
  written_ = bytes;
  if (thread_.joinable()) {
    progress_.notify_one();
    progress_.wait(lock, [&] { return hashed_ >= bytes || !read_error_.empty(); });
  } else {
    hash_range(lock, bytes);
  }
  if (!read_error_.empty()) throw std::runtime_error(read_error_);
  return digest_.hex();
}

void TrailingHasher::catch_up(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  while (progress_.wait(lock, stop, [&] { return hashed_ < written_; })) {
    if (!hash_range(lock, written_, stop)) break;
    progress_.notify_all();  // finish() may be waiting
  }
  progress_.notify_all();
}

bool TrailingHasher::hash_range(std::unique_lock<std::mutex>& lock, std::uint64_t target, const std::stop_token& stop) {
  if (fd_ < 0) fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    read_error_ = fmt::format("cannot read back {} to hash it: {}", path_.string(), std::strerror(errno));
    return false;
  }
  // Allocated once: a new zero-filled MiB per catch-up would cost a memset each time.
  if (buffer_.empty()) buffer_.resize(kReadBytes);
  while (hashed_ < target) {
    if (stop.stop_requested()) return false;  // a failed transfer need not wait for its digest
    const std::uint64_t from = hashed_;
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(target - from, buffer_.size()));
    // Only this function moves hashed_ and it runs on one thread at a time
    // (the catch-up thread, or finish() when there is none), so reading
    // without the lock is safe; the writer meanwhile keeps appending.
    lock.unlock();
    const ssize_t got = ::pread(fd_, buffer_.data(), want, static_cast<off_t>(from));
    const int read_errno = errno;
    if (got > 0) digest_.update(buffer_.data(), static_cast<std::size_t>(got));
    lock.lock();
    if (got < 0 && read_errno == EINTR) continue;
    if (got <= 0) {
      read_error_ = got == 0 ? fmt::format("{} is shorter than the {} bytes written", path_.string(), target)
                             : fmt::format("cannot read back {} to hash it: {}", path_.string(), std::strerror(read_errno));
      return false;
    }
    hashed_ = from + static_cast<std::uint64_t>(got);
  }
  return true;
}

void TrailingHasher::stop_thread() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  thread_.join();
  thread_ = std::jthread();
}

}  // namespace parakit::http
