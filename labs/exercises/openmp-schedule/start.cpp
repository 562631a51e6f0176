// Exercise openmp-schedule (lab 16): one loop under three OpenMP schedules.
//
// The lesson's naive test costs n - 2 divisions for a prime n and a single
// one for an even n, so the iterations of a loop over [lo, hi] cost wildly
// different amounts, and the costly ones sit at the top of the range. The
// program runs the same loop three times: under schedule(static),
// schedule(static, 1) and schedule(dynamic, k). For each it prints the count,
// each thread's busy time (the CPU time it spent in the loop) and the
// imbalance: how much longer the busiest thread worked than the average.
//
// Today the three loops carry no schedule clause, so all three run under the
// compiler's default. Give each its clause (TODO 1 to 3) and pick the chunk k
// (TODO 4).
//
// Build:  cmake --build . --target openmp_schedule_start
// Run:    OMP_NUM_THREADS=2 ./openmp_schedule_start 2 30000
// Check:  ../labs/check openmp-schedule
//
// With a third argument, the program also writes which thread ran which
// iteration to that file, one line per schedule: what labs/check reads.
#include <omp.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "kernels/naive.hpp"

namespace {

// TODO 4: the chunk k of schedule(dynamic, k), the number of consecutive
// iterations a thread takes each time it asks for work. 1 is a placeholder.
constexpr long long kChunk = 1;

// The CPU time of the calling thread: the time it spent working, whatever
// else the machine ran meanwhile, so a busy machine does not blur it.
double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

// One run of the loop: which thread ran each iteration, and how long each
// thread was busy. Every thread writes only its own entries.
class Run {
 public:
  Run(std::string name, std::uint64_t lo, long long iterations)
      : name_(std::move(name)), lo_(lo), owner_(static_cast<std::size_t>(iterations), -1),
        busy_(static_cast<std::size_t>(omp_get_max_threads()), 0.0) {}

  long long iterations() const { return static_cast<long long>(owner_.size()); }

  // Iteration i: the naive test of lo + i; 1 when it is prime.
  std::uint64_t test(long long i) {
    owner_[static_cast<std::size_t>(i)] = omp_get_thread_num();
    return parakit::is_prime_naive(lo_ + static_cast<std::uint64_t>(i)) ? 1 : 0;
  }

  // Called by every thread once it has no iterations left.
  void finished(double started) {
    const auto thread = static_cast<std::size_t>(omp_get_thread_num());
    if (thread < busy_.size()) busy_[thread] = thread_cpu_seconds() - started;
    if (thread == 0) team_ = omp_get_num_threads();
  }

  void print(std::uint64_t count) const {
    std::printf("%s: %llu primes in [%llu, %llu]\n", name_.c_str(), static_cast<unsigned long long>(count),
                static_cast<unsigned long long>(lo_),
                static_cast<unsigned long long>(lo_ + static_cast<std::uint64_t>(iterations()) - 1));
    double slowest = 0.0, total = 0.0;
    for (int thread = 0; thread < team_; ++thread) {
      const double busy = busy_[static_cast<std::size_t>(thread)];
      std::printf("  thread %d: %lld iterations, busy %.4f s\n", thread,
                  static_cast<long long>(std::count(owner_.begin(), owner_.end(), thread)), busy);
      slowest = std::max(slowest, busy);
      total += busy;
    }
    const double mean = team_ > 0 ? total / team_ : 0.0;
    std::printf("  imbalance %.1f%% (slowest vs mean)\n", mean > 0.0 ? 100.0 * (slowest / mean - 1.0) : 0.0);
  }

  void write_owners(std::FILE* out) const {
    std::fprintf(out, "%s:", name_.c_str());
    for (const int thread : owner_) std::fprintf(out, " %d", thread);
    std::fputc('\n', out);
  }

  int team() const { return team_; }

 private:
  std::string name_;
  std::uint64_t lo_;
  std::vector<int> owner_;
  std::vector<double> busy_;
  int team_ = 0;
};

// Each loop ends with nowait: a thread that has run out of iterations
// records its busy time at once, instead of after waiting for the others.

std::uint64_t run_static(Run& run) {
  const long long iterations = run.iterations();
  std::uint64_t count = 0;
#pragma omp parallel
  {
    const double started = thread_cpu_seconds();
    // TODO 1: schedule(static): one contiguous block per thread, in thread order.
#pragma omp for reduction(+ : count) nowait
    for (long long i = 0; i < iterations; ++i) count += run.test(i);
    run.finished(started);
  }
  return count;
}

std::uint64_t run_static_1(Run& run) {
  const long long iterations = run.iterations();
  std::uint64_t count = 0;
#pragma omp parallel
  {
    const double started = thread_cpu_seconds();
    // TODO 2: schedule(static, 1): iteration i on thread i % threads.
#pragma omp for reduction(+ : count) nowait
    for (long long i = 0; i < iterations; ++i) count += run.test(i);
    run.finished(started);
  }
  return count;
}

std::uint64_t run_dynamic(Run& run) {
  const long long iterations = run.iterations();
  std::uint64_t count = 0;
#pragma omp parallel
  {
    const double started = thread_cpu_seconds();
    // TODO 3: schedule(dynamic, kChunk): kChunk iterations at a time, to
    // whichever thread asks first.
#pragma omp for reduction(+ : count) nowait
    for (long long i = 0; i < iterations; ++i) count += run.test(i);
    run.finished(started);
  }
  return count;
}

bool parse_number(const char* text, std::uint64_t& value) {
  char* end = nullptr;
  value = std::strtoull(text, &end, 10);
  return *text >= '0' && *text <= '9' && *end == '\0';
}

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t lo = 0, hi = 0;
  // The naive test of a prime n costs n divisions: past 10^7 one number takes seconds.
  if ((argc != 3 && argc != 4) || !parse_number(argv[1], lo) || !parse_number(argv[2], hi) || lo > hi ||
      hi > 10'000'000) {
    std::fprintf(stderr, "usage: %s LO HI [OWNERS_FILE]  (0 <= LO <= HI <= 10000000)\n", argv[0]);
    return 2;
  }
  std::unique_ptr<std::FILE, FileCloser> owners;
  if (argc == 4) {
    owners.reset(std::fopen(argv[3], "w"));
    if (!owners) {
      std::fprintf(stderr, "%s: cannot write %s\n", argv[0], argv[3]);
      return 2;
    }
  }
  const auto iterations = static_cast<long long>(hi - lo + 1);

  Run runs[] = {{"static", lo, iterations},
                {"static,1", lo, iterations},
                {"dynamic," + std::to_string(kChunk), lo, iterations}};
  const std::uint64_t counts[] = {run_static(runs[0]), run_static_1(runs[1]), run_dynamic(runs[2])};

  std::printf("team of %d threads, dynamic chunk %lld\n", runs[0].team(), kChunk);
  for (int schedule = 0; schedule < 3; ++schedule) {
    runs[schedule].print(counts[schedule]);
    if (owners) runs[schedule].write_owners(owners.get());
  }
  return 0;
}
