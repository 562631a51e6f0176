#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace parakit {

// A file that appears under its final name only when it is complete.
//
// The data goes to a temporary name beside the target (same directory, so the
// final rename is atomic on POSIX file systems). If commit() is never reached,
// because of an error, an exception or a kill, the destructor removes the
// temporary, and no half-written file ever carries the final name.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::filesystem::path& temporary() const { return temporary_; }
  const std::filesystem::path& target() const { return target_; }

  // Flushes the temporary to disk and renames it onto the target; throws
  // std::runtime_error naming the target and the cause on failure.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  bool committed_ = false;
};

// Writes `text` to `target` through an AtomicFile. Throws std::runtime_error
// "cannot write 'TARGET': CAUSE" (e.g. "No space left on device"); the target
// is then untouched and no temporary is left behind.
void write_file_atomically(const std::filesystem::path& target, std::string_view text);

// "<target>.tmp.<pid>.<counter>": unique per process, recognisable by a person.
std::filesystem::path temporary_name_for(const std::filesystem::path& target);

}  // namespace parakit
