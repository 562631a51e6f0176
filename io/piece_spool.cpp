#include "io/piece_spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fmt/format.h>
#include <stdexcept>
#include <utility>

namespace parakit {
namespace {

// Big enough that the write calls cost nothing next to the sieve, small enough
// to be nothing next to a segment's memory.
constexpr std::size_t kBufferBytes = 1 << 20;

int open_unlinked(const std::filesystem::path& folder) {
  int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  // File systems without O_TMPFILE (some network ones) say so with one of
  // these; anything else (no such folder, no permission) is the folder's fault.
  if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) return -1;
  std::string name = (folder / ".parakit-spool-XXXXXX").string();
  fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd >= 0) ::unlink(name.c_str());
  return fd;
}

}  // namespace

PieceSpool::PieceSpool(const std::filesystem::path& folder) {
  buffer_.reserve(kBufferBytes);
  fd_ = open_unlinked(folder.empty() ? std::filesystem::path(".") : folder);
  if (fd_ < 0) {
    const int error = errno;
    throw std::runtime_error(fmt::format("cannot make a scratch file in '{}': {}", folder.string(), std::strerror(error)));
  }
}

PieceSpool::~PieceSpool() {
  if (fd_ >= 0) ::close(fd_);
}

PieceSpool::PieceSpool(PieceSpool&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      buffer_(std::move(other.buffer_)),
      end_(other.end_),
      piece_start_(other.piece_start_),
      piece_index_(other.piece_index_),
      pieces_(std::move(other.pieces_)),
      error_(std::move(other.error_)) {}

void PieceSpool::begin(std::uint64_t index) {
  piece_index_ = index;
  piece_start_ = end_ + buffer_.size();
}

void PieceSpool::append(std::string_view bytes) {
  if (!error_.empty()) return;
  buffer_.append(bytes);
  if (buffer_.size() >= kBufferBytes) flush();
}

void PieceSpool::append_line(std::uint64_t value) {
  char digits[24];
  char* end = std::to_chars(digits, digits + sizeof digits - 1, value).ptr;
  *end++ = '\n';
  append(std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

void PieceSpool::commit() {
  pieces_.push_back({piece_index_, piece_start_, end_ + buffer_.size() - piece_start_});
}

void PieceSpool::discard() {
  if (!error_.empty()) {
    buffer_.clear();  // nothing more reaches the file; keep the buffer empty
    return;
  }
  if (piece_start_ >= end_) {
    buffer_.resize(piece_start_ - end_);
  } else {
    // Part of the piece reached the file: later bytes overwrite it.
    buffer_.clear();
    end_ = piece_start_;
  }
}

void PieceSpool::flush() {
  std::size_t written = 0;
  while (written < buffer_.size() && error_.empty()) {
    const ssize_t n = ::pwrite(fd_, buffer_.data() + written, buffer_.size() - written,
                               static_cast<off_t>(end_ + written));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = std::strerror(n < 0 ? errno : EIO);
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  end_ += written;
  buffer_.clear();
}

void PieceSpool::finish() {
  if (!buffer_.empty()) flush();
}

void PieceSpool::read(std::uint64_t offset, std::span<char> into) {
  finish();
  if (!error_.empty()) throw std::runtime_error("scratch file: " + error_);
  std::size_t done = 0;
  while (done < into.size()) {
    const ssize_t n = ::pread(fd_, into.data() + done, into.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      throw std::runtime_error(fmt::format("scratch file: {}", n < 0 ? std::strerror(errno) : "ended early"));
    }
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace parakit
