#include "io/atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <stdexcept>
#include <unistd.h>

namespace parakit {

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
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
    throw std::runtime_error(fmt::format("cannot rename {} to {}: {}", temporary_.string(), target_.string(),
                                         std::strerror(errno)));
  }
  committed_ = true;
}

}  // namespace parakit
