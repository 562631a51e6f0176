// Wrong on purpose: only whole chunks are dealt, so the last, shorter chunk
// (29902 to 30000 on [2, 30000]) is checked by no rank.
// expect-check: 2 ranks on [2, 30000]
// expect-hint: the last one may be shorter than 100
#include <mpi.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "kernels/naive.hpp"

namespace {

constexpr std::uint64_t kDefaultChunk = 100;

// What one rank did under one split. Numbers are checked in increasing order.
struct Tally {
  std::uint64_t numbers = 0;
  std::uint64_t first = 0;  // the first and last number checked, when numbers > 0
  std::uint64_t last = 0;
  std::uint64_t sum = 0;  // of the numbers checked
  std::uint64_t primes = 0;
  std::uint64_t busy_ns = 0;  // CPU time of the loop

  void check(std::uint64_t n) {
    if (numbers == 0) first = n;
    last = n;
    ++numbers;
    sum += n;
    if (parakit::is_prime_naive(n)) ++primes;
  }
};

// The first `extra` ranks take one number more than the others, so the
// remainder of the division is spread one number per rank.
void block_split(std::uint64_t lo, std::uint64_t hi, int rank, int size, Tally& tally) {
  const std::uint64_t numbers = hi - lo + 1;
  const std::uint64_t base = numbers / size;
  const std::uint64_t extra = numbers % size;
  const auto r = static_cast<std::uint64_t>(rank);
  const std::uint64_t first = lo + r * base + (r < extra ? r : extra);
  const std::uint64_t count = base + (r < extra ? 1 : 0);
  for (std::uint64_t n = first; n < first + count; ++n) tally.check(n);
}

// Chunk k is the numbers lo + k * chunk to lo + k * chunk + chunk - 1, the last
// chunk ending at hi; it goes to rank k % size. Each rank gets dear numbers
// from the top of the range and cheap ones from the bottom, so the work evens
// out. Whole chunks, not single numbers: dealt one by one, every even number
// (one division each) would land on the same rank when size is even.
void cyclic_split(std::uint64_t lo, std::uint64_t hi, std::uint64_t chunk, int rank, int size, Tally& tally) {
  const std::uint64_t stride = chunk * static_cast<std::uint64_t>(size);
  for (std::uint64_t start = lo + static_cast<std::uint64_t>(rank) * chunk; start + chunk - 1 <= hi;
       start += stride) {
    const std::uint64_t end = start + chunk - 1;
    for (std::uint64_t n = start; n <= end; ++n) tally.check(n);
  }
}

// CPU time of the calling thread: unlike the wall clock it does not run on
// while the rank waits for a core, so it holds when 4 ranks share 2 cores.
std::uint64_t thread_cpu_ns() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<std::uint64_t>(now.tv_sec) * 1'000'000'000u + static_cast<std::uint64_t>(now.tv_nsec);
}

template <class Split>
Tally timed(Split split) {
  Tally tally;
  const std::uint64_t start = thread_cpu_ns();
  split(tally);
  tally.busy_ns = thread_cpu_ns() - start;
  return tally;
}

// One rank's tally as it travels to rank 0: six MPI_UINT64_T values.
using Packed = std::array<std::uint64_t, 6>;

Packed pack(const Tally& t) { return {t.numbers, t.first, t.last, t.sum, t.primes, t.busy_ns}; }

Tally unpack(const Packed& p) { return {p[0], p[1], p[2], p[3], p[4], p[5]}; }

// Rank 0 gets every rank's tally, in rank order; the other ranks get nothing.
std::vector<Tally> gather(const Tally& mine, int rank, int size) {
  const Packed packed = pack(mine);
  std::vector<Packed> all(rank == 0 ? size : 0);
  const int fields = static_cast<int>(packed.size());
  MPI_Gather(packed.data(), fields, MPI_UINT64_T, all.data(), fields, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  std::vector<Tally> tallies;
  for (const Packed& p : all) tallies.push_back(unpack(p));
  return tallies;
}

// Slowest against the mean, minus one: 0 is a perfect split, 1 means the
// slowest rank worked twice as long as the average one.
double imbalance(const std::vector<Tally>& tallies) {
  std::uint64_t slowest = 0, sum = 0;
  for (const Tally& t : tallies) {
    slowest = std::max(slowest, t.busy_ns);
    sum += t.busy_ns;
  }
  if (sum == 0) return 0.0;
  return static_cast<double>(slowest) * static_cast<double>(tallies.size()) / static_cast<double>(sum) - 1.0;
}

void report(const char* split, const std::vector<Tally>& tallies, std::uint64_t lo, std::uint64_t hi) {
  const int size = static_cast<int>(tallies.size());
  std::uint64_t total = 0;
  for (int r = 0; r < size; ++r) {
    const Tally& t = tallies[r];
    total += t.primes;
    const double busy = static_cast<double>(t.busy_ns) / 1e9;
    if (t.numbers == 0) {
      std::printf("%-6s rank %d of %d: no numbers, 0 primes, busy %.6f s\n", split, r, size, busy);
    } else {
      std::printf("%-6s rank %d of %d: %llu numbers (first %llu, last %llu, sum %llu), %llu primes, busy %.6f s\n",
                  split, r, size, static_cast<unsigned long long>(t.numbers),
                  static_cast<unsigned long long>(t.first), static_cast<unsigned long long>(t.last),
                  static_cast<unsigned long long>(t.sum), static_cast<unsigned long long>(t.primes), busy);
    }
  }
  std::printf("%-6s total: %llu primes in [%llu, %llu], imbalance %.1f%% (slowest rank vs mean)\n", split,
              static_cast<unsigned long long>(total), static_cast<unsigned long long>(lo),
              static_cast<unsigned long long>(hi), 100.0 * imbalance(tallies));
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

  // Below 2^32 every sum of numbers fits 64 bits; the naive kernel would take
  // hours up there anyway.
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 32;
  std::uint64_t lo = 0, hi = 0, chunk = kDefaultChunk;
  if ((argc != 3 && argc != 4) || !parse_number(argv[1], lo) || !parse_number(argv[2], hi) || lo > hi ||
      hi >= kLimit || (argc == 4 && (!parse_number(argv[3], chunk) || chunk == 0 || chunk >= kLimit))) {
    if (rank == 0) {
      std::fprintf(stderr, "usage: %s LO HI [CHUNK]  (0 <= LO <= HI < 2^32, 1 <= CHUNK < 2^32, default 100)\n",
                   argv[0]);
    }
    MPI_Finalize();
    return 2;
  }

  const Tally block = timed([&](Tally& t) { block_split(lo, hi, rank, size, t); });
  const Tally cyclic = timed([&](Tally& t) { cyclic_split(lo, hi, chunk, rank, size, t); });

  const std::vector<Tally> blocks = gather(block, rank, size);
  const std::vector<Tally> cyclics = gather(cyclic, rank, size);
  if (rank == 0) {
    report("block", blocks, lo, hi);
    report("cyclic", cyclics, lo, hi);
  }
  MPI_Finalize();
  return 0;
}
