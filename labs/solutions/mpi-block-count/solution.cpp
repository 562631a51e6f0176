// Solution of mpi-block-count (lab 14): count the primes of [lo, hi] with MPI.
//
// Every rank counts the primes of its own block of the range with the kit's
// sieve; rank 0 prints the total. The blocks must be contiguous, in rank
// order, cover [lo, hi] exactly, and differ in length by at most one number,
// for any number of ranks: also when it does not divide the range, and when
// there are more ranks than numbers.
//
// Build:  cmake --build . --target mpi_block_count_solution
// Check:  ../labs/check mpi-block-count ../labs/solutions/mpi-block-count/solution.cpp
#include <mpi.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "kernels/sieve.hpp"

namespace {

// The numbers first, first + 1, ..., first + count - 1; count may be 0.
struct Block {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
};

// The first `extra` ranks take one number more than the others, so the
// remainder of the division is spread one number per rank.
Block block_of(std::uint64_t lo, std::uint64_t hi, int rank, int size) {
  const std::uint64_t numbers = hi - lo + 1;
  const std::uint64_t base = numbers / size;
  const std::uint64_t extra = numbers % size;
  const auto r = static_cast<std::uint64_t>(rank);
  const std::uint64_t first = lo + r * base + (r < extra ? r : extra);
  return {first, base + (r < extra ? 1 : 0)};
}

bool parse_number(const char* text, std::uint64_t& value) {
  char* end = nullptr;
  value = std::strtoull(text, &end, 10);
  return *text >= '0' && *text <= '9' && *end == '\0';
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  std::uint64_t lo = 0, hi = 0;
  if (argc != 3 || !parse_number(argv[1], lo) || !parse_number(argv[2], hi) || lo > hi || hi >= UINT64_MAX / 2) {
    if (rank == 0) std::fprintf(stderr, "usage: %s LO HI  (0 <= LO <= HI < 2^63)\n", argv[0]);
    MPI_Finalize();
    return 2;
  }

  const Block mine = block_of(lo, hi, rank, size);
  const std::uint64_t count = mine.count == 0 ? 0 : parakit::sieve_count(mine.first, mine.first + mine.count - 1);
  if (mine.count == 0) {
    std::printf("rank %d of %d: no numbers, 0 primes\n", rank, size);
  } else {
    std::printf("rank %d of %d: numbers %llu to %llu, %llu primes\n", rank, size,
                static_cast<unsigned long long>(mine.first),
                static_cast<unsigned long long>(mine.first + mine.count - 1), static_cast<unsigned long long>(count));
  }
  std::fflush(stdout);

  std::uint64_t total = 0;
  MPI_Reduce(&count, &total, 1, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);

  if (rank == 0) {
    std::printf("total: %llu primes in [%llu, %llu]\n", static_cast<unsigned long long>(total),
                static_cast<unsigned long long>(lo), static_cast<unsigned long long>(hi));
  }
  MPI_Finalize();
  return 0;
}
