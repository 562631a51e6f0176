#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace parakit {

// Pieces of an output file that are too big to keep in memory (the primes of
// a range may run to gigabytes), written to a scratch file as they are made
// and read back when the final file is assembled (io/mpi/ordered_writer.hpp).
//
// The scratch file is created already unlinked in `folder` (O_TMPFILE, or a
// name removed at once where the file system lacks it), so it disappears with
// the process however that ends, even by SIGKILL. (On NFS, which lacks
// O_TMPFILE, the removed name shows as .nfsXXXX until the process ends.)
// Give it the folder of the final file: the bytes must fit there anyway.
//
// One writer at a time: give every thread its own spool.
class PieceSpool {
 public:
  // Where one finished piece lies in the scratch file.
  struct Piece {
    std::uint64_t index = 0;
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
  };

  // Throws std::runtime_error naming `folder` when no scratch file can be made there.
  explicit PieceSpool(const std::filesystem::path& folder);
  ~PieceSpool();
  PieceSpool(const PieceSpool&) = delete;
  PieceSpool& operator=(const PieceSpool&) = delete;
  PieceSpool(PieceSpool&& other) noexcept;
  PieceSpool& operator=(PieceSpool&&) = delete;

  // Starts piece `index`; the bytes appended until commit() or discard() are its own.
  void begin(std::uint64_t index);
  void append(std::string_view bytes);
  // `value` in decimal and a newline.
  void append_line(std::uint64_t value);
  // The piece is whole: it is kept.
  void commit();
  // The piece was cut short: its bytes are dropped and their room reused.
  void discard();

  // Writes out what is still buffered, so that error() tells the whole story.
  void finish();

  const std::vector<Piece>& pieces() const { return pieces_; }
  // Empty, or the first write error ("No space left on device"): after one,
  // appends are dropped and the spool must not be used for output.
  const std::string& error() const { return error_; }

  // Reads `into.size()` bytes at `offset` of the scratch file, finishing
  // first; throws std::runtime_error after a write
  // error or on a short read.
  void read(std::uint64_t offset, std::span<char> into);

 private:
  void flush();

  int fd_ = -1;
  std::string buffer_;
  std::uint64_t end_ = 0;  // bytes on the file, committed or not
  std::uint64_t piece_start_ = 0;
  std::uint64_t piece_index_ = 0;
  std::vector<Piece> pieces_;
  std::string error_;
};

}  // namespace parakit
