#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <stdexcept>
#include <utility>

#include "io/printable.hpp"

namespace parakit {
namespace {

[[noreturn]] void fail(const std::filesystem::path& target, int error) {
  throw std::runtime_error(fmt::format("cannot write '{}': {}", printable(target.string(), 200), std::strerror(error)));
}

// Owns a file descriptor; closing is checked by the caller.
struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
  int release() { return std::exchange(fd, -1); }
};

}  // namespace

std::filesystem::path temporary_name_for(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  return target.string() + fmt::format(".tmp.{}.{}", ::getpid(), counter++);
}

AtomicFile::AtomicFile(std::filesystem::path target)
    : target_(std::move(target)), temporary_(temporary_name_for(target_)) {}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
  }
}

void AtomicFile::commit() {
  // A rename replaces whatever has the name: as root, "--list /dev/null"
  // would turn /dev/null into a regular file for the whole machine.
  std::error_code ec;
  const auto existing = std::filesystem::status(target_, ec);
  if (std::filesystem::exists(existing) && !std::filesystem::is_regular_file(existing)) {
    if (std::filesystem::is_directory(existing)) fail(target_, EISDIR);
    throw std::runtime_error(fmt::format("cannot write '{}': not a regular file", printable(target_.string(), 200)));
  }
  // A file renamed into place before its data reached the disk can come back
  // empty after a crash; fsync first, so the final name only ever holds all of it.
  Descriptor file{::open(temporary_.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0 || ::fsync(file.fd) != 0) fail(target_, errno);
  if (::close(file.release()) != 0) fail(target_, errno);
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0) fail(target_, errno);
  committed_ = true;
}

void write_file_atomically(const std::filesystem::path& target, std::string_view text) {
  AtomicFile file(target);
  Descriptor out{::open(file.temporary().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)};
  if (out.fd < 0) fail(target, errno);
  while (!text.empty()) {
    const ssize_t written = ::write(out.fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) fail(target, written < 0 ? errno : ENOSPC);
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  if (::close(out.release()) != 0) fail(target, errno);
  file.commit();
}

}  // namespace parakit
