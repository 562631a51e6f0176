// Wrong on purpose: the ranks send only the first two values of their result
// (a count of 2 where the message has kFields = 3), so the prime counts never
// leave them and rank 0 prints 0 primes for every other rank.
// expect-check: 2 ranks on [0, 100]
// expect-hint: the message must carry all three values
#include <mpi.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

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

// One rank's result, as it travels in a message: three MPI_UINT64_T values.
enum Field { kFirst, kNumbers, kPrimes, kFields };
using Result = std::array<std::uint64_t, kFields>;

void print_result(int rank, int size, const Result& result) {
  if (result[kNumbers] == 0) {
    std::printf("rank %d of %d: no numbers, 0 primes\n", rank, size);
    return;
  }
  std::printf("rank %d of %d: numbers %llu to %llu, %llu primes\n", rank, size,
              static_cast<unsigned long long>(result[kFirst]),
              static_cast<unsigned long long>(result[kFirst] + result[kNumbers] - 1),
              static_cast<unsigned long long>(result[kPrimes]));
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

  const Block block = block_of(lo, hi, rank, size);
  const std::uint64_t primes = block.count == 0 ? 0 : parakit::sieve_count(block.first, block.first + block.count - 1);
  const Result mine = {block.first, block.count, primes};

  // On rank 0, results[r] is rank r's result. Only rank 0 fills it and prints.
  std::vector<Result> results;
  if (rank == 0) results.push_back(mine);

  // Receiving from each source in turn keeps the lines in rank order, whatever
  // order the messages arrive in.
  constexpr int kResultTag = 1;
  if (rank == 0) {
    for (int source = 1; source < size; ++source) {
      Result theirs{};
      MPI_Recv(theirs.data(), kFields, MPI_UINT64_T, source, kResultTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      results.push_back(theirs);
    }
  } else {
    MPI_Send(mine.data(), 2, MPI_UINT64_T, 0, kResultTag, MPI_COMM_WORLD);
  }

  if (rank == 0) {
    std::uint64_t total = 0;
    for (std::size_t r = 0; r < results.size(); ++r) {
      print_result(static_cast<int>(r), size, results[r]);
      total += results[r][kPrimes];
    }
    std::printf("total: %llu primes in [%llu, %llu]\n", static_cast<unsigned long long>(total),
                static_cast<unsigned long long>(lo), static_cast<unsigned long long>(hi));
  }
  MPI_Finalize();
  return 0;
}
