// Exercise hybrid-funneled (lab 16): count the primes of [lo, hi] with MPI
// ranks and OpenMP threads inside each rank.
//
// Every rank takes its block of the range and splits it over its threads;
// rank 0 prints the total. The total comes out right, but the program breaks
// the rules of a hybrid code twice:
//   * it starts MPI with MPI_Init, which promises MPI nothing about threads:
//     the MPI library may assume the process has only one;
//   * every thread calls MPI_Reduce with its own count, from inside the
//     parallel region: MPI calls from threads other than the main one, and
//     as many reductions per rank as there are threads.
// A rank whose threads each call MPI needs MPI_THREAD_SERIALIZED at least;
// with MPI_THREAD_FUNNELED, only the thread that started MPI may call it,
// which is all this program needs.
//
// Build:  cmake --build . --target hybrid_funneled_start
// Run:    OMP_NUM_THREADS=2 mpirun -np 3 ./hybrid_funneled_start 0 3000000
// Check:  ../labs/check hybrid-funneled
#include <mpi.h>
#include <omp.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "kernels/kernel.hpp"

namespace {

// The numbers first, first + 1, ..., first + count - 1; count may be 0.
struct Block {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
};

// The first `extra` ranks take one number more than the others.
Block block_of(std::uint64_t lo, std::uint64_t hi, int rank, int size) {
  const std::uint64_t numbers = hi - lo + 1;
  const std::uint64_t base = numbers / size;
  const std::uint64_t extra = numbers % size;
  const auto r = static_cast<std::uint64_t>(rank);
  const std::uint64_t first = lo + r * base + (r < extra ? r : extra);
  return {first, base + (r < extra ? 1 : 0)};
}

// How many numbers each thread tested, and the size of the team it saw: the
// evidence that the block really was split over OMP_NUM_THREADS threads.
// Each thread writes only its own slot, one cache line each.
class Tallies {
 public:
  void note() {
    const int thread = omp_get_thread_num();
    if (thread < 0 || thread >= kMaxThreads) return;
    Slot& slot = slots_[static_cast<std::size_t>(thread)];
    ++slot.numbers;
    slot.team = omp_get_num_threads();
  }

  // "rank 1 of 3: 2 threads, numbers per thread 500001 500000"
  void print(int rank, int size) const {
    int team = 0;
    for (const Slot& slot : slots_) {
      if (slot.numbers > 0) team = slot.team;
    }
    if (team == 0) {
      std::printf("rank %d of %d: no numbers for the threads\n", rank, size);
      return;
    }
    std::printf("rank %d of %d: %d threads, numbers per thread", rank, size, team);
    for (const Slot& slot : slots_) {
      if (slot.numbers > 0) std::printf(" %llu", static_cast<unsigned long long>(slot.numbers));
    }
    std::printf("\n");
  }

 private:
  static constexpr int kMaxThreads = 64;
  struct alignas(64) Slot {
    std::uint64_t numbers = 0;
    int team = 0;
  };
  std::array<Slot, kMaxThreads> slots_{};
};

bool parse_number(const char* text, std::uint64_t& value) {
  char* end = nullptr;
  value = std::strtoull(text, &end, 10);
  return *text >= '0' && *text <= '9' && *end == '\0';
}

}  // namespace

int main(int argc, char** argv) {
  // TODO 1: start MPI with MPI_Init_thread, asking for MPI_THREAD_FUNNELED,
  // and check the level it provides: when it is lower, print a message that
  // names MPI_THREAD_FUNNELED on rank 0, and stop every rank: each rank got
  // the same level, so each can call MPI_Finalize and return 1.
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
  const auto numbers = static_cast<long long>(mine.count);
  Tallies tallies;
  std::uint64_t count = 0;  // this rank's primes
  std::uint64_t total = 0;  // everyone's, on rank 0

  // TODO 2: let OpenMP add up the threads' counts into `count` (a reduction
  // clause), then combine the ranks' counts with one MPI_Reduce made by the
  // main thread, after the parallel region. Today each thread keeps its own
  // count and calls MPI_Reduce itself.
#pragma omp parallel
  {
    std::uint64_t found = 0;
#pragma omp for
    for (long long i = 0; i < numbers; ++i) {
      if (parakit::is_prime(parakit::Kernel::trial, mine.first + static_cast<std::uint64_t>(i))) ++found;
      tallies.note();
    }
#pragma omp critical
    {
      std::uint64_t sum = 0;
      MPI_Reduce(&found, &sum, 1, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
      count += found;
      total += sum;
    }
  }

  if (mine.count == 0) {
    std::printf("rank %d of %d: no numbers, 0 primes\n", rank, size);
  } else {
    std::printf("rank %d of %d: numbers %llu to %llu, %llu primes\n", rank, size,
                static_cast<unsigned long long>(mine.first),
                static_cast<unsigned long long>(mine.first + mine.count - 1), static_cast<unsigned long long>(count));
  }
  tallies.print(rank, size);
  std::fflush(stdout);

  if (rank == 0) {
    std::printf("total: %llu primes in [%llu, %llu]\n", static_cast<unsigned long long>(total),
                static_cast<unsigned long long>(lo), static_cast<unsigned long long>(hi));
  }
  MPI_Finalize();
  return 0;
}
