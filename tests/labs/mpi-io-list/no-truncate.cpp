// Wrong on purpose: the file is never cut to the list's length. MPI_MODE_CREATE
// does not empty an existing file, so a longer file from an earlier run keeps
// its tail after the list.
// expect-check: 3 ranks on [0, 1000] over a longer file from an earlier run
// expect-hint: MPI_File_set_size
#include <mpi.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "kernels/sieve.hpp"

namespace {

// The numbers first, first + 1, ..., first + count - 1; count may be 0.
struct Block {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
};

// Contiguous blocks in rank order, the first `extra` ranks one number longer:
// rank r's primes all come before rank r + 1's.
Block block_of(std::uint64_t lo, std::uint64_t hi, int rank, int size) {
  const std::uint64_t numbers = hi - lo + 1;
  const std::uint64_t base = numbers / size;
  const std::uint64_t extra = numbers % size;
  const auto r = static_cast<std::uint64_t>(rank);
  const std::uint64_t first = lo + r * base + (r < extra ? r : extra);
  return {first, base + (r < extra ? 1 : 0)};
}

// The block's primes as text, one per line, as `primes --list` writes them.
std::string list_text(const Block& block) {
  std::string text;
  if (block.count == 0) return text;
  parakit::sieve_for_each(block.first, block.first + block.count - 1, [&text](std::uint64_t prime) {
    text += std::to_string(prime);
    text += '\n';
  });
  return text;
}

// MPI counts are int, so one write call takes at most 2^31 - 1 bytes. Below
// this width even one rank's text stays under that: at most 5·10^7 primes of
// at most 21 bytes each (20 digits and the newline). A wider range would need
// its text written in pieces.
constexpr std::uint64_t max_width = 100'000'000;

bool parse_number(const char* text, std::uint64_t& value) {
  char* end = nullptr;
  errno = 0;
  value = std::strtoull(text, &end, 10);
  return *text >= '0' && *text <= '9' && *end == '\0' && errno == 0;
}

// MPI-IO calls return their errors (files get MPI_ERRORS_RETURN by default),
// so each one is checked; a failure ends the whole job.
void check(int code, const char* what, const char* path) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  std::fprintf(stderr, "%s '%s': %.*s\n", what, path, length, text);
  MPI_Abort(MPI_COMM_WORLD, 1);
}

// The shared file, opened by every rank of MPI_COMM_WORLD together and closed
// (also together: MPI_File_close is collective) when it goes out of scope.
class SharedFile {
 public:
  SharedFile(const char* path, int mode) {
    check(MPI_File_open(MPI_COMM_WORLD, path, mode, MPI_INFO_NULL, &file_), "cannot open", path);
  }
  ~SharedFile() {
    if (file_ != MPI_FILE_NULL) MPI_File_close(&file_);
  }
  SharedFile(const SharedFile&) = delete;
  SharedFile& operator=(const SharedFile&) = delete;
  MPI_File get() const { return file_; }

 private:
  MPI_File file_ = MPI_FILE_NULL;
};

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  std::uint64_t lo = 0, hi = 0;
  if (argc != 4 || !parse_number(argv[1], lo) || !parse_number(argv[2], hi) || lo > hi || hi - lo >= max_width) {
    if (rank == 0) std::fprintf(stderr, "usage: %s LO HI FILE  (0 <= LO <= HI < 2^64, HI - LO < 10^8)\n", argv[0]);
    MPI_Finalize();
    return 2;
  }
  const char* path = argv[3];

  const Block mine = block_of(lo, hi, rank, size);
  const std::string text = list_text(mine);
  const auto bytes = static_cast<MPI_Offset>(text.size());
  const auto primes = static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));

  // A rank's text goes right after the texts of the ranks before it: its
  // offset is the sum of their byte counts, an exclusive prefix sum.
  MPI_Offset offset = 0;
  MPI_Exscan(&bytes, &offset, 1, MPI_OFFSET, MPI_SUM, MPI_COMM_WORLD);
  if (rank == 0) offset = 0;  // the standard leaves rank 0's MPI_Exscan result undefined

  if (mine.count == 0) {
    std::printf("rank %d of %d: no numbers, 0 primes, 0 bytes at offset %lld\n", rank, size,
                static_cast<long long>(offset));
  } else {
    std::printf("rank %d of %d: numbers %llu to %llu, %llu primes, %lld bytes at offset %lld\n", rank, size,
                static_cast<unsigned long long>(mine.first),
                static_cast<unsigned long long>(mine.first + mine.count - 1),
                static_cast<unsigned long long>(primes), static_cast<long long>(bytes),
                static_cast<long long>(offset));
  }
  std::fflush(stdout);

  // The whole list's primes and bytes, for the summary line and the file's size.
  std::uint64_t totals[2] = {primes, static_cast<std::uint64_t>(bytes)};
  MPI_Allreduce(MPI_IN_PLACE, totals, 2, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);

  {
    SharedFile file(path, MPI_MODE_CREATE | MPI_MODE_WRONLY);
    // Collective: every rank calls it, also one with nothing to write (count
    // 0), and MPI may merge the ranks' pieces into a few large writes.
    check(MPI_File_write_at_all(file.get(), offset, text.data(), static_cast<int>(text.size()), MPI_CHAR,
                                MPI_STATUS_IGNORE),
          "cannot write", path);
  }

  if (rank == 0) {
    std::printf("list: %llu primes, %llu bytes in %s\n", static_cast<unsigned long long>(totals[0]),
                static_cast<unsigned long long>(totals[1]), path);
  }
  MPI_Finalize();
  return 0;
}
