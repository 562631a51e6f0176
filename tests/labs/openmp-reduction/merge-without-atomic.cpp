// Wrong on purpose: per-thread counts merged by hand, with 'count += found'
// unguarded (it needs '#pragma omp atomic'). The race is real but has only
// one window per thread, so the totals are nearly always right: the check of
// the source is the one that catches it.
// expect-check: the count is combined with a reduction (read from the source)
// expect-hint: no guard
#include <omp.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "kernels/kernel.hpp"

namespace {

// Which thread tested how many numbers, and the size of the team it saw: the
// evidence that the loop really ran on OMP_NUM_THREADS threads. Each thread
// writes only its own slot, one cache line each, so this is no race.
class Tallies {
 public:
  void note() {
    const int thread = omp_get_thread_num();
    if (thread < 0 || thread >= kMaxThreads) return;
    Slot& slot = slots_[static_cast<std::size_t>(thread)];
    ++slot.numbers;
    slot.team = omp_get_num_threads();
  }

  void print() const {
    for (int thread = 0; thread < kMaxThreads; ++thread) {
      const Slot& slot = slots_[static_cast<std::size_t>(thread)];
      if (slot.numbers > 0) {
        std::printf("thread %d of %d: %llu numbers\n", thread, slot.team,
                    static_cast<unsigned long long>(slot.numbers));
      }
    }
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
  std::uint64_t lo = 0, hi = 0;
  if (argc != 3 || !parse_number(argv[1], lo) || !parse_number(argv[2], hi) || lo > hi || hi >= UINT64_MAX / 2) {
    std::fprintf(stderr, "usage: %s LO HI  (0 <= LO <= HI < 2^63)\n", argv[0]);
    return 2;
  }
  const auto numbers = static_cast<long long>(hi - lo + 1);

  Tallies tallies;
  std::uint64_t count = 0;
#pragma omp parallel
  {
    std::uint64_t found = 0;
#pragma omp for
    for (long long i = 0; i < numbers; ++i) {
      if (parakit::is_prime(parakit::Kernel::trial, lo + static_cast<std::uint64_t>(i))) ++found;
      tallies.note();
    }
    count += found;
  }

  tallies.print();
  std::printf("total: %llu primes in [%llu, %llu]\n", static_cast<unsigned long long>(count),
              static_cast<unsigned long long>(lo), static_cast<unsigned long long>(hi));
  return 0;
}
